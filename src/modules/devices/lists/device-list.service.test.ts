import { test } from 'node:test';
import { Readable } from 'node:stream';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { insertListEntries, insertObservations } from '../../../../test/helpers/device-data.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { Platform } from '../../../platform/platform.ts';
import { settingsOf } from '../../../platform/settings.ts';
import { devicesSettings } from '../devices.settings.ts';
import { createDeviceListRepository } from './device-list.repository.ts';
import { createDeviceListService, type DeviceListService, type ListRun } from './device-list.service.ts';
import { devicesModule } from '../index.ts';
import { importList } from '../operator-dumps/list-import.service.ts';
import { createOperatorDataRepository } from '../operator-dumps/operator-dumps.repository.ts';
import { DEFAULT_DUMP_SETTINGS } from '../operator-dumps/operator-dumps.settings.ts';

import { classificationServiceFor } from '../testing/classification-service.ts';

const databases = openTestDatabases(allMigrations([devicesModule]));

const STOLEN = '35209900000001';
const UNREGISTERED = '35209900000002';
const PAIRED = '35209900000003';
const GOLDEN = '35209900000004';
const SIM_A1 = '639020000000011';
const SIM_A2 = '639020000000012';
const SIM_B1 = '639030000000021';

/** The classification and list services over the platform, with the given devices settings. */
function servicesFor(
  platform: Platform,
  settings = settingsOf(devicesSettings, {
    conditions: [
      { name: 'stolen', blocking: true, gracePeriodDays: 0, reason: 'STOLEN', maxNewShare: 1, dimensions: [{ type: 'stolen' }] },
      { name: 'unregistered', blocking: true, gracePeriodDays: 10, reason: 'NOT_REGISTERED', maxNewShare: 1, dimensions: [{ type: 'notRegistered' }] },
    ],
    operatorNetworks: { 'OP-A': ['639-02'], 'OP-B': ['639-03'] },
    notificationLookbackDays: 30,
  }),
) {
  const classification = classificationServiceFor(platform, settings);
  const lists = createDeviceListService({
    keyring: platform.keyring,
    clock: platform.clock,
    ids: platform.ids,
    audit: platform.audit,
    repository: createDeviceListRepository(platform.db.kysely),
    settings,
  });
  return { classification, lists };
}

async function read(lists: DeviceListService, run: ListRun, name: string): Promise<string[]> {
  const file = lists.filesOf(run).find((f) => f.name === name);
  assert.ok(file, name);
  const lines: string[] = [];
  for await (const line of lists.linesOf(run, file)) lines.push(line);
  return lines;
}

