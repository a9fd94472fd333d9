import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, ModuleStaffLink } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { actorOf, requireUser } from '../../../platform/auth/index.ts';
import { EMPTY_FORM } from '../../../platform/web/components.tsx';
import { sendPage } from '../../../platform/web/render.ts';
import { REVIEWER_ROLES } from '../scams.policy.ts';
import type { AppealIssue } from './appeal.service.ts';
import { createAppealServiceFor } from './appeal.wiring.ts';
import { AppealParams, CodeBody, DecisionBody, NumberBody, PageQuery, StatementBody } from './appeal.schemas.ts';
import { AppealCodePage, AppealDonePage, AppealStartPage, AppealStatementPage, StaffAppealPage, StaffAppealsPage } from './appeal.views.tsx';
import { APPEAL_PATHS } from './appeal.paths.ts';

const COOKIE = 'kinga_scam_appeal';

const problemsOf = (issues: readonly AppealIssue[], t: Translate) => issues.map((i) => ({ field: i.field, message: t(i.messageKey) }));

/** The staff dashboard's link to the appeals. */
export const APPEALS_STAFF_LINK: ModuleStaffLink = {
  href: APPEAL_PATHS.staffList,
  labelKey: 'scams.appeals.staff.title',
  descriptionKey: 'scams.appeals.staff.link',
  roles: REVIEWER_ROLES,
  async figures(platform) {
    return [{ messageKey: 'scams.appeals.figure.open', count: (await createAppealServiceFor(platform).listOpen()).length }];
  },
};

/** Registers the holder's appeal (number, code, statement) and the staff's hearing of appeals. */
export function registerAppealRoutes(app: App, platform: Platform): void {
  const appeals = createAppealServiceFor(platform);
  const cookieOptions = { path: APPEAL_PATHS.start, httpOnly: true, sameSite: 'lax' as const, secure: platform.config.session.isCookieSecure };
  const tokenOf = (request: FastifyRequest) => request.cookies[COOKIE];
  const restart = (reply: FastifyReply) => reply.redirect(APPEAL_PATHS.start, 303);

  app.get(APPEAL_PATHS.start, { schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <AppealStartPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />),
  );

  app.post(APPEAL_PATHS.start, { schema: { body: NumberBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const number = request.body.number ?? '';
    const outcome = await appeals.start({ number, t: ctx.t, networkAddress: request.ip });
    if (outcome.ok) {
      reply.setCookie(COOKIE, outcome.value.token, cookieOptions);
      return reply.redirect(APPEAL_PATHS.code, 303);
    }
    const problems = 'issues' in outcome ? problemsOf(outcome.issues, ctx.t) : [];
    return sendPage(reply, <AppealStartPage ctx={ctx} form={{ values: { number }, problems }} />, 422);
  });

  app.get(APPEAL_PATHS.code, { schema: { querystring: PageQuery } }, async (request, reply) => {
    const check = await appeals.checkedNumber(tokenOf(request));
    if (!check) return restart(reply);
    if (check.isVerified) return reply.redirect(APPEAL_PATHS.statement, 303);
    return sendPage(reply, <AppealCodePage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} maskedNumber={check.maskedNumber} />);
  });

  app.post(APPEAL_PATHS.code, { schema: { body: CodeBody } }, async (request, reply) => {
    const outcome = await appeals.confirm({ token: tokenOf(request), code: request.body.code ?? '' });
    if (outcome.ok) return reply.redirect(APPEAL_PATHS.statement, 303);
    const check = await appeals.checkedNumber(tokenOf(request));
    if ('isCheckMissing' in outcome || !check) return restart(reply);
    const ctx = app.pageContext(request, reply);
    return sendPage(
      reply,
      <AppealCodePage ctx={ctx} form={{ values: {}, problems: problemsOf(outcome.issues, ctx.t) }} maskedNumber={check.maskedNumber} />,
      422,
    );
  });

  app.get(APPEAL_PATHS.statement, { schema: { querystring: PageQuery } }, async (request, reply) => {
    const check = await appeals.checkedNumber(tokenOf(request));
    if (!check?.isVerified) return restart(reply);
    return sendPage(reply, <AppealStatementPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />);
  });

  app.post(APPEAL_PATHS.statement, { schema: { body: StatementBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const values = { statement: request.body.statement ?? '', contact: request.body.contact ?? '' };
    const outcome = await appeals.file({ token: tokenOf(request), ...values, language: ctx.language, t: ctx.t });
    if ('isCheckMissing' in outcome) return restart(reply);
    if (!outcome.ok) return sendPage(reply, <AppealStatementPage ctx={ctx} form={{ values, problems: problemsOf(outcome.issues, ctx.t) }} />, 422);
    reply.clearCookie(COOKIE, { path: APPEAL_PATHS.start });
    return sendPage(reply, <AppealDonePage ctx={ctx} reference={outcome.value.reference} />);
  });

  const staff = { preHandler: requireUser(...REVIEWER_ROLES) };

  app.get(APPEAL_PATHS.staffList, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <StaffAppealsPage ctx={app.pageContext(request, reply)} appeals={await appeals.listOpen()} />),
  );

  app.get(`${APPEAL_PATHS.staffList}/:id`, { ...staff, schema: { params: AppealParams, querystring: PageQuery } }, async (request, reply) => {
    const appeal = await appeals.find(request.params.id);
    if (!appeal) throw new NotFound('SCAM_APPEAL_NOT_FOUND');
    return sendPage(reply, <StaffAppealPage ctx={app.pageContext(request, reply)} appeal={appeal} form={EMPTY_FORM} />);
  });

  app.post(`${APPEAL_PATHS.staffList}/:id`, { ...staff, schema: { params: AppealParams, body: DecisionBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const values = { decision: request.body.decision ?? '', reason: request.body.reason ?? '' };
    const appeal = await appeals.find(request.params.id);
    if (!appeal) throw new NotFound('SCAM_APPEAL_NOT_FOUND');
    const decision = values.decision === 'uphold' || values.decision === 'overturn' ? values.decision : null;
    const outcome = decision ? await appeals.decide({ id: appeal.id, actor: actorOf(request), decision, reason: values.reason }) : null;
    if (outcome?.ok) return reply.redirect(APPEAL_PATHS.staffList, 303);
    const isDecided = outcome?.ok === false && outcome.problem === 'decided';
    const problems = [
      ...(decision ? [] : [{ field: 'decision', message: ctx.t('scams.appeals.error.decisionMissing') }]),
      ...(isDecided ? [{ field: 'decision', message: ctx.t('scams.appeals.error.decided') }] : []),
      ...(values.reason.trim() === '' || (outcome?.ok === false && outcome.problem === 'reason')
        ? [{ field: 'reason', message: ctx.t('scams.appeals.error.reasonMissing') }]
        : []),
    ];
    return sendPage(reply, <StaffAppealPage ctx={ctx} appeal={(await appeals.find(appeal.id)) ?? appeal} form={{ values, problems }} />, isDecided ? 409 : 422);
  });
}
