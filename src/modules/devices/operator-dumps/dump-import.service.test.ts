import { test } from 'node:test';
import { sql } from 'kysely';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import type { createTestClock } from '../../../../test/helpers/platform.ts';
import { buildZip } from '../../../../test/helpers/zip.ts';
import { platformMigrations } from '../../../platform/db/index.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import {
  DUMP_WRITE_BATCH,
  DumpRejected,
  importDump,
  OBSERVATION_CRYPTO,
  settleAbandonedDumps,
  STALE_STAGING_MS,
  type DumpImportDeps,
} from './dump-import.service.ts';
import { devicesMigrations } from '../migrations/index.ts';
import { createOperatorDataRepository, stagingTableOf, type OperatorDataRepository } from './operator-dumps.repository.ts';
import { DEFAULT_DUMP_SETTINGS } from './operator-dumps.settings.ts';
import { operatorDataDepsFor } from '../testing/operator-data-deps.ts';

const databases = openTestDatabases({ ...platformMigrations, ...devicesMigrations });
const SYSTEM = { type: 'system', id: null } as const;
const dir = mkdtempSync(join(tmpdir(), 'kinga-dump-test-'));
const HEADER = 'date,imei,imsi,msisdn,rat';

type Db = Awaited<ReturnType<(typeof databases.all)[number]['fresh']>>;

function depsFor(db: Db, settings: Partial<typeof DEFAULT_DUMP_SETTINGS> = {}): DumpImportDeps & { clock: ReturnType<typeof createTestClock> } {
  return {
    ...operatorDataDepsFor(db.kysely),
    settings: { ...DEFAULT_DUMP_SETTINGS, ...settings },
    isKnownOperator: async (id) => id === 'OP-A' || id === 'OP-B',
  };
}

/** A clean row: the i-th device of the file, on a SIM of Kenya's MCC 639, seen on `day` of November 2026. */
function cleanRow(i: number, day = 1 + (i % 28)): string[] {
  const serial = String(100000 + i);
  return [`202611${String(day).padStart(2, '0')}`, `35209900${serial}`, `63902${String(1000000000 + i)}`, `2547${String(10000000 + i)}`, '4G'];
}

function writeDump(name: string, rows: readonly string[][], header = HEADER): string {
  const path = join(dir, `${uuidv7()}-${name}`);
  writeFileSync(path, [header, ...rows.map((r) => r.join(','))].join('\n') + '\n');
  return path;
}

const cleanRows = (n: number) => Array.from({ length: n }, (_, i) => cleanRow(i));

async function count(db: Db, table: 'device_observations' | 'device_dump_imports' | 'device_dump_stagings'): Promise<number> {
  const row = await db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function rejectionOf(promise: Promise<unknown>): Promise<DumpRejected> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DumpRejected) return error;
    throw error;
  }
  assert.fail('the dump was accepted');
}

/** Each case breaks exactly one check of a clean 100-row file. */
const SINGLE_FAILURES: ReadonlyArray<{ code: string; name?: string; rows: () => string[][]; settings?: Partial<typeof DEFAULT_DUMP_SETTINGS> }> = [
  { code: 'fileName', name: 'OP-A_2026-11-01_2026-11-30.csv', rows: () => cleanRows(100) },
  { code: 'operator', name: 'OP-B_20261101_20261130.csv', rows: () => cleanRows(100) },
  { code: 'dateRange', rows: () => cleanRows(100).map((r, i) => (i === 50 ? ['20261015', ...r.slice(1)] : r)) },
  { code: 'futureDate', name: 'OP-A_20261101_20261231.csv', rows: () => cleanRows(100).map((r, i) => (i === 50 ? ['20261215', ...r.slice(1)] : r)) },
  { code: 'nullImei', rows: () => cleanRows(100).map((r, i) => (i < 10 ? [r[0]!, '', r[2]!, r[3]!, r[4]!] : r)) },
  { code: 'nullImsi', rows: () => cleanRows(100).map((r, i) => (i < 10 ? [r[0]!, r[1]!, '', r[3]!, r[4]!] : r)) },
  { code: 'nullMsisdn', rows: () => cleanRows(100).map((r, i) => (i < 10 ? [r[0]!, r[1]!, r[2]!, '', r[4]!] : r)) },
  // Hexadecimal letters inside the first 14 characters: the key does not start with 14 digits.
  // The combined check (unclean IMEI or IMSI) is let through, to see this one alone.
  {
    code: 'uncleanImei',
    rows: () => cleanRows(100).map((r, i) => (i < 10 ? [r[0]!, `${r[1]!.slice(0, 12)}AB`, r[2]!, r[3]!, r[4]!] : r)),
    settings: { maxUncleanRatio: 1 },
  },
  { code: 'outOfRegionImsi', rows: () => cleanRows(100).map((r, i) => (i < 20 ? [r[0]!, r[1]!, `234${r[2]!.slice(3)}`, r[3]!, r[4]!] : r)) },
  // Three 13-digit IMEIs: 3% looks zero-stripped (limit 1%) while 3% unclean stays under its 5%.
  { code: 'leadingZeroImei', rows: () => cleanRows(100).map((r, i) => (i < 3 ? [r[0]!, r[1]!.slice(1), r[2]!, r[3]!, r[4]!] : r)) },
  { code: 'leadingZeroImsi', rows: () => cleanRows(100).map((r, i) => (i < 3 ? [r[0]!, r[1]!, r[2]!.slice(0, 14), r[3]!, r[4]!] : r)) },
  { code: 'leadingZeroMsisdn', rows: () => cleanRows(100).map((r, i) => (i < 3 ? [r[0]!, r[1]!, r[2]!, r[3]!.slice(3), r[4]!] : r)) },
];

