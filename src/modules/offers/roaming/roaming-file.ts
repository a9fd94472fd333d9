import { runAtOnce, runInSlices } from '../../../platform/event-loop.ts';
import { fileProblem, type FileProblem } from '../catalogue/file-messages.ts';
import { cellReader, OPERATOR_ID, readCurrency, readEffectivePeriod, readOperatorId, type RawRow, type TabularFormat } from '../catalogue/tabular-file.ts';
import { isCountryCode } from './roaming-countries.ts';
import { WORLD_ZONE } from './roaming.settings.ts';

/** Every column of the roaming rate file, in the order of docs/formats/roaming.md. */
export const ROAMING_COLUMNS = [
  'unique_plan_id',
  'operator_id',
  'destination',
  'currency',
  'voice_out_per_min',
  'voice_in_per_min',
  'sms_out_each',
  'data_per_mb',
  'included_voice_min',
  'included_sms',
  'included_data_mb',
  'bundle_price',
  'validity_days',
  'daily_fee',
  'fair_use_mb',
  'fair_use_price_per_mb',
  'effective_from',
  'effective_to',
] as const;

/** One column name of the roaming rate file. */
export type RoamingColumn = (typeof ROAMING_COLUMNS)[number];

/** Columns every file must have; the others may be left out of the header. */
export const REQUIRED_ROAMING_COLUMNS: readonly RoamingColumn[] = ['unique_plan_id', 'destination'];

/**
 * The roaming rates of one plan in one destination, as Kinga keeps them after validation.
 * Amounts are decimal strings in `currency`; a null price means the service cannot be used there.
 */
export interface RoamingRateRecord {
  planId: string;
  operatorId: string;
  /** An ISO 3166-1 alpha-2 code (capitals), a zone id of the jurisdiction profile, or `world`. */
  destination: string;
  currency: string;
  voiceOutPerMinute: string | null;
  voiceInPerMinute: string | null;
  smsEach: string | null;
  dataPerMb: string | null;
  /** Minutes included per validity period, for calls made and received together. */
  includedVoiceMinutes: number;
  includedSms: number;
  /** MB included per validity period; null is unlimited (always with a fair-use limit). */
  includedDataMb: string | null;
  /** The price of one roaming bundle (the included allowance); null when the allowance comes with the plan. */
  bundlePrice: string | null;
  /** Days the included allowance (one bundle) lasts. */
  validityDays: number;
  /** Charged for each day of the stay. */
  dailyFee: string | null;
  /** MB of data per stay beyond which `fairUsePricePerMb` applies; null when there is no fair-use limit. */
  fairUseMb: string | null;
  fairUsePricePerMb: string | null;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  /** YYYY-MM-DD, exclusive; null while open-ended. */
  effectiveTo: string | null;
}

/** What validation needs to know about the jurisdiction and the import. */
export interface RoamingValidationOptions {
  /** The jurisdiction's currency: rates in another currency are rejected. */
  currency: string;
  /** The jurisdiction's own country, which is never a roaming destination. */
  homeCountry: string;
  /** The zone ids declared in the jurisdiction profile (`world` is always known). */
  zoneIds: ReadonlySet<string>;
  /** Fills an empty operator_id; a row naming another operator is rejected. */
  operatorId?: string;
  /** The date a rate without effective_from takes effect (the import date), YYYY-MM-DD. */
  today: string;
}

/** What validation found: the valid rates, and every problem with its line and column. */
export interface RoamingValidation {
  rates: { line: number; record: RoamingRateRecord; fieldOf: RawRow['fieldOf'] }[];
  /** The plan and operator of every row that names both well, valid or not, so the plans of wrong rows are checked too. */
  references: { line: number; planId: string; operatorId: string; fieldOf: RawRow['fieldOf'] }[];
  problems: FileProblem[];
}

const PLAN_ID = /^[FM]\d{10}[A-Z0-9]{1,15}$/;

/** The roaming rate file as a tabular format: its columns and how its cells are read. */
export const ROAMING_FILE: TabularFormat<RoamingColumn> = {
  columns: ROAMING_COLUMNS,
  requiredColumns: REQUIRED_ROAMING_COLUMNS,
  requiredKeys: REQUIRED_ROAMING_COLUMNS,
  specification: 'docs/formats/roaming.md',
  listName: 'rates',
  entryName: 'rate',
  wholeNumber: { maxDigits: 7, example: '100' },
};

/**
 * Validates every row and returns the rates that pass with every problem found, each with its
 * line, column and reason. Pure: the service checks plans and operators against the database.
 */
export function validateRoamingRows(rows: readonly RawRow[], options: RoamingValidationOptions): RoamingValidation {
  return runAtOnce(roamingValidationSteps(rows, options));
}

/** {@link validateRoamingRows} for an upload: the same checks, handing the event loop back between rows. */
export function validateRoamingRowsInSlices(rows: readonly RawRow[], options: RoamingValidationOptions): Promise<RoamingValidation> {
  return runInSlices(roamingValidationSteps(rows, options));
}

