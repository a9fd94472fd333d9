import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import type { App } from '../../../platform/module.ts';
import { sendPage } from '../../../platform/web/render.ts';
import type { SurveyAnswers } from '../cases/complaint.types.ts';
import { TEXT_LIMITS } from '../cases/complaint-validation.ts';
import { problemsOf, type ConsumerPagesDeps } from '../filing/filing.routes.tsx';
import { ActionBody, CaseParams, CodeBody, MessageBody, ReferenceBody, RejectBody, SurveyBody, WebPageQuery } from '../filing/filing.schemas.ts';
import { FILING_PATHS } from '../filing/filing.paths.ts';
import { FollowCasePage, FollowCodePage, FollowFilingPage, FollowStartPage, type CaseForm } from './complaint-follow.views.tsx';
import { FOLLOW_PATHS, casePath } from './follow.paths.ts';
import { Type } from '@sinclair/typebox';

const FOLLOW_COOKIE = 'kinga_complaint_follow';
const CASE_DONE = ['sent', 'accepted', 'rejected', 'escalated', 'survey'] as const;
const CaseQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })), done: Type.Optional(Type.String({ maxLength: 20 })) });

/** Registers the consumer's follow pages: a code by e-mail, then the filing's cases, messages, answers to the provider and the survey. */
export function registerFollowRoutes(app: App, deps: Pick<ConsumerPagesDeps, 'follow' | 'complaints' | 'isCookieSecure'>): void {
  const { follow, complaints } = deps;
  // A session cookie: the access ends with the browser, and on the server after the profile's minutes.
  const followCookie = { path: FOLLOW_PATHS.follow, httpOnly: true, sameSite: 'lax' as const, secure: deps.isCookieSecure };
  const followToken = (request: FastifyRequest) => request.cookies[FOLLOW_COOKIE];
  const toFollow = (reply: FastifyReply) => reply.redirect(FOLLOW_PATHS.follow, 303);
  const emptyForm = { values: {}, problems: [] };

  app.get(FOLLOW_PATHS.follow, { schema: { querystring: WebPageQuery } }, async (request, reply) =>
    sendPage(reply, <FollowStartPage ctx={app.pageContext(request, reply)} form={emptyForm} />),
  );

  app.post(FOLLOW_PATHS.follow, { schema: { body: ReferenceBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const reference = request.body.reference ?? '';
    const outcome = await follow.start(reference, ctx.t, request.ip);
    if (!outcome.ok) return sendPage(reply, <FollowStartPage ctx={ctx} form={{ values: { reference }, problems: problemsOf(outcome.issues, ctx.t) }} />, 422);
    reply.setCookie(FOLLOW_COOKIE, outcome.value.token, followCookie);
    return reply.redirect(FOLLOW_PATHS.followCode, 303);
  });

  app.get(FOLLOW_PATHS.followCode, { schema: { querystring: WebPageQuery } }, async (request, reply) => {
    if (!followToken(request)) return toFollow(reply);
    return sendPage(reply, <FollowCodePage ctx={app.pageContext(request, reply)} form={emptyForm} />);
  });

  app.post(FOLLOW_PATHS.followCode, { schema: { body: CodeBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const code = request.body.code ?? '';
    if (code.trim() === '')
      return sendPage(
        reply,
        <FollowCodePage ctx={ctx} form={{ values: {}, problems: [{ field: 'code', message: ctx.t('complaints.web.error.codeMissing') }] }} />,
        422,
      );
    const outcome = await follow.confirm(followToken(request), code);
    if (outcome.ok) return reply.redirect(FOLLOW_PATHS.followCase, 303);
    if ('isSessionMissing' in outcome) return toFollow(reply);
    return sendPage(reply, <FollowCodePage ctx={ctx} form={{ values: {}, problems: problemsOf(outcome.issues, ctx.t) }} />, 422);
  });

  app.get(FOLLOW_PATHS.followCase, { schema: { querystring: WebPageQuery } }, async (request, reply) => {
    const view = await follow.view(followToken(request));
    if (!view) return toFollow(reply);
    return sendPage(reply, <FollowFilingPage ctx={app.pageContext(request, reply)} view={view} />);
  });

  app.get(`${FOLLOW_PATHS.followCase}/:reference`, { schema: { params: CaseParams, querystring: CaseQuery } }, async (request, reply) => {
    const view = await follow.onCase(followToken(request), request.params.reference, async (_reference, found) => found);
    if (!view) return toFollow(reply);
    const done = CASE_DONE.find((d) => d === request.query.done);
    return sendPage(reply, <FollowCasePage ctx={app.pageContext(request, reply)} view={view} done={done} />);
  });

  /** Re-renders a case page with the problems of one of its forms. */
  const refuse = async (
    request: FastifyRequest,
    reply: FastifyReply,
    reference: string,
    form: CaseForm,
    values: Record<string, string>,
    problems: FieldProblem[],
  ) => {
    const view = await follow.onCase(followToken(request), reference, async (_r, found) => found);
    if (!view) return toFollow(reply);
    return sendPage(reply, <FollowCasePage ctx={app.pageContext(request, reply)} view={view} failed={{ form, state: { values, problems } }} />, 422);
  };
  const doneAt = (reply: FastifyReply, reference: string, done: (typeof CASE_DONE)[number]) => reply.redirect(`${casePath(reference)}?done=${done}`, 303);

  app.post(`${FOLLOW_PATHS.followCase}/:reference/message`, { schema: { params: CaseParams, body: MessageBody } }, async (request, reply) => {
    const { t } = app.pageContext(request, reply);
    const text = (request.body.text ?? '').trim();
    const to = request.body.to ?? 'regulator';
    const { reference } = request.params;
    const values = { text, to };
    if (text === '') return refuse(request, reply, reference, 'message', values, [{ field: 'text', message: t('complaints.web.error.messageMissing') }]);
    if ([...text].length > 5000)
      return refuse(request, reply, reference, 'message', values, [
        { field: 'text', message: t('complaints.web.error.tooLong', { max: 5000, count: [...text].length }) },
      ]);
    const result = await follow.onCase(followToken(request), reference, async (r, found) => {
      // Only a case the provider has received can carry a message to it; the form offers the choice then only.
      if (to !== 'regulator' && !(to === 'operator' && found.can.messageOperator)) return 'refused' as const;
      return complaints.consumerMessage(r, text, to);
    });
    if (result === 'refused') return refuse(request, reply, reference, 'message', values, [{ field: 'to', message: t('complaints.web.error.audience') }]);
    return result ? doneAt(reply, reference, 'sent') : toFollow(reply);
  });

  app.post(`${FOLLOW_PATHS.followCase}/:reference/reject`, { schema: { params: CaseParams, body: RejectBody } }, async (request, reply) => {
    const { t } = app.pageContext(request, reply);
    const { reference } = request.params;
    const reason = (request.body.reason ?? '').trim();
    const length = [...reason].length;
    // The regulator and the provider need the consumer's reason to act on a refusal.
    if (reason === '') return refuse(request, reply, reference, 'reject', { reason }, [{ field: 'reason', message: t('complaints.web.error.reasonMissing') }]);
    if (length > TEXT_LIMITS.refusalReason)
      return refuse(request, reply, reference, 'reject', { reason }, [
        { field: 'reason', message: t('complaints.web.error.tooLong', { max: TEXT_LIMITS.refusalReason, count: length }) },
      ]);
    const result = await follow.onCase(followToken(request), reference, (r) => complaints.consumerReject(r, reason));
    return result ? doneAt(reply, reference, 'rejected') : toFollow(reply);
  });

  for (const [action, done] of [
    ['accept', 'accepted'],
    ['escalate', 'escalated'],
  ] as const) {
    app.post(`${FOLLOW_PATHS.followCase}/:reference/${action}`, { schema: { params: CaseParams, body: ActionBody } }, async (request, reply) => {
      const { reference } = request.params;
      const run = action === 'accept' ? complaints.consumerAccept : complaints.consumerEscalate;
      const result = await follow.onCase(followToken(request), reference, (r) => run(r));
      return result ? doneAt(reply, reference, done) : toFollow(reply);
    });
  }

  app.post(`${FOLLOW_PATHS.followCase}/:reference/survey`, { schema: { params: CaseParams, body: SurveyBody } }, async (request, reply) => {
    const { t } = app.pageContext(request, reply);
    const { reference } = request.params;
    const values = { satisfaction: request.body.satisfaction ?? '', wasEasy: request.body.wasEasy ?? '', comment: request.body.comment ?? '' };
    const scale = (v: string) => (/^[1-5]$/.test(v) ? (Number(v) as SurveyAnswers['satisfaction']) : undefined);
    const problems: FieldProblem[] = [];
    const satisfaction = scale(values.satisfaction);
    if (satisfaction === undefined) problems.push({ field: 'satisfaction', message: t('complaints.web.error.surveyScale') });
    if (values.wasEasy !== '' && scale(values.wasEasy) === undefined) problems.push({ field: 'wasEasy', message: t('complaints.web.error.surveyScale') });
    if ([...values.comment].length > 2000)
      problems.push({ field: 'comment', message: t('complaints.web.error.tooLong', { max: 2000, count: [...values.comment].length }) });
    if (problems.length > 0 || satisfaction === undefined) return refuse(request, reply, reference, 'survey', values, problems);
    const answers: SurveyAnswers = { satisfaction };
    const wasEasy = scale(values.wasEasy);
    if (wasEasy !== undefined) answers.wasEasy = wasEasy;
    if (values.comment.trim() !== '') answers.comment = values.comment.trim();
    const result = await follow.onCase(followToken(request), reference, async (r) => {
      await complaints.recordSurvey(r, answers);
      return true;
    });
    return result ? doneAt(reply, reference, 'survey') : toFollow(reply);
  });

  app.post(FOLLOW_PATHS.followEnd, { schema: { body: ActionBody } }, async (request, reply) => {
    await follow.end(followToken(request));
    reply.clearCookie(FOLLOW_COOKIE, followCookie);
    return reply.redirect(FILING_PATHS.rights, 303);
  });
}
