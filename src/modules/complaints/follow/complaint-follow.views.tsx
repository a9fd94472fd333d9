import { Layout } from '../../../platform/web/layout.tsx';
import { BackLink, CodeField, ErrorSummary, Form, RadioGroup, ReferenceField, SubmitButton, TableRegion, TextArea } from '../../../platform/web/components.tsx';
import type { FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { ConsumerCaseView, ConsumerComplaintView } from '../cases/complaint.types.ts';
import { FILING_PATHS } from '../filing/filing.paths.ts';
import { FOLLOW_PATHS, casePath } from './follow.paths.ts';
import { STATISTICS_PATH } from '../statistics/statistics.paths.ts';
import { TEXT_LIMITS } from '../cases/complaint-validation.ts';

/** Step 1 of following: the reference; a code goes to the address given with the complaint. */
export function FollowStartPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  const title = t('complaints.web.follow.title');
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={FILING_PATHS.rights} label={t('complaints.web.back')} />
      <ErrorSummary ctx={ctx} form={form} />
      <p>{t('complaints.web.follow.intro')}</p>
      <Form ctx={ctx} action={FOLLOW_PATHS.follow} label={title}>
        <ReferenceField form={form} name="reference" label={t('complaints.web.follow.reference')} hint={t('complaints.web.follow.referenceHint')} />
        <SubmitButton>{t('complaints.web.follow.submit')}</SubmitButton>
      </Form>
      <p>
        <a href={STATISTICS_PATH}>{t('complaints.web.statisticsLink')}</a>
      </p>
    </Layout>
  );
}

/** Step 2 of following: the code. The page reads the same whether or not the reference exists. */
export function FollowCodePage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  const title = t('complaints.web.followCode.title');
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={FOLLOW_PATHS.follow} label={t('complaints.web.back')} />
      <ErrorSummary ctx={ctx} form={form} />
      <p>{t('complaints.web.followCode.intro')}</p>
      <Form ctx={ctx} action={FOLLOW_PATHS.followCode} label={title}>
        <CodeField form={form} label={t('complaints.web.followCode.label')} />
        <SubmitButton>{t('complaints.web.followCode.submit')}</SubmitButton>
      </Form>
      <p>
        <a href={FOLLOW_PATHS.follow}>{t('complaints.web.followCode.restart')}</a>
      </p>
    </Layout>
  );
}

