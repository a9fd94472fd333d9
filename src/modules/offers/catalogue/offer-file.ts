import { runAtOnce, runInSlices } from '../../../platform/event-loop.ts';
import { fileProblem, type FileProblem } from './file-messages.ts';
import { cellReader, formulaStart, readCurrency, readEffectivePeriod, readOperatorId, type RawRow, type TabularFormat } from './tabular-file.ts';
import { isWebAddress } from '../../../platform/value-checks.ts';

/**
 * The columns of the US FCC broadband label data dictionary, with the same names and meanings,
 * so that a file in that format imports as it is.
 */
export const FCC_COLUMNS = [
  'unique_plan_id',
  'provider_name',
  'service_plan_name',
  'tier_plan_name',
  'connection_type',
  'monthly_price',
  'intro_rate',
  'intro_rate_price',
  'intro_rate_time',
  'contract_req',
  'contract_time',
  'contract_terms_url',
  'early_termination_fee',
  'single_purchase_fee_descr',
  'single_purchase_fees',
  'monthly_provider_fee_descr',
  'monthly_provider_fee',
  'tax',
  'bundle_discounts_url',
  'typical_download_speed',
  'typical_upload_speed',
  'typical_latency',
  'monthly_data_allow',
  'over_usage_data_price',
  'additional_data_increment',
  'data_allowance_policy_url',
  'network_management_policy_url',
  'privacy_policy_url',
  'customer_support_phone',
  'customer_support_web',
] as const;

/** The national columns Kinga adds to the FCC ones. */
export const NATIONAL_COLUMNS = [
  'operator_id',
  'currency',
  'validity_days',
  'voice_minutes',
  'sms_count',
  'voice_price_per_minute',
  'sms_price_each',
  'data_price_per_gb',
  'over_usage_data_price_unit',
  'technology',
  'addon_of',
  'is_promotional',
  'effective_from',
  'effective_to',
  'social_tariff',
  'accessibility_features',
  'social_tariff_eligibility',
] as const;

/** Every column of the national offer file, in the order of the specification. */
export const OFFER_COLUMNS = [...FCC_COLUMNS, ...NATIONAL_COLUMNS] as const;

/** One column name of the national offer file. */
export type OfferColumn = (typeof OFFER_COLUMNS)[number];

/** Columns every file must have; the others may be left out of the header. */
export const REQUIRED_COLUMNS: readonly OfferColumn[] = ['unique_plan_id', 'provider_name', 'service_plan_name', 'connection_type', 'monthly_price'];

/** Separates the entries of a list cell (fees and their descriptions) in the files Kinga writes. */
export const LIST_SEPARATOR = '|';

/**
 * What a list cell may separate its entries with: `|`, as Kinga writes them, or `;`, as the FCC
 * broadband label data dictionary does, so that a file written to that dictionary imports as it is.
 */
export const LIST_SEPARATORS = ['|', ';'] as const;

/** The FCC plan id: F (fixed) or M (mobile), a 10-digit registration number, 15 letters or digits. */
export const PLAN_ID_PATTERN = /^[FM]\d{10}[A-Z0-9]{15}$/;
/** What the lenient mode accepts, with a warning: a shorter suffix of at least one character. */
export const LENIENT_PLAN_ID_PATTERN = /^[FM]\d{10}[A-Z0-9]{1,14}$/;

/** An amount with its description, such as a one-time installation fee. */
export interface NamedAmount {
  description: string;
  /** A decimal string. */
  amount: string;
}

/** The government taxes line of a label. */
export type Tax = { kind: 'amount'; amount: string } | { kind: 'varies' } | { kind: 'included' };

/**
 * One offer as Kinga keeps it after validation. Amounts are decimal strings in `currency`;
 * `null` allowances mean unlimited; speeds are Mbit/s and latency milliseconds.
 */
