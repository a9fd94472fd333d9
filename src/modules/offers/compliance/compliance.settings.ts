import { Type } from '@sinclair/typebox';
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

/** The `compliance` block of `modules.offers`. */
export const ComplianceBlock = Type.Object(
  {
    mandatoryFields: Type.Array(
      Type.Union(
        CHECKABLE_COLUMNS.map((column) => Type.Literal(column)),
        { errorMessage: `must be one of ${CHECKABLE_COLUMNS.join(', ')} (policy links are always checked)` },
      ),
      {
        default: DEFAULT_COMPLIANCE_SETTINGS.mandatoryFields,
        errorMessage: 'must be a list of column names',
        description: 'Columns every current offer must fill for a complete consumer label.',
      },
    ),
  },
  { additionalProperties: false, default: {} },
);
