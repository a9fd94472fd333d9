import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { buildCjkFont, hasCjkGlyphs } from './cjk-font.ts';

interface Font {
  postscriptName: string;
  numGlyphs: number;
  glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number; path: { commands: unknown[] } };
}
const require = createRequire(import.meta.url);
const fontkit = require(require.resolve('fontkit', { paths: [dirname(require.resolve('pdfkit'))] })) as { create(buffer: Buffer): Font };

test('builds a TrueType font with an outline for each Chinese character of a text, and the same bytes each time', () => {
  const text = '合同摘要：价格 KES 1,000';
  const built = buildCjkFont(text);
  const font = fontkit.create(built);
  assert.equal(font.postscriptName, 'KingaSansSC');
  for (const character of new Set(text.replace(/\s/g, ''))) {
    const glyph = font.glyphForCodePoint(character.codePointAt(0) ?? 0);
    assert.notEqual(glyph.id, 0, `${character} has a glyph`);
    assert.ok(glyph.path.commands.length > 0, `${character} has an outline`);
    assert.ok(glyph.advanceWidth > 0, `${character} has a width`);
  }
  assert.equal(font.numGlyphs, new Set(`${text} `).size + 1, 'only the characters used, and .notdef');
  assert.ok(built.equals(buildCjkFont(text)), 'deterministic');
  assert.ok(built.length < 20_000, `small: ${built.length} bytes`);
});

test('knows which text it can draw', () => {
  assert.equal(hasCjkGlyphs('消费者投诉'), true);
  assert.equal(hasCjkGlyphs('ملخص'), false);
});
