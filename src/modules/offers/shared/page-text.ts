/**
 * Pieces of text a page puts into its messages: never joined with punctuation in code, since each
 * language's message carries its own (`"{name} ({id})"`, `"{name}（{id}）"`).
 */

/**
 * Text in a script of its own inside a sentence (an operator's or the regulator's words), as a
 * bidi isolate (FSI … PDI): what `dir="auto"` does for an element, for text inside a message.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Items as a list of the language ("A, B and C"; "A、B和C"), each isolated in its own direction. */
export function listText(language: string, items: readonly string[]): string {
  return new Intl.ListFormat(language, { type: 'conjunction', style: 'long' }).format(items.map(isolated));
}
