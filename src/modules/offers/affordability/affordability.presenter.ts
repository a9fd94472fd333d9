import { Decimal } from 'decimal.js';
import type { Static } from '@sinclair/typebox';
import type { PricedOffer } from './affordability.ts';
import type { AffordabilityBody, PricedOfferSchema } from './affordability.schemas.ts';
import type { AffordabilityReport } from './affordability.service.ts';

/** The method in one paragraph, word for word in the API; the page explains it in each language. */
export const AFFORDABILITY_METHOD =
  "For each basket, every current offer (not promotional, not stale, not a social tariff unless the profile includes them) is costed by the true-cost engine for one month of 30 days with the jurisdiction's prepaid rule; the cheapest of the market and of each operator is converted with the profile's exchange rate, PPP factor and GNI per capita, in exact decimal arithmetic rounded once for display. Targets are judged on the exact share.";

const round = (value: Decimal | null, places: number) => (value === null ? null : value.toFixed(places, Decimal.ROUND_HALF_UP));

function presentPriced(priced: PricedOffer, currency: string, minorUnits: number): Static<typeof PricedOfferSchema> {
  const { record } = priced.offer;
  return {
    planId: record.planId,
    planName: record.servicePlanName,
    operatorId: record.operatorId,
    operatorName: priced.offer.operatorName,
    price: { amount: priced.local.toFixed(minorUnits, Decimal.ROUND_HALF_UP), currency },
    usd: round(priced.usd, 2),
    ppp: round(priced.ppp, 2),
    shareOfMonthlyGniPercent: round(priced.sharePercent, 2),
    targets: priced.targets.map((t) => ({ id: t.target.id, isMet: t.isMet })),
  };
}

/** The affordability measure as the API returns it and the page shows it: every amount a decimal string, rounded here only. */
export function presentAffordability(report: AffordabilityReport): AffordabilityBody {
  const { currency, rules, settings } = report;
  const priced = (p: PricedOffer | null) => (p === null ? null : presentPriced(p, currency, rules.minorUnits));
  return {
    onDate: report.onDate,
    currency,
    months: 1,
    prepaidRule: rules.prepaidRule,
    method: AFFORDABILITY_METHOD,
    conversions: { exchangeRate: settings.exchangeRate, pppFactor: settings.pppFactor, gniPerCapita: settings.gniPerCapita },
    baskets: report.baskets.map((b) => ({
      id: b.basket.id,
      name: b.basket.name,
      serviceType: b.basket.profile.serviceType,
      dataGb: b.basket.profile.dataGb,
      voiceMinutes: b.basket.profile.voiceMinutes,
      sms: b.basket.profile.sms,
      minDownloadMbps: b.basket.profile.minDownloadMbps,
      targets: b.targets.map((t) => ({ ...t })),
      cheapest: priced(b.cheapest),
      operators: b.operators.map((o) => ({ operatorId: o.operatorId, operatorName: o.operatorName, offer: priced(o.priced), note: o.note })),
      excluded: b.excluded,
    })),
  };
}
