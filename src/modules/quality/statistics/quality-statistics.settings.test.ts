import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkSettings, settingsOf } from '../../../platform/settings.ts';
import { qualitySettings } from '../quality.settings.ts';

/** The statistics settings of a `modules.quality` block whose `statistics` is `block`. */
const statisticsOf = (block: unknown, h3Resolution = 8) => settingsOf(qualitySettings, { h3Resolution, statistics: block }).statistics;
const problemsOf = (block: unknown) => checkSettings(qualitySettings, { statistics: block });

test('defaults publish cells at the module resolution over 90 days, with 10 tests and 5 devices', () => {
  const settings = statisticsOf(undefined, 7);
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
  const settings = settingsOf(qualitySettings, profile.modules.quality).statistics;
  assert.deepEqual(settings.resolutions, [6, 8]);
  assert.deepEqual(settings.periodsDays, [30, 90, 365]);
});

test('every wrong setting is named with its path', () => {
  const problems = problemsOf({
    resolutions: [6, 16],
    periodsDays: [30, 30],
    minTests: 0,
    countRoundedPositionsInCells: 'yes',
    thresholds: { download: [-1], jitter: [] },
    colour: 'red',
  });
  assert.deepEqual(
    problems.map((p) => p.split(':')[0]),
    [
      '/modules/quality/statistics/colour',
      '/modules/quality/statistics/resolutions/1',
      '/modules/quality/statistics/periodsDays',
      '/modules/quality/statistics/minTests',
      '/modules/quality/statistics/thresholds/jitter',
      '/modules/quality/statistics/thresholds/download/0',
      '/modules/quality/statistics/countRoundedPositionsInCells',
    ],
  );
  assert.deepEqual(problemsOf('all'), ['/modules/quality/statistics: must be an object']);
  assert.deepEqual(problemsOf([5]), ['/modules/quality/statistics: must be an object'], 'a list is not taken for an object');
  assert.deepEqual(checkSettings(qualitySettings, []), ['/modules/quality: must be an object']);
});

test("a resolution finer than the module's and a default period not published are named once the block is well formed", () => {
  assert.deepEqual(problemsOf({ resolutions: [6, 9], periodsDays: [30, 365], defaultPeriodDays: 60 }), [
    "/modules/quality/statistics/resolutions/1: must be a whole number from 0 to 8, the module's h3Resolution",
    '/modules/quality/statistics/defaultPeriodDays: must be one of periodsDays (30, 365)',
  ]);
  assert.equal(statisticsOf({ periodsDays: [365, 30] }).defaultPeriodDays, 365, 'without 90, the first period listed is shown first');
});

test('the module check reports the statistics block', () => {
  assert.deepEqual(problemsOf({ minDevices: 'five' }), ['/modules/quality/statistics/minDevices: must be a whole number from 1 to 1000000']);
});

// Each threshold says whether a device-day counts when it is "at least" (>=), "more than" (>),
// "at most" (<=) or "less than" (<) the threshold, as the offers' affordability targets do; a
// bare list keeps the meaning it always had: more than for speeds, at most for latency.
test('thresholds carry their comparison: the profile states it, or a bare list keeps more than for speeds and at most for latency', () => {
  const stated = statisticsOf({
    thresholds: { download: { operator: '>=', values: [30_000, 2000] }, upload: [1000], latency: { operator: '<', values: [100] } },
  });
  assert.deepEqual(stated.thresholds, {
    download: { operator: '>=', values: [2000, 30_000] },
    upload: { operator: '>', values: [1000] },
    latency: { operator: '<', values: [100] },
  });
  assert.deepEqual(problemsOf({ thresholds: { download: { operator: '>=', values: [2000] }, latency: [50] } }), []);
  assert.deepEqual(
    problemsOf({
      thresholds: {
        download: { operator: '=>', values: [2000] },
        upload: { operator: '>=' },
        latency: { operator: '<=', values: [50], colour: 'red' },
      },
    }),
    [
      '/modules/quality/statistics/thresholds/download/operator: must be ">=" (at least), ">" (more than), "<=" (at most) or "<" (less than)',
      '/modules/quality/statistics/thresholds/upload/values: is required',
      '/modules/quality/statistics/thresholds/latency/colour: unknown field (known: operator, values)',
    ],
  );
  assert.deepEqual(problemsOf({ thresholds: { upload: { operator: '>=', values: Array.from({ length: 11 }, (_, i) => i + 1) }, latency: 'fast' } }), [
    '/modules/quality/statistics/thresholds/upload/values: must be a list of at most 10 numbers (kbit/s)',
    '/modules/quality/statistics/thresholds/latency: must be {"operator": ">=" (at least), ">" (more than), "<=" (at most) or "<" (less than), "values": [numbers in milliseconds]}',
  ]);
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
