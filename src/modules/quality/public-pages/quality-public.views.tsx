import { Layout } from '../../../platform/web/layout.tsx';
import { ErrorSummary, QueryForm, RadioGroup, SelectField, SubmitButton, TableRegion, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type {
  AdvertisedComparison,
  AreaStatistic,
  QualityMetric,
  QualityRegion,
  QualityStatisticsSettingsView,
} from '../statistics/quality-aggregation.service.ts';
import { QUALITY_METRICS } from '../statistics/quality-aggregation.service.ts';
import { THRESHOLD_OPERATORS, type ThresholdOperator } from '../statistics/quality-statistics.ts';
import { QualityMap, regionContaining } from './quality-map.tsx';
import { cellToLatLng, getHexagonAreaAvg } from 'h3-js';
import { QUALITY_VIEWS, type QualityFilters } from './quality-public-query.ts';
import { TECHNOLOGIES } from '../quality.settings.ts';
import { QUALITY_PUBLIC_PATHS } from './quality-public.paths.ts';

/** The anchor of a metric's section on the methodology page. */
export const metricAnchor = (metric: QualityMetric) => `metric-${metric}`;

/** An operator as the page names it. */
export interface OperatorName {
  id: string;
  name: string;
}

/** What the page shows below its filters once they are valid. */
export interface QualityPageResult {
  filters: QualityFilters;
  /** The period the figures cover and when they were computed (null: never yet). */
  from: string;
  to: string;
  computedAt: string | null;
  /** Published figures of the areas drawn and listed, at `resolution` for cells. */
  rows: readonly AreaStatistic[];
  /** The resolution drawn, which is coarser than asked when the asked one had too many cells. */
  resolution: number;
  /** How many published cells there were before the page kept the ones with the most tests. */
  totalRows: number;
  regions: readonly QualityRegion[];
  comparison: readonly (AreaStatistic & { tiedWith: string[] })[];
  advertised: readonly AdvertisedComparison[];
}

/** Props of {@link QualityPage}. */
export interface QualityPageProps {
  ctx: PageContext;
  form: FormState;
  settings: QualityStatisticsSettingsView;
  operators: readonly OperatorName[];
  result: QualityPageResult | null;
}

/** A figure of a metric in its unit: Mbit/s for speeds (stored in kbit/s), ms for latency. */
export function formatFigure(ctx: PageContext, metric: QualityMetric, value: number): string {
  if (metric === 'latency') return ctx.t('quality.pages.unit.ms', { value: ctx.format.number(Math.round(value)) });
  return ctx.t('quality.pages.unit.mbps', { value: ctx.format.number(value / 1000, { maximumFractionDigits: value < 10_000 ? 2 : 1 }) });
}

/** A figure as a bare number in its metric's unit, for a table whose headers name the unit. */
function formatNumber(ctx: PageContext, metric: QualityMetric, value: number): string {
  if (metric === 'latency') return ctx.format.number(Math.round(value));
  return ctx.format.number(value / 1000, { maximumFractionDigits: value < 10_000 ? 2 : 1 });
}

/** A column heading with its unit: "Median (Mbit/s)". */
function withUnit(ctx: PageContext, metric: QualityMetric, key: string): string {
  return ctx.t('quality.pages.table.withUnit', {
    label: ctx.t(key),
    unit: ctx.t(metric === 'latency' ? 'quality.pages.unit.msShort' : 'quality.pages.unit.mbpsShort'),
  });
}

/** A share from 0 to 1 as a percentage in the page's language. */
const formatShare = (ctx: PageContext, share: number) => ctx.format.number(share, { style: 'percent', maximumFractionDigits: 0 });

/** The 95% interval of a median, or why there is none. */
function formatInterval(ctx: PageContext, metric: QualityMetric, low: number | null, high: number | null): string {
  if (low === null || high === null) return ctx.t('quality.pages.interval.none');
  return ctx.t('quality.pages.interval.range', { low: formatFigure(ctx, metric, low), high: formatFigure(ctx, metric, high) });
}

/** The names joined as the language joins a list ("A, B and C"). */
function joinNames(ctx: PageContext, names: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(ctx.language, { style: 'long', type }).format(names);
}

/** The heading of a threshold's column, in the words of its comparison: "Share with at least 10 Mbit/s". */
function thresholdHeading(ctx: PageContext, metric: QualityMetric, operator: ThresholdOperator, threshold: number): string {
  return ctx.t(`quality.pages.table.share.${THRESHOLD_OPERATORS[operator]}`, { value: formatFigure(ctx, metric, threshold) });
}

/** The label of a technology filter, or of every technology together. */
function technologyLabel(ctx: PageContext, technology: string | undefined): string {
  return technology === undefined || technology === 'all' ? ctx.t('quality.pages.technology.all') : ctx.t(`quality.pages.technology.${technology}`);
}

/** The filters: a GET form, so a search is a link and needs no script. */
function FilterForm({ ctx, form, settings, operators }: Omit<QualityPageProps, 'result'>) {
  const { t } = ctx;
  return (
    <QueryForm ctx={ctx} action={QUALITY_PUBLIC_PATHS.page} label={t('quality.pages.form.label')}>
      <SelectField form={form} name="operator" label={t('quality.pages.form.operator')} options={operators.map((o) => ({ value: o.id, label: o.name }))} />
      <SelectField
        form={form}
        name="technology"
        label={t('quality.pages.form.technology')}
        placeholder={t('quality.pages.technology.all')}
        options={TECHNOLOGIES.map((value) => ({ value, label: technologyLabel(ctx, value) }))}
      />
      <SelectField
        form={form}
        name="metric"
        label={t('quality.pages.form.metric')}
        options={QUALITY_METRICS.map((value) => ({ value, label: t(`quality.pages.metric.${value}`) }))}
      />
      <SelectField
        form={form}
        name="period"
        label={t('quality.pages.form.period')}
        options={settings.periodsDays.map((days) => ({ value: String(days), label: t('quality.pages.period', { days }) }))}
      />
      <RadioGroup
        form={form}
        name="view"
        legend={t('quality.pages.form.view')}
        choices={QUALITY_VIEWS.map((value) => ({ value, label: t(`quality.pages.view.${value}`) }))}
      />
      <SelectField
        form={form}
        name="resolution"
        label={t('quality.pages.form.resolution')}
        hint={t('quality.pages.form.resolutionHint')}
        options={[...settings.resolutions]
          .sort((a, b) => b - a)
          .map((resolution) => ({
            value: String(resolution),
            label: t('quality.pages.resolution', {
              resolution,
              area: ctx.format.number(getHexagonAreaAvg(resolution, 'km2'), { maximumSignificantDigits: 2 }),
            }),
          }))}
      />
      <SubmitButton>{t('quality.pages.form.submit')}</SubmitButton>
    </QueryForm>
  );
}

/** The name of an area in the table: a region's name, an H3 cell's index, or the whole country. */
function AreaName({ ctx, area, regionNames }: { ctx: PageContext; area: string; regionNames: ReadonlyMap<string, string> }) {
  if (area === 'national') return <>{ctx.t('quality.pages.area.national')}</>;
  const name = regionNames.get(area);
  if (name !== undefined) return <>{name}</>;
  return <code dir="ltr">{area}</code>;
}

/** The published figures of each area, the same the map draws. */
function FiguresTable({
  ctx,
  result,
  settings,
  id,
  caption,
}: {
  ctx: PageContext;
  result: QualityPageResult;
  settings: QualityStatisticsSettingsView;
  id: string;
  caption: string;
}) {
  const { t } = ctx;
  const { metric } = result.filters;
  const regionNames = new Map(result.regions.map((r) => [r.code, r.name]));
  const { operator, values: thresholds } = settings.thresholds[metric];
  const isCell = result.filters.view === 'cell';
  const regionOfCell = (cell: string) => {
    const [lat, lon] = cellToLatLng(cell);
    const code = regionContaining(result.regions, [lon, lat]);
    return code === null ? '–' : (regionNames.get(code) ?? code);
  };
  return (
    <TableRegion>
      <table id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(isCell ? 'quality.pages.table.cell' : 'quality.pages.table.region')}</th>
            {isCell ? <th scope="col">{t('quality.pages.table.region')}</th> : null}
            <th scope="col">{t('quality.pages.table.tests')}</th>
            <th scope="col">{t('quality.pages.table.devices')}</th>
            <th scope="col">{withUnit(ctx, metric, 'quality.pages.table.median')}</th>
            <th scope="col">{withUnit(ctx, metric, 'quality.pages.table.p10')}</th>
            <th scope="col">{withUnit(ctx, metric, 'quality.pages.table.p90')}</th>
            <th scope="col">{withUnit(ctx, metric, 'quality.pages.table.interval')}</th>
            {thresholds.map((threshold) => (
              <th scope="col" key={threshold}>
                {thresholdHeading(ctx, metric, operator, threshold)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row) => (
            <tr key={row.area}>
              <th scope="row">
                <AreaName ctx={ctx} area={row.area} regionNames={regionNames} />
              </th>
              {isCell ? <td>{regionOfCell(row.area)}</td> : null}
              <td>{ctx.format.number(row.tests)}</td>
              <td>{ctx.format.number(row.devices)}</td>
              <td>{formatNumber(ctx, metric, row.median)}</td>
              <td>{formatNumber(ctx, metric, row.p10)}</td>
              <td>{formatNumber(ctx, metric, row.p90)}</td>
              <td>
                {row.ciLow === null || row.ciHigh === null
                  ? t('quality.pages.interval.none')
                  : t('quality.pages.interval.range', { low: formatNumber(ctx, metric, row.ciLow), high: formatNumber(ctx, metric, row.ciHigh) })}
              </td>
              {thresholds.map((threshold) => {
                const share = row.shareAbove.find((s) => s.threshold === threshold);
                return <td key={threshold}>{share ? formatShare(ctx, share.share) : '–'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** The operators' national figures side by side, with the ties their intervals imply, in words. */
function ComparisonTable({ ctx, result, names }: { ctx: PageContext; result: QualityPageResult; names: ReadonlyMap<string, string> }) {
  const { t } = ctx;
  const { metric } = result.filters;
  const nameOf = (id: string) => names.get(id) ?? id;
  // Best first: the fastest speed, the shortest latency.
  const rows = [...result.comparison].sort((a, b) => (metric === 'latency' ? a.median - b.median : b.median - a.median));
  if (rows.length === 0) return <p>{t('quality.pages.compare.empty')}</p>;
  return (
    <TableRegion>
      <table>
        <caption>
          {t('quality.pages.compare.caption', {
            metric: t(`quality.pages.metric.${metric}`),
            technology: technologyLabel(ctx, result.filters.technology),
            days: result.filters.periodDays,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('quality.pages.table.operator')}</th>
            <th scope="col">{t('quality.pages.table.tests')}</th>
            <th scope="col">{t('quality.pages.table.devices')}</th>
            <th scope="col">{t('quality.pages.table.median')}</th>
            <th scope="col">{t('quality.pages.table.interval')}</th>
            <th scope="col">{t('quality.pages.compare.standing')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.operatorId}>
              <th scope="row">{nameOf(row.operatorId)}</th>
              <td>{ctx.format.number(row.tests)}</td>
              <td>{ctx.format.number(row.devices)}</td>
              <td>{formatFigure(ctx, metric, row.median)}</td>
              <td>{formatInterval(ctx, metric, row.ciLow, row.ciHigh)}</td>
              <td>
                {row.ciLow === null
                  ? t('quality.pages.compare.noInterval')
                  : row.tiedWith.length > 0
                    ? t('quality.pages.compare.tied', { names: joinNames(ctx, row.tiedWith.map(nameOf)) })
                    : t('quality.pages.compare.distinct')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** Measured national medians against the typical speeds the operators' offers advertise. */
function AdvertisedTable({ ctx, result, names }: { ctx: PageContext; result: QualityPageResult; names: ReadonlyMap<string, string> }) {
  const { t } = ctx;
  if (result.advertised.length === 0) return <p>{t('quality.pages.advertised.empty')}</p>;
  return (
    <TableRegion>
      <table>
        <caption>{t('quality.pages.advertised.caption', { days: result.filters.periodDays })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('quality.pages.table.operator')}</th>
            <th scope="col">{t('quality.pages.form.technology')}</th>
            <th scope="col">{t('quality.pages.advertised.direction')}</th>
            <th scope="col">{t('quality.pages.advertised.measured')}</th>
            <th scope="col">{t('quality.pages.table.interval')}</th>
            <th scope="col">{t('quality.pages.advertised.advertised')}</th>
            <th scope="col">{t('quality.pages.advertised.ratio')}</th>
          </tr>
        </thead>
        <tbody>
          {result.advertised.map((row) => (
            <tr key={`${row.operatorId}-${row.technology}-${row.metric}`}>
              <th scope="row">{names.get(row.operatorId) ?? row.operatorId}</th>
              <td>{technologyLabel(ctx, row.technology)}</td>
              <td>{t(`quality.pages.metric.${row.metric}`)}</td>
              <td>{formatFigure(ctx, row.metric, row.measuredMedianKbps)}</td>
              <td>{formatInterval(ctx, row.metric, row.ciLow, row.ciHigh)}</td>
              <td>{t('quality.pages.advertised.offers', { value: formatFigure(ctx, row.metric, row.advertisedKbps), offers: row.offers })}</td>
              <td>{formatShare(ctx, row.ratio)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** The map, its note on the resolution drawn, and the table of the same figures. */
function Figures({ ctx, result, settings }: { ctx: PageContext; result: QualityPageResult; settings: QualityStatisticsSettingsView }) {
  const { t } = ctx;
  const { metric, view } = result.filters;
  const metricName = t(`quality.pages.metric.${metric}`);
  const tableId = 'quality-figures';
  const medians = result.rows.map((r) => r.median);
  const areaCount = result.rows.length;
  const description =
    areaCount === 0
      ? t('quality.pages.map.descEmpty')
      : t('quality.pages.map.desc', {
          count: areaCount,
          low: formatFigure(ctx, metric, Math.min(...medians)),
          high: formatFigure(ctx, metric, Math.max(...medians)),
        });
  const caption = t(view === 'cell' ? 'quality.pages.figures.captionCells' : 'quality.pages.figures.captionRegions', {
    metric: metricName,
    resolution: result.resolution,
  });
  return (
    <>
      {view === 'cell' && result.resolution !== result.filters.resolution ? (
        <p class="notice">{t('quality.pages.map.coarser', { asked: result.filters.resolution, drawn: result.resolution })}</p>
      ) : null}
      {result.totalRows > result.rows.length ? (
        <p class="notice">{t('quality.pages.map.truncated', { shown: result.rows.length, total: result.totalRows })}</p>
      ) : null}
      {areaCount === 0 ? <p>{t('quality.pages.figures.empty', { tests: settings.minTests, devices: settings.minDevices })}</p> : null}
      {areaCount === 0 && result.regions.length === 0 ? null : (
        <QualityMap
          regions={result.regions}
          figures={result.rows}
          level={view}
          title={caption}
          description={description}
          tableId={tableId}
          legendTitle={t('quality.pages.map.legend', { metric: metricName })}
          formatRange={(low, high) =>
            low === null
              ? t('quality.pages.map.rangeBelow', { high: formatFigure(ctx, metric, high ?? 0) })
              : high === null
                ? t('quality.pages.map.rangeAbove', { low: formatFigure(ctx, metric, low) })
                : t('quality.pages.map.range', { low: formatFigure(ctx, metric, low), high: formatFigure(ctx, metric, high) })
          }
          noFigure={t('quality.pages.map.noFigure')}
        />
      )}
      {areaCount > 0 ? (
        <FiguresTable ctx={ctx} result={result} settings={settings} id={tableId} caption={caption} />
      ) : (
        <p id={tableId}>{t('quality.pages.map.descEmpty')}</p>
      )}
    </>
  );
}

/**
 * The public quality page: filters as a GET form, the map of published figures with the same
 * figures as a table, the operators compared nationally with their ties, and measured speeds
 * against advertised ones. With invalid filters it shows the form and its errors only (422).
 */
export function QualityPage({ ctx, form, settings, operators, result }: QualityPageProps) {
  const { t } = ctx;
  const names = new Map(operators.map((o) => [o.id, o.name]));
  const metric = result?.filters.metric ?? 'download';
  const metricName = t(`quality.pages.metric.${metric}`);
  return (
    <Layout ctx={ctx} title={t('quality.pages.title')}>
      <p class="lead">{t('quality.pages.intro')}</p>
      <p>
        <a href={QUALITY_PUBLIC_PATHS.speedtest}>{t('quality.pages.speedtestLink')}</a>
      </p>
      <ErrorSummary ctx={ctx} form={form} />
      <FilterForm ctx={ctx} form={form} settings={settings} operators={operators} />
      {result ? (
        <>
          <h2>
            {t('quality.pages.figures.title', {
              metric: metricName,
              operator: names.get(result.filters.operatorId ?? '') ?? result.filters.operatorId ?? '',
              technology: technologyLabel(ctx, result.filters.technology),
            })}
          </h2>
          <p>
            <a href={`${QUALITY_PUBLIC_PATHS.methodology}#${metricAnchor(metric)}`}>{t('quality.pages.methodLink', { metric: metricName })}</a>
          </p>
          <p>
            {result.computedAt
              ? t('quality.pages.figures.period', {
                  from: ctx.format.date(result.from),
                  to: ctx.format.date(result.to),
                  computed: ctx.format.dateTime(result.computedAt),
                })
              : t('quality.pages.figures.notComputed')}
          </p>
          <Figures ctx={ctx} result={result} settings={settings} />
          <h2>{t('quality.pages.compare.title', { metric: metricName })}</h2>
          <p>
            {t('quality.pages.compare.intro')} <a href={`${QUALITY_PUBLIC_PATHS.methodology}#ties`}>{t('quality.pages.compare.methodLink')}</a>
          </p>
          <ComparisonTable ctx={ctx} result={result} names={names} />
          <h2>{t('quality.pages.advertised.title')}</h2>
          <p>
            {t('quality.pages.advertised.intro')} <a href={`${QUALITY_PUBLIC_PATHS.methodology}#advertised`}>{t('quality.pages.advertised.methodLink')}</a>
          </p>
          <AdvertisedTable ctx={ctx} result={result} names={names} />
        </>
      ) : null}
      <p>
        <a href={QUALITY_PUBLIC_PATHS.methodology}>{t('quality.pages.methodologyLink')}</a>
      </p>
    </Layout>
  );
}

/** What the methodology page states from the profile, besides the statistics settings. */
export interface MethodologyFacts {
  /** Locations less accurate than this are kept but flagged, and left out. */
  maxLocationAccuracyM: number;
}

/** One metric's section: definition, formula, filters, minimum sample and thresholds, from the profile. */
function MetricSection({
  ctx,
  metric,
  settings,
  facts,
}: {
  ctx: PageContext;
  metric: QualityMetric;
  settings: QualityStatisticsSettingsView;
  facts: MethodologyFacts;
}) {
  const { t } = ctx;
  const { operator } = settings.thresholds[metric];
  const thresholds = settings.thresholds[metric].values.map((threshold) => formatFigure(ctx, metric, threshold));
  return (
    <section aria-labelledby={metricAnchor(metric)}>
      <h2 id={metricAnchor(metric)}>{t(`quality.pages.metric.${metric}`)}</h2>
      <dl class="summary-list summary-list-plain">
        <div>
          <dt>{t('quality.pages.method.definition')}</dt>
          <dd>{t(`quality.pages.method.${metric}.definition`)}</dd>
        </div>
        <div>
          <dt>{t('quality.pages.method.formula')}</dt>
          <dd>{t(`quality.pages.method.${metric}.formula`)}</dd>
        </div>
        <div>
          <dt>{t('quality.pages.method.filters')}</dt>
          <dd>{t('quality.pages.method.filtersText', { accuracy: ctx.format.number(facts.maxLocationAccuracyM) })}</dd>
        </div>
        <div>
          <dt>{t('quality.pages.method.minimum')}</dt>
          <dd>{t('quality.pages.method.minimumText', { tests: settings.minTests, devices: settings.minDevices })}</dd>
        </div>
        <div>
          <dt>{t('quality.pages.method.thresholds')}</dt>
          <dd>
            {thresholds.length === 0
              ? t('quality.pages.method.noThresholds')
              : t(`quality.pages.method.thresholds.${THRESHOLD_OPERATORS[operator]}`, { values: joinNames(ctx, thresholds) })}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/**
 * How the published figures are computed: one anchor per metric, then the steps every metric
 * shares (device-day reduction, percentiles, the interval of the median, ties, periods, cells and
 * regions, advertised speeds). Every number comes from the jurisdiction profile.
 */
export function QualityMethodologyPage({ ctx, settings, facts }: { ctx: PageContext; settings: QualityStatisticsSettingsView; facts: MethodologyFacts }) {
  const { t } = ctx;
  const list = (values: readonly number[], type: 'conjunction' | 'disjunction' = 'conjunction') =>
    joinNames(
      ctx,
      values.map((v) => ctx.format.number(v)),
      type,
    );
  const sections = [
    { id: 'device-day', title: 'quality.pages.method.deviceDay.title', body: t('quality.pages.method.deviceDay.body') },
    { id: 'percentiles', title: 'quality.pages.method.percentiles.title', body: t('quality.pages.method.percentiles.body') },
    { id: 'confidence-interval', title: 'quality.pages.method.interval.title', body: t('quality.pages.method.interval.body') },
    { id: 'ties', title: 'quality.pages.method.ties.title', body: t('quality.pages.method.ties.body') },
    {
      id: 'minimum-sample',
      title: 'quality.pages.method.minimum',
      body: t('quality.pages.method.minimum.body', { tests: settings.minTests, devices: settings.minDevices }),
    },
    {
      id: 'periods',
      title: 'quality.pages.method.periods.title',
      body: t('quality.pages.method.periods.body', { periods: list(settings.periodsDays, 'disjunction'), days: settings.defaultPeriodDays }),
    },
    {
      id: 'areas',
      title: 'quality.pages.method.areas.title',
      body: t('quality.pages.method.areas.body', { resolutions: list(settings.resolutions) }),
    },
    { id: 'advertised', title: 'quality.pages.method.advertised.title', body: t('quality.pages.method.advertised.body') },
  ];
  return (
    <Layout ctx={ctx} title={t('quality.pages.method.title')}>
      <p class="lead">{t('quality.pages.method.intro')}</p>
      <nav aria-label={t('quality.pages.method.contents')}>
        <ul>
          {QUALITY_METRICS.map((metric) => (
            <li key={metric}>
              <a href={`#${metricAnchor(metric)}`}>{t(`quality.pages.metric.${metric}`)}</a>
            </li>
          ))}
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{t(s.title)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {QUALITY_METRICS.map((metric) => (
        <MetricSection key={metric} ctx={ctx} metric={metric} settings={settings} facts={facts} />
      ))}
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={s.id}>
          <h2 id={s.id}>{t(s.title)}</h2>
          <p>{s.body}</p>
        </section>
      ))}
      <p>
        <a href={QUALITY_PUBLIC_PATHS.page}>{t('quality.pages.method.back')}</a>
      </p>
    </Layout>
  );
}
