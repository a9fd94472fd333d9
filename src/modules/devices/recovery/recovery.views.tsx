import { Layout } from '../../../platform/web/layout.tsx';
import { ErrorSummary, Form, ReferenceField, SubmitButton, TableRegion, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { REPORT_PATHS } from '../theft-reports/theft-report.paths.ts';
import { CodeStepPage } from '../theft-reports/theft-report.views.tsx';
import type { TraceAlertItem } from './recovery.presenter.ts';
import { RECOVERY_PATHS } from './recovery.paths.ts';

/** Recovery, step 1: the request id of the report; a one-time code goes to the report's address or number. */
export function RecoverStartPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('devices.recovery.start.title')}>
      <p class="lead">{t('devices.recovery.start.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={RECOVERY_PATHS.recover} label={t('devices.recovery.start.title')}>
        <ReferenceField form={form} name="requestId" label={t('devices.recovery.start.requestId')} hint={t('devices.recovery.start.requestIdHint')} />
        <SubmitButton>{t('devices.recovery.start.submit')}</SubmitButton>
      </Form>
      <p class="hint">{t('devices.recovery.privacy')}</p>
    </Layout>
  );
}

/** Recovery, step 2: the code, said to come by e-mail or by text as the session's did. */
export function RecoverCodePage({ ctx, form, channel }: { ctx: PageContext; form: FormState; channel: 'email' | 'sms' }) {
  const words = channel === 'sms' ? { intro: ctx.t('devices.recovery.code.introSms') } : {};
  return (
    <CodeStepPage ctx={ctx} form={form} action={RECOVERY_PATHS.recoverCode} restartHref={RECOVERY_PATHS.recover} keys="devices.recovery.code" words={words} />
  );
}

/** Recovery done; the confirmation went by text, by e-mail, or nowhere when the report holds no contact. */
export function RecoverDonePage({ ctx, requestId, notifiedBy }: { ctx: PageContext; requestId: string; notifiedBy: 'email' | 'sms' | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('devices.recovery.done.title')}>
      <div class="notice" role="status">
        <p>
          {t('devices.recovery.done.body')} <strong dir="ltr">{requestId}</strong>
        </p>
      </div>
      <p>
        {t(notifiedBy === 'sms' ? 'devices.recovery.done.nextSms' : notifiedBy === 'email' ? 'devices.recovery.done.next' : 'devices.recovery.done.nextUnsent')}
      </p>
    </Layout>
  );
}

/** The trace alerts on the staff report list: a reported or blocked phone seen with a new SIM. */
export function TraceAlertsSection({ ctx, open }: { ctx: PageContext; open: readonly TraceAlertItem[] }) {
  const { t, format } = ctx;
  return (
    <section aria-labelledby="trace-alerts-title">
      <h2 id="trace-alerts-title">{t('devices.recovery.alerts.title', { count: open.length })}</h2>
      {open.length === 0 ? (
        <p>{t('devices.recovery.alerts.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption class="visually-hidden">{t('devices.recovery.alerts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('devices.staff.reports.requestId')}</th>
                <th scope="col">{t('devices.recovery.alerts.operator')}</th>
                <th scope="col">{t('devices.recovery.alerts.seen')}</th>
                <th scope="col">{t('devices.recovery.alerts.action')}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((a) => (
                <tr key={a.id}>
                  <td dir="ltr">
                    {a.report ? <a href={`${REPORT_PATHS.staffList}/${a.report.id}`}>{a.report.requestId}</a> : t('devices.recovery.alerts.blockedOnly')}
                  </td>
                  <td dir="ltr">{a.operatorId}</td>
                  <td>{format.date(new Date(`${a.seenOn}T12:00:00Z`))}</td>
                  <td>
                    <Form ctx={ctx} action={`${RECOVERY_PATHS.staffAlerts}/${a.id}/acknowledge`} label={t('devices.recovery.alerts.acknowledge')}>
                      <button type="submit" class="button button-secondary">
                        {t('devices.recovery.alerts.acknowledge')}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

/** On one verified report: whether it was recovered, or the button that marks it so. */
export function RecoverySection({ ctx, reportId, isRecovered }: { ctx: PageContext; reportId: string; isRecovered: boolean }) {
  const { t } = ctx;
  if (isRecovered) return <p class="notice">{t('devices.recovery.staff.recovered')}</p>;
  return (
    <Form ctx={ctx} action={`${REPORT_PATHS.staffList}/${reportId}/recover`} label={t('devices.recovery.staff.mark')}>
      <p>{t('devices.recovery.staff.intro')}</p>
      <SubmitButton>{t('devices.recovery.staff.mark')}</SubmitButton>
    </Form>
  );
}
