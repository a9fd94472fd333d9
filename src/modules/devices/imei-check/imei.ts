/**
 * The IMEI calculator: reads what a person or a file typed, finds the 14-digit key that
 * identifies a device (TAC + serial number), and gives each verdict on its own so a page can say
 * exactly what is wrong. Pure: no clock, no database, no logger.
 *
 * Identity layout (3GPP TS 23.003, GSMA TS.06): an IMEI is an 8-digit Type Allocation Code, a
 * 6-digit serial number and a Luhn check digit; an IMEISV replaces the check digit with a 2-digit
 * software version. The first two digits of the TAC name the reporting body that allocated it.
 */

/** The shapes of identity this calculator accepts. */
export type ImeiForm = 'imei14' | 'imei15' | 'imeisv16';

/** Whether the input could be read as an IMEI at all. */
export type SyntaxVerdict =
  | { code: 'ok'; severity: 'ok' }
  | { code: 'empty'; severity: 'error' }
  | { code: 'badCharacters'; severity: 'error'; characters: string }
  | { code: 'wrongLength'; severity: 'error'; length: number };

/** The Luhn check digit of a 15-digit IMEI; the other forms carry none. */
export type CheckDigitVerdict =
  | { code: 'ok'; severity: 'ok'; digit: string }
  | { code: 'mismatch'; severity: 'warning'; given: string; expected: string }
  | { code: 'absent'; severity: 'ok'; expected: string }
  | { code: 'notChecked'; severity: 'ok' };

/** Digit patterns that no genuine allocation produces, or that cloned devices often carry. */
export type PatternVerdict =
  | { code: 'ok'; severity: 'ok' }
  | { code: 'allZero'; severity: 'error' }
  | { code: 'repeatedDigit'; severity: 'error'; digit: string }
  | { code: 'serialRepeated'; severity: 'warning'; digit: string };

/** Whether the TAC lies in a range reserved for test equipment. */
export type TestTacVerdict = { code: 'ok'; severity: 'ok' } | { code: 'testTac'; severity: 'error' } | { code: 'notChecked'; severity: 'ok' };

/** Every verdict the calculator gives, each on its own. */
export interface ImeiVerdicts {
  syntax: SyntaxVerdict;
  checkDigit: CheckDigitVerdict;
  pattern: PatternVerdict;
  testTac: TestTacVerdict;
}

/** What the calculator read from one input. */
export interface ImeiAnalysis {
  /** Exactly what was typed or received, kept for the record. */
  raw: string;
  /** The input's digits with the allowed separators removed, or null when it is not readable. */
  digits: string | null;
  form: ImeiForm | null;
  /** The 14-digit TAC + serial that identifies the device, as text so leading zeros stay. */
  key: string | null;
  tac: string | null;
  serial: string | null;
  /** The two-digit reporting body identifier at the start of the TAC. */
  reportingBody: string | null;
  /** The software version of an IMEISV. */
  softwareVersion: string | null;
  verdicts: ImeiVerdicts;
  /** True when no verdict is an error: the key can be looked up. */
  isUsable: boolean;
}

// Spaces, dashes and slashes are how IMEIs appear on boxes, receipts and `*#06#` screens.
const SEPARATORS = /[\s\-/]/g;
const DIGITS_ONLY = /^[0-9]+$/;

/**
 * Reads an IMEI typed with spaces, dashes or slashes, and returns its key and every verdict.
 *
 * @example
 * analyseImei('49-015420-323751-8').key // '49015420323751'
 */
