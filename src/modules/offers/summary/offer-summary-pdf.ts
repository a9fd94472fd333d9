import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { FALLBACK_LANGUAGE, hasFallback, splitFallback } from '../../../platform/i18n/index.ts';
import { CJK_CHARACTERS, buildCjkFont, cjkStroke } from '../../../platform/pdf/cjk-font.ts';
import type { ContractSummary } from './offer-summary.ts';

/** How the PDF is written. */
export interface SummaryPdfOptions {
  direction: 'ltr' | 'rtl';
  /** The document's creation date; a fixed clock gives the same bytes every time. */
  createdAt: Date;
  /** The footer: who publishes the summary and where it is online. */
  footer: string;
  /** Said under the notice when some text fell back to English: that part of the document is in English. */
  fallbackNotice: string;
  language: string;
}

const fontDir = () => join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= { regular: readFileSync(join(fontDir(), 'DejaVuSans.ttf')), bold: readFileSync(join(fontDir(), 'DejaVuSans-Bold.ttf')) };
  return fonts;
}

// Bidi controls and isolates have no glyph in the font; the PDF orders words itself (below).
const BIDI_CONTROLS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const LTR_STRONG = /[A-Za-z0-9\u00c0-\u024f]/;
const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]/;

/** A word of a line, and whether it fell back to English. */
interface Word {
  text: string;
  isFallback: boolean;
}

/**
 * The words of one right-to-left line in the order they are drawn from left to right. pdfkit
 * shapes each word through fontkit (joining forms, and the glyphs of an Arabic word right to
 * left) but places words left to right, so the line is reordered here at the word level: runs of
 * left-to-right words (numbers, amounts, Latin names, addresses) keep their order, everything
 * else reads from the right. A simplification of the Unicode bidi algorithm that is exact for the
 * summary's sentences, which never nest embeddings.
 */
export function visualOrderRtl(words: readonly string[]): string[] {
  return orderRtl(words.map((text) => ({ text, isFallback: false }))).map((w) => w.text);
}

/** {@link visualOrderRtl} for words that keep whether they fell back to English. */
function orderRtl(items: readonly Word[]): Word[] {
  const words = items.map((w) => w.text);
  const classes = words.map((w) => (RTL_LETTER.test(w) ? 'R' : LTR_STRONG.test(w) ? 'L' : 'N'));
  const resolved = classes.map((c, i) => {
    if (c !== 'N') return c;
    const before = classes
      .slice(0, i)
      .reverse()
      .find((x) => x !== 'N');
    const after = classes.slice(i + 1).find((x) => x !== 'N');
    return before === 'L' && after === 'L' ? 'L' : 'R';
  });
  const runs: { isLtr: boolean; words: Word[] }[] = [];
  items.forEach((word, i) => {
    const isLtr = resolved[i] === 'L';
    const last = runs.at(-1);
    if (last && last.isLtr === isLtr) last.words.push(word);
    else runs.push({ isLtr, words: [word] });
  });
  // A number followed by Arabic punctuation ("2،") has no Arabic letter, so fontkit lays it out left
  // to right; the punctuation is put first so that it still ends up on the left of the number.
  const mirrored = (word: Word): Word =>
    ARABIC_LETTER.test(word.text) ? word : { ...word, text: word.text.replace(/^(.*?)([\u060c\u061b\u061f]+)$/u, '$2$1') };
  return runs.reverse().flatMap((run) => (run.isLtr ? run.words : [...run.words].reverse().map(mirrored)));
}

/** Every text of a summary, in drawing order. */
const textsOf = (summary: ContractSummary, options: SummaryPdfOptions): string[] => [
  summary.title,
  summary.versionLine,
  summary.notice,
  ...summary.sections.flatMap((section) => [section.heading, ...section.rows.flatMap((row) => [row.label, row.value])]),
  options.footer,
  options.fallbackNotice,
];

/**
 * Renders the contract summary as a one-page A4 PDF. DejaVu Sans draws Latin, Cyrillic and Arabic
 * text; text with Chinese characters is drawn with a font built for the document from Noto Sans SC
 * (`cjk-font.ts`). Text that fell back to English is marked with its language, and a line under the
 * notice says that part of the document is in English.
 */
export async function renderSummaryPdf(summary: ContractSummary, options: SummaryPdfOptions): Promise<Buffer> {
  const cjkText = textsOf(summary, options)
    .filter((text) => CJK_CHARACTERS.test(text))
    .join('\n');
  const cjk = cjkText === '' ? undefined : buildCjkFont(cjkText.replace(/[\ufdd0-\ufdd2]/g, ''));
  // Long offers are drawn again a little smaller until they fit one page.
  for (const scale of [1, 0.92, 0.84, 0.76, 0.68]) {
    const { buffer, pages } = await draw(summary, options, scale, cjk);
    if (pages === 1 || scale === 0.68) return buffer;
  }
  throw new Error('unreachable');
}

