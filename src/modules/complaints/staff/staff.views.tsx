import { Layout } from '../../../platform/web/layout.tsx';
import {
  BackLink,
  Checkbox,
  CheckboxGroup,
  DateInput,
  ErrorSummary,
  Form,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
  type FormState,
  StatusNotice,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import { listValue, sayValue } from '../../../platform/i18n/index.ts';
import type { CaseSummary } from '../cases/case-summary.presenter.ts';
import type { CaseDetail } from '../cases/case-detail.presenter.ts';
import { COMPLAINT_SERVICES, COMPLAINT_STAGES, EXTRA_SUPPORT_NEEDS, type ComplaintStage } from '../cases/complaint.types.ts';
import { nextStages } from '../cases/complaint-stages.ts';
import { SharedWithOperator } from '../filing/complaint-consent.views.tsx';
import { DEFAULT_SORT, FIRST_DIRECTION, type CaseListPage } from '../cases/complaint-list-page.ts';
import { STATISTICS_PATH } from '../statistics/statistics.paths.ts';
import { COMPLAINT_PATHS, staffCasePath } from './staff.paths.ts';
import { Attachments, CasePageFrame, CaseTable, CasesPage, ConsumerFacts, MessageForm, ProblemFacts, Section, Timeline } from '../cases/case.views.tsx';
import type { CasePageForms, ListedCases } from '../cases/case.views.tsx';
import { DATE_EXAMPLE } from '../filing/complaint-draft.ts';

/** A choice list entry. */
interface Option {
  value: string;
  label: string;
}

/** The regulator's queue with its filters (a GET form, so it works without scripts and can be bookmarked), a page at a time. */
export function QueuePage({
  ctx,
  listed,
  filter,
  operators,
  categories,
  now,
}: {
  ctx: PageContext;
  listed: CaseListPage<CaseSummary>;
  filter: Record<string, string>;
  operators: readonly Option[];
  categories: readonly string[];
  now: string;
}) {
  const { t } = ctx;
  const form: FormState = { values: filter, problems: [] };
  const any = t('complaints.staff.filter.any');
  const isDefaultOrder = listed.sort === DEFAULT_SORT && listed.direction === FIRST_DIRECTION[DEFAULT_SORT];
  return (
    <Layout ctx={ctx} title={t('complaints.staff.queue.title')}>
      <p>{t('complaints.staff.queue.intro')}</p>
      <p>
        <a href={COMPLAINT_PATHS.newCase}>{t('complaints.staff.new.link')}</a> · <a href={COMPLAINT_PATHS.privacy}>{t('complaints.staff.privacy.link')}</a> ·{' '}
        <a href={STATISTICS_PATH}>{t('complaints.staff.statisticsLink')}</a>
      </p>
      <form method="get" action={COMPLAINT_PATHS.queue} aria-label={t('complaints.staff.filter.label')}>
        <SelectField
          form={form}
          name="stage"
          label={t('complaints.staff.stage')}
          placeholder={any}
          options={COMPLAINT_STAGES.map((s) => ({ value: s, label: t(`complaints.stage.${s}`) }))}
        />
        <SelectField form={form} name="operator" label={t('complaints.staff.operator')} placeholder={any} options={operators} />
        <SelectField
          form={form}
          name="category"
          label={t('complaints.staff.category')}
          placeholder={any}
          options={categories.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))}
        />
        <Checkbox form={form} name="overdue" label={t('complaints.staff.filter.overdue')} />
        <Checkbox form={form} name="extraSupport" label={t('complaints.staff.filter.extraSupport')} />
        {/* A new filter keeps the order chosen and starts again at the first page. */}
        {isDefaultOrder ? null : (
          <>
            <input type="hidden" name="sort" value={listed.sort} />
            <input type="hidden" name="dir" value={listed.direction} />
          </>
        )}
        <button type="submit" class="button">
          {t('complaints.staff.filter.submit')}
        </button>
      </form>
      <CaseTable
        ctx={ctx}
        list={{ listed, path: COMPLAINT_PATHS.queue, filter }}
        hrefOf={staffCasePath}
        now={now}
        caption={t('complaints.staff.queue.title')}
        nameOf={(id) => operators.find((o) => o.value === id)?.label ?? id}
      />
    </Layout>
  );
}

