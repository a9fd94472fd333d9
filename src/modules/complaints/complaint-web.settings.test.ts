import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkComplaintsSettings } from './complaints.settings.ts';
import { DEFAULT_DRAFT_DAYS, readComplaintWebSettings } from './complaint-web.settings.ts';

test('drafts last the profile\'s draftDays, 30 when absent; a wrong value stops start-up with its path', () => {
  assert.equal(readComplaintWebSettings(undefined).draft.draftDays, DEFAULT_DRAFT_DAYS);
  assert.equal(DEFAULT_DRAFT_DAYS, 30);
  assert.equal(readComplaintWebSettings({ draftDays: 7 }).draft.draftDays, 7);
  assert.deepEqual(readComplaintWebSettings({ attachments: { maxBytes: 2048, types: ['image/png'] } }).draft.attachments, { maxBytes: 2048, types: ['image/png'] });
  assert.deepEqual(checkComplaintsSettings({ draftDays: 30 }), []);
  assert.deepEqual(checkComplaintsSettings({ draftDays: 0 }), ['/modules/complaints/draftDays: must be a whole number of days from 1 to 365']);
});
