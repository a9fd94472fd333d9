/**
 * The words of searchable text, read the same way when a document is indexed and when a query is
 * asked, so that both databases only ever compare terms this file produced: case and diacritics
 * folded, Arabic normalised with its definite article removed, Chinese and Japanese cut into
 * overlapping pairs of characters. Pure: no I/O.
 */

/** One indexed term and the part of the original text it came from (UTF-16 offsets, end excluded). */
export interface TextTerm {
  term: string;
  start: number;
  end: number;
}

/**
 * One condition of a query: its terms must follow one another (a phrase, for Chinese and
 * Japanese pairs; a single term otherwise), the last one read as a prefix when `isPrefix`.
 */
export interface QueryGroup {
  terms: readonly string[];
  isPrefix: boolean;
}

/** A query read: its groups (every one must match), nothing to search for, or too long to run. */
export type ParsedQuery = { kind: 'terms'; groups: readonly QueryGroup[] } | { kind: 'empty' } | { kind: 'too-long'; maxLength: number; maxGroups: number };

/** The longest query read, in characters; longer ones are answered `too-long`, never cut silently. */
export const MAX_QUERY_LENGTH = 200;

/** The most words a query may hold (a Chinese or Japanese run counts as one). */
export const MAX_QUERY_GROUPS = 16;

/** A prefix shorter than this (outside Chinese and Japanese) is read as a whole word: `a*` would match nearly everything. */
export const MIN_PREFIX_LENGTH = 2;

// Letters, digits and combining marks: a word, before folding. Everything else separates words.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const WORD_WITH_STAR = /([\p{L}\p{N}\p{M}]+)(\*)?/gu;
// Han ideographs, kana and the iteration mark: written without spaces, so cut into pairs.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u30fc]/u;
// Combining marks, except the kana voicing marks (they tell が from か, not a diacritic to fold).
const MARK = /(?![\u3099\u309a])\p{M}/gu;
const ARABIC = /[\u0600-\u06ff]/u;
const NON_ASCII = /[^\p{ASCII}]/u;
const TATWEEL = /\u0640/g;
// Arabic letters whose written variants people type interchangeably, mapped to one form.
const ARABIC_LETTERS: Readonly<Record<string, string>> = {
  '\u0671': '\u0627', // alef wasla
  '\u0649': '\u064a', // alef maksura
  '\u0629': '\u0647', // teh marbuta
  '\u06cc': '\u064a', // Farsi yeh
  '\u06a9': '\u0643', // keheh
};
const ARABIC_LETTER = /[\u0671\u0649\u0629\u06cc\u06a9]/g;
// Arabic-Indic and Eastern Arabic-Indic digits, read as the digits 0 to 9.
const ARABIC_DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/g;
// The definite article, alone or after a one-letter conjunction or preposition, longest first.
const ARABIC_ARTICLES = ['\u0648\u0627\u0644', '\u0628\u0627\u0644', '\u0643\u0627\u0644', '\u0641\u0627\u0644', '\u0644\u0644', '\u0627\u0644'];

/**
 * Folds text for comparison: compatibility forms (full-width letters, ligatures, Arabic
 * presentation forms) to their letters, diacritics and Arabic vowel marks removed, Arabic letter
 * variants and digits unified, tatweel removed, lower case. `Résiliation` gives `resiliation`.
 */
export function foldText(text: string): string {
  // Most words of most documents are plain ASCII, which has nothing to fold but its case.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(MARK, '')
    .replace(TATWEEL, '')
    .replace(ARABIC_LETTER, (c) => ARABIC_LETTERS[c] ?? c)
    .replace(ARABIC_DIGIT, (d) => String((d.codePointAt(0)! - 0x0660) % (0x06f0 - 0x0660)))
    .toLowerCase()
    .normalize('NFC');
}

/** Removes the Arabic definite article from a folded word when a word of two letters or more remains: `المستهلك` gives `مستهلك`. */
export function stripArabicArticle(word: string): string {
  if (!ARABIC.test(word)) return word;
  for (const article of ARABIC_ARTICLES) {
    if (word.startsWith(article) && word.length - article.length >= 2) return word.slice(article.length);
  }
  return word;
}

