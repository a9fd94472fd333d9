import type { ComponentChildren } from 'preact';
import { ErrorSummary, Form, Pager, StatusNotice, SubmitButton, TableRegion, TextArea, type FormState } from '../../../platform/web/components.tsx';
import { Layout } from '../../../platform/web/layout.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { sizeValue } from '../../../platform/i18n/index.ts';
import type { CaseSummary } from './case-summary.presenter.ts';
import type { CaseDetail } from './case-detail.presenter.ts';
import { DEFAULT_SORT, FIRST_DIRECTION, type CaseListPage, type CaseSort, type SortDirection } from './complaint-list-page.ts';

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
  listed: CaseListPage<CaseSummary>;
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
        {isCurrent ? (
          <span class="visually-hidden"> ({ctx.t(listed.direction === 'asc' ? 'complaints.list.sortedAscending' : 'complaints.list.sortedDescending')})</span>
        ) : null}
      </a>
    </th>
  );
}

/** Links to the previous and next pages of a list of cases, and where the page stands. */
function CasePager({ ctx, list }: { ctx: PageContext; list: CaseList }) {
  const { listed } = list;
  const { t } = ctx;
  return (
    <Pager
      page={listed.page}
      pages={listed.pages}
      hrefOf={(page) => listHref(list, listed.sort, listed.direction, page)}
      labels={{
        nav: t('complaints.list.pages'),
        previous: t('complaints.list.previous'),
        next: t('complaints.list.next'),
        pageOf: t('complaints.list.pageOf', { page: listed.page, pages: listed.pages }),
      }}
    />
  );
}

