import { Layout } from '../../../platform/web/layout.tsx';
import {
  BackLink,
  Checkbox,
  CheckboxGroup,
  CodeField,
  DateInput,
  ErrorSummary,
  FileField,
  Form,
  PhoneNumberField,
  RadioGroup,
  ReferenceField,
  SecondaryButton,
  SubmitButton,
  TableRegion,
  TextArea,
  TextField,
  type FormState,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { COMPLAINT_SERVICES, EXTRA_SUPPORT_NEEDS, type FiledComplaint } from '../cases/complaint.types.ts';
import {
  DATE_EXAMPLE,
  DESCRIPTION_MAX,
  FILING_STEPS,
  OUTCOME_MAX,
  SUPPORT_DETAILS_MAX,
  isoDateOf,
  type DraftAnswers,
  type FilingStep,
} from './complaint-draft.ts';
import type { Draft } from './complaint-draft.service.ts';
import { SharedWithOperator } from './complaint-consent.views.tsx';
import { STATISTICS_PATH } from '../statistics/statistics.paths.ts';
import { FILING_PATHS, stepPath } from './filing.paths.ts';
import { FOLLOW_PATHS } from '../follow/follow.paths.ts';
import { typeChoice } from '../cases/complaint-file-name.ts';
import { sizeValue } from '../../../platform/i18n/index.ts';
import { RelatedGuide, type GuideTopic } from '../../learn/index.ts';

/** An operator as the pages name it. */
export interface OperatorChoice {
  id: string;
  name: string;
}

/** What the question pages show besides the answers: operators, categories and limits from the profile. */
export interface StepOptions {
  operators: readonly OperatorChoice[];
  categories: readonly string[];
  attachments: { maxBytes: number; types: readonly string[] };
  maxAttachments: number;
  /** The profile sends every complaint to its operator as soon as it is filed. */
  isDirectReferral: boolean;
  /** The rights guide each category links to (the learn module's profile settings). */
  categoryGuides: Readonly<Record<string, GuideTopic>>;
}

/**
 * How the consumer wants to be reached: by e-mail, or by text message to a mobile number for a
 * person without an address. E-mail is chosen until they choose otherwise.
 */
function ContactChoice({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  const choices = [
    { value: 'email', label: t('complaints.web.contactBy.email') },
    { value: 'sms', label: t('complaints.web.contactBy.sms') },
  ];
  const chosen = { ...form, values: { ...form.values, contactBy: form.values['contactBy'] || 'email' } };
  return (
    <RadioGroup
      form={chosen}
      name="contactBy"
      legend={t('complaints.web.contactBy.legend')}
      hint={t('complaints.web.contactBy.hint')}
      choices={choices}
      isRequired
    />
  );
}

/** The start page: what the consumer needs and how long it takes. */
export function StartPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaints.web.start.title')}>
      <BackLink href={FILING_PATHS.rights} label={t('complaints.web.back')} />
      <p class="lead">{t('complaints.web.start.lead')}</p>
      <h2>{t('complaints.web.start.needTitle')}</h2>
      <ul>
        <li>{t('complaints.web.start.need1')}</li>
        <li>{t('complaints.web.start.need2')}</li>
        <li>{t('complaints.web.start.need3')}</li>
        <li>{t('complaints.web.start.need4')}</li>
      </ul>
      <p>{t('complaints.web.start.time')}</p>
      <p>
        <a class="button" href={stepPath(FILING_STEPS[0])}>
          {t('complaints.web.start.button')}
        </a>
      </p>
      <h2>{t('complaints.web.start.laterTitle')}</h2>
      <p>{t('complaints.web.start.later')}</p>
      <p>
        <a href={FILING_PATHS.resume}>{t('complaints.web.start.resumeLink')}</a>
      </p>
      <p>
        <a href={STATISTICS_PATH}>{t('complaints.web.statisticsLink')}</a>
      </p>
      <RelatedGuide ctx={ctx} topic="complaints" />
    </Layout>
  );
}

/** The buttons under every question: continue, and save to come back later. */
function StepButtons({ ctx }: { ctx: PageContext }) {
  return (
    <div class="button-row">
      <SubmitButton>{ctx.t('complaints.web.continue')}</SubmitButton>
      <SecondaryButton name="action" value="save">
        {ctx.t('complaints.web.saveForLater')}
      </SecondaryButton>
    </div>
  );
}

