import { csvRecord } from '../../../platform/csv-writer.ts';
import { csvValueOf, publishedFields, withSuppressedColumns } from '../../../platform/open-data/small-cells.ts';
import { Layout } from '../../../platform/web/layout.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { Cell, OperatorLine, QuarterStatistics } from './complaint-statistics.ts';
import { TableRegion } from '../../../platform/web/components.tsx';
import { STATISTICS_PATH } from './statistics.paths.ts';

// The consumer's complaint pages, where one makes or follows a complaint.
const COMPLAINTS_PATH = '/complaints';

function CellText({ ctx, cell, kind }: { ctx: PageContext; cell: Cell; kind: 'count' | 'rate' | 'share' | 'days' }) {
  const { t, format } = ctx;
  if (cell.isSuppressed) return <abbr title={t('complaints.stats.suppressedLong')}>{t('complaints.stats.suppressed')}</abbr>;
  if (cell.value === null) return <>{t('complaints.stats.notApplicable')}</>;
  if (kind === 'share') return <>{format.number(cell.value, { style: 'percent', maximumFractionDigits: 1 })}</>;
  if (kind === 'count') return <>{format.number(cell.value)}</>;
  return <>{format.number(cell.value, { maximumFractionDigits: kind === 'rate' ? 2 : 1 })}</>;
}

/** An operator's rate, or the note saying why it has none. */
function OperatorRate({ ctx, line }: { ctx: PageContext; line: OperatorLine }) {
  if (!line.per100k.isSuppressed && line.hasNoSubscribers) return <>{ctx.t('complaints.stats.noSubscribers')}</>;
  if (!line.per100k.isSuppressed && line.hasPartialSubscribers) return <>{ctx.t('complaints.stats.partialSubscribers')}</>;
  return <CellText ctx={ctx} cell={line.per100k} kind="rate" />;
}

