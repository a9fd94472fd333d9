import { csvField as platformCsvField, csvRecord } from '../../../platform/csv-writer.ts';
import { LIST_SEPARATOR, OFFER_COLUMNS, type OfferColumn, type OfferRecord } from './offer-file.ts';
import { ROAMING_COLUMNS, type RoamingColumn, type RoamingRateRecord } from '../roaming/roaming-file.ts';

/** The columns the history export adds after those of the national offer file. */
export const HISTORY_COLUMNS = ['version', 'published_at'] as const;

/** Every column of the history export, in order. */
export const HISTORY_EXPORT_COLUMNS = [...OFFER_COLUMNS, ...HISTORY_COLUMNS] as const;

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
const orEmpty = (value: string | number | null) => (value === null ? '' : String(value));

/**
 * An offer as the cells of the national offer file: the inverse of the validator, so that the
 * file imports back to the same offer. Empty cells are the file's "not given".
 */
export function offerCells(record: OfferRecord): Record<OfferColumn, string> {
  return {
    unique_plan_id: record.planId,
    provider_name: record.providerName,
    service_plan_name: record.servicePlanName,
    tier_plan_name: orEmpty(record.tierPlanName),
    connection_type: record.connectionType,
    monthly_price: record.monthlyPrice,
    intro_rate: yesNo(record.introRate !== null),
    intro_rate_price: orEmpty(record.introRate?.price ?? null),
    intro_rate_time: orEmpty(record.introRate?.months ?? null),
    contract_req: yesNo(record.contract !== null),
    contract_time: orEmpty(record.contract?.months ?? null),
    contract_terms_url: orEmpty(record.contract?.termsUrl ?? null),
    early_termination_fee: orEmpty(record.earlyTerminationFee),
    single_purchase_fee_descr: record.oneTimeFees.map((f) => f.description).join(LIST_SEPARATOR),
    single_purchase_fees: record.oneTimeFees.map((f) => f.amount).join(LIST_SEPARATOR),
    monthly_provider_fee_descr: record.monthlyFees.map((f) => f.description).join(LIST_SEPARATOR),
    monthly_provider_fee: record.monthlyFees.map((f) => f.amount).join(LIST_SEPARATOR),
    tax: record.tax.kind === 'amount' ? record.tax.amount : record.tax.kind === 'varies' ? 'Varies' : 'Included',
    bundle_discounts_url: orEmpty(record.bundleDiscountsUrl),
    typical_download_speed: orEmpty(record.typicalDownloadMbps),
    typical_upload_speed: orEmpty(record.typicalUploadMbps),
    typical_latency: orEmpty(record.typicalLatencyMs),
    monthly_data_allow: record.dataAllowanceGb ?? 'Unlimited',
    over_usage_data_price: orEmpty(record.overage?.price ?? null),
    additional_data_increment: orEmpty(record.overage?.incrementGb ?? null),
    data_allowance_policy_url: orEmpty(record.dataAllowancePolicyUrl),
    network_management_policy_url: orEmpty(record.networkManagementPolicyUrl),
    privacy_policy_url: orEmpty(record.privacyPolicyUrl),
    customer_support_phone: orEmpty(record.customerSupportPhone),
    customer_support_web: orEmpty(record.customerSupportWeb),
    operator_id: record.operatorId,
    currency: record.currency,
    validity_days: String(record.validityDays),
    voice_minutes: orEmpty(record.voiceMinutes),
    sms_count: orEmpty(record.smsCount),
    voice_price_per_minute: orEmpty(record.voicePricePerMinute),
    sms_price_each: orEmpty(record.smsPriceEach),
    data_price_per_gb: orEmpty(record.dataPricePerGb),
    over_usage_data_price_unit: orEmpty(record.overage?.unit ?? null),
    technology: orEmpty(record.technology),
    addon_of: orEmpty(record.addonOf),
    is_promotional: yesNo(record.isPromotional),
    effective_from: record.effectiveFrom,
    effective_to: orEmpty(record.effectiveTo),
    social_tariff: yesNo(record.isSocialTariff),
    accessibility_features: orEmpty(record.accessibilityFeatures),
    social_tariff_eligibility: (record.socialTariffEligibility ?? []).join(LIST_SEPARATOR),
  };
}

/** One CSV field, through the platform's writer: RFC 4180 quoting and no cell that starts a formula. */
export function csvField(value: string): string {
  return platformCsvField(value);
}

/** One CSV record ending with CRLF, as RFC 4180 asks, through the platform's writer. */
export function csvLine(values: readonly string[]): string {
  return csvRecord(values);
}

/** One version of an offer, as the history export writes it. */
export interface ExportedVersion {
  record: OfferRecord;
  version: number;
  publishedAt: string;
}

/** An offer of the current export as a CSV line, in the columns of the national file. */
export function currentCsvLine(record: OfferRecord): string {
  const cells = offerCells(record);
  return csvLine(OFFER_COLUMNS.map((c) => cells[c]));
}

/** A version of the history export as a CSV line: the national columns, then version and published_at. */
export function historyCsvLine(version: ExportedVersion): string {
  const cells = offerCells(version.record);
  return csvLine([...OFFER_COLUMNS.map((c) => cells[c]), String(version.version), version.publishedAt]);
}

/** An offer of the JSON exports: the national columns as strings (as in the JSON offer file), plus the history's own. */
export function offerJson(record: OfferRecord, history?: { version: number; publishedAt: string }): Record<string, string | number> {
  const cells: Record<string, string | number> = { ...offerCells(record) };
  if (history) {
    cells['version'] = history.version;
    cells['published_at'] = history.publishedAt;
  }
  return cells;
}

/**
 * A roaming rate as the cells of the roaming rate file: the inverse of its validator, so that the
 * export imports back to the same rate. An unlimited data allowance is written Unlimited.
 */
export function roamingCells(record: RoamingRateRecord): Record<RoamingColumn, string> {
  return {
    unique_plan_id: record.planId,
    operator_id: record.operatorId,
    destination: record.destination,
    currency: record.currency,
    voice_out_per_min: orEmpty(record.voiceOutPerMinute),
    voice_in_per_min: orEmpty(record.voiceInPerMinute),
    sms_out_each: orEmpty(record.smsEach),
    data_per_mb: orEmpty(record.dataPerMb),
    included_voice_min: String(record.includedVoiceMinutes),
    included_sms: String(record.includedSms),
    included_data_mb: record.includedDataMb ?? 'Unlimited',
    bundle_price: orEmpty(record.bundlePrice),
    validity_days: String(record.validityDays),
    daily_fee: orEmpty(record.dailyFee),
    fair_use_mb: orEmpty(record.fairUseMb),
    fair_use_price_per_mb: orEmpty(record.fairUsePricePerMb),
    effective_from: record.effectiveFrom,
    effective_to: orEmpty(record.effectiveTo),
  };
}

/** A roaming rate of the current export as a CSV line, in the columns of the roaming rate file. */
export function roamingCsvLine(record: RoamingRateRecord): string {
  const cells = roamingCells(record);
  return csvLine(ROAMING_COLUMNS.map((c) => cells[c]));
}
