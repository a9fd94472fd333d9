import type { ComponentChildren } from 'preact';
import { Layout } from '../../../platform/web/layout.tsx';
import { BackLink, Checkbox, CheckboxGroup, DateInput, ErrorSummary, FileField, Form, RadioGroup, SelectField, SubmitButton, TableRegion, TextArea, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import { listValue, sayValue, sizeValue } from '../../../platform/i18n/index.ts';
import type { CaseSummaryRow } from '../cases/complaint.repository.ts';
import type { CaseDetail, OperatorCaseView } from '../cases/complaint.service.ts';
import { COMPLAINT_SERVICES, COMPLAINT_STAGES, EXTRA_SUPPORT_NEEDS, type ComplaintStage } from '../cases/complaint.types.ts';
import { nextStages } from '../cases/complaint-stages.ts';
import { SharedWithOperator } from '../filing/complaint-consent.views.tsx';
import { DEFAULT_SORT, FIRST_DIRECTION, type CaseListPage, type CaseSort, type SortDirection } from '../cases/complaint-list-page.ts';
import { STATISTICS_PATH } from '../statistics/statistics.paths.ts';
import { COMPLAINT_PATHS, operatorCasePath, staffCasePath } from './staff.paths.ts';
import { DATE_EXAMPLE } from '../filing/complaint-draft.ts';
import { typeChoice } from '../cases/complaint-file-name.ts';

/** A choice list entry. */
interface Option {
  value: string;
  label: string;
}

// A deadline whose clock stands still is not overdue: it moves on by the days the consumer takes to answer.
function Deadline({ ctx, dueAt, now, isClockStopped }: { ctx: PageContext; dueAt: string | null; now: string; isClockStopped: boolean }) {
  if (dueAt === null) return <>{ctx.t('complaints.staff.noDeadline')}</>;
  const isOverdue = dueAt < now && !isClockStopped;
  return (
    <>
      {ctx.format.dateTime(dueAt)}
      {isClockStopped ? <span class="tag"> {ctx.t('complaints.staff.clockStopped')}</span> : null}
      {isOverdue ? <strong class="tag tag-warning"> {ctx.t('complaints.staff.overdue')}</strong> : null}
    </>
  );
}

/** A list of cases as a page shows it: its rows, where the page stands, and how to link to another order or page. */
interface CaseList {
  listed: CaseListPage<CaseSummaryRow>;
  /** The list's own path and the filters every link keeps, in the order of the filter form. */
  path: string;
  filter: Readonly<Record<string, string>>;
}

/** The address of a list with its filters, an order (left out when it is the default) and a page (left out for the first). */
function listHref(list: CaseList, sort: CaseSort, direction: SortDirection, page: number): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(list.filter)) if (value !== '') query.set(key, value);
  if (sort !== DEFAULT_SORT || direction !== FIRST_DIRECTION[DEFAULT_SORT]) {
    query.set('sort', sort);
    query.set('dir', direction);
  }
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text === '' ? list.path : `${list.path}?${text}`;
}

