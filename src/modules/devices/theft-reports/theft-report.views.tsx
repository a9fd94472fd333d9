import type { VNode } from 'preact';
import { Layout } from '../../../platform/web/layout.tsx';
import {
  CodeField,
  ErrorSummary,
  FileField,
  Form,
  PhoneNumberField,
  RadioGroup,
  ReferenceField,
  SubmitButton,
  TableRegion,
  TextField,
  type FormState,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import {
  megabytesOf,
  policeReportTypeNames,
  type ReportSessionContact,
  type ReporterChannel,
  type TheftReportDetail,
  type TheftReportSettings,
} from './theft-report.service.ts';
import type { ReportListItem } from './theft-report.presenter.ts';
import { REPORT_PATHS } from './theft-report.paths.ts';

/**
 * Step 1: the reporter's e-mail address or mobile number (either is enough), and where the one-time
 * code goes when both are given. The number is one that receives texts now, never the stolen phone's.
 */
export function ReportStartPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('devices.report.start.title')}>
      <p class="lead">{t('devices.report.start.intro')}</p>
      <ol>
        <li>{t('devices.report.start.step1')}</li>
        <li>{t('devices.report.start.step2')}</li>
        <li>{t('devices.report.start.step3')}</li>
      </ol>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={REPORT_PATHS.start} label={t('devices.report.start.title')}>
        <TextField
          form={form}
          name="email"
          type="email"
          autocomplete="email"
          label={t('devices.report.start.email')}
          hint={t('devices.report.start.emailHint')}
        />
        <PhoneNumberField form={form} name="phone" label={t('devices.report.start.phone')} hint={t('devices.report.start.phoneHint')} />
        <RadioGroup
          form={form}
          name="notifyBy"
          legend={t('devices.report.start.notifyBy')}
          hint={t('devices.report.start.notifyByHint')}
          choices={[
            { value: 'email', label: t('devices.report.start.notifyByEmail') },
            { value: 'sms', label: t('devices.report.start.notifyBySms') },
          ]}
        />
        <SubmitButton>{t('devices.report.start.submit')}</SubmitButton>
      </Form>
      <p class="hint">{t('devices.report.privacy')}</p>
    </Layout>
  );
}

/** The catalogue keys of a {@link CodeStepPage}'s words, each followed by `.title`, `.intro`, `.label`, `.submit` and `.restart`. */
export type CodeStepKeys = 'devices.report.code' | 'devices.recovery.code';

/** The parts of a {@link CodeStepPage} a flow may say otherwise, such as a code sent by text rather than by e-mail. */
export type CodeStepWords = Partial<Record<'intro' | 'label', string>>;

