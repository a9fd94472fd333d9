import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digitsOf, matchKeyword, normaliseSmsText } from './sms-keywords.ts';

const keywords = [
  { id: 'imei', words: ['KYM', 'IMEI', 'ك ي م', 'ИМЕЙ'] },
  { id: 'stop', words: ['STOP', 'ARRET', 'توقف'] },
  { id: 'stop-all', words: ['STOP ALL'] },
  { id: 'help', words: ['HELP', 'AIDE', 'مساعدة', '帮助'] },
] as const;

test('a keyword is read in any case, with any separator, and digits in any script', () => {
  for (const text of [
    'KYM 490154203237518',
    'kym 490154203237518',
    '  Kym:490154203237518 ',
    'KYM-4901 5420 3237 518',
    'K.Y.M 490154203237518',
    'KYM490154203237518',
    'ＫＹＭ　４９０１５４２０３２３７５１８',
    'ك ي م ٤٩٠١٥٤٢٠٣٢٣٧٥١٨',
    'كيم ۴۹۰۱۵۴۲۰۳۲۳۷۵۱۸',
    'имей 490154203237518',
  ]) {
    const match = matchKeyword(text, keywords);
    assert.equal(match?.id, 'imei', text);
    assert.equal(digitsOf(match.rest), '490154203237518', text);
  }
});

test('the longest keyword wins, a keyword must stand alone, and an unknown text matches nothing', () => {
  assert.equal(matchKeyword('stop all', keywords)?.id, 'stop-all');
  assert.equal(matchKeyword('Stop', keywords)?.id, 'stop');
  assert.equal(matchKeyword('توقف', keywords)?.id, 'stop');
  assert.equal(matchKeyword('帮助', keywords)?.id, 'help');
  assert.equal(matchKeyword('STOPPED', keywords), undefined);
  assert.equal(matchKeyword('KYMX 1', keywords), undefined);
  assert.equal(matchKeyword('hello there', keywords), undefined);
  assert.equal(matchKeyword('', keywords), undefined);
  assert.equal(matchKeyword('AIDE moi', keywords)?.rest, 'MOI');
});

test('the normal form folds case, separators and digit scripts', () => {
  assert.equal(normaliseSmsText('  kym::  ٤٩٠ -- 1 '), 'KYM 490 1');
  assert.equal(digitsOf('+254 (712) 345-678'), '254712345678');
});