/** The folded terms of one word outside Chinese and Japanese (folding may split it: `½` gives `1` and `2`). */
function foldedTerms(word: string): readonly string[] {
  let terms = foldedWords.get(word);
  if (terms === undefined) {
    terms = (foldText(word).match(WORD) ?? []).map(stripArabicArticle);
    // Bounded: emptied when full, since words recur in every snippet but the input is anyone's.
    if (foldedWords.size >= FOLDED_WORDS_KEPT) foldedWords.clear();
    foldedWords.set(word, terms);
  }
  return terms;
}

// Folding a word costs about a microsecond; a snippet folds every word of a body, and most words recur.
const FOLDED_WORDS_KEPT = 20_000;
const foldedWords = new Map<string, readonly string[]>();

/** The runs of one word: Chinese and Japanese characters apart from the rest, with their offsets in the word. */
function scriptRuns(word: string): Array<{ text: string; start: number; isCjk: boolean }> {
  if (!CJK.test(word)) return [{ text: word, start: 0, isCjk: false }];
  const runs: Array<{ text: string; start: number; isCjk: boolean }> = [];
  let offset = 0;
  for (const char of word) {
    const isCjk = CJK.test(char);
    const last = runs.at(-1);
    if (last && last.isCjk === isCjk) last.text += char;
    else runs.push({ text: char, start: offset, isCjk });
    offset += char.length;
  }
  return runs;
}

/** The characters of a Chinese or Japanese run with their offsets (a character outside the BMP is one). */
function charsOf(run: string, start: number): Array<{ char: string; start: number; end: number }> {
  const chars: Array<{ char: string; start: number; end: number }> = [];
  let offset = start;
  for (const char of run) {
    const folded = char.normalize('NFKC');
    chars.push({ char: folded, start: offset, end: offset + char.length });
    offset += char.length;
  }
  return chars;
}

/**
 * The terms of a text, in order, as they are indexed. A Chinese or Japanese run gives its
 * overlapping pairs and then its last character alone (`消费者` gives `消费`, `费者`, `者`), so
 * that every character starts some term and a one-character prefix query finds it.
 */
export function textTerms(text: string): TextTerm[] {
  const terms: TextTerm[] = [];
  for (const match of text.matchAll(WORD)) {
    const wordStart = match.index;
    for (const run of scriptRuns(match[0])) {
      const runStart = wordStart + run.start;
      if (!run.isCjk) {
        for (const term of foldedTerms(run.text)) terms.push({ term, start: runStart, end: runStart + run.text.length });
        continue;
      }
      const chars = charsOf(run.text, runStart);
      for (let i = 0; i + 1 < chars.length; i += 1) terms.push({ term: chars[i]!.char + chars[i + 1]!.char, start: chars[i]!.start, end: chars[i + 1]!.end });
      const last = chars.at(-1)!;
      terms.push({ term: last.char, start: last.start, end: last.end });
    }
  }
  return terms;
}

/**
 * Reads what a person typed into the groups every match must hold. Words are folded as indexed
 * text is; a `*` right after a word makes it a prefix (`потребител*`); every other character
 * (quotes, brackets, operators of either database's query language) only separates words, so no
 * input reaches a database as syntax.
 */
