import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { defang, readSender } from '../reporting/scam-evidence.ts';
import type { IdentifierKind } from '../scams.settings.ts';
import { isIdentifierState } from '../reputation/identifier-state.ts';

/**
 * What a person typed into "Is this number or link a scam?", read as one identifier, and what the
 * public may be told of it. Pure: the hash is keyed by the caller's keyring.
 */

/** One identifier read from what a person typed: its kind, the value it is keyed by, and how it is shown back. */
export interface LookupValue {
  kind: IdentifierKind;
  /** E.164, the short code, the sender id in upper case, or the registrable domain in ASCII (punycode). */
  value: string;
  /** What the answer shows: the number or name as read, a link defanged (never clickable). */
  shown: string;
}

/** Why a typed value could not be read. */
export type LookupProblem = 'empty' | 'tooLong' | 'invalid';

/** The longest value read: a long link is still a link, but nothing longer is worth parsing. */
export const LOOKUP_MAX_LENGTH = 2000;

/** Turns a defanged link back into one the parser reads (`hxxps://example[.]com` is `https://example.com`). */
function refang(text: string): string {
  return text
    .replace(/^hxxp(s?):\/\//i, 'http$1://')
    .replace(/\[\.\]|\(\.\)|\{\.\}/g, '.')
    .replace(/\[:\]/g, ':');
}

/** The registrable domain of a link or host the public suffix list knows, in ASCII, or undefined. */
export function registrableDomainOf(typed: string): string | undefined {
  const text = refang(typed.normalize('NFKC').trim());
  if (/\s/.test(text)) return undefined;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  const parsed = parse(hasScheme ? text : `http://${text}`);
  if (parsed.isIp || parsed.domain === null || parsed.isIcann !== true) return undefined;
  const ascii = domainToASCII(parsed.domain.toLowerCase());
  return ascii === '' ? undefined : ascii;
}

/**
 * Reads a typed value as a number (in the profile's `country`), a short code, a sender id or a
 * link. A value with a dot and a suffix the public suffix list knows (`bit.ly`, `example.co.ke/x`)
 * is a link; anything else is read as a sender.
 */
export function readLookupValue(typed: string, country: string): { ok: true; value: LookupValue } | { ok: false; problem: LookupProblem } {
  const text = typed.normalize('NFKC').trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if (text.length > LOOKUP_MAX_LENGTH) return { ok: false, problem: 'tooLong' };
  if (/[.[\]]/.test(text) || /:\/\//.test(text)) {
    const domain = registrableDomainOf(text);
    if (domain !== undefined) return { ok: true, value: { kind: 'domain', value: domain, shown: defang(refang(text)) } };
  }
  const sender = readSender(text, country);
  if (!sender.ok) return { ok: false, problem: sender.problem === 'empty' ? 'empty' : 'invalid' };
  return { ok: true, value: { ...sender.sender, shown: sender.sender.value } };
}

/** The one thing the public is told of an identifier. */
export type PublicStatus = 'noReports' | 'reported' | 'confirmed' | 'appealed' | 'cleared';

/** Every public status, in the order of an identifier's life. */
export const PUBLIC_STATUSES: readonly PublicStatus[] = ['noReports', 'reported', 'confirmed', 'appealed', 'cleared'];

/**
 * The public status of a stored state: confirmed and under appeal as they are, cleared as it is,
 * and every other state (reported, threshold reached, under review, rejected) as "reported, not
 * verified": the public learns nothing of a review before it decides.
 */
export function publicStatusOf(state: string | undefined): PublicStatus {
  if (state === undefined) return 'noReports';
  if (!isIdentifierState(state)) return 'reported';
  switch (state) {
    case 'confirmed':
      return 'confirmed';
    case 'appealed':
      return 'appealed';
    case 'cleared':
      return 'cleared';
    case 'reported':
    case 'threshold_reached':
    case 'under_review':
    case 'rejected':
      return 'reported';
  }
}

/**
 * A count as the public sees it: the number itself from `smallest` up, else "fewer than `smallest`".
 * Unlike `publishedCount`, zero is withheld too: a listed identifier with none of the public's
 * reports would otherwise tell that it has some as soon as one arrives, and who could have sent it.
 */
export function publicCount(count: number, smallest: number): { count: number | null; fewerThan: number | null } {
  return count >= smallest ? { count, fewerThan: null } : { count: null, fewerThan: smallest };
}
