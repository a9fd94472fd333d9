import { inflateSync } from 'node:zlib';

/** What a test reads from a PDF: its page count and each text-showing operation, in drawing order. */
export interface PdfText {
  pages: number;
  /** One entry per `TJ`/`Tj`: the characters of its glyphs, in the order they are drawn (left to right). */
  runs: string[];
  /** Every run, joined with line breaks. */
  text: string;
  /** The document information dictionary, raw. */
  info: string;
  /** The runs again, each with its glyph ids, its embedded font program and the language its marked content names. */
  glyphRuns: GlyphRun[];
}

/** One text-showing operation with what it draws. */
export interface GlyphRun {
  text: string;
  /** The ids of its glyphs in the embedded font; 0 is `.notdef`, the box a font draws for a character it lacks. */
  glyphIds: number[];
  /** The embedded TrueType program of its font (`/FontFile2`), inflated. */
  fontFile: Buffer | undefined;
  /** The `/Lang` of the innermost marked-content span around it, such as `en`. */
  language: string | undefined;
}

interface PdfObject {
  dict: string;
  stream: Buffer | undefined;
}

/**
 * Reads the text layer of a PDF written by pdfkit (embedded Type0 fonts with ToUnicode maps,
 * Flate-compressed streams); enough for tests, not a general PDF reader.
 */
export function readPdfText(pdf: Buffer): PdfText {
  const raw = pdf.toString('latin1');
  const objects = new Map<string, PdfObject>();
  for (const match of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2] ?? '';
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) {
      objects.set(match[1] ?? '', { dict: body, stream: undefined });
      continue;
    }
    const dict = body.slice(0, streamAt);
    let data = body.slice(streamAt + 'stream'.length).replace(/^\r?\n/, '');
    data = data.slice(0, data.lastIndexOf('endstream')).replace(/\r?\n$/, '');
    let bytes = Buffer.from(data, 'latin1');
    if (/\/FlateDecode/.test(dict)) bytes = inflateSync(bytes);
    objects.set(match[1] ?? '', { dict, stream: bytes });
  }
  const cmaps = new Map<string, Map<string, string>>();
  const cmapOf = (fontRef: string): Map<string, string> => {
    let map = cmaps.get(fontRef);
    if (map) return map;
    map = new Map();
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontRef)?.dict ?? '')?.[1];
    const text = toUnicode ? (objects.get(toUnicode)?.stream?.toString('latin1') ?? '') : '';
    const decode = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex').swap16().toString('utf16le');
    for (const range of text.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
      const start = parseInt(range[1] ?? '0', 16);
      [...(range[3] ?? '').matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach((m, i) => map?.set((start + i).toString(16).padStart(4, '0'), decode(m[1] ?? '')));
    }
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const pair of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
        map.set((pair[1] ?? '').toLowerCase().padStart(4, '0'), decode(pair[2] ?? ''));
    }
    cmaps.set(fontRef, map);
    return map;
  };
  const fontFileOf = (fontRef: string): Buffer | undefined => {
    const descendant = /\/DescendantFonts \[(\d+) 0 R\]/.exec(objects.get(fontRef)?.dict ?? '')?.[1];
    const descriptor = /\/FontDescriptor (\d+) 0 R/.exec(objects.get(descendant ?? '')?.dict ?? '')?.[1];
    const file = /\/FontFile2 (\d+) 0 R/.exec(objects.get(descriptor ?? '')?.dict ?? '')?.[1];
    return file ? objects.get(file)?.stream : undefined;
  };
  const runs: string[] = [];
  const glyphRuns: GlyphRun[] = [];
  let pages = 0;
  for (const object of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(object.dict)) continue;
    pages += 1;
    const fonts = new Map<string, string>();
    const resources = /\/Resources (\d+) 0 R/.exec(object.dict)?.[1];
    const resourceDict = resources ? (objects.get(resources)?.dict ?? '') : object.dict;
    for (const f of resourceDict.matchAll(/\/(F\d+) (\d+) 0 R/g)) fonts.set(f[1] ?? '', f[2] ?? '');
    const contents = /\/Contents (\d+) 0 R/.exec(object.dict)?.[1];
    const stream = contents ? (objects.get(contents)?.stream?.toString('latin1') ?? '') : '';
    let font = '';
    const languages: (string | undefined)[] = [];
    for (const op of stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:[^\]])*)\] TJ|<([0-9a-fA-F]*)> Tj|\/\w+\s*<<([\s\S]*?)>>\s*BDC|\/\w+\s+BMC|\bEMC\b/g)) {
      if (op[1]) {
        font = fonts.get(op[1]) ?? '';
        continue;
      }
      if (op[4] !== undefined || op[0].endsWith('BMC')) {
        languages.push(/\/Lang\s*\(([^)]*)\)/.exec(op[4] ?? '')?.[1] ?? languages.at(-1));
        continue;
      }
      if (op[0] === 'EMC') {
        languages.pop();
        continue;
      }
      const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? '') : [op[3] ?? ''];
      const map = cmapOf(font);
      const codes = hexes.flatMap((hex) => hex.match(/.{4}/g) ?? []);
      const text = codes.map((code) => map.get(code.toLowerCase()) ?? '\ufffd').join('');
      runs.push(text);
      glyphRuns.push({ text, glyphIds: codes.map((code) => parseInt(code, 16)), fontFile: fontFileOf(font), language: languages.at(-1) });
    }
  }
  const info = /\/Info (\d+) 0 R/.exec(raw)?.[1];
  return { pages, runs, text: runs.join('\n'), info: info ? (objects.get(info)?.dict ?? '') : '', glyphRuns };
}
