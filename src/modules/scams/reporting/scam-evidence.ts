import { readMobileNumber } from '../../../platform/sms/index.ts';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * What a scam report names and carries, read as pure values: the sender as one of three kinds of
 * identity, links shown only defanged, and the key by which the same forwarded text from many
 * people becomes one campaign.
 */

/** The sender of a scam: a number in E.164, a short code, or an alphanumeric sender id, each its own kind of identity. */
export type SenderIdentity = { kind: 'number'; value: string } | { kind: 'shortCode'; value: string } | { kind: 'senderId'; value: string };

/** Why a typed sender was refused. */
export type SenderProblem = 'empty' | 'invalid';

/**
 * Reads the sender as a person typed or copied it, in the profile's `country`: a full number (any
 * type: scams come from fixed lines too) into E.164, 3 to 8 digits as a short code, letters and
 * digits up to 11 as a sender id (upper case, as phones show them).
 */
export function readSender(typed: string, country: string): { ok: true; sender: SenderIdentity } | { ok: false; problem: SenderProblem } {
  const text = typed.normalize('NFKC').trim();
  if (text === '') return { ok: false, problem: 'empty' };
  const compact = text.replace(/[\s().-]/g, '');
  if (/^[0-9]{3,8}$/.test(compact)) {
    const asNumber = parsePhoneNumberFromString(compact, country.toUpperCase() as CountryCode);
    if (asNumber === undefined || !asNumber.isValid()) return { ok: true, sender: { kind: 'shortCode', value: compact } };
  }
  if (/^\+?[0-9]{6,15}$/.test(compact)) {
    const mobile = readMobileNumber(compact, country);
    if (mobile.ok) return { ok: true, sender: { kind: 'number', value: mobile.e164 } };
    const parsed = parsePhoneNumberFromString(compact, country.toUpperCase() as CountryCode);
    if (parsed?.isValid()) return { ok: true, sender: { kind: 'number', value: parsed.number } };
    return { ok: false, problem: 'invalid' };
  }
  if (/^[\p{L}\p{N}][\p{L}\p{N} ._&-]{0,10}$/u.test(text) && /\p{L}/u.test(text))
    return { ok: true, sender: { kind: 'senderId', value: text.toLocaleUpperCase('en') } };
  return { ok: false, problem: 'invalid' };
}

/**
 * A link as Kinga shows it, never clickable nor auto-linked by a mail program: `hxxps://example[.]com/login`.
 * Every dot of the host is bracketed, the scheme's `t`s become `x`s, and an address without a scheme keeps none.
 */
export function defang(link: string): string {
  const trimmed = link.trim();
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(trimmed);
  if (match === null) return trimmed.replace(/\./g, '[.]');
  const [, scheme = '', host = '', rest = ''] = match;
  return `${scheme.replace(/t/gi, 'x')}://${host.replace(/\./g, '[.]')}${rest}`;
}

/** Whether a host holds internationalised labels (punycode `xn--` or characters outside ASCII): shown to reviewers as a possible look-alike. */
export function isInternationalisedHost(host: string): boolean {
  return /(^|\.)xn--/i.test(host) || [...host].some((c) => (c.codePointAt(0) ?? 0) > 0x7f);
}

/**
 * The key of a forwarded text's campaign: the text with what changes from one victim to the next
 * taken out (numbers, amounts, links' paths, case, spacing and punctuation), so the same message
 * sent to many people is one campaign with many instances.
 */
export function campaignKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/([^/\s]+)\S*/g, 'link:$1')
    .replace(/[0-9]+([.,][0-9]+)*/g, '#')
    .replace(/[^\p{L}\p{N}#:.\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