/** Props of {@link StepPage}. */
export interface StepPageProps {
  ctx: PageContext;
  step: Exclude<FilingStep, 'evidence'>;
  form: FormState;
  /** The ticked values of checkbox groups, by field. */
  checked: Readonly<Record<string, readonly string[]>>;
  options: StepOptions;
  isChange: boolean;
  backHref: string;
}

/** One question page of the filing flow. */
export function StepPage(props: StepPageProps) {
  const { ctx, step, form, isChange } = props;
  const { t } = ctx;
  const title = t(`complaints.web.step.${step}.title`);
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={props.backHref} label={t('complaints.web.back')} />
      <p class="hint">{t('complaints.web.progress', { current: FILING_STEPS.indexOf(step) + 1, total: FILING_STEPS.length })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={stepPath(step)} label={title}>
        {isChange ? <input type="hidden" name="change" value="1" /> : null}
        <StepFields {...props} />
        <StepButtons ctx={ctx} />
      </Form>
      {step === 'problem' ? <CategoryGuides ctx={ctx} options={props.options} /> : null}
    </Layout>
  );
}

/** The rights guides of the categories offered, each once, in the categories' order: what the consumer may read before choosing. */
function CategoryGuides({ ctx, options }: { ctx: PageContext; options: StepOptions }) {
  const topics = [...new Set(options.categories.flatMap((c) => (options.categoryGuides[c] ? [options.categoryGuides[c]] : [])))];
  if (topics.length === 0) return null;
  return (
    <section aria-labelledby="category-guides">
      <h2 id="category-guides">{ctx.t('complaints.web.step.problem.guidesTitle')}</h2>
      {topics.map((topic) => (
        <RelatedGuide ctx={ctx} topic={topic} />
      ))}
    </section>
  );
}

