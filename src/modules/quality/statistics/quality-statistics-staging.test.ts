import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { readsDuring } from '../../../../test/helpers/reads-during.ts';
import { allMigrations } from '../../../platform/create.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { offersModule } from '../../offers/index.ts';
import { qualityModule } from '../index.ts';
import { createQualityAggregationRepository, type StatisticFilter } from './quality-aggregation.repository.ts';
import type { StatisticRow } from './quality-aggregation.ts';

// Issue 13: the daily aggregation replaced every published figure in one transaction (281,136
// rows for a million measurements held SQLite for 2.6 s). The new figures are written in short
// transactions and take over in one, so that pages keep reading the old ones meanwhile.
const databases = openTestDatabases(allMigrations([offersModule, qualityModule]));
const NATIONAL: StatisticFilter = { periodDays: 90, level: 'national', resolution: -1, metric: 'download', technology: 'all' };

/** `cells` cell figures and five national ones, each with `tests` tests. */
function figures(cells: number, tests: number): StatisticRow[] {
  const row = (level: StatisticRow['level'], resolution: number, area: string, operatorId: string): StatisticRow => ({
    periodDays: 90,
    level,
    resolution,
    area,
    operatorId,
    technology: 'all',
    metric: 'download',
    tests,
    devices: tests,
    median: 10_000 + tests,
    p10: 1000,
    p90: 20_000,
    ciLow: null,
    ciHigh: null,
    shareAbove: [{ threshold: 2000, operator: '>=', share: 0.9 }],
  });
  const rows = Array.from({ length: cells }, (_, i) => row('cell', 8, `88${String(i).padStart(13, '0')}`, `OP-DEMO-${1 + (i % 5)}`));
  for (let n = 1; n <= 5; n += 1) rows.push(row('national', -1, 'KE', `OP-DEMO-${n}`));
  return rows;
}

const runOf = (id: string, at: string, published: number) => ({ id, computed_at: at, measurements: published, groups: published, published, periods: '{}' });

for (const database of databases.all) {
  test(`pages keep reading the published figures while the aggregation replaces them, and see the old run or the new one, never a mix [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const repository = createQualityAggregationRepository(db.kysely);
    await repository.replaceStatistics(runOf(uuidv7(Date.parse('2026-11-30T03:00:00Z')), '2026-11-30T03:00:00.000Z', 100_005), figures(100_000, 1));
    const seen = new Set<string>();
    const read = async () => {
      const national = await repository.listStatistics(NATIONAL);
      seen.add(national.map((r) => r.tests).join(','));
    };
    const during = await readsDuring(read, () =>
      repository.replaceStatistics(runOf(uuidv7(Date.parse('2026-12-01T03:00:00Z')), '2026-12-01T03:00:00.000Z', 100_005), figures(100_000, 2)),
    );
    assert.deepEqual(
      [...seen].filter((s) => s !== '1,1,1,1,1' && s !== '2,2,2,2,2'),
      [],
      'a read saw the old figures or the new ones, all five',
    );
    assert.deepEqual(
      (await repository.listStatistics(NATIONAL)).map((r) => r.tests),
      [2, 2, 2, 2, 2],
    );
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from quality_statistics`.execute(db.kysely);
    assert.equal(Number(rows[0]?.n), 100_005, 'the old run is deleted');
    assert.ok(
      during.waits.length >= 5,
      `only ${during.waits.length} reads were answered while the figures were replaced in ${during.durationMs.toFixed(0)} ms`,
    );
    assert.ok(
      during.slowestMs < during.durationMs / 4,
      `a read waited ${during.slowestMs.toFixed(0)} ms while the figures were replaced in ${during.durationMs.toFixed(0)} ms`,
    );
  });

  test(`figures a stopped aggregation wrote are seen by no one and deleted by the next run [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const repository = createQualityAggregationRepository(db.kysely);
    await repository.replaceStatistics(runOf(uuidv7(Date.parse('2026-11-29T03:00:00Z')), '2026-11-29T03:00:00.000Z', 10), figures(5, 1));
    // What a run that stopped before taking over leaves: figures under a run that was never recorded.
    const stopped = uuidv7(Date.parse('2026-11-30T03:00:00Z'));
    await db.kysely
      .insertInto('quality_statistics')
      .values(
        figures(5, 3).map((r) => ({
          run_id: stopped,
          period_days: r.periodDays,
          level: r.level,
          resolution: r.resolution,
          area: r.area,
          operator_id: r.operatorId,
          technology: r.technology,
          metric: r.metric,
          tests: r.tests,
          devices: r.devices,
          median: r.median,
          p10: r.p10,
          p90: r.p90,
          ci_low: null,
          ci_high: null,
          shares: '[]',
        })),
      )
      .execute();
    assert.deepEqual(
      (await repository.listStatistics(NATIONAL)).map((r) => r.tests),
      [1, 1, 1, 1, 1],
    );
    await repository.replaceStatistics(runOf(uuidv7(Date.parse('2026-12-01T03:00:00Z')), '2026-12-01T03:00:00.000Z', 10), figures(5, 2));
    assert.deepEqual(
      (await repository.listStatistics(NATIONAL)).map((r) => r.tests),
      [2, 2, 2, 2, 2],
    );
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from quality_statistics`.execute(db.kysely);
    assert.equal(Number(rows[0]?.n), 10);
  });

  test(`figures published before a share named its comparison read back with the one they were counted with: more than for speeds, at most for latency [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const run = uuidv7(Date.parse('2026-11-30T03:00:00Z'));
    await db.kysely
      .insertInto('quality_statistic_runs')
      .values(runOf(run, '2026-11-30T03:00:00.000Z', 2))
      .execute();
    const stored = (metric: 'download' | 'latency', shares: string) => ({
      run_id: run,
      period_days: 90,
      level: 'national' as const,
      resolution: -1,
      area: 'national',
      operator_id: 'OP-DEMO-1',
      technology: 'all',
      metric,
      tests: 10,
      devices: 5,
      median: 1,
      p10: 1,
      p90: 1,
      ci_low: null,
      ci_high: null,
      shares,
    });
    await db.kysely
      .insertInto('quality_statistics')
      .values([stored('download', '[{"threshold":2000,"share":0.5}]'), stored('latency', '[{"threshold":50,"share":0.25}]')])
      .execute();
    const repository = createQualityAggregationRepository(db.kysely);
    assert.deepEqual((await repository.listStatistics(NATIONAL))[0]?.shareAbove, [{ threshold: 2000, operator: '>', share: 0.5 }]);
    assert.deepEqual((await repository.listStatistics({ ...NATIONAL, metric: 'latency' }))[0]?.shareAbove, [{ threshold: 50, operator: '<=', share: 0.25 }]);
  });
}
