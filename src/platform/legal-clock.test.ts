import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarOf } from './calendar.ts';
import { legalDates, periodEnd, type LegalClock } from './legal-clock.ts';

/** The GDPR's clock (Art. 12(3)): one month, extendable by two further months, ends moved off weekends and holidays. */
const GDPR: LegalClock = { answer: { months: 1 }, extended: { months: 3 }, acknowledge: null, rollForward: true, stopsForIdentity: true };
/** A CCPA-style clock: 45 calendar days, extendable to 90, receipt acknowledged within 10 business days. */
const CCPA: LegalClock = { answer: { days: 45 }, extended: { days: 90 }, acknowledge: { businessDays: 10 }, rollForward: false, stopsForIdentity: false };

const noHolidays = calendarOf({ timeZone: 'Europe/Brussels', weekend: [6, 7], holidays: [] });
const kenya = calendarOf({
  timeZone: 'Africa/Nairobi',
  weekend: [6, 7],
  holidays: [{ date: '2026-12-12' }, { date: '2026-12-25' }, { date: '2026-12-26' }],
});

test('a month runs to the same day of the next month, or its last day, then off the weekend', () => {
  assert.deepEqual(legalDates(noHolidays, GDPR, '2026-01-30'), { due: '2026-03-02', extendedDue: '2026-04-30', acknowledgeBy: null }, 'Fri 30 Jan 2026');
  assert.equal(legalDates(noHolidays, GDPR, '2026-08-31').due, '2026-09-30', 'Mon 31 Aug 2026: September has no 31st');
  assert.equal(legalDates(noHolidays, GDPR, '2028-01-30').due, '2028-02-29', 'Sun 30 Jan 2028: a leap year');
});

test("the profile's holidays move the end as weekends do", () => {
  assert.equal(legalDates(kenya, GDPR, '2026-11-25').due, '2026-12-28', 'Christmas Friday, Boxing Day Saturday, then Sunday');
  assert.equal(legalDates(kenya, GDPR, '2026-11-12').due, '2026-12-14', 'Jamhuri Day on a Saturday, then Sunday');
});

test('a clock in days counts calendar days, and an acknowledgement business days', () => {
  assert.deepEqual(legalDates(noHolidays, CCPA, '2026-11-02'), { due: '2026-12-17', extendedDue: '2027-01-31', acknowledgeBy: '2026-11-16' });
  assert.equal(legalDates(kenya, CCPA, '2026-12-15').acknowledgeBy, '2026-12-30', 'ten business days over Christmas and Boxing Day');
});

test('days spent waiting for proof of identity stop the clock only where the profile says so', () => {
  assert.equal(legalDates(noHolidays, GDPR, '2026-01-30', 5).due, '2026-03-05', 'five days added to 28 February');
  assert.equal(legalDates(noHolidays, GDPR, '2026-01-30', 5).extendedDue, '2026-05-05');
  assert.equal(legalDates(noHolidays, CCPA, '2026-11-02', 5).due, '2026-12-17', 'this clock does not stop');
  assert.equal(legalDates(noHolidays, { ...CCPA, stopsForIdentity: true }, '2026-11-02', 5).acknowledgeBy, '2026-11-16', 'acknowledging does not wait');
});

test('a period that is not a whole number of at least one is refused', () => {
  assert.throws(() => periodEnd(noHolidays, '2026-01-30', { months: 0 }, { rollForward: true }), RangeError);
  assert.throws(() => periodEnd(noHolidays, '2026-01-30', { days: 1.5 }, { rollForward: true }), RangeError);
  assert.throws(() => periodEnd(noHolidays, '2026-01-30', { businessDays: -1 }, { rollForward: true }), RangeError);
  assert.throws(() => periodEnd(noHolidays, '2026-01-30', { days: 10 }, { rollForward: true, pausedDays: -2 }), RangeError);
});
