import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../database.ts';

/** Marks accounts whose password was issued by someone else and must be replaced at the next sign-in. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .alterTable('users')
    .addColumn('is_password_temporary', t.boolean, (c) => c.notNull().defaultTo(dialect === 'postgres' ? sql`false` : sql`0`))
    .execute();
  await db.schema.createIndex('api_tokens_operator_idx').on('api_tokens').column('operator_id').execute();
}

/** Forward-only, like every migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
