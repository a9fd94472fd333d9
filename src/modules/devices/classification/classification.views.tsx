import { Layout } from '../../../platform/web/layout.tsx';
import { ErrorSummary, Form, SubmitButton, TableRegion, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { MonthCounts } from '../statistics/device-stats.repository.ts';
import type { TraceAlertRow } from '../recovery/recovery.repository.ts';
import type { Condition, Dimension } from './classification-rules.ts';
import type { LatestRun } from './classification.service.ts';
import type { ListRun } from '../lists/device-list.service.ts';

/** The paths of the statistics and recovery pages. */
export const CLASSIFICATION_PATHS = {
  statistics: '/devices/statistics',
  recover: '/devices/recover',
  recoverCode: '/devices/recover/code',
  staffReports: '/staff/devices/reports',
  staffAlerts: '/staff/devices/alerts',
  staffOverview: '/staff/devices/classification',
} as const;

const METRICS = ['checked', 'reported', 'blocked', 'traced', 'recovered'] as const;

/** The public monthly statistics: counts only, never a device or a person. */
export function StatisticsPage({ ctx, months }: { ctx: PageContext; months: readonly MonthCounts[] }) {
  const { t, format } = ctx;
  const monthName = (month: string) => new Intl.DateTimeFormat(ctx.language === 'ar' ? 'ar-u-nu-latn' : ctx.language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
  return (
    <Layout ctx={ctx} title={t('devices.stats.title')}>
      <p class="lead">{t('devices.stats.intro')}</p>
      <TableRegion>
        <table>
          <caption id="stats-caption">{t('devices.stats.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('devices.stats.month')}</th>
              {METRICS.map((m) => (
                <th scope="col" key={m}>
                  {t(`devices.stats.metric.${m}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...months].reverse().map((row) => (
              <tr key={row.month}>
                <th scope="row">{monthName(row.month)}</th>
                {METRICS.map((m) => (
                  <td key={m}>{format.number(row[m])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t('devices.stats.definitionsTitle')}</h2>
      <dl>
        {METRICS.map((m) => (
          <>
            <dt key={`${m}-term`}>{t(`devices.stats.metric.${m}`)}</dt>
            <dd key={`${m}-def`}>{t(`devices.stats.definition.${m}`)}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href="/api/v1/devices/statistics">{t('devices.stats.api')}</a>
      </p>
    </Layout>
  );
}

/** Recovery, step 1: the request id of the report; a one-time code goes to the report's address. */
export function RecoverStartPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('devices.recovery.start.title')}>
      <p class="lead">{t('devices.recovery.start.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={CLASSIFICATION_PATHS.recover} label={t('devices.recovery.start.title')}>
        <TextField form={form} name="requestId" autocomplete="off" label={t('devices.recovery.start.requestId')} hint={t('devices.recovery.start.requestIdHint')} isRequired />
        <SubmitButton>{t('devices.recovery.start.submit')}</SubmitButton>
      </Form>
      <p class="hint">{t('devices.recovery.privacy')}</p>
    </Layout>
  );
}

/** Recovery, step 2: the code. */
export function RecoverCodePage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('devices.recovery.code.title')}>
      <p>{t('devices.recovery.code.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={CLASSIFICATION_PATHS.recoverCode} label={t('devices.recovery.code.title')}>
        <TextField form={form} name="code" inputMode="numeric" autocomplete="one-time-code" label={t('devices.recovery.code.label')} isRequired isValueKept={false} />
        <SubmitButton>{t('devices.recovery.code.submit')}</SubmitButton>
      </Form>
      <p>
        <a href={CLASSIFICATION_PATHS.recover}>{t('devices.recovery.code.restart')}</a>
      </p>
    </Layout>
  );
}

/** Recovery done. */
export function RecoverDonePage({ ctx, requestId }: { ctx: PageContext; requestId: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('devices.recovery.done.title')}>
      <div class="notice" role="status">
        <p>
          {t('devices.recovery.done.body')} <strong dir="ltr">{requestId}</strong>
        </p>
      </div>
      <p>{t('devices.recovery.done.next')}</p>
    </Layout>
  );
}

/** The trace alerts on the staff report list: a reported or blocked phone seen with a new SIM. */
export function TraceAlertsSection({ ctx, alerts }: { ctx: PageContext; alerts: readonly TraceAlertRow[] }) {
  const { t, format } = ctx;
  const open = alerts.filter((a) => a.acknowledged_at === null);
  return (
    <section aria-labelledby="trace-alerts-title">
      <h2 id="trace-alerts-title">{t('devices.recovery.alerts.title', { count: open.length })}</h2>
      {open.length === 0 ? (
        <p>{t('devices.recovery.alerts.none')}</p>
      ) : (
        <TableRegion><table>
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
                <td dir="ltr">{a.report_id && a.request_id ? <a href={`${CLASSIFICATION_PATHS.staffReports}/${a.report_id}`}>{a.request_id}</a> : t('devices.recovery.alerts.blockedOnly')}</td>
                <td dir="ltr">{a.operator_id}</td>
                <td>{format.date(new Date(`${a.seen_on}T12:00:00Z`))}</td>
                <td>
                  <Form ctx={ctx} action={`${CLASSIFICATION_PATHS.staffAlerts}/${a.id}/acknowledge`} label={t('devices.recovery.alerts.acknowledge')}>
                    <button type="submit" class="button button-secondary">
                      {t('devices.recovery.alerts.acknowledge')}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table></TableRegion>
      )}
    </section>
  );
}

/** On one verified report: whether it was recovered, or the button that marks it so. */
export function RecoverySection({ ctx, reportId, isRecovered }: { ctx: PageContext; reportId: string; isRecovered: boolean }) {
  const { t } = ctx;
  if (isRecovered) return <p class="notice">{t('devices.recovery.staff.recovered')}</p>;
  return (
    <Form ctx={ctx} action={`${CLASSIFICATION_PATHS.staffReports}/${reportId}/recover`} label={t('devices.recovery.staff.mark')}>
      <p>{t('devices.recovery.staff.intro')}</p>
      <SubmitButton>{t('devices.recovery.staff.mark')}</SubmitButton>
    </Form>
  );
}

/** The staff overview: the conditions in effect, the latest classification run and the latest lists. */
export function ClassificationOverviewPage({ ctx, conditions, lastRun, listRun }: { ctx: PageContext; conditions: readonly Condition[]; lastRun: LatestRun | undefined; listRun: ListRun | undefined }) {
  const { t, format } = ctx;
  const dimensionText = (d: Dimension) => {
    const text = d.type === 'duplicate' ? t('devices.rules.dimension.duplicate', { threshold: d.threshold, days: d.periodDays }) : t(`devices.rules.dimension.${d.type}`);
    return d.isInverted ? t('devices.rules.dimension.inverted', { dimension: text }) : text;
  };
  return (
    <Layout ctx={ctx} title={t('devices.rules.title')}>
      <p>{t('devices.rules.intro')}</p>
      <h2>{t('devices.rules.conditions')}</h2>
      <TableRegion><table>
        <caption class="visually-hidden">{t('devices.rules.conditions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('devices.rules.name')}</th>
            <th scope="col">{t('devices.rules.kind')}</th>
            <th scope="col">{t('devices.rules.grace')}</th>
            <th scope="col">{t('devices.rules.reason')}</th>
            <th scope="col">{t('devices.rules.dimensions')}</th>
            <th scope="col">{t('devices.rules.limit')}</th>
          </tr>
        </thead>
        <tbody>
          {conditions.map((c) => (
            <tr key={c.name}>
              <th scope="row" dir="ltr">
                {c.name}
              </th>
              <td>{t(c.isBlocking ? 'devices.rules.blocking' : 'devices.rules.informational')}</td>
              <td>{c.isBlocking ? t('devices.rules.graceDays', { days: c.gracePeriodDays }) : '—'}</td>
              <td dir="ltr">{c.reason}</td>
              <td>{c.dimensions.map(dimensionText).join(' + ')}</td>
              <td>{t('devices.rules.limitValue', { share: c.maxNewShare })}</td>
            </tr>
          ))}
        </tbody>
      </table></TableRegion>
      <h2>{t('devices.rules.lastRun')}</h2>
      <p>
        {!lastRun
          ? t('devices.rules.noRun')
          : t(lastRun.status === 'refused' ? 'devices.rules.runRefused' : lastRun.status === 'partial' ? 'devices.rules.runPartial' : 'devices.rules.runDone', {
              date: lastRun.date,
              dataDate: lastRun.dataDate,
              finished: format.dateTime(lastRun.finishedAt),
            })}
      </p>
      {lastRun && lastRun.refused.length > 0 && (
        <ul>
          {lastRun.refused.map((r) => (
            <li key={r.condition}>{t('devices.rules.refusedCondition', { condition: `\u2068${r.condition}\u2069`, count: r.count, measure: r.measure, limit: r.limit, seen: r.imeisSeen })}</li>
          ))}
        </ul>
      )}
      <h2>{t('devices.lists.export.title')}</h2>
      {!listRun ? (
        <p>{t('devices.lists.export.none')}</p>
      ) : (
        <>
          <p>{t('devices.lists.export.generated', { date: listRun.listDate, generated: format.dateTime(listRun.generatedAt) })}</p>
          <TableRegion><table>
            <caption class="visually-hidden">{t('devices.lists.export.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('devices.lists.export.list')}</th>
                <th scope="col">{t('devices.lists.export.operator')}</th>
                <th scope="col">{t('devices.lists.export.rows')}</th>
              </tr>
            </thead>
            <tbody>
              {listRun.counts.map((c) => (
                <tr key={`${c.kind}-${c.operatorId}`}>
                  <td>{t(`devices.lists.export.kind.${c.kind}`)}</td>
                  <td dir="ltr">{c.operatorId === '' ? t('devices.lists.export.national') : c.operatorId}</td>
                  <td>{format.number(c.rows)}</td>
                </tr>
              ))}
            </tbody>
          </table></TableRegion>
        </>
      )}
    </Layout>
  );
}