export interface OfferRecord {
  planId: string;
  serviceType: 'mobile' | 'fixed';
  operatorId: string;
  providerName: string;
  servicePlanName: string;
  tierPlanName: string | null;
  connectionType: string;
  technology: string | null;
  currency: string;
  monthlyPrice: string;
  validityDays: number;
  introRate: { price: string; months: number } | null;
  contract: { months: number; termsUrl: string } | null;
  earlyTerminationFee: string | null;
  oneTimeFees: NamedAmount[];
  monthlyFees: NamedAmount[];
  tax: Tax;
  bundleDiscountsUrl: string | null;
  typicalDownloadMbps: string | null;
  typicalUploadMbps: string | null;
  typicalLatencyMs: string | null;
  dataAllowanceGb: string | null;
  voiceMinutes: number | null;
  smsCount: number | null;
  overage: { price: string; unit: 'per_gb' | 'per_increment'; incrementGb: string | null } | null;
  voicePricePerMinute: string | null;
  smsPriceEach: string | null;
  dataPricePerGb: string | null;
  dataAllowancePolicyUrl: string | null;
  networkManagementPolicyUrl: string | null;
  privacyPolicyUrl: string | null;
  customerSupportPhone: string | null;
  customerSupportWeb: string | null;
  addonOf: string | null;
  isPromotional: boolean;
  isSocialTariff: boolean;
  /**
   * Who may get a social tariff: ids of the jurisdiction's eligibility criteria. Absent when the
   * file states none (ask the operator), so that offers published before the column hash as before.
   */
  socialTariffEligibility?: string[];
  accessibilityFeatures: string | null;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  /** YYYY-MM-DD, exclusive; null while the offer has no end date. */
  effectiveTo: string | null;
}

/** Choices that change what validation accepts. */
export interface OfferValidationOptions {
  /** Accept plan ids with a suffix shorter than 15 characters, with a warning. */
  isLenient: boolean;
  /** The jurisdiction's currency: prices in another currency are rejected. */
  currency: string;
  /** Fills an empty operator_id; a row naming another operator is rejected. */
  operatorId?: string;
  /** The date an offer without effective_from takes effect (the import date), YYYY-MM-DD. */
  today: string;
  /** The eligibility criteria of social tariffs the jurisdiction declares; none when absent. */
  eligibilityIds?: ReadonlySet<string>;
}

/** What validation found: the valid offers, and every rejection and warning with its line and column. */
export interface OfferValidation {
  /** Each valid offer with its line, and how its row names a field in problems found later. */
  offers: { line: number; record: OfferRecord; fieldOf: RawRow['fieldOf'] }[];
  problems: FileProblem[];
  warnings: FileProblem[];
}

/** The national offer file as a tabular format: its columns and how its cells are read. */
export const OFFER_FILE: TabularFormat<OfferColumn> = {
  columns: OFFER_COLUMNS,
  requiredColumns: REQUIRED_COLUMNS,
  requiredKeys: [],
  specification: 'docs/formats/offers.md',
  listName: 'offers',
  entryName: 'offer',
  wholeNumber: { maxDigits: 6, example: '12' },
};

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Validates every row and returns the offers that pass with every problem found, each with
 * its line, column and reason. Pure: duplicates are checked within the file only; the service
 * checks the database (plan ids of other operators, unknown operators) in the same terms.
 */
export function validateOfferRows(rows: readonly RawRow[], options: OfferValidationOptions): OfferValidation {
  return runAtOnce(offerValidationSteps(rows, options));
}

/** {@link validateOfferRows} for an upload: the same checks, handing the event loop back between rows. */
export function validateOfferRowsInSlices(rows: readonly RawRow[], options: OfferValidationOptions): Promise<OfferValidation> {
  return runInSlices(offerValidationSteps(rows, options));
}

function* offerValidationSteps(rows: readonly RawRow[], options: OfferValidationOptions): Generator<void, OfferValidation> {
  const problems: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const offers: OfferValidation['offers'] = [];
  const firstLineOfPlan = new Map<string, number>();
  for (const row of rows) {
    const before = problems.length;
    const record = validateRow(row, options, problems, warnings);
    const planId = row.cells['unique_plan_id']?.trim() ?? '';
    if (planId !== '') {
      const first = firstLineOfPlan.get(planId);
      if (first !== undefined) {
        problems.push(fileProblem(row.fieldOf('unique_plan_id'), row.line, 'offers.import.planId.duplicate', { planId, first }));
      } else firstLineOfPlan.set(planId, row.line);
    }
    if (record && problems.length === before) offers.push({ line: row.line, record, fieldOf: row.fieldOf });
    yield;
  }
  const operatorOfPlan = new Map(offers.map((o) => [o.record.planId, o.record.operatorId]));
  for (const { line, record, fieldOf } of offers) {
    if (record.addonOf === null) continue;
    if (record.addonOf === record.planId) problems.push(fileProblem(fieldOf('addon_of'), line, 'offers.import.addon.self'));
    // Whether addon_of names a plan in the database is checked by the service; here, within the file.
    const baseOperator = operatorOfPlan.get(record.addonOf);
    if (baseOperator !== undefined && baseOperator !== record.operatorId) {
      problems.push(fileProblem(fieldOf('addon_of'), line, 'offers.import.addon.otherOperator', { planId: record.addonOf }));
    }
  }
  if (problems.length === 0) return { offers, problems, warnings };
  const rejectedLines = new Set(problems.map((p) => p.line));
  return { offers: offers.filter((o) => !rejectedLines.has(o.line)), problems, warnings };
}

