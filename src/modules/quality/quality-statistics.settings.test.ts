import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkQualitySettings } from './quality.settings.ts';
import { checkQualityStatisticsSettings, readQualityStatisticsSettings } from './quality-statistics.settings.ts';

test('defaults publish cells at the module resolution over 90 days, with 10 tests and 5 devices', () => {
  const settings = readQualityStatisticsSettings(undefined, 7);
  assert.deepEqual(settings.resolutions, [7]);
  assert.deepEqual(settings.periodsDays, [90]);
  assert.equal(settings.defaultPeriodDays, 90);
  assert.equal(settings.minTests, 10);
  assert.equal(settings.minDevices, 5);
  assert.deepEqual(settings.thresholds.latency, [50, 100]);
  assert.equal(settings.countRoundedPositionsInCells, false, 'cells placed from rounded positions are left out unless the profile says otherwise');
});

test('the demo profile publishes two resolutions and three periods', () => {
  const profile = JSON.parse(readFileSync(new URL('../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as { modules: { quality: Record<string, unknown> } };
  assert.deepEqual(checkQualitySettings(profile.modules.quality), []);
  const settings = readQualityStatisticsSettings(profile.modules.quality['statistics'], 8);
  assert.deepEqual(settings.resolutions, [6, 8]);
  assert.deepEqual(settings.periodsDays, [30, 90, 365]);
});

test('every wrong setting is named with its path', () => {
  const problems = checkQualityStatisticsSettings({ resolutions: [6, 9], periodsDays: [30, 30], defaultPeriodDays: 60, minTests: 0, countRoundedPositionsInCells: 'yes', thresholds: { download: [-1], jitter: [] }, colour: 'red' }, 8);
  assert.deepEqual(problems.map((p) => p.split(':')[0]), [
    '/modules/quality/statistics/colour',
    '/modules/quality/statistics/resolutions/1',
    '/modules/quality/statistics/periodsDays',
    '/modules/quality/statistics/minTests',
    '/modules/quality/statistics/defaultPeriodDays',
    '/modules/quality/statistics/countRoundedPositionsInCells',
    '/modules/quality/statistics/thresholds/download/0',
    '/modules/quality/statistics/thresholds/jitter',
  ]);
});

test('the module check reports the statistics block', () => {
  assert.deepEqual(checkQualitySettings({ statistics: { minDevices: 'five' } }), ['/modules/quality/statistics/minDevices: must be a whole number from 1 to 1000000']);
});
