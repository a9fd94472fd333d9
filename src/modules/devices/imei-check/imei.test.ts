import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseImei, formatImeiKey, isCleanImeiKey, isDirbsImeiField, isTestTac, luhnCheckDigit, normalizeImeiKey, reportingBodyName } from './imei.ts';

// 490154203237518 is the worked example of ITU-T E.118 / GSMA documents; 356938035643809 a common test value.
const KNOWN_VALID = ['490154203237518', '356938035643809', '352099001761481'];

test('computes the Luhn check digit of known IMEIs', () => {
  for (const imei of KNOWN_VALID) assert.equal(luhnCheckDigit(imei.slice(0, 14)), imei.charAt(14), imei);
});

test('refuses a non-digit in luhnCheckDigit rather than computing nonsense', () => {
  assert.throws(() => luhnCheckDigit('49015420A23751'), RangeError);
});

test('the check digit catches every single-digit typo and every adjacent swap of different digits', () => {
  const imei = '490154203237518';
  for (let i = 0; i < 14; i += 1) {
    for (let d = 0; d <= 9; d += 1) {
      if (String(d) === imei.charAt(i)) continue;
      const typo = `${imei.slice(0, i)}${d}${imei.slice(i + 1)}`;
      assert.equal(analyseImei(typo).verdicts.checkDigit.code, 'mismatch', typo);
    }
  }
  for (let i = 0; i < 13; i += 1) {
    const a = imei.charAt(i);
    const b = imei.charAt(i + 1);
    // Luhn misses only the 09 <-> 90 swap.
    if (a === b || `${a}${b}` === '09' || `${a}${b}` === '90') continue;
    const swapped = `${imei.slice(0, i)}${b}${a}${imei.slice(i + 2)}`;
    assert.equal(analyseImei(swapped).verdicts.checkDigit.code, 'mismatch', swapped);
  }
});

test('reads a 15-digit IMEI: key, TAC, serial, reporting body, check digit ok', () => {
  const a = analyseImei('490154203237518');
  assert.equal(a.form, 'imei15');
  assert.equal(a.key, '49015420323751');
  assert.equal(a.tac, '49015420');
  assert.equal(a.serial, '323751');
  assert.equal(a.reportingBody, '49');
  assert.equal(a.softwareVersion, null);
  assert.deepEqual(a.verdicts.checkDigit, { code: 'ok', severity: 'ok', digit: '8' });
  assert.equal(a.isUsable, true);
});

test('reads a 14-digit IMEI and gives the check digit it would carry', () => {
  const a = analyseImei('49015420323751');
  assert.equal(a.form, 'imei14');
  assert.equal(a.key, '49015420323751');
  assert.deepEqual(a.verdicts.checkDigit, { code: 'absent', severity: 'ok', expected: '8' });
  assert.equal(a.isUsable, true);
});

test('reads a 16-digit IMEISV: the key drops the software version', () => {
  const a = analyseImei('4901542032375123');
  assert.equal(a.form, 'imeisv16');
  assert.equal(a.key, '49015420323751');
  assert.equal(a.softwareVersion, '23');
  assert.equal(a.verdicts.checkDigit.code, 'absent');
});

test('accepts spaces, dashes, slashes, tabs and newlines as separators and keeps the raw input', () => {
  for (const raw of ['49 015420 323751 8', '49-015420-323751-8', '49/015420/323751/8', ' 490154203237518 ', '49015420\t323751\n8', '49-015420-323751 / 23']) {
    const a = analyseImei(raw);
    assert.equal(a.raw, raw);
    assert.equal(a.key, '49015420323751', raw);
    assert.equal(a.verdicts.syntax.code, 'ok', raw);
  }
});

test('keeps leading zeros in the key', () => {
  const a = analyseImei('01-345600-123456-5');
  assert.equal(a.key, '01345600123456');
  assert.equal(a.tac, '01345600');
  assert.equal(a.reportingBody, '01');
});

test('a wrong check digit is a warning naming the expected digit, and the key stays usable', () => {
  const a = analyseImei('490154203237519');
  assert.deepEqual(a.verdicts.checkDigit, { code: 'mismatch', severity: 'warning', given: '9', expected: '8' });
  assert.equal(a.key, '49015420323751');
  assert.equal(a.isUsable, true);
});

test('refuses empty input', () => {
  for (const raw of ['', '   ', ' - / ']) {
    const a = analyseImei(raw);
    assert.equal(a.verdicts.syntax.code, 'empty', JSON.stringify(raw));
    assert.equal(a.key, null);
    assert.equal(a.isUsable, false);
  }
});

test('refuses letters and other characters, naming each once', () => {
  const a = analyseImei('35209900A7614B8A');
  assert.deepEqual(a.verdicts.syntax, { code: 'badCharacters', severity: 'error', characters: 'AB' });
  assert.equal(a.key, null);
  assert.equal(a.isUsable, false);
  assert.equal(analyseImei('35209900.176148.1').verdicts.syntax.code, 'badCharacters');
  // Arabic-Indic digits are not read as digits: the person is told which characters to retype.
  assert.equal(analyseImei('٣٥٢٠٩٩٠٠١٧٦١٤٨١').verdicts.syntax.code, 'badCharacters');
});

