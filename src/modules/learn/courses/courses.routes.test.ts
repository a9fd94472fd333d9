import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { buildApp } from '../../../app.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { CONTENT_TEST_MODULES, createContentTestPlatform } from '../testing/content-platform.ts';
import { seedCoursesDemo } from './courses.demo.ts';
import { rightQuizFields } from '../testing/course-answers.ts';
import { createCoursesServiceFor } from './courses.wiring.ts';
import { createContentServiceFor } from '../content/content.wiring.ts';
import { verifyOpenBadge, badgeBelongsTo, type BadgeJwks } from './badges/open-badge.ts';

const databases = openTestDatabases(allMigrations(CONTENT_TEST_MODULES));

async function demoApp(database: Parameters<typeof createContentTestPlatform>[0]): Promise<{ platform: Platform; app: App }> {
  const platform = await createContentTestPlatform(database, { PUBLIC_URL: 'https://kinga.example' });
  await seedCoursesDemo(platform);
  return { platform, app: await buildApp(platform, CONTENT_TEST_MODULES) };
}

for (const database of databases.all) {
  test(`the demo's courses are listed, read lesson by lesson and their quiz is a form that works without script [${database.dialect}]`, async () => {
    const { platform, app } = await demoApp(database);
    await seedCoursesDemo(platform);
    const list = await app.inject('/learn/courses?lang=en');
    assert.equal(list.statusCode, 200);
    const order = ['Safe mobile money', 'check', 'bill'].map((w) => list.body.search(new RegExp(w, 'i')));
    assert.ok(
      order.every((p, i) => p > 0 && (i === 0 || p > (order[i - 1] ?? 0))),
      `three courses in order: ${order.join(',')}`,
    );
    assert.match(list.body, /About 15 minutes/);

    const course = await app.inject('/learn/courses/safe-mobile-money?lang=ar');
    assert.equal(course.statusCode, 200);
    assert.match(course.body, /<html lang="ar" dir="rtl"/);
    const lessonLinks = [...course.body.matchAll(/href="\/learn\/courses\/safe-mobile-money\/([a-z-]+)\?lang=ar"/g)].map((m) => m[1]);
    assert.deepEqual(lessonLinks, ['protect-your-pin', 'reversal-scams', 'sim-swap', 'quiz']);

    const lesson = await app.inject('/learn/courses/safe-mobile-money/reversal-scams?lang=en');
    assert.equal(lesson.statusCode, 200);
    assert.match(lesson.body, /Lesson 2 of 3/);
    assert.match(lesson.body, /rel="prev"/);
    assert.match(lesson.body, /href="\/learn\/courses\/safe-mobile-money\/sim-swap\?lang=en" rel="next"/);
    assert.equal((await app.inject('/learn/courses/check-a-phone/reversal-scams?lang=en')).statusCode, 404, 'a lesson of another course');
    assert.equal((await app.inject('/learn/courses/no-such-course?lang=en')).statusCode, 404);

    const quiz = await app.inject('/learn/courses/your-bill-and-data/quiz?lang=en');
    assert.equal(quiz.statusCode, 200);
    const body = quiz.body;
    assert.ok(!/<script/.test(body), 'no script');
    assert.equal((body.match(/<fieldset/g) ?? []).length, (body.match(/<legend/g) ?? []).length);
    assert.match(body, /type="checkbox"/);
    assert.match(body, /type="radio"/);
    assert.match(body, /inputmode="decimal"/);
    assert.match(body, /<select/);
    for (const id of [...body.matchAll(/<(?:input|select)[^>]*\sid="([^"]+)"/g)].map((m) => m[1])) {
      if (id === undefined) continue;
      assert.ok(body.includes(`for="${id}"`), `control ${id} has a label`);
    }
    await app.close();
  });

  test(`a learner fails, tries again, passes, prints a certificate and downloads a verifiable badge; nothing about them is stored [${database.dialect}]`, async () => {
    const { platform, app } = await demoApp(database);
    const learner = createWebClient(app, '10.1.0.1');
    await learner.get('/learn/courses/check-a-phone/quiz?lang=en');
    const empty = await learner.post('/learn/courses/check-a-phone/quiz?lang=en', {});
    assert.equal(empty.statusCode, 422, 'no answer at all is a slip, not an attempt');
    assert.match(empty.body, /Answer at least one question/);
    const failed = await learner.post('/learn/courses/check-a-phone/quiz?lang=en', { q0: '99', q1: '14' });
    assert.equal(failed.statusCode, 200);
    assert.match(failed.body, /aria-live="polite"/);
    assert.match(failed.body, /Not passed this time/);
    assert.match(failed.body, /Not answered\./);
    assert.match(failed.body, /Try the quiz again/);
    assert.ok(!failed.body.includes('name="pass"'), 'no certificate for a fail');

    await learner.get('/learn/courses/check-a-phone/quiz?lang=en');
    const passed = await learner.post('/learn/courses/check-a-phone/quiz?lang=en', await rightQuizFields(platform, 'check-a-phone', 'en'));
    assert.match(passed.body, /Well done: you passed/);
    assert.match(passed.body, /\(100%\)/);
    const proof = /name="pass" value="([^"]+)"/.exec(passed.body)?.[1];
    assert.ok(proof);

    const noName = await learner.post('/learn/courses/check-a-phone/certificate?lang=en', { pass: proof, name: ' ' });
    assert.equal(noName.statusCode, 422);
    const certificate = await learner.post('/learn/courses/check-a-phone/certificate?lang=en', { pass: proof, name: 'Achieng Otieno' });
    assert.equal(certificate.statusCode, 200);
    assert.match(certificate.body, /Achieng Otieno/);
    assert.match(certificate.body, /Demo Communications Authority/);
    assert.match(certificate.body, /href="\/assets\/learn\/courses.css"/);
    assert.match(String((await app.inject('/assets/learn/courses.css')).headers['content-type']), /^text\/css/);
    const forged = await learner.post('/learn/courses/check-a-phone/certificate?lang=en', { pass: `${proof.split('.')[0]}.AAAA`, name: 'X' });
    assert.equal(forged.statusCode, 422);
    const otherCourse = await learner.post('/learn/courses/safe-mobile-money/certificate?lang=en', { pass: proof, name: 'X' });
    assert.equal(otherCourse.statusCode, 422, 'a pass proves one course');

    const badEmail = await learner.post('/learn/courses/check-a-phone/badge?lang=en', { pass: proof, email: 'nobody', format: 'jwt' });
    assert.equal(badEmail.statusCode, 422);
    const badge = await learner.post('/learn/courses/check-a-phone/badge?lang=en', { pass: proof, email: 'Achieng@Example.org', format: 'jwt' });
    assert.equal(badge.statusCode, 200);
    assert.match(String(badge.headers['content-disposition']), /attachment; filename="check-a-phone-badge\.jwt"/);
    const jwks = (await app.inject('/learn/badges/jwks.json')).json<BadgeJwks>();
    const verified = verifyOpenBadge(badge.body, jwks, platform.clock.now());
    assert.ok(verified.valid, JSON.stringify(verified));
    assert.ok(badgeBelongsTo(verified.credential, 'achieng@example.org'));
    assert.equal(verified.credential.credentialSubject.achievement.id, 'https://kinga.example/learn/courses/check-a-phone');
    const issuer = await app.inject('/learn/badges/issuer');
    assert.equal(issuer.json<{ id: string }>().id, verified.credential.issuer.id, 'the issuer named in a badge is served at its id');
    assert.equal(issuer.json<{ name: string }>().name, verified.credential.issuer.name);
    const json = await learner.post('/learn/courses/check-a-phone/badge?lang=en', { pass: proof, email: 'a@example.org', format: 'json' });
    assert.match(String(json.headers['content-type']), /application\/json/);
    assert.equal(json.json<{ type: string[] }>().type.includes('OpenBadgeCredential'), true);

    const dump = JSON.stringify(
      await Promise.all(
        ['learn_quiz_stats', 'learn_quiz_question_stats', 'learn_quizzes', 'learn_courses', 'audit_log'].map((table) =>
          platform.db.kysely
            .selectFrom(table as 'learn_quiz_stats')
            .selectAll()
            .execute(),
        ),
      ),
    );
    assert.ok(!/Achieng|example\.org|10\.1\.0\.1/i.test(dump), 'neither name, address nor network address is stored');
    await app.close();
  });
}

