import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestClock, createTestPlatform } from '../../../../test/helpers/platform.ts';
import { insertListEntries, insertObservations, insertTac } from '../../../../test/helpers/device-data.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { Platform } from '../../../platform/platform.ts';
import { settingsOf } from '../../../platform/settings.ts';
import { devicesSettings } from '../devices.settings.ts';
import { ClassificationRefused } from './classification.service.ts';
import { createTheftReportRepository } from '../theft-reports/theft-report.repository.ts';
import { importDump } from '../operator-dumps/dump-import.service.ts';
import { createDeviceListRepository } from '../lists/device-list.repository.ts';
import { createDeviceListService } from '../lists/device-list.service.ts';
import { devicesModule } from '../index.ts';
import { createOperatorDataRepository } from '../operator-dumps/operator-dumps.repository.ts';
import { DEFAULT_DUMP_SETTINGS } from '../operator-dumps/operator-dumps.settings.ts';

import { classificationServiceFor } from '../testing/classification-service.ts';

const databases = openTestDatabases(allMigrations([devicesModule]));

const KNOWN_TAC = '35209900';
const LTE_ONLY_TAC = '35890105';
const imei = (tac: string, serial: number) => `${tac}${String(serial).padStart(6, '0')}`;

function serviceFor(platform: Platform, conditions: unknown[], extra: Record<string, unknown> = {}) {
  const settings = settingsOf(devicesSettings, { conditions, safetyMinimumImeisSeen: 1000, ...extra });
  return classificationServiceFor(platform, settings, { '35': 20 });
}

const rule = (name: string, dimensions: unknown[], extra: Record<string, unknown> = {}) => ({
  name,
  blocking: true,
  gracePeriodDays: 0,
  reason: name.toUpperCase(),
  maxNewShare: 1,
  dimensions,
  ...extra,
});

async function stateOf(platform: Platform) {
  return platform.db.kysely
    .selectFrom('device_classification_state')
    .select(['imei_key', 'condition_name', 'start_date', 'end_date', 'block_date'])
    .orderBy('condition_name')
    .orderBy('imei_key')
    .orderBy('start_date')
    .execute();
}

const keysOf = (rows: { imei_key: string; condition_name: string }[], condition: string) =>
  rows.filter((r) => r.condition_name === condition).map((r) => r.imei_key);

async function verifiedReport(platform: Platform, key: string, at: string) {
  const repository = createTheftReportRepository(platform.db.kysely);
  const id = platform.ids();
  await repository.insertReport(
    {
      id,
      request_id: `LS-${id.slice(-8).toUpperCase()}`,
      email_hash: 'h',
      email_enc: platform.keyring.encrypt('owner@example.org', 'device_theft_reports.email'),
      msisdn_enc: platform.keyring.encrypt('+254700000000', 'device_theft_reports.msisdn'),
      police_reference_enc: platform.keyring.encrypt('OB 1/2026', 'device_theft_reports.police_reference'),
      status: 'verified',
      submitted_at: at,
      decided_at: at,
      decided_by: null,
    },
    [{ key, raw: key }],
  );
  return id;
}