export function analyseImei(raw: string): ImeiAnalysis {
  const digits = raw.replace(SEPARATORS, '');
  const empty = { raw, digits: null, form: null, key: null, tac: null, serial: null, reportingBody: null, softwareVersion: null, isUsable: false };
  const unchecked = {
    checkDigit: { code: 'notChecked', severity: 'ok' },
    pattern: { code: 'ok', severity: 'ok' },
    testTac: { code: 'notChecked', severity: 'ok' },
  } as const;
  if (digits === '') return { ...empty, verdicts: { syntax: { code: 'empty', severity: 'error' }, ...unchecked } };
  if (!DIGITS_ONLY.test(digits)) {
    const characters = [...new Set(digits.replace(/[0-9]/g, ''))].join('');
    return { ...empty, verdicts: { syntax: { code: 'badCharacters', severity: 'error', characters }, ...unchecked } };
  }
  const form = formOf(digits.length);
  if (!form) return { ...empty, digits, verdicts: { syntax: { code: 'wrongLength', severity: 'error', length: digits.length }, ...unchecked } };

  const key = digits.slice(0, 14);
  const tac = key.slice(0, 8);
  const serial = key.slice(8);
  const verdicts: ImeiVerdicts = {
    syntax: { code: 'ok', severity: 'ok' },
    checkDigit: checkDigitVerdict(key, form === 'imei15' ? digits.charAt(14) : null),
    pattern: patternVerdict(key),
    testTac: isTestTac(tac) ? { code: 'testTac', severity: 'error' } : { code: 'ok', severity: 'ok' },
  };
  return {
    raw,
    digits,
    form,
    key,
    tac,
    serial,
    reportingBody: tac.slice(0, 2),
    softwareVersion: form === 'imeisv16' ? digits.slice(14) : null,
    verdicts,
    isUsable: Object.values(verdicts).every((v) => v.severity !== 'error'),
  };
}

function formOf(length: number): ImeiForm | null {
  if (length === 14) return 'imei14';
  if (length === 15) return 'imei15';
  if (length === 16) return 'imeisv16';
  return null;
}

function checkDigitVerdict(key: string, given: string | null): CheckDigitVerdict {
  const expected = luhnCheckDigit(key);
  if (given === null) return { code: 'absent', severity: 'ok', expected };
  // A wrong check digit is most often a typing slip, so it warns rather than refuses.
  return given === expected ? { code: 'ok', severity: 'ok', digit: given } : { code: 'mismatch', severity: 'warning', given, expected };
}

/**
 * The Luhn check digit of a string of digits: the digit that, appended, makes the Luhn sum a
 * multiple of ten. For an IMEI it is computed over the 14 digits of TAC and serial.
 *
 * @example
 * luhnCheckDigit('49015420323751') // '8'
 */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  // Counting from the right, the digit next to the future check digit is doubled, then every other one.
  for (let i = digits.length - 1, isDoubled = true; i >= 0; i -= 1, isDoubled = !isDoubled) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError('luhnCheckDigit takes digits only.');
    const value = isDoubled ? d * 2 : d;
    sum += value > 9 ? value - 9 : value;
  }
  return String((10 - (sum % 10)) % 10);
}

function patternVerdict(key: string): PatternVerdict {
  if (/^0+$/.test(key)) return { code: 'allZero', severity: 'error' };
  if (isOneDigit(key)) return { code: 'repeatedDigit', severity: 'error', digit: key.charAt(0) };
  const serial = key.slice(8);
  // Manufacturers do issue such serials, but cloned and reflashed devices carry them far more often.
  if (isOneDigit(serial)) return { code: 'serialRepeated', severity: 'warning', digit: serial.charAt(0) };
  return { code: 'ok', severity: 'ok' };
}

function isOneDigit(text: string): boolean {
  const first = text.charAt(0);
  for (let i = 1; i < text.length; i += 1) if (text.charAt(i) !== first) return false;
  return true;
}

/**
 * Whether a TAC lies in the ranges reserved for test equipment, as DIRBS classifies them: TACs
 * starting `00` followed by `10` and a pair from 01 to 17 (`001001xx` to `001017xx`), or
 * followed by `44`, `86` or `91`.
 */
export function isTestTac(tac: string): boolean {
  if (!/^[0-9]{8}/.test(tac) || !tac.startsWith('00')) return false;
  const group = tac.slice(2, 4);
  if (group === '44' || group === '86' || group === '91') return true;
  if (group !== '10') return false;
  const pair = Number(tac.slice(4, 6));
  return pair >= 1 && pair <= 17;
}

