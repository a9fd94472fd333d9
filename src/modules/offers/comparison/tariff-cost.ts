import { Decimal } from 'decimal.js';
import type { OfferRecord } from '../catalogue/offer-file.ts';

/** What a consumer expects to use each 30 days, and for how long. */
export interface UsageProfile {
  serviceType: 'mobile' | 'fixed';
  /** Data per 30 days in GB, a decimal string. */
  dataGb: string;
  voiceMinutes: number;
  sms: number;
  /** The lowest acceptable typical download speed in Mbit/s, a decimal string; null when any speed will do. */
  minDownloadMbps: string | null;
  /** The horizon in months of 30 days. */
  months: number;
}

/**
 * How bundles valid for other than 30 days are brought to a 30-day month: only bundles valid at
 * least 30 days count, whole repurchases over the horizon, or pro rata (price and allowances × 30 / validity).
 */
export type PrepaidRule = 'min_30_days' | 'whole_repurchases' | 'pro_rata';

/** The kinds of cost a breakdown shows. */
export type CostKind = 'intro_price' | 'price' | 'one_time_fee' | 'monthly_fee' | 'tax' | 'data_overage' | 'data_payg' | 'voice_payg' | 'sms_payg' | 'addon';

/** One line of a cost breakdown; `amount` is exact, not rounded. */
export interface CostLine {
  kind: CostKind;
  /** The fee's description or the add-on's plan id, when the kind alone does not say it. */
  detail?: string;
  amount: Decimal;
}

/** Why an offer cannot serve a profile. */
export type IneligibleReason = 'service_type' | 'speed' | 'validity' | 'no_more_data' | 'no_more_voice' | 'no_more_sms' | 'addon';

/** The cost of one offer for one profile, or why it cannot serve it. */
export type CostOutcome =
  | {
      isEligible: true;
      /** The total over the horizon, rounded once to the currency's minor unit. */
      total: Decimal;
      /** The total divided by the months, rounded to the minor unit. */
      monthly: Decimal;
      lines: CostLine[];
      /** Add-ons bought over the horizon, by plan id. */
      addons: { planId: string; quantity: number }[];
      /** True when the label says taxes vary by location, so they are not in the total. */
      isTaxVarying: boolean;
      /** How many times the bundle is bought over the horizon (1 per month for monthly plans). */
      purchases: number;
    }
  | { isEligible: false; reason: IneligibleReason };

/** Choices of the jurisdiction that change how a cost is counted. */
export interface CostRules {
  prepaidRule: PrepaidRule;
  /** Digits after the decimal point of the currency (2 for KES). */
  minorUnits: number;
}

const ZERO = new Decimal(0);
const THIRTY = new Decimal(30);
const ONE = new Decimal(1);
/** No search for add-ons goes beyond this many of one add-on in one period. */
const MAX_ADDON_QUANTITY = 50;

interface Usage {
  data: Decimal;
  voice: Decimal;
  sms: Decimal;
}

/** What covering the usage beyond the allowance costs in one period. */
interface ExtraCost {
  lines: CostLine[];
  addons: Map<string, number>;
}

/**
 * The true cost of an offer for a usage profile over its horizon: introductory then full price,
 * one-time and monthly fees, taxes, overage and pay-as-you-go charges, and the cheapest
 * combination of add-ons where it beats paying per unit. Pure; exact decimal arithmetic, rounded
 * once at the end.
 */
