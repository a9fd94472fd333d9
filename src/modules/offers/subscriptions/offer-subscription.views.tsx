import { Layout } from '../../../platform/web/layout.tsx';
import { CodeField, ErrorSummary, Form, PhoneNumberField, RadioGroup, SubmitButton, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { summaryPath, summaryPdfPath } from '../summary/offer-summary.views.tsx';
import { SUBSCRIPTION_PATHS } from './subscriptions.paths.ts';

const offerLink = (planId: string, language: string) => `/offers/${encodeURIComponent(planId)}?lang=${language}`;

/** The subscribe form: an e-mail address, a mobile number or both (then where to be told), sent with POST and the anti-forgery token. */
export function SubscribeForm({ ctx, planId, form, isHeadingShown = true }: { ctx: PageContext; planId: string; form: FormState; isHeadingShown?: boolean }) {
  const { t } = ctx;
  return (
    <>
      {isHeadingShown ? <h2 id="subscribe-title">{t('offers.subscribe.title')}</h2> : null}
      <p>{t('offers.subscribe.intro')}</p>
      <Form ctx={ctx} action={`${SUBSCRIPTION_PATHS.subscribe(planId)}?lang=${ctx.language}`} label={t('offers.subscribe.title')}>
        <TextField form={form} name="email" type="email" autocomplete="email" label={t('offers.subscribe.email')} hint={t('offers.subscribe.emailHint')} />
        <PhoneNumberField form={form} name="phone" label={t('offers.subscribe.phone')} hint={t('offers.subscribe.phoneHint')} />
        <RadioGroup
          form={form}
          name="notifyBy"
          legend={t('offers.subscribe.notifyBy')}
          hint={t('offers.subscribe.notifyByHint')}
          choices={[
            { value: 'email', label: t('offers.subscribe.notifyByEmail') },
            { value: 'sms', label: t('offers.subscribe.notifyBySms') },
          ]}
        />
        <SubmitButton>{t('offers.subscribe.submit')}</SubmitButton>
      </Form>
      <p class="hint">{t('offers.subscribe.privacy')}</p>
    </>
  );
}

/** What the offer page adds under the facts: the contract summary and the subscribe form. */
export function OfferPortalSection({ ctx, planId, onDate }: { ctx: PageContext; planId: string; onDate: string }) {
  const { t } = ctx;
  const query = `on=${onDate}&lang=${ctx.language}`;
  return (
    <>
      <h2>{t('offers.summary.linkTitle')}</h2>
      <ul>
        <li>
          <a href={`${summaryPath(planId)}?${query}`}>{t('offers.summary.pageLink')}</a>
        </li>
        <li>
          <a href={`${summaryPdfPath(planId)}?${query}`} type="application/pdf">
            {t('offers.summary.pdfLink')}
          </a>
        </li>
      </ul>
      <section aria-labelledby="subscribe-title">
        <SubscribeForm ctx={ctx} planId={planId} form={{ values: {}, problems: [] }} />
      </section>
    </>
  );
}

/** The subscribe form alone, shown again with its errors. */
export function SubscribePage({ ctx, planId, planName, form }: { ctx: PageContext; planId: string; planName: string; form: FormState }) {
  return (
    <Layout ctx={ctx} title={ctx.t('offers.subscribe.pageTitle', { plan: planName })}>
      <ErrorSummary ctx={ctx} form={form} />
      <SubscribeForm ctx={ctx} planId={planId} form={form} isHeadingShown={false} />
      <p>
        <a href={offerLink(planId, ctx.language)}>{ctx.t('offers.summary.backToOffer')}</a>
      </p>
    </Layout>
  );
}

/** A step of a subscription done: its title, its notice and the way back to the offer. */
function DonePage({ ctx, planId, step, body }: { ctx: PageContext; planId: string; step: 'sent' | 'confirmed' | 'unsubscribed'; body?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(`offers.subscribe.${step}.title`)}>
      <div class="notice" role="status">
        <p>{body ?? t(`offers.subscribe.${step}.body`)}</p>
      </div>
      <p>
        <a href={offerLink(planId, ctx.language)}>{t('offers.summary.backToOffer')}</a>
      </p>
    </Layout>
  );
}

/** The same answer whether or not the address was subscribed already. */
export function SubscribeSentPage({ ctx, planId }: { ctx: PageContext; planId: string }) {
  return <DonePage ctx={ctx} planId={planId} step="sent" />;
}

/** The page a confirmation link opens: one button, so that mail scanners following links confirm nothing. */
export function ConfirmPage({ ctx, token }: { ctx: PageContext; token: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('offers.subscribe.confirm.title')}>
      <p>{t('offers.subscribe.confirm.body')}</p>
      <Form ctx={ctx} action={`${SUBSCRIPTION_PATHS.confirm}?lang=${ctx.language}`} label={t('offers.subscribe.confirm.title')}>
        <input type="hidden" name="token" value={token} />
        <SubmitButton>{t('offers.subscribe.confirm.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** A subscription confirmed, saying how its notices come and how to stop them. */
export function ConfirmedPage({ ctx, planId, channel = 'email' }: { ctx: PageContext; planId: string; channel?: 'email' | 'sms' }) {
  return <DonePage ctx={ctx} planId={planId} step="confirmed" body={channel === 'sms' ? ctx.t('offers.subscribe.confirmed.bodySms') : undefined} />;
}

/** The code texted to the number, typed in the browser that asked; nothing names the number. */
export function SubscribeCodePage({ ctx, planId, form }: { ctx: PageContext; planId: string; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('offers.subscribe.code.title')}>
      <p>{t('offers.subscribe.code.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={`${SUBSCRIPTION_PATHS.code}?lang=${ctx.language}`} label={t('offers.subscribe.code.title')}>
        <input type="hidden" name="plan" value={planId} />
        <CodeField form={form} label={t('offers.subscribe.code.label')} />
        <SubmitButton>{t('offers.subscribe.code.submit')}</SubmitButton>
      </Form>
      {planId === '' ? null : (
        <p>
          <a href={`${SUBSCRIPTION_PATHS.subscribe(planId)}?lang=${ctx.language}`}>{t('offers.subscribe.code.restart')}</a>
        </p>
      )}
    </Layout>
  );
}

/** A subscription ended. */
export function UnsubscribedPage({ ctx, planId }: { ctx: PageContext; planId: string }) {
  return <DonePage ctx={ctx} planId={planId} step="unsubscribed" />;
}

/** A confirmation or unsubscribe link that is spent, lapsed or mistyped. */
export function LinkInvalidPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('offers.subscribe.invalid.title')}>
      <p>{t('offers.subscribe.invalid.body')}</p>
      <p>
        <a href={`/offers/compare?lang=${ctx.language}`}>{t('offers.label.back')}</a>
      </p>
    </Layout>
  );
}