/** A horizontal bar chart drawn on the server: the table below it holds the same figures. */
function BarChart({ ctx, bars, title }: { ctx: PageContext; bars: ReadonlyArray<{ label: string; value: number }>; title: string }) {
  if (bars.length === 0) return null;
  const max = Math.max(...bars.map((b) => b.value)) || 1;
  const rowHeight = 28;
  const labelWidth = 170;
  const width = 560;
  const height = bars.length * rowHeight + 10;
  return (
    <figure class="chart">
      <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="stats-chart-title" dir="ltr">
        <title id="stats-chart-title">{title}</title>
        {bars.map((b, i) => {
          const barWidth = Math.max(1, ((width - labelWidth - 70) * b.value) / max);
          const y = i * rowHeight + 5;
          return (
            <g key={b.label}>
              <text x={labelWidth - 8} y={y + 17} text-anchor="end" font-size="13" fill="#1b1b1b">
                {b.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={barWidth} height={rowHeight - 10} fill="#1d4e89" />
              <text x={labelWidth + barWidth + 6} y={y + 17} font-size="13" fill="#1b1b1b">
                {ctx.format.number(b.value, { maximumFractionDigits: 2 })}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

/** The public statistics of a quarter: tables, a chart, and CSV and JSON downloads. */
export function StatisticsPage({
  ctx,
  stats,
  quarters,
  operatorNames,
}: {
  ctx: PageContext;
  stats: QuarterStatistics;
  quarters: readonly string[];
  operatorNames: ReadonlyMap<string, string>;
}) {
  const { t } = ctx;
  const nameOf = (id: string) => operatorNames.get(id) ?? id;
  const bars = stats.byOperator
    .filter((o) => o.per100k.value !== null && !o.per100k.isSuppressed)
    .map((o) => ({ label: nameOf(o.operatorId), value: o.per100k.value ?? 0 }));
  const query = `quarter=${encodeURIComponent(stats.quarter)}`;
  return (
    <Layout ctx={ctx} title={t('complaints.stats.title', { quarter: stats.quarter })}>
      <p>{t('complaints.stats.intro')}</p>
      <form method="get" action={STATISTICS_PATH} aria-label={t('complaints.stats.chooseQuarter')}>
        <div class="field">
          <label for="field-quarter">{t('complaints.stats.quarter')}</label>
          <select id="field-quarter" name="quarter">
            {quarters.map((q) => (
              <option key={q} value={q} selected={q === stats.quarter}>
                {q}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t('complaints.stats.show')}
        </button>
      </form>
      <p>
        {t('complaints.stats.total')} <CellText ctx={ctx} cell={stats.total} kind="count" />
      </p>
      <BarChart ctx={ctx} bars={bars} title={t('complaints.stats.chartTitle')} />
      <h2>{t('complaints.stats.byOperator')}</h2>
      <TableRegion>
        <table>
          <caption class="visually-hidden">{t('complaints.stats.byOperator')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaints.staff.operator')}</th>
              <th scope="col">{t('complaints.stats.complaints')}</th>
              <th scope="col">{t('complaints.stats.per100k')}</th>
              <th scope="col">{t('complaints.stats.withinDeadline')}</th>
              <th scope="col">{t('complaints.stats.medianDays')}</th>
              <th scope="col">{t('complaints.stats.p90Days')}</th>
              <th scope="col">{t('complaints.stats.escalation')}</th>
              <th scope="col">{t('complaints.stats.acceptance')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.byOperator.map((o) => (
              <tr key={o.operatorId}>
                <th scope="row">{nameOf(o.operatorId)}</th>
                <td>
                  <CellText ctx={ctx} cell={o.complaints} kind="count" />
                </td>
                <td>
                  <OperatorRate ctx={ctx} line={o} />
                </td>
                <td>
                  <CellText ctx={ctx} cell={o.shareWithinDeadline} kind="share" />
                </td>
                <td>
                  <CellText ctx={ctx} cell={o.medianDays} kind="days" />
                </td>
                <td>
                  <CellText ctx={ctx} cell={o.p90Days} kind="days" />
                </td>
                <td>
                  <CellText ctx={ctx} cell={o.escalationRate} kind="share" />
                </td>
                <td>
                  <CellText ctx={ctx} cell={o.acceptanceRate} kind="share" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t('complaints.stats.byService')}</h2>
      <TableRegion>
        <table>
          <caption class="visually-hidden">{t('complaints.stats.byService')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaints.staff.service')}</th>
              <th scope="col">{t('complaints.stats.complaints')}</th>
              <th scope="col">{t('complaints.stats.per100k')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.byService.map((s) => (
              <tr key={s.service}>
                <th scope="row">{t(`complaints.service.${s.service}`)}</th>
                <td>
                  <CellText ctx={ctx} cell={s.complaints} kind="count" />
                </td>
                <td>
                  <CellText ctx={ctx} cell={s.per100k} kind="rate" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t('complaints.stats.byCategory')}</h2>
      <TableRegion>
        <table>
          <caption class="visually-hidden">{t('complaints.stats.byCategory')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaints.staff.category')}</th>
              <th scope="col">{t('complaints.stats.complaints')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.byCategory.map((c) => (
              <tr key={c.category}>
                <th scope="row">{t(`complaints.category.${c.category}`)}</th>
                <td>
                  <CellText ctx={ctx} cell={c.complaints} kind="count" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t('complaints.stats.notes')}</h2>
      <ul>
        <li>{t('complaints.stats.noteSuppressed', { threshold: stats.threshold })}</li>
        <li>{t('complaints.stats.noteNoSubscribers')}</li>
        <li>{t('complaints.stats.noteResolution')}</li>
      </ul>
      <p>
        <a href={`${STATISTICS_PATH}.csv?${query}`} download>
          {t('complaints.stats.csv')}
        </a>{' '}
        ·{' '}
        <a href={`${STATISTICS_PATH}.json?${query}`} download>
          {t('complaints.stats.json')}
        </a>
      </p>
      <p>
        <a href={COMPLAINTS_PATH}>{t('complaints.stats.complaintsLink')}</a>
      </p>
    </Layout>
  );
}

/** The columns of the statistics CSV file before the small-cell flags are added. */
export const STATISTICS_BASE_COLUMNS = [
  'quarter',
  'operator_id',
  'complaints',
  'subscribers',
  'complaints_per_100k',
  'share_within_deadline',
  'median_days',
  'p90_days',
  'escalation_rate',
  'acceptance_rate',
] as const;

/** The columns the small-cell rule may withhold, each followed in the files by its `<column>_suppressed`. */
export const STATISTICS_SUPPRESSIBLE_COLUMNS = [
  'complaints',
  'complaints_per_100k',
  'share_within_deadline',
  'median_days',
  'p90_days',
  'escalation_rate',
  'acceptance_rate',
] as const;

/** The columns of the statistics CSV file, in order (its Table Schema in the open-data catalogue names the same). */
export const STATISTICS_CSV_COLUMNS = withSuppressedColumns(STATISTICS_BASE_COLUMNS, STATISTICS_SUPPRESSIBLE_COLUMNS);

/** One operator's line as published, in CSV and JSON alike. */
function operatorRecord(quarter: string, o: OperatorLine): Record<(typeof STATISTICS_CSV_COLUMNS)[number], string | number | boolean | null> {
  return {
    quarter,
    operator_id: o.operatorId,
    ...publishedFields('complaints', o.complaints),
    subscribers: o.subscribers,
    ...publishedFields('complaints_per_100k', o.per100k),
    ...publishedFields('share_within_deadline', o.shareWithinDeadline),
    ...publishedFields('median_days', o.medianDays),
    ...publishedFields('p90_days', o.p90Days),
    ...publishedFields('escalation_rate', o.escalationRate),
    ...publishedFields('acceptance_rate', o.acceptanceRate),
  };
}

/** The operator table as CSV, through the platform's writer: one line per operator, a withheld figure empty with its `<column>_suppressed` true. */
export function statisticsCsv(stats: QuarterStatistics): string {
  const lines = [csvRecord(STATISTICS_CSV_COLUMNS)];
  for (const o of stats.byOperator) {
    const record = operatorRecord(stats.quarter, o);
    lines.push(csvRecord(STATISTICS_CSV_COLUMNS.map((c) => csvValueOf(record[c]))));
  }
  return lines.join('');
}

/** The quarter as JSON: the same operator records as the CSV file, then the tables by service and category, withheld figures written the same way. */
export function statisticsJson(stats: QuarterStatistics): object {
  return {
    quarter: stats.quarter,
    smallest_count: stats.threshold,
    ...publishedFields('total', stats.total),
    by_operator: stats.byOperator.map((o) => ({
      ...operatorRecord(stats.quarter, o),
      has_no_subscribers: o.hasNoSubscribers,
      has_partial_subscribers: o.hasPartialSubscribers,
    })),
    by_service: stats.byService.map((s) => ({
      service: s.service,
      ...publishedFields('complaints', s.complaints),
      ...publishedFields('complaints_per_100k', s.per100k),
    })),
    by_category: stats.byCategory.map((c) => ({ category: c.category, ...publishedFields('complaints', c.complaints) })),
  };
}
