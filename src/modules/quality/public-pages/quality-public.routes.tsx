import { Type } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { createQualityStatisticsServiceFor } from '../statistics/quality-statistics.wiring.ts';
import { sendPage } from '../../../platform/web/render.ts';
import type { AreaStatistic, QualityStatisticsService } from '../statistics/quality-aggregation.service.ts';
import { parseQualityQuery, type QualityFilters } from './quality-public-query.ts';
import { QUALITY_PUBLIC_PATHS } from './quality-public.paths.ts';
import { QualityMethodologyPage, QualityPage, type MethodologyFacts, type OperatorName, type QualityPageResult } from './quality-public.views.tsx';

/**
 * The most cells one page draws and lists. Each costs about 100 bytes of map and 210 of table
 * (measured in Arabic, the heaviest), so 180 keep the page near 80 KB with the layout, the region
 * borders and the other tables: under its 100 KB budget before compression.
 */
export const MAX_PAGE_CELLS = 180;

const filterField = Type.Optional(Type.String({ maxLength: 200 }));

/** The query of `/quality`: every filter an optional string, checked by the page so errors name the field. */
export const QualityPageQuery = Type.Object({
  operator: filterField,
  technology: filterField,
  metric: filterField,
  period: filterField,
  view: filterField,
  resolution: filterField,
  lang: Type.Optional(Type.String({ maxLength: 16 })),
});

/** The query of the methodology page: only the language switcher's `lang`. */
const MethodologyQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })) });

/** What the public pages read: the statistics, the operators' names and the validity limits stated in the methodology. */
export interface QualityPublicDeps {
  statistics: QualityStatisticsService;
  listOperators(): Promise<readonly OperatorName[]>;
  facts: MethodologyFacts;
}

/**
 * The published cells for the filters: at the resolution asked, or at the next coarser published
 * one while there are more than {@link MAX_PAGE_CELLS}; at the coarsest, the cells with the most tests.
 */
async function cellsFor(
  statistics: QualityStatisticsService,
  filters: QualityFilters,
): Promise<{ from: string; to: string; computedAt: string | null; rows: AreaStatistic[]; resolution: number; total: number }> {
  const resolutions = statistics.settings.resolutions.filter((r) => r <= filters.resolution).sort((a, b) => b - a);
  let last: Awaited<ReturnType<QualityStatisticsService['query']>> | null = null;
  let resolution = filters.resolution;
  for (const candidate of resolutions) {
    resolution = candidate;
    last = await statistics.query({
      level: 'cell',
      resolution,
      operatorId: filters.operatorId,
      technology: filters.technology,
      metric: filters.metric,
      periodDays: filters.periodDays,
    });
    if (last.rows.length <= MAX_PAGE_CELLS) break;
  }
  if (!last) return { from: '', to: '', computedAt: null, rows: [], resolution, total: 0 };
  const rows = last.rows.length <= MAX_PAGE_CELLS ? last.rows : [...last.rows].sort((a, b) => b.tests - a.tests).slice(0, MAX_PAGE_CELLS);
  return { ...last, rows, resolution, total: last.rows.length };
}

/** Registers `/quality` (figures, map, comparisons) and `/quality/methodology`. */
export function registerQualityPublicRoutes(app: App, deps: QualityPublicDeps): void {
  const { statistics } = deps;

  app.get(QUALITY_PUBLIC_PATHS.page, { schema: { querystring: QualityPageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const operators = await deps.listOperators();
    const settings = statistics.settings;
    const parsed = parseQualityQuery(
      request.query,
      settings,
      operators.map((o) => o.id),
      ctx.t,
    );
    const { filters } = parsed;
    if (!filters)
      return sendPage(
        reply,
        <QualityPage ctx={ctx} form={{ values: parsed.values, problems: parsed.problems }} settings={settings} operators={operators} result={null} />,
        422,
      );
    const byArea = { operatorId: filters.operatorId, technology: filters.technology, metric: filters.metric, periodDays: filters.periodDays };
    const [figures, regions, comparison, advertised] = await Promise.all([
      filters.view === 'cell'
        ? cellsFor(statistics, filters)
        : statistics.query({ level: 'region', ...byArea }).then((r) => ({ ...r, resolution: filters.resolution, total: r.rows.length })),
      statistics.regions(),
      statistics.compareOperators({ technology: filters.technology, metric: filters.metric, periodDays: filters.periodDays }),
      statistics.advertisedComparison({ periodDays: filters.periodDays }),
    ]);
    const result: QualityPageResult = {
      filters,
      from: figures.from,
      to: figures.to,
      computedAt: figures.computedAt,
      rows: figures.rows,
      resolution: figures.resolution,
      totalRows: figures.total,
      regions,
      comparison,
      advertised,
    };
    // The form shows what the figures are for, defaults included.
    const values = { ...parsed.values, metric: filters.metric, period: String(filters.periodDays), view: filters.view, resolution: String(filters.resolution) };
    return sendPage(reply, <QualityPage ctx={ctx} form={{ values, problems: [] }} settings={settings} operators={operators} result={result} />);
  });

  app.get(QUALITY_PUBLIC_PATHS.methodology, { schema: { querystring: MethodologyQuery } }, async (request, reply) =>
    sendPage(reply, <QualityMethodologyPage ctx={app.pageContext(request, reply)} settings={statistics.settings} facts={deps.facts} />),
  );
}

/** Registers the public quality pages over the platform's statistics and the operators of the offers module. */
export function registerQualityPublicRoutesFor(app: App, platform: Platform): void {
  registerQualityPublicRoutes(app, {
    statistics: createQualityStatisticsServiceFor(platform),
    listOperators: createOperatorDirectory(platform.db.kysely).list,
    facts: { maxLocationAccuracyM: platform.settings.quality.maxLocationAccuracyM },
  });
}
