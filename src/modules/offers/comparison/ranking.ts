import type { OfferRecord } from '../catalogue/offer-file.ts';
import { costOffer, type CostOutcome, type CostRules, type IneligibleReason, type UsageProfile } from './tariff-cost.ts';

/** An offer in effect, with what the comparison needs to know about its freshness and operator. */
export interface ComparableOffer {
  record: OfferRecord;
  operatorName: string;
  /** When the operator last published or confirmed this offer, ISO 8601. */
  lastUpdated: string;
  isStale: boolean;
  /** The version in effect. */
  version: number;
}

/** One ranked offer with its cost. */
export interface RankedOffer {
  rank: number;
  offer: ComparableOffer;
  cost: Extract<CostOutcome, { isEligible: true }>;
}

/** The ranking for one profile, and what was left out and why. */
export interface Ranking {
  results: RankedOffer[];
  /** Offers of the profile's service type that could not serve it. */
  ineligible: { planId: string; reason: IneligibleReason }[];
  /** Stale offers left out of the ranking (none when stale offers are included). */
  staleLeftOut: number;
}

/**
 * Ranks every plan for a profile: ascending total cost, ties broken by plan id, nothing else.
 * Add-ons are never ranked on their own, only inside the plan they extend; stale offers are
 * left out unless `isStaleIncluded`.
 */
export function rankOffers(offers: readonly ComparableOffer[], profile: UsageProfile, rules: CostRules, isStaleIncluded = false): Ranking {
  const usable = offers.filter((o) => isStaleIncluded || !o.isStale);
  const addonsOf = new Map<string, OfferRecord[]>();
  for (const offer of usable) {
    const base = offer.record.addonOf;
    if (base === null) continue;
    const list = addonsOf.get(base) ?? [];
    list.push(offer.record);
    addonsOf.set(base, list);
  }
  const scored: { offer: ComparableOffer; cost: Extract<CostOutcome, { isEligible: true }> }[] = [];
  const ineligible: Ranking['ineligible'] = [];
  for (const offer of usable) {
    if (offer.record.addonOf !== null || offer.record.serviceType !== profile.serviceType) continue;
    const cost = costOffer(offer.record, addonsOf.get(offer.record.planId) ?? [], profile, rules);
    if (cost.isEligible) scored.push({ offer, cost });
    else ineligible.push({ planId: offer.record.planId, reason: cost.reason });
  }
  scored.sort((a, b) => a.cost.total.comparedTo(b.cost.total) || compareText(a.offer.record.planId, b.offer.record.planId));
  const staleLeftOut = isStaleIncluded
    ? 0
    : offers.filter((o) => o.isStale && o.record.addonOf === null && o.record.serviceType === profile.serviceType).length;
  return { results: scored.map((s, index) => ({ rank: index + 1, ...s })), ineligible, staleLeftOut };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