/**
 * Reporting bodies by their two-digit identifier (GSMA TS.06): who allocated a TAC. Unknown
 * identifiers have no name; the allocation is still possible, so they are not an error.
 */
export const REPORTING_BODIES: Readonly<Record<string, string>> = {
  '00': 'Test IMEI / legacy allocations',
  '01': 'CTIA (PTCRB, United States)',
  '10': 'DECT PP Global',
  '30': 'Iridium (United States)',
  '33': 'DGPT (France)',
  '35': 'BABT (United Kingdom)',
  '44': 'BABT (United Kingdom)',
  '45': 'NTA (Denmark)',
  '49': 'BZT / BAPT (Germany)',
  '50': 'BZT ETS (Germany)',
  '51': 'Cetecom ICT (Germany)',
  '52': 'Cetecom (Germany)',
  '53': 'TÜV (Germany)',
  '54': 'Phoenix Test-Lab (Germany)',
  '86': 'TAF (China)',
  '91': 'MSAI (India)',
  '98': 'BABT (United Kingdom)',
  '99': 'GHA (Global Hexadecimal Administrator)',
};

/** The name of a reporting body, or null when the identifier is not one GSMA lists. */
export function reportingBodyName(identifier: string): string | null {
  return REPORTING_BODIES[identifier] ?? null;
}

/**
 * Days between the allocation of a TAC and its appearance in the GSMA database, by reporting
 * body: the lags DIRBS measured. A TAC missing from the database may simply be newer than this.
 */
export const DEFAULT_ALLOCATION_LAG_DAYS: Readonly<Record<string, number>> = { '00': 32, '01': 40, '35': 20, '86': 19, '91': 20, '99': 69 };

/**
 * Formats a key for reading: a 14-digit key as TAC, serial and check digit in groups; any other
 * key (a malformed IMEI kept from an operator dump) as it is, since it has no check digit.
 */
export function formatImeiKey(key: string): string {
  if (!isCleanImeiKey(key)) return key;
  return `${key.slice(0, 2)} ${key.slice(2, 8)} ${key.slice(8, 14)} ${luhnCheckDigit(key)}`;
}

// DIRBS's operator and list schemas (etc/schema/OperatorImportSchema_v2.csvs:53, PairingListSchema.csvs:50).
const DIRBS_IMEI_FIELD = /^[0-9A-Fa-f*#]{1,16}$/;
const STARTS_WITH_KEY = /^[0-9]{14}/;
const CLEAN_KEY = /^[0-9]{14}$/;

/**
 * Whether an IMEI as an operator file or a reference list gives it (trimmed) is one DIRBS reads:
 * 1 to 16 characters, each a digit, a letter A to F (either case), `*` or `#`. DIRBS refuses the
 * whole file otherwise, and so does Kinga.
 */
export function isDirbsImeiField(imei: string): boolean {
  return DIRBS_IMEI_FIELD.test(imei);
}

/**
 * The key an IMEI from an operator file or a reference list is kept under, as DIRBS derives it
 * (`normalize_imei`): its first 14 characters when they are digits (dropping a check digit, a
 * software version or trailing letters), otherwise the whole value upper-cased; null when empty.
 *
 * @example
 * normalizeImeiKey('35209900176148AB') // '35209900176148'
 * normalizeImeiKey('38245933af987001') // '38245933AF987001'
 */
export function normalizeImeiKey(raw: string): string | null {
  const imei = raw.trim();
  if (imei === '') return null;
  return STARTS_WITH_KEY.test(imei) ? imei.slice(0, 14) : imei.toUpperCase();
}

/** Whether a key is clean, i.e. 14 digits (DIRBS's `is_unclean_imei` on the key, negated); the malformed dimension flags the others. */
export function isCleanImeiKey(key: string): boolean {
  return CLEAN_KEY.test(key);
}
