import type { Static } from '@sinclair/typebox';
import type { Comparison } from '../catalogue/offer.service.ts';
import type { CompareResponse, CompareResult } from './comparison.schemas.ts';
import type { RankedOffer } from './ranking.ts';
import type { CostRules, UsageProfile } from './tariff-cost.ts';

/** The published rule of the ranking, word for word on the page and in the API. */
export const RANKING_RULE = 'Ascending total cost over the horizon, ties broken by plan id; no commercial flag can move an offer.';

/** One ranked offer as the API and the page show it; amounts as decimal strings, add-ons by name (`planNames`). */
export function presentResult(
  ranked: RankedOffer,
  profile: UsageProfile,
  currency: string,
  rules: CostRules,
  planNames: ReadonlyMap<string, string> = new Map(),
): Static<typeof CompareResult> {
  const { offer, cost } = ranked;
  const { record } = offer;
  const nameOf = (planId: string) => planNames.get(planId) ?? planId;
  return {
    rank: ranked.rank,
    planId: record.planId,
    operatorId: record.operatorId,
    operatorName: offer.operatorName,
    planName: record.servicePlanName,
    tierName: record.tierPlanName,
    totalCost: cost.total.toFixed(rules.minorUnits),
    monthlyCost: cost.monthly.toFixed(rules.minorUnits),
    currency,
    months: profile.months,
    purchases: cost.purchases,
    validityDays: record.validityDays,
    isPromotional: record.isPromotional,
    isSocialTariff: record.isSocialTariff,
    socialTariffEligibility: record.socialTariffEligibility ?? [],
    accessibilityFeatures: record.accessibilityFeatures,
    isStale: offer.isStale,
    isTaxVarying: cost.isTaxVarying,
    lastUpdated: offer.lastUpdated,
    addons: cost.addons.map((a) => ({ planId: a.planId, planName: nameOf(a.planId), quantity: a.quantity })),
    // An add-on's line names it as consumers know it; its plan id is in `addons`.
    breakdown: cost.lines.map((line) => ({
      kind: line.kind,
      detail: line.detail === undefined ? null : line.kind === 'addon' ? nameOf(line.detail) : line.detail,
      amount: line.amount.toFixed(rules.minorUnits),
    })),
  };
}

// A comparison is cached until offers change; its presentation is cached with it.
const presented = new WeakMap<Comparison, Map<number, Static<typeof CompareResponse>>>();

/** The comparison as the API returns it. */
export function presentComparison(comparison: Comparison, profile: UsageProfile, limit: number, rules: CostRules): Static<typeof CompareResponse> {
  const byLimit = presented.get(comparison) ?? new Map<number, Static<typeof CompareResponse>>();
  presented.set(comparison, byLimit);
  const cached = byLimit.get(limit);
  if (cached) return cached;
  const shaped = shapeComparison(comparison, profile, limit, rules);
  byLimit.set(limit, shaped);
  return shaped;
}

function shapeComparison(comparison: Comparison, profile: UsageProfile, limit: number, rules: CostRules): Static<typeof CompareResponse> {
  const { ranking } = comparison;
  return {
    onDate: comparison.onDate,
    currency: comparison.currency,
    ranking: RANKING_RULE,
    profile: {
      type: profile.serviceType,
      dataGb: profile.dataGb,
      voiceMinutes: profile.voiceMinutes,
      sms: profile.sms,
      minSpeedMbps: profile.minDownloadMbps,
      months: profile.months,
      prepaidRule: rules.prepaidRule,
    },
    filters: {
      socialTariffsOnly: comparison.filter.isSocialOnly,
      eligibility: [...comparison.filter.eligibility],
      accessibilityFeatures: comparison.filter.isAccessibleOnly,
    },
    notice: { operatorsWithoutOffers: comparison.operatorsWithoutOffers },
    staleLeftOut: ranking.staleLeftOut,
    ineligible: ranking.ineligible.length,
    total: ranking.results.length,
    results: ranking.results.slice(0, limit).map((r) => presentResult(r, profile, comparison.currency, rules, comparison.planNames)),
  };
}
