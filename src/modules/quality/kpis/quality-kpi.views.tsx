import { Layout } from '../../../platform/web/layout.tsx';
import { ErrorSummary, QueryForm, SelectField, SubmitButton, TableRegion, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { KpiResultsReply } from './quality-kpi.schemas.ts';
import { isThresholdOperator, THRESHOLD_OPERATORS } from '../statistics/quality-statistics.ts';
import type { NamedChoice } from './quality-kpi.service.ts';
import type { KpiDefinition } from './quality-kpi.settings.ts';
import type { OpenDataMonth } from '../open-data/quality-open-data.service.ts';
import { KPI_PATHS } from './quality-kpi.paths.ts';
import { OPEN_DATA_PATHS } from '../open-data/quality-open-data.paths.ts';
import { localeOf } from '../../../platform/i18n/index.ts';

/** What the page offers to choose. */
export interface KpiPageChoices {
  operators: readonly NamedChoice[];
  kpis: readonly KpiDefinition[];
  /** Months a period may start or end with, newest first. */
  months: readonly string[];
}

/** The open data section of the page. */
export interface OpenDataView {
  licence: { name: string; url: string };
  attribution: string;
  timePrecision: 'hour' | 'day';
  months: readonly OpenDataMonth[];
}

/**
 * A KPI's name: its message when the catalogues have one (one the page's language lacks comes back
 * marked, and the page marks it as English), the profile's name otherwise, in its own direction.
 */
export function kpiLabel(ctx: PageContext, kpi: { id: string; name: string }): { text: string; attributes: { dir?: 'auto' } } {
  const key = `quality.kpis.name.${kpi.id}`;
  if (ctx.catalogs.messages.get('en')?.[key] !== undefined) return { text: ctx.t(key), attributes: {} };
  return { text: kpi.name, attributes: { dir: 'auto' } };
}

function monthName(ctx: PageContext, month: string): string {
  return new Intl.DateTimeFormat(localeOf(ctx.language), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
}

function percentText(ctx: PageContext, percent: string): string {
  // Already rounded to two decimals by the service; Intl only lays it out for the language.
  return ctx.format.number(Number(percent) / 100, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function listText(ctx: PageContext, items: readonly string[]): string {
  return new Intl.ListFormat(ctx.language, { style: 'long', type: 'conjunction' }).format(items);
}

function targetText(ctx: PageContext, target: { operator: string; percent: string }): string {
  const words = isThresholdOperator(target.operator) ? THRESHOLD_OPERATORS[target.operator] : 'atLeast';
  return ctx.t(`quality.kpis.target.${words}`, { percent: percentText(ctx, target.percent) });
}

function technologyText(ctx: PageContext, technology: string): string {
  return technology === 'all' ? ctx.t('quality.kpis.technology.all') : ctx.t(`quality.technology.${technology}`);
}

/** The filters: operator, KPI and the period, a plain GET form. */
function Filters({ ctx, form, choices }: { ctx: PageContext; form: FormState; choices: KpiPageChoices }) {
  const { t } = ctx;
  const monthOptions = choices.months.map((m) => ({ value: m, label: monthName(ctx, m) }));
  return (
    <QueryForm ctx={ctx} action={KPI_PATHS.page} label={t('quality.kpis.filtersLabel')}>
      <SelectField
        form={form}
        name="operator"
        label={t('quality.kpis.filter.operator')}
        placeholder={t('quality.kpis.filter.allOperators')}
        options={choices.operators.map((o) => ({ value: o.id, label: o.name }))}
      />
      <SelectField
        form={form}
        name="kpi"
        label={t('quality.kpis.filter.kpi')}
        placeholder={t('quality.kpis.filter.allKpis')}
        options={choices.kpis.map((k) => ({ value: k.id, label: kpiLabel(ctx, k).text }))}
      />
      <SelectField form={form} name="from" label={t('quality.kpis.filter.from')} options={monthOptions} />
      <SelectField form={form} name="to" label={t('quality.kpis.filter.to')} options={monthOptions} />
      <SubmitButton>{t('quality.kpis.filter.submit')}</SubmitButton>
    </QueryForm>
  );
}

/** The results table: one row per operator, KPI and technology, the verdict in words. */
function ResultsTable({ ctx, results }: { ctx: PageContext; results: KpiResultsReply }) {
  const { t } = ctx;
  const kpis = new Map(results.kpis.map((k) => [k.id, k]));
  const regionName = new Map(results.regions.map((r) => [r.code, r.name]));
  const caption = t('quality.kpis.caption', { from: monthName(ctx, results.from), to: monthName(ctx, results.to) });
  if (results.results.length === 0) {
    return (
      <section aria-labelledby="kpi-results-title">
        <h2 id="kpi-results-title">{caption}</h2>
        <p>{t('quality.kpis.none')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="kpi-results-title">
      <h2 id="kpi-results-title">{t('quality.kpis.resultsTitle')}</h2>
      <TableRegion>
        <table>
          <caption id="kpi-caption">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('quality.kpis.col.operator')}</th>
              <th scope="col">{t('quality.kpis.col.kpi')}</th>
              <th scope="col">{t('quality.kpis.col.technology')}</th>
              <th scope="col">{t('quality.kpis.col.result')}</th>
              <th scope="col">{t('quality.kpis.col.target')}</th>
              <th scope="col">{t('quality.kpis.col.verdict')}</th>
              <th scope="col">{t('quality.kpis.col.missedMonths')}</th>
              <th scope="col">{t('quality.kpis.col.missedRegions')}</th>
            </tr>
          </thead>
          <tbody>
            {results.results.map((r) => {
              const kpi = kpis.get(r.kpi);
              const label = kpi ? kpiLabel(ctx, kpi) : { text: r.kpi, attributes: {} };
              return (
                <tr key={`${r.operatorId}-${r.kpi}-${r.technology}`}>
                  <th scope="row">
                    <bdi>{r.operatorName}</bdi>
                  </th>
                  <td {...label.attributes}>{label.text}</td>
                  <td>{technologyText(ctx, r.technology)}</td>
                  <td>{percentText(ctx, r.percent)}</td>
                  <td>{kpi ? targetText(ctx, kpi.target) : ''}</td>
                  <td>{r.meetsTarget ? t('quality.kpis.meets') : <strong>{t('quality.kpis.misses')}</strong>}</td>
                  <td>
                    {r.missedMonths.length === 0
                      ? t('quality.kpis.noMiss')
                      : listText(
                          ctx,
                          r.missedMonths.map((m) => monthName(ctx, m)),
                        )}
                  </td>
                  <td>
                    {r.missedRegions.length === 0
                      ? t('quality.kpis.noMiss')
                      : listText(
                          ctx,
                          r.missedRegions.map((m) =>
                            t('quality.kpis.regionFigure', { region: regionName.get(m.region) ?? m.region, percent: percentText(ctx, m.percent) }),
                          ),
                        )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
      <p class="hint">{t('quality.kpis.method')}</p>
    </section>
  );
}

/** Colours and shapes of the chart's series: told apart by shape as well as colour. */
const SERIES = [
  { colour: '#0b5d3b', shape: 'circle' },
  { colour: '#8a3b00', shape: 'square' },
  { colour: '#1f4e9c', shape: 'triangle' },
  { colour: '#6b2c7a', shape: 'diamond' },
] as const;

function Marker({ x, y, series }: { x: number; y: number; series: number }) {
  const { colour, shape } = SERIES[series % SERIES.length] ?? SERIES[0];
  // Series beyond the fourth reuse the shapes, hollow.
  const paint = series % (SERIES.length * 2) < SERIES.length ? { fill: colour } : { fill: '#ffffff', stroke: colour, 'stroke-width': '2' };
  if (shape === 'circle') return <circle cx={x} cy={y} r="5" {...paint} />;
  if (shape === 'square') return <rect x={x - 4.5} y={y - 4.5} width="9" height="9" {...paint} />;
  if (shape === 'triangle') return <path d={`M${x} ${y - 6}L${x + 6} ${y + 4.5}L${x - 6} ${y + 4.5}Z`} {...paint} />;
  return <path d={`M${x} ${y - 6}L${x + 6} ${y}L${x} ${y + 6}L${x - 6} ${y}Z`} {...paint} />;
}

/**
 * One KPI month by month: a table of each operator's national figure (misses in bold and said in
 * words), and a small dot chart of the same figures with the target as a dashed line.
 */
function MonthlyDetail({ ctx, results, kpiId }: { ctx: PageContext; results: KpiResultsReply; kpiId: string }) {
  const { t } = ctx;
  const kpi = results.kpis.find((k) => k.id === kpiId);
  const rows = results.results.filter((r) => r.kpi === kpiId);
  if (!kpi || rows.length === 0) return null;
  const months = [...new Set(rows.flatMap((r) => r.months.map((m) => m.month)))].sort();
  const label = kpiLabel(ctx, kpi);
  const title = t('quality.kpis.monthly.title', { kpi: label.text });
  const values = [...rows.flatMap((r) => r.months.map((m) => Number(m.percent))), Number(kpi.target.percent)];
  const low = Math.max(0, Math.floor(Math.min(...values) - 0.5));
  const high = Math.min(100, Math.ceil(Math.max(...values) + 0.5));
  const width = 640;
  const height = 220;
  const pad = { left: 48, right: 16, top: 12, bottom: 28 };
  const xOf = (index: number) => pad.left + ((width - pad.left - pad.right) * (index + 0.5)) / months.length;
  const yOf = (value: number) => pad.top + ((height - pad.top - pad.bottom) * (high - value)) / Math.max(high - low, 1);
  const shortMonth = new Intl.DateTimeFormat(localeOf(ctx.language), { month: 'short', timeZone: 'UTC' });
  const series = rows.map((r, index) => ({ row: r, index, key: `${r.operatorId}-${r.technology}`, technology: technologyText(ctx, r.technology) }));
  return (
    <section aria-labelledby="kpi-monthly-title">
      <h2 id="kpi-monthly-title" {...label.attributes}>
        {title}
      </h2>
      <TableRegion>
        <table id="kpi-monthly-table">
          <caption id="kpi-monthly-caption">{t('quality.kpis.monthly.caption', { target: targetText(ctx, kpi.target) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('quality.kpis.col.operator')}</th>
              {months.map((m) => (
                <th scope="col" key={m}>
                  {monthName(ctx, m)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map(({ row, key, technology }) => (
              <tr key={key}>
                <th scope="row">
                  <bdi>{row.operatorName}</bdi> · {technology}
                </th>
                {months.map((month) => {
                  const figure = row.months.find((m) => m.month === month);
                  if (!figure) return <td key={month}>–</td>;
                  return (
                    <td key={month}>
                      {figure.meetsTarget ? (
                        percentText(ctx, figure.percent)
                      ) : (
                        <strong>{t('quality.kpis.monthly.miss', { percent: percentText(ctx, figure.percent) })}</strong>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <figure class="kpi-chart">
        <svg
          xmlns="http://www.w3.org/2000/svg"
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          role="img"
          aria-labelledby="kpi-chart-title"
          aria-describedby="kpi-monthly-table"
          direction="ltr"
        >
          <title id="kpi-chart-title">{t('quality.kpis.monthly.chart', { kpi: label.text })}</title>
          <g stroke="#b7b7b7" stroke-width="1">
            <line x1={pad.left} y1={yOf(high)} x2={width - pad.right} y2={yOf(high)} />
            <line x1={pad.left} y1={yOf(low)} x2={width - pad.right} y2={yOf(low)} />
          </g>
          <line
            x1={pad.left}
            y1={yOf(Number(kpi.target.percent))}
            x2={width - pad.right}
            y2={yOf(Number(kpi.target.percent))}
            stroke="#b00020"
            stroke-width="2"
            stroke-dasharray="6 4"
          />
          <g font-size="12" fill="#1b1b1b">
            <text x={pad.left - 6} y={yOf(high) + 4} text-anchor="end">{`${high}%`}</text>
            <text x={pad.left - 6} y={yOf(low) + 4} text-anchor="end">{`${low}%`}</text>
            <text x={pad.left - 6} y={yOf(Number(kpi.target.percent)) + 4} text-anchor="end" fill="#b00020">{`${kpi.target.percent}%`}</text>
            {months.map((m, i) => (
              <text key={m} x={xOf(i)} y={height - 8} text-anchor="middle">
                {shortMonth.format(new Date(`${m}-15T12:00:00Z`))}
              </text>
            ))}
          </g>
          {series.map(({ row, index }) =>
            row.months.map((m) => (
              <Marker
                key={`${index}-${m.month}`}
                x={xOf(months.indexOf(m.month)) + (index - (series.length - 1) / 2) * 7}
                y={yOf(Number(m.percent))}
                series={index}
              />
            )),
          )}
        </svg>
        <figcaption>
          <ul class="kpi-chart-legend">
            {series.map(({ row, index, key, technology }) => (
              <li key={key}>
                <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                  <Marker x={7} y={7} series={index} />
                </svg>{' '}
                <bdi>{row.operatorName}</bdi> · {technology}
              </li>
            ))}
            <li>
              <svg width="24" height="14" viewBox="0 0 24 14" aria-hidden="true" focusable="false">
                <line x1="0" y1="7" x2="24" y2="7" stroke="#b00020" stroke-width="2" stroke-dasharray="6 4" />
              </svg>{' '}
              {t('quality.kpis.monthly.targetLine', { target: targetText(ctx, kpi.target) })}
            </li>
          </ul>
        </figcaption>
      </figure>
    </section>
  );
}

/** The monthly files of individual measurements under an open licence. */
function OpenDataSection({ ctx, openData }: { ctx: PageContext; openData: OpenDataView }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="open-data-title">
      <h2 id="open-data-title">{t('quality.openData.title')}</h2>
      <p>
        {t('quality.openData.intro')} {t(openData.timePrecision === 'day' ? 'quality.openData.time.day' : 'quality.openData.time.hour')}{' '}
        {t('quality.openData.licence')}{' '}
        <a href={openData.licence.url} rel="license" dir="auto">
          {openData.licence.name}
        </a>
        {' · '}
        <span dir="auto">{t('quality.openData.attribution', { authority: openData.attribution })}</span>
      </p>
      {openData.months.length === 0 ? (
        <p>{t('quality.openData.none')}</p>
      ) : (
        <ul>
          {openData.months.map((m) => (
            <li key={m.month}>
              {t('quality.openData.month', { month: monthName(ctx, m.month), count: m.measurements })}{' '}
              <a href={`${OPEN_DATA_PATHS.files}/measurements-${m.month}.csv`}>{t('quality.openData.csv')}</a> ·{' '}
              <a href={`${OPEN_DATA_PATHS.files}/measurements-${m.month}.json`}>{t('quality.openData.json')}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Network KPIs against the regulator's targets: filters, a table of results with the months and
 * regions that miss, the definitions, and the open data files of measurements.
 */
export function KpiPage({
  ctx,
  form,
  choices,
  results,
  openData,
}: {
  ctx: PageContext;
  form: FormState;
  choices: KpiPageChoices;
  results: KpiResultsReply | null;
  openData: OpenDataView;
}) {
  const { t } = ctx;
  const query = new URLSearchParams(Object.entries(form.values).filter(([key, value]) => key !== 'lang' && value !== ''));
  return (
    <Layout ctx={ctx} title={t('quality.kpis.title')}>
      <p class="lead">{t('quality.kpis.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Filters ctx={ctx} form={form} choices={choices} />
      {results ? <ResultsTable ctx={ctx} results={results} /> : null}
      {results && form.values['kpi'] ? <MonthlyDetail ctx={ctx} results={results} kpiId={form.values['kpi']} /> : null}
      {results ? (
        <p>
          <a href={`${KPI_PATHS.results}${query.size > 0 ? `?${query.toString()}` : ''}`}>{t('quality.kpis.api')}</a>
        </p>
      ) : null}
      <section aria-labelledby="kpi-definitions-title">
        <h2 id="kpi-definitions-title">{t('quality.kpis.definitionsTitle')}</h2>
        <dl>
          {choices.kpis.map((k) => {
            const label = kpiLabel(ctx, k);
            const definitionKey = `quality.kpis.definition.${k.id}`;
            const hasDefinition = ctx.catalogs.messages.get('en')?.[definitionKey] !== undefined;
            return (
              <>
                <dt key={`${k.id}-term`} {...label.attributes}>
                  {label.text}
                </dt>
                <dd key={`${k.id}-definition`}>
                  {hasDefinition ? (
                    ctx.t(definitionKey)
                  ) : (
                    <span dir="auto">
                      {k.numerator} ÷ {k.denominator}
                    </span>
                  )}
                  {' · '}
                  {targetText(ctx, k.target)}
                  {k.technology ? ` · ${technologyText(ctx, k.technology)}` : ''}
                </dd>
              </>
            );
          })}
        </dl>
      </section>
      <OpenDataSection ctx={ctx} openData={openData} />
    </Layout>
  );
}
