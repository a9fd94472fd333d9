import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { csvField, csvFields, csvRecord } from './csv-writer.ts';

test('quotes a field as RFC 4180 asks: commas, quotes and line breaks, quotes doubled', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(''), '');
  assert.equal(csvField(null), '');
  assert.equal(csvField(undefined), '');
  assert.equal(csvRecord(['a', 'b,c', '', 3]), 'a,"b,c",,3\r\n');
  assert.equal(csvFields(['a', 'b']), 'a,b');
});

test('a text cell a spreadsheet would run as a formula starts with an apostrophe (OWASP CSV injection)', () => {
  for (const [cell, written] of [
    ['=HYPERLINK("https://evil.example","Cheap")', `"'=HYPERLINK(""https://evil.example"",""Cheap"")"`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+A1', "'-2+A1"],
    ['-1+SUM(1)', "'-1+SUM(1)"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+2', "'\t=1+2"],
    ['\r=1+2', `"'\r=1+2"`],
    ['=', "'="],
    ['-', "'-"],
  ] as const) {
    assert.equal(csvField(cell), written, JSON.stringify(cell));
    const rows: string[][] = parse(`${csvField(cell)}\r\n`);
    assert.equal(rows[0]?.[0], `'${cell}`, 'a reader gets the text back behind one apostrophe');
  }
  assert.equal(csvField('Plan = value'), 'Plan = value', 'only the first character matters');
  assert.equal(csvField(' =1+2'), ' =1+2', 'a leading space is not a formula');
});

test('numbers stay numbers: a negative value or a phone number, typed or written as text, is not touched', () => {
  assert.equal(csvField(-1.29), '-1.29');
  assert.equal(csvField(0), '0');
  assert.equal(csvField(-36.817223), '-36.817223');
  assert.equal(csvField('-1.29'), '-1.29', 'a signed decimal number is no formula');
  assert.equal(csvField('+254712345678'), '+254712345678', 'an E.164 number keeps its plus');
  assert.equal(csvField('-5'), '-5');
  assert.equal(csvField('+254 700 000 100'), '+254 700 000 100', 'a phone number with spaces keeps its plus');
  assert.equal(csvField('+1 (555) 010-0199'), '+1 (555) 010-0199');
  assert.equal(csvField(Number.NaN), '', 'no NaN in a file');
  assert.equal(csvField(Number.POSITIVE_INFINITY), '');
  assert.equal(csvField('+1e5'), "'+1e5", 'a letter makes it text');
  assert.equal(csvField('+ -'), "'+ -", 'a number has a digit');
});
