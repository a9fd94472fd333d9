import type { GuideTopic } from '../../learn/index.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, RateLimited } from '../../../platform/http/errors.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { registerMultipartForm, uploadedFilesOf } from '../../../platform/http/multipart-form.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { App } from '../../../platform/module.ts';
import type { PageContext } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import type { ComplaintsService } from '../cases/complaint.types.ts';
import {
  FILING_STEPS,
  checkStep,
  firstIncompleteStep,
  formValuesOf,
  nextStep,
  previousStep,
  readStepAnswers,
  type AnswerIssue,
  type AnswerRules,
  type DraftAnswers,
  type FilingStep,
} from './complaint-draft.ts';
import { DRAFT_FILED, MAX_ATTACHMENTS, type ComplaintDraftService, type Draft } from './complaint-draft.service.ts';
import type { ComplaintFollowService } from '../follow/complaint-follow.service.ts';
import { RECEIPTS_LIMITED } from './complaint-receipt-limit.ts';
import {
  CheckAnswersPage,
  EvidencePage,
  ResumePage,
  SavedPage,
  SavePage,
  SentPage,
  StartPage,
  StepPage,
  type OperatorChoice,
  type StepOptions,
} from './complaint-filing.views.tsx';
import { FILING_PATHS, stepPath } from './filing.paths.ts';
import { RightsPage } from './complaint-rights.views.tsx';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import { EvidenceBody, NewCodeBody, RemoveFileBody, ResumeBody, ResumeQuery, SaveBody, StepBody, WebPageQuery } from './filing.schemas.ts';
import { Type } from '@sinclair/typebox';

const DRAFT_COOKIE = 'kinga_complaint_draft';
const SaveQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })), from: Type.Optional(Type.String({ maxLength: 40 })) });

/** What the consumer's complaint pages need. */
export interface ConsumerPagesDeps {
  drafts: ComplaintDraftService;
  follow: ComplaintFollowService;
  complaints: ComplaintsService;
  settings: ComplaintsSettings;
  /** How long the browser keeps a draft's cookie: the period of the drafts' retention rule. */
  draftCookieSeconds: number;
  listOperators(): Promise<OperatorChoice[]>;
  /** Today in the jurisdiction's time zone, YYYY-MM-DD. */
  today(): string;
  isCookieSecure: boolean;
  /** The public address of the site, for links in e-mails. */
  publicUrl: string;
  /** The profile's country (ISO 3166-1 alpha-2), for mobile numbers typed without a country code. */
  country: string;
  /** The rights guide each complaint category links to (`modules.learn.guides.complaintCategories`). */
  categoryGuides: Readonly<Record<string, GuideTopic>>;
}

/** Turns answer issues into form problems in the page's language. */
export function problemsOf(issues: readonly AnswerIssue[], t: Translate): FieldProblem[] {
  return issues.map((i) => ({ field: i.field, message: t(i.messageKey, i.values) }));
}

/** The state of a question page's form from the stored answers. */
function formOf(answers: DraftAnswers, problems: FieldProblem[] = []) {
  return { values: formValuesOf(answers), problems };
}

