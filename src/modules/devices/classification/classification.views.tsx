import { Layout } from '../../../platform/web/layout.tsx';
import { TableRegion } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { Condition, Dimension } from './classification-rules.ts';
import type { LatestRun } from './classification.service.ts';
import type { ListRun } from '../lists/device-list.service.ts';

/** The staff overview: the conditions in effect, the latest classification run and the latest lists. */
export function ClassificationOverviewPage({
  ctx,
  conditions,
  lastRun,
  listRun,
}: {
  ctx: PageContext;
  conditions: readonly Condition[];
  lastRun: LatestRun | undefined;
  listRun: ListRun | undefined;
}) {
  const { t, format } = ctx;
  const dimensionText = (d: Dimension) => {
    const text =
      d.type === 'duplicate' ? t('devices.rules.dimension.duplicate', { threshold: d.threshold, days: d.periodDays }) : t(`devices.rules.dimension.${d.type}`);
    return d.isInverted ? t('devices.rules.dimension.inverted', { dimension: text }) : text;
  };
  return (
    <Layout ctx={ctx} title={t('devices.rules.title')}>
      <p>{t('devices.rules.intro')}</p>
      <h2>{t('devices.rules.conditions')}</h2>
      <TableRegion>
        <table>
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
        </table>
      </TableRegion>
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
            <li key={r.condition}>
              {t('devices.rules.refusedCondition', {
                condition: `\u2068${r.condition}\u2069`,
                count: r.count,
                measure: r.measure,
                limit: r.limit,
                seen: r.imeisSeen,
              })}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('devices.lists.export.title')}</h2>
      {!listRun ? (
        <p>{t('devices.lists.export.none')}</p>
      ) : (
        <>
          <p>{t('devices.lists.export.generated', { date: listRun.listDate, generated: format.dateTime(listRun.generatedAt) })}</p>
          <TableRegion>
            <table>
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
            </table>
          </TableRegion>
        </>
      )}
    </Layout>
  );
}
