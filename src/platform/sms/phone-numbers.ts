import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Mobile numbers as people type them (`0712 345678`, `+254 712-345-678`, in Arabic-Indic digits)
 * read into E.164 with libphonenumber's full metadata, which knows which ranges are mobile: a
 * code sent by SMS to a fixed line would never arrive.
 */

/** Why a typed number was refused. */
export type PhoneNumberProblem = 'invalid' | 'not-mobile';

/** A number read: its E.164 form, or why it was refused. */
export type PhoneNumberResult = { ok: true; e164: string } | { ok: false; problem: PhoneNumberProblem };

/** Reads a number typed by a person in `country` (ISO 3166-1 alpha-2, the profile's) into E.164; only mobile numbers are accepted. */
export function readMobileNumber(text: string, country: string): PhoneNumberResult {
  const parsed = parsePhoneNumberFromString(text.normalize('NFKC'), country.toUpperCase() as CountryCode);
  if (parsed === undefined || !parsed.isValid()) return { ok: false, problem: 'invalid' };
  const type = parsed.getType();
  // Some plans do not tell mobile and fixed numbers apart; such a number may receive SMS.
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { ok: false, problem: 'not-mobile' };
  return { ok: true, e164: parsed.number };
}

/** A number as logs and staff pages show it: the country code and the last two digits, every other digit hidden. */
export function maskNumber(e164: string): string {
  const digits = e164.replace(/[^0-9]/g, '');
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  const countryCode = parsed?.countryCallingCode ?? digits.slice(0, Math.min(3, digits.length - 2));
  const rest = digits.slice(countryCode.length);
  if (rest.length <= 2) return `+${countryCode}${'•'.repeat(rest.length)}`;
  return `+${countryCode} ${'•'.repeat(rest.length - 2)}${rest.slice(-2)}`;
}