/** Posts the import form as a browser does, with the file (when given) as a multipart part. */
async function postImport(
  app: App,
  client: ReturnType<typeof createWebClient>,
  id: string,
  fields: Record<string, string>,
  file?: { name: string; text: string },
) {
  const boundary = '----kinga-test-boundary';
  const parts = Object.entries({ _csrf: client.csrfToken ?? '', ...fields }).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  if (file)
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/plain\r\n\r\n${file.text}\r\n`);
  return app.inject({
    method: 'POST',
    url: `/staff/learn/courses/${id}/quiz`,
    headers: {
      accept: 'text/html',
      cookie: [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: `${parts.join('')}--${boundary}--\r\n`,
  });
}

for (const database of databases.all) {
  test(`staff import a quiz from a file or the text box, see each problem with its line, export it exactly and read the anonymous counts [${database.dialect}]`, async () => {
    const { platform, app } = await demoApp(database);
    const course = await createContentServiceFor(platform).findItemBySlug('course', 'your-bill-and-data');
    assert.ok(course);
    const editor = createWebClient(app, '10.2.0.1');
    await signIn(editor, platform, await buildStaffAccount(platform, { role: 'editor' }));
    const list = await editor.get('/staff/learn/courses');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`/staff/learn/courses/${course.id}`));
    const page = await editor.get(`/staff/learn/courses/${course.id}?lang=fr`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Importer un quiz/);
    await editor.get(`/staff/learn/courses/${course.id}?lang=en`);

    const broken = "::A::Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}\n\n::B::Two plus two?{=4 ~5\n\n::C::Sky is blue.{T}\n";
    const refused = await postImport(app, editor, course.id, { language: 'en', passMark: '60', gift: broken });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Line 3: the answers are not closed/);

    const grant = "Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}";
    const previewed = await postImport(app, editor, course.id, { language: 'en', passMark: '60', gift: grant, intent: 'preview' });
    assert.equal(previewed.statusCode, 200);
    assert.match(previewed.body, /Preview/);
    assert.match(previewed.body, /no one/);
    const before = await createCoursesServiceFor(platform).findQuiz(course.id, 'en');
    assert.equal(before?.version, 1, 'a preview stores nothing');

    const badMark = await postImport(app, editor, course.id, { language: 'en', passMark: '101', gift: grant });
    assert.equal(badMark.statusCode, 422);
    assert.match(badMark.body, /pass mark as a whole number from 1 to 100/);

    const file = `// A one-question quiz\n${grant}\n`;
    const imported = await postImport(app, editor, course.id, { language: 'en', passMark: '60', gift: '' }, { name: 'grant.gift', text: file });
    assert.equal(imported.statusCode, 200, imported.body.slice(0, 400));
    assert.match(imported.body, /Imported 1 question in English/);
    const exported = await editor.get(`/staff/learn/courses/${course.id}/quiz/en.gift`);
    assert.equal(exported.statusCode, 200);
    assert.equal(exported.body, file, 'the export is the file imported, byte for byte');
    assert.match(String(exported.headers['content-disposition']), /your-bill-and-data\.en\.gift/);
    const quiz = await createCoursesServiceFor(platform).findQuiz(course.id, 'en');
    assert.equal(quiz?.version, 2);
    assert.equal(quiz?.passMark, 60);
    const versions = await platform.db.kysely
      .selectFrom('learn_quiz_versions')
      .select(['version', 'actor'])
      .where('quiz_id', '=', quiz?.id ?? '')
      .orderBy('version')
      .execute();
    assert.deepEqual(
      versions.map((v) => Number(v.version)),
      [1, 2],
    );
    const audit = await platform.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'learn.courses.quiz_imported').execute();
    assert.ok(audit.length >= 19, 'every import is audited (the demo quizzes and this one)');

    // Two learners: one right, one wrong; the counts hold attempts, passes and average credit per question.
    for (const [address, choice] of [
      ['10.3.0.1', '2'],
      ['10.3.0.2', '0'],
    ] as const) {
      const learner = createWebClient(app, address);
      await learner.get('/learn/courses/your-bill-and-data/quiz?lang=en');
      const result = await learner.post('/learn/courses/your-bill-and-data/quiz?lang=en', { q0: choice });
      assert.equal(result.statusCode, 200);
    }
    const stats = await createCoursesServiceFor(platform).statsOf(course.id);
    assert.deepEqual(
      stats.find((s) => s.language === 'en'),
      { language: 'en', version: 2, attempts: 2, passes: 1, averageCredits: [0.5] },
    );
    const withStats = await editor.get(`/staff/learn/courses/${course.id}?lang=en`);
    assert.match(withStats.body, /Q1: 50%/);

    const preview = await editor.get(`/staff/learn/courses/${course.id}/quiz/fr`);
    assert.equal(preview.statusCode, 200);
    assert.equal((await editor.get(`/staff/learn/courses/${course.id}/quiz/de.gift`)).statusCode, 404);
    await app.close();
  });

  test(`only editors, officers and administrators open the course staff pages [${database.dialect}]`, async () => {
    const { platform, app } = await demoApp(database);
    const course = await createContentServiceFor(platform).findItemBySlug('course', 'check-a-phone');
    assert.ok(course);
    const anonymous = await app.inject({ url: '/staff/learn/courses', headers: { accept: 'text/html' } });
    assert.equal(anonymous.statusCode, 303);
    for (const role of ['operator_agent', 'association_rep'] as const) {
      const client = createWebClient(app, role === 'operator_agent' ? '10.4.0.1' : '10.4.0.2');
      await signIn(client, platform, await buildStaffAccount(platform, { role }));
      for (const path of [
        '/staff/learn/courses',
        `/staff/learn/courses/${course.id}`,
        `/staff/learn/courses/${course.id}/quiz/en.gift`,
        `/staff/learn/courses/${course.id}/quiz/en`,
      ])
        assert.equal((await client.get(path)).statusCode, 403, `${role} ${path}`);
      assert.equal((await postImport(app, client, course.id, { language: 'en', passMark: '50', gift: 'Q?{T}' })).statusCode, 403, `${role} import`);
      assert.equal((await client.post(`/staff/learn/courses/${course.id}/minutes`, { minutes: '9' })).statusCode, 403, `${role} minutes`);
    }
    for (const role of ['editor', 'officer', 'admin'] as const) {
      const client = createWebClient(app, `10.5.0.${role.length}`);
      await signIn(client, platform, await buildStaffAccount(platform, { role }));
      assert.equal((await client.get(`/staff/learn/courses/${course.id}`)).statusCode, 200, role);
    }
    const officer = createWebClient(app, '10.5.1.1');
    await signIn(officer, platform, await buildStaffAccount(platform, { role: 'officer' }));
    await officer.get(`/staff/learn/courses/${course.id}`);
    assert.equal((await officer.post(`/staff/learn/courses/${course.id}/minutes`, { minutes: 'ten' })).statusCode, 422);
    assert.equal((await officer.post(`/staff/learn/courses/${course.id}/minutes`, { minutes: '12' })).statusCode, 303);
    assert.equal(await createCoursesServiceFor(platform).minutesOf(course.id), 12);
    await app.close();
  });
}
