import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** Region boundaries (every set kept with its dates), and the published statistics with their runs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('quality_region_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('regions', 'integer', (c) => c.notNull())
    .addColumn('imported_at', t.timestamp, (c) => c.notNull())
    // Null while the set is in force; set when another set replaces it.
    .addColumn('replaced_at', t.timestamp)
    .execute();

  await db.schema
    .createTable('quality_regions')
    .addColumn('set_id', 'text', (c) => c.notNull().references('quality_region_sets.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('geometry', t.json, (c) => c.notNull())
    .addPrimaryKeyConstraint('quality_regions_pk', ['set_id', 'code'])
    .execute();

  await db.schema
    .createTable('quality_statistic_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('computed_at', t.timestamp, (c) => c.notNull())
    .addColumn('measurements', 'integer', (c) => c.notNull())
    .addColumn('groups', 'integer', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull())
    // The window of each period, as JSON {"90": {"from": ..., "to": ...}}.
    .addColumn('periods', t.json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quality_statistic_runs_computed_idx').on('quality_statistic_runs').column('computed_at').execute();

  // Only published groups are stored: a group below the minimums never leaves the aggregation.
  await db.schema
    .createTable('quality_statistics')
    .addColumn('period_days', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    // The H3 resolution of a cell; -1 for regions and the national figure.
    .addColumn('resolution', 'integer', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('technology', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('tests', 'integer', (c) => c.notNull())
    .addColumn('devices', 'integer', (c) => c.notNull())
    .addColumn('median', 'double precision', (c) => c.notNull())
    .addColumn('p10', 'double precision', (c) => c.notNull())
    .addColumn('p90', 'double precision', (c) => c.notNull())
    .addColumn('ci_low', 'double precision')
    .addColumn('ci_high', 'double precision')
    // JSON [{"threshold": 2000, "share": 0.8}, ...].
    .addColumn('shares', t.json, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('quality_statistics_query_idx')
    .on('quality_statistics')
    .columns(['period_days', 'level', 'resolution', 'metric', 'technology', 'operator_id'])
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
