import { Invalid } from '../../../platform/http/errors.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';
import type { App } from '../../../platform/module.ts';
import type { ScamsSettings } from '../scams.settings.ts';
import { reportProblems } from './scam-report.presenter.ts';
import { NumberCheckBody, NumberCheckReply, ScamReportBody, ScamReportReply } from './scam-report.schemas.ts';
import type { ScamReportService } from './scam-report.service.ts';

const TAG = 'scams';

/** Registers the reporting API: a code by text to the reporter's number, then a report filed with the check and the code. */
export function registerScamReportApiRoutes(
  app: App,
  options: { intake: ScamReportService; settings: ScamsSettings; translator(language: string): Translate; defaultLanguage: string },
): void {
  const { intake } = options;
  const rateLimit = { max: options.settings.reporting.rateLimitPerMinute, timeWindow: 60_000 };
  const languageOf = (typed: string | undefined) => SUPPORTED_LANGUAGES.find((l) => l === typed) ?? options.defaultLanguage;

  app.post(
    '/api/v1/scams/number-checks',
    {
      config: { rateLimit },
      schema: {
        tags: [TAG],
        summary: 'Send a code by text to the reporter’s mobile number; answers 201 with the check id, 422 naming a wrong number, 429 past the limits.',
        body: NumberCheckBody,
        response: { 201: NumberCheckReply },
      },
    },
    async (request, reply) => {
      const language = languageOf(request.body.language);
      const opened = await intake.startNumberCheck({ phone: request.body.phone, t: options.translator(language), networkAddress: request.ip });
      if (!opened.ok) throw new Invalid(reportProblems(opened.issues));
      return reply.code(201).send({ checkId: opened.value.checkId });
    },
  );

  app.post(
    '/api/v1/scams/reports',
    {
      config: { rateLimit },
      // Room for a screenshot of the profile's largest size in base64.
      bodyLimit: Math.ceil((options.settings.screenshotMaxBytes * 4) / 3) + 64 * 1024,
      schema: {
        tags: [TAG],
        summary:
          'File a scam report with a number check and its code; answers 201 with the reference, 422 problem+json naming every wrong field (the code, the sender, the date, the screenshot…).',
        body: ScamReportBody,
        response: { 201: ScamReportReply },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const confirmed = await intake.confirmNumberCheck({ checkId: body.checkId, code: body.code });
      if (!confirmed.ok) throw new Invalid(reportProblems(confirmed.issues));
      const screenshot = body.screenshot === undefined || body.screenshot === '' ? undefined : { data: Buffer.from(body.screenshot, 'base64') };
      const filed = await intake.fileWithCheck(
        { checkId: body.checkId },
        {
          channel: 'api',
          sender: body.sender,
          occurredAt: body.occurredAt,
          medium: body.medium,
          category: body.category,
          text: body.text,
          contactKind: body.contactKind ?? '',
          contact: body.contact ?? '',
          hasHarm: body.hasHarm ?? false,
          language: languageOf(body.language),
          screenshot,
        },
      );
      if (!filed.ok)
        throw new Invalid(reportProblems('issues' in filed ? filed.issues : [{ field: 'checkId', messageKey: 'scams.reporting.error.checkMissing' }]));
      return reply.code(201).send({ reference: filed.value.reference, isLate: filed.value.isLate });
    },
  );
}
