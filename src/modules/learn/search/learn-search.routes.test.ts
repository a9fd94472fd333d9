import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { RIGHTS_GUIDES } from '../../../../test/helpers/search-documents.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { createWebClient } from '../../../../test/helpers/staff.ts';
import { createTempDir } from '../../../../test/helpers/temp-dir.ts';
import { buildApp } from '../../../app.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createSearchRepository, type SearchDocument } from '../../../platform/search/index.ts';
import { learnModule } from '../index.ts';
import type { SearchApiReply } from './learn-search.schemas.ts';

const MODULES = [learnModule];
const databases = openTestDatabases(allMigrations(MODULES));
const AT = '2026-12-26T10:00:00.000Z';

/** Rights guides as readers of each language would write them, and one document of another module the search leaves out. */
const DOCUMENTS: SearchDocument[] = [
  ...RIGHTS_GUIDES.filter((guide) => ['fr', 'ar', 'zh', 'ru'].includes(guide.language)),
  {
    kind: 'learn.course',
    id: 'mobile-money',
    language: 'en',
    title: 'Safe mobile money',
    body: 'Never share your mobile money PIN. A SIM swap lets a thief receive your codes.',
    url: '/learn/courses/mobile-money?lang=en',
  },
  {
    kind: 'other.thing',
    id: 'x',
    language: 'en',
    title: 'Mobile money elsewhere',
    body: 'Not part of the learn search.',
    url: '/elsewhere',
  },
];