export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) return { kind: 'too-long', maxLength: MAX_QUERY_LENGTH, maxGroups: MAX_QUERY_GROUPS };
  const groups: QueryGroup[] = [];
  for (const match of input.matchAll(WORD_WITH_STAR)) {
    const hasStar = match[2] !== undefined;
    const runs = scriptRuns(match[1]!);
    runs.forEach((run, index) => {
      const isLastRun = index === runs.length - 1;
      if (!run.isCjk) {
        const terms = foldedTerms(run.text);
        terms.forEach((term, t) => {
          const isPrefix = hasStar && isLastRun && t === terms.length - 1 && term.length >= MIN_PREFIX_LENGTH;
          groups.push({ terms: [term], isPrefix });
        });
        return;
      }
      const chars = charsOf(run.text, 0).map((c) => c.char);
      // One character is a prefix of the pairs it starts; a longer run is the phrase of its pairs.
      if (chars.length === 1) groups.push({ terms: chars, isPrefix: true });
      else groups.push({ terms: chars.slice(0, -1).map((c, i) => c + chars[i + 1]!), isPrefix: hasStar && isLastRun });
    });
  }
  if (groups.length === 0) return { kind: 'empty' };
  if (groups.length > MAX_QUERY_GROUPS) return { kind: 'too-long', maxLength: MAX_QUERY_LENGTH, maxGroups: MAX_QUERY_GROUPS };
  return { kind: 'terms', groups: dedupe(groups) };
}

function dedupe(groups: readonly QueryGroup[]): QueryGroup[] {
  const seen = new Set<string>();
  return groups.filter((g) => {
    const key = `${g.terms.join(' ')}${g.isPrefix ? '*' : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An SQLite FTS5 `MATCH` expression for the groups: each a quoted string (a phrase), `*` after a prefix, all of them required. */
export function fts5Match(groups: readonly QueryGroup[]): string {
  return groups.map((g) => `"${g.terms.join(' ').replaceAll('"', '""')}"${g.isPrefix ? '*' : ''}`).join(' AND ');
}

/** A PostgreSQL `tsquery` literal for the groups: quoted lexemes, `<->` between the terms of a phrase, `:*` after a prefix, `&` between groups. */
export function tsqueryLiteral(groups: readonly QueryGroup[]): string {
  return groups
    .map((g) => {
      const lexemes = g.terms.map((term, i) => `${quoteLexeme(term)}${g.isPrefix && i === g.terms.length - 1 ? ':*' : ''}`);
      return lexemes.length === 1 ? lexemes[0]! : `(${lexemes.join(' <-> ')})`;
    })
    .join(' & ');
}

function quoteLexeme(term: string): string {
  return `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

// PostgreSQL keeps positions 1 to 16,383 and at most 256 of them per lexeme.
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;

/**
 * A PostgreSQL `tsvector` literal of a document: the title's terms weighted `A` (ranked above the
 * body's), then the body's, each at its position so that phrases match.
 */
export function tsvectorLiteral(titleTerms: readonly string[], bodyTerms: readonly string[]): string {
  const positions = new Map<string, string[]>();
  const add = (terms: readonly string[], first: number, weight: string): void => {
    terms.forEach((term, i) => {
      const list = positions.get(term) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${Math.min(first + i, MAX_POSITION)}${weight}`);
      positions.set(term, list);
    });
  };
  add(titleTerms, 1, 'A');
  add(bodyTerms, titleTerms.length + 1, '');
  return [...positions].map(([term, list]) => `${quoteLexeme(term)}:${list.join(',')}`).join(' ');
}

/** The longest term indexed, in characters: a longer "word" (a pasted key, a long address) is no word anyone searches for. */
export const MAX_TERM_LENGTH = 100;

/** The most terms of one document indexed. */
export const MAX_INDEXED_TERMS = 50_000;

// PostgreSQL keeps at most 1 MiB of distinct lexemes in one tsvector; this leaves room below it.
const MAX_DISTINCT_TERM_BYTES = 900_000;

/**
 * The terms of a document that are indexed: without terms longer than {@link MAX_TERM_LENGTH},
 * and only the first ones of a very long document, up to {@link MAX_INDEXED_TERMS} and a bound on
 * their distinct bytes that keeps a `tsvector` within PostgreSQL's limit. Both databases index
 * the same terms, so they find the same documents.
 */
