import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeWeeks, confirmedRecordOf, isoWeekOf, parseOpenDataFileName, reportCountRecords, weekBounds } from './scam-open-data.ts';

test('weeks are ISO weeks in UTC, with week 53 only where a year has one', () => {
  assert.equal(isoWeekOf(new Date('2026-12-07T00:00:00Z')), '2026-W50');
  assert.equal(isoWeekOf(new Date('2021-01-03T23:59:59Z')), '2020-W53');
  assert.equal(isoWeekOf(new Date('2024-12-30T00:00:00Z')), '2025-W01');
  assert.deepEqual(weekBounds('2020-W53'), { from: '2020-12-28T00:00:00.000Z', to: '2021-01-04T00:00:00.000Z' });
  assert.equal(weekBounds('2021-W53'), undefined);
  assert.equal(weekBounds('2021-W00'), undefined);
  assert.deepEqual(completeWeeks(new Date('2026-12-09T12:00:00Z'), 2), ['2026-W49', '2026-W48']);
  assert.deepEqual(parseOpenDataFileName('reports-2026-W49.csv'), { kind: 'reports', week: '2026-W49', format: 'csv' });
  assert.deepEqual(parseOpenDataFileName('confirmed-identifiers.json'), { kind: 'confirmed', format: 'json' });
  assert.equal(parseOpenDataFileName('reports-2026-W60.csv'), undefined);
  assert.equal(parseOpenDataFileName('../etc/passwd'), undefined);
});

test('cells below the smallest count are suppressed and links are published defanged', () => {
  assert.deepEqual(
    reportCountRecords(
      '2026-W49',
      [
        { category: 'loan', medium: 'call', reports: 2 },
        { category: 'impersonation', medium: 'sms', reports: 3 },
      ],
      3,
    ),
    [
      { week: '2026-W49', category: 'impersonation', medium: 'sms', reports: 3, reports_suppressed: false },
      { week: '2026-W49', category: 'loan', medium: 'call', reports: null, reports_suppressed: true },
    ],
  );
  assert.deepEqual(confirmedRecordOf('domain', 'evil-pay.com', '2026-12-01T08:00:00.000Z'), {
    kind: 'domain',
    value: 'evil-pay[.]com',
    confirmed_since: '2026-12-01',
  });
});
