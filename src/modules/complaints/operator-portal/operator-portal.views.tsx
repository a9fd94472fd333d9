import { BackLink, FileField, Form, RadioGroup, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { sizeValue } from '../../../platform/i18n/index.ts';
import type { OperatorCaseView } from './operator-case.presenter.ts';
import { typeChoice } from '../cases/complaint-file-name.ts';
import { Attachments, CasePageFrame, CasesPage, ConsumerFacts, MessageForm, ProblemFacts, Section, Timeline } from '../cases/case.views.tsx';
import type { CasePageForms, ListedCases } from '../cases/case.views.tsx';
import { OPERATOR_PATHS, operatorCasePath } from './operator-portal.paths.ts';

/** The operator's list of its own referred cases, a page at a time. */
export function OperatorListPage(props: ListedCases) {
  return <CasesPage {...props} words="complaints.operator.list" path={OPERATOR_PATHS.list} hrefOf={operatorCasePath} />;
}

/** The forms of the operator case page. */
export type OperatorForms = CasePageForms<'respond' | 'message' | 'attach' | 'implemented'>;

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
      <ConsumerFacts ctx={ctx} consumer={detail.consumer} />
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
  return (
    <CasePageFrame
      ctx={ctx}
      title={t('complaints.operator.case.title', { reference: detail.reference })}
      forms={forms}
      notice={notice}
      isErased={detail.isErased}
    >
      <OperatorFacts ctx={ctx} detail={detail} />
      <Timeline
        ctx={ctx}
        detail={detail}
        reply={
          detail.stage !== 'closed' ? (
            <MessageForm ctx={ctx} action={`${base}/messages`} form={forms.message ?? empty} words="complaints.operator.message" />
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
    </CasePageFrame>
  );
}