/** The filing: each case (one per operator) with its stage and its next deadline. */
export function FollowFilingPage({ ctx, view }: { ctx: PageContext; view: ConsumerComplaintView }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaints.web.filing.title')}>
      <p>
        {t('complaints.web.filing.reference')} <strong dir="ltr">{view.reference}</strong>
      </p>
      <TableRegion>
        <table>
          <caption>{t('complaints.web.filing.casesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaints.web.sent.caseReference')}</th>
              <th scope="col">{t('complaints.web.sent.operator')}</th>
              <th scope="col">{t('complaints.web.case.stage')}</th>
              <th scope="col">{t('complaints.web.case.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {view.cases.map((c) => (
              <tr key={c.reference}>
                <td>
                  <a href={casePath(c.reference)} dir="ltr">
                    {c.reference}
                  </a>
                </td>
                <td>{c.operatorName}</td>
                <td>{t(`complaints.stage.${c.stage}`)}</td>
                <td>{c.currentDeadline ? format.date(c.currentDeadline.dueAt) : t('complaints.web.case.noDeadline')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <EndAccess ctx={ctx} />
    </Layout>
  );
}

function EndAccess({ ctx }: { ctx: PageContext }) {
  return (
    <Form ctx={ctx} action={FOLLOW_PATHS.followEnd} label={ctx.t('complaints.web.case.end')}>
      <p class="hint">{ctx.t('complaints.web.case.accessNote')}</p>
      <button type="submit" class="button button-secondary">
        {ctx.t('complaints.web.case.end')}
      </button>
    </Form>
  );
}

/** Which form of the case page a submitted state belongs to. */
export type CaseForm = 'message' | 'survey' | 'action' | 'reject';

/** Props of {@link FollowCasePage}. */
export interface FollowCasePageProps {
  ctx: PageContext;
  view: ConsumerCaseView;
  /** The form that was sent with problems, and its state. */
  failed?: { form: CaseForm; state: FormState };
  /** A confirmation to show at the top (`sent`, `accepted`, `rejected`, `escalated`, `survey`). */
  done?: string | undefined;
}

/** One case: stage, dates, deadlines, messages, and what the consumer may do now. */
export function FollowCasePage({ ctx, view, failed, done }: FollowCasePageProps) {
  const { t, format } = ctx;
  const formOf = (name: CaseForm): FormState => (failed?.form === name ? failed.state : { values: {}, problems: [] });
  const summary = failed?.state ?? { values: {}, problems: [] };
  return (
    <Layout ctx={ctx} title={t('complaints.web.case.title', { operator: view.operatorName })}>
      <BackLink href={FOLLOW_PATHS.followCase} label={t('complaints.web.case.back')} />
      <ErrorSummary ctx={ctx} form={summary} />
      {done ? (
        <div class="notice" role="status">
          <p>{t(`complaints.web.case.done.${done}`)}</p>
        </div>
      ) : null}
      <dl class="summary-list summary-list-plain">
        <div>
          <dt>{t('complaints.web.sent.caseReference')}</dt>
          <dd dir="ltr">{view.reference}</dd>
        </div>
        <div>
          <dt>{t('complaints.web.case.stage')}</dt>
          <dd>{t(`complaints.stage.${view.stage}`)}</dd>
        </div>
        <div>
          <dt>{t('complaints.web.case.filed')}</dt>
          <dd>{format.date(view.filedAt)}</dd>
        </div>
        <div>
          <dt>{t('complaints.web.case.deadline')}</dt>
          <dd>
            {view.isWaitingForConsumer
              ? t('complaints.web.case.paused')
              : view.currentDeadline
                ? format.date(view.currentDeadline.dueAt)
                : t('complaints.web.case.noDeadline')}
          </dd>
        </div>
        <div>
          <dt>{t('complaints.web.case.escalation')}</dt>
          <dd>
            {view.isEscalationOpen
              ? t('complaints.web.case.escalationOpen')
              : t('complaints.web.case.escalationFrom', { date: format.date(view.escalationOpensAt) })}
          </dd>
        </div>
      </dl>

      {view.isWaitingForConsumer ? (
        <div class="notice">
          <p>{t('complaints.web.case.waiting')}</p>
        </div>
      ) : null}

      {view.operatorResponse ? (
        <>
          <h2>{t(`complaints.web.case.response.${view.operatorResponse.kind}`)}</h2>
          <p class="hint">{format.dateTime(view.operatorResponse.at)}</p>
          <p dir="auto" class="pre-line">
            {view.operatorResponse.text}
          </p>
        </>
      ) : null}

      {view.decision ? (
        <>
          <h2>{t('complaints.web.case.decisionTitle')}</h2>
          <p>
            <strong>{t(`complaints.web.case.outcome.${view.decision.outcome}`)}</strong> · {format.date(view.decision.at)}
          </p>
          <p dir="auto" class="pre-line">
            {view.decision.text}
          </p>
        </>
      ) : null}

      {view.can.accept || view.can.reject ? (
        <>
          <h2>{t('complaints.web.case.decideTitle')}</h2>
          <p>{t('complaints.web.case.decideIntro')}</p>
          {view.can.accept ? (
            <Form ctx={ctx} action={casePath(view.reference, 'accept')} label={t('complaints.web.case.accept')}>
              <SubmitButton>{t('complaints.web.case.accept')}</SubmitButton>
            </Form>
          ) : null}
          {view.can.reject ? (
            <>
              <h3>{t('complaints.web.case.rejectTitle')}</h3>
              <Form ctx={ctx} action={casePath(view.reference, 'reject')} label={t('complaints.web.case.reject')}>
                <TextArea
                  form={formOf('reject')}
                  name="reason"
                  label={t('complaints.web.case.reasonLabel')}
                  hint={t('complaints.web.case.reasonHint', { max: TEXT_LIMITS.refusalReason })}
                  rows={4}
                  isRequired
                />
                <button type="submit" class="button button-secondary">
                  {t('complaints.web.case.reject')}
                </button>
              </Form>
            </>
          ) : null}
        </>
      ) : null}

      {view.can.escalate ? (
        <>
          <h2>{t('complaints.web.case.escalateTitle')}</h2>
          <p>{t('complaints.web.case.escalateIntro')}</p>
          <Form ctx={ctx} action={casePath(view.reference, 'escalate')} label={t('complaints.web.case.escalate')}>
            <SubmitButton>{t('complaints.web.case.escalate')}</SubmitButton>
          </Form>
        </>
      ) : null}

      <h2>{t('complaints.web.case.messagesTitle')}</h2>
      {view.messages.length === 0 ? (
        <p>{t('complaints.web.case.noMessages')}</p>
      ) : (
        <ol class="messages">
          {view.messages.map((m, index) => (
            <li key={`${m.at}-${index}`}>
              <p class="hint">
                {t(`complaints.web.case.from.${m.from}`)} · {format.dateTime(m.at)}
                {m.isInformationRequest ? ` · ${t('complaints.web.case.question')}` : ''}
                {m.from === 'consumer' && m.isSharedWithOperator ? ` · ${t('complaints.web.case.alsoToOperator')}` : ''}
                {m.isRefusalReason ? ` · ${t('complaints.web.case.refusalReason')}` : ''}
              </p>
              <p dir="auto" class="pre-line">
                {m.text}
              </p>
            </li>
          ))}
        </ol>
      )}
      {view.can.message ? (
        <Form ctx={ctx} action={casePath(view.reference, 'message')} label={t('complaints.web.case.messageLabel')}>
          <TextArea
            form={formOf('message')}
            name="text"
            label={view.isWaitingForConsumer ? t('complaints.web.case.answerLabel') : t('complaints.web.case.messageLabel')}
            hint={t('complaints.web.case.messageHint', { max: 5000 })}
            rows={5}
            isRequired
          />
          {view.can.messageOperator ? (
            <RadioGroup
              form={withAudience(formOf('message'), view)}
              name="to"
              legend={t('complaints.web.case.toLegend')}
              choices={[
                { value: 'regulator', label: t('complaints.web.case.toRegulator'), hint: t('complaints.web.case.toRegulatorHint') },
                {
                  value: 'operator',
                  label: t('complaints.web.case.toOperator', { operator: view.operatorName }),
                  hint: t('complaints.web.case.toOperatorHint'),
                },
              ]}
            />
          ) : null}
          <SubmitButton>{t('complaints.web.case.send')}</SubmitButton>
        </Form>
      ) : null}

      {view.can.survey ? (
        <>
          <h2>{t('complaints.web.survey.title')}</h2>
          <p>{t('complaints.web.survey.intro')}</p>
          <Form ctx={ctx} action={casePath(view.reference, 'survey')} label={t('complaints.web.survey.title')}>
            <ScaleQuestion ctx={ctx} form={formOf('survey')} name="satisfaction" legend={t('complaints.web.survey.satisfaction')} />
            <ScaleQuestion ctx={ctx} form={formOf('survey')} name="wasEasy" legend={t('complaints.web.survey.wasEasy')} />
            <TextArea
              form={formOf('survey')}
              name="comment"
              label={t('complaints.web.survey.comment')}
              hint={t('complaints.web.survey.commentHint', { max: 2000 })}
              rows={4}
            />
            <SubmitButton>{t('complaints.web.survey.submit')}</SubmitButton>
          </Form>
        </>
      ) : view.hasSurvey ? (
        <p>{t('complaints.web.survey.thanks')}</p>
      ) : null}

      <h2>{t('complaints.web.case.historyTitle')}</h2>
      <ol>
        {view.stageHistory.map((h, index) => (
          <li key={`${h.stage}-${index}`}>
            {t(`complaints.stage.${h.stage}`)} · {format.date(h.at)}
          </li>
        ))}
      </ol>
      {view.deadlines.length > 0 ? (
        <>
          <h2>{t('complaints.web.case.deadlinesTitle')}</h2>
          <ul>
            {view.deadlines.map((d, index) => (
              <li key={`${d.stage}-${index}`}>
                {t(`complaints.stage.${d.stage}`)} · {format.date(d.dueAt)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <EndAccess ctx={ctx} />
    </Layout>
  );
}

/**
 * The message form with its recipient chosen: as sent when it came back with a problem, else the
 * provider when the consumer is answering the provider's last message, else the regulator.
 */
function withAudience(form: FormState, view: ConsumerCaseView): FormState {
  if (form.values['to']) return form;
  const last = view.messages.at(-1);
  const to = last?.from === 'operator' && !view.isWaitingForConsumer ? 'operator' : 'regulator';
  return { ...form, values: { ...form.values, to } };
}

/** A question answered on a scale of 1 to 5, as radio buttons named from "very dissatisfied" to "very satisfied". */
function ScaleQuestion({ ctx, form, name, legend }: { ctx: PageContext; form: FormState; name: string; legend: string }) {
  const { t } = ctx;
  return (
    <RadioGroup
      form={form}
      name={name}
      legend={legend}
      choices={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`complaints.web.survey.scale${n}`) }))}
    />
  );
}
