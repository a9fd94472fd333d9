import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTokenIssuer } from '../../../test/helpers/api-tokens.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../app.ts';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { englishSentencesIn } from '../../../test/helpers/english-sentences.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../test/helpers/staff.ts';
import { allMigrations } from '../../platform/create.ts';
import { offersModule } from '../offers/index.ts';
import { luhnCheckDigit } from './imei-check/imei.ts';
import { devicesModule } from './index.ts';
import { postMultipart } from './testing/devices-app.ts';
import { policeReportTypeNames } from './theft-reports/theft-report.service.ts';

// Issue 13 item 10 (class): every refusal of the devices module a person reads (the dump, list
// and check APIs, the reference list page, the staff pages' errors) and every list or name a page
// builds is said in the reader's language; nothing English is left in Chinese or Arabic.
const modules = [offersModule, devicesModule];
const databases = openTestDatabases(allMigrations(modules));
const DEMO_PROFILE = new URL('../../../jurisdictions/demo.json', import.meta.url);
const GALAXY = `35209900176148${luhnCheckDigit('35209900176148')}`;

interface Problem {
  title: string;
  detail: string;
  errors?: Array<{ field: string; line?: number; message: string }>;
}

/** The problem of an answer, checked to be worded wholly in `language`: Content-Language says so, and no English sentence is left. */
function saidIn(reply: LightMyRequestResponse, language: string, what: string): Problem {
  assert.match(String(reply.headers['content-type']), /^application\/problem\+json/, `${what}: ${reply.body.slice(0, 300)}`);
  const problem = reply.json<Problem>();
  assert.equal(reply.headers['content-language'], language, `${what}: ${reply.body}`);
  const words = [problem.detail, ...(problem.errors ?? []).map((e) => e.message)].join('\n');
  assert.deepEqual(englishSentencesIn(words), [], `${what}: ${words}`);
  return problem;
}

/** The text of a page, each element's apart, without the demo regulator's name (a name, not words of the page). */
function pageText(body: string): string {
  return body
    .replace(/<[^>]*>/g, '\n')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replaceAll('Demo Communications Authority', ' ');
}

