import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkSettings, settingsOf } from '../../platform/settings.ts';
import { complaintsSettings } from './complaints.settings.ts';

describe('complaints settings', () => {
  it('accepts the demo profile block, and an absent block means the documented defaults', () => {
    const demo = JSON.parse(readFileSync(new URL('../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
      modules: Record<string, Record<string, unknown>>;
    };
    assert.deepEqual(checkSettings(complaintsSettings, demo.modules['complaints']), []);
    assert.deepEqual(checkSettings(complaintsSettings, undefined), []);
    const { categories, ...defaults } = settingsOf(complaintsSettings, undefined);
    assert.deepEqual(categories, demo.modules['complaints']?.['categories'], 'the twelve categories of the demo profile');
    assert.deepEqual(defaults, {
      deadlines: {
        received: { days: 2, count: 'business' },
        referred_to_operator: { days: 15, count: 'business', extraSupportDays: 7 },
        investigation: { days: 40, count: 'business', extraSupportDays: 20 },
        decision: { days: 10, count: 'business' },
      },
      lateAwarenessMonths: null,
      lastDayOnNonBusinessDay: 'keep',
      extraSupportSkipsReferral: false,
      directReferral: false,
      escalationWeeks: 8,
      reviewWindowDays: 30,
      reviewWindowCount: 'calendar',
      rateLimitPerMinute: 10,
      attachments: { maxBytes: 5 * 1024 * 1024, types: ['application/pdf', 'image/png', 'image/jpeg'] },
    });
  });

  it('names every wrong field', () => {
    const problems = checkSettings(complaintsSettings, {
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
    assert.deepEqual(
      problems.filter((p) => /colour|lunch|categories|attachments\/types/.test(p)),
      [
        '/modules/complaints/colour: unknown setting (known: categories, deadlines, lateAwarenessMonths, lastDayOnNonBusinessDay, extraSupportSkipsReferral, directReferral, escalationWeeks, reviewWindowDays, reviewWindowCount, rateLimitPerMinute, attachments)',
        '/modules/complaints/categories/1: must be an id of lower-case letters, digits and underscores',
        '/modules/complaints/categories: must be a non-empty list of category ids, each listed once',
        '/modules/complaints/deadlines/lunch: unknown stage (stages with a deadline: received, referred_to_operator, investigation, decision)',
        '/modules/complaints/attachments/types/0: must be one of application/pdf, image/png, image/jpeg',
      ],
    );
    assert.deepEqual(checkSettings(complaintsSettings, { deadlines: { decision: { days: 5 } } }), [
      '/modules/complaints/deadlines/decision/count: is required',
    ]);
    // A list where an object belongs, or an object where a list does, is not taken for the default.
    assert.deepEqual(checkSettings(complaintsSettings, { categories: {}, deadlines: [], attachments: { types: {} } }), [
      '/modules/complaints/categories: must be a non-empty list of category ids, each listed once',
      '/modules/complaints/deadlines: must be an object keyed by stage',
      '/modules/complaints/attachments/types: must be a non-empty list of media types',
    ]);
    assert.deepEqual(checkSettings(complaintsSettings, { deadlines: { investigation: { days: 10, count: 'business', extraSupportDays: 12 } } }), [
      '/modules/complaints/deadlines/investigation/extraSupportDays: must not be longer than days',
    ]);
  });

  it('reads deadlines with their extra-support days and keeps defaults for the rest', () => {
    const read = settingsOf(complaintsSettings, {
      deadlines: { investigation: { days: 30, count: 'calendar', extraSupportDays: 15 } },
      extraSupportSkipsReferral: true,
    });
    assert.deepEqual(read.deadlines.investigation, { days: 30, count: 'calendar', extraSupportDays: 15 });
    assert.deepEqual(read.deadlines.received, { days: 2, count: 'business' });
    assert.deepEqual(
      settingsOf(complaintsSettings, { deadlines: { referred_to_operator: { days: 5, count: 'calendar' } } }).deadlines.referred_to_operator,
      { days: 5, count: 'calendar' },
      "a stage the profile gives replaces the default's, extra-support days included",
    );
    assert.equal(read.extraSupportSkipsReferral, true);
    assert.equal(read.directReferral, false, 'the regulator assesses each complaint before the operator sees it, unless the profile says otherwise');
    assert.equal(settingsOf(complaintsSettings, { directReferral: true }).directReferral, true);
    assert.deepEqual(checkSettings(complaintsSettings, { directReferral: 'yes' }), ['/modules/complaints/directReferral: must be true or false']);
  });

  it("reads the attachments' limits; draftDays is gone, since drafts follow the retention schedule", () => {
    assert.deepEqual(settingsOf(complaintsSettings, { attachments: { maxBytes: 2048, types: ['image/png'] } }).attachments, {
      maxBytes: 2048,
      types: ['image/png'],
    });
    assert.deepEqual(settingsOf(complaintsSettings, { attachments: { maxBytes: 2048 } }).attachments, {
      maxBytes: 2048,
      types: ['application/pdf', 'image/png', 'image/jpeg'],
    });
    assert.match(checkSettings(complaintsSettings, { draftDays: 30 }).join('\n'), /^\/modules\/complaints\/draftDays: unknown setting/);
  });

  // Issue 14 item 9: rules the profile could not express, each with today's behaviour as its default.
  it('reads what a deadline does when its last day is not a business day: kept by default, or moved to the next business day', () => {
    assert.equal(settingsOf(complaintsSettings, undefined).lastDayOnNonBusinessDay, 'keep');
    assert.equal(settingsOf(complaintsSettings, { lastDayOnNonBusinessDay: 'next_business_day' }).lastDayOnNonBusinessDay, 'next_business_day');
    assert.deepEqual(checkSettings(complaintsSettings, { lastDayOnNonBusinessDay: 'next_business_day' }), []);
    assert.deepEqual(checkSettings(complaintsSettings, { lastDayOnNonBusinessDay: 'monday' }), [
      '/modules/complaints/lastDayOnNonBusinessDay: must be keep or next_business_day',
    ]);
  });

  it('reads whether the review window counts calendar days (the default) or business days', () => {
    assert.equal(settingsOf(complaintsSettings, undefined).reviewWindowCount, 'calendar');
    assert.equal(settingsOf(complaintsSettings, { reviewWindowDays: 10, reviewWindowCount: 'business' }).reviewWindowCount, 'business');
    assert.deepEqual(checkSettings(complaintsSettings, { reviewWindowDays: 10, reviewWindowCount: 'business' }), []);
    assert.deepEqual(checkSettings(complaintsSettings, { reviewWindowCount: 'weeks' }), [
      '/modules/complaints/reviewWindowCount: must be calendar or business',
    ]);
  });

  // TIO gives a provider 20 working days instead of 10 when the consumer became aware of the problem
  // two to six years before complaining (TIO member news, "TIO able to handle older complaints from
  // 1 July 2013"): a stage's lateAwarenessDays apply after lateAwarenessMonths.
  it("reads a stage's deadline for a problem known for more than lateAwarenessMonths, and refuses one without the other", () => {
    const read = settingsOf(complaintsSettings, {
      lateAwarenessMonths: 24,
      deadlines: { referred_to_operator: { days: 10, count: 'business', lateAwarenessDays: 20 } },
    });
    assert.equal(read.lateAwarenessMonths, 24);
    assert.deepEqual(read.deadlines.referred_to_operator, { days: 10, count: 'business', lateAwarenessDays: 20 });
    assert.equal(settingsOf(complaintsSettings, undefined).lateAwarenessMonths, null);
    assert.deepEqual(
      checkSettings(complaintsSettings, {
        lateAwarenessMonths: 24,
        deadlines: { referred_to_operator: { days: 10, count: 'business', lateAwarenessDays: 20 } },
      }),
      [],
    );
    assert.deepEqual(checkSettings(complaintsSettings, { deadlines: { referred_to_operator: { days: 10, count: 'business', lateAwarenessDays: 20 } } }), [
      '/modules/complaints/deadlines/referred_to_operator/lateAwarenessDays: applies only with lateAwarenessMonths',
    ]);
    assert.deepEqual(checkSettings(complaintsSettings, { lateAwarenessMonths: 24 }), [
      '/modules/complaints/lateAwarenessMonths: no stage has lateAwarenessDays, so it changes nothing',
    ]);
    assert.deepEqual(
      checkSettings(complaintsSettings, { lateAwarenessMonths: 0, deadlines: { investigation: { days: 40, count: 'business', lateAwarenessDays: 0 } } }),
      [
        '/modules/complaints/deadlines/investigation/lateAwarenessDays: must be a whole number of days from 1 to 365',
        '/modules/complaints/lateAwarenessMonths: must be a whole number of months from 1 to 240',
      ],
    );
  });
});
