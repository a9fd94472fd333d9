/**
 * What a feature phone sends, read as typed: full-width and Arabic-Indic digits become Latin ones
 * (a phone set to Arabic types ٤٩٠…), surrounding spaces go. Pure.
 */

/** The text with its digits in Latin and compatibility forms folded, trimmed. */
export function readTyped(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/gu, (d) => String((d.codePointAt(0) ?? 0) & 0x0f))
    .trim();
}
