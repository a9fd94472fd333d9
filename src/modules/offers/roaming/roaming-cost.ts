import { Decimal } from 'decimal.js';
import type { RoamingRateRecord } from './roaming-file.ts';

/** What a traveller expects to use over a whole stay abroad. */
export interface TravelUsage {
  /** Days of the stay, from 1. */
  days: number;
  /** Data over the stay in MB, a decimal string. */
  dataMb: string;
  voiceOutMinutes: number;
  voiceInMinutes: number;
  /** Text messages sent; received messages are free. */
  sms: number;
}

/** The kinds of cost a roaming breakdown shows. */
export type RoamingCostKind = 'bundle' | 'daily_fee' | 'voice_out' | 'voice_in' | 'sms' | 'data' | 'data_fair_use';

/** One line of a roaming breakdown; exact, not rounded. */
export interface RoamingCostLine {
  kind: RoamingCostKind;
  /** What is charged: bundles, days, minutes, messages or MB. */
  quantity: Decimal;
  amount: Decimal;
}

/** Why a rate cannot serve a stay: a service is needed beyond the allowance but has no price there. */
export type RoamingIneligibleReason = 'no_voice_out' | 'no_voice_in' | 'no_sms' | 'no_data';

/** The cost of a stay with one rate, or why the rate cannot serve it. */
export type RoamingCost =
  { isEligible: true; total: Decimal; lines: RoamingCostLine[]; bundles: number } | { isEligible: false; reason: RoamingIneligibleReason };

/** A moment of the bill-shock simulation: when it happens, what was used by then, and what was spent. */
export interface SpendPoint {
  /** The day of the stay, from 1. */
  day: number;
  /** Used since the start of the stay. */
  dataMb: Decimal;
  voiceMinutes: Decimal;
  sms: Decimal;
  /** Spent in the current 30-day window of the limit, rounded to the minor unit. */
  spent: Decimal;
}

/** When the alert fires and when data is cut off; null when the stay never gets there. */
export interface BillShock {
  limit: Decimal;
  alertAt: Decimal;
  alert: SpendPoint | null;
  cutOff: SpendPoint | null;
}

const ZERO = new Decimal(0);
/** The spending limit counts 30 days at a time, like a monthly limit. */
const LIMIT_WINDOW_DAYS = 30;
/** Halvings of one day when looking for the moment a threshold is crossed: about a tenth of a second. */
const BISECTIONS = 30;

type Amounts = Map<RoamingCostKind, { quantity: Decimal; amount: Decimal }>;

interface Period {
  start: number;
  end: number;
  hasAllowance: boolean;
  isBought: boolean;
}

/** A plan of the stay: which periods have the allowance, and the exact cost up to any moment. */
interface StayPlan {
  periods: Period[];
  /** The exact cost from the start of the stay to moment `t` (in days), with its lines. */
  costUpTo(t: Decimal): Amounts;
}

function addTo(amounts: Amounts, kind: RoamingCostKind, quantity: Decimal, price: string | null): void {
  if (quantity.isZero() || price === null) return;
  addLine(amounts, kind, quantity, quantity.times(price));
}

function addLine(amounts: Amounts, kind: RoamingCostKind, quantity: Decimal, amount: Decimal): void {
  const line = amounts.get(kind) ?? { quantity: ZERO, amount: ZERO };
  amounts.set(kind, { quantity: line.quantity.plus(quantity), amount: line.amount.plus(amount) });
}

function sumOf(amounts: Amounts): Decimal {
  let total = ZERO;
  for (const line of amounts.values()) total = total.plus(line.amount);
  return total;
}

/**
 * The usage charges of one validity period from its start to `elapsed` days into it, with usage
 * spread evenly over the stay; or the reason it cannot be served.
 */
