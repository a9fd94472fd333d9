import { Type } from '@sinclair/typebox';
import { requireToken, requireUser, staffOf, tokenOf } from '../../../platform/auth/index.ts';
import { Forbidden, type FieldProblem } from '../../../platform/http/errors.ts';
import type { App } from '../../../platform/module.ts';
import type { PageContext } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { FormBody, formValue } from '../cases/complaint.schemas.ts';
import { checkQuarter } from './complaint-subscribers.ts';
import { subscriberRefusal } from './subscriber-messages.ts';
import type { FigureFormIssue, QuarterGrid, SubscriberService, TypedFigure } from './complaint-subscribers.service.ts';
import { figureField, SubscribersPage } from './complaint-subscribers.views.tsx';
import { SUBSCRIBERS_PATH } from './subscribers.paths.ts';
import { STATISTICS_ROLES, SUBSCRIBERS_PERMISSION } from '../cases/complaints.policy.ts';

const SubscribersQuery = Type.Object({
  quarter: Type.Optional(Type.String({ maxLength: 16 })),
  saved: Type.Optional(Type.String({ maxLength: 1 })),
  lang: Type.Optional(Type.String({ maxLength: 8 })),
});

const QuarterParams = Type.Object({ quarter: Type.String({ maxLength: 16, description: 'The quarter, such as 2026-Q3.' }) });

const FigureEntry = Type.Object(
  {
    operatorId: Type.String({ maxLength: 64, description: "The operator's licence id." }),
    service: Type.String({ maxLength: 32, description: 'mobile, fixed_internet or pay_tv.' }),
    // A number rather than an integer, so that 1.5 or -3 get a message naming the entry.
    subscribers: Type.Number({ description: 'A whole number, 0 or more.' }),
  },
  { additionalProperties: false },
);

const SubscribersBody = Type.Object(
  {
    figures: Type.Array(FigureEntry, {
      maxItems: 10_000,
      description: 'Every figure of the quarter; a figure the quarter had and this list lacks is removed.',
    }),
  },
  { additionalProperties: false },
);

const SubscribersReply = Type.Object({
  quarter: Type.String(),
  figures: Type.Array(Type.Object({ operatorId: Type.String(), service: Type.String(), subscribers: Type.Integer() })),
});

const normaliseQuarter = (value: string) => value.trim().toUpperCase();

/** The page's problems, in its language, each naming its field: the quarter, or the operator and service of a cell. */
function problemsOf(ctx: PageContext, quarter: string, issues: readonly FigureFormIssue[], operators: QuarterGrid['operators']): FieldProblem[] {
  const names = new Map(operators.map((o) => [o.id, o.name]));
  return issues.map((issue) =>
    issue.kind === 'quarter'
      ? { field: 'quarter', message: ctx.t(`complaints.subscribers.error.${issue.issue}`, { quarter }) }
      : {
          field: figureField(issue.operatorId, issue.service),
          message: ctx.t(`complaints.subscribers.error.${issue.issue}`, {
            operator: names.get(issue.operatorId) ?? issue.operatorId,
            service: ctx.t(`complaints.service.${issue.service}`),
            quarter,
          }),
        },
  );
}

/** Registers the staff page of subscriber numbers and `PUT /api/v1/complaints/subscribers/{quarter}`. */
export function registerSubscriberRoutes(app: App, service: SubscriberService): void {
  const staff = { preHandler: requireUser(...STATISTICS_ROLES) };

  app.get(SUBSCRIBERS_PATH, { ...staff, schema: { querystring: SubscribersQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const quarter = normaliseQuarter(request.query.quarter ?? service.currentQuarter());
    const issue = checkQuarter(quarter, service.currentQuarter());
    if (issue) {
      const problems = problemsOf(ctx, quarter, [{ kind: 'quarter', issue }], []);
      return sendPage(reply, <SubscribersPage ctx={ctx} grid={null} form={{ values: { quarter }, problems }} />, 422);
    }
    const grid = await service.grid(quarter);
    return sendPage(reply, <SubscribersPage ctx={ctx} grid={grid} form={{ values: { quarter }, problems: [] }} isSaved={request.query.saved === '1'} />);
  });

  app.post(SUBSCRIBERS_PATH, { ...staff, schema: { body: FormBody } }, async (request, reply) => {
    const body = request.body;
    const quarter = normaliseQuarter(formValue(body, 'quarter'));
    const grid = await service.grid(quarter);
    const typed: TypedFigure[] = grid.operators.flatMap((o) =>
      grid.services.map((s) => ({ operatorId: o.id, service: s, typed: formValue(body, figureField(o.id, s)) })),
    );
    const outcome = await service.saveQuarterForm({ type: 'user', id: staffOf(request).userId }, quarter, typed);
    if (outcome.ok) return reply.redirect(`${SUBSCRIBERS_PATH}?quarter=${encodeURIComponent(quarter)}&saved=1`, 303);
    const ctx = app.pageContext(request, reply);
    const values: Record<string, string> = { quarter };
    for (const cell of typed) values[figureField(cell.operatorId, cell.service)] = cell.typed;
    return sendPage(
      reply,
      <SubscribersPage ctx={ctx} grid={grid} form={{ values, problems: problemsOf(ctx, quarter, outcome.issues, grid.operators) }} />,
      422,
    );
  });

  app.put(
    '/api/v1/complaints/subscribers/:quarter',
    {
      preHandler: requireToken(SUBSCRIBERS_PERMISSION),
      schema: {
        tags: ['complaints'],
        summary: `Replace a quarter's subscriber numbers per operator and service, the denominators of the published complaint rates (a regulator token, bound to no operator, with the permission ${SUBSCRIBERS_PERMISSION}). All or nothing; 422 problem+json names every wrong entry.`,
        security: [{ bearerToken: [] }],
        params: QuarterParams,
        body: SubscribersBody,
        response: { 200: SubscribersReply },
      },
    },
    async (request) => {
      const token = tokenOf(request);
      // Operators report their figures to the regulator; only the regulator's own tokens set them.
      if (token.operatorId !== null) throw new Forbidden('TOKEN_NOT_REGULATOR', subscriberRefusal('tokenNotRegulator'));
      const quarter = normaliseQuarter(request.params.quarter);
      const figures = await service.replaceQuarter({ type: 'token', id: token.tokenId }, quarter, request.body.figures);
      return { quarter, figures: figures.map((f) => ({ operatorId: f.operatorId, service: f.service, subscribers: f.subscribers })) };
    },
  );
}
