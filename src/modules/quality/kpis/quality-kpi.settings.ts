import { isPlainObject } from '../../../platform/value-checks.ts';
import { isThresholdOperator, type ThresholdOperator } from '../statistics/quality-statistics.ts';
import { checkOpenDataLicence, DEFAULT_OPEN_DATA_LICENCE, readOpenDataLicence, type OpenDataLicence } from '../../../platform/open-data-licence.ts';

/** The technologies a KPI row may name: one radio technology, fixed access, or `all` for a figure over every technology. */
export const KPI_TECHNOLOGIES = ['2G', '3G', '4G', '5G', 'fixed', 'all'] as const;

/** One technology of a KPI row. */
export type KpiTechnology = (typeof KPI_TECHNOLOGIES)[number];

/**
 * A target the regulator sets: the ratio must be at least (`>=`), more than (`>`), at most (`<=`)
 * or less than (`<`) this percentage, as the regulation words it.
 */
export interface KpiTarget {
  operator: ThresholdOperator;
  /** A decimal string from 0 to 100, such as "98" or "1.5". */
  percent: string;
}

/** One network KPI of the profile: a ratio of two counts operators report, and its target. */
export interface KpiDefinition {
  id: string;
  /** Shown when the catalogues have no `quality.kpis.name.<id>` message. */
  name: string;
  /** What the numerator counts, in the profile's words (successful call set-ups). */
  numerator: string;
  /** What the denominator counts (call set-up attempts). */
  denominator: string;
  target: KpiTarget;
  /** When set, the only technology this KPI is reported for. */
  technology: KpiTechnology | null;
}

/** How open data is published, from `modules.quality.openData`. */
export interface OpenDataSettings {
  licence: OpenDataLicence;
  /** Times are truncated to the hour (default) or the day. */
  timePrecision: 'hour' | 'day';
}

/** Network KPIs and open data settings of the quality module. */
export interface KpiSettings {
  kpis: readonly KpiDefinition[];
  openData: OpenDataSettings;
}

const kpi = (id: string, name: string, numerator: string, denominator: string, operator: ThresholdOperator, percent: string): KpiDefinition => ({
  id,
  name,
  numerator,
  denominator,
  target: { operator, percent },
  technology: null,
});

/**
 * The KPIs used when the profile lists none: the usual set of national QoS regulations, with the
 * definitions of ITU-T E.804 (call set-up success, dropped calls, data session set-up and drop,
 * SMS delivery) and common targets.
 */
export const DEFAULT_KPIS: readonly KpiDefinition[] = [
  kpi('call_setup_success', 'Call set-up success rate', 'successful call set-ups', 'call set-up attempts', '>=', '98'),
  kpi('dropped_call', 'Dropped call rate', 'calls dropped after being established', 'established calls', '<=', '2'),
  kpi('handover_success', 'Handover success rate', 'successful handovers', 'handover attempts', '>=', '97'),
  kpi('data_session_success', 'Data session set-up success rate', 'successful data session set-ups', 'data session set-up attempts', '>=', '95'),
  kpi('data_session_drop', 'Data session drop rate', 'data sessions ended abnormally', 'established data sessions', '<=', '2'),
  kpi('sms_success', 'SMS delivery success rate', 'SMS delivered within 2 minutes', 'SMS sent', '>=', '98'),
];

/** The licence open data is published under unless the profile says otherwise. */
export const DEFAULT_OPEN_DATA: OpenDataSettings = {
  licence: DEFAULT_OPEN_DATA_LICENCE,
  timePrecision: 'hour',
};

/** The keys of `modules.quality` this file checks. */
export const KPI_SETTING_KEYS = ['kpis', 'openData'] as const;

const KPI_ID = /^[a-z][a-z0-9_]{0,39}$/;
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

