import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import type { FileProblem } from './file-messages.ts';
import {
  cellReader,
  checkHeader,
  closestColumn,
  parseTabularCsv,
  parseTabularFile,
  parseTabularJson,
  readCurrency,
  readEffectivePeriod,
  readOperatorId,
  jsonCell,
  type TabularFormat,
} from './tabular-file.ts';

type Column = 'item_id' | 'price' | 'pieces' | 'on_sale' | 'operator_id' | 'currency' | 'effective_from' | 'effective_to';

const ITEMS: TabularFormat<Column> = {
  columns: ['item_id', 'price', 'pieces', 'on_sale', 'operator_id', 'currency', 'effective_from', 'effective_to'],
  requiredColumns: ['item_id', 'price'],
  requiredKeys: ['item_id'],
  specification: 'docs/formats/items.md',
  listName: 'offers',
  entryName: 'offer',
  wholeNumber: { maxDigits: 3, example: '12' },
};

const lines = (problems: readonly FieldProblem[]) => problems.map((p) => `${p.line ?? '-'} ${p.field}: ${p.message}`);

test('reads CSV rows with the line each starts on, across quoted line breaks', () => {
  const parsed = parseTabularCsv('\uFEFFitem_id,price\r\nA,"1\n2"\r\nB,3\r\n', ITEMS);
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(
    parsed.rows.map((r) => [r.line, r.cells['item_id'], r.fieldOf('price')]),
    [
      [2, 'A', 'price'],
      [4, 'B', 'price'],
    ],
  );
});

test('reports header problems, an empty file, a file without rows and rows of the wrong width', () => {
  assert.deepEqual(lines(checkHeader(['item_id', 'prise', 'colour', 'item_id', ''], ITEMS)), [
    '1 prise: Unknown column "prise"; did you mean "price"?',
    '1 colour: Unknown column "colour"; docs/formats/items.md lists the columns.',
    '1 item_id: The column item_id appears more than once in the header.',
    '1 (empty): A header cell is empty; every column needs a name.',
    '1 price: The header has no price column, which every file needs.',
  ]);
  assert.deepEqual(lines(parseTabularCsv('', ITEMS).problems), ['1 file: The file is empty: it needs a header row and at least one offer.']);
  assert.deepEqual(lines(parseTabularCsv('item_id,price\r\n', ITEMS).problems), ['2 file: The file has a header row but no offers.']);
  assert.deepEqual(lines(parseTabularCsv('item_id,price\r\nA,1,2\r\n', ITEMS).problems), ['2 file: This row has 3 cells but the header has 2.']);
  assert.match(parseTabularCsv('item_id,price\r\n"A,1\r\n', ITEMS).problems[0]?.message ?? '', /^The file is not valid CSV \(RFC 4180\)/);
  assert.equal(closestColumn('Item ID', ITEMS.columns), 'item_id');
  assert.equal(closestColumn('colour', ITEMS.columns), undefined);
});

test('reads the JSON form by JSON pointer, every value as the same cell in every format', () => {
  const text = JSON.stringify({ offers: [{ item_id: 'A', price: 2.5, on_sale: true, colour: 'red' }, { price: null, pieces: [] }, 'B'] });
  const parsed = parseTabularJson(text, ITEMS);
  assert.deepEqual(lines(parsed.problems), [
    '1 /offers/0/colour: Unknown column "colour"; docs/formats/items.md lists the columns.',
    '2 /offers/1/pieces: A value must be a string, a number, true, false or null.',
    '2 /offers/1/item_id: This column must have a value.',
    '3 /offers/2: Each offer must be an object of column names and values.',
  ]);
  assert.deepEqual(parsed.rows[0]?.cells, { item_id: 'A', price: '2.5', on_sale: 'Yes' });
  assert.deepEqual(parsed.rows[1]?.cells, { price: '' });
  const spellings = parseTabularJson('[{"item_id": "A", "on_sale": false, "price": 1e-7, "pieces": 12.50}]', ITEMS);
  assert.deepEqual(spellings.problems, []);
  assert.deepEqual(spellings.rows[0]?.cells, { item_id: 'A', on_sale: 'No', price: '0.0000001', pieces: '12.5' });
  assert.deepEqual(
    [jsonCell(true), jsonCell(null), jsonCell(2.5), jsonCell('2,5'), jsonCell([1]), jsonCell({})],
    ['Yes', '', '2.5', '2,5', undefined, undefined],
  );
  assert.deepEqual(lines(parseTabularFile('{"things": []}', 'json', ITEMS).problems), ['- /offers: The file must be an object with an "offers" array.']);
  assert.deepEqual(lines(parseTabularFile('{"offers": []}', 'json', ITEMS).problems), ['- /offers: The "offers" array is empty.']);
  assert.deepEqual(lines(parseTabularFile('{"rates": 1}', 'json', { ...ITEMS, listName: 'rates', entryName: 'rate' }).problems), [
    '- /rates: The file must be an object with a "rates" array.',
  ]);
  assert.match(parseTabularFile('{', 'json', ITEMS).problems[0]?.message ?? '', /^The file is not valid JSON/);
});

