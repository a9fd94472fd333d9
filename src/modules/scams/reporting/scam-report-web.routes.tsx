import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../platform/module.ts';
import { registerMultipartForm, uploadedFilesOf } from '../../../platform/http/multipart-form.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import { EMPTY_FORM, type FormState } from '../../../platform/web/components.tsx';
import type { NavItem } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import type { ScamsSettings } from '../scams.settings.ts';
import { orderedIssues, readOccurred } from './scam-report-form.ts';
import { presentFiledReport, presentFormRules, presentTriageContacts } from './scam-report-web.presenter.ts';
import { ReportDetailsBody, ReportPageQuery, ReporterCodeBody, ReporterNumberBody, TriageBody } from './scam-report-web.schemas.ts';
import { SCAM_REPORT_PATHS } from './scam-report.paths.ts';
import type { ReportIssue, ScamReportService } from './scam-report.service.ts';
import { ReportCodePage, ReportDetailsPage, ReportDonePage, ReportNumberPage, ReportTriagePage, ReportUrgentPage } from './scam-report.views.tsx';

// The reporter's check lives in this cookie as a random token (its hash is stored); the number itself never leaves the server.
const CHECK_COOKIE = 'kinga_scam_report';
// The triage answer, kept so that the report says the person lost money or their SIM.
const HARM_COOKIE = 'kinga_scam_harm';
// Room for the text fields (the longest text in UTF-8) and the multipart framing around the screenshot.
const FORM_ROOM_BYTES = 64 * 1024;

/** The main navigation's entry to the scam pages; the home page shows it with its description. */
export function scamReportNav(): NavItem[] {
  return [{ href: SCAM_REPORT_PATHS.start, labelKey: 'scams.reporting.page.nav' }];
}

/** What the report pages need. */
export interface ScamReportWebOptions {
  intake: ScamReportService;
  settings: ScamsSettings;
  /** The jurisdiction's IANA time zone, in which a person gives the time the scam came. */
  timeZone: string;
  isCookieSecure: boolean;
}

const problemsOf = (issues: readonly ReportIssue[], t: Translate) => issues.map((i) => ({ field: i.field, message: t(i.messageKey, i.values) }));

