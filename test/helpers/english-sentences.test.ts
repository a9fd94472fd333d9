import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englishSentencesIn } from './english-sentences.ts';

test('englishSentencesIn finds three Latin words in a row and leaves codes, fields, dates and lists said in another language', () => {
  assert.deepEqual(englishSentencesIn('字段 body/consumer/email 缺失。'), []);
  assert.deepEqual(englishSentencesIn('يجب أن يكون الملف بصيغة PDF أو PNG أو JPEG'), []);
  assert.deepEqual(englishSentencesIn('文件须为 PDF、PNG或JPEG，日期须为 YYYY-MM-DD，如 2026-12-01T10:00:00Z'), []);
  assert.deepEqual(englishSentencesIn('文件 The request is not valid 了'), ['The request is not valid']);
  assert.deepEqual(englishSentencesIn('Line 3: the date must be YYYYMMDD.'), ['Line 3: the date must be YYYYMMDD']);
  assert.deepEqual(englishSentencesIn('Выберите услугу: mobile, fixed_internet, pay_tv или other.'), [], 'codes listed the Russian way');
  assert.deepEqual(englishSentencesIn('请选择服务：mobile, fixed_internet, pay_tv or other。'), ['pay_tv or other'], 'a list joined with the English "or"');
});