for (const database of databases.all) {
  test(`each dimension matches exactly the IMEIs it describes [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const db = platform.db.kysely;
    await insertTac(db, KNOWN_TAC, { has2g: true, has3g: true, has4g: true });
    await insertTac(db, LTE_ONLY_TAC, { has4g: true });
    const plain = imei(KNOWN_TAC, 1);
    const cloned = imei(KNOWN_TAC, 2);
    const lteOnly = imei(LTE_ONLY_TAC, 3);
    const unknownOld = imei('35999999', 4);
    const unknownNew = imei('35999999', 5);
    const testTac = imei('00101500', 6);
    const repeated = '77777777777777';
    const stolenListed = imei(KNOWN_TAC, 7);
    const reported = imei(KNOWN_TAC, 8);
    const barredTac = imei('35111111', 9);
    const barredImei = imei(KNOWN_TAC, 10);
    const registered = imei(KNOWN_TAC, 11);
    await insertObservations(db, platform.keyring, [
      { imei: plain, imsi: '639020000000001', firstSeen: '2026-11-01', lastSeen: '2026-11-30', rat: '4G' },
      ...[1, 2, 3].map((n) => ({ imei: cloned, imsi: `63902000000010${n}`, firstSeen: '2026-11-20', lastSeen: '2026-11-29' })),
      // An old SIM seen long before the duplicate window does not count.
      { imei: cloned, imsi: '639020000000199', firstSeen: '2026-01-01', lastSeen: '2026-01-05' },
      { imei: lteOnly, imsi: '639020000000003', firstSeen: '2026-11-01', rat: '2G' },
      { imei: unknownOld, imsi: '639020000000004', firstSeen: '2026-10-01' },
      { imei: unknownNew, imsi: '639020000000005', firstSeen: '2026-11-25' },
      { imei: testTac, imsi: '639020000000006', firstSeen: '2026-11-01' },
      { imei: repeated, imsi: '639020000000007', firstSeen: '2026-11-01' },
      { imei: barredTac, imsi: '639020000000009', firstSeen: '2026-11-01' },
      { imei: registered, imsi: '639020000000011', firstSeen: '2026-11-01' },
      // Seen only after the classified day: it does not exist yet for that day.
      { imei: imei(KNOWN_TAC, 12), imsi: '639020000000012', firstSeen: '2026-12-05' },
    ]);
    await insertListEntries(db, platform.keyring, [
      { list: 'stolen', key: stolenListed, startDate: '2026-11-10' },
      { list: 'stolen', key: imei(KNOWN_TAC, 13), startDate: '2026-11-10', endDate: '2026-11-20' },
      { list: 'barred_tac', key: '35111111', startDate: '2026-11-01' },
      { list: 'barred_imei', key: barredImei, startDate: '2026-11-01' },
      { list: 'registration', key: registered, startDate: '2026-11-01' },
      { list: 'registration', key: plain, startDate: '2026-11-01' },
    ]);
    await verifiedReport(platform, reported, '2026-11-15T10:00:00.000Z');

    const service = serviceFor(platform, [
      rule('malformed', [{ type: 'malformed' }]),
      rule('repeated_digit', [{ type: 'repeatedDigit' }]),
      rule('not_found', [{ type: 'tacNotFound' }]),
      rule('stolen', [{ type: 'stolen' }]),
      rule('unregistered', [{ type: 'notRegistered' }], { blocking: false }),
      rule('duplicate', [{ type: 'duplicate', threshold: 2, periodDays: 30 }], { blocking: false }),
      rule('rat', [{ type: 'inconsistentRat' }]),
      rule('test_tac', [{ type: 'testTac' }]),
      rule('barred', [{ type: 'barred' }]),
      rule('stolen_unregistered', [{ type: 'stolen' }, { type: 'notRegistered', invert: true }]),
    ]);
    const summary = await service.classify({ date: '2026-12-01' });
    assert.equal(summary.imeisSeen, 9);
    const state = await stateOf(platform);
    assert.deepEqual(keysOf(state, 'malformed'), [], 'every key seen is 14 digits');
    assert.deepEqual(keysOf(state, 'repeated_digit'), [repeated]);
    assert.deepEqual(keysOf(state, 'not_found'), [testTac, barredTac, unknownOld, repeated].sort(), 'the TAC seen 5 days ago is within the 20-day lag');
    assert.deepEqual(keysOf(state, 'stolen'), [stolenListed, reported].sort());
    assert.deepEqual(keysOf(state, 'duplicate'), [cloned]);
    assert.deepEqual(keysOf(state, 'rat'), [lteOnly]);
    assert.deepEqual(keysOf(state, 'test_tac'), [testTac]);
    assert.deepEqual(keysOf(state, 'barred'), [barredImei, barredTac].sort());
    assert.ok(!keysOf(state, 'unregistered').includes(registered));
    assert.ok(!keysOf(state, 'unregistered').includes(plain));
    assert.ok(keysOf(state, 'unregistered').includes(cloned));
    assert.deepEqual(keysOf(state, 'stolen_unregistered'), [], 'no stolen IMEI is on the registration list');
    assert.ok(state.every((r) => r.start_date === '2026-12-01' && r.end_date === null));
    assert.equal(summary.conditions['stolen']?.newlyFlagged, 2);
    assert.ok(
      state.filter((r) => r.condition_name === 'unregistered').every((r) => r.block_date === null),
      'informational conditions have no block date',
    );
  });

  test(`grace periods set the block date, and a period ends when the IMEI no longer meets the condition [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const db = platform.db.kysely;
    const key = imei(KNOWN_TAC, 21);
    await insertObservations(db, platform.keyring, [{ imei: key, imsi: '639020000000021', firstSeen: '2026-11-01' }]);
    await insertListEntries(db, platform.keyring, [{ list: 'stolen', key, startDate: '2026-11-30', endDate: '2026-12-03' }]);
    const service = serviceFor(platform, [rule('stolen', [{ type: 'stolen' }], { gracePeriodDays: 7 })]);
    await service.classify({ date: '2026-12-01' });
    assert.deepEqual(await stateOf(platform), [
      { imei_key: key, condition_name: 'stolen', start_date: '2026-12-01', end_date: null, block_date: '2026-12-08' },
    ]);
    await service.classify({ date: '2026-12-02' });
    assert.equal((await stateOf(platform)).length, 1, 'a second day keeps the open period');
    await service.classify({ date: '2026-12-03' });
    assert.deepEqual(await stateOf(platform), [
      { imei_key: key, condition_name: 'stolen', start_date: '2026-12-01', end_date: '2026-12-03', block_date: '2026-12-08' },
    ]);
  });

  test(`a run that would newly flag more than a condition's share is refused and writes nothing, when the profile refuses whole runs [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const db = platform.db.kysely;
    const keys = [1, 2, 3, 4].map((n) => imei(KNOWN_TAC, 30 + n));
    await insertObservations(
      db,
      platform.keyring,
      keys.map((k, i) => ({ imei: k, imsi: `63902000000003${i}`, firstSeen: '2026-11-01' })),
    );
    await insertListEntries(db, platform.keyring, [{ list: 'stolen', key: keys[0] ?? '', startDate: '2026-11-01' }]);
    const strict = serviceFor(
      platform,
      [rule('stolen', [{ type: 'stolen' }], { maxNewShare: 0.5 }), rule('everything', [{ type: 'tacNotFound' }], { maxNewShare: 0.5 })],
      { safetyMinimumImeisSeen: 2, safetyLimitScope: 'run' },
    );
    await assert.rejects(strict.classify({ date: '2026-12-01' }), (error: unknown) => {
      assert.ok(error instanceof ClassificationRefused);
      assert.match(error.message, /condition "everything" would newly flag 4 of 4 IMEIs seen, above its limit of 50\.00 %/);
      return true;
    });
    assert.deepEqual(await stateOf(platform), [], 'not even the stolen condition wrote anything');
    assert.equal((await db.selectFrom('device_classification_matches').selectAll().execute()).length, 0);
    const runs = await db.selectFrom('device_classification_runs').select(['status']).execute();
    assert.deepEqual(runs, [{ status: 'refused' }]);
    const lenient = serviceFor(platform, [rule('everything', [{ type: 'tacNotFound' }], { maxNewShare: 0.5 })], { safetyMinimumImeisSeen: 5 });
    await lenient.classify({ date: '2026-12-01' });
    assert.equal((await stateOf(platform)).length, 4, 'below the minimum of IMEIs seen the share is not applied');
  });

  test(`golden list IMEIs are never flagged by a blocking condition [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const db = platform.db.kysely;
    const golden = imei(KNOWN_TAC, 41);
    const other = imei(KNOWN_TAC, 42);
    await insertListEntries(db, platform.keyring, [
      { list: 'stolen', key: golden, startDate: '2026-11-01' },
      { list: 'stolen', key: other, startDate: '2026-11-01' },
      { list: 'golden', key: golden, startDate: '2026-11-01' },
    ]);
    const service = serviceFor(platform, [rule('stolen', [{ type: 'stolen' }]), rule('watch', [{ type: 'stolen' }], { blocking: false })]);
    const summary = await service.classify({ date: '2026-12-01' });
    assert.equal(summary.goldenExempted, 1);
    const state = await stateOf(platform);
    assert.deepEqual(keysOf(state, 'stolen'), [other]);
    assert.deepEqual(keysOf(state, 'watch'), [golden, other].sort(), 'an informational condition still records it');
  });

  test(`classifying a day twice gives the same state, and a past day uses only the data of that day [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const db = platform.db.kysely;
    const early = imei(KNOWN_TAC, 51);
    const late = imei(KNOWN_TAC, 52);
    await insertListEntries(db, platform.keyring, [
      { list: 'stolen', key: early, startDate: '2026-11-01', endDate: '2026-12-05' },
      { list: 'stolen', key: late, startDate: '2026-12-04' },
    ]);
    const service = serviceFor(platform, [rule('stolen', [{ type: 'stolen' }], { gracePeriodDays: 2 })]);
    await service.classify({ date: '2026-12-01' });
    const first = await stateOf(platform);
    await service.classify({ date: '2026-12-01' });
    assert.deepEqual(await stateOf(platform), first);
    await service.classify({ date: '2026-12-06' });
    assert.deepEqual(await stateOf(platform), [
      { imei_key: early, condition_name: 'stolen', start_date: '2026-12-01', end_date: '2026-12-06', block_date: '2026-12-03' },
      { imei_key: late, condition_name: 'stolen', start_date: '2026-12-06', end_date: null, block_date: '2026-12-08' },
    ]);
    await service.classify({ date: '2026-12-01' });
    assert.deepEqual(await stateOf(platform), first, 'classifying the first day again undoes what later days wrote');
  });

  test(`a recovered report leaves the stolen dimension from its recovery day [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const key = imei(KNOWN_TAC, 61);
    const reportId = await verifiedReport(platform, key, '2026-11-20T08:00:00.000Z');
    await platform.db.kysely
      .insertInto('device_report_recoveries')
      .values({ report_id: reportId, recovered_at: '2026-12-03T08:00:00.000Z', recovered_on: '2026-12-03', recovered_by: 'reporter' })
      .execute();
    const service = serviceFor(platform, [rule('stolen', [{ type: 'stolen' }])]);
    await service.classify({ date: '2026-12-02' });
    assert.deepEqual(keysOf(await stateOf(platform), 'stolen'), [key]);
    await service.classify({ date: '2026-12-03' });
    assert.equal((await stateOf(platform))[0]?.end_date, '2026-12-03');
  });
}

