import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Chinese glyphs come from Noto Sans SC (SIL Open Font License 1.1), as the npm package
// @fontsource-variable/noto-sans-sc ships it: one variable-weight font cut into about a hundred
// WOFF2 files by Unicode range, 5 MB in all where a static TrueType file per weight weighs 10 MB.
// A PDF cannot embed WOFF2 or a variable font, and fontkit (pdfkit's font engine) can neither
// apply a weight to a WOFF2 font nor subset a variable one; so each document gets a small static
// TrueType font built here from the default outlines (the thin weight) of the characters it uses,
// and the PDF draws them with an outline stroke as thick as the weight asked for (see cjkStroke).

/** The parts of fontkit this file reads; fontkit ships no types. */
interface FontkitPath {
  commands: { command: string; args: number[] }[];
}
interface FontkitGlyph {
  path: FontkitPath;
  advanceWidth: number;
}
interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): FontkitGlyph;
}
interface Fontkit {
  create(buffer: Buffer): FontkitFont;
}

const require = createRequire(import.meta.url);
const PACKAGE_DIR = dirname(require.resolve('@fontsource-variable/noto-sans-sc/package.json'));
// pdfkit's own fontkit, so that the outlines are read by the engine that lays the text out.
const fontkit = require(require.resolve('fontkit', { paths: [dirname(require.resolve('pdfkit'))] })) as Fontkit;

/** Han ideographs, CJK punctuation and full-width forms: text with any of them is drawn in the CJK font. */
export const CJK_CHARACTERS =
  /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u31c0-\u31ef\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;

interface Chunk {
  file: string;
  ranges: [number, number][];
}

let chunks: Chunk[] | undefined;
/** The WOFF2 files of the package and the code points each covers, from its unicode.json. */
function chunkList(): Chunk[] {
  chunks ??= Object.entries(JSON.parse(readFileSync(join(PACKAGE_DIR, 'unicode.json'), 'utf8')) as Record<string, string>).map(([key, ranges]) => ({
    file: join(PACKAGE_DIR, 'files', `noto-sans-sc-${key.replace(/^\[(\d+)\]$/, '$1')}-wght-normal.woff2`),
    ranges: ranges.split(',').map((range) => {
      const [from = '0', to] = range.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from, 16), parseInt(to ?? from, 16)];
    }),
  }));
  return chunks;
}

// One parsed font per file, kept for the life of the process: parsing a WOFF2 file costs a few
// milliseconds, and a summary uses a few dozen of them.
const fonts = new Map<string, FontkitFont>();
function fontOf(file: string): FontkitFont {
  let font = fonts.get(file);
  if (!font) {
    font = fontkit.create(readFileSync(file));
    fonts.set(file, font);
  }
  return font;
}

/** The font that draws a code point, or undefined when Noto Sans SC has no glyph for it. */
function fontFor(codePoint: number): FontkitFont | undefined {
  for (const chunk of chunkList()) {
    if (!chunk.ranges.some(([from, to]) => codePoint >= from && codePoint <= to)) continue;
    const font = fontOf(chunk.file);
    if (font.hasGlyphForCodePoint(codePoint)) return font;
  }
  return undefined;
}

/** Whether the CJK font has a glyph for every character of a text, spaces and line breaks aside. */
export function hasCjkGlyphs(text: string): boolean {
  return [...new Set(text.replace(/\s/g, ''))].every((c) => fontFor(c.codePointAt(0) ?? 0) !== undefined);
}

/**
 * The width of the outline stroke that gives the thin outlines of the CJK font the weight of
 * regular or bold text, in points for a font size in points: 4.5 % and 8.5 % of the size thicken
 * a thin stem (about 3 % of the em) to that of Noto Sans SC Regular (about 7.5 %) and Bold (12 %).
 */
export function cjkStroke(size: number, isBold: boolean): number {
  return size * (isBold ? 0.085 : 0.045);
}

interface BuiltGlyph {
  codePoint: number;
  advance: number;
  data: Buffer;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  points: number;
  contours: number;
}

/**
 * A static TrueType font holding the glyphs of the characters of `text` that Noto Sans SC has,
 * for pdfkit to embed. The same text gives the same bytes.
 */
export function buildCjkFont(text: string): Buffer {
  const codePoints = [...new Set([...`${text} `].map((c) => c.codePointAt(0) ?? 0))].sort((a, b) => a - b);
  const glyphs: BuiltGlyph[] = [];
  let metrics: { unitsPerEm: number; ascent: number; descent: number; lineGap: number } | undefined;
  for (const codePoint of codePoints) {
    const font = fontFor(codePoint);
    if (!font) continue;
    metrics ??= { unitsPerEm: font.unitsPerEm, ascent: font.ascent, descent: font.descent, lineGap: font.lineGap };
    const glyph = font.glyphForCodePoint(codePoint);
    glyphs.push({ codePoint, advance: Math.round(glyph.advanceWidth), ...encodeGlyph(glyph.path) });
  }
  const unitsPerEm = metrics?.unitsPerEm ?? 1000;
  const notdef: BuiltGlyph = {
    codePoint: -1,
    advance: Math.round(unitsPerEm / 2),
    data: Buffer.alloc(0),
    xMin: 0,
    yMin: 0,
    xMax: 0,
    yMax: 0,
    points: 0,
    contours: 0,
  };
  return writeTrueType([notdef, ...glyphs], metrics ?? { unitsPerEm, ascent: 880, descent: -120, lineGap: 0 });
}

