import { isPlainObject } from '../../../platform/value-checks.ts';
import type { OfferColumn } from '../catalogue/offer-file.ts';

/** What the staff compliance view checks. */
export interface ComplianceSettings {
  /** Columns every current offer must fill for a complete consumer label. */
  mandatoryFields: CheckableColumn[];
}

/**
 * The columns whose absence can be told from a stored offer (an empty data allowance means
 * unlimited and an empty tax means included, so those two cannot be "missing").
 */
export const CHECKABLE_COLUMNS = [
  'tier_plan_name',
  'technology',
  'early_termination_fee',
  'bundle_discounts_url',
  'typical_download_speed',
  'typical_upload_speed',
  'typical_latency',
  'customer_support_phone',
  'customer_support_web',
  'accessibility_features',
] as const satisfies readonly OfferColumn[];

/** A column the compliance view can require. */
export type CheckableColumn = (typeof CHECKABLE_COLUMNS)[number];

/** The defaults documented in docs/offers/staff-guide.md. */
export const DEFAULT_COMPLIANCE_SETTINGS: ComplianceSettings = {
  // The FCC label shows typical speeds and latency and the support contacts on every label; the
  // national format leaves them optional in a file, so their absence is a finding, not a rejection.
  mandatoryFields: ['typical_download_speed', 'typical_upload_speed', 'typical_latency', 'customer_support_phone', 'customer_support_web'],
};

/** Checks the `compliance` block of `modules.offers` and returns every problem as "/modules/offers/compliance/<path>: ...". */
export function checkComplianceSettings(settings: Readonly<Record<string, unknown>> | undefined): string[] {
  if (settings === undefined) return [];
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`/modules/offers/${path}: ${message}`);
  const compliance = settings['compliance'];
  if (compliance !== undefined) {
    if (!isPlainObject(compliance)) at('compliance', 'must be an object');
    else {
      for (const key of Object.keys(compliance)) if (key !== 'mandatoryFields') at(`compliance/${key}`, 'unknown setting (known: mandatoryFields)');
      const fields = compliance['mandatoryFields'];
      if (fields !== undefined) {
        if (!Array.isArray(fields)) at('compliance/mandatoryFields', 'must be a list of column names');
        else
          fields.forEach((field: unknown, index) => {
            if (typeof field !== 'string' || !(CHECKABLE_COLUMNS as readonly string[]).includes(field)) {
              at(`compliance/mandatoryFields/${index}`, `must be one of ${CHECKABLE_COLUMNS.join(', ')} (policy links are always checked)`);
            }
          });
      }
    }
  }
  return problems;
}

/** The settings in force: the profile's values over the defaults. Call only after {@link checkComplianceSettings} passed. */
export function resolveComplianceSettings(settings: Readonly<Record<string, unknown>> | undefined): ComplianceSettings {
  const compliance = isPlainObject(settings?.['compliance']) ? settings['compliance'] : {};
  return {
    mandatoryFields: Array.isArray(compliance['mandatoryFields'])
      ? compliance['mandatoryFields'].filter((f): f is CheckableColumn => (CHECKABLE_COLUMNS as readonly unknown[]).includes(f))
      : DEFAULT_COMPLIANCE_SETTINGS.mandatoryFields,
  };
}