const sorted = (keys: string[]) => [...keys].sort();

for (const database of databases.all) {
  // Issue 14 item 2. DIRBS-Core (a80563c): the malformed dimension is `imei_norm !~ '^\d{14}$'` over every
  // IMEI seen (src/dirbs/dimensions/malformed_imei.py:58-60), so one digit repeated is not malformed; a test
  // TAC needs 8 leading digits (`imei_norm ~ '^[0-9]{8}'`, src/dirbs/dimensions/is_test_tac.py:77-78).
  test(`the malformed dimension flags exactly the keys that are not 14 digits, and a test TAC needs 8 digits, as DIRBS does [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const keys = ['35209900176148', '38245933AF987001', '3520990017614', '*#06#', '00000000000000', '11111111111111', '0044ABCD123456', '00440000123456'];
    await insertObservations(
      platform.db.kysely,
      platform.keyring,
      keys.map((key, i) => ({ imei: key, imsi: `63902000000070${i}`, firstSeen: '2026-11-01' })),
    );
    const service = serviceFor(platform, [
      rule('malformed', [{ type: 'malformed' }]),
      rule('repeated_digit', [{ type: 'repeatedDigit' }]),
      rule('test_tac', [{ type: 'testTac' }]),
    ]);
    await service.classify({ date: '2026-12-01' });
    const state = await stateOf(platform);
    assert.deepEqual(sorted(keysOf(state, 'malformed')), sorted(['38245933AF987001', '3520990017614', '*#06#', '0044ABCD123456']));
    assert.deepEqual(sorted(keysOf(state, 'repeated_digit')), ['00000000000000', '11111111111111'], "Kinga's own dimension, apart from DIRBS's");
    assert.deepEqual(keysOf(state, 'test_tac'), ['00440000123456']);
  });

  test(`a malformed IMEI of an operator dump is kept, classified and listed under its upper-cased key, unless the profile leaves invalid IMEIs out of the lists [${database.dialect}]`, async () => {
    // DIRBS writes a malformed IMEI in its lists as its key unless `output_invalid_imeis` is false
    // (src/dirbs/listgen/generator.py:1866-1872, default true in src/dirbs/config/list_generation.py).
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const dir = mkdtempSync(join(tmpdir(), 'kinga-malformed-'));
    const rows = Array.from({ length: 25 }, (_, i) => `20261105,35209900${String(100000 + i)},63902${String(1000000000 + i)},2547${String(10000000 + i)},4G`);
    rows.push('20261106,38245933af987001,639029999999999,254799999999,4G');
    const fileName = 'OP-A_20261101_20261130.csv';
    const path = join(dir, fileName);
    writeFileSync(path, `date,imei,imsi,msisdn,rat\n${rows.join('\n')}\n`);
    const deps = {
      repository: createOperatorDataRepository(platform.db.kysely),
      keyring: platform.keyring,
      audit: platform.audit,
      clock: platform.clock,
      ids: platform.ids,
      settings: DEFAULT_DUMP_SETTINGS,
      isKnownOperator: async () => true,
    };
    const outcome = await importDump(deps, { path, fileName, operatorId: 'OP-A', actor: { type: 'system', id: null } });
    assert.equal(outcome.status, 'imported');
    const conditions = [rule('malformed', [{ type: 'malformed' }], { reason: 'MALFORMED' })];
    await serviceFor(platform, conditions).classify({ date: '2026-12-01' });
    const blockList = async (extra: Record<string, unknown>) => {
      const lists = createDeviceListService({
        repository: createDeviceListRepository(platform.db.kysely),
        keyring: platform.keyring,
        clock: platform.clock,
        ids: platform.ids,
        audit: platform.audit,
        settings: settingsOf(devicesSettings, { conditions, ...extra }),
      });
      const run = await lists.generateLists({ date: '2026-12-01' });
      const file = lists.filesOf(run).find((f) => f.name === 'blocklist.csv');
      assert.ok(file);
      const lines: string[] = [];
      for await (const line of lists.linesOf(run, file)) lines.push(line);
      return lines;
    };
    assert.deepEqual(await blockList({}), ['imei,block_date,reasons', '38245933AF987001,2026-12-01,MALFORMED']);
    assert.deepEqual(await blockList({ listInvalidImeis: false }), ['imei,block_date,reasons']);
  });
}

for (const database of databases.all) {
  // Issue 14 item 3: DIRBS-Core's own case (tests/classification.py:2334-2387, with
  // tests/unittest_data/operator/operator1_with_rat_info_20160701_20160731.csv and
  // tests/unittest_data/gsma/gsma_dump_rat_computation_check.txt). The dimension compares the RATs an IMEI
  // was seen on with the bands of its *model*: the OR over every TAC of the same manufacturer and model
  // name, leaving out TACs whose manufacturer or model name is empty (src/dirbs/dimensions/inconsistent_rat.py:76-97).
  test(`the inconsistent-RAT dimension reads DIRBS RAT codes and judges by model, as DIRBS's own test does [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const db = platform.db.kysely;
    const tacs: ReadonlyArray<[tac: string, manufacturer: string, model: string, radio: { has2g?: boolean; has3g?: boolean; has4g?: boolean }]> = [
      ['01132222', 'Best IT1', 'Phone1', { has2g: true }],
      ['41255555', 'Best IT2', 'Phone2', { has2g: true, has3g: true }],
      ['41266666', 'Best IT3', 'Phone3', { has3g: true }],
      ['41277777', 'Best IT4', 'Phone4', { has2g: true, has3g: true, has4g: true }],
      ['41288888', 'Best IT4', 'Phone5', { has2g: true, has4g: true }],
      ['41299999', 'Best IT4', 'Phone6', { has3g: true, has4g: true }],
      ['41233333', 'Best IT2', 'Phone2', { has4g: true }],
      ['11111111', '', 'Phone2', { has4g: true }],
      ['22222222', 'Best IT1', '', { has4g: true }],
    ];
    for (const [tac, manufacturer, model, radio] of tacs) await insertTac(db, tac, radio, { manufacturer, model });
    const seen: ReadonlyArray<[imei: string, rat: string]> = [
      ['01132222698280', '007'],
      ['41255555638746', '104|001|006'],
      ['41266666370026', '102|003|006|101|104'],
      ['41277777370026', '101'],
      ['41288888370026', '001|005'],
      ['41299999370026', '104'],
      ['41233333638746', '104|001|006'],
      ['11111111638746', '104|001|006'],
      ['22222222638746', '104|001|006'],
    ];
    await insertObservations(
      db,
      platform.keyring,
      seen.map(([key, rat], i) => ({ imei: key, imsi: `11101400135${250 + i}`, firstSeen: '2016-07-02', rat })),
    );
    await serviceFor(platform, [rule('inconsistent_rat', [{ type: 'inconsistentRat' }], { blocking: false })]).classify({ date: '2016-08-01' });
    assert.deepEqual(keysOf(await stateOf(platform), 'inconsistent_rat'), ['41266666370026', '41288888370026', '41299999370026']);
  });
}