function CaseFacts({ ctx, detail }: { ctx: PageContext; detail: CaseDetail }) {
  const { t, format } = ctx;
  return (
    <dl>
      <dt>{t('complaints.staff.stage')}</dt>
      <dd>
        {t(`complaints.stage.${detail.stage}`)}
        {detail.isClockStopped ? <strong> ({t('complaints.staff.clockStopped')})</strong> : null}
      </dd>
      <dt>{t('complaints.staff.filingReference')}</dt>
      <dd>
        <bdi dir="ltr">{detail.filingReference}</bdi>
      </dd>
      <dt>{t('complaints.staff.operator')}</dt>
      <dd>{detail.operatorName}</dd>
      <dt>{t('complaints.staff.service')}</dt>
      <dd>{t(`complaints.service.${detail.service}`)}</dd>
      <dt>{t('complaints.staff.category')}</dt>
      <dd>{t(`complaints.category.${detail.category}`)}</dd>
      <dt>{t('complaints.staff.channel')}</dt>
      <dd>{t(`complaints.channel.${detail.channel}`)}</dd>
      {detail.onBehalfConsentAt ? (
        <>
          <dt>{t('complaints.staff.onBehalf.consent')}</dt>
          <dd>{t('complaints.staff.onBehalf.recorded', { at: format.dateTime(detail.onBehalfConsentAt) })}</dd>
        </>
      ) : null}
      <dt>{t('complaints.staff.filed')}</dt>
      <dd>{format.dateTime(detail.filedAt)}</dd>
      <ConsumerFacts ctx={ctx} consumer={detail.consumer} contacts={detail.consumer} />
      {detail.hasExtraSupport ? (
        <>
          <dt>{t('complaints.staff.extraSupport')}</dt>
          <dd>
            {sayValue(listValue(detail.extraSupport.map((n) => t(`complaints.extraSupport.${n}`))), ctx.language)}
            {detail.extraSupportDetails ? (
              <p>
                <bdi>{detail.extraSupportDetails}</bdi>
              </p>
            ) : null}
          </dd>
        </>
      ) : null}
      <ProblemFacts ctx={ctx} detail={detail} />
    </dl>
  );
}

/** The forms of the staff case page, each with its own errors. */
export type CaseForms = CasePageForms<'assign' | 'note' | 'message' | 'ask' | 'decide' | 'implementation'>;

/** The cases a consumer association filed for consumers, with their stage and running deadline. */
export function AssociationListPage(props: ListedCases) {
  return (
    <CasesPage {...props} words="complaints.association.list" path={COMPLAINT_PATHS.associationList} hrefOf={null}>
      <p>
        <a href={COMPLAINT_PATHS.newCase}>{props.ctx.t('complaints.staff.new.associationTitle')}</a>
      </p>
    </CasesPage>
  );
}

