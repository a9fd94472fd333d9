/** A word in Latin letters, or a number, as runs of English are made of. */
const TOKEN = String.raw`(?:[A-Za-z][A-Za-z'’-]*|\d[\d.,]*)`;
/** Tokens joined by blanks, with at most a comma, colon or semicolon before the blank: words of one sentence. */
const RUN = new RegExp(`${TOKEN}(?:[ \\t]*[,:;]?[ \\t]+${TOKEN})+`, 'g');
const LATIN_WORD = /^[A-Za-z][A-Za-z'’-]*$/;

/**
 * The runs of three or more Latin-letter words in a row in a text, such as "Line 3: the date must
 * be YYYYMMDD": what English left in a page or an answer said in Chinese or Arabic looks like.
 * Codes, field names, dates and single names ("PDF", "body/email", "YYYY-MM-DD") are not runs.
 */
export function englishSentencesIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(RUN)) {
    const words = match[0].split(/[\s,:;]+/).filter((w) => LATIN_WORD.test(w));
    if (words.length >= 3) found.push(match[0].replace(/[,:;\s]+$/, ''));
  }
  return found;
}
