/**
 * The statistics of quality of service, as pure functions over numbers: no clock, no database.
 * `docs/quality/methodology.md` states the same methods in words.
 */

/** A published measure of quality: speeds in kbit/s, latency in milliseconds. */
export type QualityMetric = 'download' | 'upload' | 'latency';

/** The metrics, in the order they are shown. */
export const QUALITY_METRICS: readonly QualityMetric[] = ['download', 'upload', 'latency'];

/**
 * How a device-day's value is compared with a threshold, as the profile states it: `>=` at
 * least, `>` more than, `<=` at most, `<` less than.
 */
export type ThresholdOperator = '>=' | '>' | '<=' | '<';

/** The comparisons a profile may state, each with the words it is said in. */
export const THRESHOLD_OPERATORS: Readonly<Record<ThresholdOperator, 'atLeast' | 'moreThan' | 'atMost' | 'lessThan'>> = {
  '>=': 'atLeast',
  '>': 'moreThan',
  '<=': 'atMost',
  '<': 'lessThan',
};

/** Whether a value is one of the {@link THRESHOLD_OPERATORS}. */
export function isThresholdOperator(value: unknown): value is ThresholdOperator {
  return typeof value === 'string' && Object.hasOwn(THRESHOLD_OPERATORS, value);
}

/** The thresholds of one metric and how each value is compared with them. */
export interface ThresholdSet {
  operator: ThresholdOperator;
  /** kbit/s for speeds, ms for latency, ascending. */
  values: readonly number[];
}

/** The share of values on the stated side of one threshold. */
export interface ThresholdShare {
  threshold: number;
  operator: ThresholdOperator;
  /** From 0 to 1. */
  share: number;
}

/** The figures of one group of device-day values. */
export interface ValueSummary {
  /** kbit/s for speeds, ms for latency. */
  median: number;
  p10: number;
  p90: number;
  /** Distribution-free 95% confidence interval of the median (null if there are too few values). */
  ciLow: number | null;
  ciHigh: number | null;
  /** Share of the values on the side of each threshold its operator states (named so for speeds, where the first profiles counted only "above"). */
  shareAbove: ThresholdShare[];
}

/** The coverage the confidence interval of the median aims at. */
export const CONFIDENCE = 0.95;

/** Up to this many values the interval uses exact binomial probabilities; above, the normal approximation. */
export const EXACT_BINOMIAL_MAX_N = 1000;

/**
 * The p-quantile (0 ≤ p ≤ 1) of values sorted in ascending order, by Hyndman and Fan's type 7
 * (the default of R and of NumPy): with h = (n − 1)·p, the value at ⌊h⌋ (counting from 0) plus
 * (h − ⌊h⌋) times the step to the next value. The median is the 0.5-quantile.
 *
 * @example quantileSorted([1, 2, 3, 4], 0.5) === 2.5; quantileSorted([10, 20, 30, 40, 50], 0.1) === 14
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('No value to take a quantile of.');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A quantile must be from 0 to 1, not ${p}.`);
  const h = (n - 1) * p;
  const low = Math.floor(h);
  const lowValue = sorted[low] ?? Number.NaN;
  if (low >= n - 1) return sorted[n - 1] ?? Number.NaN;
  const highValue = sorted[low + 1] ?? Number.NaN;
  return lowValue + (h - low) * (highValue - lowValue);
}

/** The median of values in any order (a copy is sorted). */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  return quantileSorted(sorted, 0.5);
}

/**
 * The ranks (counting from 1) of the order statistics that bound a distribution-free 95%
 * confidence interval of the median of n values: the largest l such that
 * P(X ≤ l − 1) ≤ 0.025 for X ~ Binomial(n, 1/2), and u = n − l + 1, so that
 * P(x₍ₗ₎ ≤ median ≤ x₍ᵤ₎) = 1 − 2·P(X ≤ l − 1) ≥ 0.95. Exact binomial sums up to
 * {@link EXACT_BINOMIAL_MAX_N} values; above, the normal approximation
 * l = ⌊n/2 − 1.96·√n/2⌋. Null when no such pair exists (n < 6).
 *
 * @example medianCiRanks(10) → { lower: 2, upper: 9 }; medianCiRanks(5) → null
 */