/** One case as regulator staff work it: facts, deadlines, history, and every action the stage allows. */
export function StaffCasePage({
  ctx,
  detail,
  forms = {},
  staff,
  notice,
}: {
  ctx: PageContext;
  detail: CaseDetail;
  forms?: CaseForms;
  staff: readonly Option[];
  notice?: string;
}) {
  const { t, format } = ctx;
  const base = staffCasePath(detail.reference);
  const empty: FormState = { values: {}, problems: [] };
  const moves = nextStages(detail.stage, 'staff');
  return (
    <CasePageFrame ctx={ctx} title={t('complaints.staff.case.title', { reference: detail.reference })} forms={forms} notice={notice} isErased={detail.isErased}>
      <CaseFacts ctx={ctx} detail={detail} />
      <Timeline
        ctx={ctx}
        detail={detail}
        reply={<MessageForm ctx={ctx} action={`${base}/message`} form={forms.message ?? empty} words="complaints.staff.message" />}
      />
      <Attachments ctx={ctx} detail={detail} hrefOf={(id) => `${base}/attachments/${id}`} />
      <Section title={t('complaints.staff.notes')}>
        <ul>
          {detail.notes.map((n) => (
            <li key={n.at}>
              {format.dateTime(n.at)}
              <p>
                <bdi>{n.text}</bdi>
              </p>
            </li>
          ))}
        </ul>
        <Form ctx={ctx} action={`${base}/notes`} label={t('complaints.staff.note.add')}>
          <TextArea form={forms.note ?? empty} name="note" label={t('complaints.staff.note.label')} rows={3} />
          <SubmitButton>{t('complaints.staff.note.add')}</SubmitButton>
        </Form>
      </Section>
      <Section title={t('complaints.staff.actions')}>
        <Form ctx={ctx} action={`${base}/assign`} label={t('complaints.staff.assign.submit')}>
          <SelectField
            form={forms.assign ?? { values: { assignee: detail.assignedTo ?? '' }, problems: [] }}
            name="assignee"
            label={t('complaints.staff.assign.label')}
            placeholder={t('complaints.staff.assign.choose')}
            options={staff}
          />
          <SubmitButton>{t('complaints.staff.assign.submit')}</SubmitButton>
        </Form>
        {detail.stage !== 'closed' ? (
          <Form ctx={ctx} action={`${base}/ask`} label={t('complaints.staff.ask.submit')}>
            <TextArea form={forms.ask ?? empty} name="question" label={t('complaints.staff.ask.label')} hint={t('complaints.staff.ask.hint')} rows={3} />
            <SubmitButton>{t('complaints.staff.ask.submit')}</SubmitButton>
          </Form>
        ) : null}
        {detail.stage === 'received' ? (
          <Form ctx={ctx} action={`${base}/assess`} label={t('complaints.staff.assess.legend')}>
            <RadioGroup
              form={{ values: { next: 'refer' }, problems: [] }}
              name="next"
              legend={t('complaints.staff.assess.legend')}
              choices={[
                { value: 'refer', label: t('complaints.staff.assess.refer') },
                { value: 'investigate', label: t('complaints.staff.assess.investigate') },
                { value: 'close', label: t('complaints.staff.assess.close') },
              ]}
            />
            <SubmitButton>{t('complaints.staff.assess.submit')}</SubmitButton>
          </Form>
        ) : null}
        {detail.stage === 'investigation' ? (
          <Form ctx={ctx} action={`${base}/decide`} label={t('complaints.staff.decide.submit')}>
            <RadioGroup
              form={forms.decide ?? { values: { outcome: 'upheld' }, problems: [] }}
              name="outcome"
              legend={t('complaints.staff.decide.outcome')}
              choices={['upheld', 'partly_upheld', 'not_upheld'].map((o) => ({ value: o, label: t(`complaints.outcome.${o}`) }))}
            />
            <TextArea form={forms.decide ?? empty} name="text" label={t('complaints.staff.decide.text')} rows={4} />
            <SubmitButton>{t('complaints.staff.decide.submit')}</SubmitButton>
          </Form>
        ) : null}
        {detail.stage === 'decision' || detail.stage === 'accepted' ? (
          <Form ctx={ctx} action={`${base}/implementation`} label={t('complaints.staff.implementation.submit')}>
            <RadioGroup
              form={forms.implementation ?? { values: { status: 'pending' }, problems: [] }}
              name="status"
              legend={t('complaints.staff.implementation.status')}
              choices={['pending', 'partial', 'done'].map((s) => ({ value: s, label: t(`complaints.implementation.${s}`) }))}
            />
            <TextArea form={forms.implementation ?? empty} name="note" label={t('complaints.staff.implementation.note')} rows={3} />
            <SubmitButton>{t('complaints.staff.implementation.submit')}</SubmitButton>
          </Form>
        ) : null}
        {moves.includes('closed') ? (
          <p>
            <a class="button button-secondary" href={`${base}/close`}>
              {t('complaints.staff.close')}
            </a>
          </p>
        ) : null}
        {detail.stage === 'closed' ? (
          detail.canReopen ? (
            <Form ctx={ctx} action={`${base}/reopen`} label={t('complaints.staff.reopen')}>
              <SubmitButton>{t('complaints.staff.reopen')}</SubmitButton>
            </Form>
          ) : (
            <p>{t('complaints.staff.reopenAdminOnly')}</p>
          )
        ) : null}
      </Section>
      <BackLink href={COMPLAINT_PATHS.queue} label={t('complaints.staff.back')} />
    </CasePageFrame>
  );
}

/** The fields of the staff entry form, in the order it shows them; its error summary follows this order. */
export const NEW_CASE_FIELDS: readonly string[] = [
  'channel',
  'operatorIds',
  'service',
  'category',
  'description',
  'problemStart',
  'desiredOutcome',
  'priorContacted',
  'priorDate',
  'priorReference',
  'name',
  'contactBy',
  'email',
  'phone',
  'accountNumber',
  'serviceNumber',
  'language',
  'extraSupport',
  'extraSupportDetails',
  'consumer',
  'consent',
  'onBehalfConsentRecorded',
];

