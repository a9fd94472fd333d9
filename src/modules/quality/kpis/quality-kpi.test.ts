import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKpiFile, type KpiFileContext } from './quality-kpi-file.ts';
import { computeKpiResults, isMonth, lastCompleteMonth, meetsTarget, monthsBefore, type KpiCount } from './quality-kpi.ts';
import { DEFAULT_KPIS } from './quality-kpi.settings.ts';
import { checkSettings, settingsOf } from '../../../platform/settings.ts';
import { qualitySettings } from '../quality.settings.ts';

const context: KpiFileContext = {
  operatorId: 'OP-1',
  isSentByOperator: false,
  operatorIds: new Set(['OP-1', 'OP-2']),
  regionCodes: new Set(['NAI', 'NEA', 'COA']),
  kpis: [
    ...DEFAULT_KPIS,
    {
      id: 'volte_setup_success',
      name: 'VoLTE call set-up success rate',
      numerator: 'successful VoLTE set-ups',
      denominator: 'VoLTE attempts',
      target: { operator: '>=', percent: '98' },
      technology: '4G',
    },
  ],
  latestMonth: '2026-10',
  maxRows: 1000,
  maxProblems: 100,
};

test('a KPI file with mistakes is refused whole, each problem naming its line and field', async () => {
  const csv = [
    'operator,month,region,technology,kpi,numerator,denominator',
    'OP-1,2026-10,NAI,all,call_setup_success,98000,100000',
    'OP-2,2026-13,XXX,6G,call_success,12,abc',
    'OP-9,2026-11,NAI,all,dropped_call,3,2',
    'OP-1,2026-09,NEA,3G,volte_setup_success,98.5,100',
    'OP-1,2026-10,NAI,all,call_setup_success,1,2',
    'OP-1,2026-10,COA,all,sms_success,0,0',
  ].join('\n');
  const { records, problems: list } = await parseKpiFile(csv, 'csv', context);
  const problems = list.listed;
  assert.deepEqual(records, [], 'nothing is kept from a file with a problem');
  const found = problems.map((p) => `${p.line}:${p.field}`);
  assert.deepEqual(found, [
    '3:operator',
    '3:month',
    '3:region',
    '3:kpi',
    '3:technology',
    '3:denominator',
    '4:operator',
    '4:month',
    '4:numerator',
    '5:technology',
    '5:numerator',
    '6:kpi',
    '7:denominator',
  ]);
  const message = (line: number, field: string) => problems.find((p) => p.line === line && p.field === field)?.message ?? '';
  assert.match(message(3, 'operator'), /uploaded for OP-1; a row of OP-2/);
  assert.match(message(3, 'region'), /Unknown region "XXX"; the regions are NAI, NEA, COA/);
  assert.match(message(3, 'kpi'), /Unknown KPI "call_success"/);
  assert.match(message(4, 'operator'), /No licensed operator has the licence id "OP-9"/);
  assert.match(message(4, 'month'), /2026-11 is not over yet; the latest month that can be reported is 2026-10/);
  assert.match(message(4, 'numerator'), /larger than the denominator/);
  assert.match(message(5, 'technology'), /volte_setup_success is reported for 4G only/);
  assert.match(message(5, 'numerator'), /whole number/);
  assert.match(message(6, 'kpi'), /Line 2 already gives call_setup_success for NAI, all, 2026-10/);

  const header = await parseKpiFile('operator,month,region,kpi,numerator,denominator,colour\nOP-1,2026-10,NAI,sms_success,1,2,red', 'csv', context);
  assert.deepEqual(
    header.problems.listed.map((p) => `${p.line}:${p.field}`),
    ['1:colour', '1:technology', '2:technology'],
  );

  const json = await parseKpiFile(
    JSON.stringify({
      kpis: [
        { operator: 'OP-1', month: '2026-10', region: 'NAI', technology: '4G', kpi: 'data_session_success', numerator: 950, denominator: 1000 },
        { operator: 'OP-1', month: '2026-10', region: 'NAI', technology: '4G', kpi: 'data_session_drop', numerator: -1, denominator: 1000, note: 'x' },
      ],
    }),
    'json',
    context,
  );
  assert.deepEqual(
    json.problems.listed.map((p) => `${p.line}:${p.field}`),
    ['2:/kpis/1/note', '2:/kpis/1/numerator'],
  );
  assert.deepEqual(
    (await parseKpiFile('{"rows": []}', 'json', context)).problems.listed.map((p) => p.field),
    ['/kpis'],
  );
});

