import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalogs } from './catalog.ts';
import { englishMessagesOf } from './english-messages.ts';
import { listValue, sayValue, sizeValue } from './said-values.ts';

test('a list is joined as each language joins lists, a choice with its own word for "or"', () => {
  const types = listValue(['PDF', 'PNG', 'JPEG'], 'or');
  assert.equal(sayValue(types, 'en'), 'PDF, PNG, or JPEG');
  assert.equal(sayValue(types, 'fr'), 'PDF, PNG ou JPEG');
  assert.equal(sayValue(types, 'ar'), 'PDF أو PNG أو JPEG');
  assert.equal(sayValue(types, 'zh'), 'PDF、PNG或JPEG');
  assert.equal(sayValue(listValue(['a', 'b']), 'ru'), 'a и b');
});

test('a size is said in megabytes from 1 MiB and in kilobytes below, with the unit named in the language', () => {
  assert.equal(sayValue(sizeValue(5 * 1024 * 1024), 'en'), '5 megabytes');
  assert.match(sayValue(sizeValue(5 * 1024 * 1024), 'fr'), /^5\smégaoctets$/u, 'French puts a narrow no-break space before the unit');
  assert.equal(sayValue(sizeValue(1536 * 1024), 'ru'), '1,5 мегабайта');
  assert.equal(sayValue(sizeValue(512 * 1024), 'zh'), '512千字节');
  assert.equal(sayValue(sizeValue(512 * 1024), 'ar'), '512 كيلوبايت');
});

test('the translators say lists and sizes in the language of the message, and English where a language falls back', () => {
  const catalogs = loadCatalogs();
  const values = { field: 'kind', values: listValue(['mobile', 'fixed'], 'or') };
  assert.equal(catalogs.translator('zh')('error.request.oneOf', values), '字段 kind 必须是以下值之一：mobile或fixed。');
  assert.equal(catalogs.translator('en')('error.request.oneOf', values), 'kind must be one of mobile or fixed.');
  assert.equal(englishMessagesOf('')('error.request.oneOf', values), 'kind must be one of mobile or fixed.');
});
