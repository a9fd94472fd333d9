import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { RIGHTS_GUIDES as GUIDES } from '../../../test/helpers/search-documents.ts';
import { withTransaction, type Executor } from '../db/index.ts';
import { MAX_QUERY_GROUPS, MAX_QUERY_LENGTH } from './search-text.ts';
import { createSearchRepository, type SearchAnswer, type SearchHit, type SearchRepository } from './search.repository.ts';

const databases = openTestDatabases();
const AT = '2026-12-26T10:00:00.000Z';

function hitsOf(answer: SearchAnswer): SearchHit[] {
  assert.equal(answer.outcome, 'results');
  return answer.outcome === 'results' ? answer.hits : [];
}

const keysOf = (answer: SearchAnswer): string[] => hitsOf(answer).map((h) => `${h.kind}/${h.id}/${h.language}`);

for (const database of databases.all) {
  describe(`full-text search on ${database.dialect}`, () => {
    const open = async (): Promise<{ search: SearchRepository; executor: Executor }> => {
      const { kysely } = await database.fresh();
      const search = createSearchRepository(kysely);
      for (const guide of GUIDES) await search.index(kysely, guide, AT);
      return { search, executor: kysely };
    };

    test('resiliation finds résiliation, with the match marked in the original spelling', async () => {
      const { search } = await open();
      const answer = await search.search({ text: 'resiliation' });
      assert.deepEqual(keysOf(answer), ['learn.guide/contracts/fr']);
      const [hit] = hitsOf(answer);
      assert.equal(hit!.url, '/learn/guides/contracts?lang=fr');
      assert.match(hit!.snippetHtml, /La <mark>résiliation<\/mark> d&#39;un contrat/);
      assert.match(hit!.snippetHtml, /confirmer la <mark>résiliation<\/mark> par écrit/);
      assert.deepEqual(keysOf(await search.search({ text: 'RÉSILIATION' })), ['learn.guide/contracts/fr']);
    });

    test('المستهلك and مستهلك both find the Arabic guide', async () => {
      const { search } = await open();
      for (const text of ['المستهلك', 'مستهلك', 'لِلْمُسْتَهْلِك']) {
        const answer = await search.search({ text });
        assert.deepEqual(keysOf(answer), ['learn.guide/rights/ar'], text);
        const [hit] = hitsOf(answer);
        assert.equal(hit!.titleHtml, 'حقوق <mark>المستهلك</mark> في خدمات الاتصالات');
        assert.match(hit!.snippetHtml, /يحق لكل <mark>مستهلك<\/mark>/);
      }
    });

    test('权益 finds the Chinese guide, though its text has no spaces', async () => {
      const { search } = await open();
      const answer = await search.search({ text: '权益' });
      assert.deepEqual(keysOf(answer), ['learn.guide/rights/zh']);
      assert.match(hitsOf(answer)[0]!.snippetHtml, /维护自己的合法<mark>权益<\/mark>。/);
      assert.deepEqual(keysOf(await search.search({ text: '消费者' })), ['learn.guide/rights/zh']);
      assert.deepEqual(keysOf(await search.search({ text: '权' })), ['learn.guide/rights/zh'], 'one character finds the pairs it starts');
      assert.deepEqual(keysOf(await search.search({ text: '益' })), ['learn.guide/rights/zh'], 'and the last character of a run');
      assert.deepEqual(keysOf(await search.search({ text: '者权' })), [], 'a pair across two runs of the text is not there');
    });

    test('потребител* finds the Russian guide; потребител alone does not', async () => {
      const { search } = await open();
      const answer = await search.search({ text: 'потребител*' });
      assert.deepEqual(keysOf(answer), ['learn.guide/rights/ru']);
      assert.equal(hitsOf(answer)[0]!.titleHtml, 'Права <mark>потребителей</mark> услуг связи');
      assert.deepEqual(keysOf(await search.search({ text: 'потребител' })), []);
      assert.deepEqual(keysOf(await search.search({ text: 'счет' })), ['learn.guide/rights/ru'], 'ё folds to е');
    });

    test('every word asked must be found, in the title or the body', async () => {
      const { search } = await open();
      assert.deepEqual(keysOf(await search.search({ text: 'cancel contract' })), ['learn.guide/contracts/en']);
      assert.deepEqual(keysOf(await search.search({ text: 'cancel resiliation' })), []);
      assert.deepEqual(keysOf(await search.search({ text: 'cancelling operator' })), ['learn.guide/contracts/en'], 'one word in the title, one in the body');
    });

    test('a match in the title ranks above a match in the body', async () => {
      const { search, executor } = await open();
      await search.index(
        executor,
        { kind: 'learn.library', id: 'roaming', language: 'en', title: 'Roaming charges', body: 'What travellers pay abroad.', url: '/r' },
        AT,
      );
      await search.index(
        executor,
        { kind: 'learn.library', id: 'bills', language: 'en', title: 'Reading your bill', body: 'Roaming appears on your bill as a separate line.', url: '/b' },
        AT,
      );
      assert.deepEqual(keysOf(await search.search({ text: 'roaming' })), ['learn.library/roaming/en', 'learn.library/bills/en']);
    });

    test('results come a page at a time with the total; past the last page, none but the total', async () => {
      const { search, executor } = await open();
      for (let i = 0; i < 7; i += 1) {
        await search.index(
          executor,
          { kind: 'learn.library', id: `d${i}`, language: 'en', title: `Decision ${i}`, body: 'Spectrum decision text.', url: `/d${i}` },
          AT,
        );
      }
      const first = await search.search({ text: 'spectrum', pageSize: 3 });
      assert.deepEqual(first.outcome === 'results' && [first.total, first.page, first.pageSize, first.hits.length], [7, 1, 3, 3]);
      const third = await search.search({ text: 'spectrum', pageSize: 3, page: 3 });
      assert.deepEqual(third.outcome === 'results' && [third.total, third.page, third.hits.length], [7, 3, 1]);
      const beyond = await search.search({ text: 'spectrum', pageSize: 3, page: 9 });
      assert.deepEqual(beyond.outcome === 'results' && [beyond.total, beyond.page, beyond.hits.length], [7, 9, 0]);
      const all = new Set([...hitsOf(first), ...hitsOf(await search.search({ text: 'spectrum', pageSize: 3, page: 2 })), ...hitsOf(third)].map((h) => h.id));
      assert.equal(all.size, 7, 'pages neither repeat nor skip a document');
      const odd = await search.search({ text: 'spectrum', pageSize: 1000, page: -2.5 });
      assert.deepEqual(odd.outcome === 'results' && [odd.page, odd.pageSize], [1, 50]);
    });

    test('languages and kinds narrow the search', async () => {
      const { search, executor } = await open();
      await search.index(
        executor,
        { kind: 'learn.course', id: 'c1', language: 'en', title: 'Your contract, step by step', body: 'Lesson one.', url: '/c1' },
        AT,
      );
      assert.deepEqual(keysOf(await search.search({ text: 'contract', kinds: ['learn.course'] })), ['learn.course/c1/en']);
      assert.deepEqual(keysOf(await search.search({ text: 'contrat*', languages: ['fr'] })), ['learn.guide/contracts/fr']);
      assert.deepEqual(keysOf(await search.search({ text: 'contrat*', languages: ['en'] })), []);
      assert.deepEqual(keysOf(await search.search({ text: 'contract', languages: [] })), []);
    });

    test('indexing again replaces the document, and removing takes it out in one language or all', async () => {
      const { search, executor } = await open();
      await search.index(executor, { ...GUIDES[1]!, title: 'Changer d’opérateur', body: 'La portabilité du numéro est gratuite.' }, AT);
      assert.deepEqual(keysOf(await search.search({ text: 'resiliation' })), []);
      assert.deepEqual(keysOf(await search.search({ text: 'portabilite' })), ['learn.guide/contracts/fr']);
      assert.equal(await search.remove(executor, { kind: 'learn.guide', id: 'contracts', language: 'fr' }), 1);
      assert.deepEqual(keysOf(await search.search({ text: 'portabilite' })), []);
      assert.deepEqual(keysOf(await search.search({ text: 'contract' })), ['learn.guide/contracts/en']);
      assert.equal(await search.remove(executor, { kind: 'learn.guide', id: 'contracts' }), 2);
      assert.deepEqual(keysOf(await search.search({ text: 'contract' })), []);
      assert.deepEqual(keysOf(await search.search({ text: 'contrato' })), []);
      assert.equal(await search.remove(executor, { kind: 'learn.guide', id: 'contracts' }), 0);
      assert.deepEqual(keysOf(await search.search({ text: 'مستهلك' })), ['learn.guide/rights/ar'], 'other documents stay');
    });

    test('a document indexed in a transaction that fails is not found', async () => {
      const { kysely } = await database.fresh();
      const search = createSearchRepository(kysely);
      await assert.rejects(
        withTransaction(kysely, async (tx) => {
          await search.index(tx, GUIDES[0]!, AT);
          throw new Error('publication failed');
        }),
        /publication failed/,
      );
      assert.deepEqual(keysOf(await search.search({ text: 'contract' })), []);
    });

    test('markup in a document is escaped in titles and snippets', async () => {
      const { search, executor } = await open();
      await search.index(
        executor,
        {
          kind: 'learn.library',
          id: 'x',
          language: 'en',
          title: '<script>alert(1)</script> SIM swap',
          body: 'A "SIM" & <img src=x onerror=alert(1)> swap.\u0000',
          url: '/x',
        },
        AT,
      );
      const [hit] = hitsOf(await search.search({ text: 'sim swap' }));
      assert.equal(hit!.titleHtml, '&#60;script&#62;alert(1)&#60;/script&#62; <mark>SIM</mark> <mark>swap</mark>');
      assert.equal(hit!.snippetHtml, 'A &#34;<mark>SIM</mark>&#34; &#38; &#60;img src=x onerror=alert(1)&#62; <mark>swap</mark>.');
    });

    test('a very long document, with words too long for an index, is indexed and found by its first words', async () => {
      const { search, executor } = await open();
      const words = Array.from({ length: 20_000 }, (_, i) => `${'ж'.repeat(45)}${String(i).padStart(5, '0')}`);
      const body = `Начало ${'к'.repeat(3000)} ${words.join(' ')} конец`;
      await search.index(executor, { kind: 'learn.library', id: 'long', language: 'ru', title: 'Длинный отчёт', body, url: '/long' }, AT);
      assert.deepEqual(keysOf(await search.search({ text: 'начало' })), ['learn.library/long/ru']);
      assert.deepEqual(keysOf(await search.search({ text: words[10]! })), ['learn.library/long/ru']);
      assert.deepEqual(keysOf(await search.search({ text: 'конец' })), [], 'the end of a document past the bound is not indexed, on either database');
    });

    test('hostile queries get an answer, never a database error', async () => {
      const { search } = await open();
      const hostile = [
        '"',
        "'",
        '*',
        '**',
        'contract"',
        '"contract',
        "contract'); drop table search_documents; --",
        'NEAR(contract cancel)',
        'contract OR',
        'AND',
        '-contract',
        'title:contract',
        '{title body}: contract',
        '^contract',
        'contract:*',
        "'contract':* & !",
        'contract <-> cancel',
        'contract | cancel',
        '(contract',
        '\\',
        '\u0000contract',
        '\ud800',
        '🙂 contract',
        'x'.repeat(MAX_QUERY_LENGTH),
        '权'.repeat(MAX_QUERY_LENGTH),
        '权益 '.repeat(MAX_QUERY_GROUPS),
        Array.from({ length: MAX_QUERY_GROUPS }, (_, i) => `пр${i}*`).join(' '),
      ];
      for (const text of hostile) {
        const answer = await search.search({ text });
        assert.ok(['results', 'empty'].includes(answer.outcome), text);
      }
      assert.deepEqual(await search.search({ text: '"*" -- ()' }), { outcome: 'empty' });
      assert.deepEqual(keysOf(await search.search({ text: "contract'); drop table search_documents; --" })), []);
      assert.deepEqual(keysOf(await search.search({ text: 'title:contract' })), [], 'no column filter: "title" is a word asked');
      assert.deepEqual(keysOf(await search.search({ text: '"contract' })), ['learn.guide/contracts/en']);
      assert.deepEqual(await search.search({ text: 'x'.repeat(MAX_QUERY_LENGTH + 1) }), {
        outcome: 'too-long',
        maxLength: MAX_QUERY_LENGTH,
        maxGroups: MAX_QUERY_GROUPS,
      });
      assert.deepEqual(await search.search({ text: 'contract '.repeat(10_000) }), {
        outcome: 'too-long',
        maxLength: MAX_QUERY_LENGTH,
        maxGroups: MAX_QUERY_GROUPS,
      });
      assert.equal((await search.search({ text: Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') })).outcome, 'too-long');
      assert.deepEqual(keysOf(await search.search({ text: 'mobile' })).sort(), ['learn.guide/contracts/en', 'learn.guide/contracts/fr'], 'the index is whole');
    });
  });
}
