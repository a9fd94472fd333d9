import type { App } from '../../../platform/module.ts';
import type { SendLimiter } from '../../../platform/notify/index.ts';
import type { FullComplaintService } from '../cases/complaint.service.ts';
import { FiledComplaintReply, FileComplaintBody } from '../cases/complaint.schemas.ts';
import type { ComplaintService, ComplaintSubmission, ExtraSupportNeed } from '../cases/complaint.types.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import { admitReceipt } from './complaint-receipt-limit.ts';

const TAG = 'complaints';

/** Registers the filing API: a client files a complaint for a consumer, one case per operator. */
export function registerFilingApiRoutes(app: App, service: FullComplaintService, settings: ComplaintsSettings, sendLimits: SendLimiter): void {
  app.post(
    '/api/v1/complaints',
    {
      config: { rateLimit: { max: settings.rateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: [TAG],
        summary:
          "File a complaint against one or more operators: one case each under one filing reference. Answers 201 with the references and deadlines; 422 problem+json names every wrong field; 429 when too many receipts went to the address given, or too many filings came from the caller's address.",
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
      const filed = await service.file({ type: 'system', id: null }, submission, [], {
        admitReceipt: (recipient) => admitReceipt(sendLimits, request.ip, recipient),
      });
      return reply.code(201).send(filed);
    },
  );
}