/** Staff entry of a complaint received by phone, post or in person, or an association filing for a consumer. */
export function NewCasePage({
  ctx,
  form,
  operators,
  categories,
  languages,
  isAssociation,
  isDirectReferral,
}: {
  ctx: PageContext;
  form: FormState;
  operators: readonly Option[];
  categories: readonly string[];
  languages: readonly Language[];
  isAssociation: boolean;
  isDirectReferral: boolean;
}) {
  const { t } = ctx;
  const checked = (name: string) => (form.values[name] ?? '').split(',').filter(Boolean);
  // Both dates are asked the same way, as on the consumer's form.
  const dateWords = {
    hint: t('complaints.web.date.hint', { example: DATE_EXAMPLE }),
    labels: { day: t('complaints.web.date.day'), month: t('complaints.web.date.month'), year: t('complaints.web.date.year') },
  };
  return (
    <Layout ctx={ctx} title={isAssociation ? t('complaints.staff.new.associationTitle') : t('complaints.staff.new.title')}>
      <p>{isAssociation ? t('complaints.staff.new.associationIntro') : t('complaints.staff.new.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={COMPLAINT_PATHS.newCase} label={t('complaints.staff.new.title')}>
        {isAssociation ? null : (
          <SelectField
            form={form}
            name="channel"
            label={t('complaints.staff.channel')}
            options={(['phone', 'post', 'in_person'] as const).map((c) => ({ value: c, label: t(`complaints.channel.${c}`) }))}
            isRequired
          />
        )}
        <CheckboxGroup
          form={form}
          name="operatorIds"
          legend={t('complaints.staff.new.operators')}
          hint={t('complaints.staff.new.operatorsHint')}
          choices={operators}
          checked={checked('operatorIds')}
          isRequired
        />
        <SelectField
          form={form}
          name="service"
          label={t('complaints.staff.service')}
          options={COMPLAINT_SERVICES.map((s) => ({ value: s, label: t(`complaints.service.${s}`) }))}
          isRequired
        />
        <SelectField
          form={form}
          name="category"
          label={t('complaints.staff.category')}
          placeholder={t('complaints.staff.new.choose')}
          options={categories.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))}
          isRequired
        />
        <TextArea form={form} name="description" label={t('complaints.staff.description')} rows={6} isRequired />
        <DateInput form={form} name="problemStart" legend={t('complaints.staff.new.problemStart')} {...dateWords} />
        <TextArea form={form} name="desiredOutcome" label={t('complaints.staff.desiredOutcome')} rows={3} isRequired />
        <RadioGroup
          form={form}
          name="priorContacted"
          legend={t('complaints.staff.priorContact')}
          choices={[
            { value: 'yes', label: t('complaints.staff.yes') },
            { value: 'no', label: t('complaints.staff.no') },
          ]}
        />
        <DateInput form={form} name="priorDate" legend={t('complaints.staff.new.priorDate')} {...dateWords} />
        <TextField form={form} name="priorReference" label={t('complaints.staff.new.priorReference')} />
        <TextField form={form} name="name" autocomplete="off" label={t('complaints.staff.consumerName')} isRequired />
        <RadioGroup
          form={form.values['contactBy'] ? form : { ...form, values: { ...form.values, contactBy: 'email' } }}
          name="contactBy"
          legend={t('complaints.staff.contactBy.legend')}
          hint={t('complaints.staff.contactBy.hint')}
          choices={[
            { value: 'email', label: t('complaints.staff.contactBy.email') },
            { value: 'sms', label: t('complaints.staff.contactBy.sms') },
          ]}
          isRequired
        />
        {/* Not marked required: a consumer reached by text message may have no address. */}
        <TextField form={form} name="email" type="email" autocomplete="off" label={t('complaints.staff.email')} />
        <TextField form={form} name="phone" type="tel" autocomplete="off" label={t('complaints.staff.phone')} />
        <TextField form={form} name="accountNumber" autocomplete="off" label={t('complaints.staff.accountNumber')} />
        <TextField form={form} name="serviceNumber" type="tel" autocomplete="off" label={t('complaints.staff.serviceNumber')} />
        {/* Each language under its own name, as the language switcher shows it, marked with its language for screen readers. */}
        <RadioGroup
          form={form}
          name="language"
          legend={t('complaints.staff.new.language')}
          choices={languages.map((l) => ({ value: l, label: ctx.catalogs.translator(l)('meta.languageName'), lang: l }))}
          isRequired
        />
        <CheckboxGroup
          form={form}
          name="extraSupport"
          legend={t('complaints.staff.extraSupport')}
          choices={EXTRA_SUPPORT_NEEDS.map((n) => ({ value: n, label: t(`complaints.extraSupport.${n}`) }))}
          checked={checked('extraSupport')}
        />
        <TextArea form={form} name="extraSupportDetails" label={t('complaints.staff.new.extraSupportDetails')} rows={2} />
        <h2>{t('complaints.staff.new.consentTitle')}</h2>
        <p>{t('complaints.staff.new.consentIntro')}</p>
        <ul>
          <SharedWithOperator ctx={ctx} isDirectReferral={isDirectReferral} />
        </ul>
        <Checkbox form={form} name="consent" label={t('complaints.staff.new.consent')} />
        {isAssociation ? <Checkbox form={form} name="onBehalfConsentRecorded" label={t('complaints.staff.new.onBehalf')} /> : null}
        <SubmitButton>{t('complaints.staff.new.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The confirmation after a staff or association filing; an association is led back to its own list, staff to the queue. */
export function FiledPage({
  ctx,
  reference,
  cases,
  isAssociation,
  operatorNames,
}: {
  ctx: PageContext;
  reference: string;
  cases: ReadonlyArray<{ reference: string; operatorId: string }>;
  isAssociation: boolean;
  operatorNames: ReadonlyMap<string, string>;
}) {
  const { t } = ctx;
  const back = isAssociation
    ? { href: COMPLAINT_PATHS.associationList, label: t('complaints.association.back') }
    : { href: COMPLAINT_PATHS.queue, label: t('complaints.staff.back') };
  return (
    <Layout ctx={ctx} title={t('complaints.staff.filedPage.title')}>
      <div class="notice" role="status">
        <p>
          {t('complaints.staff.filingReference')} <strong dir="ltr">{reference}</strong>
        </p>
      </div>
      <ul>
        {cases.map((c) => (
          <li key={c.reference}>
            {operatorNames.get(c.operatorId) ?? c.operatorId}:{' '}
            {isAssociation ? (
              <bdi dir="ltr">{c.reference}</bdi>
            ) : (
              <a href={staffCasePath(c.reference)} dir="ltr">
                {c.reference}
              </a>
            )}
          </li>
        ))}
      </ul>
      <BackLink href={back.href} label={back.label} />
    </Layout>
  );
}

/** Export or erasure of a consumer's data on request, found by their e-mail address (sent in the body, never the URL). */
export function PrivacyPage({ ctx, form, notice }: { ctx: PageContext; form: FormState; notice?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaints.staff.privacy.title')}>
      <p>{t('complaints.staff.privacy.intro')}</p>
      <StatusNotice message={notice} />
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={COMPLAINT_PATHS.privacy} label={t('complaints.staff.privacy.title')}>
        <TextField
          form={form}
          name="email"
          autocomplete="off"
          label={t('complaints.staff.privacy.contact')}
          hint={t('complaints.staff.privacy.contactHint')}
          isRequired
        />
        <RadioGroup
          form={form.values['action'] ? form : { ...form, values: { ...form.values, action: 'export' } }}
          name="action"
          legend={t('complaints.staff.privacy.action')}
          choices={[
            { value: 'export', label: t('complaints.staff.privacy.export') },
            { value: 'erase', label: t('complaints.staff.privacy.erase'), hint: t('complaints.staff.privacy.eraseHint') },
          ]}
        />
        <SubmitButton>{t('complaints.staff.privacy.submit')}</SubmitButton>
      </Form>
      <BackLink href={COMPLAINT_PATHS.queue} label={t('complaints.staff.back')} />
    </Layout>
  );
}

/**
 * A confirmation before an action that cannot be taken back lightly (closing a case, erasing a
 * consumer's data): a plain form that posts the same fields with `confirm=yes`, and a way back.
 */
export function ConfirmPage({
  ctx,
  title,
  text,
  action,
  fields,
  submit,
  cancel,
}: {
  ctx: PageContext;
  title: string;
  text: string;
  action: string;
  fields: Readonly<Record<string, string>>;
  submit: string;
  cancel: { href: string; label: string };
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <p>{text}</p>
      <Form ctx={ctx} action={action} label={title}>
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <div class="button-row">
          <SubmitButton>{submit}</SubmitButton>
          <a class="button button-secondary" href={cancel.href}>
            {cancel.label}
          </a>
        </div>
      </Form>
    </Layout>
  );
}

/** Stages a filter may name. */
export function isStage(value: string | undefined): value is ComplaintStage {
  return value !== undefined && (COMPLAINT_STAGES as readonly string[]).includes(value);
}
