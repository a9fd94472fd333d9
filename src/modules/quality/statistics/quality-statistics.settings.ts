import { isIntegerIn, isPlainObject } from '../../../platform/value-checks.ts';
import type { QualityStatisticsSettingsView } from './quality-aggregation.service.ts';
import { isThresholdOperator, QUALITY_METRICS, type QualityMetric, type ThresholdOperator, type ThresholdSet } from './quality-statistics.ts';

/** The settings of the published statistics, from `modules.quality.statistics` in the profile. */
export type QualityStatisticsSettings = QualityStatisticsSettingsView;

/**
 * The comparison of a bare list of thresholds, which says none: more than for speeds and at most
 * for latency, as Kinga counted before a profile could state it, so that an older profile keeps
 * its figures.
 */
export const UNSTATED_THRESHOLD_OPERATORS: Readonly<Record<QualityMetric, ThresholdOperator>> = { download: '>', upload: '>', latency: '<=' };

/** Thresholds used when the profile names none: kbit/s for speeds, milliseconds for latency. */
export const DEFAULT_THRESHOLDS: Readonly<Record<QualityMetric, ThresholdSet>> = {
  download: { operator: '>', values: [2_000, 10_000, 30_000] },
  upload: { operator: '>', values: [1_000, 5_000, 10_000] },
  latency: { operator: '<=', values: [50, 100] },
};

const OPERATOR_WORDS = '">=" (at least), ">" (more than), "<=" (at most) or "<" (less than)';

/** The longest period a profile may publish: two years of measurements. */
const MAX_PERIOD_DAYS = 730;

const KNOWN_KEYS = ['resolutions', 'periodsDays', 'defaultPeriodDays', 'minTests', 'minDevices', 'thresholds', 'countRoundedPositionsInCells'] as const;

/**
 * Every problem of the `modules.quality.statistics` block, as
 * "/modules/quality/statistics/<field>: ...". `h3Resolution` is the module's stored resolution.
 */
export function checkQualityStatisticsSettings(block: unknown, h3Resolution: number): string[] {
  if (block === undefined) return [];
  const at = (field: string) => `/modules/quality/statistics${field === '' ? '' : `/${field}`}`;
  if (!isPlainObject(block)) return [`${at('')}: must be an object with ${KNOWN_KEYS.join(', ')}`];
  const problems: string[] = [];
  for (const key of Object.keys(block))
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) problems.push(`${at(key)}: unknown setting (known: ${KNOWN_KEYS.join(', ')})`);
  const list = (key: string, min: number, max: number, what: string) => {
    const value = block[key];
    if (value === undefined) return;
    if (!Array.isArray(value) || value.length === 0) {
      problems.push(`${at(key)}: must be a non-empty list of ${what}`);
      return;
    }
    value.forEach((item: unknown, index) => {
      if (!isIntegerIn(item, min, max)) problems.push(`${at(`${key}/${index}`)}: must be a whole number from ${min} to ${max}`);
    });
    if (new Set(value).size !== value.length) problems.push(`${at(key)}: a value is listed twice`);
  };
  // Coarser cells are derived from the stored cell, so none may be finer than it.
  list('resolutions', 0, h3Resolution, `H3 resolutions from 0 to the module's h3Resolution (${h3Resolution})`);
  list('periodsDays', 1, MAX_PERIOD_DAYS, `periods in days from 1 to ${MAX_PERIOD_DAYS}`);
  const whole = (key: string, min: number, max: number) => {
    const value = block[key];
    if (value !== undefined && !isIntegerIn(value, min, max)) problems.push(`${at(key)}: must be a whole number from ${min} to ${max}`);
  };
  whole('defaultPeriodDays', 1, MAX_PERIOD_DAYS);
  whole('minTests', 1, 1_000_000);
  whole('minDevices', 1, 1_000_000);
  const periods = Array.isArray(block['periodsDays']) ? block['periodsDays'] : [90];
  const defaultPeriod = block['defaultPeriodDays'];
  if (isIntegerIn(defaultPeriod, 1, MAX_PERIOD_DAYS) && !periods.includes(defaultPeriod))
    problems.push(`${at('defaultPeriodDays')}: must be one of periodsDays (${periods.join(', ')})`);
  const rounded = block['countRoundedPositionsInCells'];
  if (rounded !== undefined && typeof rounded !== 'boolean') problems.push(`${at('countRoundedPositionsInCells')}: must be true or false`);
  const thresholds = block['thresholds'];
  if (thresholds !== undefined) {
    if (!isPlainObject(thresholds))
      problems.push(`${at('thresholds')}: must be an object of metrics (${QUALITY_METRICS.join(', ')}) to {"operator", "values"}`);
    else {
      for (const [metric, entry] of Object.entries(thresholds)) {
        if (!(QUALITY_METRICS as readonly string[]).includes(metric)) {
          problems.push(`${at(`thresholds/${metric}`)}: unknown metric (known: ${QUALITY_METRICS.join(', ')})`);
          continue;
        }
        const unit = metric === 'latency' ? 'milliseconds' : 'kbit/s';
        // A bare list says no comparison: it keeps the one Kinga always used (UNSTATED_THRESHOLD_OPERATORS).
        if (Array.isArray(entry)) {
          problems.push(...checkThresholdValues(entry, `thresholds/${metric}`, unit, at));
          continue;
        }
        if (!isPlainObject(entry)) {
          problems.push(`${at(`thresholds/${metric}`)}: must be {"operator": ${OPERATOR_WORDS}, "values": [numbers in ${unit}]}`);
          continue;
        }
        for (const key of Object.keys(entry))
          if (key !== 'operator' && key !== 'values') problems.push(`${at(`thresholds/${metric}/${key}`)}: unknown field (known: operator, values)`);
        if (!isThresholdOperator(entry['operator'])) problems.push(`${at(`thresholds/${metric}/operator`)}: must be ${OPERATOR_WORDS}`);
        problems.push(...checkThresholdValues(entry['values'], `thresholds/${metric}/values`, unit, at));
      }
    }
  }
  return problems;
}

