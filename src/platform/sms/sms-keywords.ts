/**
 * Reading what people text to a short code: a keyword from the jurisdiction profile, in any of its
 * languages, then what follows it. People type on small keypads, in their own script and digits:
 * `kym 490154203237518`, `KYM:4901-5420-3237-518`, `ك ي م ٤٩٠١٥٤٢٠٣٢٣٧٥١٨`, full-width digits from a
 * Chinese keypad. The reading is tolerant of case, spaces, separators and digit scripts.
 */

/** A keyword of the profile: the service it starts and its words in every language. */
export interface SmsKeyword<Id extends string = string> {
  id: Id;
  words: readonly string[];
}

/** What a text asks for: the keyword's service and the rest of the text, trimmed. */
export interface KeywordMatch<Id extends string = string> {
  id: Id;
  word: string;
  rest: string;
}

/** Separators people put between a keyword and what follows it, or inside numbers. */
const SEPARATORS = /[\s:;,.#*/\\_\-–—|+=]+/gu;

/** Digits of other scripts: Arabic-Indic (٠–٩) and Extended Arabic-Indic, as used in Persian and Urdu (۰–۹). */
function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/gu, (d) => String((d.codePointAt(0) ?? 0) & 0x0f));
}

/**
 * The text as it is compared: compatibility-normalised (full-width letters and digits become
 * ASCII), digits in Latin, upper case, separators as single spaces, trimmed.
 */
export function normaliseSmsText(text: string): string {
  return latinDigits(text.normalize('NFKC')).toLocaleUpperCase('en').replace(SEPARATORS, ' ').trim();
}

/** A keyword's letters with no separator, as people also type it (`K.Y.M`, `K Y M`). */
function compact(word: string): string {
  return normaliseSmsText(word).replace(/ /g, '');
}

/**
 * The keyword a text starts with, longest first (so `STOP ALL` wins over `STOP`), and the rest of
 * the text; `undefined` when it starts with none. The keyword must stand alone: `KYMX` is not `KYM`,
 * but `KYM490154203237518` is, since a keyword followed by digits is still read as typed.
 */
export function matchKeyword<Id extends string>(text: string, keywords: readonly SmsKeyword<Id>[]): KeywordMatch<Id> | undefined {
  const normalised = normaliseSmsText(text);
  const squeezed = normalised.replace(/ /g, '');
  const candidates = keywords
    .flatMap((keyword) => keyword.words.map((word) => ({ id: keyword.id, word, key: compact(word) })))
    .filter((c) => c.key !== '')
    .sort((a, b) => b.key.length - a.key.length);
  for (const candidate of candidates) {
    if (!squeezed.startsWith(candidate.key)) continue;
    const after = squeezed.slice(candidate.key.length);
    if (after !== '' && !/^[0-9]/.test(after) && !startsAfterSpaces(normalised, candidate.key)) continue;
    return { id: candidate.id, word: candidate.word, rest: restAfter(normalised, candidate.key) };
  }
  return undefined;
}

/** True when the keyword's letters end at a space (or the end) in the normalised text. */
function startsAfterSpaces(normalised: string, key: string): boolean {
  const end = indexAfter(normalised, key);
  return end !== undefined && (end === normalised.length || normalised[end] === ' ');
}

/** The index in `normalised` just after the letters of `key`, skipping the spaces between them. */
function indexAfter(normalised: string, key: string): number | undefined {
  let k = 0;
  let i = 0;
  for (; i < normalised.length && k < key.length; i++) {
    if (normalised[i] === ' ') continue;
    if (normalised[i] !== key[k]) return undefined;
    k++;
  }
  return k === key.length ? i : undefined;
}

function restAfter(normalised: string, key: string): string {
  const end = indexAfter(normalised, key) ?? normalised.length;
  return normalised.slice(end).trim();
}

/** The digits of a text, in Latin, every other character dropped: an IMEI or a number typed with spaces and dashes. */
export function digitsOf(text: string): string {
  return latinDigits(text.normalize('NFKC')).replace(/[^0-9]/g, '');
}