/** A column heading that sorts the list by it; a second click turns the order around. */
function SortHeading({ ctx, list, sort, label }: { ctx: PageContext; list: CaseList; sort: CaseSort; label: string }) {
  const { listed } = list;
  const isCurrent = listed.sort === sort;
  const next: SortDirection = isCurrent ? (listed.direction === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[sort];
  return (
    <th scope="col" aria-sort={isCurrent ? (listed.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={listHref(list, sort, next, 1)}>
        {label}
        {isCurrent ? <span class="visually-hidden"> ({ctx.t(listed.direction === 'asc' ? 'complaints.list.sortedAscending' : 'complaints.list.sortedDescending')})</span> : null}
      </a>
    </th>
  );
}

/** Links to the previous and next pages of a list, and where the page stands. */
function Pager({ ctx, list }: { ctx: PageContext; list: CaseList }) {
  const { listed } = list;
  if (listed.pages <= 1) return null;
  const { t } = ctx;
  return (
    <nav class="pager" aria-label={t('complaints.list.pages')}>
      <ul>
        {listed.page > 1 ? (
          <li>
            <a href={listHref(list, listed.sort, listed.direction, listed.page - 1)} rel="prev">
              {t('complaints.list.previous')}
            </a>
          </li>
        ) : null}
        <li aria-current="page">{t('complaints.list.pageOf', { page: listed.page, pages: listed.pages })}</li>
        {listed.page < listed.pages ? (
          <li>
            <a href={listHref(list, listed.sort, listed.direction, listed.page + 1)} rel="next">
              {t('complaints.list.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function CaseTable({ ctx, list, hrefOf, now, caption, nameOf }: { ctx: PageContext; list: CaseList; hrefOf: ((ref: string) => string) | null; now: string; caption: string; nameOf: (operatorId: string) => string }) {
  const { t, format } = ctx;
  const rows = list.listed.rows;
  return (
    <>
      <h2>{t('complaints.staff.queue.results', { count: list.listed.total })}</h2>
      {rows.length === 0 ? (
        <p>{t('complaints.staff.none')}</p>
      ) : (
        <TableRegion><table>
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <SortHeading ctx={ctx} list={list} sort="reference" label={t('complaints.staff.reference')} />
              <SortHeading ctx={ctx} list={list} sort="operator" label={t('complaints.staff.operator')} />
              <SortHeading ctx={ctx} list={list} sort="category" label={t('complaints.staff.category')} />
              <SortHeading ctx={ctx} list={list} sort="stage" label={t('complaints.staff.stage')} />
              <SortHeading ctx={ctx} list={list} sort="filed" label={t('complaints.staff.filed')} />
              <SortHeading ctx={ctx} list={list} sort="due" label={t('complaints.staff.due')} />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  {hrefOf ? (
                    <a href={hrefOf(r.reference)} dir="ltr">
                      {r.reference}
                    </a>
                  ) : (
                    <span dir="ltr">{r.reference}</span>
                  )}
                  {r.has_extra_support ? <span class="tag"> {t('complaints.staff.extraSupportTag')}</span> : null}
                  {r.is_untimely ? <span class="tag tag-warning"> {t('complaints.staff.untimelyTag')}</span> : null}
                </td>
                <td>{nameOf(r.operator_id)}</td>
                <td>{t(`complaints.category.${r.category}`)}</td>
                <td>{t(`complaints.stage.${r.stage}`)}</td>
                <td>{format.date(r.filed_at)}</td>
                <td>
                  <Deadline ctx={ctx} dueAt={r.due_at} now={now} isClockStopped={Boolean(r.is_clock_stopped)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table></TableRegion>
      )}
      <Pager ctx={ctx} list={list} />
    </>
  );
}

/** The regulator's queue with its filters (a GET form, so it works without scripts and can be bookmarked), a page at a time. */
export function QueuePage({ ctx, listed, filter, operators, categories, now }: { ctx: PageContext; listed: CaseListPage<CaseSummaryRow>; filter: Record<string, string>; operators: readonly Option[]; categories: readonly string[]; now: string }) {
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
        <SelectField form={form} name="stage" label={t('complaints.staff.stage')} placeholder={any} options={COMPLAINT_STAGES.map((s) => ({ value: s, label: t(`complaints.stage.${s}`) }))} />
        <SelectField form={form} name="operator" label={t('complaints.staff.operator')} placeholder={any} options={operators} />
        <SelectField form={form} name="category" label={t('complaints.staff.category')} placeholder={any} options={categories.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))} />
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
      <CaseTable ctx={ctx} list={{ listed, path: COMPLAINT_PATHS.queue, filter }} hrefOf={staffCasePath} now={now} caption={t('complaints.staff.queue.title')} nameOf={(id) => operators.find((o) => o.value === id)?.label ?? id} />
    </Layout>
  );
}

/** The operator's list of its own referred cases, a page at a time. */
export function OperatorListPage({ ctx, listed, now, operatorNames }: { ctx: PageContext; listed: CaseListPage<CaseSummaryRow>; now: string; operatorNames: ReadonlyMap<string, string> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaints.operator.list.title')}>
      <p>{t('complaints.operator.list.intro')}</p>
      <CaseTable ctx={ctx} list={{ listed, path: COMPLAINT_PATHS.operatorList, filter: {} }} hrefOf={operatorCasePath} now={now} caption={t('complaints.operator.list.title')} nameOf={(id) => operatorNames.get(id) ?? id} />
    </Layout>
  );
}

function Section({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <section>
      <h2>{title}</h2>
      {children}
    </section>
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
      <dt>{t('complaints.staff.consumerName')}</dt>
      <dd>
        <bdi>{detail.consumer.name}</bdi>
      </dd>
      <dt>{t('complaints.staff.email')}</dt>
      <dd>
        <bdi dir="ltr">{detail.consumer.email ?? '-'}</bdi>
      </dd>
      <dt>{t('complaints.staff.phone')}</dt>
      <dd>
        <bdi dir="ltr">{detail.consumer.phone ?? '-'}</bdi>
      </dd>
      <dt>{t('complaints.staff.accountNumber')}</dt>
      <dd>
        <bdi dir="ltr">{detail.consumer.accountNumber ?? '-'}</bdi>
      </dd>
      <dt>{t('complaints.staff.serviceNumber')}</dt>
      <dd>
        <bdi dir="ltr">{detail.consumer.serviceNumber ?? '-'}</bdi>
      </dd>
      {detail.hasExtraSupport ? (
        <>
          <dt>{t('complaints.staff.extraSupport')}</dt>
          <dd>
            {sayValue(listValue(detail.extraSupport.map((n) => t(`complaints.extraSupport.${n}`))), ctx.language)}
            {detail.extraSupportDetails ? <p><bdi>{detail.extraSupportDetails}</bdi></p> : null}
          </dd>
        </>
      ) : null}
      <dt>{t('complaints.staff.description')}</dt>
      <dd class="prewrap">
        <bdi>{detail.description}</bdi>
      </dd>
      <dt>{t('complaints.staff.problemStart')}</dt>
      <dd>{detail.problemStartedOn ? format.date(`${detail.problemStartedOn}T12:00:00Z`) : '-'}</dd>
      <dt>{t('complaints.staff.desiredOutcome')}</dt>
      <dd>
        <bdi>{detail.desiredOutcome}</bdi>
      </dd>
      <dt>{t('complaints.staff.priorContact')}</dt>
      <dd>
        {detail.priorContact.contacted ? t('complaints.staff.yes') : t('complaints.staff.no')}
        {detail.priorContact.date ? ` · ${detail.priorContact.date}` : ''}
        {detail.priorContact.operatorReference ? <span dir="ltr"> · {detail.priorContact.operatorReference}</span> : null}
      </dd>
      {detail.amountOnHold !== null ? (
        <>
          <dt>{t('complaints.staff.amountOnHold')}</dt>
          <dd>{format.money(detail.amountOnHold, ctx.jurisdiction.currency)}</dd>
        </>
      ) : null}
      {detail.isUntimely ? (
        <>
          <dt>{t('complaints.staff.untimelyTag')}</dt>
          <dd>{t('complaints.staff.untimely')}</dd>
        </>
      ) : null}
      {detail.isDeadlock ? (
        <>
          <dt>{t('complaints.staff.deadlock')}</dt>
          <dd>{t('complaints.staff.yes')}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** What the timeline shows, for staff and for the operator alike. */
type TimelineOf = Pick<CaseDetail, 'deadlines' | 'history' | 'responses'> & {
  messages: ReadonlyArray<{ from: 'consumer' | 'regulator' | 'operator'; text: string; at: string; isInformationRequest?: boolean; answeredAt?: string | null; isSharedWithOperator?: boolean; isRefusalReason: boolean }>;
};

function Timeline({ ctx, detail, reply }: { ctx: PageContext; detail: TimelineOf; reply?: ComponentChildren }) {
  const { t, format } = ctx;
  return (
    <>
      <Section title={t('complaints.staff.deadlines')}>
        <TableRegion><table>
          <caption class="visually-hidden">{t('complaints.staff.deadlines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaints.staff.stage')}</th>
              <th scope="col">{t('complaints.staff.due')}</th>
              <th scope="col">{t('complaints.staff.deadlineOutcome')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.deadlines.map((d) => (
              <tr key={`${d.stage}-${d.startsAt}`}>
                <td>{t(`complaints.stage.${d.stage}`)}</td>
                <td>{format.dateTime(d.dueAt)}</td>
                <td>{d.isOpen ? t('complaints.staff.deadlineOpen') : d.isMissed ? t('complaints.staff.deadlineMissed') : t('complaints.staff.deadlineMet')}</td>
              </tr>
            ))}
          </tbody>
        </table></TableRegion>
      </Section>
      <Section title={t('complaints.staff.history')}>
        <ol>
          {detail.history.map((h) => (
            <li key={`${h.to}-${h.at}`}>
              {format.dateTime(h.at)}: {t(`complaints.stage.${h.to}`)} ({t(`complaints.actor.${h.actorType}`)})
            </li>
          ))}
        </ol>
      </Section>
      <Section title={t('complaints.staff.responses')}>
        {detail.responses.length === 0 ? <p>{t('complaints.staff.none')}</p> : null}
        <ul>
          {detail.responses.map((r) => (
            <li key={r.at}>
              <strong>{t(`complaints.response.${r.kind}`)}</strong> · {format.dateTime(r.at)}
              {r.amount ? ` · ${format.money(r.amount, ctx.jurisdiction.currency)}` : ''}
              <p><bdi>{r.text}</bdi></p>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('complaints.staff.messages')}>
        {detail.messages.length === 0 ? <p>{t('complaints.staff.none')}</p> : null}
        <ul>
          {detail.messages.map((m) => (
            <li key={m.at}>
              <strong>{m.isRefusalReason ? t('complaints.staff.refusalReason') : t(`complaints.sender.${m.from}`)}</strong> · {format.dateTime(m.at)}
              {m.isInformationRequest ? ` · ${m.answeredAt ? t('complaints.staff.answered') : t('complaints.staff.waiting')}` : ''}
              {m.isSharedWithOperator && m.from === 'consumer' ? ` · ${t('complaints.staff.sharedWithOperator')}` : ''}
              <p><bdi>{m.text}</bdi></p>
            </li>
          ))}
        </ul>
        {reply}
      </Section>
    </>
  );
}

function Attachments({ ctx, detail, hrefOf }: { ctx: PageContext; detail: Pick<CaseDetail, 'attachments'>; hrefOf: (id: string) => string }) {
  const { t, format } = ctx;
  return (
    <Section title={t('complaints.staff.attachments')}>
      {detail.attachments.length === 0 ? <p>{t('complaints.staff.none')}</p> : null}
      <ul>
        {detail.attachments.map((a) => (
          <li key={a.id}>
            <a href={hrefOf(a.id)} dir="auto">
              {a.fileName}
            </a>{' '}
            {t('complaints.staff.attachmentFacts', { type: a.mediaType, size: sizeValue(a.sizeBytes), at: format.dateTime(a.at) })}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The forms of the staff case page, each with its own errors. */
export interface CaseForms {
  assign?: FormState;
  note?: FormState;
  message?: FormState;
  ask?: FormState;
  decide?: FormState;
  implementation?: FormState;
}

/** The cases a consumer association filed for consumers, with their stage and running deadline. */
export function AssociationListPage({ ctx, listed, now, operatorNames }: { ctx: PageContext; listed: CaseListPage<CaseSummaryRow>; now: string; operatorNames: ReadonlyMap<string, string> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaints.association.list.title')}>
      <p>{t('complaints.association.list.intro')}</p>
      <p>
        <a href={COMPLAINT_PATHS.newCase}>{t('complaints.staff.new.associationTitle')}</a>
      </p>
      <CaseTable ctx={ctx} list={{ listed, path: COMPLAINT_PATHS.associationList, filter: {} }} hrefOf={null} now={now} caption={t('complaints.association.list.title')} nameOf={(id) => operatorNames.get(id) ?? id} />
    </Layout>
  );
}

/** One case as regulator staff work it: facts, deadlines, history, and every action the stage allows. */
export function StaffCasePage({ ctx, detail, forms = {}, staff, canReopen, notice }: { ctx: PageContext; detail: CaseDetail; forms?: CaseForms; staff: readonly Option[]; canReopen: boolean; notice?: string }) {
  const { t, format } = ctx;
  const base = staffCasePath(detail.reference);
  const empty: FormState = { values: {}, problems: [] };
  const allProblems: FormState = { values: {}, problems: Object.values(forms).flatMap((f) => f?.problems ?? []) };
  const moves = nextStages(detail.stage, 'staff');
  return (
    <Layout ctx={ctx} title={t('complaints.staff.case.title', { reference: detail.reference })}>
      <ErrorSummary ctx={ctx} form={allProblems} />
      {notice ? (
        <div class="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {detail.isErased ? <p class="notice">{t('complaints.staff.erased')}</p> : null}
      <CaseFacts ctx={ctx} detail={detail} />
      <Timeline
        ctx={ctx}
        detail={detail}
        reply={
          <Form ctx={ctx} action={`${base}/message`} label={t('complaints.staff.message.submit')}>
            <TextArea form={forms.message ?? empty} name="message" label={t('complaints.staff.message.label')} hint={t('complaints.staff.message.hint')} rows={4} />
            <SubmitButton>{t('complaints.staff.message.submit')}</SubmitButton>
          </Form>
        }
      />
      <Attachments ctx={ctx} detail={detail} hrefOf={(id) => `${base}/attachments/${id}`} />
      <Section title={t('complaints.staff.notes')}>
        <ul>
          {detail.notes.map((n) => (
            <li key={n.at}>
              {format.dateTime(n.at)}
              <p><bdi>{n.text}</bdi></p>
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
          <SelectField form={forms.assign ?? { values: { assignee: detail.assignedTo ?? '' }, problems: [] }} name="assignee" label={t('complaints.staff.assign.label')} placeholder={t('complaints.staff.assign.choose')} options={staff} />
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
          canReopen ? (
            <Form ctx={ctx} action={`${base}/reopen`} label={t('complaints.staff.reopen')}>
              <SubmitButton>{t('complaints.staff.reopen')}</SubmitButton>
            </Form>
          ) : (
            <p>{t('complaints.staff.reopenAdminOnly')}</p>
          )
        ) : null}
      </Section>
      <BackLink href={COMPLAINT_PATHS.queue} label={t('complaints.staff.back')} />
    </Layout>
  );
}

/** The forms of the operator case page. */
export interface OperatorForms {
  respond?: FormState;
  message?: FormState;
  attach?: FormState;
  implemented?: FormState;
}

/** The facts of a referred case its operator may read: the fields the consent text names. */
function OperatorFacts({ ctx, detail }: { ctx: PageContext; detail: OperatorCaseView }) {
  const { t, format } = ctx;
  return (
    <dl>
      <dt>{t('complaints.staff.stage')}</dt>
      <dd>{t(`complaints.stage.${detail.stage}`)}</dd>
      <dt>{t('complaints.staff.service')}</dt>
      <dd>{t(`complaints.service.${detail.service}`)}</dd>
      <dt>{t('complaints.staff.category')}</dt>
      <dd>{t(`complaints.category.${detail.category}`)}</dd>
      <dt>{t('complaints.staff.filed')}</dt>
      <dd>{format.dateTime(detail.filedAt)}</dd>
      <dt>{t('complaints.operator.referred')}</dt>
      <dd>{format.dateTime(detail.referredAt)}</dd>
      <dt>{t('complaints.staff.consumerName')}</dt>
      <dd>
        <bdi>{detail.consumer.name}</bdi>
      </dd>
      <dt>{t('complaints.staff.accountNumber')}</dt>
      <dd>
        <bdi dir="ltr">{detail.consumer.accountNumber ?? '-'}</bdi>
      </dd>
      <dt>{t('complaints.staff.serviceNumber')}</dt>
      <dd>
        <bdi dir="ltr">{detail.consumer.serviceNumber ?? '-'}</bdi>
      </dd>
      {detail.hasExtraSupport ? (
        <>
          <dt>{t('complaints.staff.extraSupport')}</dt>
          <dd>{t('complaints.operator.extraSupport')}</dd>
        </>
      ) : null}
      <dt>{t('complaints.staff.description')}</dt>
      <dd class="prewrap">
        <bdi>{detail.description}</bdi>
      </dd>
      <dt>{t('complaints.staff.problemStart')}</dt>
      <dd>{detail.problemStartedOn ? format.date(`${detail.problemStartedOn}T12:00:00Z`) : '-'}</dd>
      <dt>{t('complaints.staff.desiredOutcome')}</dt>
      <dd>
        <bdi>{detail.desiredOutcome}</bdi>
      </dd>
      <dt>{t('complaints.staff.priorContact')}</dt>
      <dd>
        {detail.priorContact.contacted ? t('complaints.staff.yes') : t('complaints.staff.no')}
        {detail.priorContact.date ? ` · ${detail.priorContact.date}` : ''}
        {detail.priorContact.operatorReference ? <span dir="ltr"> · {detail.priorContact.operatorReference}</span> : null}
      </dd>
      {detail.amountOnHold !== null ? (
        <>
          <dt>{t('complaints.staff.amountOnHold')}</dt>
          <dd>{format.money(detail.amountOnHold, ctx.jurisdiction.currency)}</dd>
        </>
      ) : null}
      {detail.isUntimely ? (
        <>
          <dt>{t('complaints.staff.untimelyTag')}</dt>
          <dd>{t('complaints.staff.untimely')}</dd>
        </>
      ) : null}
      {detail.isDeadlock ? (
        <>
          <dt>{t('complaints.staff.deadlock')}</dt>
          <dd>{t('complaints.staff.yes')}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** One of the operator's own referred cases: what the consumer agreed to share, the deadlines, and the operator's answers. */
export function OperatorCasePage({ ctx, detail, forms = {}, maxBytes, types, notice }: { ctx: PageContext; detail: OperatorCaseView; forms?: OperatorForms; maxBytes: number; types: readonly string[]; notice?: string }) {
  const { t } = ctx;
  const base = operatorCasePath(detail.reference);
  const empty: FormState = { values: {}, problems: [] };
  const allProblems: FormState = { values: {}, problems: Object.values(forms).flatMap((f) => f?.problems ?? []) };
  const canAnswer = ['referred_to_operator', 'operator_responded', 'resolution_proposed'].includes(detail.stage);
  const canImplement = detail.stage === 'accepted' || detail.stage === 'decision';
  return (
    <Layout ctx={ctx} title={t('complaints.operator.case.title', { reference: detail.reference })}>
      <ErrorSummary ctx={ctx} form={allProblems} />
      {notice ? (
        <div class="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {detail.isErased ? <p class="notice">{t('complaints.staff.erased')}</p> : null}
      <OperatorFacts ctx={ctx} detail={detail} />
      <Timeline
        ctx={ctx}
        detail={detail}
        reply={
          detail.stage !== 'closed' ? (
            <Form ctx={ctx} action={`${base}/messages`} label={t('complaints.operator.message.submit')}>
              <TextArea form={forms.message ?? empty} name="message" label={t('complaints.operator.message.label')} hint={t('complaints.operator.message.hint')} rows={4} />
              <SubmitButton>{t('complaints.operator.message.submit')}</SubmitButton>
            </Form>
          ) : null
        }
      />
      <Attachments ctx={ctx} detail={detail} hrefOf={(id) => `${base}/attachments/${id}`} />
      {canAnswer ? (
        <Section title={t('complaints.operator.respond.title')}>
          <Form ctx={ctx} action={`${base}/responses`} label={t('complaints.operator.respond.title')}>
            <RadioGroup
              form={forms.respond ?? { values: { kind: 'response' }, problems: [] }}
              name="kind"
              legend={t('complaints.operator.respond.kind')}
              choices={['response', 'resolution', 'amount_on_hold', 'deadlock'].map((k) => ({ value: k, label: t(`complaints.response.${k}`), hint: t(`complaints.operator.respond.hint.${k}`) }))}
            />
            <TextArea form={forms.respond ?? empty} name="text" label={t('complaints.operator.respond.text')} rows={5} />
            <TextField form={forms.respond ?? empty} name="amount" inputMode="decimal" label={t('complaints.operator.respond.amount', { currency: ctx.jurisdiction.currency })} hint={t('complaints.operator.respond.amountHint')} />
            <SubmitButton>{t('complaints.operator.respond.submit')}</SubmitButton>
          </Form>
        </Section>
      ) : null}
      {detail.stage !== 'closed' ? (
        <Section title={t('complaints.operator.attach.title')}>
          <Form ctx={ctx} action={`${base}/attachments`} label={t('complaints.operator.attach.title')} enctype="multipart/form-data">
            <FileField form={forms.attach ?? empty} name="file" label={t('complaints.operator.attach.file')} hint={t('complaints.operator.attach.hint', { size: sizeValue(maxBytes), types: typeChoice(types) })} accept={types.join(',')} />
            <SubmitButton>{t('complaints.operator.attach.submit')}</SubmitButton>
          </Form>
        </Section>
      ) : null}
      {canImplement ? (
        <Section title={t('complaints.operator.implemented.title')}>
          <Form ctx={ctx} action={`${base}/implemented`} label={t('complaints.operator.implemented.title')}>
            <TextArea form={forms.implemented ?? empty} name="note" label={t('complaints.operator.implemented.note')} rows={3} />
            <SubmitButton>{t('complaints.operator.implemented.submit')}</SubmitButton>
          </Form>
        </Section>
      ) : null}
      <BackLink href={COMPLAINT_PATHS.operatorList} label={t('complaints.operator.back')} />
    </Layout>
  );
}

/** The fields of the staff entry form, in the order it shows them; its error summary follows this order. */
export const NEW_CASE_FIELDS: readonly string[] = ['channel', 'operatorIds', 'service', 'category', 'description', 'problemStart', 'desiredOutcome', 'priorContacted', 'priorDate', 'priorReference', 'name', 'email', 'phone', 'accountNumber', 'serviceNumber', 'language', 'extraSupport', 'extraSupportDetails', 'consumer', 'consent', 'onBehalfConsentRecorded'];

/** Staff entry of a complaint received by phone, post or in person, or an association filing for a consumer. */
export function NewCasePage({ ctx, form, operators, categories, languages, isAssociation, isDirectReferral }: { ctx: PageContext; form: FormState; operators: readonly Option[]; categories: readonly string[]; languages: readonly Language[]; isAssociation: boolean; isDirectReferral: boolean }) {
  const { t } = ctx;
  const checked = (name: string) => (form.values[name] ?? '').split(',').filter(Boolean);
  return (
    <Layout ctx={ctx} title={isAssociation ? t('complaints.staff.new.associationTitle') : t('complaints.staff.new.title')}>
      <p>{isAssociation ? t('complaints.staff.new.associationIntro') : t('complaints.staff.new.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={COMPLAINT_PATHS.newCase} label={t('complaints.staff.new.title')}>
        {isAssociation ? null : (
          <SelectField form={form} name="channel" label={t('complaints.staff.channel')} options={(['phone', 'post', 'in_person'] as const).map((c) => ({ value: c, label: t(`complaints.channel.${c}`) }))} isRequired />
        )}
        <CheckboxGroup form={form} name="operatorIds" legend={t('complaints.staff.new.operators')} hint={t('complaints.staff.new.operatorsHint')} choices={operators} checked={checked('operatorIds')} isRequired />
        <SelectField form={form} name="service" label={t('complaints.staff.service')} options={COMPLAINT_SERVICES.map((s) => ({ value: s, label: t(`complaints.service.${s}`) }))} isRequired />
        <SelectField form={form} name="category" label={t('complaints.staff.category')} placeholder={t('complaints.staff.new.choose')} options={categories.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))} isRequired />
        <TextArea form={form} name="description" label={t('complaints.staff.description')} rows={6} isRequired />
        <DateInput
          form={form}
          name="problemStart"
          legend={t('complaints.staff.new.problemStart')}
          hint={t('complaints.web.date.hint', { example: DATE_EXAMPLE })}
          labels={{ day: t('complaints.web.date.day'), month: t('complaints.web.date.month'), year: t('complaints.web.date.year') }}
        />
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
        <DateInput
          form={form}
          name="priorDate"
          legend={t('complaints.staff.new.priorDate')}
          hint={t('complaints.web.date.hint', { example: DATE_EXAMPLE })}
          labels={{ day: t('complaints.web.date.day'), month: t('complaints.web.date.month'), year: t('complaints.web.date.year') }}
        />
        <TextField form={form} name="priorReference" label={t('complaints.staff.new.priorReference')} />
        <TextField form={form} name="name" autocomplete="off" label={t('complaints.staff.consumerName')} isRequired />
        <TextField form={form} name="email" type="email" autocomplete="off" label={t('complaints.staff.email')} isRequired />
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
        <CheckboxGroup form={form} name="extraSupport" legend={t('complaints.staff.extraSupport')} choices={EXTRA_SUPPORT_NEEDS.map((n) => ({ value: n, label: t(`complaints.extraSupport.${n}`) }))} checked={checked('extraSupport')} />
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
export function FiledPage({ ctx, reference, cases, isAssociation, operatorNames }: { ctx: PageContext; reference: string; cases: ReadonlyArray<{ reference: string; operatorId: string }>; isAssociation: boolean; operatorNames: ReadonlyMap<string, string> }) {
  const { t } = ctx;
  const back = isAssociation ? { href: COMPLAINT_PATHS.associationList, label: t('complaints.association.back') } : { href: COMPLAINT_PATHS.queue, label: t('complaints.staff.back') };
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
      {notice ? (
        <div class="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={COMPLAINT_PATHS.privacy} label={t('complaints.staff.privacy.title')}>
        <TextField form={form} name="email" type="email" autocomplete="off" label={t('complaints.staff.email')} isRequired />
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
export function ConfirmPage({ ctx, title, text, action, fields, submit, cancel }: { ctx: PageContext; title: string; text: string; action: string; fields: Readonly<Record<string, string>>; submit: string; cancel: { href: string; label: string } }) {
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
