import type { FieldProblem } from '../../../platform/http/errors.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { QualityMetric, QualityStatisticsSettingsView } from '../statistics/quality-aggregation.service.ts';
import { QUALITY_METRICS } from '../statistics/quality-aggregation.service.ts';
import { TECHNOLOGIES } from '../quality.settings.ts';

/** The two views of the public quality page: regions, or H3 cells. */
export const QUALITY_VIEWS = ['region', 'cell'] as const;

/** What the public quality page shows, once its query is valid. */
export interface QualityFilters {
  /** An operator's licence id (statistics are per operator); undefined only when there are no operators. */
  operatorId: string | undefined;
  /** One of TECHNOLOGIES, or undefined for every technology together. */
  technology: string | undefined;
  metric: QualityMetric;
  periodDays: number;
  view: (typeof QUALITY_VIEWS)[number];
  /** The H3 resolution asked for (cells only): one of the profile's published resolutions. */
  resolution: number;
}

/** The page's query as it arrived: every field an optional string. */
export type QualityQueryInput = Partial<Record<'operator' | 'technology' | 'metric' | 'period' | 'view' | 'resolution', string>>;

/** The parsed query: the filters, or the problems naming each wrong field, and the values to show again. */
export interface ParsedQualityQuery {
  filters: QualityFilters | null;
  values: Record<string, string>;
  problems: FieldProblem[];
}

/**
 * Reads the filters of `/quality`. Empty fields take their defaults (the first operator, every
 * technology, download, the profile's default period, regions, the finest published resolution);
 * a value the page does not offer is a problem naming its field, in the page's language.
 */
export function parseQualityQuery(
  query: QualityQueryInput,
  settings: QualityStatisticsSettingsView,
  operatorIds: readonly string[],
  t: Translate,
): ParsedQualityQuery {
  const values: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  const read = (name: keyof QualityQueryInput): string => {
    const value = (query[name] ?? '').trim();
    if (value !== '') values[name] = value;
    return value;
  };
  const operator = read('operator') || (operatorIds[0] ?? '');
  if (operator !== '' && !operatorIds.includes(operator)) problems.push({ field: 'operator', message: t('quality.pages.error.operator') });
  const technology = read('technology');
  if (technology !== '' && !(TECHNOLOGIES as readonly string[]).includes(technology))
    problems.push({ field: 'technology', message: t('quality.pages.error.technology') });
  const metric = read('metric') || 'download';
  if (!isMetric(metric)) problems.push({ field: 'metric', message: t('quality.pages.error.metric') });
  const period = read('period');
  const periodDays = period === '' ? settings.defaultPeriodDays : Number(period);
  if (!/^\d{1,5}$/.test(period || String(periodDays)) || !settings.periodsDays.includes(periodDays))
    problems.push({ field: 'period', message: t('quality.pages.error.period', { periods: settings.periodsDays.join(', ') }) });
  const view = read('view') || 'region';
  if (!isView(view)) problems.push({ field: 'view', message: t('quality.pages.error.view') });
  const finest = Math.max(...settings.resolutions);
  const resolutionText = read('resolution');
  const resolution = resolutionText === '' ? finest : Number(resolutionText);
  if (resolutionText !== '' && (!/^\d{1,2}$/.test(resolutionText) || !settings.resolutions.includes(resolution)))
    problems.push({ field: 'resolution', message: t('quality.pages.error.resolution', { resolutions: settings.resolutions.join(', ') }) });
  if (problems.length > 0 || !isMetric(metric) || !isView(view)) return { filters: null, values, problems };
  return { filters: { operatorId: operator || undefined, technology: technology || undefined, metric, periodDays, view, resolution }, values, problems };
}

const isMetric = (value: string): value is QualityMetric => (QUALITY_METRICS as readonly string[]).includes(value);
const isView = (value: string): value is QualityFilters['view'] => (QUALITY_VIEWS as readonly string[]).includes(value);
