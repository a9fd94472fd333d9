import { Layout } from '../../../platform/web/layout.tsx';
import {
  BackLink,
  ErrorSummary,
  Form,
  QueryForm,
  RadioGroup,
  SelectField,
  SubmitButton,
  TableRegion,
  TextArea,
  type FormState,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { NoticeView, OperatorNoticeCounts } from './scam-notices.service.ts';
import { NOTICE_ANSWERS, NOTICE_NOTE_MAX } from './scam-notices.service.ts';
import { NOTICES_PATH, noticePath } from './scam-notices.paths.ts';

/** An identifier as a notice shows it: its kind, then its value read left to right. */
function Identifier({ ctx, notice }: { ctx: PageContext; notice: NoticeView }) {
  return (
    <>
      {ctx.t(`scams.kind.${notice.identifier.kind}`)}: <bdi dir="ltr">{notice.identifier.value}</bdi>
    </>
  );
}

/** The notices list: the operator's own, or for staff all (or one operator's), with a filter. */
export function NoticesPage({
  ctx,
  notices,
  operators,
  chosenOperator,
  isStaff,
}: {
  ctx: PageContext;
  notices: readonly NoticeView[];
  operators: ReadonlyArray<{ id: string; name: string }>;
  chosenOperator: string;
  isStaff: boolean;
}) {
  const { t, format } = ctx;
  const nameOf = (id: string) => operators.find((o) => o.id === id)?.name ?? id;
  return (
    <Layout ctx={ctx} title={t('scams.notices.title')}>
      <p class="lead">{t('scams.notices.intro')}</p>
      {isStaff && (
        <QueryForm ctx={ctx} action={NOTICES_PATH} label={t('scams.notices.filter.label')}>
          <SelectField
            form={{ values: { operator: chosenOperator }, problems: [] }}
            name="operator"
            label={t('scams.notices.filter.label')}
            options={[{ value: '', label: t('scams.notices.filter.all') }, ...operators.map((o) => ({ value: o.id, label: o.name }))]}
          />
          <SubmitButton>{t('scams.notices.filter.submit')}</SubmitButton>
        </QueryForm>
      )}
      {notices.length === 0 ? (
        <p>{t('scams.notices.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('scams.notices.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scams.notices.col.identifier')}</th>
                {isStaff && <th scope="col">{t('scams.notices.col.operator')}</th>}
                <th scope="col">{t('scams.notices.col.notice')}</th>
                <th scope="col">{t('scams.notices.col.role')}</th>
                <th scope="col">{t('scams.notices.col.due')}</th>
                <th scope="col">{t('scams.notices.col.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {notices.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <a href={noticePath(n.id)}>
                      <Identifier ctx={ctx} notice={n} />
                    </a>
                  </th>
                  {isStaff && <td>{nameOf(n.operatorId)}</td>}
                  <td>{t(`scams.notices.kind.${n.kind}`)}</td>
                  <td>{t(`scams.notices.role.${n.role}`)}</td>
                  <td>
                    {format.dateTime(n.dueAt)}
                    {n.isOverdue && (
                      <>
                        {' '}
                        <strong class="tag">{t('scams.notices.overdue')}</strong>
                      </>
                    )}
                  </td>
                  <td>{n.answer === null ? t('scams.notices.unanswered') : t(`scams.notices.answer.${n.answer}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}

/** One notice, and for the operator's agent while it is open, the answer form. */
export function NoticePage({ ctx, notice, form, isAnswerable }: { ctx: PageContext; notice: NoticeView; form: FormState; isAnswerable: boolean }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.notices.noticeTitle', { identifier: notice.identifier.value })}>
      <BackLink href={NOTICES_PATH} label={t('scams.notices.back')} />
      <ErrorSummary ctx={ctx} form={form} />
      <dl>
        <dt>{t('scams.notices.col.identifier')}</dt>
        <dd>
          <Identifier ctx={ctx} notice={notice} />
        </dd>
        <dt>{t('scams.notices.col.notice')}</dt>
        <dd>{t(`scams.notices.kind.${notice.kind}`)}</dd>
        <dt>{t('scams.notices.col.role')}</dt>
        <dd>{t(`scams.notices.role.${notice.role}`)}</dd>
        <dt>{t('scams.notices.sent')}</dt>
        <dd>{format.dateTime(notice.sentAt)}</dd>
        <dt>{t('scams.notices.col.due')}</dt>
        <dd>
          {format.dateTime(notice.dueAt)}
          {notice.isOverdue && ` (${t('scams.notices.overdue')})`}
        </dd>
        <dt>{t('scams.notices.col.answer')}</dt>
        <dd>
          {notice.answer === null ? t('scams.notices.unanswered') : t(`scams.notices.answer.${notice.answer}`)}
          {notice.answeredAt !== null && ` (${t('scams.notices.answeredOn', { date: format.dateTime(notice.answeredAt) })})`}
          {notice.answerNote !== null && (
            <p dir="auto" class="pre-wrap">
              {notice.answerNote}
            </p>
          )}
        </dd>
      </dl>
      {isAnswerable && (
        <Form ctx={ctx} action={noticePath(notice.id)} label={t('scams.notices.form.answer')}>
          <RadioGroup
            form={form}
            name="answer"
            legend={t('scams.notices.form.answer')}
            choices={NOTICE_ANSWERS.map((a) => ({ value: a, label: t(`scams.notices.answer.${a}`) }))}
            isRequired
          />
          <TextArea
            form={form}
            name="note"
            label={t('scams.notices.form.note')}
            hint={t('scams.notices.form.noteHint', { max: NOTICE_NOTE_MAX })}
            maxLength={NOTICE_NOTE_MAX}
            rows={4}
          />
          <SubmitButton>{t('scams.notices.form.submit')}</SubmitButton>
        </Form>
      )}
    </Layout>
  );
}

/** The staff view: per operator, notices open, answered and overdue; overdue ones count against the operator. */
export function StaffNoticesPage({
  ctx,
  counts,
  operators,
}: {
  ctx: PageContext;
  counts: readonly OperatorNoticeCounts[];
  operators: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { t, format } = ctx;
  const nameOf = (id: string) => operators.find((o) => o.id === id)?.name ?? id;
  const columns = ['open', 'answered', 'overdueOpen', 'answeredLate', 'overdue'] as const;
  return (
    <Layout ctx={ctx} title={t('scams.notices.staff.title')}>
      <p class="lead">{t('scams.notices.staff.intro')}</p>
      <p>{t('scams.notices.staff.total', { count: counts.reduce((sum, c) => sum + c.overdue, 0) })}</p>
      <TableRegion>
        <table>
          <caption>{t('scams.notices.staff.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scams.notices.col.operator')}</th>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {t(`scams.notices.staff.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.operatorId}>
                <th scope="row">
                  <a href={`${NOTICES_PATH}?operator=${encodeURIComponent(c.operatorId)}`}>{nameOf(c.operatorId)}</a>
                </th>
                {columns.map((col) => (
                  <td key={col}>{format.number(c[col])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p>
        <a href={NOTICES_PATH}>{t('scams.notices.staff.list')}</a>
      </p>
    </Layout>
  );
}
