import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  addDays,
  calendarOf,
  deadlineOf,
  endOfLocalDay,
  isBusinessDay,
  localDateOf,
  nextBusinessDay,
  pausedDates,
  startOfLocalDay,
  type DayCount,
} from './calendar.ts';

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

describe('startOfLocalDay', () => {
  const cases: Array<[string, string, string, string]> = [
    ['a day in Nairobi', 'Africa/Nairobi', '2027-01-26', '2027-01-25T21:00:00.000Z'],
    ['a summer day in Paris', 'Europe/Paris', '2026-05-15', '2026-05-14T22:00:00.000Z'],
    ['the day clocks go back in Toronto', 'America/Toronto', '2026-11-01', '2026-11-01T04:00:00.000Z'],
    // Clocks went forward at midnight in Santiago on 6 September 2026: the day starts at 01:00.
    ['a day without a midnight in Santiago', 'America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z'],
  ];
  for (const [name, zone, date, expected] of cases) {
    it(`starts ${name} at its first local instant`, () => {
      assert.equal(startOfLocalDay(date, zone).toISOString(), expected);
      assert.equal(localDateOf(startOfLocalDay(date, zone), zone), date);
      assert.equal(localDateOf(new Date(startOfLocalDay(date, zone).getTime() - 1), zone) < date, true);
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

describe('pausedDates', () => {
  const at = (d: string) => new Date(`${d}Z`);
  const cases: Array<[string, Array<{ from: Date; to: Date | null }>, string[]]> = [
    ['no pause', [], []],
    [
      'the days after the first, up to and including the last',
      [{ from: at('2026-01-01T10:00:00'), to: at('2026-01-03T09:00:00') }],
      ['2026-01-02', '2026-01-03'],
    ],
    ['nothing for a pause within one day', [{ from: at('2026-01-01T08:00:00'), to: at('2026-01-01T17:00:00') }], []],
    [
      'overlapping pauses count each day once',
      [
        { from: at('2026-01-01T10:00:00'), to: at('2026-01-04T10:00:00') },
        { from: at('2026-01-03T10:00:00'), to: at('2026-01-05T10:00:00') },
      ],
      ['2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05'],
    ],
    ['a running pause up to today', [{ from: at('2026-01-18T10:00:00'), to: null }], ['2026-01-19', '2026-01-20']],
  ];
  for (const [name, pauses, expected] of cases) {
    it(name, () => {
      assert.deepEqual([...pausedDates(pauses, at('2026-01-20T12:00:00'), 'UTC')].sort(), expected);
    });
  }

  it('takes the local days, not the UTC days', () => {
    // 22:30 UTC on 1 January is already the 2nd in Nairobi: the pause runs from the 2nd to the 3rd.
    assert.deepEqual(
      [...pausedDates([{ from: at('2026-01-01T22:30:00'), to: at('2026-01-03T06:00:00') }], at('2026-01-03T06:00:00'), 'Africa/Nairobi')],
      ['2026-01-03'],
    );
  });
});

describe('deadlineOf', () => {
  const cases: Array<[string, typeof paris, string, number, DayCount, Array<{ from: string; to: string | null }>, string]> = [
    ['5 business days in Paris across the spring change', paris, '2026-03-27T10:00:00Z', 5, 'business', [], '2026-04-03T21:59:59.999Z'],
    ['a filing late in the local evening counts from the local day', paris, '2026-07-15T22:30:00Z', 1, 'calendar', [], '2026-07-17T21:59:59.999Z'],
    ['10 calendar days in Toronto across the autumn change', toronto, '2026-10-28T15:00:00Z', 10, 'calendar', [], '2026-11-08T04:59:59.999Z'],
    [
      'a 3-day pause pushes a calendar deadline 3 days',
      nairobi,
      '2026-12-01T08:00:00Z',
      10,
      'calendar',
      [{ from: '2026-12-03T08:00:00Z', to: '2026-12-06T08:00:00Z' }],
      '2026-12-14T20:59:59.999Z',
    ],
    [
      'two pauses add up',
      nairobi,
      '2026-12-01T08:00:00Z',
      10,
      'calendar',
      [
        { from: '2026-12-02T08:00:00Z', to: '2026-12-03T08:00:00Z' },
        { from: '2026-12-05T08:00:00Z', to: '2026-12-07T08:00:00Z' },
      ],
      '2026-12-14T20:59:59.999Z',
    ],
    // Paused for Thursday and Friday, two business days: the deadline moves by two, past the weekend, to Tuesday.
    [
      'a business deadline paused for two business days moves by two',
      nairobi,
      '2026-12-01T08:00:00Z',
      3,
      'business',
      [{ from: '2026-12-02T08:00:00Z', to: '2026-12-04T08:00:00Z' }],
      '2026-12-08T20:59:59.999Z',
    ],
  ];
  for (const [name, cal, start, days, count, pauses, expected] of cases) {
    it(name, () => {
      const due = deadlineOf(cal, new Date(start), days, count, {
        pauses: pauses.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) })),
      });
      assert.equal(due.toISOString(), expected);
    });
  }

  it('a running pause extends the deadline while it runs', () => {
    const start = new Date('2026-12-01T08:00:00Z');
    const pauses = [{ from: new Date('2026-12-02T08:00:00Z'), to: null }];
    const early = deadlineOf(nairobi, start, 10, 'calendar', { pauses, now: new Date('2026-12-03T08:00:00Z') });
    const later = deadlineOf(nairobi, start, 10, 'calendar', { pauses, now: new Date('2026-12-05T08:00:00Z') });
    assert.equal(early.toISOString(), '2026-12-12T20:59:59.999Z');
    assert.equal(later.toISOString(), '2026-12-14T20:59:59.999Z');
  });
});

// Issue 14 item 8. A pause is counted in the deadline's own days, as rules count days between two
// events: the day the question was asked is excluded, the day of the answer included (Western
// Australia's Interpretation Act 1984, s. 61(1)(g); Kenya's Interpretation and General Provisions
// Act, Cap. 2, s. 57(a) excludes the day of the event the same way). A business-day deadline then
// moves by the business days among them, a calendar-day deadline by all of them.
describe("deadlineOf counts a pause in the deadline's own days (Kenya, from the demo profile)", () => {
  const demo = JSON.parse(readFileSync(new URL('../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
    timeZone: string;
    weekend: number[];
    holidays: Array<{ date: string }>;
  };
  const kenya = calendarOf(demo);
  // Local times in Nairobi (UTC+3, no daylight saving).
  const local = (at: string) => new Date(`${at}+03:00`);
  const due = (start: string, days: number, count: DayCount, pauses: Array<[string, string | null]>, now?: string) =>
    deadlineOf(kenya, local(start), days, count, {
      pauses: pauses.map(([from, to]) => ({ from: local(from), to: to === null ? null : local(to) })),
      now: local(now ?? start),
    }).toISOString();
  // Filed on Friday 11 December 2026: 10 business days skip Jamhuri Day (a Saturday), Christmas (a Friday) and Boxing Day (a Saturday), and end on Monday 28 December.
  const start = '2026-12-11T12:00:00';
  const endOf = (date: string) => endOfLocalDay(date, 'Africa/Nairobi').toISOString();

  it('ends 10 business days after the filing day without a pause', () => {
    assert.equal(due(start, 10, 'business', []), endOf('2026-12-28'));
  });

  it("a 10-business-day deadline paused for 5 business days moves by exactly 5 business days, past New Year's Day", () => {
    // Asked Monday 14, answered Monday 21: the 15th to the 18th and the 21st stood still.
    assert.equal(due(start, 10, 'business', [['2026-12-14T10:00:00', '2026-12-21T10:00:00']]), endOf('2027-01-05'));
  });

  it('two pauses of 2 and 3 business days add up to 5', () => {
    assert.equal(
      due(start, 10, 'business', [
        ['2026-12-14T10:00:00', '2026-12-16T10:00:00'],
        ['2026-12-17T10:00:00', '2026-12-22T10:00:00'],
      ]),
      endOf('2027-01-05'),
    );
  });

  it('a pause from Friday to Monday costs one business day, not three', () => {
    assert.equal(due(start, 10, 'business', [['2026-12-18T16:00:00', '2026-12-21T09:00:00']]), endOf('2026-12-29'));
  });

  it('a pause asked on a Saturday and answered on Monday costs one business day', () => {
    assert.equal(due(start, 10, 'business', [['2026-12-19T10:00:00', '2026-12-21T10:00:00']]), endOf('2026-12-29'));
  });

  it('a pause within a weekend costs no business day', () => {
    assert.equal(due(start, 10, 'business', [['2026-12-18T20:00:00', '2026-12-20T18:00:00']]), endOf('2026-12-28'));
  });

  it('a pause over Christmas and Boxing Day costs only the business day it ends on', () => {
    // Asked Thursday 24, answered Monday 28: Christmas, the weekend and Boxing Day were not business days anyway.
    assert.equal(due(start, 10, 'business', [['2026-12-24T10:00:00', '2026-12-28T10:00:00']]), endOf('2026-12-29'));
  });

  it('a question answered the same day costs nothing', () => {
    assert.equal(due(start, 10, 'business', [['2026-12-14T09:00:00', '2026-12-14T16:00:00']]), endOf('2026-12-28'));
    assert.equal(due('2026-12-01T12:00:00', 15, 'calendar', [['2026-12-03T09:00:00', '2026-12-03T17:00:00']]), endOf('2026-12-16'));
  });

  it('a calendar-day deadline moves by the calendar days of the pause, whatever the hours', () => {
    // 15 days from Tuesday 1 December end on Wednesday 16; asked on the 3rd, answered on the 6th: 3 days.
    assert.equal(due('2026-12-01T12:00:00', 15, 'calendar', [['2026-12-03T10:00:00', '2026-12-06T16:00:00']]), endOf('2026-12-19'));
    assert.equal(due('2026-12-01T12:00:00', 15, 'calendar', [['2026-12-03T22:00:00', '2026-12-04T08:00:00']]), endOf('2026-12-17'));
  });

  it('a pause that starts after the deadline has passed does not move it', () => {
    assert.equal(due(start, 10, 'business', [['2026-12-30T10:00:00', '2027-01-06T10:00:00']], '2027-01-06T10:00:00'), endOf('2026-12-28'));
  });

  it('a pause still running counts up to today', () => {
    assert.equal(due(start, 10, 'business', [['2026-12-14T10:00:00', null]], '2026-12-16T10:00:00'), endOf('2026-12-30'));
  });
});

// A time limit that ends on an excluded day may be met on the next day that is not one: Kenya's
// Interpretation and General Provisions Act, Cap. 2, s. 57(b); Western Australia's Interpretation
// Act 1984, s. 61(1)(e).
describe('deadlineOf with a last day that is not a business day', () => {
  const nairobiDay = (date: string) => endOfLocalDay(date, 'Africa/Nairobi').toISOString();
  it('keeps it by default', () => {
    assert.equal(deadlineOf(nairobi, new Date('2026-12-10T09:00:00Z'), 15, 'calendar').toISOString(), nairobiDay('2026-12-25'));
  });
  it('moves it past Christmas, Boxing Day and the weekend to Monday when asked', () => {
    assert.equal(
      deadlineOf(nairobi, new Date('2026-12-10T09:00:00Z'), 15, 'calendar', { lastDay: 'next_business_day' }).toISOString(),
      nairobiDay('2026-12-28'),
    );
  });
  it('leaves a last day that is a business day where it is', () => {
    assert.equal(
      deadlineOf(nairobi, new Date('2026-12-10T09:00:00Z'), 14, 'calendar', { lastDay: 'next_business_day' }).toISOString(),
      nairobiDay('2026-12-24'),
    );
  });
});
