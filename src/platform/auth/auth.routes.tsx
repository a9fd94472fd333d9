import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, ModuleStaffLink, StaffFigure } from '../module.ts';
import type { Role } from './principal.ts';
import type { Clock } from '../clock.ts';
import type { FieldProblem } from '../http/errors.ts';
import { EMPTY_FORM, type FormState } from '../web/components.tsx';
import type { PageContext } from '../web/context.ts';
import { sendPage } from '../web/render.ts';
import { canSeeEmails, staffLinksFor } from './auth.policy.ts';
import { presentAccount, presentForm, presentIssues, presentToken } from './auth.presenter.ts';
import { ActionBody, CodeBody, DashboardQuery, IdParams, NewTokenBody, NewUserBody, PageQuery, PasswordBody, SignInBody, SignInQuery } from './auth.schemas.ts';
import type { AuthService } from './auth.service.ts';
import type { CodeStepResult } from './sign-in.service.ts';
import { clearSessionCookie, setSessionCookie, type SessionCookieOptions } from './auth.hook.ts';
import { PASSWORD_PAGE, requireUser, staffOf } from './auth.guards.ts';
import { grantablePermissions } from './permissions.ts';
import { CodePage, DashboardPage, PasswordPage, SetupCodePage, SignInPage, TokenCreatedPage, TokensPage, UserCreatedPage, UsersPage } from './auth.views.tsx';

const SIGN_IN = '/staff/sign-in';
const CODE = '/staff/sign-in/code';
const SETUP = '/staff/sign-in/setup-code';

/** The generic refusal: it never says which of e-mail, password or code was wrong. */
function refusal(ctx: PageContext, field: string): FieldProblem[] {
  return [{ field, message: ctx.t('auth.signIn.refused') }];
}