async function draw(summary: ContractSummary, options: SummaryPdfOptions, scale: number, cjk: Buffer | undefined): Promise<{ buffer: Buffer; pages: number }> {
  const { regular, bold } = loadFonts();
  const margin = 36;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    compress: true,
    bufferPages: true,
    lang: options.language,
    displayTitle: true,
    info: {
      Title: plain(summary.title),
      Subject: plain(summary.versionLine),
      Creator: 'Kinga',
      Producer: 'Kinga',
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  if (cjk) doc.registerFont('cjk', cjk);
  const isRtl = options.direction === 'rtl';
  const left = margin;
  const width = doc.page.width - 2 * margin;
  let y = margin;

  /** Sets the font, size and colour of a paragraph; Chinese text gets the CJK font, thickened to the weight asked for. */
  const useFont = (text: string, size: number, font: 'regular' | 'bold', color: string) => {
    const isCjk = cjk !== undefined && CJK_CHARACTERS.test(text);
    doc
      .font(isCjk ? 'cjk' : font)
      .fontSize(size * scale)
      .fillColor(color);
    if (isCjk) doc.strokeColor(color).lineWidth(cjkStroke(size * scale, font === 'bold'));
    return { isCjk };
  };

  /** Draws one word or line, inside a span marked as English when it fell back to English. */
  const show = (text: string, x: number, top: number, isFallback: boolean, isCjk: boolean, options: PDFKit.Mixins.TextOptions) => {
    if (isFallback) doc.markContent('Span', { lang: FALLBACK_LANGUAGE });
    doc.text(text, x, top, { ...options, fill: true, stroke: isCjk });
    if (isFallback) doc.endMarkedContent();
  };

  /** Draws a paragraph in a column and returns its height. */
  const paragraph = (raw: string, x: number, top: number, columnWidth: number, size: number, font: 'regular' | 'bold', color = '#000000'): number => {
    const segments = splitFallback(raw.replace(BIDI_CONTROLS, ''));
    const text = segments.map((segment) => segment.text).join('');
    const { isCjk } = useFont(text, size, font, color);
    const lineHeight = doc.currentLineHeight(true) + 1;
    const isMixed = segments.some((segment) => segment.isFallback) && segments.some((segment) => !segment.isFallback && /\p{L}/u.test(segment.text));
    if (!isRtl && !isMixed) {
      // The page's own wrapping, without letting pdfkit add a page: the height is checked after.
      show(
        text,
        x,
        top,
        segments.some((segment) => segment.isFallback),
        isCjk,
        { width: columnWidth, lineGap: 1 },
      );
      return doc.y - top;
    }
    const words = segments.flatMap((segment) =>
      segment.text
        .split(/\s+/)
        .filter((w) => w !== '')
        .map((w) => ({ text: w, isFallback: segment.isFallback })),
    );
    const lines = wrap(words, columnWidth, (s) => doc.widthOfString(s));
    const space = doc.widthOfString(' ');
    lines.forEach((line, index) => {
      // Word by word: pdfkit would lay a whole line out word by word anyway, and an Arabic word's
      // trailing space would move to its left side when its glyphs are put in visual order.
      const ordered = isRtl ? orderRtl(line) : line;
      const total = ordered.reduce((sum, word) => sum + doc.widthOfString(word.text), 0) + space * Math.max(0, ordered.length - 1);
      let cursor = isRtl ? x + columnWidth - total : x;
      for (const word of ordered) {
        show(word.text, cursor, top + index * lineHeight, word.isFallback, isCjk, { lineBreak: false });
        cursor += doc.widthOfString(word.text) + space;
      }
    });
    return lines.length * lineHeight;
  };

  y += paragraph(summary.title, left, y, width, 15, 'bold') + 2;
  y += paragraph(summary.versionLine, left, y, width, 8.5, 'regular') + 2;
  y += paragraph(summary.notice, left, y, width, 7.5, 'regular', '#444444') + 2;
  if (textsOf(summary, options).some(hasFallback)) y += paragraph(options.fallbackNotice, left, y, width, 7.5, 'bold', '#444444') + 2;
  y += 4;
  const labelWidth = width * 0.34;
  const valueWidth = width - labelWidth - 10;
  for (const section of summary.sections) {
    y += 4;
    y += paragraph(section.heading, left, y, width, 10.5, 'bold') + 1;
    y += paragraph(summary.versionLine, left, y, width, 6.5, 'regular', '#555555') + 2;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    y += 2;
    for (const row of section.rows) {
      const labelX = isRtl ? left + width - labelWidth : left;
      const valueX = isRtl ? left : left + labelWidth + 10;
      const labelHeight = paragraph(row.label, labelX, y, labelWidth, 8, 'bold');
      const valueHeight = paragraph(row.value, valueX, y, valueWidth, 8, 'regular');
      y += Math.max(labelHeight, valueHeight) + 1.5;
    }
  }
  y += 6;
  paragraph(options.footer, left, y, width, 6.5, 'regular', '#555555');
  const pages = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  return { buffer: Buffer.concat(chunks), pages };
}

/** Breaks words into lines that fit a width; a word wider than the line is cut. */
function wrap(words: readonly Word[], width: number, measure: (s: string) => number): Word[][] {
  const lines: Word[][] = [];
  let line: Word[] = [];
  for (const word of words) {
    const pieces: Word[] = [];
    let rest = word.text;
    while (measure(rest) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(rest.slice(0, cut)) > width) cut -= 1;
      pieces.push({ ...word, text: rest.slice(0, cut) });
      rest = rest.slice(cut);
    }
    pieces.push({ ...word, text: rest });
    for (const piece of pieces) {
      if (line.length > 0 && measure([...line, piece].map((w) => w.text).join(' ')) > width) {
        lines.push(line);
        line = [];
      }
      line.push(piece);
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.length > 0 ? lines : [[]];
}

/** Text for the document's information dictionary: no bidi controls, no fallback marks. */
function plain(text: string): string {
  return splitFallback(text.replace(BIDI_CONTROLS, ''))
    .map((segment) => segment.text)
    .join('');
}
