import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIRBS_RAT_CODES, parseRat, ratGenerations } from './rat.ts';

// DIRBS-Core (github.com/dirbs/DIRBS-Core, a80563c): an operator file's RAT is three-digit codes joined
// by `|`, each 001-007 or 101-105, or the file is refused (etc/schema/OperatorImportSchema_v2.csvs:62);
// the codes are those of `radio_access_technology_map` (src/dirbs/sql/migration_scripts/v30_upgrade.sql:53-75),
// and the inconsistent-RAT dimension reads ranks 4-5 as 2G, 6-9 as 3G and 10-12 as 4G
// (src/dirbs/dimensions/inconsistent_rat.py:95-97: masks 48, 960 and 7168); 003, 004 and 007 are not cellular.
const DIRBS_VECTORS: ReadonlyArray<[rat: string, generations: string[]]> = [
  ['007', []],
  ['002', ['2G']],
  ['104', ['2G']],
  ['001|005', ['3G']],
  ['103', ['3G']],
  ['102', ['3G']],
  ['101', ['4G']],
  ['105', ['4G']],
  ['006', ['4G']],
  ['104|001|006', ['2G', '3G', '4G']],
  ['102|003|006|101|104', ['2G', '3G', '4G']],
  ['003|004|007', []],
];

test('reads DIRBS RAT codes into the generations its inconsistent-RAT dimension compares', () => {
  for (const [rat, generations] of DIRBS_VECTORS) {
    const reading = parseRat(rat);
    assert.ok('mask' in reading && reading.mask !== null, rat);
    assert.deepEqual(ratGenerations(reading.mask), generations, rat);
  }
});

test('refuses what the DIRBS schema refuses: unknown codes, short codes, empty items, spaces', () => {
  for (const rat of ['000', '008', '106', '01', '0011', '001|', '|001', '001||002', '001 | 002', '001 002'])
    assert.deepEqual(parseRat(rat), { problem: 'code' }, rat);
});

test('reads the words operators use, a 5G Kinga adds, and gives no generation to a word it does not know', () => {
  const words: ReadonlyArray<[string, string[]]> = [
    ['2G', ['2G']],
    ['gsm', ['2G']],
    ['GERAN', ['2G']],
    ['3G', ['3G']],
    ['UMTS', ['3G']],
    ['wcdma', ['3G']],
    ['UTRAN', ['3G']],
    ['4G', ['4G']],
    ['LTE', ['4G']],
    ['E-UTRAN', ['4G']],
    ['5G', ['5G']],
    ['NR', ['5G']],
    ['4G|5G', ['4G', '5G']],
    ['WiFi', []],
  ];
  for (const [rat, generations] of words) {
    const reading = parseRat(rat);
    assert.ok('mask' in reading && reading.mask !== null, rat);
    assert.deepEqual(ratGenerations(reading.mask), generations, rat);
  }
});

test('an empty RAT is no RAT at all, which the null RAT check counts', () => {
  assert.deepEqual(parseRat(''), { mask: null });
  assert.deepEqual(parseRat('  '), { mask: null });
});

test('lists the twelve DIRBS codes', () => {
  assert.deepEqual(Object.keys(DIRBS_RAT_CODES).sort(), ['001', '002', '003', '004', '005', '006', '007', '101', '102', '103', '104', '105']);
});
