import type { FastifyReply } from 'fastify';
import type { App, ModuleStaffLink } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { registerMultipartForm, uploadedFilesOf } from '../../../platform/http/multipart-form.ts';
import { requireUser, staffOf } from '../../../platform/auth/index.ts';
import { EMPTY_FORM, type FormState } from '../../../platform/web/components.tsx';
import { sendPage } from '../../../platform/web/render.ts';
import type { PageContext } from '../../../platform/web/context.ts';
import { CONTENT_ROLES, type ContentActor } from '../content/content.policy.ts';
import { createContentServiceFor } from '../content/content.wiring.ts';
import type { PublishedText } from '../content/content.service.ts';
import { BADGE_ISSUER_PATH, BADGE_JWKS_PATH, OPEN_BADGE_CONTEXTS, badgeSignerOf, issuerJwks, openBadgeCredential } from './badges/open-badge.ts';
import { parseGift } from './gift.ts';
import { createCoursesServiceFor } from './courses.wiring.ts';
import type { Quiz } from './courses.service.ts';
import { readCoursePass, signCoursePass } from './course-pass.ts';
import { fieldName, responsesFromFields } from './quiz-form.ts';
import { COURSE_PATHS } from './courses.paths.ts';
import {
  BadgeBody,
  CertificateBody,
  CourseParams,
  ImportBody,
  LessonParams,
  MinutesBody,
  PageQuery,
  QuizBody,
  StaffCourseParams,
  StaffQuizParams,
} from './courses.schemas.ts';
import {
  CertificatePage,
  CoursePage,
  CoursesListPage,
  LessonPage,
  PassPage,
  QuizPage,
  QuizResultPage,
  StaffCoursePage,
  StaffCoursesPage,
  languageName,
  type StaffCourseProps,
} from './courses.views.tsx';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}$/;

/** The staff dashboard's link to the courses. */
export const COURSES_STAFF_LINK: ModuleStaffLink = {
  href: COURSE_PATHS.staffList,
  labelKey: 'learn.courses.staff.title',
  descriptionKey: 'learn.courses.staff.link',
  roles: CONTENT_ROLES,
};

