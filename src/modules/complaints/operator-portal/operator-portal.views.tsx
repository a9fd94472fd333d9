import { Layout } from '../../../platform/web/layout.tsx';
import { BackLink, ErrorSummary, FileField, Form, RadioGroup, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { sizeValue } from '../../../platform/i18n/index.ts';
import type { CaseSummary } from '../cases/case-summary.presenter.ts';
import type { OperatorCaseView } from './operator-case.presenter.ts';
import type { CaseListPage } from '../cases/complaint-list-page.ts';
import { typeChoice } from '../cases/complaint-file-name.ts';
import { Attachments, CaseTable, ProblemFacts, Section, Timeline } from '../cases/case.views.tsx';
import { OPERATOR_PATHS, operatorCasePath } from './operator-portal.paths.ts';

/** The operator's list of its own referred cases, a page at a time. */
export function OperatorListPage({
  ctx,
  listed,
  now,
  operatorNames,
}: {
  ctx: PageContext;
  listed: CaseListPage<CaseSummary>;
  now: string;
  operatorNames: ReadonlyMap<string, string>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaints.operator.list.title')}>
      <p>{t('complaints.operator.list.intro')}</p>
      <CaseTable
        ctx={ctx}
        list={{ listed, path: OPERATOR_PATHS.list, filter: {} }}
        hrefOf={operatorCasePath}
        now={now}
        caption={t('complaints.operator.list.title')}
        nameOf={(id) => operatorNames.get(id) ?? id}
      />
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
      <ProblemFacts ctx={ctx} detail={detail} />
    </dl>
  );
}

/** One of the operator's own referred cases: what the consumer agreed to share, the deadlines, and the operator's answers. */
export function OperatorCasePage({
  ctx,
  detail,
  forms = {},
  maxBytes,
  types,
  notice,
}: {
  ctx: PageContext;
  detail: OperatorCaseView;
  forms?: OperatorForms;
  maxBytes: number;
  types: readonly string[];
  notice?: string;
}) {
  const { t } = ctx;
  const base = operatorCasePath(detail.reference);
  const empty: FormState = { values: {}, problems: [] };
  const allProblems: FormState = { values: {}, problems: Object.values(forms).flatMap((f) => f?.problems ?? []) };
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
              <TextArea
                form={forms.message ?? empty}
                name="message"
                label={t('complaints.operator.message.label')}
                hint={t('complaints.operator.message.hint')}
                rows={4}
              />
              <SubmitButton>{t('complaints.operator.message.submit')}</SubmitButton>
            </Form>
          ) : null
        }
      />
      <Attachments ctx={ctx} detail={detail} hrefOf={(id) => `${base}/attachments/${id}`} />
      {detail.canAnswer ? (
        <Section title={t('complaints.operator.respond.title')}>
          <Form ctx={ctx} action={`${base}/responses`} label={t('complaints.operator.respond.title')}>
            <RadioGroup
              form={forms.respond ?? { values: { kind: 'response' }, problems: [] }}
              name="kind"
              legend={t('complaints.operator.respond.kind')}
              choices={['response', 'resolution', 'amount_on_hold', 'deadlock'].map((k) => ({
                value: k,
                label: t(`complaints.response.${k}`),
                hint: t(`complaints.operator.respond.hint.${k}`),
              }))}
            />
            <TextArea form={forms.respond ?? empty} name="text" label={t('complaints.operator.respond.text')} rows={5} />
            <TextField
              form={forms.respond ?? empty}
              name="amount"
              inputMode="decimal"
              label={t('complaints.operator.respond.amount', { currency: ctx.jurisdiction.currency })}
              hint={t('complaints.operator.respond.amountHint')}
            />
            <SubmitButton>{t('complaints.operator.respond.submit')}</SubmitButton>
          </Form>
        </Section>
      ) : null}
      {detail.stage !== 'closed' ? (
        <Section title={t('complaints.operator.attach.title')}>
          <Form ctx={ctx} action={`${base}/attachments`} label={t('complaints.operator.attach.title')} enctype="multipart/form-data">
            <FileField
              form={forms.attach ?? empty}
              name="file"
              label={t('complaints.operator.attach.file')}
              hint={t('complaints.operator.attach.hint', { size: sizeValue(maxBytes), types: typeChoice(types) })}
              accept={types.join(',')}
            />
            <SubmitButton>{t('complaints.operator.attach.submit')}</SubmitButton>
          </Form>
        </Section>
      ) : null}
      {detail.canImplement ? (
        <Section title={t('complaints.operator.implemented.title')}>
          <Form ctx={ctx} action={`${base}/implemented`} label={t('complaints.operator.implemented.title')}>
            <TextArea form={forms.implemented ?? empty} name="note" label={t('complaints.operator.implemented.note')} rows={3} />
            <SubmitButton>{t('complaints.operator.implemented.submit')}</SubmitButton>
          </Form>
        </Section>
      ) : null}
      <BackLink href={OPERATOR_PATHS.list} label={t('complaints.operator.back')} />
    </Layout>
  );
}
