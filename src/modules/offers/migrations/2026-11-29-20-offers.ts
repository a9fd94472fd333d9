import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** Operators, plan ids, every version of every offer, and the imports that wrote them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('operators')
    .addColumn('licence_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('offer_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('new_versions', 'integer', (c) => c.notNull())
    .addColumn('confirmed', 'integer', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('offer_plans')
    .addColumn('plan_id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.licence_id'))
    .addColumn('service_type', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('first_published_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_confirmed_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('offer_plans_operator_idx').on('offer_plans').column('operator_id').execute();

  await db.schema
    .createTable('offer_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('offer_plans.plan_id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('offer_imports.id'))
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_to', 'text')
    .addColumn('published_at', t.timestamp, (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('record', t.json, (c) => c.notNull())
    .addUniqueConstraint('offer_versions_plan_version_uq', ['plan_id', 'version'])
    .execute();
  await db.schema.createIndex('offer_versions_effective_idx').on('offer_versions').columns(['effective_from', 'effective_to']).execute();
}

/** Forward-only. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