export function indexableTerms(title: readonly string[], body: readonly string[]): { title: string[]; body: string[] } {
  const seen = new Set<string>();
  let bytes = 0;
  let count = 0;
  const take = (terms: readonly string[]): string[] => {
    const kept: string[] = [];
    for (const term of terms) {
      if (term.length > MAX_TERM_LENGTH) continue;
      if (!seen.has(term)) {
        const size = Buffer.byteLength(term);
        if (bytes + size > MAX_DISTINCT_TERM_BYTES) break;
        seen.add(term);
        bytes += size;
      }
      if (count >= MAX_INDEXED_TERMS) break;
      kept.push(term);
      count += 1;
    }
    return kept;
  };
  return { title: take(title), body: take(body) };
}

/** Whether the terms from `index` on match a group. */
function matchesAt(terms: readonly TextTerm[], index: number, group: QueryGroup): boolean {
  return group.terms.every((wanted, i) => {
    const term = terms[index + i]?.term;
    if (term === undefined) return false;
    return group.isPrefix && i === group.terms.length - 1 ? term.startsWith(wanted) : term === wanted;
  });
}

/** The parts of `text` that match the query's groups, merged and in order (UTF-16 offsets). */
export function matchedRanges(text: string, groups: readonly QueryGroup[]): Array<{ start: number; end: number }> {
  const terms = textTerms(text);
  const ranges: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < terms.length; i += 1) {
    for (const group of groups) {
      if (!matchesAt(terms, i, group)) continue;
      ranges.push({ start: terms[i]!.start, end: terms[i + group.terms.length - 1]!.end });
    }
  }
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Array<{ start: number; end: number }> = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);
}

function markedHtml(text: string, ranges: ReadonlyArray<{ start: number; end: number }>, from: number, to: number): string {
  let html = '';
  let at = from;
  for (const { start, end } of ranges) {
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (e <= s) continue;
    html += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return html + escapeHtml(text.slice(at, to));
}

/** The whole text as HTML, escaped, each match in `<mark>` (for a title). */
export function highlightHtml(text: string, groups: readonly QueryGroup[]): string {
  return markedHtml(text, matchedRanges(text, groups), 0, text.length);
}

/** The default length of a snippet, in UTF-16 units. */
export const SNIPPET_LENGTH = 200;

/**
 * A passage of `text` around its first match as HTML, escaped, each match in `<mark>`, with `…`
 * where the passage cuts the text; the text's beginning when nothing in it matches. Cuts fall at
 * a space when one is near, never inside a character or a match.
 */
export function snippetHtml(text: string, groups: readonly QueryGroup[], length = SNIPPET_LENGTH): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const ranges = matchedRanges(clean, groups);
  if (clean.length <= length) return markedHtml(clean, ranges, 0, clean.length);
  const first = ranges[0]?.start ?? 0;
  let start = Math.max(0, first - Math.floor(length / 4));
  start = snap(clean, start, -1, ranges);
  let end = Math.min(clean.length, start + length);
  end = snap(clean, end, 1, ranges);
  if (end - start > length * 1.25) end = safeCut(clean, start + length, ranges);
  return `${start > 0 ? '… ' : ''}${markedHtml(clean, ranges, start, end).trim()}${end < clean.length ? ' …' : ''}`;
}

/** Moves a cut to a nearby space (backwards for a start, forwards for an end), else to a safe place. */
function snap(text: string, at: number, direction: -1 | 1, ranges: ReadonlyArray<{ start: number; end: number }>): number {
  if (at <= 0 || at >= text.length) return Math.max(0, Math.min(at, text.length));
  for (let i = 0; i <= 20; i += 1) {
    const p = at + direction * i;
    if (p <= 0 || p >= text.length) return Math.max(0, Math.min(p, text.length));
    if (text[p] === ' ') return direction === -1 ? p + 1 : p;
  }
  return safeCut(text, at, ranges);
}

/** A place at or before `at` that splits no surrogate pair and no match. */
function safeCut(text: string, at: number, ranges: ReadonlyArray<{ start: number; end: number }>): number {
  let p = Math.min(at, text.length);
  for (const { start, end } of ranges) if (p > start && p < end) p = start;
  const code = text.charCodeAt(p);
  if (p > 0 && code >= 0xdc00 && code <= 0xdfff) p -= 1;
  return p;
}
