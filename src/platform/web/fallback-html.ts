import { FALLBACK_LANGUAGE, hasFallback, splitFallback, stripFallback } from '../i18n/fallback.ts';

/** What {@link markFallbackInHtml} made of a document. */
export interface MarkedHtml {
  html: string;
  /** Whether any text of the document fell back to English. */
  hasFallback: boolean;
}

// A tag with its attributes, quoted values included (a value may hold a `>`).
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;
// Elements whose text cannot hold an HTML span: raw text (title, script, style, textarea), options,
// and drawings, whose text is SVG.
const PLAIN_TEXT_ELEMENTS = new Set(['title', 'script', 'style', 'textarea', 'option', 'svg']);

/**
 * Turns the fallback marks of a rendered document into markup: text that fell back becomes a
 * `<span lang="en">` (with `dir="ltr"` on a right-to-left page) so that a screen reader reads it
 * as English (WCAG 3.1.2), while attributes, titles and options lose the marks and keep their text.
 */
export function markFallbackInHtml(html: string, direction: 'ltr' | 'rtl'): MarkedHtml {
  if (!/[\uFDD0-\uFDD2]/.test(html)) return { html, hasFallback: false };
  const open = direction === 'rtl' ? `<span lang="${FALLBACK_LANGUAGE}" dir="ltr">` : `<span lang="${FALLBACK_LANGUAGE}">`;
  let plainUntil: string | undefined;
  let out = '';
  let from = 0;
  const text = (piece: string) => {
    if (plainUntil !== undefined) return stripFallback(piece);
    return splitFallback(piece)
      .map((segment) => {
        return segment.isFallback ? `${open}${segment.text}</span>` : segment.text;
      })
      .join('');
  };
  for (const tag of html.matchAll(TAG)) {
    out += text(html.slice(from, tag.index));
    const [whole, closing, rawName] = tag;
    const name = (rawName ?? '').toLowerCase();
    if (closing === '' && PLAIN_TEXT_ELEMENTS.has(name) && plainUntil === undefined) plainUntil = name;
    else if (closing === '/' && name === plainUntil) plainUntil = undefined;
    out += stripFallback(whole);
    from = tag.index + whole.length;
  }
  out += text(html.slice(from));
  // Text that fell back inside a title or an attribute counts too: the page says so all the same.
  return { html: out, hasFallback: hasFallback(html) };
}
