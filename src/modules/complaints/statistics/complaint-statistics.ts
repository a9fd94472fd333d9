import { publishedCount, suppressSmallCells } from '../../../platform/open-data/small-cells.ts';
import { figureKey, isSubscriberService } from '../subscribers/complaint-subscribers.ts';

/** One case as the statistics see it: no personal data, only what is counted. */
export interface StatisticsCase {
  operatorId: string;
  service: string;
  category: string;
  /** Days from filing to the first settled stage (accepted, decision, implemented or closed), or null while open. */
  daysToResolution: number | null;
  /** True when no deadline of the case was missed; meaningful for resolved cases. */
  isWithinDeadlines: boolean;
  isEscalated: boolean;
  /** The consumer's answer to the operator's response or resolution, when they gave one. */
  consumerAnswer: 'accepted' | 'rejected' | null;
}

/** A figure that may be withheld: `null` with `isSuppressed` when its count is below the threshold. */
export interface Cell {
  value: number | null;
  isSuppressed: boolean;
}

/** One operator's line. */
export interface OperatorLine {
  operatorId: string;
  complaints: Cell;
  subscribers: number | null;
  /** Complaints per 100,000 subscribers; null without subscribers (with `hasNoSubscribers`) or with some missing (`hasPartialSubscribers`). */
  per100k: Cell;
  hasNoSubscribers: boolean;
  /** It has figures, but none for a service it had complaints about: no rate rather than an inflated one. */
  hasPartialSubscribers: boolean;
  shareWithinDeadline: Cell;
  medianDays: Cell;
  p90Days: Cell;
  escalationRate: Cell;
  acceptanceRate: Cell;
}

/** A quarter's statistics, ready to publish. */
export interface QuarterStatistics {
  quarter: string;
  threshold: number;
  total: Cell;
  byOperator: OperatorLine[];
  byService: Array<{ service: string; complaints: Cell; per100k: Cell }>;
  byCategory: Array<{ category: string; complaints: Cell }>;
}

const shown = (value: number | null): Cell => ({ value, isSuppressed: false });
const withheld: Cell = { value: null, isSuppressed: true };

/** The counts of one table under the one small-cell rule (`suppressSmallCells`), complementary suppression included. */
export function suppressCounts(counts: readonly number[], threshold: number): Cell[] {
  return suppressSmallCells(counts, threshold);
}

/** The value at quantile `q` (0 to 1) of sorted values, by linear interpolation between ranks. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? 0;
  const b = sorted[high] ?? a;
  return a + (b - a) * (position - low);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The statistics of one quarter: complaints per 100,000 subscribers by operator and service, by
 * category, the share resolved within the deadlines, median and 90th percentile days to
 * resolution, escalation and acceptance rates, with disclosure control at `threshold`.
 */
