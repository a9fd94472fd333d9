import { SUPPORTED_LANGUAGES, type Language } from '../jurisdiction.ts';

// A message a language lacks is said in English between these marks, with the language the text
// was asked in, so that whatever shows it (a page, an e-mail, a PDF) can say that part of it is in
// English and give that part its own language, while attributes and subjects stay plain strings.
// The marks are Unicode noncharacters, which the standard reserves for a program's internal use:
// they never occur in real text, and every place that shows text removes them.
const OPEN = '\uFDD0';
const HOST_END = '\uFDD1';
const CLOSE = '\uFDD2';
const ANY_MARK = /\uFDD0[a-z]{2}\uFDD1|\uFDD2/g;
const MARK_CHARACTERS = /[\uFDD0-\uFDD2]/;

/** The language that text which fell back is in: the catalogues fall back to English only. */
export const FALLBACK_LANGUAGE: Language = 'en';

/** A piece of translated text, either in the language asked for or fallen back to English. */
export interface TextSegment {
  text: string;
  isFallback: boolean;
}

/** Wraps English text that stands in for a message `host` lacks. */
export function markFallback(text: string, host: Language): string {
  return `${OPEN}${host}${HOST_END}${text}${CLOSE}`;
}

/** Whether text carries a part that fell back to English. */
export function hasFallback(text: string): boolean {
  return MARK_CHARACTERS.test(text) && splitFallback(text).some((s) => s.isFallback);
}

/** The text without its fallback marks, for places that cannot mark a language (attributes, subjects, titles). */
export function stripFallback(text: string): string {
  return MARK_CHARACTERS.test(text) ? text.replace(ANY_MARK, '') : text;
}

/** The language a marked text was asked in, from its first mark; undefined when nothing fell back. */
export function fallbackHostOf(text: string): Language | undefined {
  const at = text.indexOf(OPEN);
  if (at < 0) return undefined;
  const code = text.slice(at + 1, at + 3);
  return SUPPORTED_LANGUAGES.find((l) => l === code);
}

/**
 * Cuts marked text into its pieces in order, adjacent pieces of one kind joined. A fallback inside
 * a fallback (an English value in an English message) is one English piece; a closing mark without
 * its opening one, which only a cut string can leave, is dropped.
 */
export function splitFallback(text: string): TextSegment[] {
  if (!MARK_CHARACTERS.test(text)) return text === '' ? [] : [{ text, isFallback: false }];
  const segments: TextSegment[] = [];
  const push = (piece: string, isFallback: boolean) => {
    if (piece === '') return;
    const last = segments.at(-1);
    if (last && last.isFallback === isFallback) last.text += piece;
    else segments.push({ text: piece, isFallback });
  };
  let depth = 0;
  let from = 0;
  for (const match of text.matchAll(ANY_MARK)) {
    push(text.slice(from, match.index), depth > 0);
    from = match.index + match[0].length;
    if (match[0] === CLOSE) depth = Math.max(0, depth - 1);
    else depth += 1;
  }
  push(text.slice(from), depth > 0);
  return segments;
}
