import type { FastifyRequest } from 'fastify';
import { requireToken, tokenOf, actorOf } from '../../../platform/auth/index.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { sendPage } from '../../../platform/web/render.ts';
import type { FormState } from '../../../platform/web/components.tsx';
import { offerFileJsonSchema } from './offer-file-schema.ts';
import { importOperatorFor } from './offer.policy.ts';
import { presentImport } from './offer.presenter.ts';
import { ImportBody, ImportQuery, ImportResponse, PlanPageQuery, PlanParams, ProblemResponse, SchemaResponse } from './offer.schemas.ts';
import type { OfferService } from './offer.service.ts';
import { OfferLabelPage } from './offer.views.tsx';
import { englishOf, InvalidRequest, keyedProblem, sayProblems, SHARED_MESSAGES } from '../shared/offer-messages.ts';
import { dateFieldsFromIso, dateFieldsOf, dateFormValues, isoDateAsked, isoDateOf } from '../shared/date-fields.ts';
import { offerJsonLd } from './offer-json-ld.ts';
import { OfferPortalSection } from '../subscriptions/offer-subscription.views.tsx';
import type { FileImportRequest } from './versioned-import.ts';

/** The catalogue this capability speaks, beside its code. */
const MESSAGES = new URL('./locales/', import.meta.url);

/** The largest offer or roaming file one upload may carry: about 40,000 offers. */
export const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/** Registers the offer file's import API and JSON Schema, and the page of an offer. */
export function registerOfferRoutes(app: App, service: OfferService, platform: Platform): void {
  // Uploads are read as text, so that CSV and JSON go through one validator that reports lines.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: UPLOAD_LIMIT_BYTES }, (_request, body, done) => {
    done(null, body);
  });

  app.post(
    '/api/v1/offers/imports',
    {
      bodyLimit: UPLOAD_LIMIT_BYTES,
      preHandler: requireToken('offers:write'),
      schema: {
        tags: ['offers'],
        summary: 'Upload a national offer file (CSV or JSON); all or nothing, every wrong line reported.',
        security: [{ bearerToken: [] }],
        querystring: ImportQuery,
        body: ImportBody,
        response: { 201: ImportResponse, 422: ProblemResponse },
      },
    },
    async (request, reply) => {
      const upload = uploadedFile(request, 'offer', 'OFFER_FILE_EMPTY');
      const report = await service.importOffers({ ...upload, isLenient: request.query.lenient === 'true' || request.query.lenient === '1' });
      return reply.status(201).send(presentImport(report));
    },
  );

  app.get(
    '/api/v1/formats/offers.schema.json',
    { schema: { tags: ['offers'], summary: 'The JSON Schema of the national offer file (JSON form).', response: { 200: SchemaResponse } } },
    async (_request, reply) => {
      reply.header('content-type', 'application/schema+json; charset=utf-8');
      return offerFileJsonSchema(platform.config.publicUrl, service.settings.socialTariffs.eligibility);
    },
  );

  app.get('/offers/:planId', { schema: { params: PlanParams, querystring: PlanPageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    // The form asks day, month and year; links (the list of versions, the e-mails) give YYYY-MM-DD.
    const fields = dateFieldsOf(request.query, 'on');
    const on = fields ? isoDateOf(fields) : isoDateAsked(request.query.on);
    // A day that does not exist is said on the form, over the offer as it is today.
    const isDateWrong = fields !== undefined && on === undefined;
    const found = await service.offerOn(request.params.planId, on);
    const { current } = found;
    const onDate = on ?? service.today();
    const dateForm: FormState = isDateWrong
      ? { values: dateFormValues('on', fields), problems: sayProblems(ctx.t, [keyedProblem(SHARED_MESSAGES, 'on', 'offers.label.error.date')]) }
      : { values: dateFormValues('on', dateFieldsFromIso(onDate)), problems: [] };
    const page = (
      <OfferLabelPage
        ctx={ctx}
        record={current.parsed}
        version={current.version}
        lastUpdated={current.last_confirmed_at}
        isStale={found.isStale}
        onDate={onDate}
        dateForm={dateForm}
        versions={found.versions.map((v) => ({
          version: v.version,
          effectiveFrom: v.effective_from,
          effectiveTo: v.effective_to,
          publishedAt: v.published_at,
        }))}
        jsonLd={offerJsonLd(current.parsed, `${platform.config.publicUrl}/offers/${encodeURIComponent(current.plan_id)}`)}
        extra={<OfferPortalSection ctx={ctx} planId={current.plan_id} onDate={onDate} />}
      />
    );
    return sendPage(reply, page, isDateWrong ? 422 : 200);
  });
}

/**
 * The file an upload route received, as an import request: for the operator its token may import
 * for (see {@link importOperatorFor}), bound to it when the token was issued for an operator, JSON
 * when sent as JSON and CSV otherwise. An empty body is refused.
 */
export function uploadedFile(
  request: FastifyRequest<{ Querystring: { operator?: string }; Body: string }>,
  fileName: 'offer' | 'roaming',
  emptyCode: string,
): FileImportRequest {
  const token = tokenOf(request);
  const operatorId = importOperatorFor(token, request.query.operator);
  const text = request.body;
  if (text.trim() === '') {
    throw new InvalidRequest(
      [keyedProblem(MESSAGES, 'file', 'offers.import.body.empty', { file: fileName })],
      emptyCode,
      englishOf(MESSAGES, 'offers.import.body.emptyDetail'),
    );
  }
  return {
    text,
    format: String(request.headers['content-type'] ?? '').includes('json') ? 'json' : 'csv',
    source: 'api',
    actor: actorOf(request),
    ...(operatorId ? { operatorId, isOperatorBound: token.operatorId !== null } : {}),
  };
}
