import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { migrateToLatest } from '../../../platform/db/index.ts';
import { devicesModule } from '../index.ts';
import { createOperatorDataRepository } from '../operator-dumps/operator-dumps.repository.ts';

const MIGRATION = '2026-12-27-10-devices-14-observation-msisdn-hash';
const all = allMigrations([devicesModule]);
// The database as the release before it left it.
const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < MIGRATION));
const databases = openTestDatabases(before);

for (const database of databases.all) {
  test(`observations gain the MSISDN's hash, and an import staged before the column came is still merged [${database.dialect}]`, async () => {
    assert.ok(MIGRATION in all);
    const db = await database.fresh();
    await sql`insert into device_dump_stagings (import_id, operator_id, started_at, touched_at, published_n) values ('imp-1', 'OP-A', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 0)`.execute(
      db.kysely,
    );
    await sql`create table device_dump_staging_imp_1 (n integer primary key, observation_key text not null, is_new boolean not null, imei_key text not null,
      imsi_cipher text, msisdn_cipher text, imsi_hash text, is_imsi_unclean boolean not null, home_network text, rat_mask integer, first_seen text not null, last_seen text not null)`.execute(
      db.kysely,
    );
    await sql`insert into device_dump_staging_imp_1 (n, observation_key, is_new, imei_key, imsi_hash, is_imsi_unclean, first_seen, last_seen)
      values (1, 'k1', ${true}, '35209900176149', 'h1', ${false}, '2026-11-01', '2026-11-02')`.execute(db.kysely);

    assert.ok((await migrateToLatest(db, all)).includes(MIGRATION));

    assert.ok((await createOperatorDataRepository(db.kysely).publishStagedChunk('imp-1', 'OP-A', 100, '2026-12-01T00:00:01.000Z')) > 0);
    const rows = await db.kysely.selectFrom('device_observations').select(['imei_key', 'imsi_hash', 'msisdn_hash']).execute();
    assert.deepEqual(rows, [{ imei_key: '35209900176149', imsi_hash: 'h1', msisdn_hash: null }]);
  });
}
