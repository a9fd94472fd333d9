import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * The digital-skills courses beside their content items: a course's length, its quiz per language
 * (GIFT source, parsed questions, pass mark) with every import kept, and attempt counts that hold
 * no identity.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('learn_courses')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('learn_items.id'))
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('learn_quizzes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('learn_items.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('gift', 'text', (c) => c.notNull())
    .addColumn('questions', t.json, (c) => c.notNull())
    .addColumn('question_count', 'integer', (c) => c.notNull())
    .addColumn('pass_mark', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('learn_quizzes_course_language_key', ['course_id', 'language'])
    .execute();

  await db.schema
    .createTable('learn_quiz_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('quiz_id', 'text', (c) => c.notNull().references('learn_quizzes.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('gift', 'text', (c) => c.notNull())
    .addColumn('pass_mark', 'integer', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('learn_quiz_versions_quiz_version_key', ['quiz_id', 'version'])
    .execute();

  await db.schema
    .createTable('learn_quiz_stats')
    .addColumn('quiz_id', 'text', (c) => c.notNull().references('learn_quizzes.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('passes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('learn_quiz_stats_pkey', ['quiz_id', 'version'])
    .execute();

  await db.schema
    .createTable('learn_quiz_question_stats')
    .addColumn('quiz_id', 'text', (c) => c.notNull().references('learn_quizzes.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('credit_units', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('learn_quiz_question_stats_pkey', ['quiz_id', 'version', 'position'])
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
