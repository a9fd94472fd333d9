import { parse } from 'csv-parse/sync';
import type { FieldProblem } from '../../platform/http/errors.ts';

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
] as const;

/** Every column of the national offer file, in the order of the specification. */
export const OFFER_COLUMNS = [...FCC_COLUMNS, ...NATIONAL_COLUMNS] as const;

/** One column name of the national offer file. */
export type OfferColumn = (typeof OFFER_COLUMNS)[number];

/** Columns every file must have; the others may be left out of the header. */
export const REQUIRED_COLUMNS: readonly OfferColumn[] = ['unique_plan_id', 'provider_name', 'service_plan_name', 'connection_type', 'monthly_price'];

/** Separates the entries of a list cell (fees and their descriptions), as in the FCC files. */
export const LIST_SEPARATOR = '|';

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
  accessibilityFeatures: string | null;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  /** YYYY-MM-DD, exclusive; null while the offer has no end date. */
  effectiveTo: string | null;
}

/** One row of a file before validation: its line and its cells by column name. */
export interface RawOfferRow {
  /** The line the row starts on (the header is line 1); for JSON, the offer's position from 1. */
  line: number;
  /** How a field is named in problems: the column for CSV, a JSON pointer for JSON. */
  fieldOf(column: string): string;
  cells: Partial<Record<string, string>>;
}

/** A parsed file: its rows, or the problems that stopped it being read at all. */
export interface ParsedOfferFile {
  rows: RawOfferRow[];
  problems: FieldProblem[];
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
}

/** What validation found: the valid offers, and every rejection and warning with its line and column. */
export interface OfferValidation {
  offers: { line: number; record: OfferRecord }[];
  problems: FieldProblem[];
  warnings: FieldProblem[];
}

