/**
 * The one writer of every CSV file Kinga produces (exports, open data, lists, command output):
 * RFC 4180 quoting, and OWASP's rule against CSV injection, so that no cell a person or an
 * operator typed runs as a formula when a spreadsheet opens the file.
 */

/** A cell as given to the writer: text, a number (written as it is), or nothing (an empty cell). */
export type CsvValue = string | number | null | undefined;

/** What spreadsheets read as the start of a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A number or a phone number: digits, spaces and `+ - ( ) .` only. Without a letter such a cell
 * names no function and no other cell, so a spreadsheet can at most do arithmetic with it.
 */
const NUMBER_LIKE = /^[+-][\d ().+-]*\d[\d ().+-]*$/;
/** What makes a field need quotes (RFC 4180). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field. Numbers are written as they are (a NaN or an infinity as an empty cell). Text
 * that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets an apostrophe in front, the
 * neutralisation OWASP recommends, unless it holds only digits, spaces and `+ - ( ) .`: a negative
 * number such as `-1.29` or a phone number such as `+254 700 000 100` stays as it is. Then the
 * field is quoted when it holds a comma, a quote or a line break, quotes doubled.
 *
 * @example csvField('=1+2') // "'=1+2"
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) && !NUMBER_LIKE.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The fields of one record joined by commas, without a line end (for files that end lines with `\n`). */
export function csvFields(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/**
 * One CSV record ending with CRLF, as RFC 4180 asks.
 *
 * @example csvRecord(['name', 'price']) // 'name,price\r\n'
 */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${csvFields(values)}\r\n`;
}

/** What a spreadsheet reads as the start of a formula (OWASP's CSV injection rule), once leading spaces are trimmed. */
const FORMULA_CHARACTER = /^[=+\-@]/;

/**
 * How a text starts a formula, as a spreadsheet would read it: `tab` or `return` when it starts with
 * a tab or a carriage return, the character when it starts (after spaces) with `=`, `+`, `-` or `@`;
 * undefined when it does not.
 */
export function formulaStart(raw: string): string | undefined {
  if (raw.startsWith('\t')) return 'tab';
  if (raw.startsWith('\r')) return 'return';
  const first = raw.trim().charAt(0);
  return FORMULA_CHARACTER.test(first) ? first : undefined;
}
