import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { ContractSummary } from './offer-summary.ts';

/** How the PDF is written. */
export interface SummaryPdfOptions {
  direction: 'ltr' | 'rtl';
  /** The document's creation date; a fixed clock gives the same bytes every time. */
  createdAt: Date;
  /** The footer: who publishes the summary and where it is online. */
  footer: string;
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

/**
 * The words of one right-to-left line in the order they are drawn from left to right. pdfkit
 * shapes each word through fontkit (joining forms, and the glyphs of an Arabic word right to
 * left) but places words left to right, so the line is reordered here at the word level: runs of
 * left-to-right words (numbers, amounts, Latin names, addresses) keep their order, everything
 * else reads from the right. A simplification of the Unicode bidi algorithm that is exact for the
 * summary's sentences, which never nest embeddings.
 */
export function visualOrderRtl(words: readonly string[]): string[] {
  const classes = words.map((w) => (RTL_LETTER.test(w) ? 'R' : LTR_STRONG.test(w) ? 'L' : 'N'));
  const resolved = classes.map((c, i) => {
    if (c !== 'N') return c;
    const before = classes.slice(0, i).reverse().find((x) => x !== 'N');
    const after = classes.slice(i + 1).find((x) => x !== 'N');
    return before === 'L' && after === 'L' ? 'L' : 'R';
  });
  const runs: { isLtr: boolean; words: string[] }[] = [];
  words.forEach((word, i) => {
    const isLtr = resolved[i] === 'L';
    const last = runs.at(-1);
    if (last && last.isLtr === isLtr) last.words.push(word);
    else runs.push({ isLtr, words: [word] });
  });
  // A number followed by Arabic punctuation ("2،") has no Arabic letter, so fontkit lays it out left
  // to right; the punctuation is put first so that it still ends up on the left of the number.
  const mirrored = (word: string) => (ARABIC_LETTER.test(word) ? word : word.replace(/^(.*?)([\u060c\u061b\u061f]+)$/u, '$2$1'));
  return runs.reverse().flatMap((run) => (run.isLtr ? run.words : [...run.words].reverse().map(mirrored)));
}

/** Renders the contract summary as a one-page A4 PDF with the DejaVu Sans fonts embedded. */
export async function renderSummaryPdf(summary: ContractSummary, options: SummaryPdfOptions): Promise<Buffer> {
  // Long offers are drawn again a little smaller until they fit one page.
  for (const scale of [1, 0.92, 0.84, 0.76, 0.68]) {
    const { buffer, pages } = await draw(summary, options, scale);
    if (pages === 1 || scale === 0.68) return buffer;
  }
  throw new Error('unreachable');
}

async function draw(summary: ContractSummary, options: SummaryPdfOptions, scale: number): Promise<{ buffer: Buffer; pages: number }> {
  const { regular, bold } = loadFonts();
  const margin = 36;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    compress: true,
    bufferPages: true,
    lang: options.language,
    displayTitle: true,
    info: { Title: summary.title.replace(BIDI_CONTROLS, ''), Subject: summary.versionLine.replace(BIDI_CONTROLS, ''), Creator: 'Kinga', Producer: 'Kinga', CreationDate: options.createdAt, ModDate: options.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const isRtl = options.direction === 'rtl';
  const left = margin;
  const width = doc.page.width - 2 * margin;
  let y = margin;

  /** Draws a paragraph in a column and returns its height. */
  const paragraph = (raw: string, x: number, top: number, columnWidth: number, size: number, font: 'regular' | 'bold', color = '#000000'): number => {
    const text = raw.replace(BIDI_CONTROLS, '');
    doc.font(font).fontSize(size * scale).fillColor(color);
    const lineHeight = doc.currentLineHeight(true) + 1;
    if (!isRtl) {
      // The page's own wrapping, without letting pdfkit add a page: the height is checked after.
      doc.text(text, x, top, { width: columnWidth, lineGap: 1 });
      return doc.y - top;
    }
    const lines = wrap(text, columnWidth, (s) => doc.widthOfString(s));
    const space = doc.widthOfString(' ');
    lines.forEach((line, index) => {
      // Word by word: pdfkit would lay a whole line out word by word anyway, and an Arabic word's
      // trailing space would move to its left side when its glyphs are put in visual order.
      const words = visualOrderRtl(line);
      const total = words.reduce((sum, word) => sum + doc.widthOfString(word), 0) + space * Math.max(0, words.length - 1);
      let cursor = x + columnWidth - total;
      for (const word of words) {
        doc.text(word, cursor, top + index * lineHeight, { lineBreak: false });
        cursor += doc.widthOfString(word) + space;
      }
    });
    return lines.length * lineHeight;
  };

  y += paragraph(summary.title, left, y, width, 15, 'bold') + 2;
  y += paragraph(summary.versionLine, left, y, width, 8.5, 'regular') + 2;
  y += paragraph(summary.notice, left, y, width, 7.5, 'regular', '#444444') + 6;
  const labelWidth = width * 0.34;
  const valueWidth = width - labelWidth - 10;
  for (const section of summary.sections) {
    y += 4;
    y += paragraph(section.heading, left, y, width, 10.5, 'bold') + 1;
    y += paragraph(summary.versionLine, left, y, width, 6.5, 'regular', '#555555') + 2;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor('#999999').stroke();
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

/** Breaks text into lines of words that fit a width; a word wider than the line is cut. */
function wrap(text: string, width: number, measure: (s: string) => number): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const pieces: string[] = [];
    let rest = word;
    while (measure(rest) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(rest.slice(0, cut)) > width) cut -= 1;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    pieces.push(rest);
    for (const piece of pieces) {
      if (line.length > 0 && measure([...line, piece].join(' ')) > width) {
        lines.push(line);
        line = [];
      }
      line.push(piece);
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.length > 0 ? lines : [[]];
}