export function costOffer(offer: OfferRecord, addons: readonly OfferRecord[], profile: UsageProfile, rules: CostRules): CostOutcome {
  if (offer.serviceType !== profile.serviceType) return { isEligible: false, reason: 'service_type' };
  if (profile.minDownloadMbps !== null && new Decimal(profile.minDownloadMbps).gt(0)) {
    if (offer.typicalDownloadMbps === null || new Decimal(offer.typicalDownloadMbps).lt(profile.minDownloadMbps)) return { isEligible: false, reason: 'speed' };
  }
  const validity = offer.validityDays;
  if (rules.prepaidRule === 'min_30_days' && validity < 30) return { isEligible: false, reason: 'validity' };

  const monthlyUsage: Usage = { data: new Decimal(profile.dataGb), voice: new Decimal(profile.voiceMinutes), sms: new Decimal(profile.sms) };
  const lines: CostLine[] = [];
  const add = (kind: CostKind, amount: Decimal, detail?: string) => {
    if (amount.isZero()) return;
    const existing = lines.find((l) => l.kind === kind && l.detail === detail);
    if (existing) existing.amount = existing.amount.plus(amount);
    else lines.push(detail === undefined ? { kind, amount } : { kind, detail, amount });
  };

  const introEndsOnDay = offer.introRate ? offer.introRate.months * 30 : 0;
  const addonCounts = new Map<string, number>();
  const groups = periodGroups(validity, profile.months, rules.prepaidRule, offer.introRate ? introEndsOnDay : 0);
  for (const period of groups) {
    const { isIntro, count } = period;
    const times = new Decimal(count);
    const price = new Decimal(isIntro && offer.introRate ? offer.introRate.price : offer.monthlyPrice).times(period.purchase);
    add(isIntro ? 'intro_price' : 'price', price.times(times));

    const usage: Usage = {
      data: monthlyUsage.data.times(period.usageShare),
      voice: monthlyUsage.voice.times(period.usageShare),
      sms: monthlyUsage.sms.times(period.usageShare),
    };
    const remaining: Usage = {
      data: beyond(usage.data, offer.dataAllowanceGb, period.purchase),
      voice: beyond(usage.voice, offer.voiceMinutes, period.purchase),
      sms: beyond(usage.sms, offer.smsCount, period.purchase),
    };
    const extra = coverExtra(offer, addons, remaining);
    if (extra === null) {
      const reason: IneligibleReason =
        !canBuy(offer, 'data') && remaining.data.gt(0) ? 'no_more_data' : !canBuy(offer, 'voice') && remaining.voice.gt(0) ? 'no_more_voice' : 'no_more_sms';
      return { isEligible: false, reason };
    }
    for (const line of extra.lines) add(line.kind, line.amount.times(times), line.detail);
    for (const [planId, quantity] of extra.addons) addonCounts.set(planId, (addonCounts.get(planId) ?? 0) + quantity * count);
  }

  for (const fee of offer.oneTimeFees) add('one_time_fee', new Decimal(fee.amount), fee.description || undefined);
  for (const fee of offer.monthlyFees) add('monthly_fee', new Decimal(fee.amount).times(profile.months), fee.description || undefined);
  if (offer.tax.kind === 'amount') add('tax', new Decimal(offer.tax.amount).times(profile.months));

  const exact = lines.reduce((sum, line) => sum.plus(line.amount), ZERO);
  return {
    isEligible: true,
    total: exact.toDecimalPlaces(rules.minorUnits, Decimal.ROUND_HALF_UP),
    monthly: exact.dividedBy(profile.months).toDecimalPlaces(rules.minorUnits, Decimal.ROUND_HALF_UP),
    lines,
    addons: [...addonCounts].map(([planId, quantity]) => ({ planId, quantity })).sort((a, b) => (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0)),
    isTaxVarying: offer.tax.kind === 'varies',
    purchases: rules.prepaidRule === 'pro_rata' ? profile.months : groups.reduce((sum, g) => sum + g.count, 0),
  };
}

/** A set of identical purchase periods: same price (introductory or not), same usage, same share of a purchase. */
interface PeriodGroup {
  isIntro: boolean;
  count: number;
  /** The share of a 30-day month's usage that falls in each period. */
  usageShare: Decimal;
  /** The share of one purchase paid in each period: 1 for a whole purchase, 30 / validity pro rata. */
  purchase: Decimal;
}

/**
 * The purchase periods over the horizon by the jurisdiction's rule, grouped: a daily bundle over
 * a year is 360 purchases but at most four distinct ones, so each is costed once and multiplied.
 */
function periodGroups(validityDays: number, months: number, rule: PrepaidRule, introEndsOnDay: number): PeriodGroup[] {
  const groups: PeriodGroup[] = [];
  const push = (isIntro: boolean, count: number, usageShare: Decimal, purchase: Decimal) => {
    if (count > 0) groups.push({ isIntro, count, usageShare, purchase });
  };
  if (rule === 'pro_rata') {
    const introMonths = Math.min(months, Math.ceil(introEndsOnDay / 30));
    const purchase = THIRTY.dividedBy(validityDays);
    push(true, introMonths, ONE, purchase);
    push(false, months - introMonths, ONE, purchase);
    return groups;
  }
  const horizonDays = months * 30;
  const whole = Math.floor(horizonDays / validityDays);
  // A period is introductory when it starts before the introductory price ends.
  const introWhole = Math.min(whole, Math.ceil(introEndsOnDay / validityDays));
  const share = new Decimal(validityDays).dividedBy(THIRTY);
  push(true, introWhole, share, ONE);
  push(false, whole - introWhole, share, ONE);
  const rest = horizonDays - whole * validityDays;
  // The last bundle is bought whole even if the horizon ends before it does.
  if (rest > 0) push(whole * validityDays < introEndsOnDay, 1, new Decimal(rest).dividedBy(THIRTY), ONE);
  return groups;
}

/** Usage beyond an allowance; a null allowance is unlimited. */
function beyond(usage: Decimal, allowance: string | number | null, purchase: Decimal): Decimal {
  if (allowance === null) return ZERO;
  const over = usage.minus(new Decimal(allowance).times(purchase));
  return over.gt(0) ? over : ZERO;
}

function canBuy(offer: OfferRecord, what: 'data' | 'voice' | 'sms'): boolean {
  if (what === 'data') return offer.overage !== null || offer.dataPricePerGb !== null;
  if (what === 'voice') return offer.voicePricePerMinute !== null;
  return offer.smsPriceEach !== null;
}

