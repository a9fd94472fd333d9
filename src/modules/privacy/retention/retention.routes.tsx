import type { App, ModuleStaffLink } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Role } from '../../../platform/auth/index.ts';
import { actorOf, requireUser } from '../../../platform/auth/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { EMPTY_FORM, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { kindViews, processingRegister, registerCsv } from './retention.presenter.ts';
import { RETENTION_PATHS } from './retention.paths.ts';
import { HoldBody, IdParams, RetentionQuery } from './retention.schemas.ts';
import { createRetentionServiceFor } from './retention.wiring.ts';
import { RegisterPage, RetentionRunPage, RetentionStaffPage, WhatWeKeepBody, WhatWeKeepPage } from './retention.views.tsx';
import { renderToString } from 'preact-render-to-string';

/** Who runs the schedule and places legal holds: the authority's administrators and officers. */
export const RETENTION_ROLES: readonly Role[] = ['admin', 'officer'];

/** The staff dashboard's link to retention, with the holds in force and the kinds whose last run failed. */
export const RETENTION_STAFF_LINK: ModuleStaffLink = {
  href: RETENTION_PATHS.staff,
  labelKey: 'privacy.retention.staff.title',
  descriptionKey: 'privacy.retention.staff.link',
  roles: RETENTION_ROLES,
  async figures(platform) {
    const retention = createRetentionServiceFor(platform);
    const failed = (await retention.failedKinds()).length;
    return [
      { messageKey: 'privacy.retention.figure.holds', count: await retention.countHolds() },
      ...(failed > 0 ? [{ messageKey: 'privacy.retention.figure.failed', count: failed, isAlert: true }] : []),
    ];
  },
};

/** The footer's link to the public page, on every page. */
export const RETENTION_FOOTER_LINK = { href: RETENTION_PATHS.public, labelKey: 'privacy.retention.footer' };

const STATUS_KEYS: Readonly<Record<string, string>> = {
  placed: 'privacy.retention.holds.placed',
  released: 'privacy.retention.holds.released',
  gone: 'privacy.retention.holds.gone',
};

/** Registers the public "what we keep and why", the staff retention pages and the register of processing. */
export function registerRetentionRoutes(app: App, platform: Platform): void {
  const retention = createRetentionServiceFor(platform);
  const settings = platform.settings.privacy.retention;
  const staff = { preHandler: requireUser(...RETENTION_ROLES) };
  const registerOf = (ctx: PageContext) => processingRegister(platform.recordKinds, settings, platform.config.jurisdiction, ctx.t);

  // The kinds and the schedule are fixed once the platform starts: each language's body is rendered once.
  const publicBodies = new Map<string, string>();
  app.get(RETENTION_PATHS.public, { schema: { querystring: RetentionQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    let body = publicBodies.get(ctx.language);
    if (body === undefined) {
      body = renderToString(<WhatWeKeepBody ctx={ctx} kinds={kindViews(platform.recordKinds, settings.schedule, ctx.t)} dpo={settings.dpo ?? null} />);
      publicBodies.set(ctx.language, body);
    }
    return sendPage(reply, <WhatWeKeepPage ctx={ctx} bodyHtml={body} />);
  });

  const staffPage = async (ctx: PageContext, form: FormState, status: string | null) => (
    <RetentionStaffPage
      ctx={ctx}
      form={form}
      model={{
        kinds: kindViews(platform.recordKinds, settings.schedule, ctx.t),
        runs: await retention.lastRuns(10),
        holds: await retention.holdsInForce(),
        status,
      }}
    />
  );

  app.get(RETENTION_PATHS.staff, { ...staff, schema: { querystring: RetentionQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const statusKey = STATUS_KEYS[request.query.done ?? ''];
    return sendPage(reply, await staffPage(ctx, EMPTY_FORM, statusKey ? ctx.t(statusKey) : null));
  });

  app.post(RETENTION_PATHS.dryRun, staff, async (request, reply) => {
    const id = await retention.requestDryRun(actorOf(request));
    return reply.redirect(`${RETENTION_PATHS.runs}/${id}`, 303);
  });

  app.get(`${RETENTION_PATHS.runs}/:id`, { ...staff, schema: { params: IdParams, querystring: RetentionQuery } }, async (request, reply) => {
    const run = await retention.findRun(request.params.id);
    if (!run) throw new NotFound('PRIVACY_RETENTION_RUN_NOT_FOUND');
    const ctx = app.pageContext(request, reply);
    const labels = new Map(platform.recordKinds.map((k) => [k.name, ctx.t(k.labelKey)]));
    // A run waiting for the worker is shown again a moment later, without script.
    if (run.finishedAt === null) reply.header('refresh', '5');
    return sendPage(reply, <RetentionRunPage ctx={ctx} run={run} labels={labels} />);
  });

  app.post(RETENTION_PATHS.holds, { ...staff, schema: { body: HoldBody } }, async (request, reply) => {
    const values = {
      kind: request.body.kind ?? '',
      recordId: request.body.recordId ?? '',
      reason: request.body.reason ?? '',
      caseReference: request.body.caseReference ?? '',
    };
    const outcome = await retention.placeHold(actorOf(request), values);
    if (outcome.ok) return reply.redirect(`${RETENTION_PATHS.staff}?done=placed`, 303);
    const ctx = app.pageContext(request, reply);
    const problems = outcome.issues.map((i) => ({ field: i.field, message: ctx.t(i.messageKey) }));
    return sendPage(reply, await staffPage(ctx, { values, problems }, null), 422);
  });

  app.post(`${RETENTION_PATHS.holds}/:id/release`, { ...staff, schema: { params: IdParams } }, async (request, reply) => {
    const released = await retention.releaseHold(actorOf(request), request.params.id);
    return reply.redirect(`${RETENTION_PATHS.staff}?done=${released ? 'released' : 'gone'}`, 303);
  });

  app.get(RETENTION_PATHS.register, { ...staff, schema: { querystring: RetentionQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, <RegisterPage ctx={ctx} register={registerOf(ctx)} />);
  });

  app.get(RETENTION_PATHS.registerJson, { ...staff, schema: { querystring: RetentionQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="register-of-processing.json"')
      .header('cache-control', 'no-store')
      .send(JSON.stringify({ language: ctx.language, ...registerOf(ctx) }, null, 2));
  });

  app.get(RETENTION_PATHS.registerCsv, { ...staff, schema: { querystring: RetentionQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    return reply
      .header('content-type', 'text/csv; charset=utf-8; header=present')
      .header('content-disposition', 'attachment; filename="register-of-processing.csv"')
      .header('cache-control', 'no-store')
      .send(registerCsv(registerOf(ctx)));
  });
}