function* roamingValidationSteps(rows: readonly RawRow[], options: RoamingValidationOptions): Generator<void, RoamingValidation> {
  const problems: FileProblem[] = [];
  const rates: RoamingValidation['rates'] = [];
  const references: RoamingValidation['references'] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const before = problems.length;
    const record = validateRow(row, options, problems);
    const planId = (row.cells['unique_plan_id'] ?? '').trim();
    const operatorId = (row.cells['operator_id'] ?? '').trim() || options.operatorId || '';
    if (PLAN_ID.test(planId) && OPERATOR_ID.test(operatorId)) references.push({ line: row.line, planId, operatorId, fieldOf: row.fieldOf });
    if (record) {
      const key = `${record.planId} ${record.destination}`;
      const first = firstLine.get(key);
      if (first !== undefined) {
        problems.push(
          fileProblem(row.fieldOf('destination'), row.line, 'offers.import.roaming.duplicate', {
            planId: record.planId,
            destination: record.destination,
            first,
          }),
        );
      } else firstLine.set(key, row.line);
    }
    if (record && problems.length === before) rates.push({ line: row.line, record, fieldOf: row.fieldOf });
    yield;
  }
  return { rates, references, problems };
}

function validateRow(row: RawRow, options: RoamingValidationOptions, problems: FileProblem[]): RoamingRateRecord | undefined {
  const cells = cellReader(row, ROAMING_FILE, problems);
  const { fail, cell, decimal, whole } = cells;
  const planId = cell('unique_plan_id');
  if (planId === '') fail('unique_plan_id', 'offers.import.roaming.planRequired');
  else if (!PLAN_ID.test(planId)) fail('unique_plan_id', 'offers.import.roaming.planInvalid', { value: planId });

  const operatorId = readOperatorId(cells, options.operatorId);

  const destination = cell('destination');
  if (destination === '') fail('destination', 'offers.import.roaming.destinationRequired');
  else if (/^[A-Z]{2}$/.test(destination)) {
    if (!isCountryCode(destination)) fail('destination', 'offers.import.roaming.destinationNotCountry', { value: destination });
    else if (destination === options.homeCountry) fail('destination', 'offers.import.roaming.destinationHome', { value: destination });
  } else if (destination !== WORLD_ZONE && !options.zoneIds.has(destination)) {
    const upper = destination.toUpperCase();
    const zones = [...options.zoneIds, WORLD_ZONE].join(', ');
    if (/^[a-z]{2}$/.test(destination) && isCountryCode(upper)) fail('destination', 'offers.import.roaming.destinationLowercase', { fixed: upper });
    else fail('destination', 'offers.import.roaming.destinationUnknown', { value: destination, zones });
  }

  const currency = readCurrency(cells, options.currency, 'rate');

  const voiceOutPerMinute = decimal('voice_out_per_min', 'pricePerMinute');
  const voiceInPerMinute = decimal('voice_in_per_min', 'pricePerMinute');
  const smsEach = decimal('sms_out_each', 'pricePerMessage');
  const dataPerMb = decimal('data_per_mb', 'pricePerMb');
  const includedVoiceMinutes = whole('included_voice_min', 'minutes') ?? 0;
  const includedSms = whole('included_sms', 'messages') ?? 0;
  const dataCell = cell('included_data_mb');
  const isDataUnlimited = /^unlimited$/i.test(dataCell);
  const includedDataMb = isDataUnlimited ? null : (decimal('included_data_mb', 'mbOrUnlimited') ?? '0');
  const bundlePrice = decimal('bundle_price', 'price');
  const validityCell = whole('validity_days', 'days');
  if (validityCell === 0) fail('validity_days', 'offers.import.roaming.validityZero');
  if (bundlePrice !== null && cell('validity_days') === '') fail('validity_days', 'offers.import.roaming.validityMissing');
  const hasAllowance = isDataUnlimited || includedVoiceMinutes > 0 || includedSms > 0 || (includedDataMb !== null && includedDataMb !== '0');
  if (bundlePrice !== null && !hasAllowance) fail('bundle_price', 'offers.import.roaming.bundleEmpty');
  const dailyFee = decimal('daily_fee', 'dailyFee');
  const fairUseMb = decimal('fair_use_mb', 'mb');
  const fairUsePricePerMb = decimal('fair_use_price_per_mb', 'pricePerMb');
  if (fairUseMb !== null && fairUsePricePerMb === null && cell('fair_use_price_per_mb') === '')
    fail('fair_use_price_per_mb', 'offers.import.roaming.fairUsePriceMissing');
  if (fairUseMb === null && fairUsePricePerMb !== null && cell('fair_use_mb') === '') fail('fair_use_mb', 'offers.import.roaming.fairUseLimitMissing');
  if (isDataUnlimited && cell('fair_use_mb') === '') fail('fair_use_mb', 'offers.import.roaming.fairUseUnlimited');

  const { effectiveFrom, effectiveTo } = readEffectivePeriod(cells, options.today);

  if (planId === '' || destination === '' || operatorId === '') return undefined;
  return {
    planId,
    operatorId,
    destination,
    currency,
    voiceOutPerMinute,
    voiceInPerMinute,
    smsEach,
    dataPerMb,
    includedVoiceMinutes,
    includedSms,
    includedDataMb,
    bundlePrice,
    validityDays: validityCell ?? 30,
    dailyFee,
    fairUseMb,
    fairUsePricePerMb,
    effectiveFrom,
    effectiveTo,
  };
}
