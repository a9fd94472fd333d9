import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { CONTENT_ACTORS as A, CONTENT_TEST_MODULES, createContentTestPlatform } from '../testing/content-platform.ts';
import { createContentServiceFor } from '../content/content.wiring.ts';
import { DEMO_COURSES, seedCoursesDemo } from './courses.demo.ts';
import { createCoursesServiceFor } from './courses.wiring.ts';
import { readCoursePass, signCoursePass } from './course-pass.ts';
import { responsesFromFields } from './quiz-form.ts';
import { parseGift, serialiseGift } from './gift.ts';

const databases = openTestDatabases(allMigrations(CONTENT_TEST_MODULES));
const GRANT = "Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}\n";

for (const database of databases.all) {
  test(`the demo loads three courses of three lessons with a quiz in six languages, once; every quiz exports as its file [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database);
    await seedCoursesDemo(platform);
    const count = async (table: 'learn_items' | 'learn_texts' | 'learn_quizzes' | 'learn_quiz_versions') =>
      Number(
        (
          await platform.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const first = {
      items: await count('learn_items'),
      texts: await count('learn_texts'),
      quizzes: await count('learn_quizzes'),
      versions: await count('learn_quiz_versions'),
    };
    assert.deepEqual(first, { items: 12, texts: 72, quizzes: 18, versions: 18 });
    await seedCoursesDemo(platform);
    assert.deepEqual(
      {
        items: await count('learn_items'),
        texts: await count('learn_texts'),
        quizzes: await count('learn_quizzes'),
        versions: await count('learn_quiz_versions'),
      },
      first,
      'a second run changes nothing',
    );

    const content = createContentServiceFor(platform);
    const courses = createCoursesServiceFor(platform);
    const listed = await courses.listCourses('ru');
    assert.deepEqual(
      listed.map((c) => [c.text.item.slug, c.text.language, c.minutes, c.languages.length]),
      DEMO_COURSES.map((slug) => [slug, 'ru', listed.find((c) => c.text.item.slug === slug)?.minutes, 6]),
    );
    assert.ok(listed.every((c) => (c.minutes ?? 0) > 0));
    const types = new Set<string>();
    for (const slug of DEMO_COURSES) {
      const course = await content.findItemBySlug('course', slug);
      assert.ok(course);
      const lessons = await content.listPublished({ kind: 'lesson', language: 'zh', parentId: course.id });
      assert.equal(lessons.length, 3, slug);
      assert.deepEqual(
        lessons.map((l) => l.item.position),
        [0, 1, 2],
      );
      for (const quiz of await courses.listQuizzes(course.id)) {
        const file = readFileSync(new URL(`./demo/${slug}/quiz.${quiz.language}.gift`, import.meta.url), 'utf8');
        assert.equal(quiz.gift, file, 'stored exactly as the file');
        assert.equal(quiz.passMark, 70);
        assert.deepEqual(parseGift(serialiseGift(quiz.questions)).questions, quiz.questions, `${slug}.${quiz.language} round-trips`);
        for (const q of quiz.questions) types.add(q.type);
      }
    }
    assert.deepEqual([...types].sort(), ['matching', 'multipleChoice', 'numerical', 'shortAnswer', 'singleChoice', 'trueFalse']);
  });

  test(`imports are refused to other roles, for hostile files and stale versions; attempts are counted without identity [${database.dialect}]`, async () => {
    const platform = await createContentTestPlatform(database);
    const content = createContentServiceFor(platform);
    const courses = createCoursesServiceFor(platform);
    const created = await content.createItem(A.editor, { kind: 'course', slug: 'test-course', sourceLanguage: 'en' });
    assert.ok(created.ok);
    const courseId = created.value.id;
    const input = { courseId, language: 'en', gift: GRANT, passMark: '50' };
    assert.deepEqual(await courses.importQuiz(A.operatorAgent, input), { ok: false, problem: 'forbidden' });
    assert.deepEqual(await courses.importQuiz(A.associationRep, input), { ok: false, problem: 'forbidden' });
    assert.deepEqual(await courses.importQuiz(A.editor, { ...input, courseId: 'nope' }), { ok: false, problem: 'notFound' });
    const invalid = await courses.importQuiz(A.editor, { ...input, language: 'de', passMark: '0', gift: '  ' });
    assert.deepEqual(invalid.ok ? [] : 'issues' in invalid ? invalid.issues.map((i) => i.field) : [], ['language', 'passMark', 'gift']);
    const tooLong = await courses.importQuiz(A.editor, { ...input, gift: 'x'.repeat(platform.settings.learn.courses.maxQuizCharacters + 1) });
    assert.equal(!tooLong.ok && tooLong.problem === 'gift' ? tooLong.problems[0]?.kind : undefined, 'tooLong');
    const broken = await courses.importQuiz(A.editor, { ...input, gift: `${GRANT}\nEssay?{}\n` });
    assert.deepEqual(!broken.ok && broken.problem === 'gift' ? broken.problems.map((p) => [p.line, p.key]) : [], [[3, 'learn.gift.problem.essayNotSupported']]);
    assert.equal(await courses.findQuiz(courseId, 'en'), undefined, 'a file with a problem is refused whole');

    const quiz = await courses.importQuiz(A.editor, { ...input, expectedVersion: 0 });
    assert.ok(quiz.ok);
    assert.deepEqual(await courses.importQuiz(A.officer, { ...input, expectedVersion: 0 }), { ok: false, problem: 'conflict' });
    const second = await courses.importQuiz(A.officer, { ...input, passMark: 100, expectedVersion: 1 });
    assert.ok(second.ok);
    assert.equal(second.value.version, 2);

    const right = await courses.takeQuiz(second.value, responsesFromFields(second.value.questions, { q0: '2' }));
    const wrong = await courses.takeQuiz(second.value, responsesFromFields(second.value.questions, { q0: '1' }));
    const hostile = await courses.takeQuiz(second.value, responsesFromFields(second.value.questions, { q0: '99', q1: 'x', 'q0-0': ['1', '2'] }));
    assert.deepEqual([right.isPassed, wrong.isPassed, hostile.questions[0]?.isAnswered], [true, false, false]);
    assert.deepEqual(await courses.statsOf(courseId), [{ language: 'en', version: 2, attempts: 3, passes: 1, averageCredits: [0.33333] }]);
  });
}

test('a proof of a pass opens its course for a while, and is refused changed, for another course or too old', () => {
  // A keyed hash as the keyring's: HMAC-SHA-256 in base64url.
  const hash = (value: string, purpose: string) => createHmac('sha256', 'test key').update(`${purpose}\u0000${value}`).digest('base64url');
  const equals = (a: string, b: string) => a === b;
  const pass = { course: 'check-a-phone', language: 'ar', percent: 85.71, passedAt: '2026-12-01T09:00:00.000Z' };
  const proof = signCoursePass(pass, hash);
  const at = (iso: string) => ({ course: 'check-a-phone', now: new Date(iso), maxHours: 24 });
  assert.deepEqual(readCoursePass(proof, at('2026-12-01T20:00:00Z'), hash, equals), pass);
  assert.equal(readCoursePass(proof, at('2026-12-02T09:00:01Z'), hash, equals), undefined, 'too old');
  assert.equal(readCoursePass(proof, { ...at('2026-12-01T10:00:00Z'), course: 'safe-mobile-money' }, hash, equals), undefined, 'another course');
  const [payload = '', mac = ''] = proof.split('.');
  const changed = Buffer.from(JSON.stringify(['check-a-phone', 'ar', 100, pass.passedAt])).toString('base64url');
  assert.equal(readCoursePass(`${changed}.${mac}`, at('2026-12-01T10:00:00Z'), hash, equals), undefined, 'a changed score');
  for (const garbage of ['', '.', `${payload}`, `${payload}.${mac}.x`, 'x'.repeat(2000), `${Buffer.from('{"a":1}').toString('base64url')}.x`])
    assert.equal(readCoursePass(garbage, at('2026-12-01T10:00:00Z'), hash, equals), undefined, garbage.slice(0, 20));
});
