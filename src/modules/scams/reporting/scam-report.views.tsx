import { RelatedGuide } from '../../learn/index.ts';
import { Layout } from '../../../platform/web/layout.tsx';
import {
  BackLink,
  CodeField,
  DateInput,
  ErrorSummary,
  FileField,
  Form,
  PhoneNumberField,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
  type FormState,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { SCAM_MEDIA } from './scam-report.service.ts';
import { SCAM_REPORT_PATHS } from './scam-report.paths.ts';
import type { FiledReportView, ReportFormRules, TriageContact, TriageContacts } from './scam-report-web.presenter.ts';

const MEDIUM_KEYS = SCAM_MEDIA;
const SIM_STEPS = ['sim1', 'sim2', 'sim3', 'sim4', 'sim5'] as const;
const MONEY_STEPS = ['money1', 'money2'] as const;

/** A masked number inside a sentence, kept left to right on right-to-left pages. */
const isolatedNumber = (masked: string) => `\u2066${masked}\u2069`;

/** Step 1, the triage question: a person who lost money or whose SIM stopped working is shown what to do at once, before anything else. */
export function ReportTriagePage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.reporting.page.start.title')}>
      <p class="lead">{t('scams.reporting.page.start.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={SCAM_REPORT_PATHS.start} label={t('scams.reporting.page.start.title')}>
        <RadioGroup
          form={form}
          name="harm"
          legend={t('scams.reporting.triage.question')}
          hint={t('scams.reporting.triage.hint')}
          isLegendLarge
          isRequired
          choices={[
            { value: 'yes', label: t('scams.reporting.triage.yes') },
            { value: 'no', label: t('scams.reporting.triage.no') },
          ]}
        />
        <SubmitButton>{t('scams.reporting.triage.continue')}</SubmitButton>
      </Form>
      <RelatedGuide ctx={ctx} topic="scams" />
    </Layout>
  );
}

function ContactList({ ctx, title, contacts }: { ctx: PageContext; title: string; contacts: readonly TriageContact[] }) {
  if (contacts.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {contacts.map((c) => (
          <li key={`${c.name}-${c.dial}`}>
            <a href={`tel:${c.dial}`}>
              <bdi>{c.name}</bdi>
              {ctx.t('scams.reporting.triage.urgent.separator')}
              <span dir="ltr">{c.phone}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** What to do now when money was lost or a SIM stopped working: the profile's numbers to call, the SIM-swap checklist, then the way on to the report. */
export function ReportUrgentPage({ ctx, contacts }: { ctx: PageContext; contacts: TriageContacts }) {
  const { t } = ctx;
  const hasContacts = contacts.police.length + contacts.banks.length + contacts.mobileMoney.length > 0;
  return (
    <Layout ctx={ctx} title={t('scams.reporting.triage.urgent.title')}>
      <BackLink href={SCAM_REPORT_PATHS.start} label={t('scams.reporting.page.back')} />
      <p class="lead">{t('scams.reporting.triage.urgent.intro')}</p>
      <h2>{t('scams.reporting.triage.urgent.callTitle')}</h2>
      {hasContacts ? null : <p>{t('scams.reporting.triage.urgent.noContacts')}</p>}
      <ContactList ctx={ctx} title={t('scams.reporting.triage.urgent.policeTitle')} contacts={contacts.police} />
      <ContactList ctx={ctx} title={t('scams.reporting.triage.urgent.banksTitle')} contacts={contacts.banks} />
      <ContactList ctx={ctx} title={t('scams.reporting.triage.urgent.mobileMoneyTitle')} contacts={contacts.mobileMoney} />
      <h2>{t('scams.reporting.triage.urgent.moneyTitle')}</h2>
      <ol>
        {MONEY_STEPS.map((step) => (
          <li key={step}>{t(`scams.reporting.triage.urgent.${step}`)}</li>
        ))}
      </ol>
      <h2>{t('scams.reporting.triage.urgent.simTitle')}</h2>
      <ol>
        {SIM_STEPS.map((step) => (
          <li key={step}>{t(`scams.reporting.triage.urgent.${step}`)}</li>
        ))}
      </ol>
      <p>{t('scams.reporting.triage.urgent.then')}</p>
      <p>
        <a class="button" href={SCAM_REPORT_PATHS.number}>
          {t('scams.reporting.triage.urgent.continue')}
        </a>
      </p>
    </Layout>
  );
}

/** Step 2: the reporter's mobile number, to which a code is sent by text. */
export function ReportNumberPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.reporting.page.number.title')}>
      <BackLink href={SCAM_REPORT_PATHS.start} label={t('scams.reporting.page.back')} />
      <p>{t('scams.reporting.page.number.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={SCAM_REPORT_PATHS.number} label={t('scams.reporting.page.number.title')}>
        <PhoneNumberField form={form} name="phone" label={t('scams.reporting.page.number.label')} hint={t('scams.reporting.page.number.hint')} isRequired />
        <SubmitButton>{t('scams.reporting.page.number.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** Step 3: the code sent by text to the masked number, with the way back to send a new one. */
export function ReportCodePage({ ctx, form, maskedNumber, minutes }: { ctx: PageContext; form: FormState; maskedNumber: string; minutes: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.reporting.page.code.title')}>
      <p>{t('scams.reporting.page.code.intro', { number: isolatedNumber(maskedNumber), minutes })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={SCAM_REPORT_PATHS.code} label={t('scams.reporting.page.code.title')}>
        <CodeField form={form} label={t('scams.reporting.page.code.label')} />
        <SubmitButton>{t('scams.reporting.page.code.submit')}</SubmitButton>
      </Form>
      <p>
        <a href={SCAM_REPORT_PATHS.number}>{t('scams.reporting.page.code.restart')}</a>
      </p>
    </Layout>
  );
}

/** Step 4: the report itself; the screenshot comes last, so a body cut at the size limit keeps the text fields. */
export function ReportDetailsPage({ ctx, form, rules, maskedNumber }: { ctx: PageContext; form: FormState; rules: ReportFormRules; maskedNumber: string }) {
  const { t, format } = ctx;
  const w = (key: string, values?: Record<string, string | number>) => t(`scams.reporting.page.details.${key}`, values);
  return (
    <Layout ctx={ctx} title={w('title')}>
      <p>{w('intro', { number: isolatedNumber(maskedNumber) })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={SCAM_REPORT_PATHS.details} label={w('title')} enctype="multipart/form-data">
        <TextField form={form} name="sender" autocomplete="off" dir="ltr" label={w('sender')} hint={w('senderHint')} isRequired />
        <DateInput
          form={form}
          name="occurredAt"
          legend={w('occurredAt')}
          hint={w('occurredAtHint', { days: rules.reportWindowDays })}
          labels={{ day: w('day'), month: w('month'), year: w('year') }}
        />
        <TextField form={form} name="occurredTime" autocomplete="off" dir="ltr" label={w('time')} hint={w('timeHint')} />
        <RadioGroup form={form} name="medium" legend={w('medium')} isRequired choices={MEDIUM_KEYS.map((m) => ({ value: m, label: t(`scams.medium.${m}`) }))} />
        <SelectField
          form={form}
          name="category"
          label={w('category')}
          placeholder={w('categoryChoose')}
          isRequired
          options={rules.categories.map((c) => ({ value: c, label: t(`scams.category.${c}`) }))}
        />
        <TextArea form={form} name="text" label={w('text')} hint={w('textHint', { max: rules.maxTextChars })} maxLength={rules.maxTextChars} isRequired />
        <RadioGroup
          form={form}
          name="contactKind"
          legend={w('contactKind')}
          hint={w('contactKindHint')}
          choices={[
            { value: 'sms', label: w('contactSms', { number: isolatedNumber(maskedNumber) }) },
            { value: 'email', label: w('contactEmail') },
            { value: 'none', label: w('contactNone') },
          ]}
        />
        <TextField form={form} name="contact" type="email" autocomplete="email" dir="ltr" label={w('contact')} hint={w('contactHint')} />
        <FileField
          form={form}
          name="screenshot"
          label={w('screenshot')}
          hint={w('screenshotHint', { size: format.number(rules.screenshotMegabytes) })}
          accept="image/png,image/jpeg,image/webp"
        />
        <SubmitButton>{w('submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The confirmation: the reference, what happens next, and the links the report named, defanged and never as links. */
export function ReportDonePage({ ctx, filed }: { ctx: PageContext; filed: FiledReportView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.reporting.page.done.title')}>
      <div class="notice" role="status">
        <p>
          {t('scams.reporting.page.done.reference')} <strong dir="ltr">{filed.reference}</strong>
        </p>
      </div>
      {filed.isLate ? <p>{t('scams.reporting.page.done.late', { days: filed.reportWindowDays })}</p> : null}
      <h2>{t('scams.reporting.page.done.nextTitle')}</h2>
      <p>{t('scams.reporting.page.done.next1')}</p>
      <p>{t('scams.reporting.page.done.next2')}</p>
      {filed.defangedLinks.length > 0 ? (
        <>
          <p>{t('scams.reporting.page.done.links')}</p>
          <ul>
            {filed.defangedLinks.map((link) => (
              <li key={link}>
                <code dir="ltr">{link}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={SCAM_REPORT_PATHS.start}>{t('scams.reporting.page.done.another')}</a>
      </p>
    </Layout>
  );
}