for (const database of databases.all) {
  test(`lists route each SIM to its home operator, leave out pairings and golden IMEIs, and deltas say what changed and why [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const db = platform.db.kysely;
    await insertObservations(db, platform.keyring, [
      { imei: STOLEN, imsi: SIM_A1, msisdn: '254700000011', firstSeen: '2026-11-01', lastSeen: '2026-11-30' },
      { imei: UNREGISTERED, imsi: SIM_A2, msisdn: '254700000012', firstSeen: '2026-11-01', lastSeen: '2026-11-30' },
      // A roaming SIM of operator B seen on operator A's network goes to operator B.
      { imei: UNREGISTERED, imsi: SIM_B1, msisdn: '254700000021', operatorId: 'OP-A', firstSeen: '2026-11-01', lastSeen: '2026-11-30' },
      { imei: PAIRED, imsi: SIM_A1, msisdn: '254700000011', firstSeen: '2026-11-01', lastSeen: '2026-11-30' },
      { imei: GOLDEN, imsi: SIM_A2, msisdn: '254700000012', firstSeen: '2026-11-01', lastSeen: '2026-11-30' },
    ]);
    await insertListEntries(db, platform.keyring, [
      { list: 'stolen', key: STOLEN, startDate: '2026-11-20' },
      { list: 'stolen', key: GOLDEN, startDate: '2026-11-20' },
      { list: 'golden', key: GOLDEN, startDate: '2026-11-01' },
      { list: 'registration', key: STOLEN, startDate: '2026-11-01' },
      { list: 'pairing', key: PAIRED, imsi: SIM_A1, msisdn: '254700000011', startDate: '2026-11-01' },
    ]);
    const { classification, lists } = servicesFor(platform);
    await classification.classify({ date: '2026-12-01' });
    const first = await lists.generateLists({ date: '2026-12-01' });
    assert.equal(first.previousRunId, null);

    assert.deepEqual(
      await read(lists, first, 'blocklist.csv'),
      ['imei,block_date,reasons', `${STOLEN},2026-12-01,STOLEN`],
      'the golden IMEI is never blocked; the others are still in grace',
    );
    assert.deepEqual(await read(lists, first, 'notifications-OP-A.csv'), [
      'imei,imsi,msisdn,block_date,reasons',
      `${UNREGISTERED},${SIM_A2},254700000012,2026-12-11,NOT_REGISTERED`,
    ]);
    assert.deepEqual(await read(lists, first, 'notifications-OP-B.csv'), [
      'imei,imsi,msisdn,block_date,reasons',
      `${UNREGISTERED},${SIM_B1},254700000021,2026-12-11,NOT_REGISTERED`,
    ]);
    assert.deepEqual(
      await read(lists, first, 'exceptions-OP-A.csv'),
      ['imei,imsi,msisdn', `${PAIRED},${SIM_A1},254700000011`],
      'the paired SIM is excepted, not notified',
    );
    assert.deepEqual(await read(lists, first, 'exceptions-OP-B.csv'), ['imei,imsi,msisdn']);
    assert.deepEqual(await read(lists, first, 'blocklist-delta.csv'), [
      'imei,block_date,reasons,change_type,change_reason',
      `${STOLEN},2026-12-01,STOLEN,add,new`,
    ]);

    // Eleven days on: the grace period is over, the stolen IMEI was taken off the stolen list.
    await db.updateTable('device_list_entries').set({ end_date: '2026-12-10' }).where('key', '=', STOLEN).where('list', '=', 'stolen').execute();
    await classification.classify({ date: '2026-12-12' });
    const second = await lists.generateLists({ date: '2026-12-12' });
    assert.equal(second.previousRunId, first.runId);
    assert.deepEqual(await read(lists, second, 'blocklist-delta.csv'), [
      'imei,block_date,reasons,change_type,change_reason',
      `${STOLEN},2026-12-01,STOLEN,remove,cleared`,
      `${UNREGISTERED},2026-12-11,NOT_REGISTERED,add,new`,
      // Blocked for every SIM but the paired one, which the exception list lets through.
      `${PAIRED},2026-12-11,NOT_REGISTERED,add,new`,
    ]);
    assert.deepEqual(await read(lists, second, 'notifications-OP-A-delta.csv'), [
      'imei,imsi,msisdn,block_date,reasons,change_type,change_reason',
      `${UNREGISTERED},${SIM_A2},254700000012,2026-12-11,NOT_REGISTERED,remove,blocked`,
    ]);
    assert.deepEqual(await read(lists, second, 'notifications-OP-A.csv'), ['imei,imsi,msisdn,block_date,reasons']);
    const third = await lists.generateLists({ date: '2026-12-12' });
    assert.deepEqual(
      await read(lists, third, 'blocklist-delta.csv'),
      ['imei,block_date,reasons,change_type,change_reason'],
      'the same day again changes nothing',
    );
    const kept = await db.selectFrom('device_list_items').select('run_id').distinct().execute();
    assert.deepEqual(kept.map((r) => r.run_id).sort(), [second.runId, third.runId].sort(), 'only two generations of rows are kept');
  });

  test(`the IMSI and MSISDN of the lists stay encrypted at rest [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    await insertObservations(platform.db.kysely, platform.keyring, [
      { imei: UNREGISTERED, imsi: SIM_A2, msisdn: '254700000012', firstSeen: '2026-11-01', lastSeen: '2026-11-30' },
    ]);
    const { classification, lists } = servicesFor(platform);
    await classification.classify({ date: '2026-12-01' });
    await lists.generateLists({ date: '2026-12-01' });
    const rows = await platform.db.kysely.selectFrom('device_list_items').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.doesNotMatch(JSON.stringify(rows), new RegExp(`${SIM_A2}|254700000012`));
  });
}