function StepFields({ ctx, step, form, checked, options }: StepPageProps) {
  const { t } = ctx;
  const yesNo = [
    { value: 'yes', label: t('complaints.web.yes') },
    { value: 'no', label: t('complaints.web.no') },
  ];
  switch (step) {
    case 'operator':
      return (
        <CheckboxGroup
          form={form}
          name="operatorIds"
          legend={t('complaints.web.step.operator.legend')}
          hint={t('complaints.web.step.operator.hint')}
          choices={options.operators.map((o) => ({ value: o.id, label: o.name }))}
          checked={checked['operatorIds'] ?? []}
        />
      );
    case 'service':
      return (
        <>
          <RadioGroup
            form={form}
            name="service"
            legend={t('complaints.web.step.service.legend')}
            choices={COMPLAINT_SERVICES.map((s) => ({ value: s, label: t(`complaints.service.${s}`), hint: t(`complaints.web.serviceHint.${s}`) }))}
            isRequired
          />
          <h2>{t('complaints.web.step.account.title')}</h2>
          <p>{t('complaints.web.step.account.intro')}</p>
          <TextField
            form={form}
            name="accountNumber"
            autocomplete="off"
            label={t('complaints.web.step.account.accountNumber')}
            hint={t('complaints.web.step.account.accountNumberHint')}
          />
          <TextField
            form={form}
            name="serviceNumber"
            type="tel"
            autocomplete="off"
            label={t('complaints.web.step.account.serviceNumber')}
            hint={t('complaints.web.step.account.serviceNumberHint')}
          />
        </>
      );
    case 'problem':
      return (
        <RadioGroup
          form={form}
          name="category"
          legend={t('complaints.web.step.problem.legend')}
          hint={t('complaints.web.step.problem.hint')}
          choices={options.categories.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))}
          isRequired
        />
      );
    case 'what-happened':
      return (
        <>
          <TextArea
            form={form}
            name="description"
            label={t('complaints.web.step.what-happened.label')}
            hint={t('complaints.web.step.what-happened.hint', { max: DESCRIPTION_MAX })}
            rows={10}
            isRequired
          />
          <DateInput
            form={form}
            name="problemStart"
            legend={t('complaints.web.step.what-happened.startLegend')}
            hint={t('complaints.web.date.hint', { example: DATE_EXAMPLE })}
            labels={{ day: t('complaints.web.date.day'), month: t('complaints.web.date.month'), year: t('complaints.web.date.year') }}
          />
        </>
      );
    case 'outcome':
      return (
        <TextArea
          form={form}
          name="desiredOutcome"
          label={t('complaints.web.step.outcome.label')}
          hint={t('complaints.web.step.outcome.hint', { max: OUTCOME_MAX })}
          rows={5}
          isRequired
        />
      );
    case 'operator-contact':
      return (
        <>
          <RadioGroup
            form={form}
            name="contacted"
            legend={t('complaints.web.step.operator-contact.legend')}
            hint={t('complaints.web.step.operator-contact.hint')}
            choices={yesNo}
            isRequired
          />
          <DateInput
            form={form}
            name="contactDate"
            legend={t('complaints.web.step.operator-contact.dateLegend')}
            hint={t('complaints.web.date.hint', { example: DATE_EXAMPLE })}
            labels={{ day: t('complaints.web.date.day'), month: t('complaints.web.date.month'), year: t('complaints.web.date.year') }}
          />
          <TextField
            form={form}
            name="operatorReference"
            autocomplete="off"
            label={t('complaints.web.step.operator-contact.reference')}
            hint={t('complaints.web.step.operator-contact.referenceHint')}
          />
        </>
      );
    case 'your-details':
      return (
        <>
          <p>{t('complaints.web.step.your-details.intro')}</p>
          <TextField form={form} name="name" autocomplete="name" label={t('complaints.web.step.your-details.name')} isRequired />
          <ContactChoice ctx={ctx} form={form} />
          {/* Not marked required: a consumer who chose text messages may have no address. */}
          <TextField
            form={form}
            name="email"
            type="email"
            autocomplete="email"
            label={t('complaints.web.step.your-details.email')}
            hint={t('complaints.web.step.your-details.emailHint')}
          />
          <PhoneNumberField
            form={form}
            name="phone"
            label={t('complaints.web.step.your-details.phone')}
            hint={t('complaints.web.step.your-details.phoneHint')}
          />
        </>
      );
    case 'support':
      return (
        <>
          <p>{t('complaints.web.step.support.intro')}</p>
          <RadioGroup form={form} name="needsSupport" legend={t('complaints.web.step.support.legend')} choices={yesNo} isRequired />
          <CheckboxGroup
            form={form}
            name="extraSupport"
            legend={t('complaints.web.step.support.needsLegend')}
            hint={t('complaints.web.step.support.needsHint')}
            choices={EXTRA_SUPPORT_NEEDS.map((n) => ({ value: n, label: t(`complaints.extraSupport.${n}`), hint: t(`complaints.web.supportHint.${n}`) }))}
            checked={checked['extraSupport'] ?? []}
          />
          <TextArea
            form={form}
            name="extraSupportDetails"
            label={t('complaints.web.step.support.details')}
            hint={t('complaints.web.step.support.detailsHint', { max: SUPPORT_DETAILS_MAX })}
            rows={4}
          />
        </>
      );
    case 'consent':
      return (
        <>
          <p>{t('complaints.web.step.consent.intro')}</p>
          <ul>
            <li>{t('complaints.web.step.consent.point1')}</li>
            <SharedWithOperator ctx={ctx} isDirectReferral={options.isDirectReferral} />
            <li>{t('complaints.web.step.consent.point3')}</li>
          </ul>
          <Checkbox form={form} name="consent" label={t('complaints.web.step.consent.label')} />
        </>
      );
  }
}

/** Props of {@link EvidencePage}. */
export interface EvidencePageProps {
  ctx: PageContext;
  form: FormState;
  attachments: Draft['attachments'];
  options: StepOptions;
  isChange: boolean;
  backHref: string;
}

/**
 * The evidence page: upload one file at a time (checked by its first bytes), see and remove the
 * files kept, then continue. The upload form comes first: sent without a file it answers 422.
 */