/** Reads a CSV offer file (RFC 4180, UTF-8, header row) into rows; header problems are reported here. */
export function parseOfferCsv(text: string): ParsedOfferFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const parsed: unknown[] = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
    // With `info`, csv-parse returns {record, info} objects although its types say string arrays.
    records = parsed.filter(isRecordWithInfo);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], problems: [{ field: 'file', ...(line ? { line } : {}), message: `The file is not valid CSV (RFC 4180): ${(error as Error).message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ field: 'file', line: 1, message: 'The file is empty: it needs a header row and at least one offer.' }] };
  const headerLine = startLine(header);
  const names = header.record.map((name) => name.trim());
  const problems = checkHeader(names, headerLine);
  if (body.length === 0) problems.push({ field: 'file', line: headerLine + 1, message: 'The file has a header row but no offers.' });
  const rows = body.map(({ record, info }) => {
    const line = startLine({ record, info });
    const cells: Record<string, string> = {};
    names.forEach((name, index) => {
      cells[name] = record[index] ?? '';
    });
    if (record.length !== names.length) {
      problems.push({ field: 'file', line, message: `This row has ${record.length} cells but the header has ${names.length}.` });
    }
    return { line, cells, fieldOf: (column: string) => column };
  });
  return { rows, problems };
}

function isRecordWithInfo(value: unknown): value is { record: string[]; info: { lines: number } } {
  if (typeof value !== 'object' || value === null || !('record' in value) || !('info' in value)) return false;
  const { record, info } = value;
  return Array.isArray(record) && typeof info === 'object' && info !== null && 'lines' in info && typeof info.lines === 'number';
}

function startLine({ record, info }: { record: string[]; info: { lines: number } }): number {
  // csv-parse counts the line a record ends on; quoted cells may hold line breaks.
  const inner = record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
  return info.lines - inner;
}

/** Reads a JSON offer file (`{"offers": [{...}]}`, or an array of offers) into rows. */
export function parseOfferJson(text: string): ParsedOfferFile {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { rows: [], problems: [{ field: 'file', message: `The file is not valid JSON: ${(error as Error).message}` }] };
  }
  return readOfferDocument(document);
}

/** Reads an already parsed JSON offer document into rows. */
export function readOfferDocument(document: unknown): ParsedOfferFile {
  const offers = Array.isArray(document) ? document : isObject(document) ? document['offers'] : undefined;
  if (!Array.isArray(offers)) return { rows: [], problems: [{ field: '/offers', message: 'The file must be an object with an "offers" array.' }] };
  if (offers.length === 0) return { rows: [], problems: [{ field: '/offers', message: 'The "offers" array is empty.' }] };
  const problems: FieldProblem[] = [];
  const rows: RawOfferRow[] = offers.map((offer: unknown, index) => {
    const line = index + 1;
    const fieldOf = (column: string) => `/offers/${index}/${column}`;
    const cells: Record<string, string> = {};
    if (!isObject(offer)) {
      problems.push({ field: `/offers/${index}`, line, message: 'Each offer must be an object of column names and values.' });
      return { line, cells, fieldOf };
    }
    for (const [key, value] of Object.entries(offer)) {
      if (!isColumn(key)) {
        problems.push({ field: fieldOf(key), line, message: unknownColumnMessage(key) });
        continue;
      }
      if (value === null || value === undefined) cells[key] = '';
      else if (typeof value === 'string') cells[key] = value;
      // JSON numbers keep their shortest decimal form, which is what the author wrote for any price.
      else if (typeof value === 'number' && Number.isFinite(value)) cells[key] = String(value);
      else if (typeof value === 'boolean') cells[key] = value ? 'Yes' : 'No';
      else problems.push({ field: fieldOf(key), line, message: 'A value must be a string, a number, true, false or null.' });
    }
    return { line, cells, fieldOf };
  });
  return { rows, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isColumn(name: string): name is OfferColumn {
  return (OFFER_COLUMNS as readonly string[]).includes(name);
}

/** Reports unknown, misspelled, repeated and missing header names. */
export function checkHeader(names: readonly string[], line = 1): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) problems.push({ field: name, line, message: `The column ${name} appears more than once in the header.` });
    seen.add(name);
    if (!isColumn(name)) problems.push({ field: name || '(empty)', line, message: unknownColumnMessage(name) });
  }
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) problems.push({ field: required, line, message: `The header has no ${required} column, which every file needs.` });
  }
  return problems;
}

function unknownColumnMessage(name: string): string {
  if (name === '') return 'A header cell is empty; every column needs a name.';
  const closest = closestColumn(name);
  return closest ? `Unknown column "${name}"; did you mean "${closest}"?` : `Unknown column "${name}"; docs/formats/offers.md lists the columns.`;
}

/** The known column closest to a misspelled one, when it is close enough to be a likely typo. */
export function closestColumn(name: string): string | undefined {
  const wanted = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
  let best: { column: string; distance: number } | undefined;
  for (const column of OFFER_COLUMNS) {
    const distance = editDistance(wanted, column);
    if (!best || distance < best.distance) best = { column, distance };
  }
  // A third of the name may differ: "monthy_price" and "Monthly Price" match, "colour" does not.
  if (best && best.distance <= Math.max(2, Math.floor(best.column.length / 3))) return best.column;
  return undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
const NULL_WORDS = new Set(['null', 'n/a', 'na', 'none', 'nil', '-']);
const OPERATOR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * Validates every row and returns the offers that pass with every problem found, each with
 * its line, column and reason. Pure: duplicates are checked within the file only; the service
 * checks the database (plan ids of other operators, unknown operators) in the same terms.
 */
export function validateOfferRows(rows: readonly RawOfferRow[], options: OfferValidationOptions): OfferValidation {
  const problems: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  const offers: { line: number; record: OfferRecord }[] = [];
  const firstLineOfPlan = new Map<string, number>();
  for (const row of rows) {
    const before = problems.length;
    const record = validateRow(row, options, problems, warnings);
    const planId = row.cells['unique_plan_id']?.trim() ?? '';
    if (planId !== '') {
      const first = firstLineOfPlan.get(planId);
      if (first !== undefined) {
        problems.push({ field: row.fieldOf('unique_plan_id'), line: row.line, message: `The plan id ${planId} is already used by another plan on line ${first}; a plan id names one plan only.` });
      } else firstLineOfPlan.set(planId, row.line);
    }
    if (record && problems.length === before) offers.push({ line: row.line, record });
  }
  const planIds = new Set(firstLineOfPlan.keys());
  for (const { line, record } of offers) {
    if (record.addonOf !== null && record.addonOf === record.planId) {
      problems.push({ field: 'addon_of', line, message: 'An add-on cannot extend itself.' });
    }
    // Whether addon_of names a plan in the database is checked by the service; here, within the file.
    if (record.addonOf !== null && planIds.has(record.addonOf)) {
      const base = offers.find((o) => o.record.planId === record.addonOf);
      if (base && base.record.operatorId !== record.operatorId) {
        problems.push({ field: 'addon_of', line, message: `The plan ${record.addonOf} belongs to another operator.` });
      }
    }
  }
  return { offers: problems.length === 0 ? offers : offers.filter((o) => !problems.some((p) => p.line === o.line)), problems, warnings };
}

function validateRow(row: RawOfferRow, options: OfferValidationOptions, problems: FieldProblem[], warnings: FieldProblem[]): OfferRecord | undefined {
  const { line } = row;
  const fail = (column: string, message: string) => {
    problems.push({ field: row.fieldOf(column), line, message });
  };
  const cell = (column: OfferColumn): string => (row.cells[column] ?? '').trim();
  const isNullWord = (column: OfferColumn, value: string) => {
    if (!NULL_WORDS.has(value.toLowerCase())) return false;
    fail(column, `"${value}" is not allowed here; leave the cell empty when there is no value.`);
    return true;
  };
  const text = (column: OfferColumn, max = 500): string | null => {
    const value = cell(column);
    if (value === '') return null;
    if (value.length > max) {
      fail(column, `This text has ${value.length} characters; at most ${max} are allowed.`);
      return null;
    }
    return value;
  };
  const required = (column: OfferColumn): string | null => {
    const value = text(column);
    if (value === null) fail(column, 'This column must have a value.');
    return value;
  };
  const decimal = (column: OfferColumn, what = 'a number'): string | null => {
    const value = cell(column);
    if (value === '' || isNullWord(column, value)) return null;
    return parseDecimalCell(column, value, what, fail);
  };
  const integer = (column: OfferColumn, what: string): number | null => {
    const value = cell(column);
    if (value === '' || isNullWord(column, value)) return null;
    if (!INTEGER.test(value) || value.length > 6) {
      fail(column, `"${value}" is not ${what}; write a whole number such as 12, with no unit.`);
      return null;
    }
    return Number(value);
  };
  const yesNo = (column: OfferColumn): boolean | null => {
    const value = cell(column).toLowerCase();
    if (value === '') return null;
    if (YES.has(value)) return true;
    if (NO.has(value)) return false;
    fail(column, `"${cell(column)}" is not Yes or No.`);
    return null;
  };
  const url = (column: OfferColumn): string | null => {
    const value = cell(column);
    if (value === '' || isNullWord(column, value)) return null;
    if (!isHttpUrl(value)) {
      fail(column, `"${value}" is not a web address starting with https:// or http://.`);
      return null;
    }
    return value;
  };
  const date = (column: OfferColumn): string | null => {
    const value = cell(column);
    if (value === '') return null;
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      fail(column, `"${value}" is not a date written YYYY-MM-DD.`);
      return null;
    }
    return value;
  };
  const list = (descrColumn: OfferColumn, amountColumn: OfferColumn): NamedAmount[] => {
    const descrs = splitList(cell(descrColumn));
    const amounts = splitList(cell(amountColumn));
    if (descrs.length !== amounts.length) {
      fail(amountColumn, `${amountColumn} lists ${amounts.length} amount(s) but ${descrColumn} lists ${descrs.length} description(s); separate entries with "${LIST_SEPARATOR}" and give one amount per description.`);
      return [];
    }
    const result: NamedAmount[] = [];
    amounts.forEach((raw, index) => {
      const amount = parseDecimalCell(amountColumn, raw, `an amount (entry ${index + 1})`, fail);
      if (amount !== null) result.push({ description: descrs[index] ?? '', amount });
    });
    return result;
  };

  // Plan id and operator.
  const planId = cell('unique_plan_id');
  let serviceType: 'mobile' | 'fixed' = 'mobile';
  if (planId === '') fail('unique_plan_id', 'This column must have a value.');
  else if (PLAN_ID_PATTERN.test(planId)) serviceType = planId.startsWith('F') ? 'fixed' : 'mobile';
  else if (options.isLenient && LENIENT_PLAN_ID_PATTERN.test(planId)) {
    serviceType = planId.startsWith('F') ? 'fixed' : 'mobile';
    warnings.push({ field: row.fieldOf('unique_plan_id'), line, message: `The plan id ${planId} has a suffix of ${planId.length - 11} characters instead of 15; accepted in lenient mode.` });
  } else {
    fail('unique_plan_id', `The plan id "${planId}" does not match ^[FM]\\d{10}[A-Z0-9]{15}$: F (fixed) or M (mobile), a 10-digit registration number, then 15 capital letters or digits.${options.isLenient ? '' : ' A shorter suffix is accepted only with --lenient.'}`);
  }
  let operatorId = cell('operator_id');
  if (operatorId === '') {
    if (options.operatorId) operatorId = options.operatorId;
    else fail('operator_id', 'This column must name the operator\'s licence id (or import with --operator).');
  } else if (!OPERATOR_ID.test(operatorId)) fail('operator_id', `"${operatorId}" is not a licence id (letters, digits, dot, dash or underscore).`);
  else if (options.operatorId && operatorId !== options.operatorId) fail('operator_id', `This row belongs to ${operatorId}, but this import is for ${options.operatorId} only.`);

  const currency = cell('currency') || options.currency;
  if (!CURRENCY.test(currency)) fail('currency', `"${currency}" is not an ISO 4217 currency code such as ${options.currency}.`);
  else if (currency !== options.currency) fail('currency', `Prices must be in ${options.currency}, the currency of this jurisdiction, not ${currency}.`);

  const providerName = required('provider_name');
  const servicePlanName = required('service_plan_name');
  const connectionType = required('connection_type');
  const monthlyPrice = decimal('monthly_price', 'a price');
  if (monthlyPrice === null && cell('monthly_price') === '') fail('monthly_price', 'This column must have a value.');

  // Introductory rate: price and duration come together.
  const introFlag = yesNo('intro_rate');
  const introPrice = decimal('intro_rate_price', 'a price');
  const introMonths = integer('intro_rate_time', 'a number of months');
  let introRate: OfferRecord['introRate'] = null;
  const hasIntro = introFlag === true || (introFlag === null && (introPrice !== null || cell('intro_rate_time') !== ''));
  if (hasIntro) {
    if (introPrice === null && cell('intro_rate_price') === '') fail('intro_rate_price', 'An introductory rate needs its price in intro_rate_price.');
    if (introMonths === null && cell('intro_rate_time') === '') fail('intro_rate_time', 'An introductory rate needs its duration in months in intro_rate_time.');
    else if (introMonths === 0) fail('intro_rate_time', 'An introductory rate lasts at least one month.');
    if (introPrice !== null && introMonths !== null && introMonths > 0) introRate = { price: introPrice, months: introMonths };
  } else if (introFlag === false && (introPrice !== null || introMonths !== null)) {
    fail('intro_rate', 'intro_rate is No but an introductory price or duration is given.');
  }

  // Contract: its length and its terms come together.
  const contractFlag = yesNo('contract_req');
  const contractMonths = integer('contract_time', 'a number of months');
  const contractTermsUrl = url('contract_terms_url');
  let contract: OfferRecord['contract'] = null;
  const hasContract = contractFlag === true || (contractFlag === null && cell('contract_time') !== '');
  if (hasContract) {
    if (contractMonths === null && cell('contract_time') === '') fail('contract_time', 'A contract needs its length in months in contract_time.');
    if (contractTermsUrl === null && cell('contract_terms_url') === '') fail('contract_terms_url', 'A contract needs the web address of its terms in contract_terms_url.');
    if (contractMonths !== null && contractTermsUrl !== null) contract = { months: contractMonths, termsUrl: contractTermsUrl };
  }

  const earlyTerminationFee = decimal('early_termination_fee', 'an amount');
  const oneTimeFees = list('single_purchase_fee_descr', 'single_purchase_fees');
  const monthlyFees = list('monthly_provider_fee_descr', 'monthly_provider_fee');

  // Tax: an amount, or one of the two words of the FCC label.
  const taxCell = cell('tax');
  let tax: Tax = { kind: 'included' };
  if (taxCell === '' || /^included$/i.test(taxCell)) tax = { kind: 'included' };
  else if (/^varies( by location)?$/i.test(taxCell)) tax = { kind: 'varies' };
  else if (DECIMAL.test(taxCell)) tax = { kind: 'amount', amount: taxCell };
  else fail('tax', `"${taxCell}" is neither an amount nor Varies or Included.`);

  const typicalDownloadMbps = decimal('typical_download_speed', 'a speed in Mbit/s');
  const typicalUploadMbps = decimal('typical_upload_speed', 'a speed in Mbit/s');
  const typicalLatencyMs = decimal('typical_latency', 'a latency in milliseconds');

  const allowanceCell = cell('monthly_data_allow');
  let dataAllowanceGb: string | null = null;
  if (allowanceCell !== '' && !/^unlimited$/i.test(allowanceCell) && !isNullWord('monthly_data_allow', allowanceCell)) {
    dataAllowanceGb = parseDecimalCell('monthly_data_allow', allowanceCell, 'an allowance in GB (or Unlimited)', fail);
  }

  // Overage: a price always comes with its unit, and a per-increment price with the increment.
  const overagePrice = decimal('over_usage_data_price', 'a price');
  const unitCell = cell('over_usage_data_price_unit');
  const increment = decimal('additional_data_increment', 'an increment in GB');
  let overage: OfferRecord['overage'] = null;
  if (unitCell !== '' && unitCell !== 'per_gb' && unitCell !== 'per_increment') {
    fail('over_usage_data_price_unit', `"${unitCell}" is not per_gb or per_increment.`);
  } else if (overagePrice !== null) {
    if (unitCell === '') fail('over_usage_data_price_unit', 'An overage price needs its unit: per_gb or per_increment.');
    else if (unitCell === 'per_increment' && increment === null) fail('additional_data_increment', 'A price per increment needs the size of the increment in GB.');
    else overage = { price: overagePrice, unit: unitCell, incrementGb: unitCell === 'per_increment' ? increment : null };
  } else if (cell('over_usage_data_price') === '' && unitCell !== '') {
    fail('over_usage_data_price', 'over_usage_data_price_unit is given but the overage price is empty.');
  }

  const validityCell = integer('validity_days', 'a number of days');
  const validityDays = validityCell ?? 30;
  if (validityCell === 0) fail('validity_days', 'A bundle is valid for at least one day.');
  const voiceMinutes = integer('voice_minutes', 'a number of minutes');
  const smsCount = integer('sms_count', 'a number of messages');
  const voicePricePerMinute = decimal('voice_price_per_minute', 'a price');
  const smsPriceEach = decimal('sms_price_each', 'a price');
  const dataPricePerGb = decimal('data_price_per_gb', 'a price');

  const addonOf = cell('addon_of') || null;
  if (addonOf !== null && !(PLAN_ID_PATTERN.test(addonOf) || LENIENT_PLAN_ID_PATTERN.test(addonOf))) {
    fail('addon_of', `"${addonOf}" is not a plan id.`);
  }
  const isPromotional = yesNo('is_promotional') ?? false;
  const isSocialTariff = yesNo('social_tariff') ?? false;
  const effectiveFrom = date('effective_from') ?? options.today;
  const effectiveTo = date('effective_to');
  if (effectiveTo !== null && effectiveTo <= effectiveFrom) fail('effective_to', `effective_to (${effectiveTo}) must come after effective_from (${effectiveFrom}).`);

  const bundleDiscountsUrl = url('bundle_discounts_url');
  const dataAllowancePolicyUrl = url('data_allowance_policy_url');
  const networkManagementPolicyUrl = url('network_management_policy_url');
  const privacyPolicyUrl = url('privacy_policy_url');
  const customerSupportWeb = url('customer_support_web');
  const customerSupportPhone = text('customer_support_phone', 40);
  const tierPlanName = text('tier_plan_name', 200);
  const technology = text('technology', 40);
  const accessibilityFeatures = text('accessibility_features', 1000);

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
    accessibilityFeatures,
    effectiveFrom,
    effectiveTo,
  };
}