/** The one-time code step of a reporter's flow (a report, a recovery), with a link back to the step that sends a new code. */
export function CodeStepPage({
  ctx,
  form,
  action,
  restartHref,
  keys,
  words,
}: {
  ctx: PageContext;
  form: FormState;
  action: string;
  restartHref: string;
  keys: CodeStepKeys;
  words?: CodeStepWords;
}) {
  const say = (part: 'title' | 'intro' | 'label' | 'submit' | 'restart') =>
    (part === 'intro' || part === 'label' ? words?.[part] : undefined) ?? ctx.t(`${keys}.${part}`);
  return (
    <Layout ctx={ctx} title={say('title')}>
      <p>{say('intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={action} label={say('title')}>
        <CodeField form={form} label={say('label')} />
        <SubmitButton>{say('submit')}</SubmitButton>
      </Form>
      <p>
        <a href={restartHref}>{say('restart')}</a>
      </p>
    </Layout>
  );
}

/** Step 2: the one-time code, said to come by e-mail or by text to the masked number, as the session's did. */
export function ReportCodePage({ ctx, form, contact }: { ctx: PageContext; form: FormState; contact: ReportSessionContact }) {
  const words: CodeStepWords =
    contact.notifyBy === 'sms'
      ? { intro: ctx.t('devices.report.code.introSms', { number: `\u2066${contact.maskedPhone ?? ''}\u2069` }), label: ctx.t('devices.report.code.labelSms') }
      : {};
  return <CodeStepPage ctx={ctx} form={form} action={REPORT_PATHS.code} restartHref={REPORT_PATHS.start} keys="devices.report.code" words={words} />;
}

/** Step 3: the report itself, with an optional copy of the police report (the file comes last, so a cut body keeps the text). */
export function ReportDetailsPage({ ctx, form, fileRules }: { ctx: PageContext; form: FormState; fileRules: TheftReportSettings['policeReportFile'] }) {
  const { t, format } = ctx;
  const size = format.number(megabytesOf(fileRules.maxBytes));
  return (
    <Layout ctx={ctx} title={t('devices.report.details.title')}>
      <p>{t('devices.report.details.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={REPORT_PATHS.details} label={t('devices.report.details.title')} enctype="multipart/form-data">
        <TextField
          form={form}
          name="imeis"
          inputMode="numeric"
          autocomplete="off"
          label={t('devices.report.details.imeis')}
          hint={t('devices.report.details.imeisHint')}
          isRequired
        />
        <PhoneNumberField form={form} name="msisdn" label={t('devices.report.details.msisdn')} hint={t('devices.report.details.msisdnHint')} isRequired />
        <ReferenceField
          form={form}
          name="policeReference"
          label={t('devices.report.details.policeReference')}
          hint={t('devices.report.details.policeReferenceHint')}
        />
        <FileField
          form={form}
          name="policeReportFile"
          label={t('devices.policeFile.label')}
          hint={t('devices.policeFile.hint', { types: policeReportTypeNames(fileRules.types), size })}
          accept={fileRules.types.join(',')}
        />
        <SubmitButton>{t('devices.report.details.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The confirmation, with the request id the reporter keeps and where its copy was sent. */
export function ReportDonePage({ ctx, requestId, notifyBy }: { ctx: PageContext; requestId: string; notifyBy: ReporterChannel }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('devices.report.done.title')}>
      <div class="notice" role="status">
        <p>
          {t('devices.report.done.requestId')} <strong dir="ltr">{requestId}</strong>
        </p>
      </div>
      <p>{t(notifyBy === 'sms' ? 'devices.report.done.nextSms' : 'devices.report.done.next')}</p>
    </Layout>
  );
}

/** The staff list of reports: no personal values, only references, dates and counts. */
export function StaffReportsPage({ ctx, reports, extra }: { ctx: PageContext; reports: readonly ReportListItem[]; extra?: VNode | null }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('devices.staff.reports.title')}>
      <p>{t('devices.staff.reports.intro')}</p>
      {extra ?? null}
      {reports.length === 0 ? (
        <p>{t('devices.staff.reports.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption class="visually-hidden">{t('devices.staff.reports.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('devices.staff.reports.requestId')}</th>
                <th scope="col">{t('devices.staff.reports.submitted')}</th>
                <th scope="col">{t('devices.staff.reports.imeiCount')}</th>
                <th scope="col">{t('devices.staff.reports.status')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`${REPORT_PATHS.staffList}/${r.id}`} dir="ltr">
                      {r.requestId}
                    </a>
                  </td>
                  <td>{format.dateTime(r.submittedAt)}</td>
                  <td>{r.imeiCount}</td>
                  <td>{t(`devices.reportStatus.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}

/** One report as a case officer verifies it against the police reference. */
export function StaffReportPage({ ctx, detail, extra }: { ctx: PageContext; detail: TheftReportDetail; extra?: VNode | null }) {
  const { t, format } = ctx;
  const { report } = detail;
  return (
    <Layout ctx={ctx} title={t('devices.staff.report.title', { requestId: report.request_id })}>
      <dl>
        <dt>{t('devices.staff.reports.status')}</dt>
        <dd>{t(`devices.reportStatus.${report.status}`)}</dd>
        <dt>{t('devices.staff.reports.submitted')}</dt>
        <dd>{format.dateTime(report.submitted_at)}</dd>
        {detail.isErased ? (
          <>
            <dt>{t('devices.staff.report.reporterValues')}</dt>
            <dd>{t('devices.staff.report.erased')}</dd>
          </>
        ) : (
          <>
            <dt>{t('devices.report.details.policeReference')}</dt>
            <dd dir="auto">{detail.policeReference}</dd>
            <dt>{t('devices.policeFile.staffLabel')}</dt>
            <dd>
              {detail.policeReportFile ? (
                <>
                  <a href={`${REPORT_PATHS.staffList}/${report.id}/police-report`} download>
                    {t('devices.policeFile.download')} <bdi>{detail.policeReportFile.name}</bdi>
                  </a>{' '}
                  {t('devices.policeFile.size', { size: format.number(Math.max(1, Math.round(detail.policeReportFile.sizeBytes / 1024))) })}
                  <p class="hint">{t('devices.policeFile.downloadHint')}</p>
                </>
              ) : (
                t('devices.policeFile.none')
              )}
            </dd>
            <dt>{t('devices.report.details.msisdn')}</dt>
            <dd dir="ltr">{detail.msisdn}</dd>
            {detail.contactPhone === null ? null : (
              <>
                <dt>{t('devices.staff.report.contactPhone')}</dt>
                <dd dir="ltr">{detail.contactPhone}</dd>
              </>
            )}
            {detail.email === '' ? null : (
              <>
                <dt>{t('devices.report.start.email')}</dt>
                <dd dir="ltr">{detail.email}</dd>
              </>
            )}
          </>
        )}
        <dt>{t('devices.report.details.imeis')}</dt>
        <dd>
          <ul>
            {detail.imeis.map((i) => (
              <li key={i.key} dir="ltr">
                {i.digits}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {report.status === 'submitted' ? (
        <>
          <p>{t('devices.staff.report.decideIntro')}</p>
          <Form ctx={ctx} action={`${REPORT_PATHS.staffList}/${report.id}/verify`} label={t('devices.staff.report.verify')}>
            <SubmitButton>{t('devices.staff.report.verify')}</SubmitButton>
          </Form>
          <Form ctx={ctx} action={`${REPORT_PATHS.staffList}/${report.id}/reject`} label={t('devices.staff.report.reject')}>
            <button type="submit" class="button button-secondary">
              {t('devices.staff.report.reject')}
            </button>
          </Form>
        </>
      ) : null}
      {extra ?? null}
      <p>
        <a href={REPORT_PATHS.staffList}>{t('devices.staff.report.back')}</a>
      </p>
    </Layout>
  );
}
