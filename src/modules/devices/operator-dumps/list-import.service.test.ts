import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { platformMigrations } from '../../../platform/db/index.ts';
import { InvalidFile } from '../../../platform/upload-limits.ts';
import { createImeiCheckService } from '../imei-check/imei-check.service.ts';
import { DEFAULT_DEVICES_SETTINGS } from '../devices.settings.ts';
import { OBSERVATION_CRYPTO } from './dump-import.service.ts';
import { GOLDEN_HASH_PURPOSE, importList, settleAbandonedListUploads, STALE_LIST_STAGING_MS } from './list-import.service.ts';
import { devicesMigrations } from '../migrations/index.ts';
import { DEFAULT_DUMP_SETTINGS } from './operator-dumps.settings.ts';
import { operatorDataDepsFor } from '../testing/operator-data-deps.ts';
import { createImeiCheckRepository } from '../imei-check/imei-check.repository.ts';
import type { DeviceListName } from './reference-lists.ts';

const databases = openTestDatabases({ ...platformMigrations, ...devicesMigrations });
const SYSTEM = { type: 'system', id: null } as const;
type Db = Awaited<ReturnType<(typeof databases.all)[number]['fresh']>>;

function depsFor(db: Db) {
  return { ...operatorDataDepsFor(db.kysely), threeDigitMncMccs: DEFAULT_DUMP_SETTINGS.threeDigitMncMccs };
}

const upload = (deps: ReturnType<typeof depsFor>, list: DeviceListName, mode: 'full' | 'delta', text: string) =>
  importList(deps, { stream: Readable.from([Buffer.from(text)]), fileName: `${list}.csv`, list, mode, actor: SYSTEM });

async function entries(db: Db, list: DeviceListName) {
  return db.kysely.selectFrom('device_list_entries').selectAll().where('list', '=', list).orderBy('key').orderBy('start_date').execute();
}

async function invalidOf(promise: Promise<unknown>): Promise<InvalidFile> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InvalidFile) return error;
    throw error;
  }
  assert.fail('the upload was accepted');
}

