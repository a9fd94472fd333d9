import { BackLink, ErrorSummary, Form, SubmitButton, TextArea, type FormState } from '../../../platform/web/components.tsx';
import { SimulatedPhoneFields } from '../simulated-phone.views.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { Layout } from '../../../platform/web/layout.tsx';
import { USSD_SIMULATOR_PATH } from '../ussd/ussd.paths.ts';
import { PHONE_TEXT_MAX, type PhoneSendResult, type PhoneText } from './sms-phone.service.ts';
import { SMS_PHONE_PATH } from './sms-phone.paths.ts';

/** The first keyword of each service in the page's language, and the short codes, for the examples. */
export interface PhoneKeywords {
  imei: string | undefined;
  status: string | undefined;
  theft: string | undefined;
  scam: string | undefined;
  stop: string | undefined;
  start: string | undefined;
  help: string | undefined;
  shortCode: string;
  scamShortCode: string | undefined;
}

/** Props of {@link SmsPhonePage}. */
export interface SmsPhonePageProps {
  ctx: PageContext;
  /** Whether this process runs the demo's SMS centre; without it the page only says so. */
  isAvailable: boolean;
  form: FormState;
  shortCodes: readonly string[];
  keywords: PhoneKeywords;
  /** The texts of the phone's number, oldest first, or null when no number is known yet. */
  conversation: readonly PhoneText[] | null;
  /** What the send just done came to, or null when nothing was sent. */
  outcome: PhoneSendResult['kind'] | null;
  /** The number whose conversation is shown, for "Refresh". */
  number: string | null;
}

/** An IMEI whose check digit is right, for the example of a check. */
const EXAMPLE_IMEI = '490154203237518';

/** A text as the phone shows it, its line breaks kept. */
function TextLines({ text }: { text: string }) {
  return <p dir="auto">{text.split('\n').flatMap((line, i) => (i > 0 ? [<br key={i} />, line] : [line]))}</p>;
}

/** The keywords of the page's language, each with what it does, as texts to try. */
function KeywordExamples({ ctx, keywords }: { ctx: PageContext; keywords: PhoneKeywords }) {
  const { t } = ctx;
  const examples: { text: string; what: string }[] = [];
  if (keywords.imei !== undefined) examples.push({ text: `${keywords.imei} ${EXAMPLE_IMEI}`, what: t('channels.sms.phone.keyword.imei') });
  if (keywords.status !== undefined) examples.push({ text: keywords.status, what: t('channels.sms.phone.keyword.status') });
  if (keywords.theft !== undefined) examples.push({ text: keywords.theft, what: t('channels.sms.phone.keyword.theft') });
  if (keywords.scam !== undefined) examples.push({ text: keywords.scam, what: t('channels.sms.phone.keyword.scam') });
  if (keywords.stop !== undefined) examples.push({ text: keywords.stop, what: t('channels.sms.phone.keyword.stop') });
  if (keywords.start !== undefined) examples.push({ text: keywords.start, what: t('channels.sms.phone.keyword.start') });
  if (keywords.help !== undefined) examples.push({ text: keywords.help, what: t('channels.sms.phone.keyword.help') });
  return (
    <section aria-labelledby="sms-keywords-heading">
      <h2 id="sms-keywords-heading">{t('channels.sms.phone.keywords')}</h2>
      <p>{t('channels.sms.phone.keywordsIntro', { shortCode: keywords.shortCode })}</p>
      <dl class="summary-list summary-list-plain">
        {examples.map((example) => (
          <div key={example.text}>
            <dt>
              <code dir="auto">{example.text}</code>
            </dt>
            <dd>{example.what}</dd>
          </div>
        ))}
      </dl>
      {keywords.scamShortCode !== undefined ? <p>{t('channels.sms.phone.scamShortCode', { scamShortCode: keywords.scamShortCode })}</p> : null}
    </section>
  );
}

/** The texts of the number, oldest first, each said as sent or received, then a way to look again. */
function Conversation({ ctx, conversation, form, number }: { ctx: PageContext; conversation: readonly PhoneText[]; form: FormState; number: string | null }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="sms-conversation-heading">
      <h2 id="sms-conversation-heading">{t('channels.sms.phone.conversation')}</h2>
      {conversation.length === 0 ? (
        <p>{t('channels.sms.phone.noTexts')}</p>
      ) : (
        <ol data-sms-conversation>
          {conversation.map((text, i) => (
            <li key={i} data-sms={text.direction} class={text.direction === 'received' ? 'notice' : undefined}>
              <p>
                <strong>
                  {text.direction === 'sent' ? t('channels.sms.phone.sentTo', { peer: text.peer }) : t('channels.sms.phone.receivedFrom', { peer: text.peer })}
                </strong>
              </p>
              <TextLines text={text.text} />
            </li>
          ))}
        </ol>
      )}
      {number !== null ? (
        // A form, not a link: the number stays out of the URL.
        <form method="post" action={SMS_PHONE_PATH} class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <input type="hidden" name="number" value={number} />
          <input type="hidden" name="shortCode" value={form.values['shortCode'] ?? ''} />
          <button type="submit" class="link-button" name="refresh" value="1">
            {t('channels.sms.phone.refresh')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/**
 * "Try texts": a feature phone played in the browser. A text sent here reaches the demo's SMS
 * centre on loopback as a phone's `deliver_sm`, and Kinga answers it through its real path; each
 * send is a whole page, no script needed.
 */
export function SmsPhonePage({ ctx, isAvailable, form, shortCodes, keywords, conversation, outcome, number }: SmsPhonePageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('channels.sms.phone.title')}>
      <BackLink href="/staff" label={t('channels.sms.phone.back')} />
      {isAvailable ? (
        <>
          <p>{t('channels.sms.phone.intro')}</p>
          <ErrorSummary ctx={ctx} form={form} />
          {outcome === 'no-reply-yet' ? (
            <p class="notice" role="status">
              {t('channels.sms.phone.noReplyYet')}
            </p>
          ) : null}
          {outcome === 'not-taken' ? (
            <p class="fallback-notice" role="alert">
              {t('channels.sms.phone.notTaken')}
            </p>
          ) : null}
          {conversation !== null ? <Conversation ctx={ctx} conversation={conversation} form={form} number={number} /> : null}
          <Form ctx={ctx} action={SMS_PHONE_PATH} label={t('channels.sms.phone.formLabel')}>
            <SimulatedPhoneFields
              form={form}
              numberLabel={t('channels.sms.phone.number')}
              numberHint={t('channels.sms.phone.numberHint')}
              codeName="shortCode"
              codeLabel={t('channels.sms.phone.shortCode')}
              codes={shortCodes}
            />
            <TextArea
              form={form}
              name="text"
              rows={3}
              label={t('channels.sms.phone.text')}
              hint={t('channels.sms.phone.textHint', { max: PHONE_TEXT_MAX })}
              isRequired
            />
            <SubmitButton>{t('channels.sms.phone.send')}</SubmitButton>
          </Form>
          <KeywordExamples ctx={ctx} keywords={keywords} />
        </>
      ) : (
        <p class="notice">{t('channels.sms.phone.unavailable')}</p>
      )}
      <p>
        <a href={USSD_SIMULATOR_PATH}>{t('channels.sms.phone.toUssd')}</a>
      </p>
    </Layout>
  );
}
