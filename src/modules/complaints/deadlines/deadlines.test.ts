import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { calendarOf } from '../../../platform/calendar.ts';
import { escalationOpensAtOf, isEscalationOpen, isKnownForLong, reviewWindowEndOf, stageDeadlineOf } from './deadlines.ts';
import { DEFAULT_DEADLINES } from '../complaints.settings.ts';

const nairobi = calendarOf({ timeZone: 'Africa/Nairobi', weekend: [6, 7], holidays: [] });
const paris = calendarOf({ timeZone: 'Europe/Paris', weekend: [6, 7], holidays: [] });

// TIO gives a provider 20 working days instead of 10 when the consumer became aware of the problem
// two to six years before complaining (TIO member news, "TIO able to handle older complaints from
// 1 July 2013"): "more than" two years, so the same day two years later is not yet more.
describe('isKnownForLong', () => {
  const rule = { lateAwarenessMonths: 24 };
  const cases: Array<[string, string | null, string, boolean]> = [
    ['one day more than 24 months', '2024-11-30', '2026-12-01T09:00:00Z', true],
    ['exactly 24 months', '2024-12-01', '2026-12-01T09:00:00Z', false],
    ['a filing late in the local evening counts on the local day', '2024-11-30', '2026-11-30T21:30:00Z', true],
    ['29 February plus 24 months is 28 February', '2024-02-29', '2026-03-01T09:00:00Z', true],
    ['29 February plus 24 months, filed on 28 February', '2024-02-29', '2026-02-28T09:00:00Z', false],
    ['no day given', null, '2026-12-01T09:00:00Z', false],
  ];
  for (const [name, started, filed, expected] of cases) {
    it(name, () => {
      assert.equal(isKnownForLong(rule, nairobi, started, new Date(filed)), expected);
    });
  }
  it('is never true without the rule', () => {
    assert.equal(isKnownForLong({ lateAwarenessMonths: null }, nairobi, '2000-01-01', new Date('2026-12-01T09:00:00Z')), false);
  });
});

describe('stageDeadlineOf', () => {
  const settings = {
    deadlines: {
      ...DEFAULT_DEADLINES,
      referred_to_operator: { days: 15, count: 'business' as const, extraSupportDays: 7, lateAwarenessDays: 20 },
    },
  };
  it("gives the stage's days, the late-awareness days, or the extra-support days first", () => {
    assert.deepEqual(stageDeadlineOf(settings, 'referred_to_operator', { hasExtraSupport: false, isKnownForLong: false }), { days: 15, count: 'business' });
    assert.deepEqual(stageDeadlineOf(settings, 'referred_to_operator', { hasExtraSupport: false, isKnownForLong: true }), { days: 20, count: 'business' });
    assert.deepEqual(stageDeadlineOf(settings, 'referred_to_operator', { hasExtraSupport: true, isKnownForLong: true }), { days: 7, count: 'business' });
    assert.deepEqual(stageDeadlineOf(settings, 'investigation', { hasExtraSupport: false, isKnownForLong: true }), { days: 40, count: 'business' });
  });
});

// Ofcom's General Condition C4: ADR once eight weeks have passed since the complaint was made.
describe('escalationOpensAtOf', () => {
  it('opens at the start of the local day eight weeks after the day of filing', () => {
    assert.equal(escalationOpensAtOf({ escalationWeeks: 8 }, nairobi, new Date('2026-12-01T09:00:00Z')).toISOString(), '2027-01-25T21:00:00.000Z');
  });
  it('counts local days across a daylight-saving change', () => {
    // Filed at noon on Friday 20 March 2026 in Paris (UTC+1); eight weeks later is Friday 15 May, in summer time (UTC+2).
    assert.equal(escalationOpensAtOf({ escalationWeeks: 8 }, paris, new Date('2026-03-20T11:00:00Z')).toISOString(), '2026-05-14T22:00:00.000Z');
  });
  it('opens at once with zero weeks', () => {
    assert.ok(escalationOpensAtOf({ escalationWeeks: 0 }, nairobi, new Date('2026-12-01T09:00:00Z')).getTime() <= new Date('2026-12-01T09:00:00Z').getTime());
  });
});

describe('isEscalationOpen', () => {
  const opensAt = '2027-01-25T21:00:00.000Z';
  it('opens at the instant the right opens, not a millisecond before', () => {
    assert.equal(isEscalationOpen({ is_deadlock: false, escalation_opens_at: opensAt }, '2027-01-25T20:59:59.999Z'), false);
    assert.equal(isEscalationOpen({ is_deadlock: false, escalation_opens_at: opensAt }, opensAt), true);
  });
  it('opens at once on deadlock', () => {
    assert.equal(isEscalationOpen({ is_deadlock: true, escalation_opens_at: opensAt }, '2026-12-02T09:00:00.000Z'), true);
  });
});

// A closed case may be reopened by staff until the end of the window's last local day; after it, only by an administrator.
describe('reviewWindowEndOf', () => {
  const review = { reviewWindowDays: 30, reviewWindowCount: 'calendar' as const, lastDayOnNonBusinessDay: 'keep' as const };
  const closedAt = '2026-12-01T09:00:00.000Z';
  it('ends at the end of the local day 30 calendar days after the day of closing', () => {
    assert.equal(reviewWindowEndOf(review, nairobi, closedAt), '2026-12-31T20:59:59.999Z');
  });
  it('counts only business days when the profile says so', () => {
    assert.equal(reviewWindowEndOf({ ...review, reviewWindowDays: 10, reviewWindowCount: 'business' }, nairobi, closedAt), '2026-12-15T20:59:59.999Z');
  });
  it('ends at the closing itself with 0 days, so that only an administrator may reopen', () => {
    assert.equal(reviewWindowEndOf({ ...review, reviewWindowDays: 0 }, nairobi, closedAt), closedAt);
  });
});
