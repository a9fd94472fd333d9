import { requireToken, tokenOf } from '../../../platform/auth/index.ts';
import { Forbidden } from '../../../platform/http/errors.ts';
import type { App } from '../../../platform/module.ts';
import type { FastifyRequest } from 'fastify';
import type { FullComplaintService } from '../cases/complaint.service.ts';
import type { OperatorActor } from '../cases/case-workflow.ts';
import { refusal } from '../cases/complaint-messages.ts';
import { DEFAULT_SORT, FIRST_DIRECTION } from '../cases/complaint-list-page.ts';
import {
  OperatorCaseList,
  OperatorListQuery,
  OperatorCaseReply,
  OperatorMessageBody,
  OperatorResponseBody,
  ReferenceParams,
} from '../cases/complaint.schemas.ts';
import { presentOperatorCase, presentOperatorSummary } from './operator-api.presenter.ts';
import { READ_PERMISSION, RESPOND_PERMISSION } from '../cases/complaints.policy.ts';

const TAG = 'complaints';
// Cases per page of the operator API, unless the client asks for fewer.
const API_PAGE_SIZE = 100;

/** The operator a token acts for; a token bound to no operator may not use the operator API. */
function operatorOfToken(request: FastifyRequest): OperatorActor {
  const token = tokenOf(request);
  if (token.operatorId === null) throw new Forbidden('TOKEN_NOT_OPERATOR', refusal('tokenNotOperator'));
  return { actor: { type: 'token', id: token.tokenId }, operatorId: token.operatorId };
}

/** Registers the operator API: an operator's token lists, reads and answers its own referred cases. */
export function registerOperatorApiRoutes(app: App, service: FullComplaintService): void {
  app.get(
    '/api/v1/operator/complaints',
    {
      preHandler: requireToken(READ_PERMISSION),
      schema: {
        tags: [TAG],
        summary: `The cases referred to the token's operator, newest first, a page at a time, with their deadlines (permission ${READ_PERMISSION}).`,
        security: [{ bearerToken: [] }],
        querystring: OperatorListQuery,
        response: { 200: OperatorCaseList },
      },
    },
    async (request) => {
      const listed = await service.operator.list(operatorOfToken(request), {
        sort: DEFAULT_SORT,
        direction: FIRST_DIRECTION[DEFAULT_SORT],
        page: request.query.page ?? 1,
        pageSize: request.query.pageSize ?? API_PAGE_SIZE,
      });
      return { cases: listed.rows.map(presentOperatorSummary), page: listed.page, pages: listed.pages, total: listed.total };
    },
  );

  app.get(
    '/api/v1/operator/complaints/:reference',
    {
      preHandler: requireToken(READ_PERMISSION),
      schema: {
        tags: [TAG],
        summary: `One case of the token's operator (permission ${READ_PERMISSION}); another operator's case answers 404.`,
        security: [{ bearerToken: [] }],
        params: ReferenceParams,
        response: { 200: OperatorCaseReply },
      },
    },
    async (request) => presentOperatorCase(await service.operator.open(operatorOfToken(request), request.params.reference)),
  );

  app.post(
    '/api/v1/operator/complaints/:reference/responses',
    {
      preHandler: requireToken(RESPOND_PERMISSION),
      schema: {
        tags: [TAG],
        summary: `Answer a case, propose a resolution, put a disputed amount on hold, or declare deadlock (permission ${RESPOND_PERMISSION}).`,
        security: [{ bearerToken: [] }],
        params: ReferenceParams,
        body: OperatorResponseBody,
        response: { 201: OperatorCaseReply },
      },
    },
    async (request, reply) => {
      const input = { kind: request.body.kind, text: request.body.text, ...(request.body.amount !== undefined ? { amount: request.body.amount } : {}) };
      const detail = await service.operator.respond(operatorOfToken(request), request.params.reference, input);
      return reply.code(201).send(presentOperatorCase(detail));
    },
  );

  app.post(
    '/api/v1/operator/complaints/:reference/messages',
    {
      preHandler: requireToken(RESPOND_PERMISSION),
      schema: {
        tags: [TAG],
        summary: `Write to the consumer of a referred case; the consumer is told by e-mail and the regulator reads it too (permission ${RESPOND_PERMISSION}).`,
        security: [{ bearerToken: [] }],
        params: ReferenceParams,
        body: OperatorMessageBody,
        response: { 201: OperatorCaseReply },
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentOperatorCase(await service.operator.messageConsumer(operatorOfToken(request), request.params.reference, request.body.text))),
  );
}
