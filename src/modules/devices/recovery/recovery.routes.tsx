import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import { requireUser, staffOf } from '../../../platform/auth/index.ts';
import { EMPTY_FORM } from '../../../platform/web/components.tsx';
import { sendPage } from '../../../platform/web/render.ts';
import { presentReportIssues } from '../theft-reports/theft-report.presenter.ts';
import { ActionBody, CodeBody, PageQuery, ReportIdParams } from '../theft-reports/theft-report.schemas.ts';
import { REPORT_PATHS } from '../theft-reports/theft-report.paths.ts';
import { STAFF_REPORT_ROLES } from '../devices.policy.ts';
import type { RecoveryService } from './recovery.service.ts';
import { RecoverCodePage, RecoverDonePage, RecoverStartPage } from './recovery.views.tsx';
import { RECOVERY_PATHS } from './recovery.paths.ts';

const COOKIE = 'kinga_device_recovery';

const RecoverBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })), requestId: Type.Optional(Type.String({ maxLength: 40 })) });
const AlertParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }) });

/** Registers the reporter's recovery pages and the staff's recovery and trace alert actions. */
export function registerRecoveryRoutes(app: App, deps: { recovery: RecoveryService; isCookieSecure: boolean }): void {
  const { recovery } = deps;
  // Recovery by the reporter: the request id, then the code sent to the report's address or number.
  const cookieOptions = { path: RECOVERY_PATHS.recover, httpOnly: true, sameSite: 'lax' as const, secure: deps.isCookieSecure };
  const cookieOf = (request: FastifyRequest) => {
    const [requestId, token] = (request.cookies[COOKIE] ?? '').split('.');
    return requestId && token ? { requestId, token } : undefined;
  };

  app.get(RECOVERY_PATHS.recover, { schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <RecoverStartPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />),
  );

  app.post(RECOVERY_PATHS.recover, { schema: { body: RecoverBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const requestId = request.body.requestId ?? '';
    const outcome = await recovery.startRecovery({ requestId, t: ctx.t, networkAddress: request.ip });
    if (!outcome.ok)
      return sendPage(reply, <RecoverStartPage ctx={ctx} form={{ values: { requestId }, problems: presentReportIssues(outcome.issues, ctx.t) }} />, 422);
    reply.setCookie(COOKIE, `${outcome.value.requestId}.${outcome.value.sessionToken}`, cookieOptions);
    return reply.redirect(RECOVERY_PATHS.recoverCode, 303);
  });

  // A session that lapsed still shows the page: the code check then sends the reporter back to the start.
  const channelOf = async (token: string) => (await recovery.codeChannel(token)) ?? 'email';

  app.get(RECOVERY_PATHS.recoverCode, { schema: { querystring: PageQuery } }, async (request, reply) => {
    const session = cookieOf(request);
    if (!session) return reply.redirect(RECOVERY_PATHS.recover, 303);
    return sendPage(reply, <RecoverCodePage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} channel={await channelOf(session.token)} />);
  });

  app.post(RECOVERY_PATHS.recoverCode, { schema: { body: CodeBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const session = cookieOf(request);
    if (!session) return reply.redirect(RECOVERY_PATHS.recover, 303);
    const outcome = await recovery.confirmRecovery({ sessionToken: session.token, requestId: session.requestId, code: request.body.code ?? '', t: ctx.t });
    if (outcome.ok) {
      reply.clearCookie(COOKIE, cookieOptions);
      return sendPage(reply, <RecoverDonePage ctx={ctx} requestId={outcome.value.requestId} notifiedBy={outcome.value.notifyBy} />);
    }
    if ('isSessionMissing' in outcome) return reply.redirect(RECOVERY_PATHS.recover, 303);
    return sendPage(
      reply,
      <RecoverCodePage ctx={ctx} form={{ values: {}, problems: presentReportIssues(outcome.issues, ctx.t) }} channel={await channelOf(session.token)} />,
      422,
    );
  });

  const staff = { preHandler: requireUser(...STAFF_REPORT_ROLES) };
  app.post(`${REPORT_PATHS.staffList}/:id/recover`, { ...staff, schema: { params: ReportIdParams, body: ActionBody } }, async (request, reply) => {
    await recovery.markRecovered({ type: 'user', id: staffOf(request).userId }, request.params.id, app.pageContext(request, reply).t);
    return reply.redirect(`${REPORT_PATHS.staffList}/${request.params.id}`, 303);
  });
  app.post(`${RECOVERY_PATHS.staffAlerts}/:id/acknowledge`, { ...staff, schema: { params: AlertParams, body: ActionBody } }, async (request, reply) => {
    await recovery.acknowledgeAlert({ type: 'user', id: staffOf(request).userId }, request.params.id);
    return reply.redirect(REPORT_PATHS.staffList, 303);
  });
}
