import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../app.ts';
import { createCommandRunner } from '../../../../test/helpers/command-runner.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount } from '../../../../test/helpers/staff.ts';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { qualityModule } from '../index.ts';
import { createKpiServiceFor } from './quality-kpi.wiring.ts';
import { createKpiRepository } from './quality-kpi.repository.ts';
import { registerKpiCommands } from './quality-kpi.cli.ts';
import { seedKpiDemo } from './quality-kpi.demo.ts';
import { registerQualityCommands } from '../measurements/measurement.cli.ts';
import { createQualityStatisticsServiceFor } from '../statistics/quality-statistics.wiring.ts';
import { DEMO_REGIONS_FILE } from '../statistics/quality-statistics.demo.ts';

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));
const HEADER = 'operator,month,region,technology,kpi,numerator,denominator';

/** The demo profile with other KPI targets, as a file a test platform reads. */
function profileWithTargets(targets: Record<string, { operator: string; percent: string }>): string {
  const profile = JSON.parse(readFileSync(new URL('../../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
    modules: { quality: { kpis: { id: string; target: unknown }[] } };
  };
  for (const kpi of profile.modules.quality.kpis) if (targets[kpi.id]) kpi.target = targets[kpi.id];
  const file = join(mkdtempSync(join(tmpdir(), 'kinga-kpi-profile-')), 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

/** Imports KPI rows for `operator` as regulator staff would from the command line. */
function importByStaff(service: ReturnType<typeof createKpiServiceFor>, operator: string, rows: readonly string[]) {
  return service.importKpis({
    text: [HEADER, ...rows].join('\n'),
    format: 'csv',
    operatorId: operator,
    isSentByOperator: false,
    actor: { type: 'system', id: null },
    channel: 'cli',
  });
}

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const platform = await createTestPlatform(await database.fresh(), { modules, env });
  await offersModule.seedDemo?.(platform);
  const service = createKpiServiceFor(platform);
  const [first, second] = await service.listOperators();
  const [big, small] = await service.listRegions();
  assert.ok(first && second && big && small, 'the demo has operators and the profile regions');
  return { platform, service, operator: first.id, other: second.id, big: big.id, small: small.id, repository: createKpiRepository(platform.db.kysely) };
}

for (const database of databases.all) {
  test(`the API takes an operator's KPI file all or nothing, and a re-upload of a month replaces it, keeping the old version [${database.dialect}]`, async () => {
    const { platform, service, operator, other, big, small, repository } = await setup(database);
    const app = await buildApp(platform, modules);
    const admin = await buildStaffAccount(platform, { role: 'admin' });
    const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
    const token = async (permissions: string[], operatorId = '') => {
      const outcome = await auth.createToken({ kind: 'system' }, { name: 'KPI reports', operatorId, permissions, expiresInDays: '', createdBy: admin.id });
      assert.ok(outcome.ok);
      return outcome.value.plaintext;
    };
    const upload = (bearer: string | null, body: string, query = '', type = 'text/csv') =>
      app.inject({
        method: 'POST',
        url: `/api/v1/quality/kpis${query}`,
        headers: { 'content-type': type, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        payload: body,
      });
    const file = (rows: string[]) => [HEADER, ...rows].join('\n');
    const october = file([
      `${operator},2026-10,${big},all,call_setup_success,97000,100000`,
      `${operator},2026-10,${small},all,call_setup_success,9950,10000`,
      `${operator},2026-09,${big},all,call_setup_success,99000,100000`,
    ]);

    assert.equal((await upload(null, october)).statusCode, 401);
    assert.equal((await upload(await token(['quality:write'], operator), october)).statusCode, 403, 'measurement imports are another permission');
    const own = await token(['quality:kpis'], operator);
    const otherUpload = await upload(own, october, `?operator=${other}`);
    assert.equal(otherUpload.statusCode, 403, 'an operator uploads its own KPIs only');
    const regulator = await token(['quality:kpis']);
    const unnamed = await upload(regulator, october);
    assert.equal(unnamed.statusCode, 422);
    assert.deepEqual(unnamed.json().errors, [{ field: 'operator', message: 'Name the operator whose KPIs these are, with ?operator= and its licence id.' }]);

    const bad = await upload(
      own,
      file([
        `${operator},2026-10,${big},all,call_setup_success,97000,100000`,
        `${operator},2026-10,ZZZ,all,dropped_call,3,100`,
        `${operator},2026-12,${big},all,dropped_call,3,100`,
      ]),
    );
    assert.equal(bad.statusCode, 422);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
    assert.deepEqual(
      bad.json().errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`),
      ['3:region', '4:month'],
    );
    assert.deepEqual(await repository.listReports({ limit: 10 }), [], 'nothing of a refused file is stored');

    const good = await upload(own, october);
    assert.equal(good.statusCode, 201, good.body);
    assert.deepEqual(
      good
        .json()
        .months.map((m: { month: string; version: number; rows: number; replacedVersion: number | null }) => [m.month, m.version, m.rows, m.replacedVersion]),
      [
        ['2026-09', 1, 1, null],
        ['2026-10', 1, 2, null],
      ],
    );
    const before = await service.results({ operator, kpi: 'call_setup_success', from: '2026-10', to: '2026-10' });
    assert.equal(before.results[0]?.percent, '97.23', '(97000 + 9950) / 110000');

    // The regulator sends a corrected October for the operator as JSON: it replaces October only.
    const corrected = JSON.stringify({
      kpis: [{ operator, month: '2026-10', region: big, technology: 'all', kpi: 'call_setup_success', numerator: 98500, denominator: 100000 }],
    });
    const replaced = await upload(regulator, corrected, `?operator=${operator}`, 'application/json');
    assert.equal(replaced.statusCode, 201, replaced.body);
    assert.deepEqual(
      replaced.json().months.map((m: { month: string; version: number; replacedVersion: number | null }) => [m.month, m.version, m.replacedVersion]),
      [['2026-10', 2, 1]],
    );
    const after = await service.results({ operator, kpi: 'call_setup_success', from: '2026-09', to: '2026-10' });
    const result = after.results[0];
    assert.ok(result);
    assert.deepEqual(
      result.months.map((m) => [m.month, m.numerator, m.denominator]),
      [
        ['2026-09', 99000, 100000],
        ['2026-10', 98500, 100000],
      ],
      'the small region of version 1 is gone from October; September is untouched',
    );
    const versions = (await repository.listReports({ operatorId: operator, limit: 10 })).filter((r) => r.month === '2026-10');
    assert.deepEqual(
      versions.map((r) => [r.version, Boolean(r.is_current), r.replaced_at !== null]),
      [
        [2, true, false],
        [1, false, true],
      ],
    );
    const firstVersion = versions.find((r) => r.version === 1);
    assert.ok(firstVersion);
    assert.equal((await repository.listReportCounts(firstVersion.id)).length, 2, 'the replaced version keeps its counts');
    const audit = await platform.db.kysely.selectFrom('audit_log').select(['action', 'entity_type']).where('action', '=', 'quality.kpis.imported').execute();
    assert.equal(audit.length, 2);
    await app.close();
  });

  test(`two uploads of one operator's month at the same time: one is stored, the other answers 409 and leaves nothing [${database.dialect}]`, async () => {
    const { platform, operator, big, repository } = await setup(database);
    const app = await buildApp(platform, modules);
    const admin = await buildStaffAccount(platform, { role: 'admin' });
    const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
    const outcome = await auth.createToken(
      { kind: 'system' },
      { name: 'KPI reports', operatorId: operator, permissions: ['quality:kpis'], expiresInDays: '', createdBy: admin.id },
    );
    assert.ok(outcome.ok);
    const upload = (numerator: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/quality/kpis',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${outcome.value.plaintext}` },
        payload: `${HEADER}\n${operator},2026-10,${big},all,sms_success,${numerator},1000`,
      });
    for (let round = 0; round < 3; round += 1) {
      const replies = await Promise.all([upload(990), upload(980)]);
      assert.deepEqual(
        replies.map((r) => r.statusCode).filter((status) => status !== 201 && status !== 409),
        [],
        replies.map((r) => r.body).join('\n'),
      );
      assert.ok(replies.some((r) => r.statusCode === 201));
      for (const refused of replies.filter((r) => r.statusCode === 409)) assert.equal(refused.json().title, 'KPI_MONTH_CHANGED');
    }
    const reports = await repository.listReports({ operatorId: operator, limit: 10 });
    assert.equal(reports.filter((r) => Boolean(r.is_current)).length, 1, 'one current report of the month');
    assert.deepEqual(
      reports.map((r) => r.version),
      Array.from({ length: reports.length }, (_, i) => reports.length - i),
      'versions follow one another',
    );
    await app.close();
  });

  test(`results: the API and the page show the ratio of summed counts and the months and regions that miss [${database.dialect}]`, async () => {
    const { platform, service, operator, big, small } = await setup(database);
    const rows = [
      // September: both regions meet 98%. October: the small region misses so badly that the country misses too.
      `${operator},2026-09,${big},all,call_setup_success,99000,100000`,
      `${operator},2026-09,${small},all,call_setup_success,9900,10000`,
      `${operator},2026-10,${big},all,call_setup_success,98100,100000`,
      `${operator},2026-10,${small},all,call_setup_success,8000,10000`,
      `${operator},2026-10,${big},all,dropped_call,900,90000`,
      `${operator},2026-10,${small},all,dropped_call,350,9000`,
    ];
    await importByStaff(service, operator, rows);
    const app = await buildApp(platform, modules);

    const api = await app.inject({ url: `/api/v1/quality/kpis/results?operator=${operator}&from=2026-09&to=2026-11` });
    assert.equal(api.statusCode, 200, api.body);
    const body = api.json();
    assert.equal(body.from, '2026-09');
    const setupResult = body.results.find((r: { kpi: string }) => r.kpi === 'call_setup_success');
    assert.equal(setupResult.percent, '97.73', '(99000 + 9900 + 98100 + 8000) / 220000, not the mean of the four ratios (94.03)');
    assert.equal(setupResult.meetsTarget, false);
    assert.deepEqual(setupResult.missedMonths, ['2026-10']);
    assert.deepEqual(setupResult.missedRegions, [{ region: small, percent: '89.50' }]);
    assert.deepEqual(
      setupResult.months.map((m: { month: string; percent: string; regionsMissing: unknown[] }) => [m.month, m.percent, m.regionsMissing]),
      [
        ['2026-09', '99.00', []],
        ['2026-10', '96.45', [{ region: small, percent: '80.00' }]],
      ],
    );
    const dropped = body.results.find((r: { kpi: string }) => r.kpi === 'dropped_call');
    assert.equal(dropped.percent, '1.26', 'at most 2%: met nationally');
    assert.deepEqual(dropped.missedRegions, [{ region: small, percent: '3.89' }], 'though one region misses');
    assert.ok(
      body.kpis.some(
        (k: { id: string; target: { operator: string; percent: string } }) => k.id === 'dropped_call' && k.target.operator === '<=' && k.target.percent === '2',
      ),
    );

    const wrong = await app.inject({ url: '/api/v1/quality/kpis/results?operator=OP-NOPE&kpi=speed&from=2026-11&to=2026-02' });
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(
      wrong.json().errors.map((e: { field: string }) => e.field),
      ['operator', 'kpi', 'from'],
    );

    const page = await app.inject({ url: `/quality/kpis?operator=${operator}&from=2026-09&to=2026-10`, headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Network quality against targets<\/h1>/);
    assert.match(page.body, /<form method="get" action="\/quality\/kpis"/);
    assert.match(page.body, /<caption id="kpi-caption">Results from September 2026 to October 2026<\/caption>/);
    assert.match(page.body, /<strong>Misses the target<\/strong>/);
    assert.match(page.body, /97\.73%/);
    assert.match(page.body, /at most 2\.00%/);
    assert.match(page.body, /October 2026/);
    assert.match(page.body, /Meets the target/);
    assert.doesNotMatch(page.body, /kpi-monthly-table/, 'the month-by-month detail needs one indicator');
    const detail = await app.inject({ url: `/quality/kpis?kpi=call_setup_success&from=2026-09&to=2026-10`, headers: { accept: 'text/html' } });
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /<h2 id="kpi-monthly-title">Call set-up success rate, month by month<\/h2>/);
    assert.match(detail.body, /<td>99\.00%<\/td><td><strong>96\.45% \(misses\)<\/strong><\/td>/);
    assert.match(detail.body, /<svg[^>]*role="img" aria-labelledby="kpi-chart-title"/);
    assert.equal((detail.body.match(/<circle /g) ?? []).length, 3, 'two months of one series, and its legend');
    const bad = await app.inject({ url: '/quality/kpis?from=2026-13', headers: { accept: 'text/html' } });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /href="#field-from"/);
    assert.doesNotMatch(bad.body, /kpi-caption/);
    const arabic = await app.inject({ url: `/quality/kpis?lang=ar&operator=${operator}&from=2026-09&to=2026-10`, headers: { accept: 'text/html' } });
    assert.match(arabic.body, /dir="rtl"/);
    assert.match(arabic.body, /جودة الشبكة مقارنة بالأهداف/);
    assert.match(arabic.body, /لا يحقق الهدف/);
    const french = await app.inject({ url: '/quality/kpis?lang=fr&from=2026-40', headers: { accept: 'text/html' } });
    assert.equal(french.statusCode, 422);
    assert.match(french.body, /Choisissez un premier mois/);
    await app.close();
  });

  // A target states its comparison as the regulation words it (as the offers' affordability targets
  // do): a dropped call rate of "less than 2%" is missed at exactly 2.00%, and the page says "less than".
  test(`a target of less than or more than is judged strictly, and the API and the page say which [${database.dialect}]`, async () => {
    const profile = profileWithTargets({ dropped_call: { operator: '<', percent: '2' }, call_setup_success: { operator: '>', percent: '98' } });
    const { platform, service, operator, big } = await setup(database, { KINGA_JURISDICTION: profile });
    const rows = [`${operator},2026-10,${big},all,dropped_call,200,10000`, `${operator},2026-10,${big},all,call_setup_success,9801,10000`];
    await importByStaff(service, operator, rows);
    const app = await buildApp(platform, modules);
    const body = (await app.inject({ url: `/api/v1/quality/kpis/results?operator=${operator}&from=2026-10&to=2026-10` })).json();
    const target = (id: string) => body.kpis.find((k: { id: string }) => k.id === id)?.target;
    assert.deepEqual(target('dropped_call'), { operator: '<', percent: '2' });
    assert.deepEqual(target('call_setup_success'), { operator: '>', percent: '98' });
    const verdict = (id: string) => body.results.find((r: { kpi: string }) => r.kpi === id);
    assert.deepEqual([verdict('dropped_call').percent, verdict('dropped_call').meetsTarget], ['2.00', false], 'exactly 2% is not less than 2%');
    assert.deepEqual([verdict('call_setup_success').percent, verdict('call_setup_success').meetsTarget], ['98.01', true]);
    const page = await app.inject({ url: `/quality/kpis?operator=${operator}&from=2026-10&to=2026-10`, headers: { accept: 'text/html' } });
    assert.match(page.body, /less than 2\.00%/);
    assert.match(page.body, /more than 98\.00%/);
    const french = await app.inject({ url: `/quality/kpis?lang=fr&operator=${operator}&from=2026-10&to=2026-10`, headers: { accept: 'text/html' } });
    assert.match(french.body, /moins de 2,00/);
    await app.close();
  });

  test(`kinga quality import-kpis imports for the named operator and refuses a bad file listing every line [${database.dialect}]`, async () => {
    const { platform, operator, big, repository } = await setup(database);
    const dir = mkdtempSync(join(tmpdir(), 'kinga-kpi-cli-'));
    const goodFile = join(dir, 'october.csv');
    const badFile = join(dir, 'bad.csv');
    writeFileSync(goodFile, `${HEADER}\n${operator},2026-10,${big},all,sms_success,990,1000\n`);
    writeFileSync(badFile, `${HEADER}\n${operator},2026-10,${big},all,sms_success,1990,1000\n${operator},October,${big},all,sms_success,1,2\n`);
    const { run, printed } = createCommandRunner(platform, (program, io) => {
      registerQualityCommands(program, io);
      registerKpiCommands(program, io);
    });
    assert.match(
      await run('quality', 'import-kpis', goodFile, '--operator', operator),
      /^Imported 1 KPI row\(s\) of .* from .*october\.csv: 2026-10 version 1\.\n$/,
    );
    assert.match(await run('quality', 'import-kpis', goodFile, '--operator', operator), /2026-10 version 2 replacing version 1\./);
    await assert.rejects(run('quality', 'import-kpis', badFile, '--operator', operator), /rejected with 2 problems; nothing was imported/);
    assert.match(printed.err, /line 2, numerator: The numerator \(1,990\) is larger than the denominator \(1,000\)/);
    assert.match(printed.err, /line 3, month: "October" must be a month written YYYY-MM/);
    await assert.rejects(run('quality', 'import-kpis', goodFile, '--operator', 'OP-NOPE'), /operator of this upload is unknown/);
    assert.equal((await repository.listReports({ limit: 10 })).length, 2);
  });

  test(`rows name the regions in force once a region set is loaded, the profile's districts before [${database.dialect}]`, async () => {
    const { platform, service, operator } = await setup(database);
    const row = (region: string) => `${HEADER}\n${operator},2026-10,${region},all,dropped_call,10,1000`;
    const request = (region: string) => ({
      text: row(region),
      format: 'csv' as const,
      operatorId: operator,
      isSentByOperator: false,
      actor: { type: 'system' as const, id: null },
      channel: 'cli' as const,
    });
    await assert.rejects(
      service.importKpis(request('NEA')),
      (error: Error & { problems?: { field: string; line?: number }[] }) => error.problems?.[0]?.field === 'region' && error.problems[0].line === 2,
    );
    assert.equal((await service.importKpis(request('garissa'))).rows, 1, 'a district of the profile while no region set is loaded');
    await createQualityStatisticsServiceFor(platform).importRegions({
      text: readFileSync(DEMO_REGIONS_FILE, 'utf8'),
      source: 'demo',
      actor: { type: 'system', id: null },
    });
    assert.deepEqual((await service.listRegions()).map((r) => r.id).sort(), ['CEN', 'COA', 'EAS', 'NAI', 'NEA', 'NYA', 'RVA', 'WES']);
    assert.equal((await service.importKpis(request('NEA'))).rows, 1);
    await assert.rejects(service.importKpis(request('garissa')), /rejected with 1 problem/);
  });

  test(`the demo KPIs cover six months, every region and operator, with a few targets missed, and are seeded once [${database.dialect}]`, async () => {
    const { platform, service, repository } = await setup(database);
    await seedKpiDemo(platform);
    await seedKpiDemo(platform);
    const operators = await service.listOperators();
    const regions = await service.listRegions();
    assert.equal((await repository.listReports({ limit: 1000 })).length, operators.length * 6, 'one report per operator and month, once');
    const report = await service.results({});
    assert.equal(report.toMonth, '2026-11');
    assert.equal(report.fromMonth, '2026-06');
    const misses = report.results.filter((r) => r.missedMonths.length > 0 || r.missedRegions.length > 0);
    assert.ok(misses.length >= 3 && misses.length <= 6, `a few groups miss (${misses.length})`);
    assert.ok(report.results.every((r) => r.months.length === 6));
    assert.ok(
      report.results.some((r) => r.missedRegions.length > 0 && r.meetsTarget),
      'a region misses where the country meets the target',
    );
    assert.ok(
      report.results.some((r) => !r.meetsTarget),
      'a result misses over the whole period',
    );
    assert.equal(new Set((await repository.listCurrentCounts({ fromMonth: '2026-06', toMonth: '2026-11' })).map((c) => c.region)).size, regions.length);
  });
}
