import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { actorOf, requireUser, staffOf } from '../../../platform/auth/index.ts';
import { EMPTY_FORM, type FormState } from '../../../platform/web/components.tsx';
import { sendPage } from '../../../platform/web/render.ts';
import type { Fulfilment } from '../fulfil/fulfilment.ts';
import { presentRequestIssues, presentRequestList } from './request.presenter.ts';
import type { RequestAction } from './request-rules.ts';
import {
  ActionOnlyBody,
  CodeBody,
  FollowBody,
  PageQuery,
  RequestDetailsBody,
  RequestStartBody,
  StaffActionBody,
  StaffActionParams,
  StaffDetailQuery,
  StaffIdParams,
  StaffListQuery,
  StaffNewBody,
} from './request.schemas.ts';
import type { RequestService } from './request.service.ts';
import {
  FollowResultPage,
  FollowStartPage,
  RequestCodePage,
  RequestDetailsPage,
  RequestDonePage,
  RequestStartPage,
  StaffNewRequestPage,
  StaffRequestPage,
  StaffRequestsPage,
} from './request.views.tsx';
import { REQUEST_PATHS } from './request.paths.ts';
import { REQUEST_STAFF_ROLES } from './requests.policy.ts';
import { createRequestServiceFor, requestLanguageOf } from './requests.wiring.ts';

const COOKIE = 'kinga_privacy_request';
const FOLLOW_COOKIE = 'kinga_privacy_follow';

/** Registers the public request and follow pages and the staff pages of data-subject requests. */
export function registerRequests(app: App, platform: Platform, fulfilment: Fulfilment): void {
  registerRequestRoutes(app, createRequestServiceFor(platform, fulfilment), {
    isCookieSecure: platform.config.session.isCookieSecure,
    languageOf: (language) => requestLanguageOf(platform, language),
  });
}

