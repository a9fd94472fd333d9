import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * The retention schedule's record of what it did, and the legal holds it must respect: each run
 * (nightly, on demand, dry or real) with one row per kind of record, and each hold staff placed
 * on one record, released or not. A hold's reason is sealed: staff may name a person in it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('privacy_retention_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('is_dry_run', t.boolean, (c) => c.notNull())
    .addColumn('run_date', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', t.timestamp, (c) => c.notNull())
    .addColumn('started_at', t.timestamp)
    .addColumn('finished_at', t.timestamp)
    .execute();
  await db.schema.createIndex('privacy_retention_runs_requested_idx').on('privacy_retention_runs').columns(['requested_at', 'id']).execute();
  await db.schema
    .createTable('privacy_retention_run_kinds')
    .addColumn('run_id', 'text', (c) => c.notNull().references('privacy_retention_runs.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('rule_json', t.json, (c) => c.notNull())
    .addColumn('is_default_rule', t.boolean, (c) => c.notNull())
    .addColumn('cutoff', t.timestamp, (c) => c.notNull())
    .addColumn('count', 'integer')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('privacy_retention_run_kinds_pk', ['run_id', 'kind'])
    .execute();
  await db.schema
    .createTable('privacy_legal_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('reason_enc', 'text', (c) => c.notNull())
    .addColumn('case_reference', 'text', (c) => c.notNull())
    .addColumn('placed_by', 'text')
    .addColumn('placed_at', t.timestamp, (c) => c.notNull())
    .addColumn('released_by', 'text')
    .addColumn('released_at', t.timestamp)
    .execute();
  await db.schema.createIndex('privacy_legal_holds_kind_idx').on('privacy_legal_holds').columns(['kind', 'released_at', 'record_id']).execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
