import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSettings, settingsOf } from '../../platform/settings.ts';
import { DEFAULT_PRIVACY_SETTINGS, privacySettings } from './privacy.settings.ts';

test('a profile silent on privacy gets the GDPR clock and an empty schedule', () => {
  assert.deepEqual(DEFAULT_PRIVACY_SETTINGS.requests.clock, {
    answer: { months: 1 },
    extended: { months: 3 },
    acknowledge: null,
    rollForward: true,
    stopsForIdentity: true,
  });
  assert.deepEqual(DEFAULT_PRIVACY_SETTINGS.retention.schedule, {});
});

test('a CCPA-style clock and a schedule rule are read as written', () => {
  const settings = settingsOf(privacySettings, {
    requests: { clock: { answer: { days: 45 }, extended: { days: 90 }, acknowledge: { businessDays: 10 }, rollForward: false, stopsForIdentity: false } },
    retention: { schedule: { 'complaints.complaints': { period: 'P5Y', trigger: 'closed', action: 'anonymise', legalBasis: 'publicTask' } } },
  });
  assert.deepEqual(settings.requests.clock.acknowledge, { businessDays: 10 });
  assert.equal(settings.retention.schedule['complaints.complaints']?.period, 'P5Y');
});

test('a wrong rule is named field by field', () => {
  const problems = checkSettings(privacySettings, {
    retention: { schedule: { 'complaints.complaints': { period: 'five years', trigger: 'opened', action: 'anonymise', legalBasis: 'publicTask' }, Bad: {} } },
    requests: { clock: { answer: { weeks: 4 } } },
  });
  assert.ok(
    problems.some((p) => p.includes('/retention/schedule/complaints.complaints/period') && p.includes('P5Y')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((p) => p.includes('/retention/schedule/complaints.complaints/trigger') && p.includes('one of created, closed, lastActivity')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((p) => p.includes('Bad') && p.includes('kind of record')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((p) => p.includes('/requests/clock/answer')),
    problems.join('\n'),
  );
});

test('the officer and transfers of the register are optional, and a wrong address is named', () => {
  assert.equal(DEFAULT_PRIVACY_SETTINGS.retention.dpo, undefined);
  assert.deepEqual(DEFAULT_PRIVACY_SETTINGS.retention.transfers, []);
  const problems = checkSettings(privacySettings, { retention: { dpo: { name: 'A. Wanjiku', email: 'not an address' } } });
  assert.ok(
    problems.some((p) => p.includes('/retention/dpo/email') && p.includes('dpo@example.org')),
    problems.join('\n'),
  );
});
