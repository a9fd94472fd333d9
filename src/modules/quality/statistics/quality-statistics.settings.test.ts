import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkQualitySettings } from '../quality.settings.ts';
import { checkQualityStatisticsSettings, readQualityStatisticsSettings } from './quality-statistics.settings.ts';

test('defaults publish cells at the module resolution over 90 days, with 10 tests and 5 devices', () => {
  const settings = readQualityStatisticsSettings(undefined, 7);
  assert.deepEqual(settings.resolutions, [7]);
  assert.deepEqual(settings.periodsDays, [90]);
  assert.equal(settings.defaultPeriodDays, 90);
  assert.equal(settings.minTests, 10);
  assert.equal(settings.minDevices, 5);
  assert.deepEqual(settings.thresholds.latency, { operator: '<=', values: [50, 100] });
  assert.deepEqual(settings.thresholds.download, { operator: '>', values: [2000, 10_000, 30_000] });
  assert.equal(settings.countRoundedPositionsInCells, false, 'cells placed from rounded positions are left out unless the profile says otherwise');
});

test('the demo profile publishes two resolutions and three periods', () => {
  const profile = JSON.parse(readFileSync(new URL('../../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
    modules: { quality: Record<string, unknown> };
  };
  assert.deepEqual(checkQualitySettings(profile.modules.quality), []);
  const settings = readQualityStatisticsSettings(profile.modules.quality['statistics'], 8);
  assert.deepEqual(settings.resolutions, [6, 8]);
  assert.deepEqual(settings.periodsDays, [30, 90, 365]);
});

test('every wrong setting is named with its path', () => {
  const problems = checkQualityStatisticsSettings(
    {
      resolutions: [6, 9],
      periodsDays: [30, 30],
      defaultPeriodDays: 60,
      minTests: 0,
      countRoundedPositionsInCells: 'yes',
      thresholds: { download: [-1], jitter: [] },
      colour: 'red',
    },
    8,
  );
  assert.deepEqual(
    problems.map((p) => p.split(':')[0]),
    [
      '/modules/quality/statistics/colour',
      '/modules/quality/statistics/resolutions/1',
      '/modules/quality/statistics/periodsDays',
      '/modules/quality/statistics/minTests',
      '/modules/quality/statistics/defaultPeriodDays',
      '/modules/quality/statistics/countRoundedPositionsInCells',
      '/modules/quality/statistics/thresholds/download/0',
      '/modules/quality/statistics/thresholds/jitter',
    ],
  );
});

test('the module check reports the statistics block', () => {
  assert.deepEqual(checkQualitySettings({ statistics: { minDevices: 'five' } }), [
    '/modules/quality/statistics/minDevices: must be a whole number from 1 to 1000000',
  ]);
});

// Each threshold says whether a device-day counts when it is "at least" (>=), "more than" (>),
// "at most" (<=) or "less than" (<) the threshold, as the offers' affordability targets do; a
// bare list keeps the meaning it always had: more than for speeds, at most for latency.
test('thresholds carry their comparison: the profile states it, or a bare list keeps more than for speeds and at most for latency', () => {
  const stated = readQualityStatisticsSettings(
    { thresholds: { download: { operator: '>=', values: [30_000, 2000] }, upload: [1000], latency: { operator: '<', values: [100] } } },
    8,
  );
  assert.deepEqual(stated.thresholds, {
    download: { operator: '>=', values: [2000, 30_000] },
    upload: { operator: '>', values: [1000] },
    latency: { operator: '<', values: [100] },
  });
  assert.deepEqual(checkQualityStatisticsSettings({ thresholds: { download: { operator: '>=', values: [2000] }, latency: [50] } }, 8), []);
  assert.deepEqual(
    checkQualityStatisticsSettings(
      { thresholds: { download: { operator: '=>', values: [2000] }, upload: { operator: '>=' }, latency: { operator: '<=', values: [50], colour: 'red' } } },
      8,
    ),
    [
      '/modules/quality/statistics/thresholds/download/operator: must be ">=" (at least), ">" (more than), "<=" (at most) or "<" (less than)',
      '/modules/quality/statistics/thresholds/upload/values: must be a list of at most 10 numbers (kbit/s)',
      '/modules/quality/statistics/thresholds/latency/colour: unknown field (known: operator, values)',
    ],
  );
});

test('the demo profile says, for every metric, whether its thresholds are at least or at most', () => {
  const profile = JSON.parse(readFileSync(new URL('../../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
    modules: { quality: { statistics: { thresholds: Record<string, unknown> } } };
  };
  const thresholds = profile.modules.quality.statistics.thresholds;
  assert.deepEqual(Object.fromEntries(Object.entries(thresholds).map(([metric, block]) => [metric, (block as { operator?: string }).operator])), {
    download: '>=',
    upload: '>=',
    latency: '<=',
  });
});
