import { Layout } from '../../../platform/web/layout.tsx';
import { TableRegion } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { PublishedMonth } from './month-counts.ts';
import { localeOf } from '../../../platform/i18n/index.ts';

const METRICS = ['checked', 'reported', 'blocked', 'traced', 'recovered'] as const;

/** The public monthly statistics: counts only, never a device or a person. */
export function StatisticsPage({ ctx, months, smallestCount }: { ctx: PageContext; months: readonly PublishedMonth[]; smallestCount: number }) {
  const { t, format } = ctx;
  const monthName = (month: string) =>
    new Intl.DateTimeFormat(localeOf(ctx.language), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
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
                  <td key={m}>{row[m] === null ? t('devices.stats.fewerThan', { count: smallestCount }) : format.number(row[m])}</td>
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
