import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createSearchRepository } from '../../../platform/search/index.ts';
import { CONTENT_ACTORS as A, CONTENT_TEST_MODULES, createContentTestPlatform } from '../testing/content-platform.ts';
import { createContentServiceFor } from './content.wiring.ts';
import type { ContentOutcome, ContentService } from './content.service.ts';

const databases = openTestDatabases(allMigrations(CONTENT_TEST_MODULES));

const BODY_EN = '## Your bill\n\nYour operator must show every charge. See [the Authority](https://dca.example.org/bills).\n';

function valueOf<T>(outcome: ContentOutcome<T>): T {
  assert.ok(outcome.ok, `expected success, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

async function guideWithEnglishDraft(service: ContentService, slug = 'understanding-your-bill') {
  const item = valueOf(await service.createItem(A.editor, { kind: 'guide', slug, topic: 'billing', sourceLanguage: 'en' }));
  const text = valueOf(
    await service.saveText(A.editor, {
      itemId: item.id,
      language: 'en',
      variant: 'standard',
      title: 'Understanding your bill',
      summary: 'What every line of a phone bill means.',
      body: BODY_EN,
      legalBasis: 'Consumer Protection Regulations 2025, section 12',
      lastReviewed: '2026-11-30',
    }),
  );
  return { item, text };
}

const auditActions = async (platform: Platform) =>
  (await platform.db.kysely.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'like', 'learn.%').orderBy('seq').execute()).map(
    (r) => r.action,
  );

for (const database of databases.all) {
  test(`an editor writes, another reviews and publishes; the public copy stays while the next edit is drafted [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database, { PUBLIC_URL: 'https://kinga.example' });
    const service = createContentServiceFor(platform);
    const { item, text } = await guideWithEnglishDraft(service);
    assert.equal(text.state, 'draft');
    assert.equal(text.version, 1);
    assert.equal(text.published, null);
    assert.equal(await service.readPublished({ kind: 'guide', slug: item.slug, language: 'en' }), undefined, 'a draft is not public');

    const submitted = valueOf(await service.submit(A.editor, { textId: text.id, expectedVersion: 1 }));
    assert.equal(submitted.state, 'in_review');
    assert.deepEqual(await service.publish(A.editor, { textId: text.id }), { ok: false, problem: 'fourEyes' }, 'the editor who saved it may not publish it');
    const returned = await service.returnToDraft(A.otherEditor, { textId: text.id, note: '  ' });
    assert.deepEqual(returned, { ok: false, problem: 'invalid', issues: [{ field: 'note', messageKey: 'learn.content.error.noteMissing' }] });
    const back = valueOf(await service.returnToDraft(A.otherEditor, { textId: text.id, note: 'Name the regulation in full.' }));
    assert.equal(back.state, 'draft');
    assert.equal(back.reviewNote, 'Name the regulation in full.');
    valueOf(await service.submit(A.editor, { textId: text.id }));
    assert.deepEqual(await service.submit(A.editor, { textId: text.id }), { ok: false, problem: 'wrongState' });

    platform.clock.set('2026-12-02T08:00:00Z');
    const published = valueOf(await service.publish(A.otherEditor, { textId: text.id }));
    assert.equal(published.state, 'published');
    assert.equal(published.published?.publishedBy, 'user-editor-2');
    assert.equal(published.published?.publishedAt, '2026-12-02T08:00:00.000Z');
    assert.match(published.published?.html ?? '', /<h3>Your bill<\/h3>/, 'headings start below the page title');
    assert.match(published.published?.html ?? '', /rel="noopener noreferrer"/);

    const shown = await service.readPublished({ kind: 'guide', slug: item.slug, language: 'en' });
    assert.equal(shown?.title, 'Understanding your bill');
    assert.equal(shown?.isFallback, false);
    assert.equal(shown?.legalBasis, 'Consumer Protection Regulations 2025, section 12');
    assert.equal(shown?.lastReviewed, '2026-11-30');

    // Editing a published page keeps the published copy public.
    const edited = valueOf(
      await service.saveText(A.editor, {
        itemId: item.id,
        language: 'en',
        variant: 'standard',
        title: 'Reading your bill',
        summary: 'What every line of a phone bill means.',
        body: `${BODY_EN}\nNew paragraph.\n`,
        legalBasis: 'Consumer Protection Regulations 2025, section 12',
        lastReviewed: '2026-12-01',
        expectedVersion: published.version,
      }),
    );
    assert.equal(edited.state, 'draft');
    assert.equal(edited.published?.title, 'Understanding your bill');
    assert.equal((await service.readPublished({ kind: 'guide', slug: item.slug, language: 'en' }))?.title, 'Understanding your bill');
    assert.deepEqual(
      await service.saveText(A.otherEditor, {
        itemId: item.id,
        language: 'en',
        variant: 'standard',
        title: 'Stale',
        summary: '',
        body: 'x',
        legalBasis: '',
        lastReviewed: '',
        expectedVersion: published.version,
      }),
      { ok: false, problem: 'conflict' },
      'a save from an older version is refused',
    );

    const versions = await service.listVersions(text.id);
    assert.deepEqual(
      versions.map((v) => [v.version, v.change, v.state, v.actor]),
      [
        [6, 'saved', 'draft', 'user-editor-1'],
        [5, 'published', 'published', 'user-editor-2'],
        [4, 'submitted', 'in_review', 'user-editor-1'],
        [3, 'returned', 'draft', 'user-editor-2'],
        [2, 'submitted', 'in_review', 'user-editor-1'],
        [1, 'created', 'draft', 'user-editor-1'],
      ],
    );
    assert.equal(versions.find((v) => v.version === 3)?.note, 'Name the regulation in full.');
    assert.equal(versions[0]?.title, 'Reading your bill', 'a version holds the whole working copy');
    assert.deepEqual(await auditActions(platform), [
      'learn.content.item_created',
      'learn.content.created',
      'learn.content.submitted',
      'learn.content.returned',
      'learn.content.submitted',
      'learn.content.published',
      'learn.content.saved',
    ]);
    assert.equal((await platform.audit.verify(platform.db.kysely)).isIntact, true);

    // Restoring version 1 brings back its words as a draft saved by the restorer.
    const restored = valueOf(await service.restore(A.officer, { textId: text.id, version: 1 }));
    assert.equal(restored.title, 'Understanding your bill');
    assert.equal(restored.body, BODY_EN);
    assert.equal(restored.savedBy, 'user-officer-1');
    assert.equal(restored.state, 'draft');
    assert.equal(restored.version, 7);
    assert.equal((await service.listVersions(text.id))[0]?.note, '1');
    assert.deepEqual(await service.restore(A.officer, { textId: text.id, version: 99 }), { ok: false, problem: 'notFound' });
    // An officer may publish what they saved themselves.
    assert.equal(valueOf(await service.publish(A.officer, { textId: text.id })).state, 'published');
  });

  test(`publishing indexes the standard text for search at its address; archiving withdraws it and its public copy [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database);
    const service = createContentServiceFor(platform);
    const search = createSearchRepository(platform.db.kysely);
    const { item, text } = await guideWithEnglishDraft(service);
    valueOf(await service.publish(A.officer, { textId: text.id }));
    const easy = valueOf(
      await service.saveText(A.editor, {
        itemId: item.id,
        language: 'en',
        variant: 'easy',
        title: 'Your bill, made easy',
        summary: 'Short words.',
        body: 'Your bill shows what you pay.\n',
        legalBasis: '',
        lastReviewed: '',
      }),
    );
    valueOf(await service.publish(A.officer, { textId: easy.id }));
    const rows = await platform.db.kysely
      .selectFrom('search_documents')
      .select(['kind', 'document_id', 'language', 'title', 'url', 'body'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.kind, r.document_id, r.language, r.title, r.url]),
      [['learn.guide', item.id, 'en', 'Understanding your bill', '/learn/guides/understanding-your-bill?lang=en']],
      'one document: the standard text; the easy-read one is reached from it',
    );
    assert.equal(rows[0]?.body, 'What every line of a phone bill means. Your bill Your operator must show every charge. See the Authority.');
    const found = await search.search({ text: 'charge', kinds: ['learn.guide'] });
    assert.equal(found.outcome === 'results' ? found.hits.map((h) => h.id).join() : found.outcome, item.id);

    const archived = valueOf(await service.archive(A.editor, { textId: text.id }));
    assert.equal(archived.state, 'archived');
    assert.equal(archived.published, null);
    assert.equal((await platform.db.kysely.selectFrom('search_documents').select('seq').execute()).length, 0);
    assert.equal(await service.readPublished({ kind: 'guide', slug: item.slug, language: 'en' }), undefined);
    assert.deepEqual(await service.archive(A.editor, { textId: text.id }), { ok: false, problem: 'wrongState' });
    assert.deepEqual(
      await service.publish(A.officer, { textId: text.id }),
      { ok: false, problem: 'wrongState' },
      'an archived text is restored or saved before publishing again',
    );
  });

  test(`the caller's address function places the search entry, and a lesson's default address names its course [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database);
    const plain = createContentServiceFor(platform);
    const course = valueOf(await plain.createItem(A.editor, { kind: 'course', slug: 'safe-mobile-money', sourceLanguage: 'en' }));
    const lesson = valueOf(await plain.createItem(A.editor, { kind: 'lesson', slug: 'sim-swap', parentId: course.id, sourceLanguage: 'en' }));
    assert.equal(lesson.position, 0);
    assert.equal(valueOf(await plain.createItem(A.editor, { kind: 'lesson', slug: 'pins', parentId: course.id, sourceLanguage: 'en' })).position, 1);
    const lessonText = valueOf(
      await plain.saveText(A.editor, {
        itemId: lesson.id,
        language: 'fr',
        variant: 'standard',
        title: 'Échange de SIM',
        summary: '',
        body: 'Texte.',
        legalBasis: '',
        lastReviewed: '',
      }),
    );
    valueOf(await plain.publish(A.officer, { textId: lessonText.id }));
    const custom = createContentServiceFor(platform, { urlOf: ({ item, language }) => `/learn/somewhere/${item.slug}/${language}` });
    const courseText = valueOf(
      await custom.saveText(A.editor, {
        itemId: course.id,
        language: 'en',
        variant: 'standard',
        title: 'Safe mobile money',
        summary: '',
        body: 'Text.',
        legalBasis: '',
        lastReviewed: '',
      }),
    );
    valueOf(await custom.publish(A.officer, { textId: courseText.id }));
    const urls = await platform.db.kysely.selectFrom('search_documents').select(['kind', 'url']).orderBy('kind').execute();
    assert.deepEqual(urls, [
      { kind: 'learn.course', url: '/learn/somewhere/safe-mobile-money/en' },
      { kind: 'learn.lesson', url: '/learn/courses/safe-mobile-money/sim-swap?lang=fr' },
    ]);
  });

  test(`a reader gets their language, else the source language with a notice, else the profile's default; lists do the same [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database);
    const service = createContentServiceFor(platform);
    const write = async (itemId: string, language: string, title: string, variant = 'standard') => {
      const text = valueOf(
        await service.saveText(A.editor, {
          itemId,
          language,
          variant,
          title,
          summary: `${title}.`,
          body: `${title} body.`,
          legalBasis: 'Act',
          lastReviewed: '2026-10-01',
        }),
      );
      valueOf(await service.publish(A.officer, { textId: text.id }));
    };
    const bill = valueOf(await service.createItem(A.editor, { kind: 'guide', slug: 'bill', topic: 'billing', sourceLanguage: 'fr' }));
    await write(bill.id, 'fr', 'Votre facture');
    await write(bill.id, 'en', 'Your bill');
    await write(bill.id, 'en', 'Your bill (easy)', 'easy');
    const roaming = valueOf(await service.createItem(A.editor, { kind: 'guide', slug: 'roaming', topic: 'roaming', sourceLanguage: 'ar' }));
    await write(roaming.id, 'en', 'Roaming abroad');
    const draftOnly = valueOf(await service.createItem(A.editor, { kind: 'guide', slug: 'draft-only', topic: 'billing', sourceLanguage: 'en' }));
    valueOf(
      await service.saveText(A.editor, {
        itemId: draftOnly.id,
        language: 'en',
        variant: 'standard',
        title: 'Not yet',
        summary: '',
        body: 'x',
        legalBasis: '',
        lastReviewed: '',
      }),
    );

    const ru = await service.readPublished({ kind: 'guide', slug: 'bill', language: 'ru' });
    assert.deepEqual([ru?.title, ru?.language, ru?.requestedLanguage, ru?.isFallback, ru?.variants], ['Votre facture', 'fr', 'ru', true, ['standard']]);
    const en = await service.readPublished({ kind: 'guide', slug: 'bill', language: 'en' });
    assert.deepEqual([en?.title, en?.isFallback, en?.variants], ['Your bill', false, ['standard', 'easy']]);
    const easy = await service.readPublished({ kind: 'guide', slug: 'bill', language: 'en', variant: 'easy' });
    assert.deepEqual([easy?.title, easy?.variant], ['Your bill (easy)', 'easy']);
    const frEasy = await service.readPublished({ kind: 'guide', slug: 'bill', language: 'fr', variant: 'easy' });
    assert.deepEqual(
      [frEasy?.title, frEasy?.language, frEasy?.isFallback],
      ['Your bill (easy)', 'en', true],
      'no easy-read text in French nor in the source language: the default language has one',
    );
    assert.deepEqual(
      (await service.readPublished({ kind: 'guide', slug: 'bill', language: 'fr' }))?.variants,
      ['standard'],
      'the French page links no easy-read version',
    );
    assert.equal(await service.readPublished({ kind: 'guide', slug: 'roaming', language: 'en', variant: 'easy' }), undefined);
    // Source language (ar) missing: the profile's default (en) is shown.
    const zh = await service.readPublished({ kind: 'guide', slug: 'roaming', language: 'zh' });
    assert.deepEqual([zh?.title, zh?.language, zh?.isFallback], ['Roaming abroad', 'en', true]);
    assert.equal(await service.readPublished({ kind: 'course', slug: 'bill', language: 'en' }), undefined, 'slugs are per kind');
    assert.equal(await service.readPublished({ kind: 'guide', slug: 'x'.repeat(500), language: 'en' }), undefined);

    const list = await service.listPublished({ kind: 'guide', language: 'es' });
    assert.deepEqual(
      list.map((p) => [p.item.slug, p.title, p.language, p.isFallback]),
      [
        ['bill', 'Votre facture', 'fr', true],
        ['roaming', 'Roaming abroad', 'en', true],
      ],
    );
    assert.deepEqual(
      (await service.listPublished({ kind: 'guide', language: 'en', topic: 'roaming' })).map((p) => p.title),
      ['Roaming abroad'],
    );
  });

  test(`coverage shows every language and variant in words, and what is due for review [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database);
    const service = createContentServiceFor(platform);
    const { item, text } = await guideWithEnglishDraft(service);
    valueOf(await service.publish(A.officer, { textId: text.id }));
    const fr = valueOf(
      await service.saveText(A.editor, {
        itemId: item.id,
        language: 'fr',
        variant: 'standard',
        title: 'Votre facture',
        summary: '',
        body: 'x',
        legalBasis: '',
        lastReviewed: '',
      }),
    );
    valueOf(await service.submit(A.editor, { textId: fr.id }));
    platform.clock.set('2027-12-15T09:00:00Z');
    const [row] = await service.coverage();
    assert.equal(row?.title, 'Understanding your bill');
    const cells = Object.fromEntries((row?.cells ?? []).map((c) => [`${c.language}.${c.variant}`, [c.state, c.isPublic, c.isReviewDue]]));
    assert.deepEqual(cells, {
      'en.standard': ['published', true, true],
      'en.easy': ['missing', false, false],
      'fr.standard': ['in_review', false, false],
      'fr.easy': ['missing', false, false],
      'ar.standard': ['missing', false, false],
      'ar.easy': ['missing', false, false],
      'es.standard': ['missing', false, false],
      'es.easy': ['missing', false, false],
      'ru.standard': ['missing', false, false],
      'ru.easy': ['missing', false, false],
      'zh.standard': ['missing', false, false],
      'zh.easy': ['missing', false, false],
    });
    assert.deepEqual(await service.figures(), { inReview: 1, reviewDue: 1 });
    platform.clock.set('2027-11-29T09:00:00Z');
    assert.deepEqual(await service.figures(), { inReview: 1, reviewDue: 0 }, 'reviewed 2026-11-30: due twelve months later');
  });

  test(`forms answer each problem by field, and only editors, officers and administrators act [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database);
    const service = createContentServiceFor(platform);
    const { item, text } = await guideWithEnglishDraft(service);
    const bad = await service.saveText(A.editor, {
      itemId: item.id,
      language: 'de',
      variant: 'plain',
      title: '   ',
      summary: '',
      body: 'x'.repeat(platform.settings.learn.content.maxCharacters + 1),
      legalBasis: '',
      lastReviewed: '2026-02-30',
    });
    assert.deepEqual(bad, {
      ok: false,
      problem: 'invalid',
      issues: [
        { field: 'language', messageKey: 'learn.content.error.languageUnknown' },
        { field: 'variant', messageKey: 'learn.content.error.variantUnknown' },
        { field: 'title', messageKey: 'learn.content.error.titleMissing' },
        { field: 'body', messageKey: 'learn.content.error.bodyTooLong' },
        { field: 'lastReviewed', messageKey: 'learn.content.error.lastReviewedInvalid' },
      ],
    });
    assert.deepEqual(await service.createItem(A.editor, { kind: 'guide', slug: 'Bad Slug', topic: 'weather', sourceLanguage: 'xx' }), {
      ok: false,
      problem: 'invalid',
      issues: [
        { field: 'slug', messageKey: 'learn.content.error.slugInvalid' },
        { field: 'sourceLanguage', messageKey: 'learn.content.error.languageUnknown' },
        { field: 'topic', messageKey: 'learn.content.error.topicUnknown' },
      ],
    });
    assert.deepEqual(await service.createItem(A.editor, { kind: 'guide', slug: item.slug, topic: 'billing', sourceLanguage: 'en' }), {
      ok: false,
      problem: 'invalid',
      issues: [{ field: 'slug', messageKey: 'learn.content.error.slugTaken' }],
    });
    assert.deepEqual(await service.createItem(A.editor, { kind: 'lesson', slug: 'orphan', sourceLanguage: 'en', parentId: item.id }), {
      ok: false,
      problem: 'invalid',
      issues: [{ field: 'parentId', messageKey: 'learn.content.error.courseMissing' }],
    });
    for (const actor of [A.operatorAgent, A.associationRep]) {
      assert.deepEqual(await service.createItem(actor, { kind: 'guide', slug: 'other', topic: 'billing', sourceLanguage: 'en' }), {
        ok: false,
        problem: 'forbidden',
      });
      assert.deepEqual(
        await service.saveText(actor, {
          itemId: item.id,
          language: 'en',
          variant: 'standard',
          title: 'T',
          summary: '',
          body: 'B',
          legalBasis: '',
          lastReviewed: '',
        }),
        { ok: false, problem: 'forbidden' },
      );
      for (const step of [
        service.submit(actor, { textId: text.id }),
        service.returnToDraft(actor, { textId: text.id, note: 'n' }),
        service.publish(actor, { textId: text.id }),
        service.archive(actor, { textId: text.id }),
        service.restore(actor, { textId: text.id, version: 1 }),
      ])
        assert.deepEqual(await step, { ok: false, problem: 'forbidden' });
    }
    assert.deepEqual(await service.publish(A.officer, { textId: 'missing' }), { ok: false, problem: 'notFound' });
    assert.deepEqual(await service.submit(A.editor, { textId: text.id, expectedVersion: 9 }), { ok: false, problem: 'conflict' });
    assert.equal((await service.findTextById(text.id))?.version, 1, 'nothing refused changed the text');
  });

  test(`hostile input finds nothing or is cleaned, never a database error [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database);
    const service = createContentServiceFor(platform);
    const { item, text } = await guideWithEnglishDraft(service);
    for (const odd of ['a\u0000b', "x' or 1=1 --", 'ü'.repeat(300), ''])
      assert.deepEqual(
        await Promise.all([
          service.findItem(odd),
          service.findItemBySlug('guide', odd),
          service.findText(odd, 'en', 'standard'),
          service.findTextById(odd),
          service.readPublished({ kind: 'guide', slug: odd, language: odd }),
          service.listPublished({ kind: 'guide', language: 'en', topic: odd }),
          service.listPublished({ kind: 'lesson', language: 'en', parentId: odd }),
          service.listVersions(odd),
          service.textsOf(odd),
          service.submit(A.editor, { textId: odd }),
        ]),
        [undefined, undefined, undefined, undefined, undefined, [], [], [], [], { ok: false, problem: 'notFound' }],
      );
    const saved = await service.saveText(A.editor, {
      itemId: item.id,
      language: 'en',
      variant: 'standard',
      title: 'Bill\u0000s',
      summary: '\u0000',
      body: 'Body\u0000 text',
      legalBasis: '',
      lastReviewed: '',
      expectedVersion: text.version,
    });
    assert.deepEqual(saved.ok && [saved.value.title, saved.value.summary, saved.value.body], ['Bills', '', 'Body text']);
    const returned = await service.returnToDraft(A.officer, { textId: text.id, note: '\u0000' });
    assert.deepEqual(returned, { ok: false, problem: 'invalid', issues: [{ field: 'note', messageKey: 'learn.content.error.noteMissing' }] });
  });
}