for (const database of databases.all) {
  test(`imports a clean dump once, keeping one observation per distinct IMEI, IMSI, MSISDN and operator [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    // Each device seen on two days: 200 rows, 100 observations.
    const rows = [...cleanRows(100).map((r) => ['20261103', ...r.slice(1)]), ...cleanRows(100).map((r) => ['20261120', ...r.slice(1)])];
    const path = writeDump('OP-A_20261101_20261130.csv', rows);
    const outcome = await importDump(deps, { path, fileName: 'OP-A_20261101_20261130.csv', operatorId: 'OP-A', actor: SYSTEM });
    assert.equal(outcome.status, 'imported');
    assert.ok(outcome.status === 'imported' && outcome.report.rows === 200 && outcome.report.isAccepted);
    assert.equal(await count(db, 'device_observations'), 100);
    const first = await db.kysely.selectFrom('device_observations').selectAll().where('imei_key', '=', '35209900100000').executeTakeFirstOrThrow();
    assert.equal(first.first_seen, '2026-11-03');
    assert.equal(first.last_seen, '2026-11-20');
    assert.equal(first.home_network, '63902');
    assert.equal(first.rat_mask, 4);
    assert.equal(first.operator_id, 'OP-A');
    assert.equal(first.imsi_hash, deps.keyring.hash('639021000000000', OBSERVATION_CRYPTO.imsiHashPurpose));
    // The MSISDN's keyed hash is a pairing's: a person's mobile number finds the observations of their SIM.
    assert.equal(first.msisdn_hash, deps.keyring.hash('254710000000', OBSERVATION_CRYPTO.msisdnHashPurpose));
    assert.equal(deps.keyring.decrypt(first.imsi_cipher ?? '', OBSERVATION_CRYPTO.imsiContext), '639021000000000');
    assert.equal(deps.keyring.decrypt(first.msisdn_cipher ?? '', OBSERVATION_CRYPTO.msisdnContext), '254710000000');

    const again = await importDump(deps, { path, fileName: 'OP-A_20261101_20261130.csv', operatorId: 'OP-A', actor: SYSTEM });
    assert.equal(again.status, 'duplicate');
    assert.equal(again.importId, outcome.importId);
    assert.equal(await count(db, 'device_dump_imports'), 1);
    assert.equal(await count(db, 'device_observations'), 100);
  });

  test(`never stores an IMSI or MSISDN in clear [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const path = writeDump('OP-A_20261101_20261130.csv', cleanRows(50));
    await importDump(deps, { path, fileName: 'OP-A_20261101_20261130.csv', operatorId: 'OP-A', actor: SYSTEM });
    const everything = JSON.stringify([
      await db.kysely.selectFrom('device_observations').selectAll().execute(),
      await db.kysely.selectFrom('device_dump_imports').selectAll().execute(),
      await db.kysely.selectFrom('audit_log').selectAll().execute(),
    ]);
    assert.doesNotMatch(everything, /63902100000/, 'no IMSI in clear');
    assert.doesNotMatch(everything, /2547100000/, 'no MSISDN in clear');
    assert.match(everything, /35209900100000/, 'the IMEI key is kept');
  });

  test(`reads a dump zipped with its CSV named like the archive [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const path = join(dir, `${uuidv7()}.zip`);
    const csv = [HEADER, ...cleanRows(30).map((r) => r.join(','))].join('\r\n');
    writeFileSync(path, buildZip([{ name: 'OP-A_20261101_20261130.csv', content: csv }]));
    const outcome = await importDump(deps, { path, fileName: 'OP-A_20261101_20261130.zip', operatorId: 'OP-A', actor: SYSTEM });
    assert.ok(outcome.status === 'imported' && outcome.report.rows === 30);
    assert.equal(await count(db, 'device_observations'), 30);

    const wrong = join(dir, `${uuidv7()}.zip`);
    writeFileSync(wrong, buildZip([{ name: 'other.csv', content: csv }]));
    const rejected = await rejectionOf(importDump(deps, { path: wrong, fileName: 'OP-A_20261201_20261201.zip', operatorId: 'OP-A', actor: SYSTEM }));
    assert.deepEqual(
      rejected.report.checks.filter((c) => !c.isPassed).map((c) => c.code),
      ['format'],
    );
    assert.match(rejected.report.problems[0]?.message ?? '', /must be named OP-A_20261201_20261201\.csv/);

    const garbage = join(dir, `${uuidv7()}.zip`);
    writeFileSync(garbage, 'date,imei,imsi,msisdn\n');
    const unreadable = await rejectionOf(importDump(deps, { path: garbage, fileName: 'OP-A_20261201_20261201.zip', operatorId: 'OP-A', actor: SYSTEM }));
    assert.match(unreadable.report.problems[0]?.message ?? '', /not a readable zip archive/);
  });

  test(`refuses the whole file when a row late in it cannot be read [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    // Past several write batches, so that rows were already written inside the transaction.
    const rows = cleanRows(7000);
    rows[6800] = ['20261105', '35209900999999'];
    const path = writeDump('OP-A_20261101_20261130.csv', rows);
    const rejected = await rejectionOf(importDump(deps, { path, fileName: 'OP-A_20261101_20261130.csv', operatorId: 'OP-A', actor: SYSTEM }));
    assert.deepEqual(
      rejected.report.checks.filter((c) => !c.isPassed).map((c) => c.code),
      ['format'],
    );
    assert.deepEqual(
      rejected.problems.find((p) => p.field === 'row'),
      {
        line: 6802,
        field: 'row',
        message: 'Line 6802 has 2 fields; the header has 5.',
        key: 'devices.dumpFile.line.fieldCount',
        values: { line: 6802, count: 2, columns: 5 },
      },
    );
    assert.equal(rejected.status, 422);
    assert.equal(await count(db, 'device_observations'), 0);
    assert.equal(await count(db, 'device_dump_imports'), 0);
    const audit = await db.kysely.selectFrom('audit_log').select('action').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['devices.dump.rejected'],
    );
  });

  for (const failure of SINGLE_FAILURES) {
    test(`rejects a dump that fails only the ${failure.code} check, naming its measure and limit [${database.dialect}]`, async () => {
      const db = await database.fresh();
      const deps = depsFor(db, failure.settings);
      const fileName = failure.name ?? 'OP-A_20261101_20261130.csv';
      const path = writeDump(fileName, failure.rows());
      const rejected = await rejectionOf(importDump(deps, { path, fileName, operatorId: 'OP-A', actor: SYSTEM }));
      const failed = rejected.report.checks.filter((c) => !c.isPassed);
      assert.deepEqual(
        failed.map((c) => c.code),
        [failure.code],
      );
      const check = failed[0];
      if (check?.unit === 'ratio') {
        assert.ok((check.measured ?? 0) > (check.limit ?? 1), 'the measure is over the limit');
        assert.equal(rejected.problems[0]?.field, failure.code);
        assert.match(rejected.problems[0]?.message ?? '', /^[^:]+: [0-9.]+% measured, at most [0-9.]+% allowed\.$/);
      }
      assert.equal(await count(db, 'device_observations'), 0);
      assert.equal(await count(db, 'device_dump_imports'), 0);
    });
  }

  test(`rejects a sudden drop in volume against the operator's previous imports [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const november = writeDump('OP-A_20261101_20261130.csv', cleanRows(300));
    await importDump(deps, { path: november, fileName: 'OP-A_20261101_20261130.csv', operatorId: 'OP-A', actor: SYSTEM });
    // 300 rows over 30 days is 10 a day; 4 rows over one day is 40% of that, under the 50% allowed.
    const day = cleanRows(4).map((r) => ['20261201', ...r.slice(1)]);
    const path = writeDump('OP-A_20261201_20261201.csv', day);
    const rejected = await rejectionOf(importDump(deps, { path, fileName: 'OP-A_20261201_20261201.csv', operatorId: 'OP-A', actor: SYSTEM }));
    const failed = rejected.report.checks.filter((c) => !c.isPassed);
    assert.deepEqual(
      failed.map((c) => [c.code, Number(c.measured?.toFixed(2)), c.limit]),
      [['volumeDrop', 0.4, 0.5]],
    );
    assert.equal(rejected.problems[0]?.field, 'volumeDrop');
    assert.match(rejected.problems[0]?.message ?? '', /: 40% measured, at least 50% expected\.$/);

    const enough = writeDump(
      'OP-A_20261201_20261201.csv',
      cleanRows(6).map((r) => ['20261201', ...r.slice(1)]),
    );
    const accepted = await importDump(deps, { path: enough, fileName: 'OP-A_20261201_20261201.csv', operatorId: 'OP-A', actor: SYSTEM });
    assert.equal(accepted.status, 'imported');
  });

  test(`writes a file of exactly one batch of observations, and of one more, each observation once [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    // Each observation on two days far apart in the file, so that its second sighting falls in a later batch.
    const exact = [
      ...cleanRows(DUMP_WRITE_BATCH).map((r) => ['20261102', ...r.slice(1)]),
      ...cleanRows(DUMP_WRITE_BATCH).map((r) => ['20261125', ...r.slice(1)]),
    ];
    const path = writeDump('OP-A_20261101_20261130.csv', exact);
    const outcome = await importDump(deps, { path, fileName: 'OP-A_20261101_20261130.csv', operatorId: 'OP-A', actor: SYSTEM });
    assert.ok(outcome.status === 'imported' && outcome.report.rows === 2 * DUMP_WRITE_BATCH);
    assert.equal(await count(db, 'device_observations'), DUMP_WRITE_BATCH);
    const dates = await db.kysely.selectFrom('device_observations').select(['first_seen', 'last_seen']).distinct().execute();
    assert.deepEqual(dates, [{ first_seen: '2026-11-02', last_seen: '2026-11-25' }]);

    const db2 = await database.fresh();
    const deps2 = depsFor(db2);
    const oneMore = writeDump(
      'OP-A_20261101_20261130.csv',
      cleanRows(DUMP_WRITE_BATCH + 1).map((r) => ['20261107', ...r.slice(1)]),
    );
    const second = await importDump(deps2, { path: oneMore, fileName: 'OP-A_20261101_20261130.csv', operatorId: 'OP-A', actor: SYSTEM });
    assert.ok(second.status === 'imported' && second.report.keptRows === DUMP_WRITE_BATCH + 1);
    assert.equal(await count(db2, 'device_observations'), DUMP_WRITE_BATCH + 1);
    const last = await db2.kysely
      .selectFrom('device_observations')
      .selectAll()
      .where('imei_key', '=', cleanRow(DUMP_WRITE_BATCH)[1]!)
      .executeTakeFirstOrThrow();
    assert.equal(deps2.keyring.decrypt(last.msisdn_cipher ?? '', OBSERVATION_CRYPTO.msisdnContext), cleanRow(DUMP_WRITE_BATCH)[3]);
  });

  test(`a later file widens the dates of known observations, keeps their sealed values and adds the new ones [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const october = writeDump(
      'OP-A_20261001_20261031.csv',
      cleanRows(20).map((r) => ['20261010', ...r.slice(1)]),
    );
    const first = await importDump(deps, { path: october, fileName: 'OP-A_20261001_20261031.csv', operatorId: 'OP-A', actor: SYSTEM });
    const before = await db.kysely.selectFrom('device_observations').selectAll().orderBy('imei_key').execute();
    // Devices 10 to 29 in November: ten known, ten new; device 12 without a technology.
    const november = cleanRows(30)
      .slice(10)
      .map((r, i) => ['20261103', r[1]!, r[2]!, r[3]!, i === 2 ? '' : '5G']);
    const second = await importDump(deps, {
      path: writeDump('OP-A_20261101_20261130.csv', november),
      fileName: 'OP-A_20261101_20261130.csv',
      operatorId: 'OP-A',
      actor: SYSTEM,
    });
    assert.ok(first.status === 'imported' && second.status === 'imported');
    const after = await db.kysely.selectFrom('device_observations').selectAll().orderBy('imei_key').execute();
    assert.equal(after.length, 30);
    for (const [i, row] of after.entries()) {
      const old = before[i];
      if (i < 10) assert.deepEqual(row, old, 'a device not seen again is unchanged');
      else if (i < 20) {
        assert.equal(row.id, old?.id);
        assert.equal(row.imsi_cipher, old?.imsi_cipher, 'a known observation is not sealed again');
        assert.equal(row.msisdn_cipher, old?.msisdn_cipher);
        assert.deepEqual(
          [row.first_seen, row.last_seen, row.rat_mask, row.import_id],
          ['2026-10-10', '2026-11-03', i === 12 ? 4 : 4 | 8, second.importId],
          '4G from October, and 5G but for the row without a RAT',
        );
      } else {
        assert.deepEqual([row.first_seen, row.last_seen, row.rat_mask, row.import_id], ['2026-11-03', '2026-11-03', 8, second.importId]);
        assert.equal(deps.keyring.decrypt(row.imsi_cipher ?? '', OBSERVATION_CRYPTO.imsiContext), cleanRow(i)[2]);
      }
    }
  });

  test(`sightings in later batches widen the days once and keep every technology given [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const a = cleanRow(0);
    const b = cleanRow(1);
    const on = (r: string[], day: string, rat: string) => [`202611${day}`, r[1]!, r[2]!, r[3]!, rat];
    // Batch 1 holds A and B (inserted), batch 2 and the last one see them again (staged, merged at the end).
    const fill = (from: number, n: number) => Array.from({ length: n }, (_, i) => cleanRow(from + i, 5));
    const rows = [
      on(a, '02', '4G'),
      on(b, '03', '3G'),
      ...fill(2, DUMP_WRITE_BATCH - 2),
      on(a, '20', '5G'),
      on(b, '01', '2G'),
      ...fill(DUMP_WRITE_BATCH, DUMP_WRITE_BATCH - 2),
      on(a, '09', ''),
      on(b, '04', ''),
    ];
    const outcome = await importDump(deps, {
      path: writeDump('OP-A_20261101_20261130.csv', rows),
      fileName: 'OP-A_20261101_20261130.csv',
      operatorId: 'OP-A',
      actor: SYSTEM,
    });
    assert.equal(outcome.status, 'imported');
    assert.equal(await count(db, 'device_observations'), 2 * DUMP_WRITE_BATCH - 2);
    const seen = await db.kysely
      .selectFrom('device_observations')
      .select(['imei_key', 'first_seen', 'last_seen', 'rat_mask'])
      .where('imei_key', 'in', [a[1]!, b[1]!])
      .orderBy('imei_key')
      .execute();
    assert.deepEqual(seen, [
      { imei_key: a[1], first_seen: '2026-11-02', last_seen: '2026-11-20', rat_mask: 4 | 8 },
      { imei_key: b[1], first_seen: '2026-11-01', last_seen: '2026-11-04', rat_mask: 1 | 2 },
    ]);
  });

  test(`refuses the whole file when only its last row is wrong, after several batches were written [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const rows = cleanRows(DUMP_WRITE_BATCH * 2 + 500);
    rows[rows.length - 1] = ['2026110', ...rows[rows.length - 1]!.slice(1)];
    const path = writeDump('OP-A_20261101_20261130.csv', rows);
    const rejected = await rejectionOf(importDump(deps, { path, fileName: 'OP-A_20261101_20261130.csv', operatorId: 'OP-A', actor: SYSTEM }));
    assert.deepEqual(
      rejected.problems.find((p) => p.field === 'date'),
      {
        line: rows.length + 1,
        field: 'date',
        message: `Line ${rows.length + 1}: the date must be YYYYMMDD.`,
        key: 'devices.dumpFile.line.dateFormat',
        values: { line: rows.length + 1 },
      },
    );
    assert.equal(await count(db, 'device_observations'), 0);
    assert.equal(await count(db, 'device_dump_imports'), 0);
  });

  test(`reads quoted fields and names the line of a quote left open [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const quoted = writeDump(
      'OP-A_20261101_20261130.csv',
      cleanRows(5).map((r) => r.map((f) => `"${f}"`)),
    );
    const outcome = await importDump(deps, { path: quoted, fileName: 'OP-A_20261101_20261130.csv', operatorId: 'OP-A', actor: SYSTEM });
    assert.ok(outcome.status === 'imported' && outcome.report.keptRows === 5);
    const open = writeDump('OP-A_20261101_20261130.csv', [
      ...cleanRows(5).map((r) => ['20261102', ...r.slice(1)]),
      ['20261103', '"35209900100001', '639021000000001', '254710000001', '4G'],
    ]);
    const rejected = await rejectionOf(importDump(deps, { path: open, fileName: 'OP-A_20261101_20261130.csv', operatorId: 'OP-A', actor: SYSTEM }));
    assert.deepEqual(
      rejected.report.checks.filter((c) => !c.isPassed).map((c) => c.code),
      ['format'],
    );
    assert.match(rejected.problems.find((p) => p.field === 'file')?.message ?? '', /^The CSV cannot be read near line 7: a quoted field is not closed/);
  });

  test(`refuses a file whose header is not the dump header, and an operator no licence names [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const path = writeDump('OP-A_20261101_20261130.csv', cleanRows(10), 'imei,imsi,msisdn,date');
    const rejected = await rejectionOf(importDump(deps, { path, fileName: 'OP-A_20261101_20261130.csv', operatorId: 'OP-A', actor: SYSTEM }));
    assert.equal(rejected.problems.find((p) => p.field === 'header')?.line, 1);
    const unknown = writeDump('OP-Z_20261101_20261130.csv', cleanRows(10));
    const refused = await rejectionOf(importDump(deps, { path: unknown, fileName: 'OP-Z_20261101_20261130.csv', operatorId: 'OP-Z', actor: SYSTEM }));
    assert.deepEqual(
      refused.report.checks.filter((c) => !c.isPassed).map((c) => c.code),
      ['operator'],
    );
  });
}

for (const database of databases.all) {
  test(`stops at the profile's limits on rows, unzipped size and compression ratio, with a message naming the limit [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const name = 'OP-A_20261101_20261130';
    const refusal = async (settings: Partial<typeof DEFAULT_DUMP_SETTINGS>, path: string, extension: 'csv' | 'zip') => {
      const rejected = await rejectionOf(importDump(depsFor(db, settings), { path, fileName: `${name}.${extension}`, operatorId: 'OP-A', actor: SYSTEM }));
      assert.deepEqual(
        rejected.report.checks.filter((c) => !c.isPassed).map((c) => c.code),
        ['format'],
      );
      return rejected.problems.find((p) => p.field === 'file')?.message ?? '';
    };

    const rows = await refusal({ maxRows: 100 }, writeDump(`${name}.csv`, cleanRows(150)), 'csv');
    assert.equal(rows, 'The file has more than 100 rows, the most one dump may hold (maxRows); the import stopped at line 102. Split the dump by period.');

    const csv = [HEADER, ...cleanRows(20_000).map((r) => r.join(','))].join('\n');
    const big = await refusal({ maxUncompressedMegabytes: 1 }, writeDump(`${name}.csv`, cleanRows(20_000)), 'csv');
    assert.match(big, /^The CSV file holds [0-9.]+ MB, more than the 1 MB one dump may hold \(maxUncompressedMegabytes\); nothing was read\./);
    const zipped = join(dir, `${uuidv7()}.zip`);
    writeFileSync(zipped, buildZip([{ name: `${name}.csv`, content: csv }]));
    assert.match(
      await refusal({ maxUncompressedMegabytes: 1, maxCompressionRatio: 1000 }, zipped, 'zip'),
      /^The CSV file holds [0-9.]+ MB once unzipped, more than the 1 MB one dump may hold/,
    );

    // The same row over and over: a few kilobytes that unzip to megabytes, as a zip bomb does.
    const bomb = join(dir, `${uuidv7()}.zip`);
    writeFileSync(bomb, buildZip([{ name: `${name}.csv`, content: HEADER + '\n' + `${cleanRow(1).join(',')}\n`.repeat(100_000) }]));
    assert.match(
      await refusal({ maxCompressionRatio: 20 }, bomb, 'zip'),
      /^The zip archive unzips to [0-9.,]+ times its own size, more than the 20 times one dump may; it was not read\./,
    );
    assert.equal(await count(db, 'device_observations'), 0);
    assert.equal(await count(db, 'device_dump_imports'), 0);
  });
}

