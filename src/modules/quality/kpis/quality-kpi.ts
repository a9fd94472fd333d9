import { Decimal } from 'decimal.js';
import type { KpiDefinition, KpiTarget } from './quality-kpi.settings.ts';

/** The counts of one KPI for one operator, month, region and technology, as stored. */
export interface KpiCount {
  operatorId: string;
  month: string;
  region: string;
  technology: string;
  kpiId: string;
  numerator: number;
  denominator: number;
}

/** A ratio recomputed from summed counts and judged against its target. */
export interface KpiFigure {
  numerator: number;
  denominator: number;
  /** numerator / denominator in percent, rounded once to two decimals, as a string. */
  percent: string;
  meetsTarget: boolean;
}

/** A region whose figure misses the target. */
export interface KpiRegionMiss {
  region: string;
  percent: string;
}

/** One month of one operator, KPI and technology: the national figure and the regions that miss the target. */
export interface KpiMonthResult extends KpiFigure {
  month: string;
  regionsMissing: KpiRegionMiss[];
}

/** One operator, KPI and technology over a period of months. */
export interface KpiResult extends KpiFigure {
  operatorId: string;
  kpiId: string;
  technology: string;
  target: KpiTarget;
  /** Month by month, oldest first. */
  months: KpiMonthResult[];
  /** The months whose national figure misses the target. */
  missedMonths: string[];
  /** The regions whose figure over the whole period misses the target. */
  missedRegions: KpiRegionMiss[];
}

/**
 * Whether a ratio of counts meets a target, exactly: `numerator / denominator` against the
 * target's percentage with decimal arithmetic, so 98.00% meets ">= 98" and 97.999% does not, and
 * 2.00% meets "<= 2" but not "< 2".
 */
export function meetsTarget(numerator: number, denominator: number, target: KpiTarget): boolean {
  const ratio = new Decimal(numerator).times(100).div(denominator);
  switch (target.operator) {
    case '>=':
      return ratio.greaterThanOrEqualTo(target.percent);
    case '>':
      return ratio.greaterThan(target.percent);
    case '<=':
      return ratio.lessThanOrEqualTo(target.percent);
    case '<':
      return ratio.lessThan(target.percent);
  }
}

/** A ratio of summed counts, judged against the target; the percentage is rounded once, at the end. */
export function figureOf(numerator: number, denominator: number, target: KpiTarget): KpiFigure {
  return {
    numerator,
    denominator,
    percent: new Decimal(numerator).times(100).div(denominator).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    meetsTarget: meetsTarget(numerator, denominator, target),
  };
}

/** Adds counts into a map of sums. */
function addTo(map: Map<string, { numerator: number; denominator: number }>, key: string, count: KpiCount): void {
  const sum = map.get(key) ?? { numerator: 0, denominator: 0 };
  sum.numerator += count.numerator;
  sum.denominator += count.denominator;
  map.set(key, sum);
}

/**
 * KPI results against targets: for each operator, KPI and technology, the ratio of the counts
 * summed over every region and month (a national ratio is never a mean of regional ratios), the
 * same month by month, and the months and regions that miss the target. Pure.
 */
export function computeKpiResults(counts: readonly KpiCount[], definitions: readonly KpiDefinition[]): KpiResult[] {
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const groups = new Map<string, KpiCount[]>();
  for (const count of counts) {
    if (!byId.has(count.kpiId)) continue;
    const key = `${count.operatorId}\u0000${count.kpiId}\u0000${count.technology}`;
    const list = groups.get(key) ?? [];
    list.push(count);
    groups.set(key, list);
  }
  const order = new Map(definitions.map((d, index) => [d.id, index]));
  const results: KpiResult[] = [];
  for (const list of groups.values()) {
    const first = list[0];
    const definition = first ? byId.get(first.kpiId) : undefined;
    if (!first || !definition) continue;
    const { target } = definition;
    const total = { numerator: 0, denominator: 0 };
    const byMonth = new Map<string, { numerator: number; denominator: number }>();
    const byRegion = new Map<string, { numerator: number; denominator: number }>();
    const byMonthRegion = new Map<string, { numerator: number; denominator: number }>();
    for (const count of list) {
      total.numerator += count.numerator;
      total.denominator += count.denominator;
      addTo(byMonth, count.month, count);
      addTo(byRegion, count.region, count);
      addTo(byMonthRegion, `${count.month}\u0000${count.region}`, count);
    }
    const months: KpiMonthResult[] = [...byMonth.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, sum]) => {
        const regionsMissing = [...byMonthRegion.entries()]
          .filter(([key]) => key.startsWith(`${month}\u0000`))
          .map(([key, s]) => ({ region: key.slice(month.length + 1), figure: figureOf(s.numerator, s.denominator, target) }))
          .filter((r) => !r.figure.meetsTarget)
          .map((r) => ({ region: r.region, percent: r.figure.percent }))
          .sort((a, b) => a.region.localeCompare(b.region));
        return { month, ...figureOf(sum.numerator, sum.denominator, target), regionsMissing };
      });
    const missedRegions = [...byRegion.entries()]
      .map(([region, s]) => ({ region, figure: figureOf(s.numerator, s.denominator, target) }))
      .filter((r) => !r.figure.meetsTarget)
      .map((r) => ({ region: r.region, percent: r.figure.percent }))
      .sort((a, b) => a.region.localeCompare(b.region));
    results.push({
      operatorId: first.operatorId,
      kpiId: first.kpiId,
      technology: first.technology,
      target,
      ...figureOf(total.numerator, total.denominator, target),
      months,
      missedMonths: months.filter((m) => !m.meetsTarget).map((m) => m.month),
      missedRegions,
    });
  }
  return results.sort(
    (a, b) => a.operatorId.localeCompare(b.operatorId) || (order.get(a.kpiId) ?? 0) - (order.get(b.kpiId) ?? 0) || a.technology.localeCompare(b.technology),
  );
}

/**
 * A month written YYYY-MM, from 1900-01 to 9999-12. Years before 1900 are refused because
 * `Date.UTC` reads the years 0 to 99 as 1900 to 1999, and no measurement or report is that old.
 */
export const MONTH_PATTERN = '^(19\\d{2}|[2-9]\\d{3})-(0[1-9]|1[0-2])$';
const MONTH = new RegExp(MONTH_PATTERN);

/** Whether a string is a month written YYYY-MM that {@link monthsBefore} and the month bounds can count with. */
export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The month before the one `now` falls in (UTC), YYYY-MM: the latest month that is over. */
export function lastCompleteMonth(now: Date): string {
  return monthsBefore(now.toISOString().slice(0, 7), 1);
}

/**
 * The month `count` months before `month` (after it for a negative count), YYYY-MM, counted in
 * whole months so that no year is read as another; `month` must satisfy {@link isMonth}.
 */
export function monthsBefore(month: string, count: number): string {
  const [year, m] = month.split('-').map(Number);
  if (year === undefined || m === undefined || !Number.isInteger(year) || !Number.isInteger(m))
    throw new RangeError(`${month} is not a month written YYYY-MM.`);
  const index = year * 12 + (m - 1) - count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
