import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Actor } from '../../platform/audit/index.ts';
import type { PageContext } from '../../platform/web/context.ts';
import type { App } from '../../platform/module.ts';
import { actorOf, requireUser, staffOf } from '../../platform/auth/index.ts';
import { EMPTY_FORM } from '../../platform/web/components.tsx';
import { sendPage } from '../../platform/web/render.ts';
import { presentReportIssues } from './devices.presenter.ts';
import { ActionBody, CodeBody, PageQuery, ReportDetailsBody, ReportIdParams, ReportStartBody } from './devices.schemas.ts';
import type { TheftReportService } from './theft-report.service.ts';
import { REPORT_PATHS, ReportCodePage, ReportDetailsPage, ReportDonePage, ReportStartPage, StaffReportPage, StaffReportsPage } from './theft-report.views.tsx';
import { STAFF_REPORT_ROLES } from './devices.policy.ts';

const COOKIE = 'kinga_device_report';

/** Sections other parts of the module add to the staff report pages (trace alerts, recovery). */
export interface StaffReportExtras {
  listSection(ctx: PageContext, actor: Actor): Promise<VNode | null>;
  reportSection(ctx: PageContext, reportId: string, status: string): Promise<VNode | null>;
}

/** Registers the lost or stolen report pages and the staff verification pages. */
export function registerTheftReportRoutes(app: App, reports: TheftReportService, options: { isCookieSecure: boolean; extras?: StaffReportExtras }): void {
  const cookieOptions = { path: REPORT_PATHS.start, httpOnly: true, sameSite: 'lax' as const, secure: options.isCookieSecure };
  const tokenOf = (request: FastifyRequest) => request.cookies[COOKIE];
  const restart = (reply: FastifyReply) => reply.redirect(REPORT_PATHS.start, 303);

  app.get(REPORT_PATHS.start, { schema: { querystring: PageQuery } }, async (request, reply) => sendPage(reply, <ReportStartPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />));

  app.post(REPORT_PATHS.start, { schema: { body: ReportStartBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const email = request.body.email ?? '';
    const outcome = await reports.startReport({ email, t: ctx.t });
    if (!outcome.ok) return sendPage(reply, <ReportStartPage ctx={ctx} form={{ values: { email }, problems: presentReportIssues(outcome.issues, ctx.t) }} />, 422);
    reply.setCookie(COOKIE, outcome.value.sessionToken, cookieOptions);
    return reply.redirect(REPORT_PATHS.code, 303);
  });

  app.get(REPORT_PATHS.code, { schema: { querystring: PageQuery } }, async (request, reply) => {
    if (!tokenOf(request)) return restart(reply);
    return sendPage(reply, <ReportCodePage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />);
  });

  app.post(REPORT_PATHS.code, { schema: { body: CodeBody } }, async (request, reply) => {
    const outcome = await reports.confirmCode({ sessionToken: tokenOf(request), code: request.body.code ?? '' });
    if (outcome.ok) return reply.redirect(REPORT_PATHS.details, 303);
    if ('isSessionMissing' in outcome) return restart(reply);
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, <ReportCodePage ctx={ctx} form={{ values: {}, problems: presentReportIssues(outcome.issues, ctx.t) }} />, 422);
  });

  app.get(REPORT_PATHS.details, { schema: { querystring: PageQuery } }, async (request, reply) => {
    if (!(await reports.isSessionVerified(tokenOf(request)))) return restart(reply);
    return sendPage(reply, <ReportDetailsPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />);
  });

  app.post(REPORT_PATHS.details, { schema: { body: ReportDetailsBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const values = { imeis: request.body.imeis ?? '', msisdn: request.body.msisdn ?? '', policeReference: request.body.policeReference ?? '' };
    const outcome = await reports.submitReport({ sessionToken: tokenOf(request), ...values, t: ctx.t });
    if (outcome.ok) {
      reply.clearCookie(COOKIE, cookieOptions);
      return sendPage(reply, <ReportDonePage ctx={ctx} requestId={outcome.value.requestId} />);
    }
    if ('isSessionMissing' in outcome) return restart(reply);
    return sendPage(reply, <ReportDetailsPage ctx={ctx} form={{ values, problems: presentReportIssues(outcome.issues, ctx.t) }} />, 422);
  });

  const staff = { preHandler: requireUser(...STAFF_REPORT_ROLES) };

  app.get(REPORT_PATHS.staffList, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) => {
    const rows = await reports.listReports(actorOf(request));
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, <StaffReportsPage ctx={ctx} reports={rows} extra={await options.extras?.listSection(ctx, actorOf(request))} />);
  });

  app.get(`${REPORT_PATHS.staffList}/:id`, { ...staff, schema: { params: ReportIdParams, querystring: PageQuery } }, async (request, reply) => {
    const detail = await reports.openReport(actorOf(request), request.params.id);
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, <StaffReportPage ctx={ctx} detail={detail} extra={await options.extras?.reportSection(ctx, detail.report.id, detail.report.status)} />);
  });

  for (const [action, decision] of [
    ['verify', 'verified'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(`${REPORT_PATHS.staffList}/:id/${action}`, { ...staff, schema: { params: ReportIdParams, body: ActionBody } }, async (request, reply) => {
      const actor = staffOf(request);
      await reports.decideReport({ type: 'user', id: actor.userId }, request.params.id, decision, app.pageContext(request, reply).t);
      return reply.redirect(`${REPORT_PATHS.staffList}/${request.params.id}`, 303);
    });
  }
}