export function computeQuarterStatistics(input: {
  quarter: string;
  cases: readonly StatisticsCase[];
  subscribers: ReadonlyArray<{ operatorId: string; service: string; subscribers: number }>;
  operatorIds: readonly string[];
  services: readonly string[];
  categories: readonly string[];
  threshold: number;
}): QuarterStatistics {
  const { cases, threshold } = input;
  const subscribersOf = (filter: (s: { operatorId: string; service: string }) => boolean) => {
    const rows = input.subscribers.filter(filter);
    return rows.length === 0 ? null : rows.reduce((sum, r) => sum + r.subscribers, 0);
  };
  const hasFigure = new Set(input.subscribers.map((s) => figureKey(s.operatorId, s.service)));
  // Complaints about a service without a figure would be put over other services' subscribers and inflate the rate.
  const isCovered = (group: readonly StatisticsCase[]) =>
    group.every((c) => !isSubscriberService(c.service) || hasFigure.has(figureKey(c.operatorId, c.service)));
  const rateCell = (count: Cell, subscribers: number | null, isGroupCovered: boolean): Cell => {
    if (count.isSuppressed) return withheld;
    if (subscribers === null || subscribers <= 0 || count.value === null || !isGroupCovered) return shown(null);
    return shown(round((count.value / subscribers) * 100_000, 2));
  };
  // A ratio of a group smaller than the threshold would describe a few identifiable people.
  const ratio = (numerator: number, denominator: number): Cell =>
    denominator === 0 ? shown(null) : denominator < threshold ? withheld : shown(round(numerator / denominator, 3));

  const operatorIds = [...new Set([...input.operatorIds, ...cases.map((c) => c.operatorId)])].sort();
  const operatorCounts = suppressCounts(
    operatorIds.map((id) => cases.filter((c) => c.operatorId === id).length),
    threshold,
  );
  const byOperator = operatorIds.map((operatorId, i): OperatorLine => {
    const own = cases.filter((c) => c.operatorId === operatorId);
    const resolved = own.filter((c) => c.daysToResolution !== null);
    const days = resolved.map((c) => c.daysToResolution ?? 0).sort((a, b) => a - b);
    const answered = own.filter((c) => c.consumerAnswer !== null);
    const subscribers = subscribersOf((s) => s.operatorId === operatorId);
    const complaints = operatorCounts[i] ?? withheld;
    const isSmall = resolved.length < threshold;
    const hasNoSubscribers = subscribers === null || subscribers === 0;
    const isOwnCovered = isCovered(own);
    return {
      operatorId,
      complaints,
      subscribers,
      per100k: rateCell(complaints, subscribers, isOwnCovered),
      hasNoSubscribers,
      hasPartialSubscribers: !hasNoSubscribers && !isOwnCovered,
      shareWithinDeadline: ratio(resolved.filter((c) => c.isWithinDeadlines).length, resolved.length),
      medianDays: resolved.length === 0 ? shown(null) : isSmall ? withheld : shown(round(quantile(days, 0.5) ?? 0, 1)),
      p90Days: resolved.length === 0 ? shown(null) : isSmall ? withheld : shown(round(quantile(days, 0.9) ?? 0, 1)),
      escalationRate: ratio(own.filter((c) => c.isEscalated).length, own.length),
      acceptanceRate: ratio(answered.filter((c) => c.consumerAnswer === 'accepted').length, answered.length),
    };
  });
  const serviceCounts = suppressCounts(
    input.services.map((s) => cases.filter((c) => c.service === s).length),
    threshold,
  );
  const byService = input.services.map((service, i) => {
    const complaints = serviceCounts[i] ?? withheld;
    return {
      service,
      complaints,
      per100k: rateCell(
        complaints,
        subscribersOf((s) => s.service === service),
        isCovered(cases.filter((c) => c.service === service)),
      ),
    };
  });
  const categoryCounts = suppressCounts(
    input.categories.map((c) => cases.filter((x) => x.category === c).length),
    threshold,
  );
  const byCategory = input.categories.map((category, i) => ({ category, complaints: categoryCounts[i] ?? withheld }));
  return {
    quarter: input.quarter,
    threshold,
    // The total stands alone: each table under it has its own complementary suppression.
    total: publishedCount(cases.length, threshold),
    byOperator,
    byService,
    byCategory,
  };
}

/** The quarters (`2026-Q4`) of the local dates from `first` to `last`, newest first. */
export function quartersBetween(first: string, last: string): string[] {
  const toIndex = (date: string) => Number(date.slice(0, 4)) * 4 + Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const out: string[] = [];
  for (let i = toIndex(last); i >= toIndex(first); i -= 1) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return out;
}

/** The first and last local dates of a quarter such as `2026-Q4`, or null when it is not one. */
export function quarterRange(quarter: string): { from: string; to: string } | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) return null;
  const year = Number(match[1]);
  const q = Number(match[2]);
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  return { from: `${year}-${String(startMonth).padStart(2, '0')}-01`, to: `${year}-${String(endMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}` };
}
