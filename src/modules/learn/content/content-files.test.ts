import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTempDir } from '../../../../test/helpers/temp-dir.ts';
import { allMigrations } from '../../../platform/create.ts';
import { CONTENT_ACTORS as A, CONTENT_TEST_MODULES, createContentTestPlatform } from '../testing/content-platform.ts';
import { ContentFileError, loadContentFiles, parseContentFile } from './content-files.ts';
import { createContentServiceFor } from './content.wiring.ts';

const databases = openTestDatabases(allMigrations(CONTENT_TEST_MODULES));

const GUIDE_EN = `---
title: Understanding your bill
summary: What every line of a phone bill means.
topic: billing
legalBasis: Consumer Protection Regulations 2025, section 12
lastReviewed: 2026-11-30
---
Your operator must show **every** charge.
`;

test('a well-formed file is read with its slug, language and variant', () => {
  const easy = parseContentFile('bill.easy.fr.md', GUIDE_EN.replace('Understanding your bill', 'Votre facture'), 'guide');
  assert.deepEqual(easy, {
    ok: true,
    value: {
      file: 'bill.easy.fr.md',
      slug: 'bill',
      language: 'fr',
      variant: 'easy',
      title: 'Votre facture',
      summary: 'What every line of a phone bill means.',
      topic: 'billing',
      legalBasis: 'Consumer Protection Regulations 2025, section 12',
      lastReviewed: '2026-11-30',
      body: 'Your operator must show **every** charge.\n',
      extra: {},
    },
  });
  const crlf = parseContentFile('bill.en.md', `\uFEFF${GUIDE_EN.replace(/\n/g, '\r\n')}`, 'guide');
  assert.equal(crlf.ok && crlf.value.title, 'Understanding your bill', 'a byte-order mark and Windows line ends are read');
});

const COURSE_EN = `---
title: Safe mobile money
summary: Keep your money and your SIM safe.
passMark: 70
lastReviewed: 2026-11-30
---
Who this course is for.
`;

test('a caller reads the extra keys it names; the legal basis may be left out', () => {
  const course = parseContentFile('course.en.md', COURSE_EN, 'course', { extraKeys: ['passMark', 'minutes'] });
  assert.deepEqual(course.ok && [course.value.extra, course.value.legalBasis, course.value.topic], [{ passMark: '70' }, '', null]);
  const twice = parseContentFile('course.en.md', COURSE_EN.replace('passMark: 70', 'passMark: 70\npassMark: 80'), 'course', { extraKeys: ['passMark'] });
  assert.deepEqual(twice.ok ? [] : twice.problems.map((p) => `${p.line}: ${p.message}`), ['5: "passMark" is given twice']);
});

test('anything else is refused with its file and line', () => {
  const problems = (name: string, text: string, kind: 'guide' | 'course' | 'lesson' = 'guide') => {
    const parsed = parseContentFile(name, text, kind);
    return parsed.ok ? [] : parsed.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
  };
  assert.deepEqual(problems('Bill.en.md', GUIDE_EN), [
    'Bill.en.md:1: the name must be <slug>.<language>.md or <slug>.easy.<language>.md, the slug in lower-case letters, digits and hyphens',
  ]);
  assert.deepEqual(problems('bill.de.md', GUIDE_EN), ['bill.de.md:1: "de" is not one of Kinga\'s languages (en, fr, ar, es, ru, zh)']);
  assert.deepEqual(problems('bill.simple.en.md', GUIDE_EN)[0]?.startsWith('bill.simple.en.md:1: the name must be'), true);
  assert.deepEqual(problems('bill.en.md', `title: x\n${GUIDE_EN}`), ['bill.en.md:1: the file must start with a line "---"']);
  assert.deepEqual(problems('bill.en.md', GUIDE_EN.replace('\n---\nYour', '\nYour')), [
    'bill.en.md:7: expected "key: value" or the closing "---"',
    'bill.en.md:8: expected "key: value" or the closing "---"',
    'bill.en.md:8: the front matter is not closed by a line "---"',
  ]);
  assert.deepEqual(problems('bill.en.md', GUIDE_EN.replace('lastReviewed: 2026-11-30', 'lastReviewed: 30/11/2026\nauthor: me\ntitle: Again')), [
    'bill.en.md:6: lastReviewed must be a date written YYYY-MM-DD',
    'bill.en.md:7: unknown key "author" (known: title, summary, topic, legalBasis, lastReviewed)',
    'bill.en.md:8: "title" is given twice',
  ]);
  assert.deepEqual(problems('bill.en.md', GUIDE_EN.replace('topic: billing\n', '').replace('summary: What every line of a phone bill means.', 'summary:')), [
    'bill.en.md:3: "summary" is empty',
    'bill.en.md:6: "topic" is missing (a guide names its topic)',
  ]);
  assert.deepEqual(problems('money.en.md', GUIDE_EN, 'course'), ['money.en.md:4: only a guide has a topic, not a course']);
  assert.deepEqual(problems('course.en.md', COURSE_EN, 'course'), [
    'course.en.md:4: unknown key "passMark" (known: title, summary, topic, legalBasis, lastReviewed)',
  ]);
  assert.deepEqual(problems('bill.en.md', GUIDE_EN.replace('Your operator must show **every** charge.\n', '\n  \n')), [
    'bill.en.md:8: the Markdown body after the front matter is empty',
  ]);
});

