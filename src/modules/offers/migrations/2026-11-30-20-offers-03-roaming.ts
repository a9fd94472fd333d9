import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** Roaming rates per plan and destination, every version of them, and the imports that wrote them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('roaming_imports')
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
    .createTable('roaming_rates')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('offer_plans.plan_id'))
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.licence_id'))
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('first_published_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_confirmed_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('roaming_rates_pk', ['plan_id', 'destination'])
    .execute();

  await db.schema
    .createTable('roaming_rate_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('roaming_imports.id'))
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_to', 'text')
    .addColumn('published_at', t.timestamp, (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('record', t.json, (c) => c.notNull())
    .addUniqueConstraint('roaming_rate_versions_uq', ['plan_id', 'destination', 'version'])
    .addForeignKeyConstraint('roaming_rate_versions_rate_fk', ['plan_id', 'destination'], 'roaming_rates', ['plan_id', 'destination'])
    .execute();
  await db.schema.createIndex('roaming_rate_versions_effective_idx').on('roaming_rate_versions').columns(['effective_from', 'effective_to']).execute();
}

/** Forward-only. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