function readRow(cells: Record<string, string>) {
  const problems: FileProblem[] = [];
  const reader = cellReader({ line: 7, fieldOf: (column) => `/offers/6/${column}`, cells }, ITEMS, problems);
  return { reader, problems };
}

test('reads numbers, explaining the usual mistakes with the same words in every format', () => {
  const { reader, problems } = readRow({ price: ' 007.50 ', pieces: '12' });
  assert.equal(reader.decimal('price', 'price'), '7.5');
  assert.equal(reader.whole('pieces', 'messages'), 12);
  assert.equal(reader.decimal('currency', 'price'), null, 'an empty cell is no value');
  assert.deepEqual(problems, []);
  const values = ['1 - 2', '5 EUR', 'N/A', '1,5', '123456789012345678901', 'free', 'KES 15', '1,500', '-5'];
  const found = values.map((value) => {
    const { reader: one, problems: seen } = readRow({ price: value });
    assert.equal(one.decimal('price', 'price'), null, value);
    return lines(seen)[0];
  });
  assert.deepEqual(found, [
    '7 /offers/6/price: "1 - 2" is a range; give one typical value as a plain number.',
    '7 /offers/6/price: "5 EUR" is not a price: write the number alone, without a unit or currency (the unit is given by the column).',
    '7 /offers/6/price: "N/A" is not allowed here; leave the cell empty when there is no value.',
    '7 /offers/6/price: "1,5" uses a comma for decimals; write 1.5.',
    '7 /offers/6/price: "123456789012345678901" is too long for a price.',
    '7 /offers/6/price: "free" is not a price; write a plain number with a dot for decimals, such as 12.50.',
    '7 /offers/6/price: "KES 15" is not a price: write the number alone, without a unit or currency (the unit is given by the column).',
    '7 /offers/6/price: "1,500" uses a thousands separator; write 1500.',
    '7 /offers/6/price: "-5" is negative; amounts, allowances and counts are zero or more.',
  ]);
  const { reader: counts, problems: countProblems } = readRow({ pieces: '1000', on_sale: 'maybe' });
  assert.equal(counts.whole('pieces', 'messages'), null, 'more digits than the format allows');
  assert.equal(counts.yesNo('on_sale'), null);
  assert.deepEqual(lines(countProblems), [
    '7 /offers/6/pieces: "1000" is not a number of messages; write a whole number such as 12, with no unit.',
    '7 /offers/6/on_sale: "maybe" is not Yes or No.',
  ]);
});

test('reads yes/no cells and dates, refusing impossible days', () => {
  const { reader, problems } = readRow({ on_sale: 'y', effective_from: '2026-02-30' });
  assert.equal(reader.yesNo('on_sale'), true);
  assert.equal(reader.date('effective_from'), null);
  assert.deepEqual(lines(problems), ['7 /offers/6/effective_from: "2026-02-30" is not a date written YYYY-MM-DD.']);
});

test('reads the operator, the currency and the period every versioned file has', () => {
  const { reader, problems } = readRow({ operator_id: '', currency: '', effective_to: '2026-11-30' });
  assert.equal(readOperatorId(reader, 'OP-1'), 'OP-1', "an empty operator_id is the import's operator");
  assert.equal(readCurrency(reader, 'KES', 'offer'), 'KES');
  assert.deepEqual(readEffectivePeriod(reader, '2026-12-01'), { effectiveFrom: '2026-12-01', effectiveTo: '2026-11-30' });
  assert.deepEqual(lines(problems), ['7 /offers/6/effective_to: effective_to (2026-11-30) must come after effective_from (2026-12-01).']);
  const other = readRow({ operator_id: 'OP-2', currency: 'usd' });
  readOperatorId(other.reader, 'OP-1');
  readCurrency(other.reader, 'KES', 'rate');
  assert.deepEqual(lines(other.problems), [
    '7 /offers/6/operator_id: This row belongs to OP-2, but this import is for OP-1 only.',
    '7 /offers/6/currency: "usd" is not an ISO 4217 currency code such as KES.',
  ]);
  const foreign = readRow({ operator_id: 'OP 2', currency: 'USD' });
  readOperatorId(foreign.reader, undefined);
  readCurrency(foreign.reader, 'KES', 'rate');
  assert.deepEqual(lines(foreign.problems), [
    '7 /offers/6/operator_id: "OP 2" is not a licence id (letters, digits, dot, dash or underscore).',
    '7 /offers/6/currency: Rates must be in KES, the currency of this jurisdiction, not USD.',
  ]);
});