function validateRow(row: RawRow, options: OfferValidationOptions, problems: FileProblem[], warnings: FileProblem[]): OfferRecord | undefined {
  const { line } = row;
  const cells = cellReader(row, OFFER_FILE, problems);
  const { fail, cell, isNullWord, decimal, whole: integer, yesNo } = cells;
  const text = (column: OfferColumn, max = 500): string | null => {
    const value = cell(column);
    if (value === '') return null;
    if (value.length > max) {
      fail(column, 'offers.import.text.tooLong', { length: value.length, max });
      return null;
    }
    return value;
  };
  // A name is shown on pages and written to exports that spreadsheets open: it may not start as a formula.
  const name = (column: OfferColumn, max = 500): string | null => {
    const value = text(column, max);
    return value !== null && cells.isFormula(column) ? null : value;
  };
  const required = (column: OfferColumn): string | null => {
    if (cell(column) === '') {
      fail(column, 'offers.import.cell.required');
      return null;
    }
    return name(column);
  };
  const url = (column: OfferColumn): string | null => {
    const value = cell(column);
    if (value === '' || isNullWord(column, value)) return null;
    if (!isWebAddress(value)) {
      fail(column, 'offers.import.url.invalid', { value });
      return null;
    }
    return value;
  };
  const list = (descrColumn: OfferColumn, amountColumn: OfferColumn): NamedAmount[] => {
    const descrs = splitList(cell(descrColumn));
    const amounts = splitList(cell(amountColumn));
    // A description is a name too; one problem per cell, from its first entry that starts as a formula.
    const formula = splitList(row.cells[descrColumn] ?? '', false).find((entry) => formulaStart(entry) !== undefined);
    if (formula !== undefined) {
      cells.isFormula(descrColumn, formula);
      return [];
    }
    if (descrs.length !== amounts.length) {
      fail(amountColumn, 'offers.import.list.mismatch', { amountColumn, amounts: amounts.length, descrColumn, descrs: descrs.length });
      return [];
    }
    const result: NamedAmount[] = [];
    amounts.forEach((raw, index) => {
      const amount = cells.decimalValue(amountColumn, raw, 'amountEntry', { entry: index + 1 });
      if (amount !== null) result.push({ description: descrs[index] ?? '', amount });
    });
    return result;
  };

  // Who may get a social tariff: criteria of the jurisdiction, listed as fees are.
  function eligibility(isSocialTariff: boolean): string[] {
    const ids = splitList(cell('social_tariff_eligibility')).filter((id) => id !== '');
    if (ids.length === 0) return [];
    if (!isSocialTariff) {
      fail('social_tariff_eligibility', 'offers.import.social.eligibilityWithoutTariff');
      return [];
    }
    const known = options.eligibilityIds ?? new Set<string>();
    if (known.size === 0) {
      fail('social_tariff_eligibility', 'offers.import.social.eligibilityNone');
      return [];
    }
    const unknown = ids.find((id) => !known.has(id));
    if (unknown !== undefined) {
      fail('social_tariff_eligibility', 'offers.import.social.eligibilityUnknown', { value: unknown, known: [...known].join(', ') });
      return [];
    }
    return [...new Set(ids)];
  }

  // Plan id and operator.
  const planId = cell('unique_plan_id');
  let serviceType: 'mobile' | 'fixed' = 'mobile';
  if (planId === '') fail('unique_plan_id', 'offers.import.cell.required');
  else if (PLAN_ID_PATTERN.test(planId)) serviceType = planId.startsWith('F') ? 'fixed' : 'mobile';
  else if (options.isLenient && LENIENT_PLAN_ID_PATTERN.test(planId)) {
    serviceType = planId.startsWith('F') ? 'fixed' : 'mobile';
    warnings.push(fileProblem(row.fieldOf('unique_plan_id'), line, 'offers.import.planId.lenient', { planId, length: planId.length - 11 }));
  } else {
    fail('unique_plan_id', options.isLenient ? 'offers.import.planId.invalid' : 'offers.import.planId.invalidStrict', {
      planId,
      pattern: PLAN_ID_PATTERN.source,
    });
  }
  const operatorId = readOperatorId(cells, options.operatorId);
  const currency = readCurrency(cells, options.currency, 'offer');

  const providerName = required('provider_name');
  const servicePlanName = required('service_plan_name');
  const connectionType = required('connection_type');
  const monthlyPrice = decimal('monthly_price', 'price');
  if (monthlyPrice === null && cell('monthly_price') === '') fail('monthly_price', 'offers.import.cell.required');

  // Introductory rate: price and duration come together.
  const introFlag = yesNo('intro_rate');
  const introPrice = decimal('intro_rate_price', 'price');
  const introMonths = integer('intro_rate_time', 'months');
  let introRate: OfferRecord['introRate'] = null;
  const hasIntro = introFlag === true || (introFlag === null && (introPrice !== null || cell('intro_rate_time') !== ''));
  if (hasIntro) {
    if (introPrice === null && cell('intro_rate_price') === '') fail('intro_rate_price', 'offers.import.intro.priceMissing');
    if (introMonths === null && cell('intro_rate_time') === '') fail('intro_rate_time', 'offers.import.intro.timeMissing');
    else if (introMonths === 0) fail('intro_rate_time', 'offers.import.intro.zero');
    if (introPrice !== null && introMonths !== null && introMonths > 0) introRate = { price: introPrice, months: introMonths };
  } else if (introFlag === false && (introPrice !== null || introMonths !== null)) {
    fail('intro_rate', 'offers.import.intro.contradiction');
  }

  // Contract: its length and its terms come together.
  const contractFlag = yesNo('contract_req');
  const contractMonths = integer('contract_time', 'months');
  const contractTermsUrl = url('contract_terms_url');
  let contract: OfferRecord['contract'] = null;
  const hasContract = contractFlag === true || (contractFlag === null && cell('contract_time') !== '');
  if (hasContract) {
    if (contractMonths === null && cell('contract_time') === '') fail('contract_time', 'offers.import.contract.timeMissing');
    if (contractTermsUrl === null && cell('contract_terms_url') === '') fail('contract_terms_url', 'offers.import.contract.termsMissing');
    if (contractMonths !== null && contractTermsUrl !== null) contract = { months: contractMonths, termsUrl: contractTermsUrl };
  }

  const earlyTerminationFee = decimal('early_termination_fee', 'amount');
  const oneTimeFees = list('single_purchase_fee_descr', 'single_purchase_fees');
  const monthlyFees = list('monthly_provider_fee_descr', 'monthly_provider_fee');

  // Tax: an amount, or one of the two words of the FCC label.
  const taxCell = cell('tax');
  let tax: Tax = { kind: 'included' };
  if (taxCell === '' || /^included$/i.test(taxCell)) tax = { kind: 'included' };
  else if (/^varies( by location)?$/i.test(taxCell)) tax = { kind: 'varies' };
  else if (DECIMAL.test(taxCell)) tax = { kind: 'amount', amount: taxCell };
  else fail('tax', 'offers.import.tax.invalid', { value: taxCell });

  const typicalDownloadMbps = decimal('typical_download_speed', 'speed');
  const typicalUploadMbps = decimal('typical_upload_speed', 'speed');
  const typicalLatencyMs = decimal('typical_latency', 'latency');

  const allowanceCell = cell('monthly_data_allow');
  let dataAllowanceGb: string | null = null;
  if (allowanceCell !== '' && !/^unlimited$/i.test(allowanceCell)) {
    dataAllowanceGb = cells.decimalValue('monthly_data_allow', allowanceCell, 'allowance');
  }

  // Overage: a price always comes with its unit, and a per-increment price with the increment.
  const overagePrice = decimal('over_usage_data_price', 'price');
  const unitCell = cell('over_usage_data_price_unit');
  const increment = decimal('additional_data_increment', 'increment');
  let overage: OfferRecord['overage'] = null;
  if (unitCell !== '' && unitCell !== 'per_gb' && unitCell !== 'per_increment') {
    fail('over_usage_data_price_unit', 'offers.import.overage.unitInvalid', { value: unitCell });
  } else if (overagePrice !== null) {
    if (unitCell === '') fail('over_usage_data_price_unit', 'offers.import.overage.unitMissing');
    else if (unitCell === 'per_increment' && increment === null) fail('additional_data_increment', 'offers.import.overage.incrementMissing');
    else overage = { price: overagePrice, unit: unitCell, incrementGb: unitCell === 'per_increment' ? increment : null };
  } else if (cell('over_usage_data_price') === '' && unitCell !== '') {
    fail('over_usage_data_price', 'offers.import.overage.priceMissing');
  }

  const validityCell = integer('validity_days', 'days');
  const validityDays = validityCell ?? 30;
  if (validityCell === 0) fail('validity_days', 'offers.import.validity.zero');
  const voiceMinutes = integer('voice_minutes', 'minutes');
  const smsCount = integer('sms_count', 'messages');
  const voicePricePerMinute = decimal('voice_price_per_minute', 'price');
  const smsPriceEach = decimal('sms_price_each', 'price');
  const dataPricePerGb = decimal('data_price_per_gb', 'price');

  const addonOf = cell('addon_of') || null;
  if (addonOf !== null && !(PLAN_ID_PATTERN.test(addonOf) || LENIENT_PLAN_ID_PATTERN.test(addonOf))) {
    fail('addon_of', 'offers.import.addon.invalid', { value: addonOf });
  }
  const isPromotional = yesNo('is_promotional') ?? false;
  const isSocialTariff = yesNo('social_tariff') ?? false;
  const socialTariffEligibility = eligibility(isSocialTariff);
  const { effectiveFrom, effectiveTo } = readEffectivePeriod(cells, options.today);

  const bundleDiscountsUrl = url('bundle_discounts_url');
  const dataAllowancePolicyUrl = url('data_allowance_policy_url');
  const networkManagementPolicyUrl = url('network_management_policy_url');
  const privacyPolicyUrl = url('privacy_policy_url');
  const customerSupportWeb = url('customer_support_web');
  const customerSupportPhone = text('customer_support_phone', 40);
  const tierPlanName = name('tier_plan_name', 200);
  const technology = name('technology', 40);
  const accessibilityFeatures = name('accessibility_features', 1000);

  if (providerName === null || servicePlanName === null || connectionType === null || monthlyPrice === null) return undefined;
  return {
    planId,
    serviceType,
    operatorId,
    providerName,
    servicePlanName,
    tierPlanName,
    connectionType,
    technology,
    currency,
    monthlyPrice,
    validityDays,
    introRate,
    contract,
    earlyTerminationFee,
    oneTimeFees,
    monthlyFees,
    tax,
    bundleDiscountsUrl,
    typicalDownloadMbps,
    typicalUploadMbps,
    typicalLatencyMs,
    dataAllowanceGb,
    voiceMinutes,
    smsCount,
    overage,
    voicePricePerMinute,
    smsPriceEach,
    dataPricePerGb,
    dataAllowancePolicyUrl,
    networkManagementPolicyUrl,
    privacyPolicyUrl,
    customerSupportPhone,
    customerSupportWeb,
    addonOf,
    isPromotional,
    isSocialTariff,
    ...(socialTariffEligibility.length > 0 ? { socialTariffEligibility } : {}),
    accessibilityFeatures,
    effectiveFrom,
    effectiveTo,
  };
}

/** The entries of a list cell, split on `|` when it holds one (its entries may then hold `;`), else on `;`; trimmed unless asked not to be. */
function splitList(value: string, isTrimmed = true): string[] {
  if (value.trim() === '') return [];
  const separator = LIST_SEPARATORS.find((s) => value.includes(s)) ?? LIST_SEPARATOR;
  const parts = value.split(separator);
  return isTrimmed ? parts.map((part) => part.trim()) : parts;
}
