import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayRuns, formatOpeningHours } from './opening-hours.ts';

test('groups days into runs of consecutive days', () => {
  assert.deepEqual(dayRuns([5, 1, 2, 3]), [
    [1, 3],
    [5, 5],
  ]);
  assert.deepEqual(dayRuns([]), []);
});

test('says the hours in each language from data, not from a sentence in the profile', () => {
  const weekdays = [{ days: [1, 2, 3, 4, 5], opens: '08:00', closes: '17:00' }];
  const english = formatOpeningHours(weekdays, 'en');
  assert.match(english, /^Monday–Friday 8:00\sAM\s–\s5:00\sPM$/);
  const french = formatOpeningHours(weekdays, 'fr');
  assert.match(french, /^lundi–vendredi 08:00\s?–\s?17:00$/);
  const arabic = formatOpeningHours(weekdays, 'ar');
  assert.match(arabic, /الاثنين/);
  assert.match(arabic, /8:00/, 'Latin digits, as every figure on Arabic pages');
  const saturday = formatOpeningHours([...weekdays, { days: [6], opens: '09:00', closes: '12:30' }], 'en');
  assert.match(saturday, /^Monday–Friday .* and Saturday 9:00\sAM\s–\s12:30\sPM$/);
});