// Issue 14 item 1: DIRBS-Core (a80563c) keys an IMEI on its first 14 characters when they are digits
// (`normalize_imei`, src/dirbs/sql/base/v19_schema.sql:109-113), judges it unclean on that key
// (`is_unclean_imei`, src/dirbs/sql/migration_scripts/v52_upgrade.sql:37-49), counts the unclean share
// over every row of the file (`_check_unclean_imei_ratio`, src/dirbs/importer/operator_data_importer.py:455-465,
// `self._data_length` set at src/dirbs/importer/abstract_importer.py:349-352), passes while the share is at
// most the threshold, and refuses the file only when an IMEI is not `^[0-9A-Fa-f*#]{1,16}$`
// (etc/schema/OperatorImportSchema_v2.csvs:53).
for (const database of databases.all) {
  test(`keeps rows whose IMEI carries a check digit, a software version or trailing hexadecimal letters, keyed on the first 14 digits, as DIRBS does [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const suffixes = ['', '1', '12', 'AB', 'f', 'F', '9'];
    const rows = cleanRows(70).map((r, i) => [r[0]!, `${r[1]!}${suffixes[i % suffixes.length]!}`, r[2]!, r[3]!, r[4]!]);
    const fileName = 'OP-A_20261101_20261130.csv';
    const outcome = await importDump(deps, { path: writeDump(fileName, rows), fileName, operatorId: 'OP-A', actor: SYSTEM });
    assert.ok(outcome.status === 'imported');
    assert.equal(outcome.report.checks.find((c) => c.code === 'uncleanImei')?.measured, 0);
    assert.equal(outcome.report.keptRows, 70);
    const keys = await db.kysely.selectFrom('device_observations').select('imei_key').orderBy('imei_key').execute();
    assert.deepEqual(
      keys.map((k) => k.imei_key),
      cleanRows(70)
        .map((r) => r[1]!)
        .sort(),
    );
  });

  test(`measures unclean IMEIs over every row of the file and passes at the limit itself, as DIRBS does [${database.dialect}]`, async () => {
    const db = await database.fresh();
    // 10 rows without an IMEI (allowed here), 5 whose key is not 14 digits: 5 of 100 rows is 0.05, the limit.
    const withUnclean = (unclean: number) =>
      cleanRows(100).map((r, i) =>
        i < 10 ? [r[0]!, '', r[2]!, r[3]!, r[4]!] : i < 10 + unclean ? [r[0]!, `38245933af98700${i % 10}`, r[2]!, r[3]!, r[4]!] : r,
      );
    const deps = depsFor(db, { maxNullImeiRatio: 0.1 });
    const fileName = 'OP-A_20261101_20261130.csv';
    const outcome = await importDump(deps, { path: writeDump(fileName, withUnclean(5)), fileName, operatorId: 'OP-A', actor: SYSTEM });
    assert.ok(outcome.status === 'imported');
    assert.equal(outcome.report.checks.find((c) => c.code === 'uncleanImei')?.measured, 0.05);
    const db2 = await database.fresh();
    const refused = await rejectionOf(
      importDump(depsFor(db2, { maxNullImeiRatio: 0.1 }), { path: writeDump(fileName, withUnclean(6)), fileName, operatorId: 'OP-A', actor: SYSTEM }),
    );
    assert.deepEqual(
      refused.report.checks.filter((c) => !c.isPassed).map((c) => [c.code, c.measured]),
      [
        ['uncleanImei', 0.06],
        ['unclean', 0.06],
      ],
    );
  });

  test(`measures out-of-region IMSIs over every row of the file too, as DIRBS does [${database.dialect}]`, async () => {
    // DIRBS: `_check_out_of_region_imsi_ratio`, src/dirbs/importer/operator_data_importer.py:492-503 (over `self._data_length`).
    const db = await database.fresh();
    const rows = cleanRows(100).map((r, i) => (i < 20 ? [r[0]!, r[1]!, '', r[3]!, r[4]!] : i < 30 ? [r[0]!, r[1]!, `234${r[2]!.slice(3)}`, r[3]!, r[4]!] : r));
    const fileName = 'OP-A_20261101_20261130.csv';
    const outcome = await importDump(depsFor(db, { maxNullImsiRatio: 0.2 }), { path: writeDump(fileName, rows), fileName, operatorId: 'OP-A', actor: SYSTEM });
    assert.ok(outcome.status === 'imported');
    assert.equal(outcome.report.checks.find((c) => c.code === 'outOfRegionImsi')?.measured, 0.1);
  });

  test(`refuses the file, naming line and field, when an IMEI is longer than 16 characters or holds a character DIRBS refuses [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const rows = cleanRows(100);
    rows[10] = [rows[10]![0]!, '35209900176148123', rows[10]![2]!, rows[10]![3]!, rows[10]![4]!];
    rows[20] = [rows[20]![0]!, '35209900176148X', rows[20]![2]!, rows[20]![3]!, rows[20]![4]!];
    const fileName = 'OP-A_20261101_20261130.csv';
    const refused = await rejectionOf(importDump(deps, { path: writeDump(fileName, rows), fileName, operatorId: 'OP-A', actor: SYSTEM }));
    assert.deepEqual(
      refused.report.checks.filter((c) => !c.isPassed).map((c) => [c.code, c.measured]),
      [['format', 2]],
    );
    assert.deepEqual(
      refused.report.problems.map((p) => [p.line, p.field, p.message]),
      [12, 22].map((line) => [line, 'imei', `Line ${line}: an IMEI is 1 to 16 characters, each a digit, a letter A to F, * or #.`]),
    );
    assert.equal(await count(db, 'device_observations'), 0);
  });
}