function parseDecimalCell(column: string, value: string, what: string, fail: (column: string, message: string) => void): string | null {
  const trimmed = value.trim();
  if (DECIMAL.test(trimmed)) {
    if (trimmed.length > 20) {
      fail(column, `"${trimmed}" is too long for ${what}.`);
      return null;
    }
    return normaliseDecimal(trimmed);
  }
  if (/^\d+(\.\d+)?\s*(-|–|to)\s*\d+(\.\d+)?$/.test(trimmed)) {
    fail(column, `"${trimmed}" is a range; give one typical value as a plain number.`);
  } else if (/^\d+(\.\d+)?\s*\D+$/.test(trimmed)) {
    fail(column, `"${trimmed}" is not ${what}: write the number alone, without a unit or currency (the unit is given by the column).`);
  } else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed)) {
    fail(column, `"${trimmed}" uses a thousands separator; write ${trimmed.replaceAll(',', '')}.`);
  } else if (NULL_WORDS.has(trimmed.toLowerCase())) {
    fail(column, `"${trimmed}" is not allowed here; leave the cell empty when there is no value.`);
  } else {
    fail(column, `"${trimmed}" is not ${what}; write a plain number with a dot for decimals, such as 12.50.`);
  }
  return null;
}

/** "007.50" -> "7.5": one spelling per amount, so that an unchanged offer hashes the same. */
function normaliseDecimal(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  return f === '' ? w : `${w}.${f}`;
}

function splitList(value: string): string[] {
  if (value === '') return [];
  return value.split(LIST_SEPARATOR).map((part) => part.trim());
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}
