import { Decimal } from 'decimal.js';
import type { Basket } from '../offers.settings.ts';
import type { AffordabilitySettings, AffordabilityTarget } from './affordability.settings.ts';
import { rankOffers, type ComparableOffer, type RankedOffer } from '../comparison/ranking.ts';
import type { CostRules } from '../comparison/tariff-cost.ts';

/** The horizon of the affordability measure: one month of 30 days, as ITU prices its baskets. */
export const AFFORDABILITY_MONTHS = 1;

const HUNDRED = new Decimal(100);
const TWELVE = new Decimal(12);

/** Whether a price meets a target; null when the conversion figures needed to tell are missing. */
export interface TargetOutcome {
  target: AffordabilityTarget;
  isMet: boolean | null;
}

/** An offer's price for a basket in every unit the measure reports; all exact, rounded only when shown. */
export interface PricedOffer {
  offer: ComparableOffer;
  /** The exact one-month cost in the local currency. */
  local: Decimal;
  /** In US dollars at the profile's exchange rate; null without one. */
  usd: Decimal | null;
  /** In international (PPP) dollars; null without a PPP factor. */
  ppp: Decimal | null;
  /** Percent of monthly GNI per capita; null without GNI (or, with GNI in USD, without an exchange rate). */
  sharePercent: Decimal | null;
  targets: TargetOutcome[];
}

/**
 * Why an operator has no price for a basket: no current offer of the basket's type, current offers
 * that are all left out (promotions, social tariffs), or offers that cannot serve the basket.
 */
export type OperatorNote = 'no_current_offer' | 'only_excluded_offers' | 'no_eligible_offer';

/** One licensed operator's cheapest eligible offer for a basket, or why there is none. */
export interface OperatorBasketResult {
  operatorId: string;
  operatorName: string;
  priced: PricedOffer | null;
  note: OperatorNote | null;
}

/** The measure of one basket: the cheapest offer in the market, and each operator's. */
export interface BasketAffordability {
  basket: Basket;
  targets: AffordabilityTarget[];
  cheapest: PricedOffer | null;
  operators: OperatorBasketResult[];
  /** Plans of the basket's service type left out, by reason. */
  excluded: { stale: number; promotional: number; socialTariff: number };
}

/** What the affordability measure needs besides the offers. */
export interface AffordabilityInput {
  offers: readonly ComparableOffer[];
  /** Every licensed operator, so that one without an offer is listed with a note, not dropped. */
  operators: readonly { id: string; name: string }[];
  baskets: readonly { basket: Basket; targets: AffordabilityTarget[] }[];
  settings: AffordabilitySettings;
  rules: CostRules;
  /** The jurisdiction's currency. */
  currency: string;
}

/** Compares a share of GNI with a target's threshold by the target's operator. */
export function meetsTarget(sharePercent: Decimal, target: AffordabilityTarget): boolean {
  const threshold = new Decimal(target.thresholdPercent);
  return target.operator === '<' ? sharePercent.lt(threshold) : sharePercent.lte(threshold);
}

/**
 * Converts an exact local price into US dollars, PPP dollars and a share of monthly GNI per
 * capita, and judges it against each target. Pure; nothing is rounded here.
 */
export function convertPrice(
  local: Decimal,
  settings: AffordabilitySettings,
  currency: string,
  targets: readonly AffordabilityTarget[],
): Omit<PricedOffer, 'offer'> {
  const usd = settings.exchangeRate ? local.dividedBy(settings.exchangeRate.value) : null;
  const ppp = settings.pppFactor ? local.dividedBy(settings.pppFactor.value) : null;
  let sharePercent: Decimal | null = null;
  const gni = settings.gniPerCapita;
  if (gni) {
    const monthlyGni = new Decimal(gni.value).dividedBy(TWELVE);
    const price = gni.currency === currency ? local : gni.currency === 'USD' ? usd : null;
    if (price !== null) sharePercent = price.dividedBy(monthlyGni).times(HUNDRED);
  }
  return {
    local,
    usd,
    ppp,
    sharePercent,
    targets: targets.map((target) => ({ target, isMet: sharePercent === null ? null : meetsTarget(sharePercent, target) })),
  };
}

function exactCost(ranked: RankedOffer): Decimal {
  return ranked.cost.lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
}

/**
 * The affordability of each basket: the cheapest eligible offer of the whole market and of each
 * licensed operator, costed by the true-cost engine for one month with the jurisdiction's prepaid
 * rule. Promotions, stale offers and (unless the profile says otherwise) social tariffs are left
 * out, as ITU's price basket method leaves out offers not open to everyone for the long term; so
 * are one-time fees, since the method prices the recurring monthly cost.
 */
export function measureAffordability(input: AffordabilityInput): BasketAffordability[] {
  const { settings, rules, currency } = input;
  const isSocialExcluded = (o: ComparableOffer) => !settings.isSocialTariffIncluded && o.record.isSocialTariff;
  const eligible = input.offers
    .filter((o) => !o.isStale && !o.record.isPromotional && !isSocialExcluded(o))
    .map((o) => (settings.isOneTimeFeeIncluded || o.record.oneTimeFees.length === 0 ? o : { ...o, record: { ...o.record, oneTimeFees: [] } }));
  return input.baskets.map(({ basket, targets }) => {
    const profile = { ...basket.profile, months: AFFORDABILITY_MONTHS };
    const ranking = rankOffers(eligible, profile, rules, true);
    const price = (ranked: RankedOffer): PricedOffer => ({ offer: ranked.offer, ...convertPrice(exactCost(ranked), settings, currency, targets) });
    const plansOfType = input.offers.filter((o) => o.record.addonOf === null && o.record.serviceType === profile.serviceType);
    const operators = input.operators.map((operator): OperatorBasketResult => {
      const best = ranking.results.find((r) => r.offer.record.operatorId === operator.id);
      if (best) return { operatorId: operator.id, operatorName: operator.name, priced: price(best), note: null };
      const isOwnPlan = (o: ComparableOffer) =>
        o.record.operatorId === operator.id && o.record.addonOf === null && o.record.serviceType === profile.serviceType;
      // Current plans that the method leaves out are not "no current offer": the note says which it is.
      const note: OperatorNote = eligible.some(isOwnPlan)
        ? 'no_eligible_offer'
        : input.offers.some((o) => !o.isStale && isOwnPlan(o))
          ? 'only_excluded_offers'
          : 'no_current_offer';
      return { operatorId: operator.id, operatorName: operator.name, priced: null, note };
    });
    const first = ranking.results[0];
    return {
      basket,
      targets,
      cheapest: first ? price(first) : null,
      operators,
      excluded: {
        stale: plansOfType.filter((o) => o.isStale).length,
        promotional: plansOfType.filter((o) => !o.isStale && o.record.isPromotional).length,
        socialTariff: plansOfType.filter((o) => !o.isStale && !o.record.isPromotional && isSocialExcluded(o)).length,
      },
    };
  });
}