/** Registers the public report pages: triage first, the reporter's number proved by a code, the report, its confirmation. */
export async function registerScamReportWebRoutes(app: App, options: ScamReportWebOptions): Promise<void> {
  const { intake, settings } = options;
  const cookieOptions = { path: SCAM_REPORT_PATHS.start, httpOnly: true, sameSite: 'lax' as const, secure: options.isCookieSecure };
  const tokenOf = (request: FastifyRequest) => request.cookies[CHECK_COOKIE];
  const toNumberStep = (reply: FastifyReply) => reply.redirect(SCAM_REPORT_PATHS.number, 303);
  const rules = presentFormRules(settings);

  app.get(SCAM_REPORT_PATHS.start, { schema: { querystring: ReportPageQuery } }, async (request, reply) =>
    sendPage(reply, <ReportTriagePage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />),
  );

  app.post(SCAM_REPORT_PATHS.start, { schema: { body: TriageBody } }, async (request, reply) => {
    const harm = request.body.harm ?? '';
    if (harm !== 'yes' && harm !== 'no') {
      const ctx = app.pageContext(request, reply);
      const form = { values: {}, problems: problemsOf([{ field: 'harm', messageKey: 'scams.reporting.triage.error.missing' }], ctx.t) };
      return sendPage(reply, <ReportTriagePage ctx={ctx} form={form} />, 422);
    }
    if (harm === 'yes') {
      reply.setCookie(HARM_COOKIE, '1', cookieOptions);
      return reply.redirect(SCAM_REPORT_PATHS.urgent, 303);
    }
    reply.clearCookie(HARM_COOKIE, cookieOptions);
    return toNumberStep(reply);
  });

  app.get(SCAM_REPORT_PATHS.urgent, { schema: { querystring: ReportPageQuery } }, async (request, reply) =>
    sendPage(reply, <ReportUrgentPage ctx={app.pageContext(request, reply)} contacts={presentTriageContacts(settings.triage)} />),
  );

  app.get(SCAM_REPORT_PATHS.number, { schema: { querystring: ReportPageQuery } }, async (request, reply) =>
    sendPage(reply, <ReportNumberPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />),
  );

  app.post(SCAM_REPORT_PATHS.number, { schema: { body: ReporterNumberBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const phone = request.body.phone ?? '';
    const opened = await intake.startNumberCheck({ phone, t: ctx.t, networkAddress: request.ip });
    if (!opened.ok) return sendPage(reply, <ReportNumberPage ctx={ctx} form={{ values: { phone }, problems: problemsOf(opened.issues, ctx.t) }} />, 422);
    reply.setCookie(CHECK_COOKIE, opened.value.token, cookieOptions);
    return reply.redirect(SCAM_REPORT_PATHS.code, 303);
  });

  const codePage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status: number) => {
    const checked = await intake.checkedNumber({ token: tokenOf(request) });
    if (!checked) return toNumberStep(reply);
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, <ReportCodePage ctx={ctx} form={form} maskedNumber={checked.masked} minutes={settings.reporting.codeMinutes} />, status);
  };

  app.get(SCAM_REPORT_PATHS.code, { schema: { querystring: ReportPageQuery } }, async (request, reply) => codePage(request, reply, EMPTY_FORM, 200));

  app.post(SCAM_REPORT_PATHS.code, { schema: { body: ReporterCodeBody } }, async (request, reply) => {
    const confirmed = await intake.confirmNumberCheck({ token: tokenOf(request), code: request.body.code ?? '' });
    if (confirmed.ok) return reply.redirect(SCAM_REPORT_PATHS.details, 303);
    if (confirmed.issues.some((i) => i.field === 'checkId')) return toNumberStep(reply);
    const ctx = app.pageContext(request, reply);
    return codePage(request, reply, { values: {}, problems: problemsOf(confirmed.issues, ctx.t) }, 422);
  });

  app.get(SCAM_REPORT_PATHS.details, { schema: { querystring: ReportPageQuery } }, async (request, reply) => {
    const checked = await intake.checkedNumber({ token: tokenOf(request) });
    if (!checked?.isVerified) return toNumberStep(reply);
    return sendPage(reply, <ReportDetailsPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} rules={rules} maskedNumber={checked.masked} />);
  });

  // The report carries the optional screenshot, so it is multipart, in a scope of its own bounded by the profile's size.
  // Past the limit the file is marked too large and the text fields before it are kept, so the page answers with the form filled in.
  await app.register(async (plugin) => {
    const scoped = plugin as App;
    const maxTextBytes = settings.reporting.maxTextChars * 4;
    registerMultipartForm(scoped, {
      maxBytes: settings.screenshotMaxBytes + maxTextBytes + FORM_ROOM_BYTES,
      maxFiles: 1,
      maxFields: 15,
      maxFieldBytes: Math.max(4096, maxTextBytes + 1024),
    });
    scoped.post(SCAM_REPORT_PATHS.details, { schema: { body: ReportDetailsBody } }, async (request, reply) => {
      const ctx = app.pageContext(request, reply);
      const body = request.body;
      const values: Record<string, string> = {
        sender: body.sender ?? '',
        occurredAtDay: body.occurredAtDay ?? '',
        occurredAtMonth: body.occurredAtMonth ?? '',
        occurredAtYear: body.occurredAtYear ?? '',
        occurredTime: body.occurredTime ?? '',
        medium: body.medium ?? '',
        category: body.category ?? '',
        text: body.text ?? '',
        contactKind: body.contactKind ?? '',
        contact: body.contact ?? '',
      };
      const occurred = readOccurred(
        {
          day: values['occurredAtDay'] ?? '',
          month: values['occurredAtMonth'] ?? '',
          year: values['occurredAtYear'] ?? '',
          time: values['occurredTime'] ?? '',
        },
        options.timeZone,
      );
      const file = uploadedFilesOf(request).find((f) => f.field === 'screenshot');
      // A file input left empty sends a part with no name and no bytes: no screenshot.
      const screenshot = file && (file.filename !== '' || file.data.length > 0) ? { data: file.data, isTooLarge: file.isTooLarge } : undefined;
      const contactKind = values['contactKind'] === 'none' ? '' : (values['contactKind'] ?? '');
      const filed = await intake.fileWithCheck(
        { token: tokenOf(request) },
        {
          channel: 'web',
          sender: values['sender'] ?? '',
          occurredAt: occurred.occurredAt,
          medium: values['medium'] ?? '',
          category: values['category'] ?? '',
          text: values['text'] ?? '',
          contactKind,
          contact: contactKind === 'email' ? (values['contact'] ?? '') : '',
          hasHarm: request.cookies[HARM_COOKIE] === '1',
          language: ctx.language,
          screenshot,
        },
      );
      if ('isCheckMissing' in filed) return toNumberStep(reply);
      if (filed.ok) {
        reply.clearCookie(CHECK_COOKIE, cookieOptions);
        reply.clearCookie(HARM_COOKIE, cookieOptions);
        return sendPage(reply, <ReportDonePage ctx={ctx} filed={presentFiledReport(filed.value, values['text'] ?? '', settings)} />);
      }
      const issues = orderedIssues(filed.issues, occurred.ok ? [] : occurred.issues);
      const checked = await intake.checkedNumber({ token: tokenOf(request) });
      if (!checked?.isVerified) return toNumberStep(reply);
      return sendPage(
        reply,
        <ReportDetailsPage ctx={ctx} form={{ values, problems: problemsOf(issues, ctx.t) }} rules={rules} maskedNumber={checked.masked} />,
        422,
      );
    });
  });
}