for (const database of databases.all) {
  test(`a full upload ends the entries it no longer names, starts new ones and keeps the history [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const first = await upload(deps, 'stolen', 'full', 'imei,reason,source\n352099001761481,theft,police\n35209900176155,theft,police\n');
    assert.deepEqual([first.added, first.removed, first.rows], [2, 0, 2]);
    deps.clock.set('2026-12-05T09:00:00Z');
    const second = await upload(deps, 'stolen', 'full', 'imei\n35209900176155\n35209900176163\n');
    assert.deepEqual([second.added, second.removed], [1, 1]);
    const rows = await entries(db, 'stolen');
    assert.deepEqual(
      rows.map((r) => [r.key, r.start_date, r.end_date]),
      [
        ['35209900176148', '2026-12-01', '2026-12-05'],
        ['35209900176155', '2026-12-01', null],
        ['35209900176163', '2026-12-05', null],
      ],
    );
    const ended = rows[0];
    assert.equal(ended?.ended_by_upload_id, second.uploadId);
    // The same file again changes nothing.
    deps.clock.set('2026-12-06T09:00:00Z');
    const third = await upload(deps, 'stolen', 'full', 'imei\n35209900176155\n35209900176163\n');
    assert.deepEqual([third.added, third.removed], [0, 0]);
    const audit = await db.kysely.selectFrom('audit_log').select(['action', 'details']).execute();
    assert.equal(audit.filter((a) => a.action === 'devices.list.uploaded').length, 3);
    const uploads = await deps.repository.listUploads(10);
    assert.deepEqual(uploads.map((u) => [u.added, u.removed]).reverse(), [
      [2, 0],
      [1, 1],
      [0, 0],
    ]);
  });

  test(`a delta adds and removes entries, and is refused whole when it adds a current entry or removes an absent one [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    await upload(deps, 'barred_imei', 'full', 'imei\n35209900176148\n35209900176155\n');
    const delta = await upload(deps, 'barred_imei', 'delta', 'imei,change_type\n35209900176148,remove\n35209900176163,add\n');
    assert.deepEqual([delta.added, delta.removed], [1, 1]);
    const current = (await entries(db, 'barred_imei')).filter((r) => r.end_date === null).map((r) => r.key);
    assert.deepEqual(current, ['35209900176155', '35209900176163']);

    const refused = await invalidOf(upload(deps, 'barred_imei', 'delta', 'imei,change_type\n35209900176155,add\n35209900176171,add\n35209900176189,remove\n'));
    assert.deepEqual(
      refused.problems.map((p) => [p.line, p.field]),
      [
        [2, 'change_type'],
        [4, 'change_type'],
      ],
    );
    assert.deepEqual(
      (await entries(db, 'barred_imei')).filter((r) => r.end_date === null).map((r) => r.key),
      ['35209900176155', '35209900176163'],
      'nothing changed',
    );
  });

  test(`refuses a list file with a bad line, naming line and field, and changes nothing [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    await upload(deps, 'registration', 'full', 'imei\n35209900176148\n');
    const lines = ['imei', ...Array.from({ length: 5000 }, (_, i) => `352099${String(10000000 + i)}`), '3520990017-1'];
    const refused = await invalidOf(upload(deps, 'registration', 'full', `${lines.join('\n')}\n`));
    assert.deepEqual(refused.problems, [
      {
        field: 'imei',
        line: 5002,
        message: 'Line 5002: an IMEI is 1 to 16 characters, each a digit, a letter A to F, * or #.',
        key: 'devices.lists.problem.imei',
        values: { line: 5002 },
      },
    ]);
    assert.deepEqual(
      (await entries(db, 'registration')).map((r) => [r.key, r.end_date]),
      [['35209900176148', null]],
    );
    const header = await invalidOf(upload(deps, 'registration', 'delta', 'imei\n35209900176148\n'));
    assert.equal(header.problems[0]?.field, 'header');
    assert.match(header.problems[0]?.message ?? '', /the header lacks change_type\./);
  });

  test(`golden IMEIs are stored only as keyed hashes and pairings with the IMSI's hash [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    await upload(deps, 'golden', 'full', 'imei\n35209900176148\n');
    await upload(deps, 'pairing', 'full', 'imei,imsi\n35209900176155,639021234567890\n');
    const stored = JSON.stringify(await db.kysely.selectFrom('device_list_entries').selectAll().execute());
    assert.doesNotMatch(stored, /35209900176148/);
    assert.doesNotMatch(stored, /639021234567890/);
    const [golden] = await entries(db, 'golden');
    assert.equal(golden?.key, deps.keyring.hash('35209900176148', GOLDEN_HASH_PURPOSE));
    const [pairing] = await entries(db, 'pairing');
    assert.equal(pairing?.key, '35209900176155');
    assert.equal(pairing?.imsi_hash, deps.keyring.hash('639021234567890', 'device-imsi'));
    // A second IMSI for the same IMEI is a second pairing; the full upload without the first ends it.
    const next = await upload(deps, 'pairing', 'full', 'imei,imsi\n35209900176155,639029999999999\n');
    assert.deepEqual([next.added, next.removed], [1, 1]);
  });

  test(`the IMEI check reports a barred TAC and blocks the device [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const checks = createImeiCheckService({
      reads: createImeiCheckRepository(db.kysely),
      lists: { of: async () => new Map() },
      settings: DEFAULT_DEVICES_SETTINGS,
    });
    const before = await checks.checkImei('352099001761481');
    assert.notEqual(before.tacVerdict.code, 'barred');
    await upload(deps, 'barred_tac', 'full', 'tac,reason\n35209900,counterfeit model\n');
    const after = await checks.checkImei('352099001761481');
    assert.deepEqual(after.tacVerdict, { code: 'barred', severity: 'error', since: '2026-12-01' });
    assert.equal(after.decision.status, 'blocked');
    const [bulk] = await checks.checkImeis(['35209900176148']);
    assert.equal(bulk?.tacVerdict.code, 'barred');
    const other = await checks.checkImei('490154203237518');
    assert.notEqual(other.tacVerdict.code, 'barred');
    // Ended by a later full upload, the TAC is no longer barred.
    await upload(deps, 'barred_tac', 'full', 'tac\n');
    assert.notEqual((await checks.checkImei('352099001761481')).tacVerdict.code, 'barred');
  });
}

for (const database of databases.all) {
  // Issue 14 item 7: DIRBS-Core's pairing list is `imei,imsi,msisdn`, each required, the IMSI and MSISDN 1 to 15
  // digits (etc/schema/PairingListSchema.csvs:2, 50-54; src/dirbs/importer/pairing_list_importer.py:63-81, primary
  // key imei_norm, imsi, msisdn), and every list takes an IMEI as `^[0-9A-Fa-f*#]{1,16}$`, kept under
  // `normalize_imei` (src/dirbs/sql/base/v19_schema.sql:109-113).
  test(`takes a DIRBS pairing list with its MSISDN, kept sealed, and the home network of its IMSI [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const result = await upload(
      deps,
      'pairing',
      'full',
      'imei,imsi,msisdn\n352099001761481,639021234567890,254712345678\n35209900176155AB,6390212345678,254712345679\n',
    );
    assert.deepEqual([result.added, result.rows], [2, 2]);
    const rows = await entries(db, 'pairing');
    assert.deepEqual(
      rows.map((r) => [r.key, r.home_network]),
      [
        ['35209900176148', '63902'],
        ['35209900176155', '63902'],
      ],
    );
    const [first] = rows;
    assert.equal(deps.keyring.decrypt(first?.imsi_cipher ?? '', OBSERVATION_CRYPTO.imsiContext), '639021234567890');
    assert.equal(deps.keyring.decrypt(first?.msisdn_cipher ?? '', OBSERVATION_CRYPTO.msisdnContext), '254712345678');
    assert.equal(first?.msisdn_hash, deps.keyring.hash('254712345678', 'device-msisdn'));
    assert.doesNotMatch(JSON.stringify(rows), /254712345678|639021234567890/, 'never in clear');
    // The same pair with another MSISDN is another pairing, as DIRBS keys it.
    const next = await upload(
      deps,
      'pairing',
      'full',
      'imei,imsi,msisdn\n352099001761481,639021234567890,254700000000\n35209900176155AB,6390212345678,254712345679\n',
    );
    assert.deepEqual([next.added, next.removed], [1, 1]);
    // A two-column file, as Kinga took before, still reads: its pairings have no MSISDN.
    const older = await upload(deps, 'pairing', 'full', 'imei,imsi\n35209900176163,639021234567891\n');
    assert.equal(older.added, 1);
  });

  test(`refuses a pairing list whose MSISDN is missing, longer than 15 digits or not digits, naming line and field [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const refused = await invalidOf(
      upload(
        depsFor(db),
        'pairing',
        'full',
        'imei,imsi,msisdn\n352099001761481,639021234567890,2547123456789012\n35209900176155,639021234567890,+254712345678\n35209900176163,639021234567890,\n35209900176171,6390212345678901,254712345678\n',
      ),
    );
    const msisdn = (line: number) => ({
      line,
      field: 'msisdn',
      message: `Line ${line}: an MSISDN is 1 to 15 digits, in international form without + (ITU-T E.164).`,
    });
    assert.deepEqual(
      refused.problems.map((p) => ({ line: p.line, field: p.field, message: p.message })),
      [msisdn(2), msisdn(3), msisdn(4), { line: 5, field: 'imsi', message: 'Line 5: an IMSI is 1 to 15 digits (ITU-T E.212).' }],
    );
    assert.equal((await entries(db, 'pairing')).length, 0);
  });

  test(`every list takes the IMEIs DIRBS takes, under DIRBS's key, and refuses the others [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    await upload(deps, 'stolen', 'full', 'imei\n38245933af987001\n35209900176148AB\n3520990017\n');
    assert.deepEqual((await entries(db, 'stolen')).map((r) => r.key).sort(), ['35209900176148', '3520990017', '38245933AF987001'].sort());
    const refused = await invalidOf(upload(deps, 'barred_imei', 'full', 'imei\n35209900176148X\n35209900176148123\n'));
    assert.deepEqual(
      refused.problems.map((p) => [p.line, p.field, p.message]),
      [2, 3].map((line) => [line, 'imei', `Line ${line}: an IMEI is 1 to 16 characters, each a digit, a letter A to F, * or #.`]),
    );
  });
}

