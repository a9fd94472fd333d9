import type { KpiResultsReport, NamedChoice } from './quality-kpi.service.ts';
import type { KpiDefinition } from './quality-kpi.settings.ts';
import type { KpiResultsReply } from './quality-kpi.schemas.ts';

/** Shapes KPI results for the API and the page: the definitions, the regions and each result with its operator's name. */
export function presentKpiResults(
  report: KpiResultsReport,
  kpis: readonly KpiDefinition[],
  operators: readonly NamedChoice[],
  regions: readonly NamedChoice[],
): KpiResultsReply {
  const operatorName = new Map(operators.map((o) => [o.id, o.name]));
  return {
    from: report.fromMonth,
    to: report.toMonth,
    kpis: kpis.map((k) => ({
      id: k.id,
      name: k.name,
      numerator: k.numerator,
      denominator: k.denominator,
      target: { operator: k.target.operator, percent: k.target.percent },
      technology: k.technology,
    })),
    regions: regions.map((r) => ({ code: r.id, name: r.name })),
    results: report.results.map((r) => ({
      operatorId: r.operatorId,
      operatorName: operatorName.get(r.operatorId) ?? r.operatorId,
      kpi: r.kpiId,
      technology: r.technology,
      numerator: r.numerator,
      denominator: r.denominator,
      percent: r.percent,
      meetsTarget: r.meetsTarget,
      missedMonths: r.missedMonths,
      missedRegions: r.missedRegions.map((m) => ({ region: m.region, percent: m.percent })),
      months: r.months.map((m) => ({
        month: m.month,
        numerator: m.numerator,
        denominator: m.denominator,
        percent: m.percent,
        meetsTarget: m.meetsTarget,
        regionsMissing: m.regionsMissing.map((x) => ({ region: x.region, percent: x.percent })),
      })),
    })),
  };
}
