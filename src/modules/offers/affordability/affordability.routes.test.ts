import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTempDir } from '../../../../test/helpers/temp-dir.ts';
import { LOCALES_DIR, loadCatalogs } from '../../../platform/i18n/index.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../index.ts';
import { createDemoOffersApp } from '../testing/api-app.ts';
import { codeFoldersWithCopies } from '../testing/catalogue-copies.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const html = { accept: 'text/html' };

interface PricedBody {
  planId: string;
  operatorId: string;
  price: { amount: string; currency: string };
  usd: string | null;
  ppp: string | null;
  shareOfMonthlyGniPercent: string | null;
  targets: { id: string; isMet: boolean | null }[];
}

for (const database of databases.all) {
  test(`the affordability API answers every basket with decimal strings, each operator listed, and refuses a bad date [${database.dialect}]`, async () => {
    const { app } = await createDemoOffersApp(database);
    const reply = await app.inject('/api/v1/affordability');
    assert.equal(reply.statusCode, 200);
    const body = reply.json<{
      onDate: string;
      months: number;
      conversions: { exchangeRate: { value: string; year: number; source: string } };
      baskets: {
        id: string;
        cheapest: PricedBody | null;
        operators: { operatorId: string; offer: PricedBody | null; note: string | null }[];
        targets: { id: string; operator: string }[];
      }[];
    }>();
    assert.equal(body.onDate, '2026-12-01');
    assert.equal(body.months, 1);
    assert.deepEqual(
      body.baskets.map((b) => b.id),
      ['itu-mobile-data', 'itu-low', 'itu-high', 'itu-fixed'],
    );
    assert.equal(body.conversions.exchangeRate.value, '129.35');
    const data = body.baskets[0];
    assert.ok(data?.cheapest);
    assert.deepEqual(
      [data.cheapest.planId, data.cheapest.price.amount, data.cheapest.usd, data.cheapest.ppp, data.cheapest.shareOfMonthlyGniPercent],
      ['M9900000003KLM3GB000000000', '350.00', '2.71', '7.03', '1.51'],
    );
    // 1.51% is below the 2% target but above the national 1.5% one.
    assert.deepEqual(
      data.cheapest.targets.map((t) => t.isMet),
      [true, false],
    );
    assert.deepEqual(
      data.targets.map((t) => t.operator),
      ['<', '<='],
    );
    // Pwani Mobile's offers are stale in the demo: it is listed with a note, not dropped.
    assert.deepEqual(
      data.operators.map((o) => [o.operatorId, o.note]),
      [
        ['OP-DEMO-1', null],
        ['OP-DEMO-2', null],
        ['OP-DEMO-3', null],
        ['OP-DEMO-4', 'no_current_offer'],
      ],
    );
    for (const basket of body.baskets) {
      for (const priced of [basket.cheapest, ...basket.operators.map((o) => o.offer)]) {
        if (!priced) continue;
        assert.match(priced.price.amount, /^\d+\.\d{2}$/);
        assert.match(priced.usd ?? '', /^\d+\.\d{2}$/);
        assert.match(priced.shareOfMonthlyGniPercent ?? '', /^\d+\.\d{2}$/);
      }
    }
    const fixed = body.baskets[3];
    // One-time fees are left out: the 4G home router's 3,500 does not count, so it beats fibre at 2,800.
    assert.deepEqual([fixed?.cheapest?.planId, fixed?.cheapest?.price.amount], ['F9900000002BBHOME4G0000000', '2500.00']);
    assert.deepEqual(
      fixed?.cheapest?.targets.map((t) => t.isMet),
      [false],
    );

    const past = await app.inject('/api/v1/affordability?asOf=2026-11-15');
    assert.equal(past.statusCode, 200);
    const before = past.json<typeof body>().baskets[0];
    // Three weeks before the demo starts, the first file was published (10 November): every operator had fresh offers.
    assert.deepEqual(
      before?.operators.map((o) => o.note),
      [null, null, null, null],
    );
    const bad = await app.inject('/api/v1/affordability?asOf=15/11/2026');
    assert.equal(bad.statusCode, 422);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(
      bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
      ['asOf'],
    );
    assert.equal((await app.inject('/api/v1/affordability?asOf=2027-01-01')).statusCode, 422);
  });

  test(`the affordability page works as a GET form in English, French and Arabic, and keeps a bad date with status 422 [${database.dialect}]`, async () => {
    const { app } = await createDemoOffersApp(database);
    const page = await app.inject({ url: '/affordability', headers: html });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="get" action="\/affordability"/);
    assert.equal((page.body.match(/<h1>/g) ?? []).length, 1);
    assert.equal((page.body.match(/<table>/g) ?? []).length, 4);
    assert.match(page.body, /Whole market/);
    assert.match(page.body, /No current offer of this type of service/);
    assert.match(page.body, /World Bank indicator NY\.GNP\.PCAP\.CD/);
    assert.match(page.body, /year 2024/);
    assert.match(page.body, /href="\/offers\/M9900000003KLM3GB000000000\?lang=en"/);
    assert.match(page.body, /href="\/affordability" aria-current="page"/, 'the navigation shows the page');
    assert.ok(page.body.length < 100_000, `the page weighs ${page.body.length} bytes`);
    const french = await app.inject({ url: '/affordability?lang=fr', headers: html });
    assert.match(french.body, /Les services de télécommunication sont-ils abordables/);
    assert.match(french.body, /Tout le marché/);
    const arabic = await app.inject({ url: '/affordability?lang=ar', headers: html });
    assert.match(arabic.body, /<html lang="ar" dir="rtl">/);
    assert.match(arabic.body, /السوق كلها/);
    const bad = await app.inject({ url: '/affordability?asOf=soon', headers: html });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /href="#field-asOf"/);
    // A date a link gave that is no day at all cannot be put back into the day, month and year boxes.
    assert.match(bad.body, /name="asOfDay"[^>]*value(="")?[ />]/);
    const future = await app.inject({ url: '/affordability?asOf=2030-01-01&lang=fr', headers: html });
    assert.equal(future.statusCode, 422);
    assert.match(future.body, /Choisissez aujourd&#39;hui ou une date passée|Choisissez aujourd'hui ou une date passée/);
    const past = await app.inject({ url: '/affordability?asOf=2026-11-15', headers: html });
    assert.equal(past.statusCode, 200);
    assert.match(past.body, /On a past date/);
  });

  test(`each affordability target reads as one sentence in each language's punctuation [${database.dialect}]`, async () => {
    const { app } = await createDemoOffersApp(database);
    const targetOf = (body: string) => /<dt>[^<]*<bdi[^>]*>[^<]*<\/bdi><\/dt><dd>(.*?)<\/dd>/s.exec(body)?.[1] ?? '';
    const chinese = targetOf((await app.inject({ url: '/affordability?lang=zh', headers: html })).body);
    assert.match(chinese, /^联合国宽带可持续发展委员会 2025 年目标。价格低于人均月收入的 2% 即为达标。/);
    assert.doesNotMatch(chinese, /\. /, 'no full stop of the Latin script in a Chinese sentence');
    const arabic = targetOf((await app.inject({ url: '/affordability?lang=ar', headers: html })).body);
    assert.doesNotMatch(arabic, /<\/span>\. /, 'no full stop joined after an element');
    const english = targetOf((await app.inject({ url: '/affordability', headers: html })).body);
    assert.match(english, /^UN Broadband Commission target for 2025\. Met when the price is less than 2% of the monthly income per person\. Set by: /);
  });

  test(`the affordability date is asked as day, month and year, with a hint true in every browser [${database.dialect}]`, async () => {
    const { app } = await createDemoOffersApp(database);
    for (const language of ['en', 'fr', 'ar', 'es', 'ru', 'zh']) {
      const page = await app.inject({ url: `/affordability?lang=${language}`, headers: html });
      assert.doesNotMatch(page.body, /type="date"/, language);
      assert.doesNotMatch(page.body, /YYYY|AAAA|ГГГГ/, `${language}: the hint names no format the browser's picker does not show`);
      assert.match(page.body, /<input id="field-asOf"[^>]*name="asOfDay"[^>]*value="1"/, language);
      assert.match(page.body, /name="asOfMonth"[^>]*value="12"/, language);
      assert.match(page.body, /name="asOfYear"[^>]*value="2026"/, language);
      assert.match(page.body, /aria-describedby="field-asOf-hint"/, language);
    }
    const past = await app.inject({ url: '/affordability?asOfDay=15&asOfMonth=11&asOfYear=2026', headers: html });
    assert.equal(past.statusCode, 200);
    assert.match(past.body, /On a past date/);
    assert.match(past.body, /Offers in effect on November 15, 2026/);
    assert.match(past.body, /href="\/api\/v1\/affordability\?asOf=2026-11-15"/);
    const unreal = await app.inject({ url: '/affordability?asOfDay=31&asOfMonth=4&asOfYear=2026&lang=fr', headers: html });
    assert.equal(unreal.statusCode, 422);
    assert.match(unreal.body, /href="#field-asOf"/);
    assert.match(unreal.body, /name="asOfDay"[^>]*value="31"/, 'the input is kept');
    assert.doesNotMatch(unreal.body, /<span lang="en"/);
    // A link written with the API's YYYY-MM-DD date still opens the page on that date.
    const link = await app.inject({ url: '/affordability?asOf=2026-11-15', headers: html });
    assert.match(link.body, /name="asOfDay"[^>]*value="15"/);
  });

  test(`a basket or target a language lacks is marked as English once, by the platform's fallback marking [${database.dialect}]`, async () => {
    const dir = createTempDir('affordability-locales');
    const codeFolders = codeFoldersWithCopies(dir, ['comparison', 'affordability']);
    const drop = (folder: string, key: string) => {
      const file = join(dir, folder, 'es.json');
      const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      delete messages[key];
      writeFileSync(file, JSON.stringify(messages));
    };
    drop('comparison', 'offers.preset.itu-low');
    drop('affordability', 'offers.affordability.target.broadband-commission-2025');
    const { app } = await createDemoOffersApp(database, loadCatalogs(LOCALES_DIR, codeFolders));
    const page = (await app.inject({ url: '/affordability?lang=es', headers: html })).body;
    assert.match(page, /<h2 id="basket-itu-low"><span lang="en">ITU basket: 70 minutes, 20 SMS, 500 MB<\/span><\/h2>/);
    assert.match(page, /<dd><span lang="en">UN Broadband Commission target for 2025<\/span>/);
    const main = /<main[^>]*>(.*)<\/main>/s.exec(page)?.[1] ?? '';
    assert.doesNotMatch(main, /<(?!span)[a-z0-9]+ [^>]*lang="en"/, 'no other element is said to be English');
    assert.match(page, /class="fallback-notice"/, 'the page says that part of it is in English');
    const arabic = (await app.inject({ url: '/affordability?lang=ar', headers: html })).body;
    assert.doesNotMatch(/<main[^>]*>(.*)<\/main>/s.exec(arabic)?.[1] ?? '', /lang="en"/, 'nothing falls back in Arabic');
  });
}
