import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { englishMessagesOf } from '../../../platform/i18n/index.ts';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';
import { offersModule } from '../index.ts';
import { createOffersApiApp } from '../testing/api-app.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const html = { accept: 'text/html' };

/** Text of rendered HTML: tags removed, the entities JSX writes decoded, bidi isolates dropped. */
function textOf(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[\u2068\u2069]/g, '')
    .trim();
}

/** The error summary of a page: each problem's field and words, in the order listed. */
function summaryOf(page: string): { field: string; text: string }[] {
  const summary = /<div class="error-summary"[^>]*>(.*?)<\/div>/s.exec(page)?.[1] ?? '';
  return [...summary.matchAll(/<a href="#field-([^"]+)">(.*?)<\/a>/gs)].map((m) => ({ field: m[1] ?? '', text: textOf(m[2] ?? '') }));
}

/** The English words of an API problem, by field. */
function apiWords(body: string): { field: string; text: string }[] {
  return (JSON.parse(body) as { errors: { field: string; message: string }[] }).errors.map((e) => ({ field: e.field, text: e.message }));
}

for (const database of databases.all) {
  test(`the comparison says every problem in the reader's language in the order of the form, and the API the same English words [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const query = 'type=tv&preset=nope&data_gb=lots&voice_min=-1&sms=x&min_speed=fast&months=99&eligible=nobody';
    const english = summaryOf((await app.inject({ url: `/offers/compare?${query}&lang=en`, headers: html })).body);
    assert.deepEqual(
      english.map((p) => p.field),
      ['type', 'preset', 'data_gb', 'voice_min', 'sms', 'min_speed', 'months', 'eligible'],
    );
    const api = await app.inject(`/api/v1/offers/compare?${query}&limit=9999`);
    assert.equal(api.statusCode, 422);
    assert.deepEqual(
      apiWords(api.body).filter((p) => p.field !== 'limit'),
      english,
      'the API says what the English page says',
    );
    assert.match(apiWords(api.body).find((p) => p.field === 'limit')?.text ?? '', /1 to 500/);
    for (const language of SUPPORTED_LANGUAGES.filter((l) => l !== 'en')) {
      const page = await app.inject({ url: `/offers/compare?${query}&lang=${language}`, headers: html });
      assert.equal(page.statusCode, 422);
      const said = summaryOf(page.body);
      assert.deepEqual(
        said.map((p) => p.field),
        english.map((p) => p.field),
        language,
      );
      for (const [index, problem] of said.entries())
        assert.notEqual(problem.text, english[index]?.text, `${language} says the ${problem.field} problem in its own words`);
      assert.doesNotMatch(page.body, /fallback-notice|<span lang="en"/, `${language}: nothing falls back to English`);
    }
  });

  test(`the travel estimator's API says the English page's words, and the page names why a destination is refused [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const query = 'destination=Atlantis&days=400&data_mb=lots&voice_out_min=x&voice_in_min=x&sms=x&limit=-5';
    const english = summaryOf((await app.inject({ url: `/offers/roaming?${query}`, headers: html })).body);
    assert.deepEqual(
      english.map((p) => p.field),
      ['destination', 'days', 'data_mb', 'voice_out_min', 'voice_in_min', 'sms', 'limit'],
    );
    const api = await app.inject(`/api/v1/offers/roaming/estimate?${query}`);
    assert.equal(api.statusCode, 422);
    assert.deepEqual(apiWords(api.body), english);
    assert.match(english[0]?.text ?? '', /Atlantis/);
    const home = summaryOf((await app.inject({ url: '/offers/roaming?destination=KE&lang=fr', headers: html })).body);
    const generic = summaryOf((await app.inject({ url: '/offers/roaming?destination=&days=3&lang=fr', headers: html })).body);
    assert.notEqual(home[0]?.text, generic[0]?.text, 'the home country is refused for what it is');
    assert.match(home[0]?.text ?? '', /pays/);
  });

  test(`the affordability API refuses a future date with the words the English page says [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const page = summaryOf((await app.inject({ url: '/affordability?asOf=2030-01-01', headers: html })).body);
    const api = await app.inject('/api/v1/affordability?asOf=2030-01-01');
    assert.equal(api.statusCode, 422);
    assert.deepEqual(apiWords(api.body), page);
  });

  test(`a malformed date in a link to an offer is refused with the words of the catalogue [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const api = await app.inject({ url: '/offers/M9900000001SVM10GB30000000?on=soon' });
    assert.equal(api.statusCode, 422);
    assert.deepEqual(apiWords(api.body), [
      { field: 'on', text: englishMessagesOf(new URL('../shared/locales/', import.meta.url))('offers.label.error.isoDate') },
    ]);
  });

  test(`an empty upload is refused with words from the catalogue [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const bearer = await token('OP-DEMO-1');
    const empty = await app.inject({
      method: 'POST',
      url: '/api/v1/offers/roaming/imports',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${bearer}` },
      payload: ' ',
    });
    assert.equal(empty.statusCode, 422);
    const body = JSON.parse(empty.body) as { detail: string; errors: { field: string; message: string }[] };
    const english = englishMessagesOf(new URL('./locales/', import.meta.url));
    assert.equal(body.detail, english('offers.import.body.emptyDetail'));
    assert.deepEqual(body.errors, [{ field: 'file', message: english('offers.import.body.empty', { file: 'roaming' }) }]);
    assert.match(body.errors[0]?.message ?? '', /roaming rate file/);
  });

  test(`the offer page asks its date as day, month and year, and answers a wrong one on the page in the reader's language [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const id = 'M9900000001SVM10GB30000000';
    for (const language of SUPPORTED_LANGUAGES) {
      const page = await app.inject({ url: `/offers/${id}?lang=${language}`, headers: html });
      assert.doesNotMatch(page.body, /type="date"/, language);
      assert.match(page.body, /<input id="field-on"[^>]*name="onDay"[^>]*value="1"/, language);
      assert.match(page.body, /name="onYear"[^>]*value="2026"/, language);
      assert.match(page.body, /aria-describedby="field-on-hint"/, language);
    }
    const before = await app.inject({ url: `/offers/${id}?onDay=21&onMonth=11&onYear=2026`, headers: html });
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /version 1/);
    const wrong = await app.inject({ url: `/offers/${id}?onDay=30&onMonth=2&onYear=2026&lang=ru`, headers: html });
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(
      summaryOf(wrong.body).map((p) => p.field),
      ['on'],
    );
    assert.match(wrong.body, /name="onDay"[^>]*value="30"/, 'the input is kept');
    assert.doesNotMatch(wrong.body, /<span lang="en"/);
  });

  test(`an operator's words inside a sentence take each language's punctuation around them [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const page = async (url: string) => (await app.inject({ url, headers: html })).body;
    // One-time fees: the description is the operator's, the punctuation the language's.
    assert.match(await page('/offers/F9900000002BBHOME4G0000000?lang=zh'), /<td>\u20684G router\u2069：KES\s3,500\.00<\/td>/);
    assert.match(await page('/offers/F9900000002BBHOME4G0000000?lang=fr'), /<td>\u20684G router\u2069 : 3\s500,00\sKES<\/td>/);
    assert.match(await page('/offers/F9900000002BBHOME4G0000000/summary?lang=zh'), /<dd><span dir="auto">4G router：KES\s3,500\.00<\/span><\/dd>/);
    const addOn = await page('/offers/compare?type=mobile&data_gb=20&voice_min=10&sms=5&months=1&lang=zh');
    assert.match(addOn, /<td>附加包（\u2068Extra 5 GB add-on\u2069）<\/td>/);
    assert.match(addOn, /没有现行套餐：\u2068Pwani Mobile\u2069。/);
    const roaming = await page('/offers/roaming?destination=UG&days=7&data_mb=3000&voice_out_min=30&voice_in_min=30&sms=10&lang=ru');
    assert.doesNotMatch(roaming, /Pwani Mobile, /);
  });

  test(`who may get a social tariff is a list of the page's language: any one of the conditions [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const page = async (language: string) => (await app.inject({ url: `/offers/social-tariffs?lang=${language}`, headers: html })).body;
    // Baobab Jamii is for people receiving social assistance or living with a disability.
    assert.match(await page('zh'), /领取社会救助（现金补助）者或残障人士/);
    assert.match(await page('ru'), /Получатели социальной помощи \(денежных выплат\) или Люди с инвалидностью/);
    assert.match(await page('en'), /Receiving social assistance \(a cash transfer\) or Living with a disability/);
  });
}
