/** A word in Latin letters (a code such as `pay_tv` is one), or a number, as runs of English are made of. */
const TOKEN = String.raw`(?:[A-Za-z][A-Za-z0-9_'’-]*|\d[\d.,]*)`;
/**
 * Tokens joined by blanks, with at most a colon or semicolon before the blank: words of one
 * sentence. A comma ends a run, so that codes listed the way a language lists them ("mobile,
 * pay_tv или other") are not taken for English; how lists are joined is checked on its own.
 */
const RUN = new RegExp(`${TOKEN}(?:[ \\t]*[:;]?[ \\t]+${TOKEN})+`, 'g');
const LATIN_WORD = /^[A-Za-z][A-Za-z0-9_'’-]*$/;

/**
 * The runs of three or more Latin-letter words in a row in a text, such as "Line 3: the date must
 * be YYYYMMDD": what English left in a page or an answer said in Chinese or Arabic looks like.
 * Codes, field names, dates and single names ("PDF", "body/email", "YYYY-MM-DD") are not runs.
 */
export function englishSentencesIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(RUN)) {
    const words = match[0].split(/[\s:;]+/).filter((w) => LATIN_WORD.test(w));
    if (words.length >= 3) found.push(match[0].replace(/[:;\s]+$/, ''));
  }
  return found;
}
