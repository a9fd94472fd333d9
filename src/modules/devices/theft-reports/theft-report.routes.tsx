import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Actor } from '../../../platform/audit/index.ts';
import type { PageContext } from '../../../platform/web/context.ts';
import type { App } from '../../../platform/module.ts';
import { actorOf, requireUser, staffOf } from '../../../platform/auth/index.ts';
import { registerMultipartForm, uploadedFilesOf } from '../../../platform/http/multipart-form.ts';
import { EMPTY_FORM } from '../../../platform/web/components.tsx';
import { sendPage } from '../../../platform/web/render.ts';
import { presentReportIssues, presentReportList } from './theft-report.presenter.ts';
import { ActionBody, CodeBody, PageQuery, ReportDetailsBody, ReportIdParams, ReportStartBody } from './theft-report.schemas.ts';
import type { TheftReportService, TheftReportSettings } from './theft-report.service.ts';
import { ReportCodePage, ReportDetailsPage, ReportDonePage, ReportStartPage, StaffReportPage, StaffReportsPage } from './theft-report.views.tsx';
import { REPORT_PATHS } from './theft-report.paths.ts';
import { STAFF_REPORT_ROLES } from '../devices.policy.ts';

const COOKIE = 'kinga_device_report';

/** Sections other parts of the module add to the staff report pages (trace alerts, recovery). */
export interface StaffReportExtras {
  listSection(ctx: PageContext, actor: Actor): Promise<VNode | null>;
  reportSection(ctx: PageContext, reportId: string, status: string): Promise<VNode | null>;
}

// Room for the report's text fields and the multipart framing around the file.
const FORM_ROOM_BYTES = 64 * 1024;

/** Registers the lost or stolen report pages and the staff verification pages. */
export async function registerTheftReportRoutes(
  app: App,
  reports: TheftReportService,
  options: { isCookieSecure: boolean; extras?: StaffReportExtras; policeReportFile: TheftReportSettings['policeReportFile'] },
): Promise<void> {
  const fileRules = options.policeReportFile;
  const cookieOptions = { path: REPORT_PATHS.start, httpOnly: true, sameSite: 'lax' as const, secure: options.isCookieSecure };
  const tokenOf = (request: FastifyRequest) => request.cookies[COOKIE];
  const restart = (reply: FastifyReply) => reply.redirect(REPORT_PATHS.start, 303);

  app.get(REPORT_PATHS.start, { schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <ReportStartPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />),
  );

  app.post(REPORT_PATHS.start, { schema: { body: ReportStartBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const values = { email: request.body.email ?? '', phone: request.body.phone ?? '', notifyBy: request.body.notifyBy ?? '' };
    const outcome = await reports.startReport({ ...values, t: ctx.t, networkAddress: request.ip });
    if (!outcome.ok) return sendPage(reply, <ReportStartPage ctx={ctx} form={{ values, problems: presentReportIssues(outcome.issues, ctx.t) }} />, 422);
    reply.setCookie(COOKIE, outcome.value.sessionToken, cookieOptions);
    return reply.redirect(REPORT_PATHS.code, 303);
  });

  app.get(REPORT_PATHS.code, { schema: { querystring: PageQuery } }, async (request, reply) => {
    const contact = await reports.sessionContact(tokenOf(request));
    if (!contact) return restart(reply);
    return sendPage(reply, <ReportCodePage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} contact={contact} />);
  });

  app.post(REPORT_PATHS.code, { schema: { body: CodeBody } }, async (request, reply) => {
    const outcome = await reports.confirmCode({ sessionToken: tokenOf(request), code: request.body.code ?? '' });
    if (outcome.ok) return reply.redirect(REPORT_PATHS.details, 303);
    if ('isSessionMissing' in outcome) return restart(reply);
    const ctx = app.pageContext(request, reply);
    const contact = await reports.sessionContact(tokenOf(request));
    if (!contact) return restart(reply);
    return sendPage(reply, <ReportCodePage ctx={ctx} form={{ values: {}, problems: presentReportIssues(outcome.issues, ctx.t) }} contact={contact} />, 422);
  });

  app.get(REPORT_PATHS.details, { schema: { querystring: PageQuery } }, async (request, reply) => {
    if (!(await reports.isSessionVerified(tokenOf(request)))) return restart(reply);
    return sendPage(reply, <ReportDetailsPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} fileRules={fileRules} />);
  });

  // The details form carries the optional police report file, so it is multipart, in a scope of its own with the profile's limit.
  // Past the limit the file is marked too large and the text fields before it are kept, so the page answers with the form filled in.
  await app.register(async (plugin) => {
    const scoped = plugin as App;
    registerMultipartForm(scoped, { maxBytes: fileRules.maxBytes + FORM_ROOM_BYTES, maxFiles: 1, maxFields: 5, maxFieldBytes: 4096 });
    scoped.post(REPORT_PATHS.details, { schema: { body: ReportDetailsBody } }, async (request, reply) => {
      const ctx = app.pageContext(request, reply);
      const values = { imeis: request.body.imeis ?? '', msisdn: request.body.msisdn ?? '', policeReference: request.body.policeReference ?? '' };
      const file = uploadedFilesOf(request).find((f) => f.field === 'policeReportFile');
      const policeReportFile = file ? { filename: file.filename, data: file.data, isTooLarge: file.isTooLarge } : undefined;
      const outcome = await reports.submitReport({ sessionToken: tokenOf(request), ...values, policeReportFile, t: ctx.t });
      if (outcome.ok) {
        reply.clearCookie(COOKIE, cookieOptions);
        return sendPage(reply, <ReportDonePage ctx={ctx} requestId={outcome.value.requestId} notifyBy={outcome.value.notifyBy} />);
      }
      if ('isSessionMissing' in outcome) return restart(reply);
      return sendPage(
        reply,
        <ReportDetailsPage ctx={ctx} form={{ values, problems: presentReportIssues(outcome.issues, ctx.t) }} fileRules={fileRules} />,
        422,
      );
    });
  });

  const staff = { preHandler: requireUser(...STAFF_REPORT_ROLES) };

  app.get(REPORT_PATHS.staffList, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) => {
    const rows = presentReportList(await reports.listReports(actorOf(request)));
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, <StaffReportsPage ctx={ctx} reports={rows} extra={await options.extras?.listSection(ctx, actorOf(request))} />);
  });

  app.get(`${REPORT_PATHS.staffList}/:id`, { ...staff, schema: { params: ReportIdParams, querystring: PageQuery } }, async (request, reply) => {
    const detail = await reports.openReport(actorOf(request), request.params.id);
    const ctx = app.pageContext(request, reply);
    return sendPage(
      reply,
      <StaffReportPage ctx={ctx} detail={detail} extra={await options.extras?.reportSection(ctx, detail.report.id, detail.report.status)} />,
    );
  });

  app.get(`${REPORT_PATHS.staffList}/:id/police-report`, { ...staff, schema: { params: ReportIdParams } }, async (request, reply) => {
    const file = await reports.readPoliceReportFile(actorOf(request), request.params.id);
    // The name is made from the request id and the verified type (letters, digits, dashes and a dot), and the file is always downloaded, never shown inline.
    return reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(file.content);
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