/** A simple TrueType glyph (quadratic contours) from a fontkit path, coordinates rounded to font units. */
function encodeGlyph(path: FontkitPath): Omit<BuiltGlyph, 'codePoint' | 'advance'> {
  const contours: { x: number; y: number; isOn: boolean }[][] = [];
  let current: { x: number; y: number; isOn: boolean }[] = [];
  const close = () => {
    const first = current[0];
    const last = current.at(-1);
    // The path repeats the start point to close a contour; TrueType closes it by itself.
    if (current.length > 1 && first && last && last.isOn && last.x === first.x && last.y === first.y) current.pop();
    if (current.length > 0) contours.push(current);
    current = [];
  };
  for (const { command, args } of path.commands) {
    const point = (i: number, isOn: boolean) => ({ x: Math.round(args[i] ?? 0), y: Math.round(args[i + 1] ?? 0), isOn });
    if (command === 'moveTo') {
      close();
      current.push(point(0, true));
    } else if (command === 'lineTo') current.push(point(0, true));
    else if (command === 'quadraticCurveTo') current.push(point(0, false), point(2, true));
    else if (command === 'bezierCurveTo')
      current.push(point(4, true)); // never in TrueType outlines
    else if (command === 'closePath') close();
  }
  close();
  const all = contours.flat();
  if (all.length === 0) return { data: Buffer.alloc(0), xMin: 0, yMin: 0, xMax: 0, yMax: 0, points: 0, contours: 0 };
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const box = { xMin: Math.min(...xs), yMin: Math.min(...ys), xMax: Math.max(...xs), yMax: Math.max(...ys) };
  // Every coordinate as a 16-bit delta (flag bits 1, 2, 4 and 5 clear): larger than packed, always valid.
  const size = 10 + 2 * contours.length + 2 + all.length * 5;
  const data = Buffer.alloc(size + ((4 - (size % 4)) % 4));
  let at = data.writeInt16BE(contours.length, 0);
  for (const value of [box.xMin, box.yMin, box.xMax, box.yMax]) at = data.writeInt16BE(value, at);
  let end = -1;
  for (const contour of contours) {
    end += contour.length;
    at = data.writeUInt16BE(end, at);
  }
  at = data.writeUInt16BE(0, at); // no hinting instructions
  for (const p of all) at = data.writeUInt8(p.isOn ? 1 : 0, at);
  let previous = 0;
  for (const p of all) {
    at = data.writeInt16BE(p.x - previous, at);
    previous = p.x;
  }
  previous = 0;
  for (const p of all) {
    at = data.writeInt16BE(p.y - previous, at);
    previous = p.y;
  }
  return { data, ...box, points: all.length, contours: contours.length };
}

