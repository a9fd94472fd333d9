import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, calendarOf, deadlineOf, endOfLocalDay, isBusinessDay, localDateOf, nextBusinessDay, pausedMs, type DayCount } from './calendar.ts';

// Profiles built here so the tests do not depend on the demo file: two zones with daylight saving, one without.
const paris = calendarOf({
  timeZone: 'Europe/Paris',
  weekend: [6, 7],
  holidays: [{ date: '2026-04-06' }, { date: '2026-05-01' }, { date: '2026-11-01' }, { date: '2026-11-11' }, { date: '2026-12-25' }],
});
const toronto = calendarOf({
  timeZone: 'America/Toronto',
  weekend: [6, 7],
  // Canada Day 2029 falls on a Sunday; the profile lists the observed Monday as well.
  holidays: [{ date: '2026-07-01' }, { date: '2026-11-11' }, { date: '2029-07-01' }, { date: '2029-07-02' }],
});
const nairobi = calendarOf({ timeZone: 'Africa/Nairobi', weekend: [6, 7], holidays: [{ date: '2026-12-12' }, { date: '2026-12-25' }, { date: '2026-12-26' }] });
const gulf = calendarOf({ timeZone: 'Asia/Riyadh', weekend: [5, 6], holidays: [] });

describe('endOfLocalDay', () => {
  const cases: Array<[string, string, string, string]> = [
    ['a winter day in Paris', 'Europe/Paris', '2026-01-15', '2026-01-15T22:59:59.999Z'],
    ['a summer day in Paris', 'Europe/Paris', '2026-07-15', '2026-07-15T21:59:59.999Z'],
    ['the 23-hour day clocks go forward in Paris', 'Europe/Paris', '2026-03-29', '2026-03-29T21:59:59.999Z'],
    ['the 25-hour day clocks go back in Paris', 'Europe/Paris', '2026-10-25', '2026-10-25T22:59:59.999Z'],
    ['the day clocks go forward in Toronto', 'America/Toronto', '2026-03-08', '2026-03-09T03:59:59.999Z'],
    ['the day clocks go back in Toronto', 'America/Toronto', '2026-11-01', '2026-11-02T04:59:59.999Z'],
    ['a day in Nairobi', 'Africa/Nairobi', '2026-12-01', '2026-12-01T20:59:59.999Z'],
  ];
  for (const [name, zone, date, expected] of cases) {
    it(`ends ${name} at its local midnight`, () => {
      assert.equal(endOfLocalDay(date, zone).toISOString(), expected);
    });
  }
});

describe('addDays', () => {
  const cases: Array<[string, typeof paris, string, number, DayCount, string]> = [
    ['calendar days run through weekends', paris, '2026-03-27', 5, 'calendar', '2026-04-01'],
    ['business days skip the weekend', paris, '2026-03-27', 1, 'business', '2026-03-30'],
    ['business days skip the weekend and Easter Monday', paris, '2026-04-02', 3, 'business', '2026-04-08'],
    ['business days cross the spring daylight-saving change', paris, '2026-03-26', 5, 'business', '2026-04-02'],
    ['a start on Saturday counts from Monday', paris, '2026-03-28', 1, 'business', '2026-03-30'],
    ['zero business days is the same day', paris, '2026-03-28', 0, 'business', '2026-03-28'],
    ['a holiday on a weekend costs no extra day', paris, '2026-10-30', 2, 'business', '2026-11-03'],
    ['a weekday holiday is skipped', paris, '2026-11-10', 1, 'business', '2026-11-12'],
    ['Toronto across the autumn change and Remembrance Day', toronto, '2026-10-30', 10, 'business', '2026-11-16'],
    ['an observed holiday after a Sunday holiday', toronto, '2029-06-29', 1, 'business', '2029-07-03'],
    ['Nairobi over Christmas and Boxing Day (a Saturday)', nairobi, '2026-12-24', 2, 'business', '2026-12-29'],
    ['a Friday-Saturday weekend', gulf, '2026-12-03', 1, 'business', '2026-12-06'],
    ['calendar days across the turn of the year', nairobi, '2026-12-20', 15, 'calendar', '2027-01-04'],
  ];
  for (const [name, cal, start, days, count, expected] of cases) {
    it(name, () => {
      assert.equal(addDays(cal, start, days, count), expected);
    });
  }

  it('refuses a negative count', () => {
    assert.throws(() => addDays(paris, '2026-01-01', -1, 'business'), RangeError);
  });

  it('refuses a calendar whose every day is a weekend', () => {
    assert.throws(() => addDays(calendarOf({ timeZone: 'UTC', weekend: [1, 2, 3, 4, 5, 6, 7], holidays: [] }), '2026-01-01', 1, 'business'), RangeError);
  });
});