for (const database of databases.all) {
  // Issue 14 item 5. DIRBS-Core (a80563c) classifies as of an analysis date: the day given (`--curr-date`),
  // otherwise the last day of operator data (`compute_analysis_end_date`, src/dirbs/utils.py:629-660, which
  // returns that day + 1 as an exclusive end), while the block date counts from the run's day
  // (src/dirbs/condition.py:223-233). TAC not found: `min_first_seen + COALESCE(delay, 0) < analysis_end_date`,
  // an unknown reporting body having no delay (src/dirbs/dimensions/gsma_not_found.py:135-139).
  test(`a TAC not found counts from the last day of operator data, not the run's day, with no lag for an unknown reporting body [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule], clock: createTestClock('2026-11-21T03:00:00Z') });
    const db = platform.db.kysely;
    const lagged = imei('35999999', 1);
    const unknownBody = imei('64999999', 2);
    await insertObservations(db, platform.keyring, [
      { imei: lagged, imsi: '639020000000801', firstSeen: '2026-11-01', lastSeen: '2026-11-20' },
      { imei: unknownBody, imsi: '639020000000802', firstSeen: '2026-11-01', lastSeen: '2026-11-20' },
    ]);
    const service = serviceFor(platform, [rule('not_found', [{ type: 'tacNotFound' }], { gracePeriodDays: 30 })]);
    // A day given is the analysis date itself: 2026-11-01 + 20 days of lag is 11-21.
    await service.classify({ date: '2026-11-20' });
    assert.deepEqual(keysOf(await stateOf(platform), 'not_found'), [unknownBody], 'the unknown body has no lag');
    await service.classify({ date: '2026-11-21' });
    assert.deepEqual(keysOf(await stateOf(platform), 'not_found'), [lagged, unknownBody].sort());
    // The daily run on 11-21 has data up to 11-20: the lagged TAC is not due yet.
    const daily = await service.classify();
    assert.equal(daily.date, '2026-11-21');
    assert.equal(daily.dataDate, '2026-11-20');
    assert.deepEqual(
      (await stateOf(platform)).map((r) => [r.imei_key, r.start_date, r.block_date]),
      [[unknownBody, '2026-11-20', '2026-12-20']],
      'the run of 2026-11-21 is undone; that of 11-20 stays',
    );
    // The next day's data make it due; its block date counts from the run's day.
    await insertObservations(db, platform.keyring, [{ imei: imei(KNOWN_TAC, 3), imsi: '639020000000803', firstSeen: '2026-11-21' }]);
    platform.clock.set('2026-11-22T03:00:00Z');
    await service.classify();
    assert.deepEqual(
      (await stateOf(platform)).filter((r) => r.imei_key === lagged).map((r) => [r.start_date, r.block_date]),
      [['2026-11-22', '2026-12-22']],
    );
  });

  test(`a profile may classify the run's day instead of the last day of data [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule], clock: createTestClock('2026-11-21T03:00:00Z') });
    await insertObservations(platform.db.kysely, platform.keyring, [
      { imei: imei('35999999', 1), imsi: '639020000000801', firstSeen: '2026-11-01', lastSeen: '2026-11-20' },
    ]);
    const summary = await serviceFor(platform, [rule('not_found', [{ type: 'tacNotFound' }])], { analysisDate: 'runDate' }).classify();
    assert.equal(summary.dataDate, '2026-11-21');
    assert.equal((await stateOf(platform)).length, 1);
  });

  // DIRBS: the duplicate window is `last_seen >= end - period_days AND first_seen < end`
  // (src/dirbs/dimensions/duplicate_abstract_base.py:81-85), counting only IMSIs of 14 or 15 digits and
  // matching `COUNT(*) >= threshold` (src/dirbs/dimensions/duplicate_threshold.py:99-104; `is_valid_imsi`,
  // src/dirbs/sql/migration_scripts/v46_upgrade.sql:66-74).
  test(`the duplicate dimension matches at least the threshold of SIMs over the window, counting only IMSIs of 14 or 15 digits [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const db = platform.db.kysely;
    const four = imei(KNOWN_TAC, 71);
    const threeAndShort = imei(KNOWN_TAC, 72);
    const outside = imei(KNOWN_TAC, 73);
    await insertObservations(db, platform.keyring, [
      // Last seen on the window's first day (2026-11-01 for 30 days to 2026-11-30) still counts.
      ...[1, 2, 3, 4].map((n) => ({ imei: four, imsi: `63902000000071${n}`, firstSeen: '2026-10-01', lastSeen: '2026-11-01' })),
      ...[1, 2, 3].map((n) => ({ imei: threeAndShort, imsi: `63902000000072${n}`, firstSeen: '2026-11-10' })),
      { imei: threeAndShort, imsi: '6390200000072', firstSeen: '2026-11-10' },
      // Last seen the day before the window.
      ...[1, 2, 3].map((n) => ({ imei: outside, imsi: `63902000000073${n}`, firstSeen: '2026-11-10' })),
      { imei: outside, imsi: '639020000000734', firstSeen: '2026-10-01', lastSeen: '2026-10-31' },
    ]);
    await serviceFor(platform, [rule('duplicate', [{ type: 'duplicate', threshold: 4, periodDays: 30 }], { blocking: false })]).classify({
      date: '2026-11-30',
    });
    assert.deepEqual(keysOf(await stateOf(platform), 'duplicate'), [four]);
  });
}

for (const database of databases.all) {
  // Issue 14 item 6. DIRBS-Core (a80563c) src/dirbs/cli/classify.py:164-181: each condition whose matched IMEIs
  // exceed `max_allowed_matching_ratio` of the IMEIs seen is refused and logged by name, and gets no state
  // update; the other conditions are applied; the command then exits 1 (:198-200).
  const setUp = async (platform: Awaited<ReturnType<typeof createTestPlatform>>) => {
    const db = platform.db.kysely;
    const [x, s1, s2, s3, s4, s5, b, b2, other] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => imei(KNOWN_TAC, 90 + n)) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    await insertObservations(
      db,
      platform.keyring,
      [x, s1, s2, s3, s4, s5, b, b2, other].map((key, i) => ({ imei: key, imsi: `63902000000090${i}`, firstSeen: '2026-11-01' })),
    );
    await insertListEntries(db, platform.keyring, [
      { list: 'stolen', key: x, startDate: '2026-11-01', endDate: '2026-12-02' },
      ...[s1, s2, s3, s4, s5].map((key) => ({ list: 'stolen' as const, key, startDate: '2026-12-02' })),
      { list: 'barred_imei', key: b, startDate: '2026-11-01', endDate: '2026-12-02' },
      { list: 'barred_imei', key: b2, startDate: '2026-12-02' },
    ]);
    // No TAC is known: the third condition matches all nine IMEIs seen.
    const conditions = (shares: [number, number, number]) => [
      rule('stolen_a', [{ type: 'stolen' }], { maxNewShare: shares[0] }),
      rule('barred_b', [{ type: 'barred' }], { maxNewShare: shares[1] }),
      rule('unknown_c', [{ type: 'tacNotFound' }], { maxNewShare: shares[2], blocking: false }),
    ];
    await serviceFor(platform, conditions([1, 1, 1])).classify({ date: '2026-12-01' });
    platform.clock.advance(60_000);
    return { conditions, keys: { x, b, b2 }, before: await stateOf(platform) };
  };

  test(`a condition over its safety limit is refused and keeps its state while the others are applied, and the refusal names every such condition [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const { conditions, keys, before } = await setUp(platform);
    // DIRBS's measure and vectors: 5 of 9 above 10 %, 9 of 9 above 56 %; 1 of 9 within 30 %.
    const strict = serviceFor(platform, conditions([0.1, 0.3, 0.56]), { safetyMinimumImeisSeen: 0, safetyLimitMeasure: 'matched' });
    await assert.rejects(strict.classify({ date: '2026-12-02' }), (error: unknown) => {
      assert.ok(error instanceof ClassificationRefused);
      assert.deepEqual(
        error.refused.map((r) => [r.condition, r.count, r.imeisSeen, r.limit]),
        [
          ['stolen_a', 5, 9, 0.1],
          ['unknown_c', 9, 9, 0.56],
        ],
      );
      assert.match(
        error.message,
        /condition "stolen_a" would match 5 of 9 IMEIs seen, above its limit of 10\.00 %; condition "unknown_c" would match 9 of 9 IMEIs seen, above its limit of 56\.00 %/,
      );
      assert.deepEqual(Object.keys(error.applied?.conditions ?? {}), ['barred_b']);
      return true;
    });
    const after = await stateOf(platform);
    const of = (rows: typeof after, condition: string) => rows.filter((r) => r.condition_name === condition);
    assert.deepEqual(of(after, 'stolen_a'), of(before, 'stolen_a'), 'the refused condition keeps its open period, though its IMEI left the stolen list');
    assert.deepEqual(of(after, 'unknown_c'), of(before, 'unknown_c'));
    assert.deepEqual(
      of(after, 'barred_b').map((r) => [r.imei_key, r.start_date, r.end_date]),
      [
        [keys.b, '2026-12-01', '2026-12-02'],
        [keys.b2, '2026-12-02', null],
      ],
    );
    const runs = await platform.db.kysely.selectFrom('device_classification_runs').select(['run_date', 'status']).orderBy('run_date').execute();
    assert.deepEqual(runs, [
      { run_date: '2026-12-01', status: 'done' },
      { run_date: '2026-12-02', status: 'partial' },
    ]);
    const latest = await strict.latestRun();
    assert.equal(latest?.status, 'partial');
    assert.deepEqual(
      latest?.refused.map((r) => r.condition),
      ['stolen_a', 'unknown_c'],
    );
  });

  test(`a profile may refuse the whole run instead, still naming every condition over its limit [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const { conditions, before } = await setUp(platform);
    const whole = serviceFor(platform, conditions([0.1, 0.3, 0.56]), { safetyMinimumImeisSeen: 0, safetyLimitMeasure: 'matched', safetyLimitScope: 'run' });
    await assert.rejects(whole.classify({ date: '2026-12-02' }), (error: unknown) => {
      assert.ok(error instanceof ClassificationRefused);
      assert.deepEqual(
        error.refused.map((r) => r.condition),
        ['stolen_a', 'unknown_c'],
      );
      assert.equal(error.applied, null);
      return true;
    });
    assert.deepEqual(await stateOf(platform), before, 'nothing was written');
    assert.deepEqual(
      (await whole.latestRun())?.refused.map((r) => [r.condition, r.count]),
      [
        ['stolen_a', 5],
        ['unknown_c', 9],
      ],
    );
  });
}

test('the default conditions read from an absent profile block', () => {
  assert.ok(settingsOf(devicesSettings, undefined).conditions.some((c) => c.name === 'stolen' && c.isBlocking));
});