/** The demo profile with the search's per-address limit set. */
function profileWith(perMinute: number): string {
  const profile = JSON.parse(readFileSync(new URL('../../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
    modules: Record<string, Record<string, unknown>>;
  };
  profile.modules['learn'] = { ...profile.modules['learn'], search: { perMinute } };
  const file = join(createTempDir('learn-search-profile'), 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

async function appWith(
  database: (typeof databases.all)[number],
  documents: readonly SearchDocument[],
  perMinute?: number,
): Promise<{ platform: Platform; app: App }> {
  const env: Record<string, string> = perMinute === undefined ? {} : { KINGA_JURISDICTION: profileWith(perMinute) };
  const platform = await createTestPlatform(await database.fresh(), { modules: MODULES, env });
  const repository = createSearchRepository(platform.db.kysely);
  for (const document of documents) await repository.index(platform.db.kysely, document, AT);
  return { platform, app: await buildApp(platform, MODULES) };
}

const api = (query: string) => `/api/v1/learn/search?${query}`;

for (const database of databases.all) {
  test(`the API passes the issue's four vectors, in the learn kinds only [${database.dialect}]`, async () => {
    const { app } = await appWith(database, DOCUMENTS);
    const found = async (q: string, filters = '') => {
      const reply = await app.inject(api(`q=${encodeURIComponent(q)}${filters}`));
      assert.equal(reply.statusCode, 200, reply.body);
      return reply.json<SearchApiReply>();
    };
    const ids = async (q: string, filters = '') => (await found(q, filters)).results.map((r) => `${r.kind}/${r.id}/${r.language}`);
    assert.deepEqual(await ids('resiliation'), ['learn.guide/contracts/fr']);
    assert.deepEqual(await ids('المستهلك'), ['learn.guide/rights/ar']);
    assert.deepEqual(await ids('مستهلك'), ['learn.guide/rights/ar']);
    assert.deepEqual(await ids('权益'), ['learn.guide/rights/zh']);
    assert.deepEqual(await ids('потребител*'), ['learn.guide/rights/ru']);
    assert.deepEqual(await ids('mobile money'), ['learn.course/mobile-money/en'], 'another module’s kind is not found');
    const french = await found('resiliation');
    assert.deepEqual(
      { ...french, results: french.results.map((r) => ({ title: r.title, titleHtml: r.titleHtml, url: r.url })) },
      {
        outcome: 'results',
        total: 1,
        page: 1,
        pageSize: 20,
        pages: 1,
        results: [{ title: 'Résilier votre contrat', titleHtml: 'Résilier votre contrat', url: '/learn/guides/contracts?lang=fr' }],
      },
    );
    assert.match(french.results[0]!.snippetHtml, /La <mark>résiliation<\/mark> d&#39;un contrat/);
    assert.deepEqual(await ids('resiliation', '&kind=learn.course'), []);
    assert.deepEqual((await found('mobile', '&kind=learn.course&language=en')).total, 1);
    assert.deepEqual((await found('money', '&language=fr')).total, 0);
    assert.deepEqual(await found('"" ()'), { outcome: 'empty', total: 0, page: 1, pageSize: 0, pages: 0, results: [] });
    await app.close();
  });

  test(`the API answers bad parameters 400 and a query too long 422, never 500 [${database.dialect}]`, async () => {
    const { app } = await appWith(database, DOCUMENTS);
    for (const query of [
      '',
      'q=x&page=abc',
      'q=x&page=0',
      'q=x&page=501',
      'q=x&kind=learn.workshop',
      'q=x&language=de',
      `q=${'x'.repeat(2001)}`,
      'q=x&page=1.5',
    ]) {
      const reply = await app.inject(api(query));
      assert.equal(reply.statusCode, 400, `${query}: ${reply.body}`);
    }
    const long = await app.inject(api(`q=${'x'.repeat(201)}`));
    assert.equal(long.statusCode, 422, long.body);
    assert.equal(long.json<{ title: string }>().title, 'SEARCH_QUERY_TOO_LONG');
    assert.match(long.body, /Use at most 200 characters and 16 words/);
    const words = await app.inject(api(`q=${encodeURIComponent(Array.from({ length: 17 }, (_, i) => `w${i}`).join(' '))}`));
    assert.equal(words.statusCode, 422);
    const hostile = await app.inject(api(`q=${encodeURIComponent('") OR 1=1 -- \' & !| <-> NEAR/2 *')}`));
    assert.equal(hostile.statusCode, 200, hostile.body);
    await app.close();
  });

  test(`the page shows results with their kind, language and marked snippet, and escapes hostile titles [${database.dialect}]`, async () => {
    const hostile: SearchDocument = {
      kind: 'learn.library',
      id: 'hostile',
      language: 'en',
      title: '<script>alert(1)</script> Roaming <img src=x onerror=alert(2)>',
      body: 'Roaming charges "capped" & <b>bold</b> <a href="javascript:alert(3)">x</a>',
      url: '/learn/library/hostile',
    };
    const { app } = await appWith(database, [...DOCUMENTS, hostile]);
    const client = createWebClient(app);
    const first = await client.get('/learn/search?lang=en');
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /<form method="get" action="\/learn\/search"/);
    assert.doesNotMatch(first.body, /role="status"/, 'a first visit shows the form alone');

    const arabic = await client.get(`/learn/search?q=${encodeURIComponent('مستهلك')}&lang=en`);
    assert.equal(arabic.statusCode, 200);
    assert.match(arabic.body, /1 result</);
    assert.match(arabic.body, /<h3 lang="ar" dir="rtl"><a href="\/learn\/guides\/rights\?lang=ar">حقوق <mark>المستهلك<\/mark> في خدمات الاتصالات<\/a><\/h3>/);
    assert.match(arabic.body, /<span>Rights guide<\/span> · <span lang="ar" dir="rtl">العربية<\/span>/);
    assert.match(arabic.body, /<p lang="ar" dir="rtl">يحق لكل <mark>مستهلك<\/mark>/);

    const page = await client.get('/learn/search?q=roaming&lang=fr');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /1 résultat</);
    assert.match(page.body, /Document de la bibliothèque/);
    assert.doesNotMatch(page.body, /<script>alert|<img src=x|<b>bold|href="javascript:/);
    assert.match(page.body, /&#60;script&#62;alert\(1\)&#60;\/script&#62; <mark>Roaming<\/mark> &#60;img src=x onerror=alert\(2\)&#62;/);
    await app.close();
  });

  test(`the page pages its results, says when nothing is found, and explains a query too long [${database.dialect}]`, async () => {
    const many: SearchDocument[] = Array.from({ length: 45 }, (_, i) => ({
      kind: 'learn.lesson',
      id: `lesson-${String(i).padStart(2, '0')}`,
      language: 'en',
      title: `Lesson ${i}: checking a phone before buying it`,
      body: 'Dial *#06# to read the IMEI, then check it on the regulator’s site.',
      url: `/learn/courses/phones/lesson-${i}`,
    }));
    const { app } = await appWith(database, many);
    const client = createWebClient(app);
    const ids = (body: string) => [...body.matchAll(/href="\/learn\/courses\/phones\/(lesson-\d+)"/g)].map((m) => m[1]);
    const first = await client.get('/learn/search?q=phone&lang=en');
    assert.match(first.body, /45 results/);
    assert.match(first.body, /Page 1 of 3/);
    assert.equal(ids(first.body).length, 20);
    assert.match(first.body, /<a href="\/learn\/search\?q=phone&amp;page=2&amp;lang=en" rel="next">Next page<\/a>/);
    assert.doesNotMatch(first.body, /rel="prev"/);
    const third = await client.get('/learn/search?q=phone&page=3&lang=en');
    assert.match(third.body, /Page 3 of 3/);
    assert.equal(ids(third.body).length, 5);
    assert.match(third.body, /<ol class="search-results" start="41">/);
    assert.doesNotMatch(third.body, /rel="next"/);
    const all = new Set([...ids(first.body), ...ids((await client.get('/learn/search?q=phone&page=2&lang=en')).body), ...ids(third.body)]);
    assert.equal(all.size, 45, 'every result shows on exactly one page');

    const none = await client.get('/learn/search?q=zebra&kind=learn.guide&lang=en');
    assert.equal(none.statusCode, 200);
    assert.match(none.body, /No results/);
    assert.match(none.body, /Search everything and in any language/);
    const past = await client.get('/learn/search?q=phone&page=9&lang=en');
    assert.match(past.body, /45 results/);
    assert.match(past.body, /rel="prev"/);
    assert.equal(ids(past.body).length, 0);

    const long = await client.get(`/learn/search?q=${'x'.repeat(300)}&lang=ru`);
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /Слишком длинный запрос/);
    assert.match(long.body, /не более 200 символов и не более 16 слов/);
    const nothing = await client.get('/learn/search?q=%22%22&lang=en');
    assert.equal(nothing.statusCode, 200);
    assert.match(nothing.body, /Type at least one word to search for/);
    for (const query of ['q=x&page=abc', 'q=x&kind=nope', 'q=x&language=xx', `q=${'x'.repeat(2001)}`]) {
      const bad = await client.get(`/learn/search?${query}&lang=en`);
      assert.equal(bad.statusCode, 400, query);
      assert.match(bad.headers['content-type'] as string, /text\/html/);
    }
    await app.close();
  });

  test(`searches are limited per client address, on the page and the API each [${database.dialect}]`, async () => {
    const { app } = await appWith(database, DOCUMENTS, 2);
    for (let i = 0; i < 2; i += 1) assert.equal((await app.inject(api('q=money'))).statusCode, 200);
    const limited = await app.inject(api('q=money'));
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await app.inject({ url: api('q=money'), remoteAddress: '10.0.0.9' })).statusCode, 200, 'another address has its own allowance');
    assert.equal((await app.inject('/learn/search?q=money&lang=en')).statusCode, 200, 'the page counts apart from the API');
    await app.close();
  });
}