function periodUsage(rate: RoamingRateRecord, usage: TravelUsage, start: Decimal, elapsed: Decimal, hasAllowance: boolean): Amounts | RoamingIneligibleReason {
  // Multiplied before divided, so that a whole stay or whole days give exact quantities.
  const share = (total: Decimal.Value, days: Decimal) => new Decimal(total).times(days).dividedBy(usage.days);
  const amounts: Amounts = new Map();

  const data = share(usage.dataMb, elapsed);
  if (hasAllowance) {
    // Fair use counts the data of the whole stay: the share of this period beyond the limit pays the fair-use price.
    const before = share(usage.dataMb, start);
    const below = rate.fairUseMb === null ? data : Decimal.max(ZERO, Decimal.min(data, new Decimal(rate.fairUseMb).minus(before)));
    const above = data.minus(below);
    const paid = rate.includedDataMb === null ? ZERO : Decimal.max(ZERO, below.minus(rate.includedDataMb));
    if (paid.gt(0) && rate.dataPerMb === null) return 'no_data';
    addTo(amounts, 'data', paid, rate.dataPerMb);
    addTo(amounts, 'data_fair_use', above, rate.fairUsePricePerMb);
  } else {
    if (data.gt(0) && rate.dataPerMb === null) return 'no_data';
    addTo(amounts, 'data', data, rate.dataPerMb);
  }

  // Included minutes serve calls made and received alike; beyond them both are paid in proportion.
  const out = share(usage.voiceOutMinutes, elapsed);
  const into = share(usage.voiceInMinutes, elapsed);
  const minutes = out.plus(into);
  if (minutes.gt(0)) {
    const beyond = Decimal.max(ZERO, minutes.minus(hasAllowance ? rate.includedVoiceMinutes : 0));
    const paidOut = beyond.times(out).dividedBy(minutes);
    const paidIn = beyond.minus(paidOut);
    if (paidOut.gt(0) && rate.voiceOutPerMinute === null) return 'no_voice_out';
    if (paidIn.gt(0) && rate.voiceInPerMinute === null) return 'no_voice_in';
    addTo(amounts, 'voice_out', paidOut, rate.voiceOutPerMinute);
    addTo(amounts, 'voice_in', paidIn, rate.voiceInPerMinute);
  }

  const sms = share(usage.sms, elapsed);
  const paidSms = Decimal.max(ZERO, sms.minus(hasAllowance ? rate.includedSms : 0));
  if (paidSms.gt(0) && rate.smsEach === null) return 'no_sms';
  addTo(amounts, 'sms', paidSms, rate.smsEach);
  return amounts;
}

/**
 * Splits the stay into validity periods and decides, for each, whether the allowance is used:
 * an allowance that comes with the plan always is; a priced bundle is bought for a period only
 * when that makes the period cheaper (or is the only way to serve it).
 */
function planStay(rate: RoamingRateRecord, usage: TravelUsage): StayPlan | RoamingIneligibleReason {
  const periods: Period[] = [];
  const validity = rate.validityDays;
  for (let start = 0; start < usage.days; start += validity) {
    const end = Math.min(start + validity, usage.days);
    const length = new Decimal(end - start);
    const startAt = new Decimal(start);
    if (rate.bundlePrice === null) {
      const served = periodUsage(rate, usage, startAt, length, true);
      if (typeof served === 'string') return served;
      periods.push({ start, end, hasAllowance: true, isBought: false });
      continue;
    }
    const without = periodUsage(rate, usage, startAt, length, false);
    const withBundle = periodUsage(rate, usage, startAt, length, true);
    if (typeof withBundle === 'string' && typeof without === 'string') return without;
    const isBought = typeof without === 'string' || (typeof withBundle !== 'string' && sumOf(withBundle).plus(rate.bundlePrice).lt(sumOf(without)));
    periods.push({ start, end, hasAllowance: isBought, isBought });
  }

  // The complete periods' charges, so that the cost up to any moment needs one period's arithmetic.
  const completed: Amounts[] = [];
  const boughtBy: number[] = [];
  let bought = 0;
  let running: Amounts = new Map();
  for (const period of periods) {
    completed.push(running);
    if (period.isBought) bought += 1;
    boughtBy.push(bought);
    const next: Amounts = new Map(running);
    const used = periodUsage(rate, usage, new Decimal(period.start), new Decimal(period.end - period.start), period.hasAllowance);
    if (typeof used !== 'string') for (const [kind, line] of used) addLine(next, kind, line.quantity, line.amount);
    running = next;
  }

  return {
    periods,
    costUpTo(t: Decimal): Amounts {
      const amounts: Amounts = new Map();
      if (t.lte(0)) return amounts;
      const index = Math.min(periods.length - 1, Math.max(0, t.dividedBy(validity).ceil().toNumber() - 1));
      const period = periods[index];
      if (!period) return amounts;
      for (const [kind, line] of completed[index] ?? []) amounts.set(kind, line);
      addTo(amounts, 'bundle', new Decimal(boughtBy[index] ?? 0), rate.bundlePrice);
      // A day's fee is charged when the day starts.
      addTo(amounts, 'daily_fee', Decimal.min(t.ceil(), usage.days), rate.dailyFee);
      const elapsed = Decimal.min(t, period.end).minus(period.start);
      const used = periodUsage(rate, usage, new Decimal(period.start), elapsed, period.hasAllowance);
      if (typeof used !== 'string') for (const [kind, line] of used) addLine(amounts, kind, line.quantity, line.amount);
      return amounts;
    },
  };
}