/** Registers the consumer's filing pages: know your rights, the questions with drafts, and resuming (the follow pages are `follow.routes.tsx`). */
export async function registerFilingRoutes(app: App, deps: ConsumerPagesDeps): Promise<void> {
  const { drafts, settings } = deps;
  const draftCookie = { path: FILING_PATHS.start, httpOnly: true, sameSite: 'lax' as const, secure: deps.isCookieSecure, maxAge: deps.draftCookieSeconds };
  const draftToken = (request: FastifyRequest) => request.cookies[DRAFT_COOKIE];
  const toStart = (reply: FastifyReply) => reply.redirect(FILING_PATHS.start, 303);

  const stepOptions = async (): Promise<StepOptions> => ({
    operators: await deps.listOperators(),
    categories: settings.categories,
    attachments: settings.attachments,
    maxAttachments: MAX_ATTACHMENTS,
    isDirectReferral: settings.directReferral,
    categoryGuides: deps.categoryGuides,
  });
  const rulesOf = (options: StepOptions): AnswerRules => ({
    operatorIds: options.operators.map((o) => o.id),
    categories: options.categories,
    today: deps.today(),
    country: deps.country,
  });
  const mailOf = (ctx: PageContext) => ({
    t: ctx.t,
    formatDate: (iso: string) => ctx.format.date(iso),
    resumeUrl: `${deps.publicUrl.replace(/\/$/, '')}${FILING_PATHS.resume}`,
  });

  /** The browser's draft, or a new one whose cookie is set on this reply. */
  const draftFor = async (request: FastifyRequest, reply: FastifyReply): Promise<Draft> => {
    const draft = await drafts.open(draftToken(request));
    if (draft) return draft;
    const started = await drafts.start();
    reply.setCookie(DRAFT_COOKIE, started.token, draftCookie);
    return started.draft;
  };
  const backOf = (step: FilingStep, isChange: boolean) => {
    if (isChange) return FILING_PATHS.check;
    const previous = previousStep(step);
    return previous ? stepPath(previous) : FILING_PATHS.start;
  };
  const afterStep = (step: FilingStep, isChange: boolean) => {
    const next = nextStep(step);
    return isChange || !next ? FILING_PATHS.check : stepPath(next);
  };

  app.get(FILING_PATHS.rights, { schema: { querystring: WebPageQuery } }, async (request, reply) =>
    sendPage(reply, <RightsPage ctx={app.pageContext(request, reply)} settings={settings} />),
  );

  app.get(FILING_PATHS.start, { schema: { querystring: WebPageQuery } }, async (request, reply) =>
    sendPage(reply, <StartPage ctx={app.pageContext(request, reply)} />),
  );

  for (const step of FILING_STEPS) {
    if (step === 'evidence') continue;
    const path = stepPath(step);
    const render = async (ctx: PageContext, reply: FastifyReply, answers: DraftAnswers, isChange: boolean, problems: FieldProblem[] = []) =>
      sendPage(
        reply,
        <StepPage
          ctx={ctx}
          step={step}
          form={formOf(answers, problems)}
          checked={{ operatorIds: answers.operatorIds ?? [], extraSupport: answers.extraSupport ?? [] }}
          options={await stepOptions()}
          isChange={isChange}
          backHref={backOf(step, isChange)}
        />,
        problems.length > 0 ? 422 : 200,
      );

    app.get(path, { schema: { querystring: WebPageQuery } }, async (request, reply) => {
      const draft = await drafts.open(draftToken(request));
      return render(app.pageContext(request, reply), reply, draft?.answers ?? {}, request.query.change === '1');
    });

    app.post(path, { schema: { body: StepBody, querystring: WebPageQuery } }, async (request, reply) => {
      const ctx = app.pageContext(request, reply);
      const isChange = request.body.change === '1';
      // The answers are kept even when wrong, so the page shows them again and a saved draft holds them.
      const draft = await drafts.saveAnswers(await draftFor(request, reply), readStepAnswers(step, request.body));
      if (request.body.action === 'save') return reply.redirect(`${FILING_PATHS.save}?from=${step}`, 303);
      const issues = checkStep(step, draft.answers, rulesOf(await stepOptions()));
      if (issues.length > 0) return render(ctx, reply, draft.answers, isChange, problemsOf(issues, ctx.t));
      return reply.redirect(afterStep(step, isChange), 303);
    });
  }

  const renderEvidence = async (ctx: PageContext, reply: FastifyReply, draft: Draft | undefined, isChange: boolean, problems: FieldProblem[] = []) =>
    sendPage(
      reply,
      <EvidencePage
        ctx={ctx}
        form={{ values: {}, problems }}
        attachments={draft?.attachments ?? []}
        options={await stepOptions()}
        isChange={isChange}
        backHref={backOf('evidence', isChange)}
      />,
      problems.length > 0 ? 422 : 200,
    );

  app.get(stepPath('evidence'), { schema: { querystring: WebPageQuery } }, async (request, reply) => {
    const draft = await drafts.open(draftToken(request));
    return renderEvidence(app.pageContext(request, reply), reply, draft, request.query.change === '1');
  });

  await app.register(async (scoped) => {
    const uploads = scoped as App;
    // The body holds one file and a few short fields; past the limit the file is refused with the form kept.
    registerMultipartForm(uploads, { maxBytes: settings.attachments.maxBytes + 64 * 1024, maxFiles: 1, maxFields: 5, maxFieldBytes: 1024 });
    uploads.post(stepPath('evidence'), { schema: { body: EvidenceBody, querystring: WebPageQuery } }, async (request, reply) => {
      const ctx = app.pageContext(request, reply);
      const isChange = request.body.change === '1';
      const draft = await draftFor(request, reply);
      const file = uploadedFilesOf(request).find((f) => f.field === 'file');
      if (!file) return renderEvidence(ctx, reply, draft, isChange, [{ field: 'file', message: ctx.t('complaints.web.error.fileMissing') }]);
      const outcome = await drafts.addAttachment(draft, file);
      if (!outcome.ok) return renderEvidence(ctx, reply, draft, isChange, problemsOf(outcome.issues, ctx.t));
      return reply.redirect(stepPath('evidence', isChange), 303);
    });
  });

  app.post(FILING_PATHS.evidenceContinue, { schema: { body: StepBody } }, async (request, reply) => {
    const isChange = request.body.change === '1';
    await drafts.saveAnswers(await draftFor(request, reply), readStepAnswers('evidence', request.body));
    if (request.body.action === 'save') return reply.redirect(`${FILING_PATHS.save}?from=evidence`, 303);
    return reply.redirect(afterStep('evidence', isChange), 303);
  });

  app.post(FILING_PATHS.evidenceRemove, { schema: { body: RemoveFileBody } }, async (request, reply) => {
    const draft = await drafts.open(draftToken(request));
    if (draft && request.body.id) await drafts.removeAttachment(draft, request.body.id);
    return reply.redirect(stepPath('evidence', request.body.change === '1'), 303);
  });

  app.get(FILING_PATHS.check, { schema: { querystring: WebPageQuery } }, async (request, reply) => {
    const draft = await drafts.open(draftToken(request));
    if (!draft) return toStart(reply);
    const options = await stepOptions();
    const missing = firstIncompleteStep(draft.answers, rulesOf(options));
    if (missing) return reply.redirect(stepPath(missing), 303);
    return sendPage(reply, <CheckAnswersPage ctx={app.pageContext(request, reply)} draft={draft} options={options} form={{ values: {}, problems: [] }} />);
  });

  app.post(FILING_PATHS.check, { schema: { body: StepBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const draft = await drafts.open(draftToken(request));
    if (!draft) return toStart(reply);
    if (request.body.action === 'save') return reply.redirect(`${FILING_PATHS.save}?from=check`, 303);
    const options = await stepOptions();
    const missing = firstIncompleteStep(draft.answers, rulesOf(options));
    if (missing) return reply.redirect(stepPath(missing), 303);
    try {
      await drafts.submit(draft, ctx.language, request.ip);
    } catch (error) {
      // A second click that raced the first: the first filed it, and its confirmation is what to show.
      if (error instanceof AppError && error.code === DRAFT_FILED) return reply.redirect(FILING_PATHS.sent, 303);
      // Too many receipts to this address or from this network: the answers stay, to send later.
      if (error instanceof RateLimited && error.code === RECEIPTS_LIMITED) {
        reply.header('retry-after', String(error.retryAfterSeconds));
        return sendPage(
          reply,
          <CheckAnswersPage ctx={ctx} draft={draft} options={options} form={{ values: {}, problems: [{ field: 'check', message: error.detailIn(ctx.t) }] }} />,
          429,
        );
      }
      // The pages check every answer first; the service's own refusal is shown rather than lost.
      if (error instanceof AppError && error.status === 422) {
        // Said in the page's language from their keys, never in the service's English.
        const problems = error.problems.length > 0 ? error.problemsIn(ctx.t) : [{ field: 'check', message: error.detailIn(ctx.t) }];
        return sendPage(reply, <CheckAnswersPage ctx={ctx} draft={draft} options={options} form={{ values: {}, problems }} />, 422);
      }
      throw error;
    }
    return reply.redirect(FILING_PATHS.sent, 303);
  });

  app.get(FILING_PATHS.sent, { schema: { querystring: WebPageQuery } }, async (request, reply) => {
    const filed = await drafts.filedOf(draftToken(request));
    if (!filed) return toStart(reply);
    return sendPage(reply, <SentPage ctx={app.pageContext(request, reply)} filed={filed} operators={await deps.listOperators()} />);
  });

  const saveBackOf = (from: string | undefined) =>
    from === 'check' ? FILING_PATHS.check : FILING_STEPS.find((s) => s === from) ? stepPath(from as FilingStep) : FILING_PATHS.check;

  app.get(FILING_PATHS.save, { schema: { querystring: SaveQuery } }, async (request, reply) => {
    const draft = await drafts.open(draftToken(request));
    if (!draft) return toStart(reply);
    return sendPage(
      reply,
      <SavePage
        ctx={app.pageContext(request, reply)}
        form={{ values: { contactBy: draft.answers.contactBy ?? 'email', email: draft.answers.email ?? '', phone: draft.answers.phone ?? '' }, problems: [] }}
        backHref={saveBackOf(request.query.from)}
      />,
    );
  });

  app.post(FILING_PATHS.save, { schema: { body: SaveBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const draft = await drafts.open(draftToken(request));
    if (!draft) return toStart(reply);
    const email = request.body.email ?? '';
    const phone = request.body.phone ?? '';
    // The code goes where the consumer chose; a form without the choice meant e-mail.
    const contactBy = request.body.contactBy === 'sms' ? 'sms' : 'email';
    const outcome =
      contactBy === 'sms'
        ? await drafts.saveForLaterByText(draft, phone, mailOf(ctx), request.ip)
        : await drafts.saveForLater(draft, email, mailOf(ctx), request.ip);
    if (!outcome.ok)
      return sendPage(
        reply,
        <SavePage ctx={ctx} form={{ values: { contactBy, email, phone }, problems: problemsOf(outcome.issues, ctx.t) }} backHref={FILING_PATHS.check} />,
        422,
      );
    return reply.redirect(FILING_PATHS.saved, 303);
  });

  app.get(FILING_PATHS.saved, { schema: { querystring: WebPageQuery } }, async (request, reply) => {
    const draft = await drafts.open(draftToken(request));
    if (!draft) return toStart(reply);
    const missing = firstIncompleteStep(draft.answers, rulesOf(await stepOptions()));
    return sendPage(
      reply,
      <SavedPage
        ctx={app.pageContext(request, reply)}
        reference={draft.reference}
        expiresAt={draft.expiresAt}
        continueHref={missing ? stepPath(missing) : FILING_PATHS.check}
        isTexted={draft.savedBy === 'sms'}
      />,
    );
  });

  const emptyForm = { values: {}, problems: [] };

  app.get(FILING_PATHS.resume, { schema: { querystring: ResumeQuery } }, async (request, reply) =>
    sendPage(reply, <ResumePage ctx={app.pageContext(request, reply)} form={emptyForm} newCodeForm={emptyForm} isCodeSent={request.query.sent === '1'} />),
  );

  app.post(FILING_PATHS.resume, { schema: { body: ResumeBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const reference = request.body.reference ?? '';
    const outcome = await drafts.resume(reference, request.body.code ?? '');
    if (!outcome.ok)
      return sendPage(
        reply,
        <ResumePage ctx={ctx} form={{ values: { reference }, problems: problemsOf(outcome.issues, ctx.t) }} newCodeForm={emptyForm} isCodeSent={false} />,
        422,
      );
    reply.setCookie(DRAFT_COOKIE, outcome.value.token, draftCookie);
    return reply.redirect(FILING_PATHS.check, 303);
  });

  app.post(FILING_PATHS.resumeNewCode, { schema: { body: NewCodeBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const reference = request.body.newCodeReference ?? '';
    if (reference.trim() === '') {
      const problems = [{ field: 'newCodeReference', message: ctx.t('complaints.web.error.referenceMissing') }];
      return sendPage(reply, <ResumePage ctx={ctx} form={emptyForm} newCodeForm={{ values: {}, problems }} isCodeSent={false} />, 422);
    }
    await drafts.sendNewCode(reference, mailOf(ctx), request.ip);
    return reply.redirect(`${FILING_PATHS.resume}?sent=1`, 303);
  });
}
