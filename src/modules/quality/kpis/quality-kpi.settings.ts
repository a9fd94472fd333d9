import { Type, type Static } from '@sinclair/typebox';
import type { ThresholdOperator } from '../statistics/quality-statistics.ts';
import { ThresholdOperatorSchema } from '../statistics/quality-statistics.settings.ts';
import { checkOpenDataLicence, readOpenDataLicence, type OpenDataLicence } from '../../../platform/open-data-licence.ts';

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

const KPI_FIELDS = '{"id", "name", "numerator", "denominator", "target"}';

function textSchema(description?: string) {
  return Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', errorMessage: 'must be a text of 1 to 200 characters', description });
}

const KpiSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', errorMessage: 'must be 1 to 40 lower-case letters, digits or underscores, starting with a letter' }),
    name: textSchema('Shown when the catalogues have no quality.kpis.name.<id> message.'),
    numerator: textSchema('What the numerator counts, such as successful call set-ups.'),
    denominator: textSchema('What the denominator counts, such as call set-up attempts.'),
    target: Type.Object(
      {
        operator: ThresholdOperatorSchema,
        percent: Type.String({
          // 0 to 100 with up to 4 decimals: "98", "1.5", "100.0".
          pattern: '^(0?\\d{1,2}(\\.\\d{1,4})?|100(\\.0{1,4})?)$',
          errorMessage: 'must be a percentage from 0 to 100 written as a string, such as "98" or "1.5"',
        }),
      },
      { additionalProperties: false, errorMessage: 'must be {"operator": ">=", ">", "<=" or "<", "percent": "98"}' },
    ),
    technology: Type.Optional(
      Type.Union(
        KPI_TECHNOLOGIES.map((technology) => Type.Literal(technology)),
        { description: 'The only technology this KPI is reported for; any when absent.' },
      ),
    ),
  },
  {
    additionalProperties: false,
    keyErrorMessage: 'unknown field (known: id, name, numerator, denominator, target, technology)',
    errorMessage: `must be ${KPI_FIELDS}`,
  },
);

/** The schema of `modules.quality.kpis`: the KPIs operators report, with their targets. */
export const KpisSchema = Type.Array(KpiSchema, {
  minItems: 1,
  default: DEFAULT_KPIS.map(({ id, name, numerator, denominator, target }) => ({ id, name, numerator, denominator, target })),
  errorMessage: `must be a non-empty list of ${KPI_FIELDS}`,
  description:
    "Network KPIs operators report as monthly counts per region (docs/formats/network-kpis.md), each with the regulator's target; names come from the messages quality.kpis.name.<id>, else from name.",
});

/** The schema of `modules.quality.openData`; the licence is named with both fields or neither (CC BY 4.0). */
export const OpenDataSettingsSchema = Type.Object(
  {
    licenceName: Type.Optional(
      Type.String({
        errorMessage: 'must name the licence, such as "CC BY 4.0"',
        description: 'Default Creative Commons Attribution 4.0 International (CC BY 4.0).',
      }),
    ),
    licenceUrl: Type.Optional(Type.String({ errorMessage: 'must be the web address of the licence text' })),
    timePrecision: Type.Union([Type.Literal('hour'), Type.Literal('day')], {
      default: 'hour',
      errorMessage: 'must be "hour" or "day"',
      description: 'Times are truncated to the hour (default) or the day.',
    }),
  },
  {
    additionalProperties: false,
    default: {},
    keyErrorMessage: 'unknown field (known: licenceName, licenceUrl, timePrecision)',
    errorMessage: 'must be {"licenceName", "licenceUrl", "timePrecision"}',
    description: 'Monthly open data files of individual measurements (docs/quality/open-data.md).',
  },
);

/** The `kpis` and `openData` of a checked `modules.quality` block. */
interface KpiBlock {
  kpis: Static<typeof KpisSchema>;
  openData: Static<typeof OpenDataSettingsSchema>;
}

/** The problems of checked `kpis` and `openData` the schemas cannot find: an id used twice, half a licence or one that is not a web address. */
export function kpiRules(block: KpiBlock, at: (path: string) => string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  block.kpis.forEach(({ id }, index) => {
    if (seen.has(id)) problems.push(`${at(`kpis/${index}/id`)}: the id ${id} is used twice`);
    seen.add(id);
  });
  checkOpenDataLicence(block.openData, (field, message) => problems.push(`${at(field)}: ${message}`));
  return problems;
}

/** The KPIs and open data settings in force. */
export function resolveKpiSettings(block: KpiBlock): KpiSettings {
  return {
    kpis: block.kpis.map((entry) => ({ ...entry, target: { ...entry.target }, technology: entry.technology ?? null })),
    openData: { licence: readOpenDataLicence(block.openData), timePrecision: block.openData.timePrecision },
  };
}