describe('isBusinessDay and nextBusinessDay', () => {
  it('knows weekends and holidays', () => {
    assert.equal(isBusinessDay(paris, '2026-05-01'), false);
    assert.equal(isBusinessDay(paris, '2026-05-02'), false);
    assert.equal(isBusinessDay(paris, '2026-05-04'), true);
    assert.equal(nextBusinessDay(paris, '2026-05-01'), '2026-05-04');
    assert.equal(nextBusinessDay(paris, '2026-05-04'), '2026-05-04');
  });
});

describe('localDateOf', () => {
  it('gives the local day, not the UTC day', () => {
    assert.equal(localDateOf(new Date('2026-07-15T23:30:00Z'), 'Europe/Paris'), '2026-07-16');
    assert.equal(localDateOf(new Date('2026-07-15T02:30:00Z'), 'America/Toronto'), '2026-07-14');
  });
});

describe('pausedMs', () => {
  const day = 86_400_000;
  const at = (d: string) => new Date(`${d}T00:00:00Z`);
  const cases: Array<[string, Array<{ from: Date; to: Date | null }>, number]> = [
    ['no pause', [], 0],
    ['one pause', [{ from: at('2026-01-01'), to: at('2026-01-03') }], 2 * day],
    ['two pauses add up', [{ from: at('2026-01-01'), to: at('2026-01-03') }, { from: at('2026-01-10'), to: at('2026-01-11') }], 3 * day],
    ['overlapping pauses count once', [{ from: at('2026-01-01'), to: at('2026-01-05') }, { from: at('2026-01-03'), to: at('2026-01-06') }], 5 * day],
    ['a running pause counts until now', [{ from: at('2026-01-18'), to: null }], 2 * day],
  ];
  for (const [name, pauses, expected] of cases) {
    it(name, () => {
      assert.equal(pausedMs(pauses, at('2026-01-20')), expected);
    });
  }
});

describe('deadlineOf', () => {
  const cases: Array<[string, typeof paris, string, number, DayCount, Array<{ from: string; to: string | null }>, string]> = [
    ['5 business days in Paris across the spring change', paris, '2026-03-27T10:00:00Z', 5, 'business', [], '2026-04-03T21:59:59.999Z'],
    ['a filing late in the local evening counts from the local day', paris, '2026-07-15T22:30:00Z', 1, 'calendar', [], '2026-07-17T21:59:59.999Z'],
    ['10 calendar days in Toronto across the autumn change', toronto, '2026-10-28T15:00:00Z', 10, 'calendar', [], '2026-11-08T04:59:59.999Z'],
    ['a 3-day pause pushes a calendar deadline 3 days', nairobi, '2026-12-01T08:00:00Z', 10, 'calendar', [{ from: '2026-12-03T08:00:00Z', to: '2026-12-06T08:00:00Z' }], '2026-12-14T20:59:59.999Z'],
    ['two pauses add up', nairobi, '2026-12-01T08:00:00Z', 10, 'calendar', [{ from: '2026-12-02T08:00:00Z', to: '2026-12-03T08:00:00Z' }, { from: '2026-12-05T08:00:00Z', to: '2026-12-07T08:00:00Z' }], '2026-12-14T20:59:59.999Z'],
    ['a paused business deadline moves past the weekend', nairobi, '2026-12-01T08:00:00Z', 3, 'business', [{ from: '2026-12-02T08:00:00Z', to: '2026-12-04T08:00:00Z' }], '2026-12-07T20:59:59.999Z'],
  ];
  for (const [name, cal, start, days, count, pauses, expected] of cases) {
    it(name, () => {
      const due = deadlineOf(cal, new Date(start), days, count, pauses.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) })));
      assert.equal(due.toISOString(), expected);
    });
  }

  it('a running pause extends the deadline while it runs', () => {
    const start = new Date('2026-12-01T08:00:00Z');
    const pauses = [{ from: new Date('2026-12-02T08:00:00Z'), to: null }];
    const early = deadlineOf(nairobi, start, 10, 'calendar', pauses, new Date('2026-12-03T08:00:00Z'));
    const later = deadlineOf(nairobi, start, 10, 'calendar', pauses, new Date('2026-12-05T08:00:00Z'));
    assert.equal(early.toISOString(), '2026-12-12T20:59:59.999Z');
    assert.equal(later.toISOString(), '2026-12-14T20:59:59.999Z');
  });
});
