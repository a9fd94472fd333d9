import type { FieldProblem } from '../../../platform/http/errors.ts';
import type { App } from '../../../platform/module.ts';
import { EMPTY_FORM } from '../../../platform/web/components.tsx';
import { sendPage } from '../../../platform/web/render.ts';
import { ProblemResponse } from '../catalogue/offer.schemas.ts';
import { dateFieldsFromIso, dateFieldsOf, dateFormValues, isCalendarDate, isoDateOf } from '../shared/date-fields.ts';
import { InvalidRequest, keyedProblem, sayProblems } from '../shared/offer-messages.ts';
import { presentAffordability } from './affordability.presenter.ts';
import { AffordabilityPageQuery, AffordabilityQuery, AffordabilityResponse, type AffordabilityBody } from './affordability.schemas.ts';
import type { AffordabilityReport, AffordabilityService } from './affordability.service.ts';
import { AffordabilityPage } from './affordability.views.tsx';

/** The catalogue this capability speaks, beside its code. */
const MESSAGES = new URL('./locales/', import.meta.url);

/** Registers the affordability page and API. */
export function registerAffordabilityRoutes(app: App, service: AffordabilityService): void {
  // A measure is the same object until offers change, and it belongs to one date: its presentation is kept with it.
  const presentations = new WeakMap<AffordabilityReport['baskets'], AffordabilityBody>();
  const presented = (report: AffordabilityReport): AffordabilityBody => {
    let body = presentations.get(report.baskets);
    if (!body) {
      body = presentAffordability(report);
      presentations.set(report.baskets, body);
    }
    return body;
  };

  app.get(
    '/api/v1/affordability',
    {
      schema: {
        tags: ['offers'],
        summary:
          'Affordability of the price baskets: the cheapest eligible offer of the market and of each operator, in local currency, USD, PPP dollars and share of monthly GNI per capita, judged against each target.',
        querystring: AffordabilityQuery,
        response: { 200: AffordabilityResponse, 422: ProblemResponse },
      },
    },
    async (request) => presented(await service.affordability(request.query.asOf)),
  );

  app.get('/affordability', { schema: { querystring: AffordabilityPageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    // The form asks day, month and year; a link may give the API's YYYY-MM-DD instead.
    const fields = dateFieldsOf(request.query, 'asOf');
    const linked = request.query.asOf?.trim() ?? '';
    const asOf = fields ? isoDateOf(fields) : linked === '' || isCalendarDate(linked) ? linked : undefined;
    const refused = (problems: readonly FieldProblem[]) =>
      sendPage(
        reply,
        <AffordabilityPage
          ctx={ctx}
          form={{ values: dateFormValues('asOf', fields ?? dateFieldsFromIso(linked)), problems: sayProblems(ctx.t, problems) }}
          report={null}
          isToday={false}
        />,
        422,
      );
    if (asOf === undefined) return refused([keyedProblem(MESSAGES, 'asOf', 'offers.affordability.error.date')]);
    try {
      const report = await service.affordability(asOf);
      return sendPage(
        reply,
        <AffordabilityPage
          ctx={ctx}
          form={{ ...EMPTY_FORM, values: dateFormValues('asOf', dateFieldsFromIso(report.onDate)) }}
          report={presented(report)}
          isToday={report.isToday}
        />,
      );
    } catch (error) {
      if (!(error instanceof InvalidRequest)) throw error;
      return refused(error.keyedProblems);
    }
  });
}
