import type { Static } from '@sinclair/typebox';
import { Decimal } from 'decimal.js';
import type { SpendPoint } from './roaming-cost.ts';
import type { RoamingEstimateResponse, RoamingImportResponse } from './roaming.schemas.ts';
import type { RoamingEstimate, RoamingImportReport } from './roaming.service.ts';

/** The ranking rule, as the API states it. */
export const ROAMING_RANKING_RULE = 'Ascending total cost of the stay, ties broken by plan id; no commercial flag can move a plan.';

/** Shapes an accepted roaming import. */
export function presentRoamingImport(report: RoamingImportReport): Static<typeof RoamingImportResponse> {
  return { importId: report.importId, rows: report.rows, newRates: report.newRates, newVersions: report.newVersions, confirmed: report.confirmed };
}

function presentPoint(point: SpendPoint | null, minorUnits: number) {
  if (!point) return null;
  return {
    day: point.day,
    dataMb: point.dataMb.toFixed(1),
    voiceMinutes: point.voiceMinutes.toFixed(0),
    sms: point.sms.toFixed(0),
    spent: point.spent.toFixed(minorUnits),
  };
}

/** Shapes a travel estimate: amounts as decimal strings rounded to the currency's minor unit. */
export function presentRoamingEstimate(estimate: RoamingEstimate, minorUnits: number, isDefaultLimit: boolean): Static<typeof RoamingEstimateResponse> {
  const { destination, usage } = estimate;
  const cheapest = estimate.results[0]?.total;
  const money = (amount: Decimal) => amount.toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_UP).toFixed(minorUnits);
  return {
    onDate: estimate.onDate,
    currency: estimate.currency,
    ranking: ROAMING_RANKING_RULE,
    destination: {
      kind: destination.kind,
      id: destination.kind === 'country' ? destination.code : destination.kind === 'zone' ? destination.zone.id : 'world',
    },
    usage: { days: usage.days, dataMb: usage.dataMb, voiceOutMinutes: usage.voiceOutMinutes, voiceInMinutes: usage.voiceInMinutes, sms: usage.sms },
    limit: {
      amount: estimate.limit,
      alertShare: estimate.alertShare,
      alertAt: money(new Decimal(estimate.limit).times(estimate.alertShare)),
      isDefault: isDefaultLimit,
    },
    ineligible: estimate.ineligible,
    stale: estimate.stale,
    freshnessDays: estimate.freshnessDays,
    notice: { operatorsWithoutRates: estimate.operatorsWithoutRates },
    results: estimate.results.map((r, index) => ({
      rank: index + 1,
      isCheapest: cheapest !== undefined && r.total.eq(cheapest),
      planId: r.planId,
      planName: r.planName,
      operatorId: r.operatorId,
      operatorName: r.operatorName,
      rateDestination: r.rateDestination,
      totalCost: r.total.toFixed(minorUnits),
      currency: estimate.currency,
      bundles: r.bundles,
      lastUpdated: r.lastUpdated,
      breakdown: r.lines.map((line) => ({
        kind: line.kind,
        quantity: line.quantity.toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toString(),
        amount: money(line.amount),
      })),
      billShock: r.billShock ? { alert: presentPoint(r.billShock.alert, minorUnits), cutOff: presentPoint(r.billShock.cutOff, minorUnits) } : null,
    })),
  };
}
