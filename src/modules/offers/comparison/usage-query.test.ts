import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCatalogs } from '../../../platform/i18n/index.ts';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';
import { isKeyedProblem, sayProblems } from '../shared/offer-messages.ts';
import { DEFAULT_OFFER_SETTINGS, offersSettings } from '../offers.settings.ts';
import { parseRoamingQuery } from '../roaming/roaming-query.ts';
import { settingsOf } from '../../../platform/settings.ts';
import { parseUsageQuery } from './usage-query.ts';

const catalogs = loadCatalogs();
const english = (folder: string) => JSON.parse(readFileSync(new URL(`../${folder}/locales/en.json`, import.meta.url), 'utf8')) as Record<string, string>;

test('every problem of a comparison names a message of the comparison catalogue, whose English text is what the API says', () => {
  const bad = parseUsageQuery(
    { type: 'tv', preset: 'nope', data_gb: 'lots', voice_min: '-1', sms: 'x', min_speed: 'fast', months: '99', limit: '0', eligible: 'nobody' },
    DEFAULT_OFFER_SETTINGS,
  );
  assert.deepEqual(
    bad.problems.map((p) => p.field),
    ['type', 'preset', 'data_gb', 'voice_min', 'sms', 'min_speed', 'months', 'eligible', 'limit'],
  );
  const keys = english('comparison');
  for (const problem of bad.problems) {
    assert.ok(isKeyedProblem(problem), problem.field);
    assert.ok(keys[problem.key] !== undefined, problem.key);
    assert.equal(problem.message, catalogs.translator('en')(problem.key, problem.values));
  }
  for (const language of SUPPORTED_LANGUAGES.filter((l) => l !== 'en')) {
    const said = sayProblems(catalogs.translator(language), bad.problems);
    for (const [index, problem] of said.entries()) assert.notEqual(problem.message, bad.problems[index]?.message, `${language}: ${problem.field}`);
  }
});

test('every problem of a stay abroad names a message of the roaming catalogue, the refused destination said for what it is', () => {
  const settings = settingsOf(offersSettings, undefined).roaming;
  const keys = english('roaming');
  const bad = parseRoamingQuery(
    { destination: 'Atlantis', days: '0', data_mb: 'x', voice_out_min: 'x', voice_in_min: 'x', sms: 'x', limit: '-1' },
    settings,
    'KE',
  );
  assert.deepEqual(
    bad.problems.map((p) => p.field),
    ['destination', 'days', 'data_mb', 'voice_out_min', 'voice_in_min', 'sms', 'limit'],
  );
  for (const problem of bad.problems) {
    assert.ok(isKeyedProblem(problem) && keys[problem.key] !== undefined, problem.field);
    assert.equal(problem.message, catalogs.translator('en')(problem.key, problem.values));
  }
  const reasons = ['', 'KE', 'Atlantis'].map((destination) => parseRoamingQuery({ destination }, settings, 'KE').problems[0]);
  assert.equal(
    new Set(reasons.map((p) => (p && isKeyedProblem(p) ? p.key : ''))).size,
    3,
    'no destination, the home country and an unknown one are three reasons',
  );
});