const ORDER: readonly RoamingCostKind[] = ['bundle', 'daily_fee', 'voice_out', 'voice_in', 'sms', 'data', 'data_fair_use'];

/**
 * The cost of a stay abroad with one roaming rate: bundles where they pay off, daily fees, calls
 * made and received, messages, data and data beyond the fair-use limit. Pure; exact decimal
 * arithmetic, rounded once at the end to `minorUnits`.
 */
export function costRoaming(rate: RoamingRateRecord, usage: TravelUsage, minorUnits: number): RoamingCost {
  const plan = planStay(rate, usage);
  if (typeof plan === 'string') return { isEligible: false, reason: plan };
  const amounts = plan.costUpTo(new Decimal(usage.days));
  const lines = ORDER.flatMap((kind) => {
    const line = amounts.get(kind);
    return line && !line.amount.isZero() ? [{ kind, ...line }] : [];
  });
  return {
    isEligible: true,
    total: sumOf(amounts).toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_UP),
    lines,
    bundles: plan.periods.filter((p) => p.isBought).length,
  };
}

/**
 * Follows spending through the stay against a limit that counts 30 days at a time: the first
 * moment the spending of a window reaches `alertShare` of the limit (the alert), and the first
 * moment it reaches the limit (data is cut off there). Usage is spread evenly over the stay;
 * bundles and daily fees are charged when their period or day starts. Null for an ineligible rate.
 */
export function simulateBillShock(rate: RoamingRateRecord, usage: TravelUsage, limit: string, alertShare: string, minorUnits: number): BillShock | null {
  const plan = planStay(rate, usage);
  if (typeof plan === 'string') return null;
  const cap = new Decimal(limit);
  const alertAt = cap.times(alertShare).toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_UP);
  const spendAt = (t: Decimal) => sumOf(plan.costUpTo(t));

  const firstReaching = (threshold: Decimal): SpendPoint | null => {
    for (let windowStart = 0; windowStart < usage.days; windowStart += LIMIT_WINDOW_DAYS) {
      const base = spendAt(new Decimal(windowStart));
      const windowEnd = Math.min(windowStart + LIMIT_WINDOW_DAYS, usage.days);
      const reaches = (day: number) => spendAt(new Decimal(day)).minus(base).gte(threshold);
      if (!reaches(windowEnd)) continue;
      // Spending never falls, so the first day whose end reaches the threshold is found by halving the window.
      let before = windowStart;
      let day = windowEnd;
      while (day - before > 1) {
        const middle = Math.floor((before + day) / 2);
        if (reaches(middle)) day = middle;
        else before = middle;
      }
      // Spending is below the threshold at the end of the day before and reaches it by the end of this one.
      let low = new Decimal(day - 1);
      let high = new Decimal(day);
      for (let i = 0; i < BISECTIONS; i += 1) {
        const middle = low.plus(high).dividedBy(2);
        if (spendAt(middle).minus(base).gte(threshold)) high = middle;
        else low = middle;
      }
      const used = (total: Decimal.Value, places: number) =>
        new Decimal(total).times(high).dividedBy(usage.days).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
      return {
        day,
        dataMb: used(usage.dataMb, 1),
        voiceMinutes: used(usage.voiceOutMinutes + usage.voiceInMinutes, 0),
        sms: used(usage.sms, 0),
        spent: spendAt(high).minus(base).toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_UP),
      };
    }
    return null;
  };

  return { limit: cap, alertAt, alert: firstReaching(alertAt), cutOff: firstReaching(cap) };
}