test('a valid file gives typed records, counts as numbers', async () => {
  const { records, problems } = await parseKpiFile(
    'operator,month,region,technology,kpi,numerator,denominator\r\nOP-1,2026-10,NAI,4G,volte_setup_success,9850,10000\r\n',
    'csv',
    context,
  );
  assert.deepEqual(problems.listed, []);
  assert.deepEqual(records, [
    { line: 2, operatorId: 'OP-1', month: '2026-10', region: 'NAI', technology: '4G', kpiId: 'volte_setup_success', numerator: 9850, denominator: 10000 },
  ]);
});

test('a target is judged exactly on the ratio of counts, at least or at most', () => {
  assert.equal(meetsTarget(98, 100, { operator: '>=', percent: '98' }), true);
  assert.equal(meetsTarget(97_999, 100_000, { operator: '>=', percent: '98' }), false);
  assert.equal(meetsTarget(2, 100, { operator: '<=', percent: '2' }), true);
  assert.equal(meetsTarget(201, 10_000, { operator: '<=', percent: '2' }), false);
  // 1/3 is 33.333...%: binary rounding must not decide a target set at the boundary.
  assert.equal(meetsTarget(1, 3, { operator: '>=', percent: '33.3333' }), true);
});

// A target states its comparison as the regulation words it: "less than 2%" is missed by exactly
// 2.00%, which "at most 2%" allows (as the offers' affordability targets distinguish < from <=).
test('a target of more than or less than is missed by a ratio exactly at it', () => {
  assert.equal(meetsTarget(98, 100, { operator: '>', percent: '98' }), false);
  assert.equal(meetsTarget(98_001, 100_000, { operator: '>', percent: '98' }), true);
  assert.equal(meetsTarget(2, 100, { operator: '<', percent: '2' }), false);
  assert.equal(meetsTarget(199, 10_000, { operator: '<', percent: '2' }), true);
  const kpis = [{ id: 'dropped_call', name: 'Dropped call rate', numerator: 'x', denominator: 'y', target: { operator: '<', percent: '2' } }];
  assert.deepEqual(checkSettings(qualitySettings, { kpis }), []);
  assert.deepEqual(settingsOf(qualitySettings, { kpis }).kpis[0]?.target, { operator: '<', percent: '2' });
});

const count = (month: string, region: string, numerator: number, denominator: number, kpiId = 'call_setup_success'): KpiCount => ({
  operatorId: 'OP-1',
  month,
  region,
  technology: 'all',
  kpiId,
  numerator,
  denominator,
});

test('the national ratio is the ratio of summed counts, never a mean of regional ratios', () => {
  // A big region at 99% and a small one at 90%: the mean of ratios says 94.5% (a miss), the counts say 98.82%.
  const [result] = computeKpiResults([count('2026-10', 'NAI', 99_000, 100_000), count('2026-10', 'NEA', 900, 1_000)], DEFAULT_KPIS);
  assert.ok(result);
  assert.equal(result.numerator, 99_900);
  assert.equal(result.denominator, 101_000);
  assert.equal(result.percent, '98.91');
  assert.equal(result.meetsTarget, true);
  assert.deepEqual(result.missedMonths, []);
  assert.deepEqual(result.missedRegions, [{ region: 'NEA', percent: '90.00' }]);
  assert.deepEqual(result.months[0]?.regionsMissing, [{ region: 'NEA', percent: '90.00' }]);
});

test('the months and regions that miss a target are named, month by month', () => {
  const counts = [
    count('2026-09', 'NAI', 9_900, 10_000),
    count('2026-09', 'COA', 4_950, 5_000),
    count('2026-10', 'NAI', 9_700, 10_000),
    count('2026-10', 'COA', 4_960, 5_000),
    count('2026-10', 'NAI', 150, 10_000, 'dropped_call'),
    count('2026-10', 'COA', 260, 5_000, 'dropped_call'),
  ];
  const results = computeKpiResults(counts, DEFAULT_KPIS);
  assert.deepEqual(
    results.map((r) => r.kpiId),
    ['call_setup_success', 'dropped_call'],
    'in the order of the profile',
  );
  const [setup, dropped] = results;
  assert.ok(setup && dropped);
  assert.deepEqual(
    setup.months.map((m) => [m.month, m.percent, m.meetsTarget]),
    [
      ['2026-09', '99.00', true],
      ['2026-10', '97.73', false],
    ],
  );
  assert.deepEqual(setup.missedMonths, ['2026-10']);
  assert.deepEqual(setup.months[1]?.regionsMissing, [{ region: 'NAI', percent: '97.00' }]);
  assert.deepEqual(setup.missedRegions, [], 'over both months NAI reaches 98.00%, exactly the target');
  assert.equal(setup.percent, '98.37');
  assert.equal(setup.meetsTarget, true);
  assert.equal(dropped.percent, '2.73');
  assert.equal(dropped.meetsTarget, false);
  assert.deepEqual(dropped.missedRegions, [{ region: 'COA', percent: '5.20' }]);
});