function profileWith(devices: Record<string, unknown>): string {
  const profile = JSON.parse(readFileSync(DEMO_PROFILE, 'utf8')) as { modules: Record<string, Record<string, unknown>> };
  const demo = profile.modules['devices'] ?? {};
  // The dump checks as the demo sets them, with a limit of one megabyte a file.
  const dumps = { ...(demo['dumps'] as Record<string, unknown>), maxFileMegabytes: 1 };
  profile.modules = { ...profile.modules, devices: { ...demo, dumps, ...devices } };
  const file = join(mkdtempSync(join(tmpdir(), 'kinga-devices-languages-')), 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

async function setup(database: (typeof databases.all)[number], isDeviceDemo = true) {
  const platform = await createTestPlatform(await database.fresh(), { modules, env: { KINGA_JURISDICTION: profileWith({ bulkCheckMaxImeis: 2 }) } });
  await offersModule.seedDemo?.(platform);
  // The devices demo classifies its data and generates the first lists.
  if (isDeviceDemo) await devicesModule.seedDemo?.(platform);
  const app = await buildApp(platform, modules);
  const { token: issue } = await createTokenIssuer(platform, 'languages');
  const token = async (operatorId: string, permissions: string[]) => `Bearer ${await issue(operatorId, permissions)}`;
  return { platform, app, token };
}

const row = (i: number, imsi = `63902${String(1000000000 + i)}`) =>
  `202611${String(1 + (i % 28)).padStart(2, '0')},35209900${100000 + i},${imsi},2547${10000000 + i},4G`;
const dump = (n: number, emptyImsi = 0) =>
  ['date,imei,imsi,msisdn,rat', ...Array.from({ length: n }, (_, i) => row(i, i < emptyImsi ? '' : undefined))].join('\n') + '\n';

for (const database of databases.all) {
  test(`the dump API says a missing body, a missing or foreign operator, a failed check and a file too large in the language asked for [${database.dialect}]`, async () => {
    const { app, token } = await setup(database);
    const operator = await token('OP-DEMO-1', ['devices:upload']);
    const regulator = await token('', ['devices:upload']);
    const upload = (bearer: string, query: string, body: string | undefined, language: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/devices/dumps?${query}`,
        headers: { authorization: bearer, 'accept-language': language, ...(body === undefined ? {} : { 'content-type': 'text/csv' }) },
        ...(body === undefined ? {} : { payload: body }),
      });

    const noBody = await upload(operator, 'fileName=OP-DEMO-1_20261101_20261130.csv', undefined, 'zh');
    assert.equal(noBody.statusCode, 422);
    assert.equal(saidIn(noBody, 'zh', 'a request without a dump').title, 'DUMP_BODY_MISSING');
    const unnamed = await upload(regulator, 'fileName=OP-DEMO-1_20261101_20261130.csv', dump(40), 'ar');
    assert.equal(unnamed.statusCode, 422);
    assert.equal(saidIn(unnamed, 'ar', 'a regulator token naming no operator').title, 'DUMP_OPERATOR_MISSING');
    const foreign = await upload(operator, 'fileName=OP-DEMO-2_20261101_20261130.csv&operator=OP-DEMO-2', dump(40), 'zh');
    assert.equal(foreign.statusCode, 403);
    assert.equal(saidIn(foreign, 'zh', 'an operator token naming another operator').title, 'DUMP_OTHER_OPERATOR');
    const refused = await upload(operator, 'fileName=OP-DEMO-1_20261101_20261130.csv', dump(40, 8), 'zh');
    assert.equal(refused.statusCode, 422);
    const problem = saidIn(refused, 'zh', 'a dump that fails a check');
    assert.equal(problem.title, 'DUMP_REJECTED');
    assert.ok(
      problem.errors?.some((e) => e.field === 'nullImsi' && /20%/.test(e.message)),
      JSON.stringify(problem.errors),
    );
    const large = await upload(operator, 'fileName=OP-DEMO-1_20261101_20261130.csv', dump(40) + `${row(1)}\n`.repeat(40_000), 'ar');
    assert.equal(large.statusCode, 422);
    assert.equal(saidIn(large, 'ar', 'a dump over the size limit').title, 'UPLOAD_TOO_LARGE');
  });

  test(`the list and check APIs say another operator's list, a list not generated yet and too many IMEIs in the language asked for [${database.dialect}]`, async () => {
    const { app, token } = await setup(database, false);
    const operator = await token('OP-DEMO-1', ['devices:lists']);
    const other = await app.inject({
      url: '/api/v1/devices/lists/operators/OP-DEMO-2/notifications',
      headers: { authorization: operator, 'accept-language': 'zh' },
    });
    assert.equal(other.statusCode, 403);
    assert.equal(saidIn(other, 'zh', "another operator's list").title, 'LIST_OTHER_OPERATOR');
    const none = await app.inject({ url: '/api/v1/devices/lists/blocklist', headers: { authorization: operator, 'accept-language': 'ar' } });
    assert.equal(none.statusCode, 404);
    assert.equal(saidIn(none, 'ar', 'a list before the first generation').title, 'LIST_NOT_GENERATED');
    const dealer = await token('', ['devices:check']);
    const many = await app.inject({
      method: 'POST',
      url: '/api/v1/devices/imei-checks',
      headers: { authorization: dealer, 'content-type': 'application/json', 'accept-language': 'ru' },
      payload: JSON.stringify({ imeis: [GALAXY, GALAXY, GALAXY] }),
    });
    assert.equal(many.statusCode, 422);
    assert.equal(saidIn(many, 'ru', 'too many IMEIs').title, 'TOO_MANY_IMEIS');
  });

  test(`a refused reference list is explained line by line in the page's language, with the count of every problem [${database.dialect}]`, async () => {
    const { app, platform } = await setup(database);
    const officer = createWebClient(app, '10.97.0.1');
    await signIn(officer, platform, await buildStaffAccount(platform, { role: 'officer' }));
    await officer.get('/staff/devices/lists?lang=zh');
    const lines = ['imei,msisdn', ...Array.from({ length: 120 }, (_, i) => `${i % 2 === 0 ? 'not-an-imei' : '35209900176148'},${'1'.repeat(20)}`)].join('\n');
    const header = await postMultipart(app, officer, '/staff/devices/lists?lang=zh', { list: 'stolen', mode: 'delta' }, { name: 'stolen.csv', content: lines });
    assert.equal(header.statusCode, 422);
    assert.deepEqual(englishSentencesIn(pageText(header.body)), [], 'the header problems are said in Chinese');
    const rows = ['imei', ...Array.from({ length: 150 }, () => 'not-an-imei')].join('\n');
    const page = await postMultipart(app, officer, '/staff/devices/lists?lang=ar', { list: 'stolen', mode: 'full' }, { name: 'stolen.csv', content: rows });
    assert.equal(page.statusCode, 422);
    assert.deepEqual(englishSentencesIn(pageText(page.body)), [], 'the line problems are said in Arabic');
    assert.ok(
      pageText(page.body).includes(platform.catalogs.translator('ar')('devices.lists.invalid', { count: 150 })),
      'the page counts every problem, not only those it lists',
    );
  });

  test(`staff pages say a report that does not exist in their language, and the police report's accepted types are listed as the reporter's language lists them [${database.dialect}]`, async () => {
    const { app, platform } = await setup(database);
    const officer = createWebClient(app, '10.97.0.2');
    await signIn(officer, platform, await buildStaffAccount(platform, { role: 'officer' }));
    const missing = await officer.get('/staff/devices/reports/00000000-0000-0000-0000-000000000000?lang=zh');
    assert.equal(missing.statusCode, 404);
    assert.ok(missing.body.includes(platform.catalogs.translator('zh')('devices.refusal.reportNotFound')), 'the page says which thing was not found');
    assert.deepEqual(englishSentencesIn(pageText(missing.body)), []);
    const types = policeReportTypeNames(['application/pdf', 'image/png', 'image/jpeg']);
    assert.match(platform.catalogs.translator('zh')('devices.policeFile.error.type', { types }), /PDF、PNG或JPEG/);
    assert.match(platform.catalogs.translator('ar')('devices.policeFile.hint', { types, size: 5 }), /PDF أو PNG أو JPEG/);
  });

  test(`the IMEI check names the model and lists the networks as the page's language does [${database.dialect}]`, async () => {
    const { app, platform } = await setup(database);
    const zh = await createWebClient(app, '10.97.0.3').get(`/devices/check?imei=${GALAXY}&lang=zh`);
    assert.equal(zh.statusCode, 200);
    const text = pageText(zh.body);
    // Full-width brackets around the model code, the Chinese enumeration comma and "和" between networks.
    assert.match(text, /（[^）]+）/);
    assert.match(text, /[2-5]G(、[2-5]G)*和[2-5]G/);
    const ar = pageText((await createWebClient(app, '10.97.0.4').get(`/devices/check?imei=${GALAXY}&lang=ar`)).body);
    assert.match(ar, /[2-5]G و[2-5]G/);
    assert.ok(platform.catalogs.translator('ar')('devices.device.networks').length > 0);
  });

  test(`every devices page a person opens, public or staff, is said in Chinese and in Arabic with no English sentence left [${database.dialect}]`, async () => {
    const { app, platform } = await setup(database);
    const admin = createWebClient(app, '10.97.0.5');
    await signIn(admin, platform, await buildStaffAccount(platform, { role: 'admin' }));
    const reports = await platform.db.kysely.selectFrom('device_theft_reports').select('id').orderBy('id').limit(2).execute();
    const pages = [
      '/devices/check',
      `/devices/check?imei=${GALAXY}`,
      '/devices/check?imei=12345',
      '/devices/report',
      '/devices/recover',
      '/devices/statistics',
      '/staff/devices/classification',
      '/staff/devices/dumps',
      '/staff/devices/lists',
      '/staff/devices/reports',
      ...reports.map((r) => `/staff/devices/reports/${r.id}`),
    ];
    // What is not words of the page: the command an administrator types, and police stations the demo reporters typed.
    const isData = (run: string) => run === 'kinga devices classify' || / Police Station$/.test(run);
    for (const language of ['zh', 'ar']) {
      for (const page of pages) {
        const reply = await admin.get(`${page}${page.includes('?') ? '&' : '?'}lang=${language}`);
        assert.ok(reply.statusCode === 200 || reply.statusCode === 422, `${page}: ${reply.statusCode}`);
        assert.deepEqual(
          englishSentencesIn(pageText(reply.body)).filter((run) => !isData(run)),
          [],
          `${page} in ${language}`,
        );
      }
    }
  });
}
