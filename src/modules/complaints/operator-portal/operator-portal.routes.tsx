import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireUser, staffOf } from '../../../platform/auth/index.ts';
import { AppError, Invalid } from '../../../platform/http/errors.ts';
import { registerMultipartForm, uploadedFilesOf } from '../../../platform/http/multipart-form.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { refusal } from '../cases/complaint-messages.ts';
import type { FullComplaintService } from '../cases/complaint.service.ts';
import type { OperatorActor } from '../cases/case-workflow.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import { FormBody, formValue, LangQuery, ListQuery, ReferenceParams } from '../cases/complaint.schemas.ts';
import { readListRequest } from '../cases/complaint-list-page.ts';
import { presentCaseList } from '../cases/case-summary.presenter.ts';
import { OPERATOR_ROLES } from '../cases/complaints.policy.ts';
import { presentOperatorCaseView } from './operator-case.presenter.ts';
import { registerAttachmentDownload, withForm, type Body } from '../cases/case-pages.ts';
import { OPERATOR_PATHS, operatorCasePath } from './operator-portal.paths.ts';
import { OperatorCasePage, OperatorListPage, type OperatorForms } from './operator-portal.views.tsx';

/** Registers the operator portal's pages: an operator agent sees and answers only its own operator's cases. */
export function registerOperatorPortalPages(app: App, platform: Platform, service: FullComplaintService, settings: ComplaintsSettings): void {
  const operatorActor = (request: FastifyRequest): OperatorActor => {
    const p = staffOf(request);
    if (p.operatorId === null) throw new AppError('ACCOUNT_NOT_OPERATOR', 403, 'error.forbidden', refusal('accountNotOperator'));
    return { actor: { type: 'user', id: p.userId }, operatorId: p.operatorId };
  };
  const nowIso = () => platform.clock.now().toISOString();
  const operators = { preHandler: requireUser(...OPERATOR_ROLES) };

  app.get(OPERATOR_PATHS.list, { ...operators, schema: { querystring: ListQuery } }, async (request, reply) => {
    const listed = await service.operator.list(operatorActor(request), readListRequest(request.query));
    return sendPage(
      reply,
      <OperatorListPage ctx={app.pageContext(request, reply)} listed={presentCaseList(listed)} now={nowIso()} operatorNames={await service.operatorNames()} />,
    );
  });

  const renderOperatorCase = async (request: FastifyRequest, reply: FastifyReply, reference: string, forms: OperatorForms = {}, status = 200) => {
    const detail = presentOperatorCaseView(await service.operator.open(operatorActor(request), reference));
    return sendPage(
      reply,
      <OperatorCasePage
        ctx={app.pageContext(request, reply)}
        detail={detail}
        forms={forms}
        maxBytes={settings.attachments.maxBytes}
        types={settings.attachments.types}
      />,
      status,
    );
  };

  app.get(`${OPERATOR_PATHS.list}/:reference`, { ...operators, schema: { params: ReferenceParams, querystring: LangQuery } }, async (request, reply) =>
    renderOperatorCase(request, reply, request.params.reference),
  );

  registerAttachmentDownload(app, OPERATOR_PATHS.list, operators.preHandler, (request, reference, id) =>
    service.operator.readAttachment(operatorActor(request), reference, id),
  );

  app.post(`${OPERATOR_PATHS.list}/:reference/responses`, { ...operators, schema: { params: ReferenceParams, body: FormBody } }, async (request, reply) => {
    const body = request.body as Body;
    const ctx = app.pageContext(request, reply);
    const kind = formValue(body, 'kind');
    const values = { kind, text: formValue(body, 'text'), amount: formValue(body, 'amount') };
    const failed = await withForm(ctx, values, 'complaints.error', () =>
      service.operator.respond(operatorActor(request), request.params.reference, {
        kind: kind as 'response',
        text: values.text,
        ...(values.amount ? { amount: values.amount.replace(/[\s,]/g, '') } : {}),
      }),
    );
    if (failed) return renderOperatorCase(request, reply, request.params.reference, { respond: failed }, 422);
    return reply.redirect(operatorCasePath(request.params.reference), 303);
  });

  // The forms of one text field: one service call, then back to the case page (303), or the page again with 422.
  const textActions: Array<
    [path: string, form: keyof OperatorForms, field: string, run: (who: OperatorActor, reference: string, text: string) => Promise<unknown>]
  > = [
    ['messages', 'message', 'message', (who, reference, text) => service.operator.messageConsumer(who, reference, text)],
    ['implemented', 'implemented', 'note', (who, reference, text) => service.operator.implemented(who, reference, text)],
  ];
  for (const [path, form, field, run] of textActions) {
    app.post(`${OPERATOR_PATHS.list}/:reference/${path}`, { ...operators, schema: { params: ReferenceParams, body: FormBody } }, async (request, reply) => {
      const text = formValue(request.body, field);
      const failed = await withForm(app.pageContext(request, reply), { [field]: text }, 'complaints.error', () =>
        run(operatorActor(request), request.params.reference, text),
      );
      if (failed) return renderOperatorCase(request, reply, request.params.reference, { [form]: failed }, 422);
      return reply.redirect(operatorCasePath(request.params.reference), 303);
    });
  }

  // Multipart only here, in a scope of its own, with the profile's size limit.
  app.register(async (plugin) => {
    const scoped = plugin as App;
    registerMultipartForm(scoped, { maxBytes: settings.attachments.maxBytes + 64 * 1024, maxFiles: 1, maxFields: 4, maxFieldBytes: 4096 });
    scoped.post(
      `${OPERATOR_PATHS.list}/:reference/attachments`,
      { onRequest: requireUser(...OPERATOR_ROLES), schema: { params: ReferenceParams } },
      async (request, reply) => {
        const ctx = app.pageContext(request, reply);
        const file = uploadedFilesOf(request).find((f) => f.field === 'file');
        const failed = await withForm(ctx, {}, 'complaints.error', async () => {
          if (!file || file.isTooLarge) throw new Invalid([{ field: 'file', message: '' }]);
          await service.operator.attach(operatorActor(request), request.params.reference, {
            fileName: file.filename,
            declaredType: file.contentType,
            content: file.data,
          });
        });
        if (failed) return renderOperatorCase(request, reply, request.params.reference, { attach: failed }, 422);
        return reply.redirect(operatorCasePath(request.params.reference), 303);
      },
    );
  });
}
