import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** The server's record of each ndt7 test, and quality measurements from the speed test and imports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  // Byte counts pass 2^31 on a fast link within ten seconds: bigint on PostgreSQL.
  await db.schema
    .createTable('quality_ndt7_tests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('test', 'text', (c) => c.notNull())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('elapsed_us', 'bigint', (c) => c.notNull())
    .addColumn('num_bytes', 'bigint', (c) => c.notNull())
    .addColumn('min_rtt_us', 'integer')
    .addColumn('end_reason', 'text', (c) => c.notNull())
    .addColumn('client_name', 'text')
    .addColumn('client_version', 'text')
    .addColumn('measurement_id', 'text')
    .execute();
  await db.schema.createIndex('quality_ndt7_tests_started_idx').on('quality_ndt7_tests').column('started_at').execute();

  await db.schema
    .createTable('quality_measurements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('measured_at', t.timestamp, (c) => c.notNull())
    .addColumn('operator_id', 'text')
    .addColumn('technology', 'text', (c) => c.notNull())
    .addColumn('download_kbps', 'double precision')
    .addColumn('upload_kbps', 'double precision')
    .addColumn('latency_ms', 'double precision')
    .addColumn('jitter_ms', 'double precision')
    .addColumn('loss', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('accuracy_m', 'double precision')
    .addColumn('h3_cell', 'text')
    .addColumn('district_code', 'text')
    .addColumn('device_hash', 'text')
    .addColumn('client_hash', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('download_test_id', 'text')
    .addColumn('upload_test_id', 'text')
    .addColumn('is_valid', t.boolean, (c) => c.notNull())
    .addColumn('invalid_reason', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quality_measurements_measured_idx').on('quality_measurements').column('measured_at').execute();
  await db.schema.createIndex('quality_measurements_cell_idx').on('quality_measurements').columns(['h3_cell', 'measured_at']).execute();
  await db.schema.createIndex('quality_measurements_operator_idx').on('quality_measurements').columns(['operator_id', 'technology', 'measured_at']).execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