/** A table of cases, sortable by each column, a page at a time, with each case's stage and running deadline. */
export function CaseTable({
  ctx,
  list,
  hrefOf,
  now,
  caption,
  nameOf,
}: {
  ctx: PageContext;
  list: CaseList;
  hrefOf: ((ref: string) => string) | null;
  now: string;
  caption: string;
  nameOf: (operatorId: string) => string;
}) {
  const { t, format } = ctx;
  const rows = list.listed.rows;
  return (
    <>
      <h2>{t('complaints.staff.queue.results', { count: list.listed.total })}</h2>
      {rows.length === 0 ? (
        <p>{t('complaints.staff.none')}</p>
      ) : (
        <TableRegion>
          <table>
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
                    {r.hasExtraSupport ? <span class="tag"> {t('complaints.staff.extraSupportTag')}</span> : null}
                    {r.isUntimely ? <span class="tag tag-warning"> {t('complaints.staff.untimelyTag')}</span> : null}
                  </td>
                  <td>{nameOf(r.operatorId)}</td>
                  <td>{t(`complaints.category.${r.category}`)}</td>
                  <td>{t(`complaints.stage.${r.stage}`)}</td>
                  <td>{format.date(r.filedAt)}</td>
                  <td>
                    <Deadline ctx={ctx} dueAt={r.dueAt} now={now} isClockStopped={r.isClockStopped} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <CasePager ctx={ctx} list={list} />
    </>
  );
}

/** A titled section of a case page. */
export function Section({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <section>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** What the timeline shows, for staff and for the operator alike. */
type TimelineOf = Pick<CaseDetail, 'deadlines' | 'history' | 'responses'> & {
  messages: ReadonlyArray<{
    from: 'consumer' | 'regulator' | 'operator';
    text: string;
    at: string;
    isInformationRequest?: boolean;
    answeredAt?: string | null;
    isSharedWithOperator?: boolean;
    isRefusalReason: boolean;
  }>;
};

/** The deadlines, the history, the answers and the messages of a case, for staff and for the operator alike. */
export function Timeline({ ctx, detail, reply }: { ctx: PageContext; detail: TimelineOf; reply?: ComponentChildren }) {
  const { t, format } = ctx;
  return (
    <>
      <Section title={t('complaints.staff.deadlines')}>
        <TableRegion>
          <table>
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
                  <td>
                    {d.isOpen ? t('complaints.staff.deadlineOpen') : d.isMissed ? t('complaints.staff.deadlineMissed') : t('complaints.staff.deadlineMet')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
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
              <p>
                <bdi>{r.text}</bdi>
              </p>
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
              <p>
                <bdi>{m.text}</bdi>
              </p>
            </li>
          ))}
        </ul>
        {reply}
      </Section>
    </>
  );
}

/** The files of a case, each downloaded through `hrefOf`. */
export function Attachments({ ctx, detail, hrefOf }: { ctx: PageContext; detail: Pick<CaseDetail, 'attachments'>; hrefOf: (id: string) => string }) {
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

/** The facts of the problem itself, which staff and the operator read alike: `<dt>`/`<dd>` pairs of a case's `<dl>`. */
export function ProblemFacts({
  ctx,
  detail,
}: {
  ctx: PageContext;
  detail: Pick<CaseDetail, 'description' | 'problemStartedOn' | 'desiredOutcome' | 'priorContact' | 'amountOnHold' | 'isUntimely' | 'isDeadlock'>;
}) {
  const { t, format } = ctx;
  return (
    <>
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
    </>
  );
}

/** The forms of a case page, each with its own errors, by name. */
export type CasePageForms<Name extends string> = Partial<Record<Name, FormState>>;

/**
 * A case page, staff's or the operator's: every form's errors in one summary at the top, a
 * notice of what was just done, and a note when the consumer's data was erased.
 */
export function CasePageFrame({
  ctx,
  title,
  forms,
  notice,
  isErased,
  children,
}: {
  ctx: PageContext;
  title: string;
  forms: Readonly<Partial<Record<string, FormState>>>;
  notice?: string | undefined;
  isErased: boolean;
  children?: ComponentChildren;
}) {
  const allProblems: FormState = { values: {}, problems: Object.values(forms).flatMap((f) => f?.problems ?? []) };
  return (
    <Layout ctx={ctx} title={title}>
      <ErrorSummary ctx={ctx} form={allProblems} />
      <StatusNotice message={notice} />
      {isErased ? <p class="notice">{ctx.t('complaints.staff.erased')}</p> : null}
      {children}
    </Layout>
  );
}

/** The consumer as a case names them: name, contacts (only where the reader may see them), account and service number. */
export function ConsumerFacts({
  ctx,
  consumer,
  contacts,
}: {
  ctx: PageContext;
  consumer: { name: string; accountNumber: string | null; serviceNumber: string | null };
  contacts?: { email: string | null; phone: string | null };
}) {
  const { t } = ctx;
  // Numbers and addresses read left to right in every language.
  const NumberFact = ({ label, value }: { label: string; value: string | null }) => (
    <>
      <dt>{label}</dt>
      <dd>
        <bdi dir="ltr">{value ?? '-'}</bdi>
      </dd>
    </>
  );
  return (
    <>
      <dt>{t('complaints.staff.consumerName')}</dt>
      <dd>
        <bdi>{consumer.name}</bdi>
      </dd>
      {contacts ? (
        <>
          <NumberFact label={t('complaints.staff.email')} value={contacts.email} />
          <NumberFact label={t('complaints.staff.phone')} value={contacts.phone} />
        </>
      ) : null}
      <NumberFact label={t('complaints.staff.accountNumber')} value={consumer.accountNumber} />
      <NumberFact label={t('complaints.staff.serviceNumber')} value={consumer.serviceNumber} />
    </>
  );
}

/** The form under a case's messages that writes to the consumer; its words are `<words>.label`, `.hint` and `.submit`. */
export function MessageForm({
  ctx,
  action,
  form,
  words,
}: {
  ctx: PageContext;
  action: string;
  form: FormState;
  words: 'complaints.staff.message' | 'complaints.operator.message';
}) {
  const { t } = ctx;
  return (
    <Form ctx={ctx} action={action} label={t(`${words}.submit`)}>
      <TextArea form={form} name="message" label={t(`${words}.label`)} hint={t(`${words}.hint`)} rows={4} />
      <SubmitButton>{t(`${words}.submit`)}</SubmitButton>
    </Form>
  );
}

/** What a page listing cases shows: a page of them, the instant deadlines are read against, and the operators' names. */
export interface ListedCases {
  ctx: PageContext;
  listed: CaseListPage<CaseSummary>;
  now: string;
  operatorNames: ReadonlyMap<string, string>;
}

/** A page listing cases, an operator's or an association's: its title and introduction (`<words>.title`, `.intro`), anything besides, and the table. */
export function CasesPage({
  ctx,
  words,
  listed,
  path,
  hrefOf,
  now,
  operatorNames,
  children,
}: ListedCases & {
  words: 'complaints.operator.list' | 'complaints.association.list';
  path: string;
  hrefOf: ((reference: string) => string) | null;
  children?: ComponentChildren;
}) {
  const title = ctx.t(`${words}.title`);
  return (
    <Layout ctx={ctx} title={title}>
      <p>{ctx.t(`${words}.intro`)}</p>
      {children}
      <CaseTable ctx={ctx} list={{ listed, path, filter: {} }} hrefOf={hrefOf} now={now} caption={title} nameOf={(id) => operatorNames.get(id) ?? id} />
    </Layout>
  );
}
