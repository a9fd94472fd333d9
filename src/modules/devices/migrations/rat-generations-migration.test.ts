import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { migrateToLatest } from '../../../platform/db/index.ts';
import { devicesModule } from '../index.ts';

const MIGRATION = '2026-12-07-10-devices-08-rat-generations';
const all = allMigrations([devicesModule]);
// The database as the release before it left it.
const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < MIGRATION));
const databases = openTestDatabases(before);

for (const database of databases.all) {
  test(`the RAT texts already stored become generation masks, in the observations and in a staging left half merged [${database.dialect}]`, async () => {
    assert.ok(MIGRATION in all);
    const db = await database.fresh();
    const texts = ['4G', 'lte', '104|001|006', '001|002|003|004|', 'WiFi', null];
    for (const [i, rat] of texts.entries()) {
      await sql`insert into device_observations (id, observation_key, imei_key, imsi_cipher, msisdn_cipher, imsi_hash, home_network, rat, operator_id, first_seen, last_seen, import_id)
        values (${`o${i}`}, ${`k${i}`}, ${`3520990017614${i}`}, null, null, null, null, ${rat}, 'OP-A', '2026-11-01', '2026-11-02', 'i')`.execute(db.kysely);
    }
    await sql`insert into device_dump_stagings (import_id, operator_id, started_at, touched_at, published_n) values ('imp-1', 'OP-A', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 0)`.execute(
      db.kysely,
    );
    await sql`create table device_dump_staging_imp_1 (n integer primary key, observation_key text not null, is_new boolean not null, imei_key text not null,
      imsi_cipher text, msisdn_cipher text, imsi_hash text, home_network text, rat text, first_seen text not null, last_seen text not null)`.execute(db.kysely);
    await sql`insert into device_dump_staging_imp_1 (n, observation_key, is_new, imei_key, rat, first_seen, last_seen) values (1, 'k9', ${true}, '35209900176149', '002|006', '2026-11-01', '2026-11-01')`.execute(
      db.kysely,
    );

    assert.ok((await migrateToLatest(db, all)).includes(MIGRATION));

    const masks = await db.kysely.selectFrom('device_observations').select(['id', 'rat_mask']).orderBy('id').execute();
    // The fourth text was cut at 16 characters: its codes still read, the empty last item gives nothing.
    assert.deepEqual(
      masks.map((r) => r.rat_mask),
      [4, 4, 1 | 2 | 4, 1 | 2, 0, null],
    );
    const staged = await sql<{ rat_mask: number }>`select rat_mask from device_dump_staging_imp_1`.execute(db.kysely);
    assert.deepEqual(
      staged.rows.map((r) => Number(r.rat_mask)),
      [1 | 4],
    );
    await sql`drop table device_dump_staging_imp_1`.execute(db.kysely);
  });
}