/** Registers the routes over a built service. */
export function registerRequestRoutes(
  app: App,
  requests: RequestService,
  options: { isCookieSecure: boolean; languageOf: (language: string) => ReturnType<typeof requestLanguageOf> },
): void {
  const cookie = { path: REQUEST_PATHS.start, httpOnly: true, sameSite: 'lax' as const, secure: options.isCookieSecure };
  const tokenOf = (request: FastifyRequest) => request.cookies[COOKIE];
  const followTokenOf = (request: FastifyRequest) => request.cookies[FOLLOW_COOKIE];
  const restart = (reply: FastifyReply, to: string = REQUEST_PATHS.start) => reply.redirect(to, 303);
  const personal = { config: { isPersonal: true } };

  app.get(REQUEST_PATHS.start, { schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <RequestStartPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />),
  );

  app.post(REQUEST_PATHS.start, { schema: { body: RequestStartBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const values = { type: request.body.type ?? '', email: request.body.email ?? '', phone: request.body.phone ?? '', notifyBy: request.body.notifyBy ?? '' };
    const outcome = await requests.startRequest({ ...values, t: ctx.t, networkAddress: request.ip });
    if (!outcome.ok) return sendPage(reply, <RequestStartPage ctx={ctx} form={{ values, problems: presentRequestIssues(outcome.issues, ctx.t) }} />, 422);
    reply.setCookie(COOKIE, outcome.value.sessionToken, cookie);
    return reply.redirect(REQUEST_PATHS.code, 303);
  });

  /** The code step of both flows: the cookie names the session, the session its purpose. */
  const codeStep = (path: string, cookieName: string, next: string, restartTo: string) => {
    app.get(path, { schema: { querystring: PageQuery } }, async (request, reply) => {
      const contact = await requests.sessionContact(request.cookies[cookieName]);
      if (!contact) return restart(reply, restartTo);
      return sendPage(
        reply,
        <RequestCodePage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} contact={contact} action={path} restartHref={restartTo} />,
      );
    });
    app.post(path, { schema: { body: CodeBody } }, async (request, reply) => {
      const token = request.cookies[cookieName];
      const outcome = await requests.confirmCode({ token, code: request.body.code ?? '' });
      if (outcome.ok) return reply.redirect(next, 303);
      if ('isSessionMissing' in outcome) return restart(reply, restartTo);
      const contact = await requests.sessionContact(token);
      if (!contact) return restart(reply, restartTo);
      const ctx = app.pageContext(request, reply);
      const form: FormState = { values: {}, problems: presentRequestIssues(outcome.issues, ctx.t) };
      return sendPage(reply, <RequestCodePage ctx={ctx} form={form} contact={contact} action={path} restartHref={restartTo} />, 422);
    });
  };
  codeStep(REQUEST_PATHS.code, COOKIE, REQUEST_PATHS.details, REQUEST_PATHS.start);

  app.get(REQUEST_PATHS.details, { schema: { querystring: PageQuery } }, async (request, reply) => {
    const session = await requests.verifiedSession(tokenOf(request), 'file');
    if (!session?.type) return restart(reply);
    return sendPage(reply, <RequestDetailsPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} type={session.type} />);
  });

  app.post(REQUEST_PATHS.details, { schema: { body: RequestDetailsBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const session = await requests.verifiedSession(tokenOf(request), 'file');
    if (!session?.type) return restart(reply);
    const details = request.body.details ?? '';
    const outcome = await requests.submitRequest({ token: tokenOf(request), details, language: options.languageOf(ctx.language) });
    if (outcome.ok) {
      reply.clearCookie(COOKIE, cookie);
      return sendPage(reply, <RequestDonePage ctx={ctx} reference={outcome.value.reference} dueOn={outcome.value.dueOn} notifyBy={outcome.value.notifyBy} />);
    }
    if ('isSessionMissing' in outcome) return restart(reply);
    return sendPage(
      reply,
      <RequestDetailsPage ctx={ctx} form={{ values: { details }, problems: presentRequestIssues(outcome.issues, ctx.t) }} type={session.type} />,
      422,
    );
  });

  app.get(REQUEST_PATHS.follow, { schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <FollowStartPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />),
  );

  app.post(REQUEST_PATHS.follow, { schema: { body: FollowBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const values = { reference: request.body.reference ?? '' };
    const outcome = await requests.startFollow({ reference: values.reference, t: ctx.t, networkAddress: request.ip });
    if (!outcome.ok) return sendPage(reply, <FollowStartPage ctx={ctx} form={{ values, problems: presentRequestIssues(outcome.issues, ctx.t) }} />, 422);
    reply.setCookie(FOLLOW_COOKIE, outcome.value.sessionToken, cookie);
    return reply.redirect(REQUEST_PATHS.followCode, 303);
  });

  codeStep(REQUEST_PATHS.followCode, FOLLOW_COOKIE, REQUEST_PATHS.followResult, REQUEST_PATHS.follow);

  app.get(REQUEST_PATHS.followResult, { schema: { querystring: PageQuery }, ...personal }, async (request, reply) => {
    const followed = await requests.follow(followTokenOf(request));
    if (!followed) return restart(reply, REQUEST_PATHS.follow);
    return sendPage(reply, <FollowResultPage ctx={app.pageContext(request, reply)} request={followed} />);
  });

  // A POST, so the download never has a URL of its own that a history, a log or a proxy could keep.
  app.post(REQUEST_PATHS.followArchive, { schema: { body: ActionOnlyBody }, ...personal }, async (request, reply) => {
    const archive = await requests.followArchive(followTokenOf(request));
    if (!archive) return restart(reply, REQUEST_PATHS.follow);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${archive.fileName.replace(/[^A-Za-z0-9._-]/g, '')}"`)
      .header('x-content-type-options', 'nosniff')
      .send(archive.bytes);
  });

  app.post(REQUEST_PATHS.followEnd, { schema: { body: ActionOnlyBody } }, async (_request, reply) => {
    reply.clearCookie(FOLLOW_COOKIE, cookie);
    return reply.redirect(REQUEST_PATHS.follow, 303);
  });

  const staff = { preHandler: requireUser(...REQUEST_STAFF_ROLES) };

  app.get(REQUEST_PATHS.staffList, { ...staff, schema: { querystring: StaffListQuery } }, async (request, reply) => {
    const filter = { state: request.query.state ?? '', type: request.query.type ?? '' };
    const rows = await requests.listRequests(actorOf(request), filter);
    return sendPage(reply, <StaffRequestsPage ctx={app.pageContext(request, reply)} requests={presentRequestList(rows, requests.today())} filter={filter} />);
  });

  app.get(REQUEST_PATHS.staffNew, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    return sendPage(
      reply,
      <StaffNewRequestPage ctx={ctx} form={{ values: { receivedOn: requests.today(), language: ctx.jurisdiction.defaultLanguage }, problems: [] }} />,
    );
  });

  app.post(REQUEST_PATHS.staffNew, { ...staff, schema: { body: StaffNewBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const b = request.body;
    const values = {
      type: b.type ?? '',
      channel: b.channel ?? '',
      receivedOn: b.receivedOn ?? '',
      emails: b.emails ?? '',
      phones: b.phones ?? '',
      deviceIds: b.deviceIds ?? '',
      details: b.details ?? '',
      language: options.languageOf(b.language ?? ''),
      notifyBy: b.notifyBy ?? '',
    };
    const member = staffOf(request);
    const outcome = await requests.enterRequest({ type: 'user', id: member.userId }, { ...values, isIdentityChecked: b.isIdentityChecked === 'yes' });
    if (!outcome.ok) {
      const form = { values: { ...values, isIdentityChecked: b.isIdentityChecked ?? '' }, problems: presentRequestIssues(outcome.issues, ctx.t) };
      return sendPage(reply, <StaffNewRequestPage ctx={ctx} form={form} />, 422);
    }
    return reply.redirect(`${REQUEST_PATHS.staffList}/${outcome.value.id}`, 303);
  });

  app.get(`${REQUEST_PATHS.staffList}/:id`, { ...staff, schema: { params: StaffIdParams, querystring: StaffDetailQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const detail = await requests.openRequest(actorOf(request), request.params.id);
    const status = request.query.done === '1' ? ctx.t('privacy.requests.staff.done') : null;
    return sendPage(reply, <StaffRequestPage ctx={ctx} detail={detail} form={EMPTY_FORM} status={status} />);
  });

  app.post(`${REQUEST_PATHS.staffList}/:id/:action`, { ...staff, schema: { params: StaffActionParams, body: StaffActionBody } }, async (request, reply) => {
    const action = request.params.action as RequestAction;
    const body = request.body as Record<string, string | undefined>;
    const member = staffOf(request);
    const outcome = await requests.act({ type: 'user', id: member.userId }, request.params.id, {
      action,
      note: body[`note-${action}`],
      refusalCode: request.body.refusalCode,
    });
    const path = `${REQUEST_PATHS.staffList}/${request.params.id}`;
    if (outcome.ok) return reply.redirect(`${path}?done=1`, 303);
    const ctx = app.pageContext(request, reply);
    const detail = await requests.openRequest(actorOf(request), request.params.id);
    const form = { values: {}, problems: presentRequestIssues(outcome.issues, ctx.t, (f) => (f === 'note' ? `note-${action}` : f)) };
    return sendPage(reply, <StaffRequestPage ctx={ctx} detail={detail} form={form} status={null} />, 422);
  });
}
