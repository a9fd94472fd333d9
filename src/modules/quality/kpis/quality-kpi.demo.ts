import { csvFields } from '../../../platform/csv-writer.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createKpiRepository } from './quality-kpi.repository.ts';
import { createKpiServiceFor } from './quality-kpi.wiring.ts';
import { monthsBefore } from './quality-kpi.ts';
import { KPI_COLUMNS } from './quality-kpi-file.ts';
import type { KpiDefinition, KpiTechnology } from './quality-kpi.settings.ts';

/** Months of demo KPIs, ending with the last month that is over. */
const DEMO_MONTHS = 6;
/** Monthly call attempts of a mid-sized fictional operator in a mid-sized region. */
const BASE_TRAFFIC = 400_000;
/** Relative traffic of the demo regions (Kenya's former provinces); a region set of other codes weighs 1 each. */
const REGION_WEIGHTS: Readonly<Record<string, number>> = { NAI: 3.2, RVA: 2.4, CEN: 1.5, EAS: 1.4, NYA: 1.3, COA: 1.2, WES: 1.1, NEA: 0.25 };

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The technologies a demo operator reports a KPI for. */
function technologiesOf(kpi: KpiDefinition): KpiTechnology[] {
  if (kpi.technology) return [kpi.technology];
  return kpi.id.startsWith('data_') ? ['3G', '4G'] : ['all'];
}

/**
 * How far a demo figure misses its target (0: it meets it): operator 2 misses call set-up success
 * across the country in one month, operator 3 has too many dropped calls in the smallest region
 * every month (the national figure still meets the target) and misses handover success over the
 * last four months (and so over the period), operator 4 falls well short of data
 * session success on 3G in two regions for the last two months.
 */
function demoMiss(operator: number, kpi: string, technology: string, region: number, regions: number, month: number): number {
  if (operator === 1 && kpi === 'call_setup_success' && month === 2) return 1.1;
  if (operator === 2 && kpi === 'dropped_call' && region === regions - 1) return 1.2;
  if (operator === 2 && kpi === 'handover_success' && month >= 2) return 0.8;
  if (operator === 3 && kpi === 'data_session_success' && technology === '3G' && (region === 1 || region === 2) && month >= DEMO_MONTHS - 2) return 4;
  return 0;
}

/**
 * Imports fictional KPI counts once, through the same import as operators' files: for each demo
 * operator, the last six months that are over in every region, with a few targets missed.
 */
export async function seedKpiDemo(platform: Platform): Promise<void> {
  const repository = createKpiRepository(platform.db.kysely);
  if ((await repository.listReports({ limit: 1 })).length > 0) return;
  const service = createKpiServiceFor(platform);
  const operators = await service.listOperators();
  const weightOf = (code: string) => REGION_WEIGHTS[code] ?? 1;
  // Largest first, so the last is the smallest region, where the demo's regional miss sits.
  const regions = (await service.listRegions()).sort((a, b) => weightOf(b.id) - weightOf(a.id));
  if (operators.length === 0 || regions.length === 0) return;
  const random = seeded(20_261_201);
  const latest = service.latestMonth();
  const months = Array.from({ length: DEMO_MONTHS }, (_, i) => monthsBefore(latest, DEMO_MONTHS - 1 - i));
  for (const [o, operator] of operators.entries()) {
    const share = 0.6 + 0.25 * ((o * 3) % 4);
    const lines = [csvFields(KPI_COLUMNS)];
    for (const [m, month] of months.entries()) {
      for (const [r, region] of regions.entries()) {
        const weight = weightOf(region.id);
        for (const kpi of service.kpis) {
          for (const technology of technologiesOf(kpi)) {
            const denominator = Math.round(BASE_TRAFFIC * share * weight * (technology === '3G' ? 0.4 : 1) * (0.9 + random() * 0.2));
            const target = Number(kpi.target.percent);
            const isAtLeast = kpi.target.operator === '>=' || kpi.target.operator === '>';
            const miss = demoMiss(o, kpi.id, technology, r, regions.length, m);
            // A comfortable margin on the right side of the target, or a clear miss on the wrong side.
            const margin = miss > 0 ? -(miss * (0.8 + random() * 0.4)) : Math.min(target, 100 - target, 1) * (0.3 + random() * 0.6);
            const percent = isAtLeast ? target + margin : target - margin;
            const numerator = Math.min(denominator, Math.max(0, Math.round((denominator * percent) / 100)));
            lines.push(csvFields([operator.id, month, region.id, technology, kpi.id, numerator, denominator]));
          }
        }
      }
    }
    await service.importKpis({
      text: lines.join('\n'),
      format: 'csv',
      operatorId: operator.id,
      isSentByOperator: false,
      actor: { type: 'system', id: null },
      channel: 'demo',
    });
  }
}