for (const database of databases.all) {
  // Issue 14 item 5: DIRBS notifies a SIM seen with `last_seen >= end - lookback_days AND first_seen < end`,
  // end being the analysis end date, the day after the reference day (src/dirbs/listgen/generator.py:940-954).
  test(`a SIM is notified when last seen within the look-back days up to the day, and not the day before [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    await insertObservations(platform.db.kysely, platform.keyring, [
      // 30 days up to 2026-12-01 start on 2026-11-02.
      { imei: UNREGISTERED, imsi: SIM_A1, msisdn: '254700000011', firstSeen: '2026-10-01', lastSeen: '2026-11-01' },
      { imei: UNREGISTERED, imsi: SIM_A2, msisdn: '254700000012', firstSeen: '2026-10-01', lastSeen: '2026-11-02' },
    ]);
    const { classification, lists } = servicesFor(platform);
    await classification.classify({ date: '2026-12-01' });
    const run = await lists.generateLists({ date: '2026-12-01' });
    assert.deepEqual(await read(lists, run, 'notifications-OP-A.csv'), [
      'imei,imsi,msisdn,block_date,reasons',
      `${UNREGISTERED},${SIM_A2},254700000012,2026-12-11,NOT_REGISTERED`,
    ]);
  });
}

for (const database of databases.all) {
  // Issue 14 item 7: DIRBS writes each operator's exception list as `imei,imsi,msisdn`
  // (src/dirbs/listgen/generator.py:2044-2062) from every current pairing, routed to the operator whose
  // MCC-MNC starts the IMSI, or to every operator when none does (:1106-1141, `home_operator IS NULL`),
  // leaving out barred IMEIs and TACs unless `include_barred_imeis_in_exceptions_list` (:728-735) and
  // keeping IMEIs that are not blacklisted unless `restrict_exceptions_list_to_blacklisted_imeis` (:719-726).
  const pairingFile = [
    'imei,imsi,msisdn',
    '352099001761481,639021234567890,254712345678',
    '35209900176155,310150123456789,12025550123',
    '35209900176163,639031234567890,254733000111',
    '35111111000001,639021234567891,254712345670',
  ].join('\n');

  const exceptionLists = async (platform: Platform, extra: Record<string, unknown>) => {
    const settings = settingsOf(devicesSettings, {
      conditions: [{ name: 'stolen', blocking: true, gracePeriodDays: 0, reason: 'STOLEN', maxNewShare: 1, dimensions: [{ type: 'stolen' }] }],
      operatorNetworks: { 'OP-A': ['639-02'], 'OP-B': ['639-03'] },
      ...extra,
    });
    const { classification, lists } = servicesFor(platform, settings);
    await classification.classify({ date: '2026-12-01' });
    const run = await lists.generateLists({ date: '2026-12-01' });
    return { a: await read(lists, run, 'exceptions-OP-A.csv'), b: await read(lists, run, 'exceptions-OP-B.csv') };
  };

  const uploadPairings = async (platform: Platform) => {
    const listDeps = {
      repository: createOperatorDataRepository(platform.db.kysely),
      keyring: platform.keyring,
      audit: platform.audit,
      clock: platform.clock,
      ids: platform.ids,
      threeDigitMncMccs: DEFAULT_DUMP_SETTINGS.threeDigitMncMccs,
    };
    await importList(listDeps, {
      stream: Readable.from([Buffer.from(pairingFile)]),
      fileName: 'pairing.csv',
      list: 'pairing',
      mode: 'full',
      actor: { type: 'system', id: null },
    });
    await insertListEntries(platform.db.kysely, platform.keyring, [
      { list: 'stolen', key: '35209900176163', startDate: '2026-11-01' },
      { list: 'barred_tac', key: '35111111', startDate: '2026-11-01' },
    ]);
  };

  test(`exception lists carry the pairing list's IMSI and MSISDN, for every current pairing, an IMSI of no operator going to every operator, barred IMEIs left out [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    await uploadPairings(platform);
    const { a, b } = await exceptionLists(platform, {});
    assert.deepEqual(a, ['imei,imsi,msisdn', '35209900176148,639021234567890,254712345678', '35209900176155,310150123456789,12025550123']);
    assert.deepEqual(b, ['imei,imsi,msisdn', '35209900176155,310150123456789,12025550123', '35209900176163,639031234567890,254733000111']);
  });

  test(`a profile may keep barred IMEIs in the exception lists, or restrict them to IMEIs that are or will be blocked [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    await uploadPairings(platform);
    const barred = await exceptionLists(platform, { includeBarredInExceptions: true });
    assert.ok(barred.a.includes('35111111000001,639021234567891,254712345670'));
    const blocked = await exceptionLists(platform, { exceptionsScope: 'blocked' });
    assert.deepEqual(blocked, { a: ['imei,imsi,msisdn'], b: ['imei,imsi,msisdn', '35209900176163,639031234567890,254733000111'] });
  });
}

for (const database of databases.all) {
  test(`a pairing stored before its IMSI was kept takes its IMSI from the observations, routed by their home network [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    await insertObservations(platform.db.kysely, platform.keyring, [
      { imei: PAIRED, imsi: SIM_B1, msisdn: '254700000021', firstSeen: '2026-11-01', lastSeen: '2026-11-30' },
    ]);
    await insertListEntries(platform.db.kysely, platform.keyring, [
      { list: 'pairing', key: PAIRED, imsi: SIM_B1, isLegacy: true, startDate: '2026-11-01' },
      { list: 'pairing', key: STOLEN, imsi: SIM_A2, isLegacy: true, startDate: '2026-11-01' },
    ]);
    const { classification, lists } = servicesFor(platform);
    await classification.classify({ date: '2026-12-01' });
    const run = await lists.generateLists({ date: '2026-12-01' });
    assert.deepEqual(await read(lists, run, 'exceptions-OP-B.csv'), ['imei,imsi,msisdn', `${PAIRED},${SIM_B1},`]);
    assert.deepEqual(await read(lists, run, 'exceptions-OP-A.csv'), ['imei,imsi,msisdn'], 'a pair never seen has no IMSI to send');
  });
}