/** What paying per unit for the remaining usage costs, or null when the offer sells no more of something needed. */
function payPerUse(offer: OfferRecord, remaining: Usage): CostLine[] | null {
  const lines: CostLine[] = [];
  if (remaining.data.gt(0)) {
    if (offer.overage) {
      const price = new Decimal(offer.overage.price);
      const amount =
        offer.overage.unit === 'per_gb' || offer.overage.incrementGb === null
          ? remaining.data.times(price)
          : remaining.data.dividedBy(offer.overage.incrementGb).ceil().times(price);
      lines.push({ kind: 'data_overage', amount });
    } else if (offer.dataPricePerGb !== null) lines.push({ kind: 'data_payg', amount: remaining.data.times(offer.dataPricePerGb) });
    else return null;
  }
  if (remaining.voice.gt(0)) {
    if (offer.voicePricePerMinute === null) return null;
    lines.push({ kind: 'voice_payg', amount: remaining.voice.times(offer.voicePricePerMinute) });
  }
  if (remaining.sms.gt(0)) {
    if (offer.smsPriceEach === null) return null;
    lines.push({ kind: 'sms_payg', amount: remaining.sms.times(offer.smsPriceEach) });
  }
  return lines;
}

const sumOf = (lines: readonly CostLine[]) => lines.reduce((sum, line) => sum.plus(line.amount), ZERO);

/**
 * The cheapest way to cover the usage beyond the allowance in one period: per-unit charges, or
 * add-ons (each bought whole) plus per-unit charges for what they leave. An exhaustive search,
 * pruned by the best cost found so far; plans have a handful of add-ons at most.
 */
function coverExtra(offer: OfferRecord, addons: readonly OfferRecord[], remaining: Usage): ExtraCost | null {
  if (remaining.data.isZero() && remaining.voice.isZero() && remaining.sms.isZero()) return { lines: [], addons: new Map() };
  const direct = payPerUse(offer, remaining);
  let best: { cost: Decimal; lines: CostLine[]; addons: Map<string, number> } | null = direct
    ? { cost: sumOf(direct), lines: direct, addons: new Map() }
    : null;
  const useful = addons.filter((a) => contributes(a, remaining));

  const search = (index: number, left: Usage, spent: Decimal, chosen: Map<string, number>) => {
    if (best && spent.gte(best.cost)) return;
    const tail = payPerUse(offer, left);
    if (tail) {
      const cost = spent.plus(sumOf(tail));
      if (!best || cost.lt(best.cost) || (cost.eq(best.cost) && chosen.size < best.addons.size)) {
        const addonLines: CostLine[] = [...chosen].map(([planId, quantity]) => ({
          kind: 'addon',
          detail: planId,
          amount: new Decimal(useful.find((a) => a.planId === planId)?.monthlyPrice ?? 0).times(quantity),
        }));
        best = { cost, lines: [...addonLines, ...tail], addons: new Map(chosen) };
      }
    }
    const addon = useful[index];
    if (!addon) return;
    const price = new Decimal(addon.monthlyPrice);
    const most = Math.min(MAX_ADDON_QUANTITY, quantityToCover(addon, left));
    for (let quantity = most; quantity >= 0; quantity -= 1) {
      const after: Usage = {
        data: beyond(left.data, addon.dataAllowanceGb, new Decimal(quantity)),
        voice: beyond(left.voice, addon.voiceMinutes, new Decimal(quantity)),
        sms: beyond(left.sms, addon.smsCount, new Decimal(quantity)),
      };
      const next = new Map(chosen);
      if (quantity > 0) next.set(addon.planId, quantity);
      search(index + 1, quantity > 0 ? after : left, spent.plus(price.times(quantity)), next);
    }
  };
  search(0, remaining, ZERO, new Map());
  if (!best) return null;
  const found: { lines: CostLine[]; addons: Map<string, number> } = best;
  return { lines: found.lines, addons: found.addons };
}

function contributes(addon: OfferRecord, left: Usage): boolean {
  const gives = (allowance: string | number | null, need: Decimal) => need.gt(0) && (allowance === null || new Decimal(allowance).gt(0));
  return gives(addon.dataAllowanceGb, left.data) || gives(addon.voiceMinutes, left.voice) || gives(addon.smsCount, left.sms);
}

/** How many of an add-on cover, on their own, everything it can cover of what is left. */
function quantityToCover(addon: OfferRecord, left: Usage): number {
  let most = 0;
  const need = (allowance: string | number | null, amount: Decimal) => {
    if (amount.lte(0)) return 0;
    if (allowance === null) return 1;
    const each = new Decimal(allowance);
    return each.gt(0) ? amount.dividedBy(each).ceil().toNumber() : 0;
  };
  most = Math.max(most, need(addon.dataAllowanceGb, left.data), need(addon.voiceMinutes, left.voice), need(addon.smsCount, left.sms));
  return most;
}
