import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { STATISTICS_CSV_COLUMNS, statisticsCsv, statisticsJson } from './complaint-statistics.views.tsx';
import { computeQuarterStatistics, quantile, quarterRange, quartersBetween, suppressCounts, type StatisticsCase } from './complaint-statistics.ts';

const kase = (operatorId: string, overrides: Partial<StatisticsCase> = {}): StatisticsCase => ({
  operatorId,
  service: 'mobile',
  category: 'billing',
  daysToResolution: 10,
  isWithinDeadlines: true,
  isEscalated: false,
  consumerAnswer: null,
  ...overrides,
});

describe('disclosure control', () => {
  const cases: Array<[string, number[], Array<number | null>]> = [
    ['nothing below the threshold', [20, 30, 0], [20, 30, 0]],
    ['one small cell takes the next smallest with it', [5, 30, 12], [null, 30, null]],
    ['two small cells protect each other', [5, 3, 40], [null, null, 40]],
    ['zero is not a small count', [0, 4, 25], [0, null, null]],
  ];
  for (const [name, counts, expected] of cases) {
    it(name, () => {
      assert.deepEqual(
        suppressCounts(counts, 11).map((c) => c.value),
        expected,
      );
    });
  }
});

describe('quantiles', () => {
  it('interpolates between ranks', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9.1);
    assert.equal(quantile([], 0.5), null);
  });
});

describe('quarter statistics', () => {
  const many = (n: number, operatorId: string, overrides: Partial<StatisticsCase> = {}) => Array.from({ length: n }, () => kase(operatorId, overrides));

  it('computes rates per 100,000 subscribers, times, escalation and acceptance, and shows an operator without subscribers without a rate', () => {
    const stats = computeQuarterStatistics({
      quarter: '2026-Q4',
      cases: [
        ...many(15, 'A', { daysToResolution: 4, consumerAnswer: 'accepted' }),
        ...many(5, 'A', { daysToResolution: 30, isWithinDeadlines: false, isEscalated: true, consumerAnswer: 'rejected' }),
        ...many(12, 'B'),
      ],
      subscribers: [{ operatorId: 'A', service: 'mobile', subscribers: 200_000 }],
      operatorIds: ['A', 'B'],
      services: ['mobile', 'pay_tv'],
      categories: ['billing', 'roaming'],
      threshold: 11,
    });
    const a = stats.byOperator.find((o) => o.operatorId === 'A');
    assert.deepEqual(a?.complaints.value, 20);
    assert.equal(a?.per100k.value, 10);
    assert.equal(a?.shareWithinDeadline.value, 0.75);
    assert.equal(a?.medianDays.value, 4);
    assert.equal(a?.p90Days.value, 30);
    assert.equal(a?.escalationRate.value, 0.25);
    assert.equal(a?.acceptanceRate.value, 0.75);
    const b = stats.byOperator.find((o) => o.operatorId === 'B');
    assert.equal(b?.hasNoSubscribers, true);
    assert.equal(b?.per100k.value, null);
    assert.equal(b?.per100k.isSuppressed, false);
    assert.equal(b?.acceptanceRate.value, null);
    assert.deepEqual(
      stats.byCategory.map((c) => c.complaints.value),
      [32, 0],
    );
    assert.equal(stats.total.value, 32);
  });

  it('gives no rate, rather than an inflated one, when complaints are about a service without a figure', () => {
    const stats = computeQuarterStatistics({
      quarter: '2026-Q4',
      cases: [...many(20, 'A'), ...many(12, 'A', { service: 'pay_tv' }), ...many(15, 'B'), ...many(11, 'B', { service: 'other' })],
      subscribers: [
        { operatorId: 'A', service: 'mobile', subscribers: 200_000 },
        { operatorId: 'B', service: 'mobile', subscribers: 100_000 },
        { operatorId: 'B', service: 'pay_tv', subscribers: 50_000 },
      ],
      operatorIds: ['A', 'B'],
      services: ['mobile', 'pay_tv', 'other'],
      categories: ['billing'],
      threshold: 11,
    });
    const [a, b] = stats.byOperator;
    assert.equal(a?.complaints.value, 32);
    assert.deepEqual([a?.per100k.value, a?.hasNoSubscribers, a?.hasPartialSubscribers], [null, false, true]);
    // "Other" has no subscriber base: its complaints count in the operator's rate without a figure of their own.
    assert.deepEqual([b?.per100k.value, b?.hasPartialSubscribers], [17.33, false]);
    const perService = new Map(stats.byService.map((s) => [s.service, s.per100k.value]));
    assert.equal(perService.get('mobile'), 11.67);
    assert.equal(perService.get('pay_tv'), null);
  });

  it('withholds small groups and their rates', () => {
    const stats = computeQuarterStatistics({
      quarter: '2026-Q4',
      cases: [...many(3, 'A'), ...many(40, 'B'), ...many(20, 'C')],
      subscribers: [{ operatorId: 'A', service: 'mobile', subscribers: 1000 }],
      operatorIds: ['A', 'B', 'C'],
      services: ['mobile'],
      categories: ['billing'],
      threshold: 11,
    });
    const [a, b, c] = stats.byOperator;
    assert.equal(a?.complaints.isSuppressed, true);
    assert.equal(a?.per100k.isSuppressed, true);
    assert.equal(a?.medianDays.isSuppressed, true);
    assert.equal(c?.complaints.isSuppressed, true);
    assert.equal(b?.complaints.value, 40);
  });

  it('writes a withheld figure empty with its <column>_suppressed true, in CSV and JSON alike', () => {
    const stats = computeQuarterStatistics({
      quarter: '2026-Q4',
      cases: [...many(3, 'A'), ...many(40, 'B'), ...many(20, 'C')],
      subscribers: [{ operatorId: 'A', service: 'mobile', subscribers: 1000 }],
      operatorIds: ['A', 'B', 'C'],
      services: ['mobile'],
      categories: ['billing'],
      threshold: 11,
    });
    const rows = parse<Record<string, string>>(statisticsCsv(stats), { columns: true });
    assert.deepEqual(Object.keys(rows[0] ?? {}), [...STATISTICS_CSV_COLUMNS]);
    assert.deepEqual(
      rows.map((r) => [
        r.operator_id,
        r.complaints,
        r.complaints_suppressed,
        r.complaints_per_100k,
        r.complaints_per_100k_suppressed,
        r.median_days_suppressed,
      ]),
      [
        ['A', '', 'true', '', 'true', 'true'],
        ['B', '40', 'false', '', 'false', 'false'],
        ['C', '', 'true', '', 'true', 'false'],
      ],
    );
    const json = statisticsJson(stats) as { total: number | null; total_suppressed: boolean; by_operator: Array<Record<string, unknown>> };
    assert.deepEqual([json.total, json.total_suppressed], [63, false]);
    assert.deepEqual(
      json.by_operator.map((o) => [o.operator_id, o.complaints, o.complaints_suppressed, o.has_no_subscribers]),
      [
        ['A', null, true, false],
        ['B', 40, false, true],
        ['C', null, true, true],
      ],
    );
  });
});

describe('quarters', () => {
  it('lists and bounds quarters', () => {
    assert.deepEqual(quartersBetween('2026-02-10', '2026-11-29'), ['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1']);
    assert.deepEqual(quarterRange('2024-Q1'), { from: '2024-01-01', to: '2024-03-31' });
    assert.equal(quarterRange('2024-Q5'), null);
  });
});
