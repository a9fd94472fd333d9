import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogs } from './catalog.ts';
import { splitFallback } from './fallback.ts';
import { englishMessagesOf } from './english-messages.ts';
import { listValue, sayValue, sizeValue, termValue } from './said-values.ts';

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

test("a term a message names is said by its own key, in the message's language, and marked where that language lacks it", () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinga-terms-'));
  try {
    mkdirSync(join(dir, 'cases'));
    writeFileSync(join(dir, 'en.json'), '{}');
    writeFileSync(
      join(dir, 'cases', 'en.json'),
      JSON.stringify({ 'case.stage.closed': 'Closed', 'case.stage.open': 'Open', 'case.move': 'A case at the stage “{stage}” cannot move to “{to}”.' }),
    );
    writeFileSync(
      join(dir, 'cases', 'fr.json'),
      JSON.stringify({ 'case.stage.closed': 'Clos', 'case.move': 'Un dossier à l’étape « {stage} » ne peut pas passer à « {to} ».' }),
    );
    const values = { stage: termValue('case.stage.closed'), to: termValue('case.stage.open') };
    const french = loadCatalogs(dir, []).translator('fr')('case.move', values);
    assert.deepEqual(splitFallback(french), [
      { text: 'Un dossier à l’étape « Clos » ne peut pas passer à « ', isFallback: false },
      { text: 'Open', isFallback: true },
      { text: ' ».', isFallback: false },
    ]);
    assert.equal(englishMessagesOf('cases', dir)('case.move', values), 'A case at the stage “Closed” cannot move to “Open”.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