// Issue 14 item 3: DIRBS-Core (a80563c) takes the RAT as three-digit codes joined by `|`, refusing the file
// otherwise (etc/schema/OperatorImportSchema_v2.csvs:62), ORs every code seen for an IMEI over every row
// and every import (`_update_network_imeis`, src/dirbs/importer/operator_data_importer.py:953-976), and
// refuses more than 5 % of rows without a RAT when RATs are imported (`_check_null_rat_ratio`, :348-349 and :419-426).
for (const database of databases.all) {
  const fileName = 'OP-A_20261101_20261130.csv';
  const withRat = (rows: string[][], rat: (i: number) => string) => rows.map((r, i) => [r[0]!, r[1]!, r[2]!, r[3]!, rat(i)]);

  test(`reads DIRBS RAT codes and keeps every generation an observation was seen on, within a file and across files [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const a = cleanRow(0);
    const rows = [['20261102', a[1]!, a[2]!, a[3]!, '002'], ['20261103', a[1]!, a[2]!, a[3]!, '006'], ...withRat(cleanRows(30).slice(1), () => '104|001|006')];
    const first = await importDump(deps, { path: writeDump(fileName, rows), fileName, operatorId: 'OP-A', actor: SYSTEM });
    assert.equal(first.status, 'imported');
    const masks = async () =>
      (await db.kysely.selectFrom('device_observations').select(['imei_key', 'rat_mask']).orderBy('imei_key').execute()).map((r) => [r.imei_key, r.rat_mask]);
    assert.deepEqual(
      (await masks()).slice(0, 2),
      [
        [a[1], 1 | 4],
        [cleanRow(1)[1], 1 | 2 | 4],
      ],
      '2G and 4G for the first; 2G, 3G and 4G for the others',
    );
    const december = [
      ['20261202', a[1]!, a[2]!, a[3]!, '001|005'],
      ['20261203', a[1]!, a[2]!, a[3]!, ''],
    ];
    deps.clock.set('2026-12-10T09:00:00Z');
    const second = await importDump(
      { ...deps, settings: { ...deps.settings, maxNullRatRatio: 0.5, minVolumeShare: 0 } },
      { path: writeDump('OP-A_20261201_20261209.csv', december), fileName: 'OP-A_20261201_20261209.csv', operatorId: 'OP-A', actor: SYSTEM },
    );
    assert.equal(second.status, 'imported');
    assert.deepEqual((await masks())[0], [a[1], 1 | 2 | 4], 'a later file adds 3G; an empty RAT takes nothing away');
  });

  test(`refuses a RAT that is not DIRBS codes, naming line and field [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const rows = withRat(cleanRows(100), (i) => (i === 10 ? '008' : i === 20 ? '001|' : i === 30 ? '001 | 002' : '006'));
    const refused = await rejectionOf(importDump(depsFor(db), { path: writeDump(fileName, rows), fileName, operatorId: 'OP-A', actor: SYSTEM }));
    assert.deepEqual(
      refused.report.checks.filter((c) => !c.isPassed).map((c) => [c.code, c.measured]),
      [['format', 3]],
    );
    assert.deepEqual(
      refused.report.problems.map((p) => [p.line, p.field, p.message]),
      [12, 22, 32].map((line) => [
        line,
        'rat',
        `Line ${line}: a RAT is either DIRBS codes (001 to 007, 101 to 105) joined by |, such as 001|006, or words such as 2G, 3G, 4G, 5G, GSM, UMTS, LTE or NR.`,
      ]),
    );
  });

  test(`refuses a five-column file with too many rows without a RAT, and does not measure it in a four-column file [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const refused = await rejectionOf(
      importDump(depsFor(db), {
        path: writeDump(
          fileName,
          withRat(cleanRows(100), (i) => (i < 6 ? '' : '006')),
        ),
        fileName,
        operatorId: 'OP-A',
        actor: SYSTEM,
      }),
    );
    assert.deepEqual(
      refused.report.checks.filter((c) => !c.isPassed).map((c) => [c.code, c.measured, c.limit]),
      [['nullRat', 0.06, 0.05]],
    );
    const accepted = await importDump(depsFor(db), {
      path: writeDump(
        fileName,
        withRat(cleanRows(100), (i) => (i < 5 ? '' : '006')),
      ),
      fileName,
      operatorId: 'OP-A',
      actor: SYSTEM,
    });
    assert.ok(accepted.status === 'imported' && accepted.report.checks.some((c) => c.code === 'nullRat' && c.isPassed));
    const four = writeDump(
      'OP-A_20261101_20261130.csv',
      cleanRows(50).map((r) => ['20261102', ...r.slice(1, 4)]),
      'date,imei,imsi,msisdn',
    );
    const db2 = await database.fresh();
    const fourColumns = await importDump(depsFor(db2), { path: four, fileName, operatorId: 'OP-A', actor: SYSTEM });
    assert.ok(fourColumns.status === 'imported' && !fourColumns.report.checks.some((c) => c.code === 'nullRat'));
  });
}

// Issue 14 item 4: DIRBS-Core (a80563c) refuses an operator file whose IMSI or MSISDN is not 1 to 15 digits
// (etc/schema/OperatorImportSchema_v2.csvs:56 and :59; ITU-T E.212 and E.164 allow 15 digits at most),
// counts an IMSI that is not 14 or 15 digits as unclean (`is_unclean_imsi`,
// src/dirbs/sql/migration_scripts/v46_upgrade.sql:55-64), and holds unclean IMSIs, and rows with an
// unclean IMEI or IMSI, to 5 % of all rows each (`_check_unclean_imsi_ratio` and `_check_unclean_ratio`,
// src/dirbs/importer/operator_data_importer.py:467-490).
for (const database of databases.all) {
  const fileName = 'OP-A_20261101_20261130.csv';
  const replace = (rows: string[][], at: number, column: number, value: string) =>
    rows.map((r, i) => (i === at ? r.map((f, j) => (j === column ? value : f)) : r));

  test(`refuses the file, naming line and field, when an IMSI or an MSISDN is longer than 15 digits or not digits [${database.dialect}]`, async () => {
    const db = await database.fresh();
    let rows = cleanRows(100);
    rows = replace(rows, 10, 2, '6390212345678901');
    rows = replace(rows, 20, 2, '63902123456789A');
    rows = replace(rows, 30, 3, '2547123456789012');
    rows = replace(rows, 40, 3, '+254712345678');
    const refused = await rejectionOf(importDump(depsFor(db), { path: writeDump(fileName, rows), fileName, operatorId: 'OP-A', actor: SYSTEM }));
    assert.deepEqual(
      refused.report.checks.filter((c) => !c.isPassed).map((c) => [c.code, c.measured]),
      [['format', 4]],
    );
    const imsi = (line: number) => [line, 'imsi', `Line ${line}: an IMSI is 1 to 15 digits (ITU-T E.212).`];
    const msisdn = (line: number) => [line, 'msisdn', `Line ${line}: an MSISDN is 1 to 15 digits, in international form without + (ITU-T E.164).`];
    assert.deepEqual(
      refused.report.problems.map((p) => [p.line, p.field, p.message]),
      [imsi(12), imsi(22), msisdn(32), msisdn(42)],
    );
    assert.equal(await count(db, 'device_observations'), 0);
  });

  test(`holds IMSIs that are not 14 or 15 digits, and rows with an unclean IMEI or IMSI, to their limits over every row [${database.dialect}]`, async () => {
    const shortImsis = (n: number) => cleanRows(100).map((r, i) => (i < n ? [r[0]!, r[1]!, r[2]!.slice(0, 13), r[3]!, r[4]!] : r));
    const refused = await rejectionOf(
      importDump(depsFor(await database.fresh()), { path: writeDump(fileName, shortImsis(6)), fileName, operatorId: 'OP-A', actor: SYSTEM }),
    );
    assert.deepEqual(
      refused.report.checks.filter((c) => !c.isPassed).map((c) => [c.code, c.measured, c.limit]),
      [
        ['uncleanImsi', 0.06, 0.05],
        ['unclean', 0.06, 0.05],
      ],
    );
    const accepted = await importDump(depsFor(await database.fresh()), {
      path: writeDump(fileName, shortImsis(5)),
      fileName,
      operatorId: 'OP-A',
      actor: SYSTEM,
    });
    assert.ok(accepted.status === 'imported' && accepted.report.checks.find((c) => c.code === 'uncleanImsi')?.measured === 0.05);
    // Three unclean IMEIs and three unclean IMSIs, on other rows: each 3 %, together 6 %.
    const both = cleanRows(100).map((r, i) =>
      i < 3 ? [r[0]!, `38245933af98700${i}`, r[2]!, r[3]!, r[4]!] : i < 6 ? [r[0]!, r[1]!, r[2]!.slice(0, 13), r[3]!, r[4]!] : r,
    );
    const combined = await rejectionOf(
      importDump(depsFor(await database.fresh()), { path: writeDump(fileName, both), fileName, operatorId: 'OP-A', actor: SYSTEM }),
    );
    assert.deepEqual(
      combined.report.checks.filter((c) => !c.isPassed).map((c) => [c.code, c.measured]),
      [['unclean', 0.06]],
    );
  });
}

/** The staging tables that exist, whoever made them. */
async function stagingTables(db: Db): Promise<string[]> {
  const listed =
    db.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db.kysely)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db.kysely);
  return listed.rows.map((r) => r.name).filter((name) => name.startsWith('device_dump_staging_'));
}

/** Rows staged by the imports being staged. */
async function stagedRows(db: Db): Promise<number> {
  let total = 0;
  for (const { import_id } of await db.kysely.selectFrom('device_dump_stagings').select('import_id').execute()) {
    const counted = await sql<{ n: number }>`select count(*) as n from ${sql.table(stagingTableOf(import_id))}`.execute(db.kysely);
    total += Number(counted.rows[0]?.n ?? 0);
  }
  return total;
}

/** A repository whose `method` stops for good on its `nth` call, as a process that stops there would: it never answers again. */
function stoppingAt(
  repository: OperatorDataRepository,
  method: 'stageObservations' | 'publishStagedChunk',
  nth: number,
): { repository: OperatorDataRepository; stopped: Promise<void> } {
  let calls = 0;
  let markStopped = () => undefined as void;
  const stopped = new Promise<void>((resolve) => {
    markStopped = resolve;
  });
  const wrapped: OperatorDataRepository = {
    ...repository,
    [method]: async (...args: never[]) => {
      calls += 1;
      if (calls >= nth) {
        markStopped();
        return new Promise<never>(() => undefined);
      }
      return (repository[method] as (...a: never[]) => Promise<number | void>)(...args);
    },
  };
  return { repository: wrapped, stopped };
}

/** Each observation of a file as the table keeps it, in clear, in IMEI order. */
async function observationsOf(db: Db, deps: DumpImportDeps) {
  const rows = await db.kysely.selectFrom('device_observations').selectAll().orderBy('imei_key').orderBy('first_seen').execute();
  return rows.map((r) => ({
    imei: r.imei_key,
    imsi: deps.keyring.decrypt(r.imsi_cipher ?? '', OBSERVATION_CRYPTO.imsiContext),
    msisdn: deps.keyring.decrypt(r.msisdn_cipher ?? '', OBSERVATION_CRYPTO.msisdnContext),
    days: [r.first_seen, r.last_seen],
    rat: r.rat_mask,
    network: r.home_network,
  }));
}

for (const database of databases.all) {
  // Each observation twice, far apart in the file, so that its second sighting is staged in a later batch.
  const twice = () => [
    ...cleanRows(DUMP_WRITE_BATCH + 500).map((r) => ['20261102', r[1]!, r[2]!, r[3]!, '3G']),
    ...cleanRows(DUMP_WRITE_BATCH + 500).map((r) => ['20261125', r[1]!, r[2]!, r[3]!, '4G']),
  ];
  const fileName = 'OP-A_20261101_20261130.csv';

  test(`a process that stops while a file is read leaves nothing published, and the hourly settling deletes what it staged [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const stopping = stoppingAt(deps.repository, 'stageObservations', 4);
    void importDump({ ...deps, repository: stopping.repository }, { path: writeDump(fileName, twice()), fileName, operatorId: 'OP-A', actor: SYSTEM });
    await stopping.stopped;
    assert.ok((await stagedRows(db)) > 0, 'batches were staged and committed before the stop');
    assert.equal(await count(db, 'device_observations'), 0, 'nothing staged is published');
    assert.equal(await count(db, 'device_dump_imports'), 0);

    assert.deepEqual(await settleAbandonedDumps(deps), { published: 0, discarded: 0 }, 'a staging touched a moment ago may still be alive');
    deps.clock.advance(STALE_STAGING_MS + 1000);
    assert.deepEqual(await settleAbandonedDumps(deps), { published: 0, discarded: 1 });
    assert.deepEqual(await stagingTables(db), []);
    assert.equal(await count(db, 'device_dump_stagings'), 0);
    assert.equal(await count(db, 'device_observations'), 0);
    assert.equal(await count(db, 'device_dump_imports'), 0);

    // The same file again is imported whole, not taken for one already imported.
    const again = await importDump(deps, { path: writeDump(fileName, twice()), fileName, operatorId: 'OP-A', actor: SYSTEM });
    assert.equal(again.status, 'imported');
    assert.equal(await count(db, 'device_observations'), DUMP_WRITE_BATCH + 500);
  });

  test(`an accepted import a process stopped while merging it is finished by the hourly settling, exactly as if it had not stopped [${database.dialect}]`, async () => {
    const whole = await database.fresh();
    const wholeDeps = depsFor(whole);
    await importDump(wholeDeps, { path: writeDump(fileName, twice()), fileName, operatorId: 'OP-A', actor: SYSTEM });
    const expected = await observationsOf(whole, wholeDeps);
    assert.equal(expected.length, DUMP_WRITE_BATCH + 500);
    assert.deepEqual(expected[0]?.days, ['2026-11-02', '2026-11-25']);
    assert.equal(expected[0]?.rat, 2 | 4, '3G on one day, 4G on another');

    const db = await database.fresh();
    const deps = depsFor(db);
    const repository = createOperatorDataRepository(db.kysely);
    const stopping = stoppingAt(deps.repository, 'publishStagedChunk', 3);
    void importDump({ ...deps, repository: stopping.repository }, { path: writeDump(fileName, twice()), fileName, operatorId: 'OP-A', actor: SYSTEM });
    await stopping.stopped;
    const [accepted] = await db.kysely.selectFrom('device_dump_imports').selectAll().execute();
    assert.equal(accepted?.published_at, null, 'accepted, not yet published');
    assert.equal(await repository.isAnyDumpPublishing(), true);
    assert.ok((await count(db, 'device_observations')) < expected.length, 'the merge stopped half way');

    deps.clock.advance(STALE_STAGING_MS + 1000);
    assert.deepEqual(await settleAbandonedDumps(deps), { published: 1, discarded: 0 });
    assert.deepEqual(await observationsOf(db, deps), expected);
    assert.deepEqual(await stagingTables(db), []);
    assert.equal(await count(db, 'device_dump_stagings'), 0);
    assert.equal(await repository.isAnyDumpPublishing(), false);
    const [published] = await db.kysely.selectFrom('device_dump_imports').selectAll().execute();
    assert.equal(published?.published_at, deps.clock.now().toISOString());
  });
}
