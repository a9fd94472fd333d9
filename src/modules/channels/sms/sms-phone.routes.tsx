import { Type } from '@sinclair/typebox';
import { requireUser } from '../../../platform/auth/index.ts';
import type { App } from '../../../platform/module.ts';
import { readMobileNumber, type LoopbackSmsc } from '../../../platform/sms/index.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { SIMULATOR_ROLES } from '../channels.policy.ts';
import type { SmsKeywordsSettings } from './sms-keywords.settings.ts';
import { createSmsPhoneService, PHONE_TEXT_MAX, type SmsPhoneService } from './sms-phone.service.ts';
import { SmsPhonePage, type PhoneKeywords } from './sms-phone.views.tsx';
import { SMS_PHONE_PATH } from './sms-phone.paths.ts';

// The schema's limits lie far above the form's, so that a text too long is answered on the page with its limit, not refused whole.
const PhoneForm = Type.Object({
  number: Type.Optional(Type.String({ maxLength: 100 })),
  shortCode: Type.Optional(Type.String({ maxLength: 100 })),
  text: Type.Optional(Type.String({ maxLength: 10_000 })),
  /** Set by "Refresh": show the conversation again, send nothing (the number stays out of the URL). */
  refresh: Type.Optional(Type.String({ maxLength: 10 })),
  _csrf: Type.Optional(Type.String()),
});

/** The demo's phone: a Kenyan mobile number in the range kept for drama and tests, as the USSD simulator's. */
const DEMO_NUMBER = '+254700000001';

/** How long a send waits for Kinga's reply before the page is shown with a link to refresh. */
const REPLY_WAIT_MS = 8000;

/** Registers "Try texts": a feature phone texting the demo's loopback SMS centre, which Kinga answers through its real path. */
export function registerSmsPhoneRoutes(
  app: App,
  deps: {
    /** The demo's SMS centre when this process runs one, looked up per request: it starts after the routes. */
    smscOf: () => LoopbackSmsc | undefined;
    country: string;
    shortCode: string;
    scamShortCode: string | undefined;
    words: SmsKeywordsSettings['words'];
    defaultLanguage: string;
    replyWaitMs?: number;
  },
): void {
  const staff = { preHandler: requireUser(...SIMULATOR_ROLES) };
  const shortCodes = [deps.shortCode, ...(deps.scamShortCode !== undefined && deps.scamShortCode !== deps.shortCode ? [deps.scamShortCode] : [])];
  const phones = new WeakMap<LoopbackSmsc, SmsPhoneService>();
  const phoneOf = (): SmsPhoneService | undefined => {
    const smsc = deps.smscOf();
    if (smsc === undefined) return undefined;
    let phone = phones.get(smsc);
    if (phone === undefined) {
      phone = createSmsPhoneService({ smsc, replyWaitMs: deps.replyWaitMs ?? REPLY_WAIT_MS });
      phones.set(smsc, phone);
    }
    return phone;
  };
  /** The first keyword of each service in `language`, or in the profile's default language where it has none. */
  const keywordsIn = (language: string): PhoneKeywords => {
    const first = (service: keyof SmsKeywordsSettings['words']) => deps.words[service][language]?.[0] ?? deps.words[service][deps.defaultLanguage]?.[0];
    return {
      imei: first('imei'),
      status: first('status'),
      theft: first('theft'),
      scam: first('scam'),
      stop: first('stop'),
      start: first('start'),
      help: first('help'),
      shortCode: deps.shortCode,
      scamShortCode: deps.scamShortCode,
    };
  };

  app.get(SMS_PHONE_PATH, staff, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const phone = phoneOf();
    return sendPage(
      reply,
      <SmsPhonePage
        ctx={ctx}
        isAvailable={phone !== undefined}
        form={{ values: { number: DEMO_NUMBER, shortCode: shortCodes[0] ?? '', text: '' }, problems: [] }}
        shortCodes={shortCodes}
        keywords={keywordsIn(ctx.language)}
        conversation={phone?.conversation(DEMO_NUMBER) ?? null}
        outcome={null}
        number={DEMO_NUMBER}
      />,
    );
  });

  app.post(SMS_PHONE_PATH, { ...staff, schema: { body: PhoneForm } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { body } = request;
    const shortCode = shortCodes.includes(body.shortCode ?? '') ? (body.shortCode ?? '') : (shortCodes[0] ?? '');
    const text = (body.text ?? '').trim();
    const values = { number: body.number ?? '', shortCode, text };
    const keywords = keywordsIn(ctx.language);
    const phone = phoneOf();
    const page = (props: Pick<Parameters<typeof SmsPhonePage>[0], 'form' | 'conversation' | 'outcome' | 'number'>) => (
      <SmsPhonePage ctx={ctx} isAvailable={phone !== undefined} shortCodes={shortCodes} keywords={keywords} {...props} />
    );
    if (phone === undefined) return sendPage(reply, page({ form: { values, problems: [] }, conversation: null, outcome: null, number: null }), 409);
    const number = readMobileNumber(values.number, deps.country);
    const problems: { field: string; message: string }[] = [];
    if (!number.ok) problems.push({ field: 'number', message: ctx.t(`channels.sms.phone.error.${number.problem === 'invalid' ? 'number' : 'notMobile'}`) });
    const isRefresh = body.refresh !== undefined;
    if (isRefresh) {
      if (number.ok)
        return sendPage(
          reply,
          page({
            form: { values: { ...values, number: number.e164, text: '' }, problems: [] },
            conversation: phone.conversation(number.e164),
            outcome: null,
            number: number.e164,
          }),
        );
    } else if (text === '') problems.push({ field: 'text', message: ctx.t('channels.sms.phone.error.textMissing') });
    else if ([...text].length > PHONE_TEXT_MAX) problems.push({ field: 'text', message: ctx.t('channels.sms.phone.error.textLong', { max: PHONE_TEXT_MAX }) });
    if (!number.ok || problems.length > 0) {
      const conversation = number.ok ? phone.conversation(number.e164) : null;
      return sendPage(reply, page({ form: { values, problems }, conversation, outcome: null, number: number.ok ? number.e164 : null }), 422);
    }
    const result = await phone.send(number.e164, shortCode, text);
    // The text box empties once sent, as a phone's does; kept when Kinga did not take it, to send again.
    const kept = result.kind === 'not-taken' ? values : { ...values, number: number.e164, text: '' };
    return sendPage(
      reply,
      page({ form: { values: kept, problems: [] }, conversation: result.conversation, outcome: result.kind, number: number.e164 }),
      result.kind === 'not-taken' ? 503 : 200,
    );
  });
}
