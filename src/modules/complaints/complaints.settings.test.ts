import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkComplaintsSettings, DEFAULT_COMPLAINTS_SETTINGS, readComplaintsSettings } from './complaints.settings.ts';

describe('complaints settings', () => {
  it('accepts the demo profile block and an absent block', () => {
    const demo = JSON.parse(readFileSync(new URL('../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
      modules: Record<string, Record<string, unknown>>;
    };
    assert.deepEqual(checkComplaintsSettings(demo.modules['complaints']), []);
    assert.deepEqual(checkComplaintsSettings(undefined), []);
    assert.deepEqual(readComplaintsSettings(undefined), DEFAULT_COMPLAINTS_SETTINGS);
  });

  it('names every wrong field', () => {
    const problems = checkComplaintsSettings({
      categories: ['billing', 'Bad Id', 'billing'],
      deadlines: { referred_to_operator: { days: 0, count: 'weekly', extraSupportDays: 3 }, lunch: { days: 1, count: 'calendar' } },
      escalationWeeks: -1,
      attachments: { maxBytes: 10, types: ['text/html'] },
      colour: 'blue',
    });
    assert.deepEqual(problems.map((p) => p.split(':')[0]).sort(), [
      '/modules/complaints/attachments/maxBytes',
      '/modules/complaints/attachments/types/0',
      '/modules/complaints/categories',
      '/modules/complaints/categories/1',
      '/modules/complaints/colour',
      '/modules/complaints/deadlines/lunch',
      '/modules/complaints/deadlines/referred_to_operator/count',
      '/modules/complaints/deadlines/referred_to_operator/days',
      '/modules/complaints/escalationWeeks',
    ]);
  });

  it('reads deadlines with their extra-support days and keeps defaults for the rest', () => {
    const read = readComplaintsSettings({
      deadlines: { investigation: { days: 30, count: 'calendar', extraSupportDays: 15 } },
      extraSupportSkipsReferral: true,
    });
    assert.deepEqual(read.deadlines.investigation, { days: 30, count: 'calendar', extraSupportDays: 15 });
    assert.deepEqual(read.deadlines.received, DEFAULT_COMPLAINTS_SETTINGS.deadlines.received);
    assert.equal(read.extraSupportSkipsReferral, true);
    assert.equal(read.directReferral, false, 'the regulator assesses each complaint before the operator sees it, unless the profile says otherwise');
    assert.equal(readComplaintsSettings({ directReferral: true }).directReferral, true);
    assert.deepEqual(checkComplaintsSettings({ directReferral: 'yes' }), ['/modules/complaints/directReferral: must be true or false']);
  });

  it("keeps drafts for the profile's draftDays, 30 when absent; a wrong value stops start-up with its path", () => {
    assert.equal(readComplaintsSettings(undefined).draftDays, 30);
    assert.equal(readComplaintsSettings({ draftDays: 7 }).draftDays, 7);
    assert.deepEqual(readComplaintsSettings({ attachments: { maxBytes: 2048, types: ['image/png'] } }).attachments, { maxBytes: 2048, types: ['image/png'] });
    assert.deepEqual(checkComplaintsSettings({ draftDays: 30 }), []);
    assert.deepEqual(checkComplaintsSettings({ draftDays: 0 }), ['/modules/complaints/draftDays: must be a whole number of days from 1 to 365']);
  });

  // Issue 14 item 9: rules the profile could not express, each with today's behaviour as its default.
  it('reads what a deadline does when its last day is not a business day: kept by default, or moved to the next business day', () => {
    assert.equal(readComplaintsSettings(undefined).lastDayOnNonBusinessDay, 'keep');
    assert.equal(readComplaintsSettings({ lastDayOnNonBusinessDay: 'next_business_day' }).lastDayOnNonBusinessDay, 'next_business_day');
    assert.deepEqual(checkComplaintsSettings({ lastDayOnNonBusinessDay: 'next_business_day' }), []);
    assert.deepEqual(checkComplaintsSettings({ lastDayOnNonBusinessDay: 'monday' }), [
      '/modules/complaints/lastDayOnNonBusinessDay: must be keep or next_business_day',
    ]);
  });

  it('reads whether the review window counts calendar days (the default) or business days', () => {
    assert.equal(readComplaintsSettings(undefined).reviewWindowCount, 'calendar');
    assert.equal(readComplaintsSettings({ reviewWindowDays: 10, reviewWindowCount: 'business' }).reviewWindowCount, 'business');
    assert.deepEqual(checkComplaintsSettings({ reviewWindowDays: 10, reviewWindowCount: 'business' }), []);
    assert.deepEqual(checkComplaintsSettings({ reviewWindowCount: 'weeks' }), ['/modules/complaints/reviewWindowCount: must be calendar or business']);
  });

  // TIO gives a provider 20 working days instead of 10 when the consumer became aware of the problem
  // two to six years before complaining (TIO member news, "TIO able to handle older complaints from
  // 1 July 2013"): a stage's lateAwarenessDays apply after lateAwarenessMonths.
  it("reads a stage's deadline for a problem known for more than lateAwarenessMonths, and refuses one without the other", () => {
    const read = readComplaintsSettings({
      lateAwarenessMonths: 24,
      deadlines: { referred_to_operator: { days: 10, count: 'business', lateAwarenessDays: 20 } },
    });
    assert.equal(read.lateAwarenessMonths, 24);
    assert.deepEqual(read.deadlines.referred_to_operator, { days: 10, count: 'business', lateAwarenessDays: 20 });
    assert.equal(readComplaintsSettings(undefined).lateAwarenessMonths, null);
    assert.deepEqual(
      checkComplaintsSettings({ lateAwarenessMonths: 24, deadlines: { referred_to_operator: { days: 10, count: 'business', lateAwarenessDays: 20 } } }),
      [],
    );
    assert.deepEqual(checkComplaintsSettings({ deadlines: { referred_to_operator: { days: 10, count: 'business', lateAwarenessDays: 20 } } }), [
      '/modules/complaints/deadlines/referred_to_operator/lateAwarenessDays: applies only with lateAwarenessMonths',
    ]);
    assert.deepEqual(checkComplaintsSettings({ lateAwarenessMonths: 24 }), [
      '/modules/complaints/lateAwarenessMonths: no stage has lateAwarenessDays, so it changes nothing',
    ]);
    assert.deepEqual(checkComplaintsSettings({ lateAwarenessMonths: 0, deadlines: { investigation: { days: 40, count: 'business', lateAwarenessDays: 0 } } }), [
      '/modules/complaints/deadlines/investigation/lateAwarenessDays: must be a whole number of days from 1 to 365',
      '/modules/complaints/lateAwarenessMonths: must be a whole number of months from 1 to 240',
    ]);
  });
});
