import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * The staging of measurement and KPI imports. A large file is written in short transactions as it
 * is read, so that no import holds the database for long, and is published in one short
 * transaction at the end, all or nothing. `quality_import_stagings` names each import still being
 * written, with the last time it moved: a measurement whose `import_id` is named there is seen by
 * no reader, and KPI counts are written under reports that do not exist yet (readers join them to
 * their report), listed in `quality_kpi_staged_reports`. Publishing deletes the import's rows here;
 * an import a stopped process left is found by its age and its rows deleted.
 *
 * The aggregation's figures are written the same way: each names its run (`run_id`), readers read
 * the figures of the latest run recorded, and a run is recorded once all its figures are written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  // Null for a speed test result, which is stored at once.
  await db.schema.alterTable('quality_measurements').addColumn('import_id', 'text').execute();
  await db.schema.createIndex('quality_measurements_import_idx').on('quality_measurements').column('import_id').execute();

  await db.schema
    .createTable('quality_import_stagings')
    .addColumn('import_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text')
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('touched_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('quality_kpi_staged_reports')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quality_kpi_staged_reports_pkey', ['import_id', 'month'])
    .execute();

  await db.schema.alterTable('quality_statistics').addColumn('run_id', 'text').execute();
  // The figures stored so far are those of the latest run; none is stored without its run.
  await sql`update quality_statistics set run_id = (select r.id from quality_statistic_runs r order by r.computed_at desc, r.id desc limit 1)`.execute(db);
  await sql`delete from quality_statistics where run_id is null`.execute(db);
  // A run's figures are deleted area range by area range once another run takes over.
  await db.schema.createIndex('quality_statistics_run_idx').on('quality_statistics').columns(['run_id', 'area']).execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