test('months: the last one over, and counting back', () => {
  assert.equal(lastCompleteMonth(new Date('2026-12-01T00:00:00Z')), '2026-11');
  assert.equal(lastCompleteMonth(new Date('2026-01-15T00:00:00Z')), '2025-12');
  assert.equal(monthsBefore('2026-02', 3), '2025-11');
  assert.equal(monthsBefore('2026-02', 0), '2026-02');
  assert.equal(monthsBefore('2026-12', -1), '2027-01');
  assert.equal(monthsBefore('1900-03', 36), '1897-03', 'no year is read as another');
  for (const month of ['2026-10', '1900-01', '9999-12']) assert.equal(isMonth(month), true, month);
  for (const month of ['0050-01', '1899-12', '2026-13', '2026-1', 'en', '１２']) assert.equal(isMonth(month), false, month);
});

test('the profile lists its KPIs with targets; each wrong field is named', () => {
  assert.deepEqual(
    checkSettings(qualitySettings, {
      kpis: DEFAULT_KPIS.map((k) => ({ id: k.id, name: k.name, numerator: k.numerator, denominator: k.denominator, target: k.target })),
    }),
    [],
  );
  assert.deepEqual(
    checkSettings(qualitySettings, {
      kpis: [
        { id: 'Dropped', name: '', numerator: 'x', denominator: 'y', target: { operator: '=<', percent: 2 }, technology: '6G' },
        { id: 'sms', name: 'SMS', numerator: ' ', denominator: 'y', target: { operator: '>=', percent: '101' }, colour: 'red' },
      ],
      openData: { licenceName: 'CC BY 4.0', timePrecision: 'minute' },
    }),
    [
      '/modules/quality/kpis/0/id: must be 1 to 40 lower-case letters, digits or underscores, starting with a letter',
      '/modules/quality/kpis/0/name: must be a text of 1 to 200 characters',
      '/modules/quality/kpis/0/target/operator: must be ">=" (at least), ">" (more than), "<=" (at most) or "<" (less than)',
      '/modules/quality/kpis/0/target/percent: must be a percentage from 0 to 100 written as a string, such as "98" or "1.5"',
      '/modules/quality/kpis/0/technology: must be one of 2G, 3G, 4G, 5G, fixed, all',
      '/modules/quality/kpis/1/colour: unknown field (known: id, name, numerator, denominator, target, technology)',
      '/modules/quality/kpis/1/numerator: must be a text of 1 to 200 characters',
      '/modules/quality/kpis/1/target/percent: must be a percentage from 0 to 100 written as a string, such as "98" or "1.5"',
      '/modules/quality/openData/timePrecision: must be "hour" or "day"',
    ],
  );
  // What one field says of another is checked once every field is well formed.
  const kpi = { id: 'sms', name: 'SMS', numerator: 'x', denominator: 'y', target: { operator: '>=', percent: '100.0' } };
  assert.deepEqual(checkSettings(qualitySettings, { kpis: [kpi, kpi], openData: { licenceName: 'CC BY 4.0' } }), [
    '/modules/quality/kpis/1/id: the id sms is used twice',
    '/modules/quality/openData/licenceUrl: give both licenceName and licenceUrl, or neither',
  ]);
  assert.deepEqual(checkSettings(qualitySettings, { openData: { licenceName: 'ODbL', licenceUrl: 'opendatacommons' } }), [
    '/modules/quality/openData/licenceUrl: must be the web address of the licence text',
  ]);
  assert.deepEqual(checkSettings(qualitySettings, { kpis: [] }), [
    '/modules/quality/kpis: must be a non-empty list of {"id", "name", "numerator", "denominator", "target"}',
  ]);
  const read = settingsOf(qualitySettings, {
    kpis: [{ id: 'volte', name: 'VoLTE', numerator: 'a', denominator: 'b', target: { operator: '>=', percent: '97.5' }, technology: '4G' }],
    openData: { timePrecision: 'day' },
  });
  assert.deepEqual(read.kpis, [
    { id: 'volte', name: 'VoLTE', numerator: 'a', denominator: 'b', target: { operator: '>=', percent: '97.5' }, technology: '4G' },
  ]);
  assert.equal(read.openData.timePrecision, 'day');
  assert.equal(read.openData.licence.url, 'https://creativecommons.org/licenses/by/4.0/');
  assert.deepEqual(settingsOf(qualitySettings, undefined).kpis, DEFAULT_KPIS);
});
