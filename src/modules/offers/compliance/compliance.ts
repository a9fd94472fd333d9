import type { OfferRecord } from '../catalogue/offer-file.ts';
import type { CheckableColumn, ComplianceSettings } from './compliance.settings.ts';
import type { ComparableOffer } from '../comparison/ranking.ts';

/** The policy links of a consumer label. */
export type PolicyLink = 'contract_terms_url' | 'privacy_policy_url' | 'network_management_policy_url' | 'data_allowance_policy_url';

/** What an offer lacks. */
export type ComplianceFindingKind = 'missing_fields' | 'intro_without_duration' | 'promotion_without_end' | 'missing_policy_links';

/** One finding on one offer, with the columns concerned. */
export interface ComplianceFinding {
  kind: ComplianceFindingKind;
  planId: string;
  planName: string;
  isStale: boolean;
  /** The columns that are empty (or, for a duration, the column that should give it). */
  columns: string[];
}

/**
 * Why an operator, taken as a whole, offers consumers nothing to compare: no offer in effect, every
 * offer in effect stale, or only add-ons current (nothing can be bought on its own).
 */
export type OperatorFindingKind = 'no_offers' | 'all_stale' | 'only_addons';

/** One licensed operator's state: its offers in effect and what they lack. */
export interface OperatorCompliance {
  operatorId: string;
  operatorName: string;
  /** Offers in effect and published or confirmed within the freshness limit (add-ons included). */
  currentOffers: number;
  /** Offers in effect whose operator has not published or confirmed them within the limit. */
  staleOffers: number;
  findings: ComplianceFinding[];
  /** A finding on the operator itself, whatever its offers say; null when it has a current plan. */
  operatorFinding: OperatorFindingKind | null;
}

/** The finding on an operator with these offers in effect: an empty or all-excluded set is one, never "no finding". */
export function operatorFindingOf(own: readonly ComparableOffer[]): OperatorFindingKind | null {
  if (own.length === 0) return 'no_offers';
  const current = own.filter((o) => !o.isStale);
  if (current.length === 0) return 'all_stale';
  // The comparison ranks plans, never add-ons alone: current add-ons without a current plan compare nothing.
  if (current.every((o) => o.record.addonOf !== null)) return 'only_addons';
  return null;
}

const VALUE_OF: Record<CheckableColumn, (r: OfferRecord) => string | null> = {
  tier_plan_name: (r) => r.tierPlanName,
  technology: (r) => r.technology,
  // An early termination fee exists only with a contract; without one there is nothing to state.
  early_termination_fee: (r) => (r.contract === null ? 'not applicable' : r.earlyTerminationFee),
  bundle_discounts_url: (r) => r.bundleDiscountsUrl,
  typical_download_speed: (r) => r.typicalDownloadMbps,
  typical_upload_speed: (r) => r.typicalUploadMbps,
  typical_latency: (r) => r.typicalLatencyMs,
  customer_support_phone: (r) => r.customerSupportPhone,
  customer_support_web: (r) => r.customerSupportWeb,
  accessibility_features: (r) => r.accessibilityFeatures,
};

/** The policy links an offer must give: contract terms with a contract, the data policy with a data cap, the privacy and network management policies always. */
export function missingPolicyLinks(record: OfferRecord): PolicyLink[] {
  const missing: PolicyLink[] = [];
  if (record.contract !== null && !record.contract.termsUrl) missing.push('contract_terms_url');
  if (!record.privacyPolicyUrl) missing.push('privacy_policy_url');
  if (!record.networkManagementPolicyUrl) missing.push('network_management_policy_url');
  if (record.dataAllowanceGb !== null && !record.dataAllowancePolicyUrl) missing.push('data_allowance_policy_url');
  return missing;
}

/** Every finding on one offer, in a fixed order. */
export function findingsOf(offer: ComparableOffer, mandatoryFields: readonly CheckableColumn[]): ComplianceFinding[] {
  const { record } = offer;
  const base = { planId: record.planId, planName: record.servicePlanName, isStale: offer.isStale };
  const findings: ComplianceFinding[] = [];
  const missing = mandatoryFields.filter((column) => {
    const value = VALUE_OF[column](record);
    return value === null || value.trim() === '';
  });
  if (missing.length > 0) findings.push({ kind: 'missing_fields', ...base, columns: missing });
  // Files validated by the current rules always carry the duration; older versions may not.
  if (record.introRate !== null && !(Number.isInteger(record.introRate.months) && record.introRate.months >= 1)) {
    findings.push({ kind: 'intro_without_duration', ...base, columns: ['intro_rate_time'] });
  }
  if (record.isPromotional && record.effectiveTo === null) findings.push({ kind: 'promotion_without_end', ...base, columns: ['effective_to'] });
  const links = missingPolicyLinks(record);
  if (links.length > 0) findings.push({ kind: 'missing_policy_links', ...base, columns: links });
  return findings;
}

/**
 * The compliance of every licensed operator's offers in effect: counts of current and stale
 * offers, each finding, and the finding on an operator with no current plan; operators by licence
 * id and findings by plan id. Pure.
 */
export function checkCompliance(
  offers: readonly ComparableOffer[],
  operators: readonly { id: string; name: string }[],
  settings: ComplianceSettings,
): OperatorCompliance[] {
  return operators.map((operator) => {
    const own = offers
      .filter((o) => o.record.operatorId === operator.id)
      .sort((a, b) => (a.record.planId < b.record.planId ? -1 : a.record.planId > b.record.planId ? 1 : 0));
    return {
      operatorId: operator.id,
      operatorName: operator.name,
      currentOffers: own.filter((o) => !o.isStale).length,
      staleOffers: own.filter((o) => o.isStale).length,
      findings: own.flatMap((o) => findingsOf(o, settings.mandatoryFields)),
      operatorFinding: operatorFindingOf(own),
    };
  });
}