test('refuses lengths other than 14, 15 and 16 digits, giving the length', () => {
  for (const [raw, length] of [
    ['1234567890123', 13],
    ['12345678901234567', 17],
    ['1', 1],
  ] as const) {
    const a = analyseImei(raw);
    assert.deepEqual(a.verdicts.syntax, { code: 'wrongLength', severity: 'error', length }, raw);
    assert.equal(a.digits, raw);
    assert.equal(a.key, null);
  }
});

test('an all-zero IMEI is an error', () => {
  const a = analyseImei('000000000000000');
  assert.deepEqual(a.verdicts.pattern, { code: 'allZero', severity: 'error' });
  assert.equal(a.isUsable, false);
  assert.equal(analyseImei('00000000000000').verdicts.pattern.code, 'allZero');
});

test('an IMEI of one repeated digit is an error', () => {
  for (const d of '123456789') {
    const a = analyseImei(d.repeat(15));
    assert.deepEqual(a.verdicts.pattern, { code: 'repeatedDigit', severity: 'error', digit: d });
    assert.equal(a.isUsable, false);
  }
});

test('a serial of one repeated digit is a warning only', () => {
  const a = analyseImei('35209900000000');
  assert.deepEqual(a.verdicts.pattern, { code: 'serialRepeated', severity: 'warning', digit: '0' });
  assert.equal(a.isUsable, true);
  assert.equal(analyseImei('35209900111111').verdicts.pattern.code, 'serialRepeated');
  assert.equal(analyseImei('35209900111112').verdicts.pattern.code, 'ok');
});

test('recognises the test TAC ranges DIRBS classifies', () => {
  for (const tac of ['00100100', '00101799', '00440000', '00860000', '00919999', '00101000']) assert.equal(isTestTac(tac), true, tac);
  for (const tac of ['00100000', '00101800', '00112434', '00450000', '01100100', '35209900', '0010']) assert.equal(isTestTac(tac), false, tac);
});

test('a test TAC makes the IMEI unusable as a consumer device', () => {
  const key = '00100131308879';
  const a = analyseImei(`${key}${luhnCheckDigit(key)}`);
  assert.deepEqual(a.verdicts.testTac, { code: 'testTac', severity: 'error' });
  assert.equal(a.isUsable, false);
  assert.equal(analyseImei('00101833370026').verdicts.testTac.code, 'ok');
});

test('verdicts are independent: a wrong check digit and a repeated serial are both reported', () => {
  const a = analyseImei('352099000000000');
  assert.equal(a.verdicts.pattern.code, 'serialRepeated');
  assert.deepEqual(a.verdicts.checkDigit, { code: 'mismatch', severity: 'warning', given: '0', expected: luhnCheckDigit('35209900000000') });
});

test('names known reporting bodies and none for unknown identifiers', () => {
  assert.equal(reportingBodyName('35'), 'BABT (United Kingdom)');
  assert.equal(reportingBodyName('86'), 'TAF (China)');
  assert.equal(reportingBodyName('77'), null);
});

test('formats a key in the groups printed on boxes', () => {
  assert.equal(formatImeiKey('49015420323751'), '49 015420 323751 8');
});

// DIRBS-Core (github.com/dirbs/DIRBS-Core, a80563c): the key is `normalize_imei`
// (src/dirbs/sql/base/v19_schema.sql:109-113): the first 14 characters when the IMEI starts with 14
// digits, else the whole value upper-cased; it is unclean when the key does not start with 14 digits
// (`is_unclean_imei`, src/dirbs/sql/migration_scripts/v52_upgrade.sql:37-49); and an operator file is
// refused when an IMEI is not 1 to 16 of 0-9, A-F, a-f, * and # (etc/schema/OperatorImportSchema_v2.csvs:53).
const DIRBS_KEYS: ReadonlyArray<[raw: string, key: string | null, isClean: boolean]> = [
  ['35209900176148', '35209900176148', true],
  ['352099001761481', '35209900176148', true],
  ['3520990017614812', '35209900176148', true],
  ['35209900176148AB', '35209900176148', true],
  ['35209900176148f', '35209900176148', true],
  // From DIRBS's own test data (tests/unittest_data/operator/testData1-operator-operator4-anonymized_20161101_20161130.csv).
  ['0137680387094331', '01376803870943', true],
  ['38245933af987001', '38245933AF987001', false],
  ['3520990017614', '3520990017614', false],
  ['*#06#', '*#06#', false],
  ['', null, true],
  ['   ', null, true],
];

test('derives the IMEI key and its cleanliness as DIRBS does (normalize_imei, is_unclean_imei)', () => {
  for (const [raw, key, isClean] of DIRBS_KEYS) {
    assert.equal(normalizeImeiKey(raw), key, raw);
    if (key !== null) assert.equal(isCleanImeiKey(key), isClean, raw);
  }
});

test('accepts in an operator file the IMEIs the DIRBS schema accepts, and no other', () => {
  for (const [raw, key] of DIRBS_KEYS) if (key !== null) assert.equal(isDirbsImeiField(raw.trim()), true, raw);
  for (const raw of ['35209900176148123', '35209900176148X', '3520990017-6148', '35209900 176148', '']) assert.equal(isDirbsImeiField(raw), false, raw);
});

test('formats a stored key that is not 14 digits as it is, without a check digit', () => {
  assert.equal(formatImeiKey('38245933AF987001'), '38245933AF987001');
  assert.equal(formatImeiKey('*#06#'), '*#06#');
});
