import { requireToken } from '../../../platform/auth/index.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { UPLOAD_LIMIT_BYTES, uploadedFile } from '../catalogue/offer.routes.tsx';
import { englishOf, InvalidRequest, sayProblems } from '../shared/offer-messages.ts';
import { ProblemResponse, SchemaResponse } from '../catalogue/offer.schemas.ts';
import { roamingFileJsonSchema } from './roaming-file-schema.ts';
import { presentRoamingEstimate, presentRoamingImport } from './roaming.presenter.ts';
import { parseRoamingQuery, ROAMING_FORM_DEFAULTS } from './roaming-query.ts';
import { RoamingEstimateQuery, RoamingEstimateResponse, RoamingImportBody, RoamingImportQuery, RoamingImportResponse } from './roaming.schemas.ts';
import type { RoamingService } from './roaming.service.ts';
import { RoamingPage } from './roaming.views.tsx';

/** The catalogue this capability speaks, beside its code. */
const MESSAGES = new URL('./locales/', import.meta.url);

const STAY_KEYS = ['destination', 'days', 'data_mb', 'voice_out_min', 'voice_in_min', 'sms', 'limit'] as const;

/**
 * Registers the roaming API and the travel estimator page. Call it inside the offers plugin,
 * after {@link registerOfferRoutes}, whose body parsers read uploads as text.
 */
export function registerRoamingRoutes(app: App, service: RoamingService, platform: Platform): void {
  app.post(
    '/api/v1/offers/roaming/imports',
    {
      bodyLimit: UPLOAD_LIMIT_BYTES,
      preHandler: requireToken('offers:write'),
      schema: {
        tags: ['offers'],
        summary: 'Upload a roaming rate file (CSV or JSON); all or nothing, every wrong line reported.',
        security: [{ bearerToken: [] }],
        querystring: RoamingImportQuery,
        body: RoamingImportBody,
        response: { 201: RoamingImportResponse, 422: ProblemResponse },
      },
    },
    async (request, reply) => {
      const report = await service.importRates(uploadedFile(request, 'roaming', 'ROAMING_FILE_EMPTY'));
      return reply.status(201).send(presentRoamingImport(report));
    },
  );

  app.get(
    '/api/v1/offers/roaming/estimate',
    {
      schema: {
        tags: ['offers'],
        summary:
          'The cost of a stay abroad for every current plan with a roaming rate for the destination (neutral: total cost, then plan id), with bill-shock points.',
        querystring: RoamingEstimateQuery,
        response: { 200: RoamingEstimateResponse, 422: ProblemResponse },
      },
    },
    async (request) => {
      const parsed = parseRoamingQuery(request.query, service.settings, service.homeCountry);
      if (!parsed.request) throw new InvalidRequest(parsed.problems, 'ROAMING_QUERY_INVALID', englishOf(MESSAGES, 'offers.roaming.error.invalid'));
      const estimate = await service.estimate(parsed.request.destination, parsed.request.usage, parsed.request.limit);
      return presentRoamingEstimate(estimate, service.minorUnits, parsed.request.limit === null);
    },
  );

  app.get(
    '/api/v1/formats/roaming.schema.json',
    {
      schema: {
        tags: ['offers'],
        summary: "The JSON Schema of the roaming rate file (JSON form), with this jurisdiction's zones.",
        response: { 200: SchemaResponse },
      },
    },
    async (_request, reply) => {
      reply.header('content-type', 'application/schema+json; charset=utf-8');
      return roamingFileJsonSchema(platform.config.publicUrl, service.settings.zones);
    },
  );

  app.get('/offers/roaming', { schema: { querystring: RoamingEstimateQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const page = (
      form: { values: Record<string, string>; problems: { field: string; message: string }[] },
      estimate: Parameters<typeof RoamingPage>[0]['estimate'],
      status = 200,
    ) =>
      sendPage(
        reply,
        <RoamingPage
          ctx={ctx}
          form={form}
          zones={service.settings.zones}
          homeCountry={service.homeCountry}
          defaultLimit={service.settings.defaultLimit}
          alertShare={service.settings.alertShare}
          estimate={estimate}
        />,
        status,
      );
    // A first visit shows the form with a typical week's use, and no results until a destination is chosen.
    if (!STAY_KEYS.some((key) => (request.query[key] ?? '') !== '')) return page({ values: { ...ROAMING_FORM_DEFAULTS }, problems: [] }, null);
    const parsed = parseRoamingQuery(request.query, service.settings, service.homeCountry);
    if (!parsed.request) return page({ values: parsed.values, problems: sayProblems(ctx.t, parsed.problems) }, null, 422);
    const estimate = await service.estimate(parsed.request.destination, parsed.request.usage, parsed.request.limit);
    return page({ values: parsed.values, problems: [] }, presentRoamingEstimate(estimate, service.minorUnits, parsed.request.limit === null));
  });
}