/** Registers the sign-in, dashboard, password, account and token pages under `/staff`. */
export function registerAuthRoutes(
  app: App,
  service: AuthService,
  options: SessionCookieOptions & {
    clock: Clock;
    moduleLinks?: readonly ModuleStaffLink[];
    /** The figures of a module's link for one member of staff; none when it has none. */
    figuresOf?(link: ModuleStaffLink, staff: { role: Role; operatorId: string | null }): Promise<readonly StaffFigure[]>;
  },
): void {
  /** The half-signed-in principal of the code pages, or a redirect to where the visitor belongs. */
  function pendingOf(request: FastifyRequest, reply: FastifyReply) {
    const principal = request.principal;
    if (principal?.kind !== 'user') return { redirect: reply.redirect(SIGN_IN, 303) };
    if (principal.isMfaVerified) return { redirect: reply.redirect('/staff', 303) };
    return { principal };
  }

  /** Answers a finished second-factor step of either kind. */
  function afterCode(
    request: FastifyRequest,
    reply: FastifyReply,
    result: CodeStepResult,
    render: (form: FormState, status: number) => FastifyReply | Promise<FastifyReply>,
  ) {
    const ctx = app.pageContext(request, reply);
    switch (result.kind) {
      case 'signed-in':
        setSessionCookie(reply, result.sessionToken, options);
        return reply.redirect(result.isPasswordChangeRequired ? PASSWORD_PAGE : '/staff', 303);
      case 'invalid':
        return render({ values: {}, problems: presentIssues(result.issues, ctx.t) }, 422);
      case 'refused':
        return render({ values: {}, problems: refusal(ctx, 'code') }, 401);
      case 'locked':
        clearSessionCookie(reply, options);
        reply.header('retry-after', String(result.retryAfterSeconds));
        return sendPage(
          reply,
          <SignInPage
            ctx={ctx}
            form={{ values: {}, problems: refusal(ctx, 'email') }}
            notice={ctx.t('auth.signIn.locked', { minutes: Math.ceil(result.retryAfterSeconds / 60) })}
          />,
          429,
        );
    }
  }

  app.get(SIGN_IN, { schema: { querystring: SignInQuery } }, async (request, reply) => {
    const principal = request.principal;
    if (principal?.kind === 'user' && principal.isMfaVerified) return reply.redirect('/staff', 303);
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, <SignInPage ctx={ctx} form={EMPTY_FORM} notice={request.query.signedOut ? ctx.t('auth.signIn.signedOut') : undefined} />);
  });

  app.post(SIGN_IN, { schema: { body: SignInBody } }, async (request, reply) => {
    const email = request.body.email ?? '';
    const principal = request.principal;
    const result = await service.submitPassword({
      email,
      password: request.body.password ?? '',
      ip: request.ip,
      replacingSessionId: principal?.kind === 'user' ? principal.sessionId : undefined,
    });
    const ctx = app.pageContext(request, reply);
    const keep = (problems: FieldProblem[]) => presentForm({ email }, ['email'], problems);
    switch (result.kind) {
      case 'pending':
        setSessionCookie(reply, result.sessionToken, options);
        return reply.redirect(result.next === 'code' ? CODE : SETUP, 303);
      case 'invalid':
        return sendPage(reply, <SignInPage ctx={ctx} form={keep(presentIssues(result.issues, ctx.t))} />, 422);
      case 'refused':
        return sendPage(reply, <SignInPage ctx={ctx} form={keep(refusal(ctx, 'email'))} />, 401);
      case 'locked':
        reply.header('retry-after', String(result.retryAfterSeconds));
        return sendPage(
          reply,
          <SignInPage
            ctx={ctx}
            form={keep(refusal(ctx, 'email'))}
            notice={ctx.t('auth.signIn.locked', { minutes: Math.ceil(result.retryAfterSeconds / 60) })}
          />,
          429,
        );
    }
  });

  app.get(CODE, { schema: { querystring: PageQuery } }, async (request, reply) => {
    const pending = pendingOf(request, reply);
    if (pending.redirect) return pending.redirect;
    if ((await service.pendingStep(pending.principal.userId)) === 'setup') return reply.redirect(SETUP, 303);
    return sendPage(reply, <CodePage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} />);
  });

  app.post(CODE, { schema: { body: CodeBody } }, async (request, reply) => {
    const pending = pendingOf(request, reply);
    if (pending.redirect) return pending.redirect;
    const result = await service.submitCode({
      sessionId: pending.principal.sessionId,
      userId: pending.principal.userId,
      code: request.body.code ?? '',
      ip: request.ip,
    });
    return afterCode(request, reply, result, (form, status) => sendPage(reply, <CodePage ctx={app.pageContext(request, reply)} form={form} />, status));
  });

  app.get(SETUP, { schema: { querystring: PageQuery } }, async (request, reply) => {
    const pending = pendingOf(request, reply);
    if (pending.redirect) return pending.redirect;
    const enrolment = await service.beginTotpEnrolment(pending.principal.userId);
    if (!enrolment) return reply.redirect(CODE, 303);
    return sendPage(reply, <SetupCodePage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} enrolment={enrolment} />);
  });

  app.post(SETUP, { schema: { body: CodeBody } }, async (request, reply) => {
    const pending = pendingOf(request, reply);
    if (pending.redirect) return pending.redirect;
    const { userId, sessionId } = pending.principal;
    const result = await service.confirmTotpEnrolment({ sessionId, userId, code: request.body.code ?? '', ip: request.ip });
    return afterCode(request, reply, result, async (form, status) => {
      const enrolment = await service.beginTotpEnrolment(userId);
      if (!enrolment) return reply.redirect(CODE, 303);
      return sendPage(reply, <SetupCodePage ctx={app.pageContext(request, reply)} form={form} enrolment={enrolment} />, status);
    });
  });

  app.post('/staff/sign-out', { schema: { body: ActionBody } }, async (request, reply) => {
    const principal = request.principal;
    if (principal?.kind === 'user') await service.signOut(principal);
    clearSessionCookie(reply, options);
    return reply.redirect(`${SIGN_IN}?signedOut=1`, 303);
  });

  app.get('/staff', { schema: { querystring: DashboardQuery }, preHandler: requireUser() }, async (request, reply) => {
    const staff = staffOf(request);
    const ctx = app.pageContext(request, reply);
    const moduleLinks = await Promise.all(
      (options.moduleLinks ?? [])
        .filter((l) => l.roles.includes(staff.role))
        .map(async (link) => {
          const figures = (await options.figuresOf?.(link, { role: staff.role, operatorId: staff.operatorId })) ?? [];
          return { ...link, figures: figures.map((f) => ({ text: ctx.t(f.messageKey, { count: f.count }), isAlert: f.isAlert === true })) };
        }),
    );
    return sendPage(
      reply,
      <DashboardPage
        ctx={ctx}
        displayName={staff.displayName}
        roleKey={`role.${staff.role}`}
        operatorId={staff.operatorId}
        links={[...staffLinksFor(staff.role, staff), ...moduleLinks]}
        notice={request.query.passwordChanged ? ctx.t('staff.password.changed') : undefined}
      />,
    );
  });

  app.get(PASSWORD_PAGE, { schema: { querystring: PageQuery }, preHandler: requireUser() }, async (request, reply) => {
    const staff = staffOf(request);
    return sendPage(reply, <PasswordPage ctx={app.pageContext(request, reply)} form={EMPTY_FORM} isRequired={staff.isPasswordChangeRequired === true} />);
  });

  app.post(PASSWORD_PAGE, { schema: { body: PasswordBody }, preHandler: requireUser() }, async (request, reply) => {
    const staff = staffOf(request);
    const outcome = await service.changePassword(staff, {
      currentPassword: request.body.currentPassword ?? '',
      newPassword: request.body.newPassword ?? '',
      confirmation: request.body.confirmation ?? '',
      ip: request.ip,
    });
    if (outcome.ok) return reply.redirect('/staff?passwordChanged=1', 303);
    const ctx = app.pageContext(request, reply);
    if ('isLocked' in outcome) {
      // The session has ended: the next try starts again from the password and the code.
      clearSessionCookie(reply, options);
      reply.header('retry-after', String(outcome.retryAfterSeconds));
      return sendPage(
        reply,
        <SignInPage ctx={ctx} form={EMPTY_FORM} notice={ctx.t('auth.signIn.locked', { minutes: Math.ceil(outcome.retryAfterSeconds / 60) })} />,
        429,
      );
    }
    const form = { values: {}, problems: presentIssues(outcome.issues, ctx.t) };
    return sendPage(reply, <PasswordPage ctx={ctx} form={form} isRequired={staff.isPasswordChangeRequired === true} />, 422);
  });

  const renderUsers = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const staff = staffOf(request);
    const accounts = await service.listAccounts(staff);
    const users = accounts.map((a) => presentAccount(a, canSeeEmails(staff)));
    return sendPage(reply, <UsersPage ctx={app.pageContext(request, reply)} users={users} form={form} currentUserId={staff.userId} />, status);
  };

  app.get('/staff/users', { schema: { querystring: PageQuery }, preHandler: requireUser('admin') }, async (request, reply) =>
    renderUsers(request, reply, EMPTY_FORM),
  );

  app.post('/staff/users', { schema: { body: NewUserBody }, preHandler: requireUser('admin') }, async (request, reply) => {
    const staff = staffOf(request);
    const body = request.body;
    const input = {
      email: body.email ?? '',
      displayName: body.displayName ?? '',
      role: body.role ?? '',
      operatorId: body.operatorId ?? '',
      organisation: body.organisation ?? '',
    };
    const outcome = await service.createAccount(staff, input);
    const ctx = app.pageContext(request, reply);
    if (!outcome.ok) {
      const form = presentForm(input, ['email', 'displayName', 'role', 'operatorId', 'organisation'], presentIssues(outcome.issues, ctx.t));
      return renderUsers(request, reply, form, 422);
    }
    const user = presentAccount(outcome.value.account, canSeeEmails(staff));
    return sendPage(reply, <UserCreatedPage ctx={ctx} user={user} temporaryPassword={outcome.value.temporaryPassword} />);
  });

  app.post('/staff/users/:id/disable', { schema: { params: IdParams, body: ActionBody }, preHandler: requireUser('admin') }, async (request, reply) => {
    await service.disableAccount(staffOf(request), request.params.id);
    return reply.redirect('/staff/users', 303);
  });

  app.post('/staff/users/:id/reset-mfa', { schema: { params: IdParams, body: ActionBody }, preHandler: requireUser('admin') }, async (request, reply) => {
    await service.resetMfa(staffOf(request), request.params.id);
    return reply.redirect('/staff/users', 303);
  });

  const renderTokens = async (request: FastifyRequest, reply: FastifyReply, form: FormState, checked: readonly string[], status = 200) => {
    const staff = staffOf(request);
    const now = options.clock.now();
    const tokens = (await service.listTokens(staff)).map((t) => presentToken(t, now));
    const fixedOperatorId = staff.role === 'admin' ? null : staff.operatorId;
    return sendPage(
      reply,
      <TokensPage
        ctx={app.pageContext(request, reply)}
        tokens={tokens}
        form={form}
        permissions={grantablePermissions(staff.role)}
        checked={checked}
        fixedOperatorId={fixedOperatorId}
      />,
      status,
    );
  };

  const tokenRoles = requireUser('admin', 'operator_agent');

  app.get('/staff/tokens', { schema: { querystring: PageQuery }, preHandler: tokenRoles }, async (request, reply) => {
    return renderTokens(request, reply, EMPTY_FORM, []);
  });

  app.post('/staff/tokens', { schema: { body: NewTokenBody }, preHandler: tokenRoles }, async (request, reply) => {
    const staff = staffOf(request);
    const body = request.body;
    const input = { name: body.name ?? '', operatorId: body.operatorId ?? '', permissions: body.permissions ?? [], expiresInDays: body.expiresInDays ?? '' };
    const outcome = await service.createToken(staff, input);
    const ctx = app.pageContext(request, reply);
    if (!outcome.ok) {
      const form = presentForm(
        { name: input.name, operatorId: input.operatorId, expiresInDays: input.expiresInDays },
        ['name', 'operatorId', 'expiresInDays'],
        presentIssues(outcome.issues, ctx.t),
      );
      return renderTokens(request, reply, form, input.permissions, 422);
    }
    const token = presentToken(outcome.value.token, options.clock.now());
    return sendPage(reply, <TokenCreatedPage ctx={ctx} token={token} plaintext={outcome.value.plaintext} />);
  });

  app.post('/staff/tokens/:id/revoke', { schema: { params: IdParams, body: ActionBody }, preHandler: tokenRoles }, async (request, reply) => {
    await service.revokeToken(staffOf(request), request.params.id);
    return reply.redirect('/staff/tokens', 303);
  });
}