for (const database of databases.all) {
  test(`a folder loads published as Kinga itself, in order, once; a second run leaves staff edits alone [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database);
    const service = createContentServiceFor(platform);
    const folder = createTempDir('content-files');
    writeFileSync(join(folder, 'bill.en.md'), GUIDE_EN);
    writeFileSync(join(folder, 'bill.fr.md'), GUIDE_EN.replace('Understanding your bill', 'Comprendre votre facture'));
    writeFileSync(join(folder, 'bill.easy.en.md'), GUIDE_EN.replace('Understanding your bill', 'Your bill in easy words'));
    writeFileSync(join(folder, 'roaming.ar.md'), GUIDE_EN.replace('Understanding your bill', 'التجوال').replace('billing', 'roaming'));
    writeFileSync(join(folder, 'notes.txt'), 'not content');
    const options = { folder, kind: 'guide' as const, languages: ['en', 'fr'], defaultLanguage: 'en', order: ['roaming', 'bill'] };
    const { files, ...first } = await loadContentFiles(service, options);
    assert.deepEqual(first, {
      created: ['bill'],
      published: ['bill.easy.en', 'bill.standard.en', 'bill.standard.fr'],
      skipped: ['roaming.standard.ar'],
    });
    assert.deepEqual(
      files.map((f) => f.file),
      ['bill.easy.en.md', 'bill.en.md', 'bill.fr.md', 'roaming.ar.md'],
    );
    const all = await loadContentFiles(service, { ...options, languages: ['en', 'fr', 'ar'] });
    assert.deepEqual(all.created, ['roaming']);
    assert.deepEqual(
      (await service.listItems({ kind: 'guide' })).map((i) => [i.slug, i.position, i.sourceLanguage, i.topic, i.createdBy]),
      [
        ['roaming', 0, 'ar', 'roaming', 'system'],
        ['bill', 1, 'en', 'billing', 'system'],
      ],
    );
    const fr = await service.readPublished({ kind: 'guide', slug: 'bill', language: 'fr' });
    assert.deepEqual(
      [fr?.title, fr?.lastReviewed, fr?.html],
      ['Comprendre votre facture', '2026-11-30', '<p>Your operator must show <strong>every</strong> charge.</p>\n'],
    );

    // An editor changes the English text; loading again keeps it.
    const en = await service.findText((await service.findItemBySlug('guide', 'bill'))?.id ?? '', 'en', 'standard');
    assert.ok(en);
    const edited = await service.saveText(A.editor, {
      itemId: en.itemId,
      language: 'en',
      variant: 'standard',
      title: 'Edited',
      summary: '',
      body: 'New.',
      legalBasis: '',
      lastReviewed: '',
    });
    assert.ok(edited.ok);
    const { files: _again, ...again } = await loadContentFiles(service, { ...options, languages: ['en', 'fr', 'ar'] });
    assert.deepEqual(again, { created: [], published: [], skipped: ['roaming.standard.ar', 'bill.easy.en', 'bill.standard.en', 'bill.standard.fr'] });
    assert.equal((await service.findText(en.itemId, 'en', 'standard'))?.title, 'Edited');
    assert.equal((await service.listVersions(en.id)).length, 3, "created, published, then the editor's save");
  });

  test(`a wrong file stops the load before anything is written [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database);
    const service = createContentServiceFor(platform);
    const folder = createTempDir('content-files');
    writeFileSync(join(folder, 'bill.en.md'), GUIDE_EN);
    writeFileSync(join(folder, 'bill.fr.md'), GUIDE_EN.replace('billing', 'roaming'));
    writeFileSync(join(folder, 'zz.en.md'), GUIDE_EN.replace('lastReviewed: 2026-11-30', 'lastReviewed: soon'));
    await assert.rejects(loadContentFiles(service, { folder, kind: 'guide', languages: ['en', 'fr'], defaultLanguage: 'en' }), (error: unknown) => {
      assert.ok(error instanceof ContentFileError);
      assert.equal(
        error.message,
        [
          'zz.en.md:6: lastReviewed must be a date written YYYY-MM-DD',
          'bill.en.md:1: the files of "bill" name different topics',
          'bill.fr.md:1: the files of "bill" name different topics',
        ].join('\n'),
      );
      return true;
    });
    assert.deepEqual(await service.listItems(), []);
  });

  test(`a course's folder loads its lessons under the slugs the caller gives, leaving the course's own file to it [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database);
    const service = createContentServiceFor(platform);
    const course = await service.createItem(A.system, { kind: 'course', slug: 'safe-mobile-money', sourceLanguage: 'en' });
    assert.ok(course.ok);
    const folder = createTempDir('content-files');
    writeFileSync(join(folder, 'course.en.md'), COURSE_EN);
    writeFileSync(join(folder, 'quiz.en.gift'), '::Q1:: 2+2 {#4}');
    const lesson = COURSE_EN.replace('passMark: 70\n', '');
    writeFileSync(join(folder, '02-pins.en.md'), lesson.replace('Safe mobile money', 'Your PIN'));
    writeFileSync(join(folder, '01-sim-swap.en.md'), lesson.replace('Safe mobile money', 'SIM swap'));
    const load = await loadContentFiles(service, {
      folder,
      kind: 'lesson',
      languages: ['en'],
      defaultLanguage: 'en',
      parentId: course.value.id,
      extraKeys: ['passMark', 'minutes'],
      include: (slug) => slug !== 'course',
      slugOf: (slug) => `safe-mobile-money-${slug.replace(/^[0-9]+-/, '')}`,
    });
    assert.deepEqual(load.created, ['safe-mobile-money-pins', 'safe-mobile-money-sim-swap']);
    const lessons = await service.listPublished({ kind: 'lesson', language: 'en', parentId: course.value.id });
    assert.deepEqual(
      lessons.map((l) => [l.item.slug, l.title]),
      [
        ['safe-mobile-money-pins', 'Your PIN'],
        ['safe-mobile-money-sim-swap', 'SIM swap'],
      ],
      'in the order of their slugs unless the caller gives one',
    );
  });
}