/** The problems of one list of threshold values: at most 10 positive numbers. */
function checkThresholdValues(values: unknown, path: string, unit: string, at: (field: string) => string): string[] {
  if (!Array.isArray(values) || values.length > 10) return [`${at(path)}: must be a list of at most 10 numbers (${unit})`];
  return values.flatMap((value: unknown, index) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? [] : [`${at(`${path}/${index}`)}: must be a positive number`],
  );
}

/**
 * The settings with defaults applied; call only after {@link checkQualityStatisticsSettings}
 * found no problem. Cells are published by default at the module's own resolution.
 */
export function readQualityStatisticsSettings(block: unknown, h3Resolution: number): QualityStatisticsSettings {
  const own = isPlainObject(block) ? block : {};
  const numbers = (value: unknown): number[] | undefined => (Array.isArray(value) ? value.filter((x): x is number => typeof x === 'number') : undefined);
  const periodsDays = numbers(own['periodsDays']) ?? [90];
  const ownThresholds = isPlainObject(own['thresholds']) ? own['thresholds'] : {};
  const thresholdsOf = (metric: QualityMetric): ThresholdSet => {
    const entry = ownThresholds[metric];
    if (entry === undefined) return DEFAULT_THRESHOLDS[metric];
    const stated = isPlainObject(entry) ? entry : { values: entry };
    const operator = isThresholdOperator(stated['operator']) ? stated['operator'] : UNSTATED_THRESHOLD_OPERATORS[metric];
    return { operator, values: [...(numbers(stated['values']) ?? [])].sort((a, b) => a - b) };
  };
  const defaultPeriod = own['defaultPeriodDays'];
  return {
    resolutions: (numbers(own['resolutions']) ?? [h3Resolution]).filter((r) => r <= h3Resolution).sort((a, b) => a - b),
    periodsDays: [...periodsDays].sort((a, b) => a - b),
    defaultPeriodDays: typeof defaultPeriod === 'number' ? defaultPeriod : periodsDays.includes(90) ? 90 : (periodsDays[0] ?? 90),
    minTests: typeof own['minTests'] === 'number' ? own['minTests'] : 10,
    minDevices: typeof own['minDevices'] === 'number' ? own['minDevices'] : 5,
    countRoundedPositionsInCells: own['countRoundedPositionsInCells'] === true,
    thresholds: { download: thresholdsOf('download'), upload: thresholdsOf('upload'), latency: thresholdsOf('latency') },
  };
}
