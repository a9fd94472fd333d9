import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderedIssues, readOccurred } from './scam-report-form.ts';

const boxes = (day: string, month: string, year: string, time: string) => ({ day, month, year, time });

test('the day and time typed are read in the jurisdiction’s time zone, not UTC', () => {
  assert.deepEqual(readOccurred(boxes('1', '12', '2026', '10:30'), 'Africa/Nairobi'), { ok: true, occurredAt: '2026-12-01T07:30:00Z' });
  // Summer and winter time in Paris: the same local time is a different instant.
  assert.deepEqual(readOccurred(boxes('15', '7', '2026', '9.05'), 'Europe/Paris'), { ok: true, occurredAt: '2026-07-15T07:05:00Z' });
  assert.deepEqual(readOccurred(boxes('15', '1', '2026', '0905'), 'Europe/Paris'), { ok: true, occurredAt: '2026-01-15T08:05:00Z' });
  assert.deepEqual(readOccurred(boxes('04', '01', '2027', ''), 'Africa/Nairobi'), { ok: true, occurredAt: '2027-01-04T09:00:00Z' }, 'no time: midday');
  assert.deepEqual(readOccurred(boxes('', '', '', ''), 'Africa/Nairobi'), { ok: true, occurredAt: '' }, 'nothing typed: the intake says it is missing');
});

test('a day that does not exist, a missing day and a wrong time are the form’s own problems, and nothing can be filed with them', () => {
  const fields = (reading: ReturnType<typeof readOccurred>) => (reading.ok ? [] : reading.issues.map((i) => `${i.field}:${i.messageKey.split('.').at(-1)}`));
  assert.deepEqual(fields(readOccurred(boxes('31', '2', '2026', ''), 'UTC')), ['occurredAt:dateInvalid']);
  assert.deepEqual(fields(readOccurred(boxes('1', '1', '26', ''), 'UTC')), ['occurredAt:dateInvalid']);
  assert.deepEqual(fields(readOccurred(boxes('', '', '', '14:30'), 'UTC')), ['occurredAt:dateMissing']);
  assert.deepEqual(fields(readOccurred(boxes('1', '1', '2026', '24:00'), 'UTC')), ['occurredTime:timeInvalid']);
  assert.deepEqual(fields(readOccurred(boxes('x', '1', '2026', 'noon'), 'UTC')), ['occurredAt:dateInvalid', 'occurredTime:timeInvalid']);
  const refused = readOccurred(boxes('1', '1', '2026', '99:99'), 'UTC');
  assert.equal(refused.occurredAt, 'invalid', 'the intake is given a value it refuses');
});

test('problems follow the form; the intake’s word on the placeholder date gives way to the form’s', () => {
  const issues = orderedIssues(
    [
      { field: 'screenshot', messageKey: 'a' },
      { field: 'occurredAt', messageKey: 'scams.reporting.error.occurredAtInvalid' },
      { field: 'sender', messageKey: 'b' },
    ],
    [{ field: 'occurredTime', messageKey: 'scams.reporting.page.error.timeInvalid' }],
  );
  assert.deepEqual(
    issues.map((i) => i.field),
    ['sender', 'occurredTime', 'screenshot'],
  );
});