export function medianCiRanks(n: number): { lower: number; upper: number } | null {
  if (!Number.isInteger(n) || n < 1) return null;
  // The exact sums cost up to n/2 steps; an aggregation asks for the same small n many times.
  const known = exactRanks[n];
  if (known !== undefined) return known;
  const ranks = computeRanks(n);
  if (n <= EXACT_BINOMIAL_MAX_N) exactRanks[n] = ranks;
  return ranks;
}

const exactRanks: ({ lower: number; upper: number } | null)[] = [];

function computeRanks(n: number): { lower: number; upper: number } | null {
  const tail = (1 - CONFIDENCE) / 2;
  let lower = 0;
  if (n <= EXACT_BINOMIAL_MAX_N) {
    // Cumulative binomial probabilities in log space: 2^-n underflows past n = 1074.
    let logPmf = -n * Math.LN2;
    let cumulative = 0;
    for (let k = 0; k < n; k += 1) {
      cumulative += Math.exp(logPmf);
      // A tiny tolerance: P(X ≤ k) is a sum of floating-point terms.
      if (cumulative > tail + 1e-12) break;
      lower = k + 1;
      logPmf += Math.log((n - k) / (k + 1));
    }
  } else {
    lower = Math.floor(n / 2 - (1.959964 * Math.sqrt(n)) / 2);
  }
  if (lower < 1) return null;
  return { lower, upper: n - lower + 1 };
}

/**
 * The distribution-free 95% confidence interval of the median of values sorted in ascending
 * order: the order statistics {@link medianCiRanks} names, or nulls when n is too small.
 */
export function medianCiSorted(sorted: ArrayLike<number>): { low: number | null; high: number | null } {
  const ranks = medianCiRanks(sorted.length);
  if (!ranks) return { low: null, high: null };
  return { low: sorted[ranks.lower - 1] ?? null, high: sorted[ranks.upper - 1] ?? null };
}

/**
 * The share of values on the stated side of each threshold, from 0 to 1: at least (`>=`) and at
 * most (`<=`) count a value equal to the threshold, more than (`>`) and less than (`<`) do not.
 * The values are sorted ascending.
 */
export function sharesSorted(sorted: ArrayLike<number>, thresholds: ThresholdSet): ThresholdShare[] {
  const n = sorted.length;
  const { operator } = thresholds;
  return thresholds.values.map((threshold) => {
    const count =
      operator === '>='
        ? n - countBelow(sorted, threshold, false)
        : operator === '>'
          ? n - countBelow(sorted, threshold, true)
          : operator === '<='
            ? countBelow(sorted, threshold, true)
            : countBelow(sorted, threshold, false);
    return { threshold, operator, share: n === 0 ? 0 : count / n };
  });
}

/** How many sorted values are below `x`, or at or below it when `isInclusive`. */
function countBelow(sorted: ArrayLike<number>, x: number, isInclusive: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const value = sorted[mid] ?? Number.NaN;
    if (isInclusive ? value <= x : value < x) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Median, 10th and 90th percentiles (type 7), the 95% interval of the median and the shares on the
 * stated side of each threshold, of values in any order; the array is sorted in place.
 */
export function summariseValues(values: Float64Array, thresholds: ThresholdSet): ValueSummary {
  if (values.length === 0) throw new RangeError('No value to summarise.');
  values.sort();
  const ci = medianCiSorted(values);
  return {
    median: quantileSorted(values, 0.5),
    p10: quantileSorted(values, 0.1),
    p90: quantileSorted(values, 0.9),
    ciLow: ci.low,
    ciHigh: ci.high,
    shareAbove: sharesSorted(values, thresholds),
  };
}

/**
 * Ties between operators: two are tied when their 95% intervals of the median overlap (an
 * operator with no interval is tied with none). Returns, for each id, the ids it is tied with.
 */
export function tiesByOverlap(items: readonly { id: string; ciLow: number | null; ciHigh: number | null }[]): Map<string, string[]> {
  const ties = new Map<string, string[]>(items.map((item) => [item.id, []]));
  for (let i = 0; i < items.length; i += 1) {
    for (let j = i + 1; j < items.length; j += 1) {
      const a = items[i];
      const b = items[j];
      if (!a || !b || a.ciLow === null || a.ciHigh === null || b.ciLow === null || b.ciHigh === null) continue;
      if (a.ciLow <= b.ciHigh && b.ciLow <= a.ciHigh) {
        ties.get(a.id)?.push(b.id);
        ties.get(b.id)?.push(a.id);
      }
    }
  }
  return ties;
}