export function EvidencePage({ ctx, form, attachments, options, isChange, backHref }: EvidencePageProps) {
  const { t, format } = ctx;
  const title = t('complaints.web.step.evidence.title');
  const canAdd = attachments.length < options.maxAttachments;
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={backHref} label={t('complaints.web.back')} />
      <p class="hint">{t('complaints.web.progress', { current: FILING_STEPS.indexOf('evidence') + 1, total: FILING_STEPS.length })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <p>{t('complaints.web.step.evidence.intro')}</p>
      {canAdd ? (
        <Form ctx={ctx} action={stepPath('evidence')} label={t('complaints.web.step.evidence.uploadLabel')} enctype="multipart/form-data">
          {isChange ? <input type="hidden" name="change" value="1" /> : null}
          <FileField
            form={form}
            name="file"
            label={t('complaints.web.step.evidence.file')}
            hint={t('complaints.web.step.evidence.fileHint', {
              types: typeChoice(options.attachments.types),
              size: sizeValue(options.attachments.maxBytes),
              max: options.maxAttachments,
            })}
            accept={options.attachments.types.join(',')}
          />
          <button type="submit" class="button button-secondary">
            {t('complaints.web.step.evidence.upload')}
          </button>
        </Form>
      ) : (
        <p>{t('complaints.web.step.evidence.full', { max: options.maxAttachments })}</p>
      )}
      <h2>{t('complaints.web.step.evidence.listTitle')}</h2>
      {attachments.length === 0 ? (
        <p>{t('complaints.web.step.evidence.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption class="visually-hidden">{t('complaints.web.step.evidence.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('complaints.web.step.evidence.name')}</th>
                <th scope="col">{t('complaints.web.step.evidence.size')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('complaints.web.step.evidence.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {attachments.map((a) => (
                <tr key={a.id}>
                  <td dir="auto">{a.name}</td>
                  <td>{t('complaints.web.kilobytes', { size: format.number(Math.max(1, Math.round(a.sizeBytes / 1024))) })}</td>
                  <td>
                    <Form ctx={ctx} action={FILING_PATHS.evidenceRemove} label={t('complaints.web.step.evidence.removeNamed', { name: a.name })}>
                      <input type="hidden" name="id" value={a.id} />
                      {isChange ? <input type="hidden" name="change" value="1" /> : null}
                      <button type="submit" class="link-button">
                        {t('complaints.web.step.evidence.remove')}
                        <span class="visually-hidden"> {a.name}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Form ctx={ctx} action={FILING_PATHS.evidenceContinue} label={t('complaints.web.continue')}>
        {isChange ? <input type="hidden" name="change" value="1" /> : null}
        <StepButtons ctx={ctx} />
      </Form>
    </Layout>
  );
}

/** One row of the check page: the question, the answer, and the link to change it. */
function AnswerRow({ ctx, label, value, step }: { ctx: PageContext; label: string; value: string; step: FilingStep }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd dir="auto">{value === '' ? ctx.t('complaints.web.check.notGiven') : value}</dd>
      <dd>
        <a href={stepPath(step, true)}>
          {ctx.t('complaints.web.check.change')}
          <span class="visually-hidden"> {label}</span>
        </a>
      </dd>
    </div>
  );
}

/** The check page: every answer with a link to change it, then the button that files the complaint. */
export function CheckAnswersPage({ ctx, draft, options, form }: { ctx: PageContext; draft: Draft; options: StepOptions; form: FormState }) {
  const { t, format } = ctx;
  const a: DraftAnswers = draft.answers;
  const names = (a.operatorIds ?? []).map((id) => options.operators.find((o) => o.id === id)?.name ?? id);
  const date = a.contacted === 'yes' ? isoDateOf(a.contactDateDay ?? '', a.contactDateMonth ?? '', a.contactDateYear ?? '') : undefined;
  const problemStart = isoDateOf(a.problemStartDay ?? '', a.problemStartMonth ?? '', a.problemStartYear ?? '');
  const contacted =
    a.contacted === 'yes'
      ? [t('complaints.web.yes'), date ? format.date(`${date}T12:00:00Z`) : '', a.operatorReference ?? ''].filter(Boolean).join('\n')
      : t('complaints.web.no');
  const support =
    a.needsSupport === 'yes'
      ? [...(a.extraSupport ?? []).map((n) => t(`complaints.extraSupport.${n}`)), a.extraSupportDetails ?? ''].filter(Boolean).join('\n')
      : t('complaints.web.no');
  const title = t('complaints.web.check.title');
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={stepPath('consent')} label={t('complaints.web.back')} />
      <ErrorSummary ctx={ctx} form={form} />
      <h2>{t('complaints.web.check.complaint')}</h2>
      <dl class="summary-list">
        <AnswerRow ctx={ctx} step="operator" label={t('complaints.web.check.operators')} value={names.join('\n')} />
        <AnswerRow ctx={ctx} step="service" label={t('complaints.web.check.service')} value={a.service ? t(`complaints.service.${a.service}`) : ''} />
        <AnswerRow ctx={ctx} step="service" label={t('complaints.web.step.account.accountNumber')} value={a.accountNumber ?? ''} />
        <AnswerRow ctx={ctx} step="service" label={t('complaints.web.step.account.serviceNumber')} value={a.serviceNumber ?? ''} />
        <AnswerRow ctx={ctx} step="problem" label={t('complaints.web.check.category')} value={a.category ? t(`complaints.category.${a.category}`) : ''} />
        <AnswerRow ctx={ctx} step="what-happened" label={t('complaints.web.check.description')} value={a.description ?? ''} />
        <AnswerRow
          ctx={ctx}
          step="what-happened"
          label={t('complaints.web.check.problemStart')}
          value={problemStart ? format.date(`${problemStart}T12:00:00Z`) : ''}
        />
        <AnswerRow ctx={ctx} step="outcome" label={t('complaints.web.check.outcome')} value={a.desiredOutcome ?? ''} />
        <AnswerRow ctx={ctx} step="operator-contact" label={t('complaints.web.check.contacted')} value={contacted} />
      </dl>
      <h2>{t('complaints.web.check.you')}</h2>
      <dl class="summary-list">
        <AnswerRow ctx={ctx} step="your-details" label={t('complaints.web.step.your-details.name')} value={a.name ?? ''} />
        <AnswerRow
          ctx={ctx}
          step="your-details"
          label={t('complaints.web.check.contactBy')}
          value={t(a.contactBy === 'sms' ? 'complaints.web.contactBy.sms' : 'complaints.web.contactBy.email')}
        />
        <AnswerRow ctx={ctx} step="your-details" label={t('complaints.web.step.your-details.email')} value={a.email ?? ''} />
        <AnswerRow ctx={ctx} step="your-details" label={t('complaints.web.step.your-details.phone')} value={a.phone ?? ''} />
        <AnswerRow ctx={ctx} step="support" label={t('complaints.web.check.support')} value={support} />
        <AnswerRow ctx={ctx} step="evidence" label={t('complaints.web.check.files')} value={draft.attachments.map((f) => f.name).join('\n')} />
      </dl>
      {names.length > 1 ? <p>{t('complaints.web.check.several', { count: names.length })}</p> : null}
      <h2>{t('complaints.web.check.sendTitle')}</h2>
      <p>{t('complaints.web.check.sendText')}</p>
      <Form ctx={ctx} action={FILING_PATHS.check} label={title}>
        <div class="button-row">
          <SubmitButton>{t('complaints.web.check.send')}</SubmitButton>
          <SecondaryButton name="action" value="save">
            {t('complaints.web.saveForLater')}
          </SecondaryButton>
        </div>
      </Form>
    </Layout>
  );
}

/** The confirmation: the filing reference and one case reference per operator, on screen. */
export function SentPage({ ctx, filed, operators }: { ctx: PageContext; filed: FiledComplaint; operators: readonly OperatorChoice[] }) {
  const { t, format } = ctx;
  const nameOf = (id: string) => operators.find((o) => o.id === id)?.name ?? id;
  // With the profile's direct referral the cases went to the providers at once: their deadline is the next one.
  const isReferred = filed.cases.some((c) => c.stage === 'referred_to_operator');
  return (
    <Layout ctx={ctx} title={t('complaints.web.sent.title')}>
      <div class="notice" role="status">
        <p>{t('complaints.web.sent.reference')}</p>
        <p class="reference" dir="ltr">
          {filed.reference}
        </p>
      </div>
      <p>{t('complaints.web.sent.email')}</p>
      {filed.cases.length > 1 ? <p>{t('complaints.web.sent.linked', { count: filed.cases.length })}</p> : null}
      <TableRegion>
        <table>
          <caption>{t('complaints.web.sent.casesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaints.web.sent.operator')}</th>
              <th scope="col">{t('complaints.web.sent.caseReference')}</th>
              <th scope="col">{t(isReferred ? 'complaints.web.sent.dueReferred' : 'complaints.web.sent.due')}</th>
            </tr>
          </thead>
          <tbody>
            {filed.cases.map((c) => (
              <tr key={c.reference}>
                <td>{nameOf(c.operatorId)}</td>
                <td>
                  <strong dir="ltr">{c.reference}</strong>
                </td>
                <td>{c.deadlines[0] ? format.date(c.deadlines[0].dueAt) : '-'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t('complaints.web.sent.nextTitle')}</h2>
      <p>{t(isReferred ? 'complaints.web.sent.nextReferred' : 'complaints.web.sent.next')}</p>
      <p>
        <a href={FOLLOW_PATHS.follow}>{t('complaints.web.sent.followLink')}</a>
      </p>
    </Layout>
  );
}

/** Save and come back later: the address the reference and the code go to. */
export function SavePage({ ctx, form, backHref }: { ctx: PageContext; form: FormState; backHref: string }) {
  const { t } = ctx;
  const title = t('complaints.web.save.title');
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={backHref} label={t('complaints.web.back')} />
      <ErrorSummary ctx={ctx} form={form} />
      <p>{t('complaints.web.save.intro')}</p>
      <Form ctx={ctx} action={FILING_PATHS.save} label={title}>
        <ContactChoice ctx={ctx} form={form} />
        <TextField
          form={form}
          name="email"
          type="email"
          autocomplete="email"
          label={t('complaints.web.save.email')}
          hint={t('complaints.web.save.emailHint')}
        />
        <PhoneNumberField form={form} name="phone" label={t('complaints.web.save.phone')} hint={t('complaints.web.save.phoneHint')} />
        <SubmitButton>{t('complaints.web.save.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The draft is saved: its reference, until when, and where to come back. */
export function SavedPage({
  ctx,
  reference,
  expiresAt,
  continueHref,
  isTexted,
}: {
  ctx: PageContext;
  reference: string;
  expiresAt: string;
  continueHref: string;
  /** The code went by text message, not by e-mail. */
  isTexted: boolean;
}) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaints.web.saved.title')}>
      <div class="notice" role="status">
        <p>{t('complaints.web.saved.reference')}</p>
        <p class="reference" dir="ltr">
          {reference}
        </p>
      </div>
      <p>{t(isTexted ? 'complaints.web.saved.sms' : 'complaints.web.saved.email', { until: format.date(expiresAt) })}</p>
      <p>{t('complaints.web.saved.how')}</p>
      <p>
        <a href={continueHref}>{t('complaints.web.saved.continue')}</a>
      </p>
    </Layout>
  );
}

/** Come back to a saved complaint: its reference and the code from the e-mail, in any browser. */
export function ResumePage({ ctx, form, newCodeForm, isCodeSent }: { ctx: PageContext; form: FormState; newCodeForm: FormState; isCodeSent: boolean }) {
  const { t } = ctx;
  const title = t('complaints.web.resume.title');
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={FILING_PATHS.start} label={t('complaints.web.back')} />
      <ErrorSummary ctx={ctx} form={form.problems.length > 0 ? form : newCodeForm} />
      {isCodeSent ? (
        <div class="notice" role="status">
          <p>{t('complaints.web.resume.sent')}</p>
        </div>
      ) : null}
      <p>{t('complaints.web.resume.intro')}</p>
      <Form ctx={ctx} action={FILING_PATHS.resume} label={title}>
        <ReferenceField form={form} name="reference" label={t('complaints.web.resume.reference')} hint={t('complaints.web.resume.referenceHint')} />
        <CodeField form={form} label={t('complaints.web.resume.code')} hint={t('complaints.web.resume.codeHint')} />
        <SubmitButton>{t('complaints.web.resume.submit')}</SubmitButton>
      </Form>
      <h2>{t('complaints.web.resume.newCodeTitle')}</h2>
      <p>{t('complaints.web.resume.newCodeIntro')}</p>
      <Form ctx={ctx} action={FILING_PATHS.resumeNewCode} label={t('complaints.web.resume.newCodeTitle')}>
        <TextField form={newCodeForm} name="newCodeReference" autocomplete="off" label={t('complaints.web.resume.reference')} isRequired />
        <button type="submit" class="button button-secondary">
          {t('complaints.web.resume.newCodeSubmit')}
        </button>
      </Form>
    </Layout>
  );
}
