import { Layout } from '../../../platform/web/layout.tsx';
import {
  BackLink,
  CheckboxGroup,
  ErrorSummary,
  FileField,
  Form,
  ProblemBox,
  RadioGroup,
  SelectField,
  SubmitButton,
  TableRegion,
  TextArea,
  TextField,
  type FormState,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { ContentArticle, titleLanguageOf } from '../content/content-article.views.tsx';
import { languageNameIn } from '../shared/language-names.ts';
import type { ContentItem, ContentText, PublishedText } from '../content/content.service.ts';
import type { GiftProblem, GiftQuestion } from './gift.ts';
import type { QuestionGrade, QuizGrade } from './quiz-grading.ts';
import type { CourseSummary, Quiz, QuizStats } from './courses.service.ts';
import { COURSE_PATHS } from './courses.paths.ts';
import { itemPath } from '../content/content.paths.ts';
import { fieldName, matchingChoices, shownOrder } from './quiz-form.ts';

/** The example the import form's hint gives: one right answer of three. */
const GIFT_EXAMPLE = "Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}";

const isolate = (text: string) => `\u2068${text}\u2069`;

/** A language's name in the page's language. */
export function languageName(ctx: Pick<PageContext, 'language'>, language: string): string {
  return languageNameIn(ctx.language, language);
}

/** The language and direction of a text shown inside a page of another language. */
function langAttributes(language: string): { lang: string; dir: 'ltr' | 'rtl' } {
  return titleLanguageOf({ language });
}

/** The `h1`'s language when the text shown is not in the reader's. */
const titleLanguage = (ctx: PageContext, text: PublishedText) => (text.language === ctx.language ? undefined : titleLanguageOf(text));

/** The list of published courses: title, summary, minutes and languages. */
export function CoursesListPage({ ctx, courses }: { ctx: PageContext; courses: readonly CourseSummary[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.courses.list.title')}>
      <p class="lead">{t('learn.courses.list.intro')}</p>
      {courses.length === 0 ? (
        <p>{t('learn.courses.list.none')}</p>
      ) : (
        <ul class="card-list">
          {courses.map(({ text, minutes, languages }) => (
            <li key={text.item.id} {...(text.isFallback ? langAttributes(text.language) : {})}>
              <h2>
                <a href={`${COURSE_PATHS.course(text.item.slug)}?lang=${ctx.language}`}>{text.title}</a>
              </h2>
              <p>{text.summary}</p>
              <p lang={ctx.language} dir={ctx.direction}>
                {minutes === null ? null : <>{t('learn.courses.minutes', { count: minutes })} · </>}
                {t('learn.courses.languages', { languages: languages.map((l) => languageName(ctx, l)).join(', ') })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** A course: its introduction, its lessons in order and the way to its quiz. */
export function CoursePage(props: {
  ctx: PageContext;
  course: PublishedText;
  lessons: readonly PublishedText[];
  minutes: number | null;
  quiz: Quiz | undefined;
  siteUrl: string;
}) {
  const { ctx, course, lessons, quiz } = props;
  const { t } = ctx;
  const slug = course.item.slug;
  return (
    <Layout ctx={ctx} title={course.title} titleLanguage={titleLanguage(ctx, course)}>
      <BackLink href={`${COURSE_PATHS.list}?lang=${ctx.language}`} label={t('learn.courses.back')} />
      {props.minutes === null ? null : <p>{t('learn.courses.minutes', { count: props.minutes })}</p>}
      <ContentArticle ctx={ctx} text={course} siteUrl={props.siteUrl} />
      <h2>{t('learn.courses.lessons')}</h2>
      <ol>
        {lessons.map((lesson) => (
          <li key={lesson.item.id} {...(lesson.isFallback ? langAttributes(lesson.language) : {})}>
            <a href={`${COURSE_PATHS.lesson(slug, lesson.item.slug)}?lang=${ctx.language}`}>{lesson.title}</a>
          </li>
        ))}
      </ol>
      {quiz ? (
        <>
          <h2>{t('learn.courses.quiz.heading')}</h2>
          <p>{t('learn.courses.quiz.about', { count: quiz.questions.length, passMark: quiz.passMark })}</p>
          <p>
            <a class="button" href={`${COURSE_PATHS.quiz(slug)}?lang=${ctx.language}`}>
              {t('learn.courses.quiz.start')}
            </a>
          </p>
        </>
      ) : null}
    </Layout>
  );
}

/** One lesson, with the way to the previous and the next one (the quiz after the last). */
export function LessonPage(props: {
  ctx: PageContext;
  course: PublishedText;
  lesson: PublishedText;
  previous: PublishedText | undefined;
  next: PublishedText | undefined;
  hasQuiz: boolean;
  position: number;
  count: number;
  siteUrl: string;
}) {
  const { ctx, course, lesson, previous, next } = props;
  const { t } = ctx;
  const slug = course.item.slug;
  const q = `?lang=${ctx.language}`;
  return (
    <Layout ctx={ctx} title={lesson.title} titleLanguage={titleLanguage(ctx, lesson)}>
      <BackLink href={`${COURSE_PATHS.course(slug)}${q}`} label={t('learn.courses.lesson.back', { course: isolate(course.title) })} />
      <p>{t('learn.courses.lesson.position', { position: props.position, count: props.count })}</p>
      <ContentArticle ctx={ctx} text={lesson} siteUrl={props.siteUrl} />
      <nav aria-label={t('learn.courses.lesson.nav')}>
        <ul class="pager">
          {previous ? (
            <li>
              <a href={`${COURSE_PATHS.lesson(slug, previous.item.slug)}${q}`} rel="prev">
                {t('learn.courses.lesson.previous', { title: isolate(previous.title) })}
              </a>
            </li>
          ) : null}
          {next ? (
            <li>
              <a href={`${COURSE_PATHS.lesson(slug, next.item.slug)}${q}`} rel="next">
                {t('learn.courses.lesson.next', { title: isolate(next.title) })}
              </a>
            </li>
          ) : props.hasQuiz ? (
            <li>
              <a href={`${COURSE_PATHS.quiz(slug)}${q}`}>{t('learn.courses.quiz.start')}</a>
            </li>
          ) : null}
        </ul>
      </nav>
    </Layout>
  );
}

/** The words a question shows: its text, and the text after a missing word. */
export const questionText = (q: GiftQuestion): string => (q.textAfter === '' ? q.text : `${q.text} … ${q.textAfter}`);

/** The controls of one question, a fieldset whose legend is the question; `form` keeps what the learner gave. */
export function QuestionControls({ ctx, question, index, form }: { ctx: PageContext; question: GiftQuestion; index: number; form: FormState }) {
  const { t } = ctx;
  const name = fieldName(index);
  const legend = t('learn.courses.quiz.legend', { number: index + 1, text: questionText(question) });
  switch (question.type) {
    case 'singleChoice':
      return (
        <RadioGroup
          form={form}
          name={name}
          legend={legend}
          choices={shownOrder(
            question.answers.map((a) => a.text),
            index,
          ).map((i) => ({ value: String(i), label: question.answers[i]?.text ?? '' }))}
        />
      );
    case 'multipleChoice': {
      const checked = (form.values[name] ?? '').split(',').filter((v) => v !== '');
      return (
        <CheckboxGroup
          form={form}
          name={name}
          legend={legend}
          hint={t('learn.courses.quiz.tickAll')}
          checked={checked}
          choices={shownOrder(
            question.answers.map((a) => a.text),
            index,
          ).map((i) => ({ value: String(i), label: question.answers[i]?.text ?? '' }))}
        />
      );
    }
    case 'trueFalse':
      return (
        <RadioGroup
          form={form}
          name={name}
          legend={legend}
          choices={[
            { value: 'true', label: t('learn.courses.quiz.true') },
            { value: 'false', label: t('learn.courses.quiz.false') },
          ]}
        />
      );
    case 'shortAnswer':
    case 'numerical':
      return (
        <fieldset class="question">
          <legend>{legend}</legend>
          <TextField
            form={form}
            name={name}
            label={t('learn.courses.quiz.yourAnswer')}
            {...(question.type === 'numerical' ? { inputMode: 'decimal' as const, hint: t('learn.courses.quiz.numberHint') } : {})}
          />
        </fieldset>
      );
    case 'matching': {
      const choices = matchingChoices(question, index);
      return (
        <fieldset class="question">
          <legend>{legend}</legend>
          {question.pairs.map((pair, p) => (
            <SelectField
              key={p}
              form={form}
              name={fieldName(index, p)}
              label={pair.left}
              placeholder={t('learn.courses.quiz.choose')}
              options={choices.map((c, i) => ({ value: String(i), label: c }))}
            />
          ))}
        </fieldset>
      );
    }
  }
}

/** The quiz's questions, for the form learners answer and the staff's preview alike. */
export function QuizQuestions({ ctx, quiz, form }: { ctx: PageContext; quiz: Pick<Quiz, 'questions'>; form: FormState }) {
  return (
    <>
      {quiz.questions.map((question, index) => (
        <QuestionControls key={index} ctx={ctx} question={question} index={index} form={form} />
      ))}
    </>
  );
}

/** The quiz, a form that works without script. */
export function QuizPage({ ctx, course, quiz, form }: { ctx: PageContext; course: PublishedText; quiz: Quiz; form: FormState }) {
  const { t } = ctx;
  const slug = course.item.slug;
  return (
    <Layout ctx={ctx} title={t('learn.courses.quiz.title', { course: isolate(course.title) })}>
      <BackLink href={`${COURSE_PATHS.course(slug)}?lang=${ctx.language}`} label={t('learn.courses.lesson.back', { course: isolate(course.title) })} />
      <p>{t('learn.courses.quiz.about', { count: quiz.questions.length, passMark: quiz.passMark })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <div {...langAttributes(quiz.language)}>
        <Form ctx={ctx} action={`${COURSE_PATHS.quiz(slug)}?lang=${ctx.language}`} label={t('learn.courses.quiz.heading')}>
          <QuizQuestions ctx={ctx} quiz={quiz} form={form} />
          <SubmitButton>{t('learn.courses.quiz.submit')}</SubmitButton>
        </Form>
      </div>
    </Layout>
  );
}

/** What the learner answered and what was right, in words. */
function QuestionFeedback({ ctx, question, grade }: { ctx: PageContext; question: GiftQuestion; grade: QuestionGrade }) {
  const { t } = ctx;
  const verdict = !grade.isAnswered
    ? t('learn.courses.result.unanswered')
    : grade.isRight
      ? t('learn.courses.result.right')
      : grade.isPartlyRight
        ? t('learn.courses.result.partly', { percent: Math.round(grade.credit * 100) })
        : t('learn.courses.result.wrong');
  const detail = grade.detail;
  let right: string | undefined;
  if (!grade.isRight) {
    if (detail.type === 'singleChoice' || detail.type === 'multipleChoice')
      right = detail.answers
        .filter((a) => a.isRight)
        .map((a) => a.text)
        .join(' · ');
    else if (detail.type === 'trueFalse') right = detail.rightAnswer ? t('learn.courses.quiz.true') : t('learn.courses.quiz.false');
    else if (detail.type === 'shortAnswer') right = detail.rightAnswers.join(' · ');
    else if (detail.type === 'numerical') right = detail.rightAnswers.map((n) => (n.kind === 'range' ? `${n.min}–${n.max}` : String(n.value))).join(' · ');
    else if (detail.type === 'matching') right = detail.pairs.map((p) => `${p.left} → ${p.right}`).join(' · ');
  }
  return (
    <li class={grade.isRight ? 'result-right' : 'result-wrong'}>
      <h3>{t('learn.courses.quiz.legend', { number: grade.index + 1, text: questionText(question) })}</h3>
      <p>
        <strong>{verdict}</strong>
      </p>
      {right === undefined ? null : <p>{t('learn.courses.result.rightAnswer', { answer: isolate(right) })}</p>}
      {grade.feedback.map((f, i) => (
        <p key={i}>{f}</p>
      ))}
      {grade.generalFeedback ? <p>{grade.generalFeedback}</p> : null}
    </li>
  );
}

/** The forms that print a certificate and download a badge, with the proof of the pass. */
function PassForms({ ctx, slug, proof, form, hasBadge }: { ctx: PageContext; slug: string; proof: string; form: FormState; hasBadge: boolean }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t('learn.courses.certificate.heading')}</h2>
      <p>{t('learn.courses.certificate.intro')}</p>
      <Form ctx={ctx} action={`${COURSE_PATHS.certificate(slug)}?lang=${ctx.language}`} label={t('learn.courses.certificate.heading')}>
        <input type="hidden" name="pass" value={proof} />
        <TextField form={form} name="name" autocomplete="name" label={t('learn.courses.certificate.name')} hint={t('learn.courses.certificate.nameHint')} />
        <SubmitButton>{t('learn.courses.certificate.submit')}</SubmitButton>
      </Form>
      {hasBadge ? (
        <>
          <h2>{t('learn.courses.badge.heading')}</h2>
          <p>{t('learn.courses.badge.intro')}</p>
          <Form ctx={ctx} action={`${COURSE_PATHS.badge(slug)}?lang=${ctx.language}`} label={t('learn.courses.badge.heading')}>
            <input type="hidden" name="pass" value={proof} />
            <TextField
              form={form}
              name="email"
              type="email"
              autocomplete="email"
              dir="ltr"
              label={t('learn.courses.badge.email')}
              hint={t('learn.courses.badge.emailHint')}
            />
            <RadioGroup
              form={{ ...form, values: { format: form.values.format ?? 'jwt', ...form.values } }}
              name="format"
              legend={t('learn.courses.badge.format')}
              choices={[
                { value: 'jwt', label: t('learn.courses.badge.jwt') },
                { value: 'json', label: t('learn.courses.badge.json') },
              ]}
            />
            <SubmitButton>{t('learn.courses.badge.submit')}</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}

/** The result of an attempt: score, pass or not, the feedback of each question, and the way to try again. */
export function QuizResultPage(props: { ctx: PageContext; course: PublishedText; quiz: Quiz; grade: QuizGrade; proof: string | undefined; hasBadge: boolean }) {
  const { ctx, course, quiz, grade } = props;
  const { t } = ctx;
  const slug = course.item.slug;
  return (
    <Layout ctx={ctx} title={t('learn.courses.quiz.title', { course: isolate(course.title) })}>
      <section class="quiz-result" aria-live="polite" aria-labelledby="quiz-result-heading">
        <h2 id="quiz-result-heading" tabIndex={-1} autoFocus>
          {grade.isPassed ? t('learn.courses.result.passed') : t('learn.courses.result.notPassed')}
        </h2>
        <p>
          {t('learn.courses.result.score', {
            score: ctx.format.number(grade.score),
            max: grade.maxScore,
            percent: ctx.format.number(grade.percent),
            passMark: grade.passMark,
          })}
        </p>
        <p>
          <a class="button" href={`${COURSE_PATHS.quiz(slug)}?lang=${ctx.language}`}>
            {t('learn.courses.result.again')}
          </a>
        </p>
      </section>
      {grade.isPassed && props.proof ? (
        <PassForms ctx={ctx} slug={slug} proof={props.proof} form={{ values: {}, problems: [] }} hasBadge={props.hasBadge} />
      ) : null}
      <h2>{t('learn.courses.result.feedback')}</h2>
      <ol class="quiz-feedback" {...langAttributes(quiz.language)}>
        {grade.questions.map((g) =>
          quiz.questions[g.index] ? <QuestionFeedback key={g.index} ctx={ctx} question={quiz.questions[g.index] as GiftQuestion} grade={g} /> : null,
        )}
      </ol>
    </Layout>
  );
}

/** The certificate and badge forms again, with the problems of the last one sent (or the proof's). */
export function PassPage({
  ctx,
  course,
  proof,
  form,
  hasBadge,
}: {
  ctx: PageContext;
  course: PublishedText;
  proof: string | undefined;
  form: FormState;
  hasBadge: boolean;
}) {
  const { t } = ctx;
  const slug = course.item.slug;
  return (
    <Layout ctx={ctx} title={t('learn.courses.certificate.heading')}>
      {proof === undefined ? (
        <ProblemBox title={t('learn.courses.pass.expired')}>
          <p>
            <a href={`${COURSE_PATHS.quiz(slug)}?lang=${ctx.language}`}>{t('learn.courses.result.again')}</a>
          </p>
        </ProblemBox>
      ) : (
        <>
          <ErrorSummary ctx={ctx} form={form} />
          <PassForms ctx={ctx} slug={slug} proof={proof} form={form} hasBadge={hasBadge} />
        </>
      )}
    </Layout>
  );
}

/** The printable certificate: who (as typed, not stored), which course, when, and the issuing authority. */
export function CertificatePage(props: { ctx: PageContext; course: PublishedText; name: string; passedAt: string; percent: number }) {
  const { ctx, course } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.courses.certificate.title')}>
      <link rel="stylesheet" href={COURSE_PATHS.printCss} />
      <p class="no-print">{t('learn.courses.certificate.print')}</p>
      <section class="certificate" aria-labelledby="certificate-heading">
        <h2 id="certificate-heading">{t('learn.courses.certificate.title')}</h2>
        <p>{t('learn.courses.certificate.certifies')}</p>
        <p class="certificate-name" dir="auto">
          {props.name}
        </p>
        <p>{t('learn.courses.certificate.completed')}</p>
        <p class="certificate-course" {...langAttributes(course.language)}>
          {course.title}
        </p>
        <p>{t('learn.courses.certificate.score', { percent: ctx.format.number(props.percent) })}</p>
        <p>{t('learn.courses.certificate.date', { date: ctx.format.date(props.passedAt) })}</p>
        <p class="certificate-issuer">{t('learn.courses.certificate.issuer', { authority: isolate(ctx.jurisdiction.authority.name) })}</p>
      </section>
    </Layout>
  );
}

/** The staff's list of courses. */
export function StaffCoursesPage({
  ctx,
  courses,
}: {
  ctx: PageContext;
  courses: ReadonlyArray<{ item: ContentItem; title: string; quizLanguages: string[] }>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.courses.staff.title')}>
      <p>{t('learn.courses.staff.intro')}</p>
      {courses.length === 0 ? (
        <p>{t('learn.courses.list.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('learn.courses.staff.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('learn.courses.staff.course')}</th>
                <th scope="col">{t('learn.courses.staff.quizLanguages')}</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.item.id}>
                  <td>
                    <a href={COURSE_PATHS.staffCourse(c.item.id)} dir="auto">
                      {c.title}
                    </a>
                  </td>
                  <td>{c.quizLanguages.map((l) => languageName(ctx, l)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}

/** The problems of a GIFT file, each with its line, in the page's language. */
function GiftProblems({ ctx, problems }: { ctx: PageContext; problems: readonly GiftProblem[] }) {
  const { t } = ctx;
  return (
    <ProblemBox title={t('learn.courses.staff.giftProblems', { count: problems.length })}>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <a href="#field-gift">{t(p.key, p.values)}</a>
          </li>
        ))}
      </ul>
    </ProblemBox>
  );
}

/** Props of {@link StaffCoursePage}. */
export interface StaffCourseProps {
  ctx: PageContext;
  item: ContentItem;
  title: string;
  texts: readonly ContentText[];
  minutes: number | null;
  quizzes: readonly Quiz[];
  stats: readonly QuizStats[];
  form: FormState;
  giftProblems?: readonly GiftProblem[];
  preview?: Pick<Quiz, 'questions'>;
  notice?: string;
}

/** A course's staff page: its quizzes per language (export, preview), the import form and the anonymous counts. */
export function StaffCoursePage(props: StaffCourseProps) {
  const { ctx, item, quizzes, stats, form } = props;
  const { t, format } = ctx;
  const languages = ctx.jurisdiction.languages;
  return (
    <Layout ctx={ctx} title={t('learn.courses.staff.courseTitle', { course: isolate(props.title) })}>
      <BackLink href={COURSE_PATHS.staffList} label={t('learn.courses.staff.title')} />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.giftProblems && props.giftProblems.length > 0 ? <GiftProblems ctx={ctx} problems={props.giftProblems} /> : <ErrorSummary ctx={ctx} form={form} />}
      <p>
        {t('learn.courses.staff.published')}{' '}
        {props.texts
          .filter((x) => x.variant === 'standard' && x.published !== null)
          .map((x) => languageName(ctx, x.language))
          .join(', ') || t('learn.courses.staff.nothing')}
      </p>
      <p>
        <a href={itemPath(item.id)}>{t('learn.courses.staff.texts')}</a>
      </p>
      <h2>{t('learn.courses.staff.quizzes')}</h2>
      {quizzes.length === 0 ? (
        <p>{t('learn.courses.staff.noQuiz')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('learn.courses.staff.quizzes')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('learn.courses.staff.language')}</th>
                <th scope="col">{t('learn.courses.staff.questions')}</th>
                <th scope="col">{t('learn.courses.staff.passMark')}</th>
                <th scope="col">{t('learn.courses.staff.version')}</th>
                <th scope="col">{t('learn.courses.staff.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {quizzes.map((q) => (
                <tr key={q.id}>
                  <td>{languageName(ctx, q.language)}</td>
                  <td>{format.number(q.questions.length)}</td>
                  <td>{format.number(q.passMark)} %</td>
                  <td>
                    {format.number(q.version)} · {format.dateTime(q.updatedAt)}
                  </td>
                  <td>
                    <a href={COURSE_PATHS.staffExport(item.id, q.language)} download={`${item.slug}.${q.language}.gift`}>
                      {t('learn.courses.staff.export', { language: languageName(ctx, q.language) })}
                    </a>{' '}
                    ·{' '}
                    <a href={COURSE_PATHS.staffPreview(item.id, q.language)}>{t('learn.courses.staff.preview', { language: languageName(ctx, q.language) })}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {props.preview ? (
        <section aria-labelledby="quiz-preview-heading">
          <h2 id="quiz-preview-heading">{t('learn.courses.staff.previewHeading')}</h2>
          <div class="quiz-preview">
            <QuizQuestions ctx={ctx} quiz={props.preview} form={{ values: {}, problems: [] }} />
          </div>
        </section>
      ) : null}
      <h2>{t('learn.courses.staff.import')}</h2>
      <p>{t('learn.courses.staff.importIntro')}</p>
      <Form ctx={ctx} action={COURSE_PATHS.staffImport(item.id)} enctype="multipart/form-data" label={t('learn.courses.staff.import')}>
        <SelectField
          form={form}
          name="language"
          label={t('learn.courses.staff.language')}
          options={languages.map((l) => ({ value: l, label: languageName(ctx, l) }))}
        />
        <TextField form={form} name="passMark" inputMode="numeric" label={t('learn.courses.staff.passMark')} hint={t('learn.courses.staff.passMarkHint')} />
        <FileField form={form} name="file" label={t('learn.courses.staff.file')} hint={t('learn.courses.staff.fileHint')} accept=".gift,.txt,text/plain" />
        <TextArea form={form} name="gift" rows={12} label={t('learn.courses.staff.gift')} hint={t('learn.courses.staff.giftHint', { example: GIFT_EXAMPLE })} />
        <div class="button-row">
          <button type="submit" name="intent" value="preview" class="secondary">
            {t('learn.courses.staff.previewButton')}
          </button>{' '}
          <SubmitButton>{t('learn.courses.staff.importButton')}</SubmitButton>
        </div>
      </Form>
      <h2>{t('learn.courses.staff.minutes')}</h2>
      <Form ctx={ctx} action={COURSE_PATHS.staffMinutes(item.id)} label={t('learn.courses.staff.minutes')}>
        <TextField
          form={{ values: { minutes: props.minutes === null ? '' : String(props.minutes) }, problems: [] }}
          name="minutes"
          inputMode="numeric"
          label={t('learn.courses.staff.minutesLabel')}
        />
        <SubmitButton>{t('learn.courses.staff.minutesButton')}</SubmitButton>
      </Form>
      <h2>{t('learn.courses.staff.stats')}</h2>
      <p>{t('learn.courses.staff.statsIntro')}</p>
      {stats.length === 0 ? (
        <p>{t('learn.courses.staff.noAttempts')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('learn.courses.staff.stats')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('learn.courses.staff.language')}</th>
                <th scope="col">{t('learn.courses.staff.version')}</th>
                <th scope="col">{t('learn.courses.staff.attempts')}</th>
                <th scope="col">{t('learn.courses.staff.passes')}</th>
                <th scope="col">{t('learn.courses.staff.averages')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.map((s) => (
                <tr key={`${s.language}-${s.version}`}>
                  <td>{languageName(ctx, s.language)}</td>
                  <td>{format.number(s.version)}</td>
                  <td>{format.number(s.attempts)}</td>
                  <td>{format.number(s.passes)}</td>
                  <td>
                    {s.averageCredits
                      .map((c, i) => t('learn.courses.staff.average', { number: i + 1, percent: format.number(Math.round(c * 1000) / 10) }))
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}
