import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { requireUser, staffOf } from '../../../platform/auth/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { EMPTY_FORM, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';
import { CALENDAR_CONTENT_TYPE } from './icalendar.ts';
import type { EventInput, WorkshopIssue, WorkshopOutcome } from './workshop.service.ts';
import {
  AttendanceBody,
  ButtonBody,
  EventBody,
  FeedbackBody,
  FeedQuery,
  IdParams,
  ListQuery,
  PageQuery,
  RegisterBody,
  TokenParams,
} from './workshop.schemas.ts';
import {
  OwnRegistrationPage,
  RegisteredPage,
  StaffEventPage,
  StaffFeedbackPage,
  StaffListPage,
  StaffRegistrationsPage,
  WorkshopEventPage,
  WorkshopListPage,
  type Refusal,
  type WorkshopPageSettings,
} from './workshop.views.tsx';
import { WORKSHOP_PATHS, workshopPath } from './workshop.paths.ts';
import { WORKSHOP_STAFF_ROLES, createWorkshopServiceFor } from './workshop.wiring.ts';

function formOf(ctx: PageContext, values: Record<string, string>, issues: readonly WorkshopIssue[]): FormState {
  return { values, problems: issues.map((i) => ({ field: i.field, message: ctx.t(i.key) })) };
}

function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

type EventBodyValues = Omit<typeof EventBody.static, '_csrf' | 'arrangements'>;

function eventInputOf(body: typeof EventBody.static): { input: EventInput; values: Record<string, string> } {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string' && key !== '_csrf' && key !== 'arrangements') values[key] = value;
  const v = (key: keyof EventBodyValues) => body[key] ?? '';
  const texts: EventInput['texts'] = {};
  for (const language of SUPPORTED_LANGUAGES) {
    texts[language] = { title: v(`title_${language}`), description: v(`description_${language}`) };
  }
  return {
    values,
    input: {
      texts,
      heldLanguage: v('heldLanguage'),
      topic: v('topic'),
      audience: v('audience'),
      placeKind: v('placeKind'),
      region: v('region'),
      address: v('address'),
      onlineLink: v('onlineLink'),
      date: v('date'),
      startTime: v('startTime'),
      endTime: v('endTime'),
      capacity: v('capacity'),
      arrangements: listOf(body.arrangements),
    },
  };
}

function valuesOfInput(input: EventInput): Record<string, string> {
  const values: Record<string, string> = {
    heldLanguage: input.heldLanguage,
    topic: input.topic,
    audience: input.audience,
    placeKind: input.placeKind,
    region: input.region,
    address: input.address,
    onlineLink: input.onlineLink,
    date: input.date,
    startTime: input.startTime,
    endTime: input.endTime,
    capacity: input.capacity,
  };
  for (const [language, text] of Object.entries(input.texts)) {
    values[`title_${language}`] = text.title;
    values[`description_${language}`] = text.description;
  }
  return values;
}

