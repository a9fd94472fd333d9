import { requireToken, tokenOf } from '../../../platform/auth/index.ts';
import { Forbidden } from '../../../platform/http/errors.ts';
import type { App } from '../../../platform/module.ts';
import type { SendLimiter } from '../../../platform/notify/index.ts';
import type { FastifyRequest } from 'fastify';
import type { FullComplaintService, OperatorActor } from '../cases/complaint.service.ts';
import { refusal } from '../cases/complaint-messages.ts';
import { admitReceipt } from '../filing/complaint-receipt-limit.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import { DEFAULT_SORT, FIRST_DIRECTION } from '../cases/complaint-list-page.ts';
import { FiledComplaintReply, FileComplaintBody, OperatorCaseList, OperatorListQuery, OperatorCaseReply, OperatorMessageBody, OperatorResponseBody, ReferenceParams } from '../cases/complaint.schemas.ts';
import { presentOperatorCase, presentOperatorSummary } from './operator-api.presenter.ts';
import type { ComplaintService, ComplaintSubmission, ExtraSupportNeed } from '../cases/complaint.types.ts';
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

/** Registers the filing API and the operator API. */
export function registerComplaintApiRoutes(app: App, service: FullComplaintService, settings: ComplaintsSettings, sendLimits: SendLimiter): void {
  app.post(
    '/api/v1/complaints',
    {
      config: { rateLimit: { max: settings.rateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: [TAG],
        summary: "File a complaint against one or more operators: one case each under one filing reference. Answers 201 with the references and deadlines; 422 problem+json names every wrong field; 429 when too many receipts went to the address given, or too many filings came from the caller's address.",
        body: FileComplaintBody,
        response: { 201: FiledComplaintReply },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const submission: ComplaintSubmission = {
        ...body,
        service: body.service as ComplaintService,
        extraSupport: body.extraSupport as ExtraSupportNeed[],
        channel: 'api',
      };
      const filed = await service.file({ type: 'system', id: null }, submission, [], { admitReceipt: (recipient) => admitReceipt(sendLimits, request.ip, recipient) });
      return reply.code(201).send(filed);
    },
  );

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
      const listed = await service.operator.list(operatorOfToken(request), { sort: DEFAULT_SORT, direction: FIRST_DIRECTION[DEFAULT_SORT], page: request.query.page ?? 1, pageSize: request.query.pageSize ?? API_PAGE_SIZE });
      return { cases: listed.rows.map(presentOperatorSummary), page: listed.page, pages: listed.pages, total: listed.total };
    },
  );

  app.get(
    '/api/v1/operator/complaints/:reference',
    {
      preHandler: requireToken(READ_PERMISSION),
      schema: { tags: [TAG], summary: `One case of the token's operator (permission ${READ_PERMISSION}); another operator's case answers 404.`, security: [{ bearerToken: [] }], params: ReferenceParams, response: { 200: OperatorCaseReply } },
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
    async (request, reply) => reply.code(201).send(presentOperatorCase(await service.operator.messageConsumer(operatorOfToken(request), request.params.reference, request.body.text))),
  );
}