/** Writes the tables of a minimal TrueType font (head, hhea, maxp, hmtx, cmap, loca, glyf, name, post). */
function writeTrueType(glyphs: BuiltGlyph[], font: { unitsPerEm: number; ascent: number; descent: number; lineGap: number }): Buffer {
  const count = glyphs.length;
  const box = {
    xMin: Math.min(0, ...glyphs.map((g) => g.xMin)),
    yMin: Math.min(0, ...glyphs.map((g) => g.yMin)),
    xMax: Math.max(0, ...glyphs.map((g) => g.xMax)),
    yMax: Math.max(0, ...glyphs.map((g) => g.yMax)),
  };
  const glyf = Buffer.concat(glyphs.map((g) => g.data));
  const loca = Buffer.alloc(4 * (count + 1));
  let offset = 0;
  glyphs.forEach((g, i) => {
    loca.writeUInt32BE(offset, 4 * i);
    offset += g.data.length;
  });
  loca.writeUInt32BE(offset, 4 * count);

  const head = Buffer.alloc(54);
  head.writeUInt32BE(0x00010000, 0); // version
  head.writeUInt32BE(0x00010000, 4); // font revision
  head.writeUInt32BE(0x5f0f3cf5, 12); // magic number
  head.writeUInt16BE(0x000b, 16); // baseline at y=0, left side bearing at x=0, integer scaling
  head.writeUInt16BE(font.unitsPerEm, 18);
  // Created and modified stay 0, so the same text always gives the same font and the same PDF.
  head.writeInt16BE(box.xMin, 36);
  head.writeInt16BE(box.yMin, 38);
  head.writeInt16BE(box.xMax, 40);
  head.writeInt16BE(box.yMax, 42);
  head.writeUInt16BE(8, 46); // smallest readable size in pixels
  head.writeInt16BE(2, 48); // font direction hint
  head.writeInt16BE(1, 50); // long loca offsets

  const advances = glyphs.map((g) => g.advance);
  const hhea = Buffer.alloc(36);
  hhea.writeUInt32BE(0x00010000, 0);
  hhea.writeInt16BE(Math.round(font.ascent), 4);
  hhea.writeInt16BE(Math.round(font.descent), 6);
  hhea.writeInt16BE(Math.round(font.lineGap), 8);
  hhea.writeUInt16BE(Math.max(...advances), 10);
  hhea.writeInt16BE(Math.min(0, ...glyphs.map((g) => g.xMin)), 12);
  hhea.writeInt16BE(Math.min(0, ...glyphs.map((g) => g.advance - g.xMax)), 14);
  hhea.writeInt16BE(box.xMax, 16);
  hhea.writeInt16BE(1, 18); // caret slope rise: upright
  hhea.writeUInt16BE(count, 34);

  const maxp = Buffer.alloc(32);
  maxp.writeUInt32BE(0x00010000, 0);
  maxp.writeUInt16BE(count, 4);
  maxp.writeUInt16BE(Math.max(0, ...glyphs.map((g) => g.points)), 6);
  maxp.writeUInt16BE(Math.max(0, ...glyphs.map((g) => g.contours)), 8);
  maxp.writeUInt16BE(2, 14); // zones

  const hmtx = Buffer.alloc(4 * count);
  glyphs.forEach((g, i) => {
    hmtx.writeUInt16BE(g.advance, 4 * i);
    hmtx.writeInt16BE(g.xMin, 4 * i + 2);
  });

  // cmap: one format 12 subtable (Windows, full Unicode), one group per code point.
  const mapped = glyphs.map((g, id) => ({ codePoint: g.codePoint, id })).filter((m) => m.codePoint >= 0);
  const cmap = Buffer.alloc(12 + 16 + 12 * mapped.length);
  cmap.writeUInt16BE(0, 0);
  cmap.writeUInt16BE(1, 2);
  cmap.writeUInt16BE(3, 4); // Windows
  cmap.writeUInt16BE(10, 6); // Unicode full repertoire
  cmap.writeUInt32BE(12, 8);
  cmap.writeUInt16BE(12, 12); // format
  cmap.writeUInt32BE(16 + 12 * mapped.length, 16);
  cmap.writeUInt32BE(mapped.length, 24);
  mapped.forEach((m, i) => {
    cmap.writeUInt32BE(m.codePoint, 28 + 12 * i);
    cmap.writeUInt32BE(m.codePoint, 32 + 12 * i);
    cmap.writeUInt32BE(m.id, 36 + 12 * i);
  });

  // A name of its own: the Open Font License keeps a modified font from using the original's.
  const names: [number, string][] = [
    [1, 'Kinga Sans SC'],
    [2, 'Regular'],
    [4, 'Kinga Sans SC'],
    [6, 'KingaSansSC'],
  ];
  const strings = names.map(([, value]) => Buffer.from(value, 'utf16le').swap16());
  const name = Buffer.alloc(6 + 12 * names.length + strings.reduce((sum, s) => sum + s.length, 0));
  name.writeUInt16BE(0, 0);
  name.writeUInt16BE(names.length, 2);
  name.writeUInt16BE(6 + 12 * names.length, 4);
  let stringAt = 0;
  names.forEach(([id], i) => {
    const record = 6 + 12 * i;
    const value = strings[i] ?? Buffer.alloc(0);
    name.writeUInt16BE(3, record); // Windows
    name.writeUInt16BE(1, record + 2); // Unicode BMP
    name.writeUInt16BE(0x0409, record + 4); // English (United States)
    name.writeUInt16BE(id, record + 6);
    name.writeUInt16BE(value.length, record + 8);
    name.writeUInt16BE(stringAt, record + 10);
    value.copy(name, 6 + 12 * names.length + stringAt);
    stringAt += value.length;
  });

  const post = Buffer.alloc(32);
  post.writeUInt32BE(0x00030000, 0); // version 3: no glyph names

  return writeFontFile({ cmap, glyf, head, hhea, hmtx, loca, maxp, name, post });
}

/** Lays tables out as an sfnt file: the table directory, then each table padded to four bytes. */
function writeFontFile(tables: Record<string, Buffer>): Buffer {
  const tags = Object.keys(tables).sort();
  const entrySelector = Math.floor(Math.log2(tags.length));
  const header = Buffer.alloc(12 + 16 * tags.length);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(tags.length, 4);
  header.writeUInt16BE(16 * 2 ** entrySelector, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(16 * tags.length - 16 * 2 ** entrySelector, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const table = tables[tag] ?? Buffer.alloc(0);
    const padded = Buffer.concat([table, Buffer.alloc((4 - (table.length % 4)) % 4)]);
    let sum = 0;
    for (let at = 0; at < padded.length; at += 4) sum = (sum + padded.readUInt32BE(at)) >>> 0;
    header.write(tag, 12 + 16 * i, 'latin1');
    header.writeUInt32BE(sum, 16 + 16 * i);
    header.writeUInt32BE(offset, 20 + 16 * i);
    header.writeUInt32BE(table.length, 24 + 16 * i);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}