/** Registers the public pages, the feed and the staff pages of workshops. */
export function registerWorkshopRoutes(app: App, platform: Platform): void {
  const service = createWorkshopServiceFor(platform);
  const page: WorkshopPageSettings = { settings: platform.settings.learn.workshops, siteUrl: platform.config.publicUrl };
  const staff = { preHandler: requireUser(...WORKSHOP_STAFF_ROLES) };
  const registerLimit = { max: platform.settings.learn.workshops.registrationsPerHour, timeWindow: 3_600_000 };
  // The token pages are limited too, so that no one tries tokens by the thousand.
  const tokenLimit = { max: 60, timeWindow: 60_000 };
  const staffOfRequest = (request: FastifyRequest) => ({ userId: staffOf(request).userId });

  app.get(WORKSHOP_PATHS.list, { schema: { querystring: ListQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { region, topic, language, arrangement } = request.query;
    const filters = { region, topic, language, arrangement };
    const [upcoming, past] = await Promise.all([service.list(filters, ctx.language, false), service.list(filters, ctx.language, true, 20)]);
    return sendPage(reply, <WorkshopListPage ctx={ctx} model={{ upcoming, past, filters }} page={page} />);
  });

  app.get(WORKSHOP_PATHS.feed, { schema: { querystring: FeedQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { region, topic } = request.query;
    const query = new URLSearchParams();
    if (region) query.set('region', region);
    if (topic) query.set('topic', topic);
    const url = new URL(`${WORKSHOP_PATHS.feed}${query.size > 0 ? `?${query.toString()}` : ''}`, platform.config.publicUrl).href;
    const text = await service.feed(
      { region, topic },
      ctx.language,
      ctx.t('learn.workshops.feeds.calendarName', { authority: ctx.jurisdiction.authority.shortName }),
      url,
    );
    return reply
      .header('content-type', CALENDAR_CONTENT_TYPE)
      .header('cache-control', `public, max-age=${platform.settings.learn.workshops.feedCacheSeconds}`)
      .header('content-disposition', 'inline; filename="workshops.ics"')
      .send(text);
  });

  async function eventPage(request: FastifyRequest, reply: FastifyReply, id: string, form: FormState, refusal: Refusal | null, status: number) {
    const ctx = app.pageContext(request, reply);
    const event = await service.event(id, ctx.language);
    if (!event) throw new NotFound();
    return sendPage(reply, <WorkshopEventPage ctx={ctx} event={event} page={page} form={form} refusal={refusal} />, status);
  }

  app.get(WORKSHOP_PATHS.event, { schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) =>
    eventPage(request, reply, request.params.id, EMPTY_FORM, null, 200),
  );

  app.post(WORKSHOP_PATHS.register, { schema: { params: IdParams, body: RegisterBody }, config: { rateLimit: registerLimit } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const body = request.body;
    const input = { name: body.name ?? '', contact: body.contact ?? '', needs: body.needs ?? '', consent: body.consent ?? '' };
    const outcome = await service.register(request.params.id, input, ctx.language);
    if (outcome.ok) {
      const event = await service.event(request.params.id, ctx.language);
      if (!event) throw new NotFound();
      return sendPage(reply, <RegisteredPage ctx={ctx} event={event} status={outcome.status} />);
    }
    if (outcome.problem === 'notFound') throw new NotFound();
    const kept = { name: input.name.slice(0, 200), contact: input.contact.slice(0, 254), needs: input.needs.slice(0, 1000), consent: input.consent };
    if (outcome.problem === 'invalid') return eventPage(request, reply, request.params.id, formOf(ctx, kept, outcome.issues), null, 422);
    const refusal: Refusal = outcome.problem === 'cancelled' || outcome.problem === 'full' || outcome.problem === 'already' ? outcome.problem : 'closed';
    return eventPage(request, reply, request.params.id, { values: kept, problems: [] }, refusal, 409);
  });

  async function ownPage(request: FastifyRequest, reply: FastifyReply, token: string, form: FormState, message: string | null, status = 200) {
    const ctx = app.pageContext(request, reply);
    const view = await service.ownRegistration(token, ctx.language);
    if (!view) throw new NotFound();
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(reply, <OwnRegistrationPage ctx={ctx} token={token} view={view} form={form} message={message} />, status);
  }

  app.get(WORKSHOP_PATHS.registration, { schema: { params: TokenParams, querystring: PageQuery }, config: { rateLimit: tokenLimit } }, async (request, reply) =>
    ownPage(request, reply, request.params.token, EMPTY_FORM, null),
  );

  app.post(WORKSHOP_PATHS.cancel, { schema: { params: TokenParams, body: ButtonBody }, config: { rateLimit: tokenLimit } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const outcome = await service.cancelRegistration(request.params.token);
    if (!outcome.ok && outcome.problem === 'notFound') throw new NotFound();
    const message = outcome.ok ? ctx.t('learn.workshops.own.cancelled') : ctx.t(`learn.workshops.own.cannotCancel`);
    return ownPage(request, reply, request.params.token, EMPTY_FORM, message, outcome.ok ? 200 : 409);
  });

  app.post(WORKSHOP_PATHS.feedback, { schema: { params: TokenParams, body: FeedbackBody }, config: { rateLimit: tokenLimit } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const values = { rating: request.body.rating ?? '', comment: request.body.comment ?? '' };
    const outcome = await service.giveFeedback(request.params.token, values);
    if (outcome.ok) return ownPage(request, reply, request.params.token, EMPTY_FORM, ctx.t('learn.workshops.feedback.thanks'));
    if (outcome.problem === 'notFound') throw new NotFound();
    if (outcome.problem === 'invalid')
      return ownPage(request, reply, request.params.token, formOf(ctx, { ...values, comment: values.comment.slice(0, 2000) }, outcome.issues), null, 422);
    return ownPage(request, reply, request.params.token, EMPTY_FORM, ctx.t('learn.workshops.feedback.closed'), 409);
  });

  // Staff pages.
  app.get(WORKSHOP_PATHS.staffList, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, <StaffListPage ctx={ctx} events={await service.staffList(ctx.language)} />);
  });

  app.get(WORKSHOP_PATHS.staffNew, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const form = { values: { heldLanguage: ctx.language, placeKind: 'venue', audience: 'everyone', capacity: '30' }, problems: [] };
    return sendPage(reply, <StaffEventPage ctx={ctx} event={null} form={form} page={page} arrangements={[]} />);
  });

  app.post(WORKSHOP_PATHS.staffNew, { ...staff, schema: { body: EventBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { input, values } = eventInputOf(request.body);
    const outcome = await service.createEvent(staffOfRequest(request), input);
    if (outcome.ok) return reply.redirect(workshopPath(WORKSHOP_PATHS.staffEvent, outcome.id), 303);
    const issues = outcome.problem === 'invalid' ? outcome.issues : [];
    return sendPage(reply, <StaffEventPage ctx={ctx} event={null} form={formOf(ctx, values, issues)} page={page} arrangements={input.arrangements} />, 422);
  });

  async function staffEventPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FormState | null,
    arrangements: readonly string[] | null,
    status = 200,
  ) {
    const ctx = app.pageContext(request, reply);
    const found = await service.forEdit(id, ctx.language);
    if (!found) throw new NotFound();
    const shown = form ?? { values: valuesOfInput(found.input), problems: [] };
    return sendPage(
      reply,
      <StaffEventPage ctx={ctx} event={found.event} form={shown} page={page} arrangements={arrangements ?? found.input.arrangements} />,
      status,
    );
  }

  app.get(WORKSHOP_PATHS.staffEvent, { ...staff, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) =>
    staffEventPage(request, reply, request.params.id, null, null),
  );

  app.post(WORKSHOP_PATHS.staffEvent, { ...staff, schema: { params: IdParams, body: EventBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { input, values } = eventInputOf(request.body);
    const outcome = await service.updateEvent(staffOfRequest(request), request.params.id, input);
    if (outcome.ok) return reply.redirect(workshopPath(WORKSHOP_PATHS.staffEvent, request.params.id), 303);
    if (outcome.problem === 'notFound') throw new NotFound();
    const issues = outcome.problem === 'invalid' ? outcome.issues : [{ field: 'title_en', key: 'learn.workshops.staff.error.cancelled' }];
    return staffEventPage(request, reply, request.params.id, formOf(ctx, values, issues), input.arrangements, outcome.problem === 'invalid' ? 422 : 409);
  });

  const action =
    (run: (staffId: { userId: string }, id: string) => Promise<WorkshopOutcome<object>>) =>
    async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const outcome = await run(staffOfRequest(request), request.params.id);
      if (!outcome.ok && outcome.problem === 'notFound') throw new NotFound();
      return reply.redirect(workshopPath(WORKSHOP_PATHS.staffEvent, request.params.id), 303);
    };

  app.post(
    WORKSHOP_PATHS.staffPublish,
    { ...staff, schema: { params: IdParams, body: ButtonBody } },
    action((s, id) => service.publish(s, id)),
  );
  app.post(
    WORKSHOP_PATHS.staffCancel,
    { ...staff, schema: { params: IdParams, body: ButtonBody } },
    action((s, id) => service.cancelEvent(s, id)),
  );

  async function registrationsPage(request: FastifyRequest, reply: FastifyReply, id: string, message: string | null, status = 200) {
    const ctx = app.pageContext(request, reply);
    const event = (await service.forEdit(id, ctx.language))?.event;
    if (!event) throw new NotFound();
    const registrations = await service.registrations(id);
    return sendPage(reply, <StaffRegistrationsPage ctx={ctx} event={event} registrations={registrations} message={message} />, status);
  }

  app.get(WORKSHOP_PATHS.staffRegistrations, { ...staff, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) =>
    registrationsPage(request, reply, request.params.id, null),
  );

  app.post(WORKSHOP_PATHS.staffAttendance, { ...staff, schema: { params: IdParams, body: AttendanceBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const outcome = await service.markAttendance(staffOfRequest(request), request.params.id, listOf(request.body.attended));
    if (!outcome.ok) throw new NotFound();
    return registrationsPage(request, reply, request.params.id, ctx.t('learn.workshops.staff.attendanceSaved', { count: outcome.marked }));
  });

  app.get(WORKSHOP_PATHS.staffExport, { ...staff, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const csv = await service.exportCsv(staffOfRequest(request), request.params.id, ctx.t);
    if (csv === undefined) throw new NotFound();
    return reply
      .header('content-type', 'text/csv; charset=utf-8; header=present')
      .header('content-disposition', `attachment; filename="workshop-${request.params.id}-registrations-personal-data.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });

  app.get(WORKSHOP_PATHS.staffFeedback, { ...staff, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const event = (await service.forEdit(request.params.id, ctx.language))?.event;
    if (!event) throw new NotFound();
    return sendPage(reply, <StaffFeedbackPage ctx={ctx} event={event} results={await service.feedbackResults(request.params.id)} message={null} />);
  });

  app.post(WORKSHOP_PATHS.staffFeedback, { ...staff, schema: { params: IdParams, body: ButtonBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const outcome = await service.requestFeedback(staffOfRequest(request), request.params.id);
    if (!outcome.ok && outcome.problem === 'notFound') throw new NotFound();
    const message = outcome.ok
      ? ctx.t('learn.workshops.staff.feedbackAsked', { count: outcome.asked })
      : ctx.t(`learn.workshops.staff.feedbackNot.${outcome.problem}`);
    return registrationsPage(request, reply, request.params.id, message, outcome.ok ? 200 : 409);
  });
}
