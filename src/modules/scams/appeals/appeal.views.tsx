import { Layout } from '../../../platform/web/layout.tsx';
import {
  CodeField,
  ErrorSummary,
  Form,
  PhoneNumberField,
  RadioGroup,
  SubmitButton,
  TableRegion,
  TextArea,
  TextField,
  type FormState,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { APPEAL_PATHS } from './appeal.paths.ts';

/** An appeal as the staff pages show it. */
export interface AppealItem {
  id: string;
  reference: string;
  number: string;
  statement: string;
  contact: string | null;
  state: string;
  filedAt: string;
  decisionReason: string | null;
}

/** The first step: the listed number, to which a code is sent by text. */
export function AppealStartPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.appeals.start.title')}>
      <p class="lead">{t('scams.appeals.start.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={APPEAL_PATHS.start}>
        <PhoneNumberField form={form} name="number" label={t('scams.appeals.start.number')} hint={t('scams.appeals.start.numberHint')} isRequired />
        <SubmitButton>{t('scams.appeals.start.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The second step: the code the number received. */
export function AppealCodePage({ ctx, form, maskedNumber }: { ctx: PageContext; form: FormState; maskedNumber: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.appeals.code.title')}>
      <p>{t('scams.appeals.code.sent', { number: `\u2068${maskedNumber}\u2069` })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={APPEAL_PATHS.code}>
        <CodeField form={form} label={t('scams.appeals.code.label')} hint={t('scams.appeals.code.hint')} />
        <SubmitButton>{t('scams.appeals.code.submit')}</SubmitButton>
      </Form>
      <p>
        <a href={APPEAL_PATHS.start}>{t('scams.appeals.code.again')}</a>
      </p>
    </Layout>
  );
}

/** The last step: the holder's case. */
export function AppealStatementPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.appeals.statement.title')}>
      <p>{t('scams.appeals.statement.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={APPEAL_PATHS.statement}>
        <TextArea
          form={form}
          name="statement"
          label={t('scams.appeals.statement.label')}
          hint={t('scams.appeals.statement.hint')}
          maxLength={4000}
          isRequired
        />
        <TextField
          form={form}
          name="contact"
          type="email"
          autocomplete="email"
          dir="ltr"
          label={t('scams.appeals.statement.contact')}
          hint={t('scams.appeals.statement.contactHint')}
        />
        <SubmitButton>{t('scams.appeals.statement.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The appeal was filed: its reference and what happens next. */
export function AppealDonePage({ ctx, reference }: { ctx: PageContext; reference: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.appeals.done.title')}>
      <div class="notice" role="status">
        <p>
          {t('scams.appeals.done.reference')} <strong dir="ltr">{reference}</strong>
        </p>
      </div>
      <p>{t('scams.appeals.done.next')}</p>
    </Layout>
  );
}

/** The open appeals staff hear. */
export function StaffAppealsPage({ ctx, appeals }: { ctx: PageContext; appeals: readonly AppealItem[] }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.appeals.staff.title')}>
      <p>{t('scams.appeals.staff.intro')}</p>
      {appeals.length === 0 ? (
        <p>{t('scams.appeals.staff.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('scams.appeals.staff.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scams.appeals.staff.reference')}</th>
                <th scope="col">{t('scams.appeals.staff.number')}</th>
                <th scope="col">{t('scams.appeals.staff.filed')}</th>
              </tr>
            </thead>
            <tbody>
              {appeals.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`${APPEAL_PATHS.staffList}/${a.id}`} dir="ltr">
                      {a.reference}
                    </a>
                  </td>
                  <td dir="ltr">{a.number}</td>
                  <td>{format.dateTime(a.filedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}

/** One appeal: the holder's case, and the decision form while it is open. */
export function StaffAppealPage({ ctx, appeal, form }: { ctx: PageContext; appeal: AppealItem; form: FormState }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.appeals.staff.appealTitle', { reference: appeal.reference })}>
      <ErrorSummary ctx={ctx} form={form} />
      <dl>
        <dt>{t('scams.appeals.staff.number')}</dt>
        <dd dir="ltr">{appeal.number}</dd>
        <dt>{t('scams.appeals.staff.filed')}</dt>
        <dd>{format.dateTime(appeal.filedAt)}</dd>
        <dt>{t('scams.appeals.staff.statement')}</dt>
        <dd dir="auto" class="pre-wrap">
          {appeal.statement}
        </dd>
        <dt>{t('scams.appeals.staff.contact')}</dt>
        {/* An address reads left to right; the words saying there is none read in the page's direction. */}
        <dd dir={appeal.contact === null ? undefined : 'ltr'}>{appeal.contact ?? t('scams.appeals.staff.noContact')}</dd>
        <dt>{t('scams.appeals.staff.state')}</dt>
        <dd>{t(`scams.appeals.state.${appeal.state}`)}</dd>
      </dl>
      {appeal.state === 'open' ? (
        <Form ctx={ctx} action={`${APPEAL_PATHS.staffList}/${appeal.id}`}>
          <RadioGroup
            form={form}
            name="decision"
            legend={t('scams.appeals.staff.decision')}
            isRequired
            choices={[
              { value: 'uphold', label: t('scams.appeals.staff.uphold') },
              { value: 'overturn', label: t('scams.appeals.staff.overturn') },
            ]}
          />
          <TextArea form={form} name="reason" label={t('scams.appeals.staff.reason')} hint={t('scams.appeals.staff.reasonHint')} rows={4} isRequired />
          <SubmitButton>{t('scams.appeals.staff.submit')}</SubmitButton>
        </Form>
      ) : (
        <p dir="auto">{appeal.decisionReason}</p>
      )}
      <p>
        <a href={APPEAL_PATHS.staffList}>{t('scams.appeals.staff.back')}</a>
      </p>
    </Layout>
  );
}
