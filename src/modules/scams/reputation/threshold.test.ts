import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thresholdReachedAt, TRAI_THRESHOLD, type CountedReport } from './threshold.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2027-01-04T08:00:00Z');

/** A report filed on `day` (days after T0, fractions allowed) by a reporter verified a week before T0. */
function report(reporter: string, day: number, overrides: Partial<CountedReport> = {}): CountedReport {
  const filedAt = T0 + day * DAY;
  return { reporter, filedAt, occurredAt: filedAt - 3_600_000, reporterVerifiedAt: T0 - 7 * DAY, ...overrides };
}

test('five people on days 0, 2, 4, 6 and 9.9 reach the threshold on day 9.9', () => {
  const reports = [0, 2, 4, 6, 9.9].map((day, i) => report(`p${i}`, day));
  assert.equal(thresholdReachedAt(reports), T0 + 9.9 * DAY);
});

test('five people on days 0, 2, 4, 6 and 10.5 do not: there are four in any 10-day window', () => {
  const reports = [0, 2, 4, 6, 10.5].map((day, i) => report(`p${i}`, day));
  assert.equal(thresholdReachedAt(reports), undefined);
});

test('one person reporting five times counts once', () => {
  const reports = [0, 1, 2, 3, 4].map((day) => report('same', day));
  assert.equal(thresholdReachedAt(reports), undefined);
  assert.equal(thresholdReachedAt([...reports, ...['a', 'b', 'c', 'd'].map((p, i) => report(p, 5 + i))]), T0 + 8 * DAY);
});

test('a reporter verified less than 24 hours before the report counts zero', () => {
  const reports = [0, 2, 4, 6].map((day, i) => report(`p${i}`, day));
  const fresh = report('fresh', 8, { reporterVerifiedAt: T0 + 8 * DAY - 23 * 3_600_000 });
  assert.equal(thresholdReachedAt([...reports, fresh]), undefined);
  const settled = report('settled', 8, { reporterVerifiedAt: T0 + 8 * DAY - 25 * 3_600_000 });
  assert.equal(thresholdReachedAt([...reports, settled]), T0 + 8 * DAY);
});

test('a reporter who filed more than 20 reports in the day counts zero for the reports past the allowance', () => {
  const reports = [0, 2, 4, 6].map((day, i) => report(`p${i}`, day));
  const busy = report('busy', 8);
  // The busy reporter's 20 other reports that day, of other identities.
  const elsewhere = new Map([['busy', [...Array.from({ length: 20 }, (_, i) => T0 + 8 * DAY - (i + 1) * 60_000), busy.filedAt]]]);
  assert.equal(thresholdReachedAt([...reports, busy], TRAI_THRESHOLD, elsewhere), undefined);
  const allowed = new Map([['busy', [...Array.from({ length: 19 }, (_, i) => T0 + 8 * DAY - (i + 1) * 60_000), busy.filedAt]]]);
  assert.equal(thresholdReachedAt([...reports, busy], TRAI_THRESHOLD, allowed), T0 + 8 * DAY);
});

test('a late report (more than 30 days after the event) is kept out of the count', () => {
  const reports = [0, 2, 4, 6].map((day, i) => report(`p${i}`, day));
  const late = report('late', 8, { occurredAt: T0 + 8 * DAY - 31 * DAY });
  assert.equal(thresholdReachedAt([...reports, late]), undefined);
});
