import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { requireUser, staffOf } from '../../../platform/auth/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { REVIEWER_ROLES } from '../scams.policy.ts';
import { REVIEW_PATHS, reviewPath } from './review.paths.ts';
import { ClearBody, DecideBody, IdParams, OpenBody, PageQuery, QueueQuery } from './review.schemas.ts';
import type { ReviewIssue, ReviewOutcome, Reviewer, ReviewService } from './review.service.ts';
import { createReviewServiceFor } from './review.wiring.ts';
import { CampaignPage, EvidencePage, ReviewQueuePage, type EvidenceForms } from './review.views.tsx';

/** Registers the staff's review pages over the platform's review service. */
export function registerReviewRoutes(app: App, platform: Platform): void {
  registerReviewRoutesWith(app, createReviewServiceFor(platform));
}

function reviewerOf(request: FastifyRequest): Reviewer {
  const staff = staffOf(request);
  return { userId: staff.userId, role: staff.role };
}

function formOf(
  ctx: PageContext,
  values: Record<string, string>,
  issues: readonly ReviewIssue[],
  rename: Partial<Record<ReviewIssue['field'], string>> = {},
): FormState {
  return { values, problems: issues.map((i) => ({ field: rename[i.field] ?? i.field, message: ctx.t(i.key) })) };
}

/** Registers the review pages over `reviews`; every page and the screenshot route are for reviewers only. */
export function registerReviewRoutesWith(app: App, reviews: ReviewService): void {
  const staff = { preHandler: requireUser(...REVIEWER_ROLES) };

  app.get(REVIEW_PATHS.queue, { ...staff, schema: { querystring: QueueQuery } }, async (request, reply) => {
    const page = /^[0-9]{1,6}$/.test(request.query.page ?? '') ? Number(request.query.page) : 1;
    const view = await reviews.queue({ state: request.query.state, kind: request.query.kind, page });
    return sendPage(reply, <ReviewQueuePage ctx={app.pageContext(request, reply)} view={view} />);
  });

  /** The evidence page, after a refused or lost action with its forms. */
  async function evidence(request: FastifyRequest, reply: FastifyReply, id: string, forms: EvidenceForms = {}, status = 200) {
    const view = await reviews.evidence(id);
    if (!view) throw new NotFound();
    return sendPage(reply, <EvidencePage ctx={app.pageContext(request, reply)} view={view} forms={forms} />, status);
  }

  /** Answers a refused action: the form again with its problems, the page as it now is after a conflict, or not found. */
  async function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    outcome: Exclude<ReviewOutcome<unknown>, { ok: true }>,
    form: (issues: readonly ReviewIssue[]) => EvidenceForms,
  ) {
    if (outcome.problem === 'notFound') throw new NotFound();
    if (outcome.problem === 'invalid') return evidence(request, reply, id, form(outcome.issues), 422);
    return evidence(request, reply, id, { isConflict: true }, 409);
  }

  app.get(REVIEW_PATHS.identifier, { ...staff, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) =>
    evidence(request, reply, request.params.id),
  );

  app.post(REVIEW_PATHS.open, { ...staff, schema: { params: IdParams, body: OpenBody } }, async (request, reply) => {
    const { id } = request.params;
    const note = request.body.note ?? '';
    const outcome = await reviews.openReview(reviewerOf(request), id, { seenState: request.body.seenState ?? '', note });
    if (outcome.ok) return reply.redirect(reviewPath(REVIEW_PATHS.identifier, id), 303);
    const ctx = app.pageContext(request, reply);
    return refused(request, reply, id, outcome, (issues) => ({ open: formOf(ctx, { note }, issues, { reason: 'note' }) }));
  });

  app.post(REVIEW_PATHS.decide, { ...staff, schema: { params: IdParams, body: DecideBody } }, async (request, reply) => {
    const { id } = request.params;
    const values = { decision: request.body.decision ?? '', reason: request.body.reason ?? '' };
    const outcome = await reviews.decide(reviewerOf(request), id, { version: request.body.version ?? '', ...values });
    if (outcome.ok) return reply.redirect(reviewPath(REVIEW_PATHS.identifier, id), 303);
    const ctx = app.pageContext(request, reply);
    return refused(request, reply, id, outcome, (issues) => ({ decide: formOf(ctx, values, issues) }));
  });

  app.post(REVIEW_PATHS.clear, { ...staff, schema: { params: IdParams, body: ClearBody } }, async (request, reply) => {
    const { id } = request.params;
    const reason = request.body.reason ?? '';
    const outcome = await reviews.clear(reviewerOf(request), id, { reason });
    if (outcome.ok) return reply.redirect(reviewPath(REVIEW_PATHS.identifier, id), 303);
    const ctx = app.pageContext(request, reply);
    return refused(request, reply, id, outcome, (issues) => ({ clear: formOf(ctx, { clearReason: reason }, issues, { reason: 'clearReason' }) }));
  });

  app.get(REVIEW_PATHS.screenshot, { ...staff, schema: { params: IdParams } }, async (request, reply) => {
    const found = await reviews.screenshot(request.params.id);
    if (!found) throw new NotFound();
    // Served as the type its signature proved, never sniffed, in a sandbox of its own: a crafted file cannot run as a page.
    return reply
      .header('content-type', found.mediaType)
      .header('content-disposition', 'attachment; filename="screenshot"')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'no-store')
      .send(found.content);
  });

  app.get(REVIEW_PATHS.campaign, { ...staff, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) => {
    const view = await reviews.campaign(request.params.id);
    if (!view) throw new NotFound();
    return sendPage(reply, <CampaignPage ctx={app.pageContext(request, reply)} view={view} />);
  });
}