for (const database of databases.all) {
  test(`a hostile list file is refused quickly with a short answer: a header of a million columns, a line of megabytes, a flood of bad lines [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const wide = await invalidOf(upload(deps, 'stolen', 'full', `${Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',')}\n352099001761481\n`));
    assert.equal(wide.problems.length, 1);
    assert.ok(JSON.stringify(wide.problems).length < 2000, `the answer holds ${JSON.stringify(wide.problems).length} characters`);
    assert.match(wide.problems[0]?.message ?? '', /line 1/i);

    const long = await invalidOf(upload(deps, 'stolen', 'full', `imei,reason\n352099001761481,${'x'.repeat(5_000_000)}\n`));
    assert.ok(JSON.stringify(long.problems).length < 2000);
    assert.equal(long.problems[0]?.line, 2);

    const flood = await invalidOf(upload(deps, 'stolen', 'full', `imei\n${'12-3\n'.repeat(50_000)}`));
    assert.equal(flood.problems.length, 100, 'the first 100 problems');
    assert.equal(flood.problemCount, 50_000, 'and the total');
    assert.equal(flood.message, 'stolen.csv: 50,000 problems, the first 100 listed; the list did not change.');
    assert.equal((await entries(db, 'stolen')).length, 0);
  });
}

for (const database of databases.all) {
  test(`a process that stops while a list is staged changes no list, and the hourly settling deletes what it staged [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    let calls = 0;
    let markStopped = () => undefined as void;
    const stopped = new Promise<void>((resolve) => {
      markStopped = resolve;
    });
    const stopping = {
      ...deps.repository,
      stageListRows: async (...args: Parameters<typeof deps.repository.stageListRows>) => {
        calls += 1;
        if (calls < 3) return deps.repository.stageListRows(...args);
        markStopped();
        return new Promise<never>(() => undefined);
      },
    };
    const text = `imei\n${Array.from({ length: 9000 }, (_, i) => `35209900${String(i).padStart(6, '0')}`).join('\n')}\n`;
    void importList(
      { ...deps, repository: stopping },
      { stream: Readable.from([Buffer.from(text)]), fileName: 'stolen.csv', list: 'stolen', mode: 'full', actor: SYSTEM },
    );
    await stopped;
    const staged = async () => (await db.kysely.selectFrom('device_list_staging').select('line').execute()).length;
    assert.ok((await staged()) > 0, 'batches were staged and committed before the stop');
    assert.equal((await entries(db, 'stolen')).length, 0, 'the list did not change');
    assert.deepEqual(await settleAbandonedListUploads(deps), { applied: 0, discarded: 0 }, 'a staging touched a moment ago may still be alive');
    deps.clock.advance(STALE_LIST_STAGING_MS + 1000);
    assert.deepEqual(await settleAbandonedListUploads(deps), { applied: 0, discarded: 1 });
    assert.equal(await staged(), 0);
    assert.equal((await db.kysely.selectFrom('device_list_stagings').select('upload_id').execute()).length, 0);
    const whole = await upload(deps, 'stolen', 'full', text);
    assert.equal(whole.added, 9000);
    assert.equal(await staged(), 0, 'an upload leaves no staged row behind');
  });
}
