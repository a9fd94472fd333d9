import { Type, type Static } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import { EMPTY_FORM } from '../../../platform/web/components.tsx';
import { sendPage } from '../../../platform/web/render.ts';
import type { OfferService } from '../catalogue/offer.service.ts';
import { englishOf, InvalidRequest, sayProblems } from '../shared/offer-messages.ts';
import { presentComparison } from './comparison.presenter.ts';
import { CompareQuery, CompareResponse } from './comparison.schemas.ts';
import { ComparePage } from './comparison.views.tsx';
import { allBaskets, parseUsageQuery } from './usage-query.ts';

/** The catalogue this capability speaks, beside its code. */
const MESSAGES = new URL('./locales/', import.meta.url);

const PROFILE_KEYS = ['type', 'preset', 'data_gb', 'voice_min', 'sms', 'min_speed', 'months'] as const;

// Comparisons are cached until offers change; so is their JSON text.
const serialized = new WeakMap<object, string>();

/** Registers the comparison API and page. */
export function registerComparisonRoutes(app: App, service: OfferService): void {
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
      const problems = sayProblems(
        ctx.t,
        parsed.problems.filter((p) => p.field !== 'limit'),
      );
      return sendPage(
        reply,
        <ComparePage
          ctx={ctx}
          form={{ values: parsed.values, problems }}
          baskets={baskets}
          criteria={service.settings.socialTariffs.eligibility}
          comparison={null}
        />,
        422,
      );
    }
    const comparison = await service.compare(parsed.profile, parsed.isStaleIncluded, parsed.filter);
    const presented = presentComparison(comparison, parsed.profile, parsed.limit, service.rules);
    return sendPage(
      reply,
      <ComparePage
        ctx={ctx}
        form={{ ...EMPTY_FORM, values: parsed.values }}
        baskets={baskets}
        criteria={service.settings.socialTariffs.eligibility}
        comparison={presented}
      />,
    );
  });
}
