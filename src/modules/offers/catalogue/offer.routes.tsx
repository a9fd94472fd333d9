import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requireToken, tokenOf, actorOf } from '../../../platform/auth/index.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { EMPTY_FORM, type FormState } from '../../../platform/web/components.tsx';
import { offerFileJsonSchema } from './offer-file-schema.ts';
import { importOperatorFor } from './offer.policy.ts';
import { presentComparison, presentImport } from './offer.presenter.ts';
import { CompareQuery, CompareResponse, ImportBody, ImportQuery, ImportResponse, PageQuery, PlanPageQuery, PlanParams, ProblemResponse, SchemaResponse } from './offer.schemas.ts';
import type { OfferService } from './offer.service.ts';
import { ComparePage, OfferLabelPage } from './offer.views.tsx';
import { allBaskets, parseUsageQuery } from '../comparison/usage-query.ts';
import { englishOf, InvalidRequest, keyedProblem, sayProblems, SHARED_MESSAGES } from '../shared/offer-messages.ts';
import { dateFieldsFromIso, dateFieldsOf, dateFormValues, isoDateAsked, isoDateOf } from '../shared/date-fields.ts';
import { offerJsonLd } from './offer-json-ld.ts';
import { OfferPortalSection } from '../subscriptions/offer-subscription.views.tsx';
import { SOCIAL_TARIFFS_PATH, SocialTariffsPage } from '../social-tariffs/social-tariffs.views.tsx';
import type { FileImportRequest } from './versioned-import.ts';

/** The catalogue this capability speaks, beside its code. */
const MESSAGES = new URL('./locales/', import.meta.url);

/** The largest offer or roaming file one upload may carry: about 40,000 offers. */
export const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;
const PROFILE_KEYS = ['type', 'preset', 'data_gb', 'voice_min', 'sms', 'min_speed', 'months'] as const;

// Comparisons are cached until offers change; so is their JSON text.
const serialized = new WeakMap<object, string>();

/** Registers the offers API and pages. */
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
    '/api/v1/offers/compare',
    {
      schema: {
        tags: ['offers'],
        summary: 'Rank every current offer by its true cost for a usage profile (neutral: total cost, then plan id).',
        querystring: CompareQuery,
        // The answer is sent as the JSON text this schema serialised once (see below).
        response: { 200: Type.Unsafe<Static<typeof CompareResponse> | string>(CompareResponse) },
      },
    },
    async (request, reply) => {
      const parsed = parseUsageQuery(request.query, service.settings);
      if (!parsed.profile) throw new InvalidRequest(parsed.problems, 'COMPARE_QUERY_INVALID', englishOf(MESSAGES, 'offers.compare.error.invalid'));
      const comparison = await service.compare(parsed.profile, parsed.isStaleIncluded, parsed.filter);
      const body = presentComparison(comparison, parsed.profile, parsed.limit, service.rules);
      // The route's own serializer (its response schema) runs once per cached answer, not per request.
      let json = serialized.get(body);
      if (json === undefined) {
        const text = reply.serialize(body);
        json = typeof text === 'string' ? text : Buffer.from(text instanceof ArrayBuffer ? new Uint8Array(text) : text).toString('utf8');
        serialized.set(body, json);
      }
      return reply.type('application/json; charset=utf-8').send(json);
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

  app.get('/offers', async (_request, reply) => reply.redirect('/offers/compare', 302));

  app.get('/offers/compare', { schema: { querystring: CompareQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const hasProfile = PROFILE_KEYS.some((key) => (request.query[key] ?? '') !== '');
    // A first visit starts from the medium preset, so the page shows a ranking before anything is typed.
    const query = hasProfile ? request.query : { ...request.query, preset: service.settings.presets[1]?.id ?? '' };
    const parsed = parseUsageQuery(query, service.settings);
    const baskets = allBaskets(service.settings);
    if (!parsed.profile) {
      // The form has no limit field: only the API takes one.
      const problems = sayProblems(ctx.t, parsed.problems.filter((p) => p.field !== 'limit'));
      return sendPage(reply, <ComparePage ctx={ctx} form={{ values: parsed.values, problems }} baskets={baskets} criteria={service.settings.socialTariffs.eligibility} comparison={null} />, 422);
    }
    const comparison = await service.compare(parsed.profile, parsed.isStaleIncluded, parsed.filter);
    const presented = presentComparison(comparison, parsed.profile, parsed.limit, service.rules);
    return sendPage(reply, <ComparePage ctx={ctx} form={{ ...EMPTY_FORM, values: parsed.values }} baskets={baskets} criteria={service.settings.socialTariffs.eligibility} comparison={presented} />);
  });

  app.get(SOCIAL_TARIFFS_PATH, { schema: { querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { onDate, tariffs } = await service.socialTariffs();
    return sendPage(reply, <SocialTariffsPage ctx={ctx} onDate={onDate} tariffs={tariffs} criteria={service.settings.socialTariffs.eligibility} freshnessDays={service.settings.freshnessDays} />);
  });

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
        versions={found.versions.map((v) => ({ version: v.version, effectiveFrom: v.effective_from, effectiveTo: v.effective_to, publishedAt: v.published_at }))}
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
export function uploadedFile(request: FastifyRequest<{ Querystring: { operator?: string }; Body: string }>, fileName: 'offer' | 'roaming', emptyCode: string): FileImportRequest {
  const token = tokenOf(request);
  const operatorId = importOperatorFor(token, request.query.operator);
  const text = request.body;
  if (text.trim() === '') {
    throw new InvalidRequest([keyedProblem(MESSAGES, 'file', 'offers.import.body.empty', { file: fileName })], emptyCode, englishOf(MESSAGES, 'offers.import.body.emptyDetail'));
  }
  return {
    text,
    format: String(request.headers['content-type'] ?? '').includes('json') ? 'json' : 'csv',
    source: 'api',
    actor: actorOf(request),
    ...(operatorId ? { operatorId, isOperatorBound: token.operatorId !== null } : {}),
  };
}