/** Every problem of `kpis` and `openData` in the `modules.quality` block, as "/modules/quality/<field>: ...". */
export function checkKpiSettings(settings: Readonly<Record<string, unknown>> | undefined): string[] {
  if (settings === undefined) return [];
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`/modules/quality/${path}: ${message}`);
  const kpis = settings['kpis'];
  if (kpis !== undefined) {
    if (!Array.isArray(kpis) || kpis.length === 0) at('kpis', 'must be a non-empty list of {"id", "name", "numerator", "denominator", "target"}');
    else {
      const seen = new Set<string>();
      kpis.forEach((entry: unknown, index) => {
        const here = (field: string, message: string) => at(`kpis/${index}/${field}`, message);
        if (!isPlainObject(entry)) {
          at(`kpis/${index}`, 'must be {"id", "name", "numerator", "denominator", "target"}');
          return;
        }
        for (const key of Object.keys(entry)) {
          if (!['id', 'name', 'numerator', 'denominator', 'target', 'technology'].includes(key))
            here(key, 'unknown field (known: id, name, numerator, denominator, target, technology)');
        }
        const id = entry['id'];
        if (typeof id !== 'string' || !KPI_ID.test(id)) here('id', 'must be 1 to 40 lower-case letters, digits or underscores, starting with a letter');
        else if (seen.has(id)) here('id', `the id ${id} is used twice`);
        else seen.add(id);
        for (const field of ['name', 'numerator', 'denominator']) {
          const value = entry[field];
          if (typeof value !== 'string' || value.trim() === '' || value.length > 200) here(field, 'must be a text of 1 to 200 characters');
        }
        const target = entry['target'];
        if (!isPlainObject(target)) here('target', 'must be {"operator": ">=", ">", "<=" or "<", "percent": "98"}');
        else {
          if (!isThresholdOperator(target['operator'])) here('target/operator', 'must be ">=" (at least), ">" (more than), "<=" (at most) or "<" (less than)');
          const percent = target['percent'];
          if (typeof percent !== 'string' || !PERCENT.test(percent) || Number(percent) > 100)
            here('target/percent', 'must be a percentage from 0 to 100 written as a string, such as "98" or "1.5"');
        }
        const technology = entry['technology'];
        if (technology !== undefined && !(KPI_TECHNOLOGIES as readonly unknown[]).includes(technology))
          here('technology', `must be one of ${KPI_TECHNOLOGIES.join(', ')}`);
      });
    }
  }
  const openData = settings['openData'];
  if (openData !== undefined) {
    if (!isPlainObject(openData)) at('openData', 'must be {"licenceName", "licenceUrl", "timePrecision"}');
    else {
      for (const key of Object.keys(openData))
        if (!['licenceName', 'licenceUrl', 'timePrecision'].includes(key))
          at(`openData/${key}`, 'unknown field (known: licenceName, licenceUrl, timePrecision)');
      checkOpenDataLicence(openData, at);
      const precision = openData['timePrecision'];
      if (precision !== undefined && precision !== 'hour' && precision !== 'day') at('openData/timePrecision', 'must be "hour" or "day"');
    }
  }
  return problems;
}

/** The KPIs and open data settings with defaults; call only after {@link checkKpiSettings} found no problem. */
export function readKpiSettings(settings: Readonly<Record<string, unknown>> | undefined): KpiSettings {
  const ownKpis = settings?.['kpis'];
  const kpis: KpiDefinition[] = Array.isArray(ownKpis)
    ? ownKpis.filter(isPlainObject).map((entry) => {
        const target = isPlainObject(entry['target']) ? entry['target'] : {};
        const technology = entry['technology'];
        return {
          id: String(entry['id']),
          name: String(entry['name']),
          numerator: String(entry['numerator']),
          denominator: String(entry['denominator']),
          target: { operator: isThresholdOperator(target['operator']) ? target['operator'] : '>=', percent: String(target['percent']) },
          technology: (KPI_TECHNOLOGIES as readonly unknown[]).includes(technology) ? (technology as KpiTechnology) : null,
        };
      })
    : [...DEFAULT_KPIS];
  const ownOpenData = settings?.['openData'];
  const openData: Record<string, unknown> = isPlainObject(ownOpenData) ? ownOpenData : {};
  return {
    kpis,
    openData: {
      licence: readOpenDataLicence(openData),
      timePrecision: openData['timePrecision'] === 'day' ? 'day' : 'hour',
    },
  };
}
