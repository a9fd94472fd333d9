import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { AppError, Invalid } from '../../../platform/http/errors.ts';
import { qualityMessage, qualityProblem } from '../imports/quality-messages.ts';
import { actorOf, requireToken, tokenOf } from '../../../platform/auth/index.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { monthsBefore } from './quality-kpi.ts';
import { createKpiServiceFor } from './quality-kpi.wiring.ts';
import { createOpenDataServiceFor } from '../open-data/quality-open-data.wiring.ts';
import { registerOpenDataRoutes } from '../open-data/quality-open-data.routes.ts';
import { kpiOperatorFor, KPI_UPLOAD_PERMISSION } from './quality-kpi.policy.ts';
import { presentKpiResults } from './quality-kpi.presenter.ts';
import { KpiFileBody, KpiImportReply, KpiPageQuery, KpiResultsQuery, KpiResultsReply, KpiUploadQuery } from './quality-kpi.schemas.ts';
import { MAX_KPI_MONTHS, type KpiService } from './quality-kpi.service.ts';
import { KPI_PATHS } from './quality-kpi.paths.ts';
import { KpiPage, type OpenDataView } from './quality-kpi.views.tsx';
import type { OpenDataService } from '../open-data/quality-open-data.service.ts';
import { ProblemReply } from '../imports/quality-import.schemas.ts';
import type { QualityUploadSettings } from '../imports/quality-upload.settings.ts';

const TAG = 'quality';
/** The KPI upload: a file as the request body, read as text by the scope it is registered in. */
function registerKpiUpload(app: App, kpis: KpiService, uploadLimitBytes: number): void {
  app.post(
    KPI_PATHS.upload,
    {
      bodyLimit: uploadLimitBytes,
      preHandler: requireToken(KPI_UPLOAD_PERMISSION),
      schema: {
        tags: [TAG],
        summary: `Upload an operator's network KPI counts (CSV or JSON, docs/formats/network-kpis.md; token permission ${KPI_UPLOAD_PERMISSION}): all or nothing, every wrong line and field reported; each month replaces the operator's current report of that month.`,
        security: [{ bearerToken: [] }],
        querystring: KpiUploadQuery,
        body: KpiFileBody,
        response: { 201: KpiImportReply, 403: ProblemReply, 409: ProblemReply, 422: ProblemReply },
      },
    },
    async (request, reply) => {
      const token = tokenOf(request);
      const operatorId = kpiOperatorFor(token, request.query.operator);
      const text = request.body;
      if (text.trim() === '')
        throw new Invalid([qualityProblem('file', undefined, 'quality.file.bodyEmpty')], 'KPI_FILE_EMPTY', qualityMessage('quality.file.noFile'));
      const format = String(request.headers['content-type'] ?? '').includes('json') ? 'json' : 'csv';
      const report = await kpis.importKpis({ text, format, operatorId, isSentByOperator: token.operatorId !== null, actor: actorOf(request), channel: 'api' });
      return reply.status(201).send(report);
    },
  );
}

/** Registers the KPI upload and the KPI results (API and page), which lists the monthly open data files. */
export function registerKpiRoutes(
  app: App,
  deps: { kpis: KpiService; openData: OpenDataService; uploads: Pick<QualityUploadSettings, 'maxKpiFileMegabytes'> },
): void {
  const { kpis, openData } = deps;
  const uploadLimitBytes = deps.uploads.maxKpiFileMegabytes * 1024 * 1024;

  // The upload reads its file as text in a scope of its own, whatever parsers the rest of the plugin sets.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(['application/json', 'text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: uploadLimitBytes }, (_request, body, done) =>
      done(null, body),
    );
    registerKpiUpload(scope, kpis, uploadLimitBytes);
  });

  const resultsOf = async (query: { operator?: string | undefined; kpi?: string | undefined; from?: string | undefined; to?: string | undefined }) => {
    const report = await kpis.results(query);
    return presentKpiResults(report, kpis.kpis, await kpis.listOperators(), await kpis.listRegions());
  };

  app.get(
    KPI_PATHS.results,
    {
      schema: {
        tags: [TAG],
        summary:
          'Network KPI results against the targets of the jurisdiction profile: for each operator, KPI and technology, the ratio recomputed from the summed counts, month by month, and the months and regions that miss the target.',
        querystring: KpiResultsQuery,
        response: { 200: KpiResultsReply, 400: ProblemReply, 422: ProblemReply },
      },
    },
    async (request) => resultsOf(request.query),
  );

  app.get(KPI_PATHS.page, { schema: { querystring: KpiPageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const latest = kpis.latestMonth();
    const months = Array.from({ length: MAX_KPI_MONTHS }, (_, i) => monthsBefore(latest, i));
    const choices = { operators: await kpis.listOperators(), kpis: kpis.kpis, months };
    const openDataView: OpenDataView = {
      licence: openData.licence,
      attribution: openData.attribution,
      timePrecision: openData.timePrecision,
      months: await openData.listMonths(),
    };
    const { lang: _lang, ...query } = request.query;
    try {
      const results = await resultsOf(query);
      const values = { operator: query.operator ?? '', kpi: query.kpi ?? '', from: results.from, to: results.to };
      return sendPage(reply, <KpiPage ctx={ctx} form={{ values, problems: [] }} choices={choices} results={results} openData={openDataView} />);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'KPI_QUERY_INVALID') throw error;
      // The page speaks the visitor's language; the API keeps the detailed English messages.
      const problems = error.problems.map((p) => ({ field: p.field, message: ctx.t(`quality.kpis.error.${p.field}`, { max: MAX_KPI_MONTHS }) }));
      const values = Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
      return sendPage(reply, <KpiPage ctx={ctx} form={{ values, problems }} choices={choices} results={null} openData={openDataView} />, 422);
    }
  });
}

/** Registers the KPI and open data routes with their services built over the platform. */
export function registerKpiRoutesFor(app: App, platform: Platform): void {
  const openData = createOpenDataServiceFor(platform);
  registerKpiRoutes(app, {
    kpis: createKpiServiceFor(platform),
    openData,
    uploads: platform.settings.quality.uploads,
  });
  registerOpenDataRoutes(app, openData);
}
