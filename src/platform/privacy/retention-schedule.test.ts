import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkRecordKinds, checkRetentionSchedule, resolveRetentionSchedule, retentionCutoff } from './retention-schedule.ts';
import type { RecordKind } from './record-kinds.ts';

const kind = (name: string, overrides: Partial<RecordKind> = {}): RecordKind => ({
  name,
  labelKey: 'x',
  purposeKey: 'y',
  categories: ['contact'],
  subjects: ['consumers'],
  recipients: [],
  triggers: ['closed'],
  actions: ['anonymise'],
  defaultRule: { period: 'P5Y', trigger: 'closed', action: 'anonymise', legalBasis: 'publicTask' },
  retention: { run: () => Promise.resolve(0) },
  ...overrides,
});

describe('retentionCutoff', () => {
  it('keeps a complaint closed on 30 June 2019 under five years until the end of 30 June 2024', () => {
    const closed = new Date('2019-06-30T15:00:00+03:00').toISOString();
    const onJune30 = retentionCutoff('P5Y', new Date('2024-06-30T01:00:00Z'), 'Africa/Nairobi');
    const onJuly1 = retentionCutoff('P5Y', new Date('2024-07-01T01:00:00Z'), 'Africa/Nairobi');
    assert.equal(closed < onJune30, false);
    assert.equal(closed < onJuly1, true);
    assert.equal(onJuly1, '2019-06-30T21:00:00.000Z');
  });

  it('counts whole days of the profile time zone, months to the last day when the day does not exist', () => {
    assert.equal(retentionCutoff('P1M', new Date('2026-03-31T12:00:00Z'), 'UTC'), '2026-02-28T00:00:00.000Z');
    assert.equal(retentionCutoff('P90D', new Date('2026-12-08T23:30:00Z'), 'Africa/Nairobi'), '2026-09-09T21:00:00.000Z');
  });

  it('counts hours back from the instant of the run', () => {
    assert.equal(retentionCutoff('PT24H', new Date('2026-12-08T10:15:00Z'), 'Africa/Nairobi'), '2026-12-07T10:15:00.000Z');
  });

  it('refuses a period that is not one unit of years, months, days or hours', () => {
    assert.throws(() => retentionCutoff('P1Y6M', new Date(), 'UTC'), /retention period/);
    assert.throws(() => retentionCutoff('P0D', new Date(), 'UTC'), /retention period/);
    assert.throws(() => retentionCutoff('5 years', new Date(), 'UTC'), /retention period/);
  });
});

describe('the schedule against the kinds', () => {
  const kinds = [kind('complaints.complaints'), kind('devices.theftReports', { triggers: ['closed', 'created'], actions: ['anonymise', 'delete'] })];

  it('names every wrong field', () => {
    assert.deepEqual(
      checkRetentionSchedule(kinds, {
        'complaints.complaints': { period: 'P5Y', trigger: 'created', action: 'delete', legalBasis: 'publicTask' },
        'devices.theftReports': { period: 'six months', trigger: 'closed', action: 'anonymise', legalBasis: 'publicTask' },
        'offers.nothing': { period: 'P1Y', trigger: 'created', action: 'delete', legalBasis: 'consent' },
      }),
      [
        'complaints.complaints/trigger: "created" cannot start this kind\'s period (one of closed)',
        'complaints.complaints/action: "delete" cannot be applied to this kind (one of anonymise)',
        'devices.theftReports/period: "six months" is not a retention period such as P5Y, P6M, P90D or PT24H',
        'offers.nothing: no module keeps records of this kind (known kinds: complaints.complaints, devices.theftReports)',
      ],
    );
  });

  it('passes over rules of modules the installation does not run, not misspelt kinds of those it runs', () => {
    const rule = { period: 'P1Y', trigger: 'created', action: 'delete', legalBasis: 'consent' } as const;
    assert.deepEqual(
      checkRetentionSchedule(kinds, { 'offers.subscriptions': rule, 'devices.theftReport': rule }, new Set(['platform', 'complaints', 'devices'])),
      ['devices.theftReport: no module keeps records of this kind (known kinds: complaints.complaints, devices.theftReports)'],
    );
  });

  it('gives every kind a rule: the profile’s, else its default', () => {
    const rule = { period: 'P6M', trigger: 'created', action: 'delete', legalBasis: 'publicTask' } as const;
    const resolved = resolveRetentionSchedule(kinds, { 'devices.theftReports': rule });
    assert.deepEqual(
      resolved.map((r) => [r.kind.name, r.rule.period, r.isDefault]),
      [
        ['complaints.complaints', 'P5Y', true],
        ['devices.theftReports', 'P6M', false],
      ],
    );
  });

  it('finds kinds declared twice, badly named or with a default they cannot apply', () => {
    assert.deepEqual(checkRecordKinds([kind('a.b'), kind('a.b'), kind('Bad'), kind('c.d', { actions: ['delete'] })]), [
      'a.b: is declared twice',
      'Bad: is not a kind name such as complaints.complaints',
      'default rule of c.d/action: "anonymise" cannot be applied to this kind (one of delete)',
    ]);
  });
});