/** Registers the public course pages, the quiz, the certificate and badge, the key set, and the staff's course pages. */
export async function registerCourseRoutes(app: App, platform: Platform): Promise<void> {
  const content = createContentServiceFor(platform);
  const courses = createCoursesServiceFor(platform);
  const { config, keyring, clock } = platform;
  const settings = platform.settings.learn.courses;
  const siteUrl = config.publicUrl;
  const signer = badgeSignerOf(keyring);
  const hash = (value: string, purpose: string) => keyring.hash(value, purpose);
  const equals = (a: string, b: string) => keyring.equals(a, b);

  const courseOf = async (slug: string, language: string): Promise<PublishedText> => {
    const course = await content.readPublished({ kind: 'course', slug, language });
    if (!course) throw new NotFound('LEARN_COURSE_NOT_FOUND');
    return course;
  };
  const quizOf = (course: PublishedText, language: string): Promise<Quiz | undefined> =>
    courses.quizFor(course.item.id, [...new Set([course.language, language, course.item.sourceLanguage, config.jurisdiction.defaultLanguage])]);

  app.get(BADGE_JWKS_PATH, async (_request, reply) =>
    reply.type('application/jwk-set+json').header('cache-control', 'public, max-age=3600').send(issuerJwks(signer, siteUrl)),
  );

  // The issuer's profile, at the address every badge names as its issuer's id, so that a verifier can dereference it.
  const site = siteUrl.replace(/\/+$/, '');
  const authority = config.jurisdiction.authority;
  app.get(BADGE_ISSUER_PATH, async (_request, reply) =>
    reply
      .type('application/ld+json')
      .header('cache-control', 'public, max-age=3600')
      .send({
        '@context': [...OPEN_BADGE_CONTEXTS],
        id: `${site}${BADGE_ISSUER_PATH}`,
        type: ['Profile'],
        name: authority.name,
        url: authority.website ?? `${site}/`,
        email: config.jurisdiction.contacts.email,
      }),
  );

  app.get(COURSE_PATHS.list, { schema: { querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, <CoursesListPage ctx={ctx} courses={await courses.listCourses(ctx.language)} />);
  });

  app.get('/learn/courses/:course', { schema: { params: CourseParams, querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const course = await courseOf(request.params.course, ctx.language);
    const lessons = await content.listPublished({ kind: 'lesson', language: ctx.language, parentId: course.item.id });
    return sendPage(
      reply,
      <CoursePage
        ctx={ctx}
        course={course}
        lessons={lessons}
        minutes={await courses.minutesOf(course.item.id)}
        quiz={await quizOf(course, ctx.language)}
        siteUrl={siteUrl}
      />,
    );
  });

  const quizPage = async (ctx: PageContext, slug: string) => {
    const course = await courseOf(slug, ctx.language);
    const quiz = await quizOf(course, ctx.language);
    if (!quiz) throw new NotFound('LEARN_QUIZ_NOT_FOUND');
    return { course, quiz };
  };

  app.get('/learn/courses/:course/quiz', { schema: { params: CourseParams, querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { course, quiz } = await quizPage(ctx, request.params.course);
    return sendPage(reply, <QuizPage ctx={ctx} course={course} quiz={quiz} form={EMPTY_FORM} />);
  });

  app.post('/learn/courses/:course/quiz', { schema: { params: CourseParams, querystring: PageQuery, body: QuizBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { course, quiz } = await quizPage(ctx, request.params.course);
    const responses = responsesFromFields(quiz.questions, request.body);
    if (responses.every((r) => r === undefined)) {
      // A form sent with no answer at all is a slip, not an attempt: it is not counted, and the summary leads to the first question.
      const field = quiz.questions[0]?.type === 'matching' ? fieldName(0, 0) : fieldName(0);
      const form: FormState = { values: {}, problems: [{ field, message: ctx.t('learn.courses.quiz.noAnswer') }] };
      return sendPage(reply, <QuizPage ctx={ctx} course={course} quiz={quiz} form={form} />, 422);
    }
    const grade = await courses.takeQuiz(quiz, responses);
    const proof = grade.isPassed
      ? signCoursePass({ course: course.item.slug, language: quiz.language, percent: grade.percent, passedAt: clock.now().toISOString() }, hash)
      : undefined;
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <QuizResultPage ctx={ctx} course={course} quiz={quiz} grade={grade} proof={proof} hasBadge />);
  });

  const passOf = (proof: string, slug: string) => readCoursePass(proof, { course: slug, now: clock.now(), maxHours: settings.passProofHours }, hash, equals);

  /** The course a certificate or badge form is for and the pass it carries, or the pass page again (422) when the pass is missing, forged or too old. */
  const passedCourse = async (reply: FastifyReply, ctx: PageContext, slug: string, proof: string) => {
    const course = await courseOf(slug, ctx.language);
    const pass = passOf(proof, course.item.slug);
    reply.header('cache-control', 'no-store');
    if (!pass) return { pass, refused: sendPage(reply, <PassPage ctx={ctx} course={course} proof={undefined} form={EMPTY_FORM} hasBadge />, 422) } as const;
    return { course, pass } as const;
  };

  app.post(
    '/learn/courses/:course/certificate',
    { schema: { params: CourseParams, querystring: PageQuery, body: CertificateBody } },
    async (request, reply) => {
      const ctx = app.pageContext(request, reply);
      const proof = request.body.pass ?? '';
      const passed = await passedCourse(reply, ctx, request.params.course, proof);
      if (!passed.pass) return passed.refused;
      const { course, pass } = passed;
      const name = (request.body.name ?? '').trim().replace(/\s+/g, ' ');
      if (name === '' || name.length > 120) {
        const form: FormState = {
          values: { name },
          problems: [{ field: 'name', message: ctx.t(name === '' ? 'learn.courses.certificate.nameMissing' : 'learn.courses.certificate.nameTooLong') }],
        };
        return sendPage(reply, <PassPage ctx={ctx} course={course} proof={proof} form={form} hasBadge />, 422);
      }
      return sendPage(reply, <CertificatePage ctx={ctx} course={course} name={name} passedAt={pass.passedAt} percent={pass.percent} />);
    },
  );

  app.post('/learn/courses/:course/badge', { schema: { params: CourseParams, querystring: PageQuery, body: BadgeBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const proof = request.body.pass ?? '';
    const passed = await passedCourse(reply, ctx, request.params.course, proof);
    if (!passed.pass) return passed.refused;
    const { course, pass } = passed;
    const email = (request.body.email ?? '').trim();
    const fileFormat = request.body.format === 'json' ? 'json' : 'jwt';
    if (!EMAIL.test(email)) {
      const form: FormState = { values: { email, format: fileFormat }, problems: [{ field: 'email', message: ctx.t('learn.courses.badge.emailInvalid') }] };
      return sendPage(reply, <PassPage ctx={ctx} course={course} proof={proof} form={form} hasBadge />, 422);
    }
    // The badge speaks the language the quiz was taken in, which the course's text is in too.
    const text = (await content.readPublished({ kind: 'course', slug: course.item.slug, language: pass.language })) ?? course;
    const t = platform.catalogs.translator(text.language as typeof ctx.language);
    const issued = openBadgeCredential(
      {
        course: {
          url: `${siteUrl.replace(/\/$/, '')}${COURSE_PATHS.course(course.item.slug)}`,
          name: text.title,
          description: text.summary === '' ? text.title : text.summary,
          criteria: t('learn.courses.badge.criteria', { passMark: (await quizOf(text, text.language))?.passMark ?? 0 }),
          language: text.language,
        },
        email,
        scorePercent: Math.min(100, Math.max(0, pass.percent)),
        issuedAt: new Date(pass.passedAt),
      },
      {
        publicUrl: siteUrl,
        authority: {
          name: config.jurisdiction.authority.name,
          ...(config.jurisdiction.authority.website ? { website: config.jurisdiction.authority.website } : {}),
          email: config.jurisdiction.contacts.email,
        },
        signer,
      },
    );
    const file = `${course.item.slug}-badge.${fileFormat}`;
    reply.header('content-disposition', `attachment; filename="${file}"`);
    return fileFormat === 'json'
      ? reply.type('application/json; charset=utf-8').send(JSON.stringify(issued.credential, null, 2))
      : reply.type('application/jwt').send(issued.jws);
  });

  app.get('/learn/courses/:course/:lesson', { schema: { params: LessonParams, querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const course = await courseOf(request.params.course, ctx.language);
    const lessons = await content.listPublished({ kind: 'lesson', language: ctx.language, parentId: course.item.id });
    const index = lessons.findIndex((l) => l.item.slug === request.params.lesson);
    const lesson = lessons[index];
    if (!lesson) throw new NotFound('LEARN_LESSON_NOT_FOUND');
    return sendPage(
      reply,
      <LessonPage
        ctx={ctx}
        course={course}
        lesson={lesson}
        previous={lessons[index - 1]}
        next={lessons[index + 1]}
        hasQuiz={(await quizOf(course, ctx.language)) !== undefined}
        position={index + 1}
        count={lessons.length}
        siteUrl={siteUrl}
      />,
    );
  });

  // Staff pages.
  const staff = { preHandler: requireUser(...CONTENT_ROLES) };
  const actorFor = (request: Parameters<typeof staffOf>[0]): ContentActor => {
    const principal = staffOf(request);
    return { type: 'user', id: principal.userId, role: principal.role };
  };

  const staffCourse = async (id: string) => {
    const item = await content.findItem(id);
    if (item?.kind !== 'course') throw new NotFound('LEARN_COURSE_NOT_FOUND');
    return item;
  };

  const renderStaffCourse = async (
    reply: FastifyReply,
    ctx: PageContext,
    id: string,
    extra: Partial<Pick<StaffCourseProps, 'form' | 'giftProblems' | 'preview' | 'notice'>> = {},
    status = 200,
  ) => {
    const item = await staffCourse(id);
    const texts = await content.textsOf(item.id);
    const source = texts.find((x) => x.language === item.sourceLanguage && x.variant === 'standard') ?? texts[0];
    return sendPage(
      reply,
      <StaffCoursePage
        ctx={ctx}
        item={item}
        title={source?.title ?? item.slug}
        texts={texts}
        minutes={await courses.minutesOf(item.id)}
        quizzes={await courses.listQuizzes(item.id)}
        stats={await courses.statsOf(item.id)}
        form={extra.form ?? { values: { language: ctx.language, passMark: '70' }, problems: [] }}
        {...(extra.giftProblems ? { giftProblems: extra.giftProblems } : {})}
        {...(extra.preview ? { preview: extra.preview } : {})}
        {...(extra.notice ? { notice: extra.notice } : {})}
      />,
      status,
    );
  };

  app.get(COURSE_PATHS.staffList, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const items = await content.listItems({ kind: 'course' });
    const list = [];
    for (const item of items) {
      const texts = await content.textsOf(item.id);
      const source = texts.find((x) => x.language === item.sourceLanguage && x.variant === 'standard') ?? texts[0];
      list.push({ item, title: source?.title ?? item.slug, quizLanguages: (await courses.listQuizzes(item.id)).map((q) => q.language) });
    }
    return sendPage(reply, <StaffCoursesPage ctx={ctx} courses={list} />);
  });

  app.get('/staff/learn/courses/:id', { ...staff, schema: { params: StaffCourseParams, querystring: PageQuery } }, async (request, reply) =>
    renderStaffCourse(reply, app.pageContext(request, reply), request.params.id),
  );

  app.get('/staff/learn/courses/:id/quiz/:language', { ...staff, schema: { params: StaffQuizParams, querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { id, language } = request.params;
    const isExport = language.endsWith('.gift');
    const quiz = await courses.findQuiz((await staffCourse(id)).id, isExport ? language.slice(0, -'.gift'.length) : language);
    if (!quiz) throw new NotFound('LEARN_QUIZ_NOT_FOUND');
    if (isExport) {
      const item = await staffCourse(id);
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="${item.slug}.${quiz.language}.gift"`)
        .header('cache-control', 'no-store')
        .send(quiz.gift);
    }
    return renderStaffCourse(reply, ctx, id, { preview: quiz });
  });

  app.post('/staff/learn/courses/:id/minutes', { ...staff, schema: { params: StaffCourseParams, body: MinutesBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const text = (request.body.minutes ?? '').trim();
    const minutes = /^[0-9]{1,3}$/.test(text) ? Number(text) : NaN;
    const outcome = await courses.setMinutes(actorFor(request), (await staffCourse(request.params.id)).id, minutes);
    if (!outcome.ok)
      return renderStaffCourse(
        reply,
        ctx,
        request.params.id,
        { form: { values: {}, problems: [{ field: 'minutes', message: ctx.t('learn.courses.staff.error.minutes') }] } },
        422,
      );
    return reply.redirect(COURSE_PATHS.staffCourse(request.params.id), 303);
  });

  await app.register(async (plugin) => {
    const scoped = plugin as App;
    const maxBytes = settings.maxQuizCharacters * 4 + 64 * 1024;
    registerMultipartForm(scoped, { maxBytes, maxFiles: 1, maxFields: 8, maxFieldBytes: settings.maxQuizCharacters * 4 });
    scoped.post(
      '/staff/learn/courses/:id/quiz',
      { onRequest: requireUser(...CONTENT_ROLES), schema: { params: StaffCourseParams, body: ImportBody } },
      async (request, reply) => {
        const ctx = app.pageContext(request, reply);
        const { t } = ctx;
        const item = await staffCourse(request.params.id);
        const file = uploadedFilesOf(request).find((f) => f.field === 'file' && f.data.length > 0);
        const values = { language: request.body.language ?? '', passMark: request.body.passMark ?? '', gift: request.body.gift ?? '' };
        if (file?.isTooLarge || values.gift.length > settings.maxQuizCharacters) {
          const problems = [{ field: 'gift', message: t('learn.courses.staff.error.tooLarge', { max: settings.maxQuizCharacters }) }];
          return renderStaffCourse(reply, ctx, item.id, { form: { values: { ...values, gift: '' }, problems } }, 413);
        }
        // A file wins over the text box; its text fills the box again when the page shows problems.
        const gift = file ? file.data.toString('utf8').replace(/^\uFEFF/, '') : values.gift;
        const form = { values: { ...values, gift }, problems: [] };
        if (request.body.intent === 'preview') {
          const read = parseGift(gift, { maxChars: settings.maxQuizCharacters, maxQuestions: settings.maxQuizQuestions });
          if (read.problems.length > 0) return renderStaffCourse(reply, ctx, item.id, { form, giftProblems: read.problems }, 422);
          return renderStaffCourse(reply, ctx, item.id, { form, preview: { questions: read.questions } });
        }
        const outcome = await courses.importQuiz(actorFor(request), {
          courseId: item.id,
          language: values.language,
          gift,
          passMark: values.passMark,
        });
        if (outcome.ok) {
          return renderStaffCourse(reply, ctx, item.id, {
            notice: t('learn.courses.staff.imported', { count: outcome.value.questions.length, language: languageName(ctx, outcome.value.language) }),
            preview: outcome.value,
          });
        }
        if (outcome.problem === 'gift') return renderStaffCourse(reply, ctx, item.id, { form, giftProblems: outcome.problems }, 422);
        if (outcome.problem === 'invalid')
          return renderStaffCourse(
            reply,
            ctx,
            item.id,
            { form: { ...form, problems: outcome.issues.map((i) => ({ field: i.field, message: t(i.messageKey) })) } },
            422,
          );
        if (outcome.problem === 'conflict')
          return renderStaffCourse(
            reply,
            ctx,
            item.id,
            { form: { ...form, problems: [{ field: 'gift', message: t('learn.courses.staff.error.conflict') }] } },
            409,
          );
        throw new NotFound('LEARN_COURSE_NOT_FOUND');
      },
    );
  });
}
