import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { CsvSyntaxError, MAX_RECORD_CHARS, readCsvRecords, splitQuoted, type CsvRecord } from './dump-csv.ts';

/** Every record of `text` fed to the reader in chunks of `size` bytes. */
async function recordsOf(text: string | Buffer, size = 1 << 16): Promise<CsvRecord[]> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const records: CsvRecord[] = [];
  for await (const batch of readCsvRecords(chunks)) records.push(...batch);
  return records;
}

async function errorOf(text: string): Promise<CsvSyntaxError> {
  try {
    await recordsOf(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  assert.fail('the text was read');
}

const SAMPLE = [
  '\uFEFFdate,imei,imsi,msisdn,rat',
  '20261101,35209900123456,639021000000001,254710000001,4G',
  '',
  '"20261102","35209900123457",639021000000002,"2547""1",',
  '20261103,"3520990012,3458","multi',
  'line",254710000003,5G',
  '20261104,,,,',
  'short,row',
].join('\r\n');

test('reads plain and quoted fields, skips empty lines and numbers records by the line they end on', async () => {
  const records = await recordsOf(`${SAMPLE}\r\n`);
  assert.deepEqual(records, [
    { fields: ['date', 'imei', 'imsi', 'msisdn', 'rat'], line: 1 },
    { fields: ['20261101', '35209900123456', '639021000000001', '254710000001', '4G'], line: 2 },
    { fields: ['20261102', '35209900123457', '639021000000002', '2547"1', ''], line: 4 },
    { fields: ['20261103', '3520990012,3458', 'multi\nline', '254710000003', '5G'], line: 6 },
    { fields: ['20261104', '', '', '', ''], line: 7 },
    { fields: ['short', 'row'], line: 8 },
  ]);
});

test('gives the same records as a full CSV parser, whatever the chunk boundaries', async () => {
  const expected = parse(SAMPLE, { bom: true, relax_column_count: true, skip_empty_lines: true }).map((fields) => fields.map((f) => f.replace(/\r\n/g, '\n')));
  for (const size of [1, 2, 3, 5, 7, 64]) {
    const records = await recordsOf(SAMPLE, size);
    assert.deepEqual(
      records.map((r) => r.fields),
      expected,
      `chunks of ${size} bytes`,
    );
  }
  // LF and CR line ends read the same as CRLF, with or without a final line end.
  for (const text of [SAMPLE.replaceAll('\r\n', '\n'), `${SAMPLE.replaceAll('\r\n', '\n')}\n`, SAMPLE.replaceAll('\r\n', '\r')]) {
    const records = await recordsOf(text, 3);
    assert.deepEqual(
      records.map((r) => r.fields),
      expected,
    );
    assert.deepEqual(
      records.map((r) => r.line),
      [1, 2, 4, 6, 7, 8],
    );
  }
});

test('keeps a character whose bytes are split between two chunks', async () => {
  const records = await recordsOf('date,imei\n20261101,é€\n', 11);
  assert.deepEqual(records[1]?.fields, ['20261101', 'é€']);
});

test('refuses a quote left open, text after a closing quote, a stray quote and a line without end', async () => {
  const open = await errorOf('date,imei\n20261101,"35209900123456\n20261102,1\n');
  assert.equal(open.line, 3);
  assert.match(open.message, /not closed before the end of the file/);
  const after = await errorOf('date,imei\n20261101,"3520"99\n');
  assert.equal(after.line, 2);
  assert.match(after.message, /field 2 has text after its closing quote/);
  const stray = await errorOf('date,imei\n2026"1101,1\n');
  assert.match(stray.message, /field 1 holds a quote but does not start with one/);
  const long = await errorOf(`date,imei\n${'1'.repeat(MAX_RECORD_CHARS + 10)}`);
  assert.equal(long.line, 2);
  assert.match(long.message, /longer than/);
});

test('splits a quoted record, or says that it goes on over the next line', () => {
  assert.deepEqual(splitQuoted('"a",b,"c""d",""', 1), ['a', 'b', 'c"d', '']);
  assert.deepEqual(splitQuoted('a,"b,c"', 1), ['a', 'b,c']);
  assert.equal(splitQuoted('a,"b', 1), null);
  assert.equal(splitQuoted('"a""', 1), null);
});
