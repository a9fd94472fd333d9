import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { actorOf, requireUser, staffOf } from '../../../platform/auth/index.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { registerMultipartForm, uploadedFilesOf } from '../../../platform/http/multipart-form.ts';
import type { App } from '../../../platform/module.ts';
import type { PageContext } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { isOperatorChosen, UPLOAD_ROLES, uploadOperatorFor, type Uploader } from './offer-upload.policy.ts';
import { uploadFormatOf, type OfferUploadService } from './offer-upload.service.ts';
import type { ImportReport, OfferService } from './offer.service.ts';
import { UploadPage } from './offer-upload.views.tsx';
import { UPLOAD_PATH } from './catalogue.paths.ts';

/** The largest file the form takes, as the API does: about 40,000 offers. */
const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

const UploadBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  operator: Type.Optional(Type.String({ maxLength: 64 })),
  lenient: Type.Optional(Type.String({ maxLength: 8 })),
});
const UploadQuery = Type.Object({ lang: Type.Optional(Type.String()) });

/** Registers the operator portal's upload form at /staff/offers/upload. */
export async function registerOfferUploadRoutes(app: App, deps: { offers: OfferService; uploads: OfferUploadService }): Promise<void> {
  const { offers, uploads } = deps;
  const guard = requireUser(...UPLOAD_ROLES);

  const render = async (
    request: FastifyRequest,
    ctx: PageContext,
    state: { operator: string; isLenient: boolean; formProblems?: FieldProblem[]; fileProblems?: readonly FieldProblem[]; report?: ImportReport },
  ) => {
    const staff = staffOf(request);
    const uploader: Uploader = { role: staff.role, operatorId: staff.operatorId };
    const operators = isOperatorChosen(uploader) ? (await offers.listOperators()).map((o) => ({ id: o.licence_id, name: o.name })) : null;
    return (
      <UploadPage
        ctx={ctx}
        operators={operators}
        ownOperator={staff.operatorId}
        values={{ operator: state.operator, isLenient: state.isLenient }}
        formProblems={state.formProblems ?? []}
        fileProblems={state.fileProblems ?? []}
        report={state.report ?? null}
      />
    );
  };

  app.get(UPLOAD_PATH, { preHandler: guard, schema: { querystring: UploadQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    return sendPage(reply, await render(request, ctx, { operator: '', isLenient: false }));
  });

  await app.register(async (plugin) => {
    const scoped = plugin as App;
    registerMultipartForm(scoped, {
      maxBytes: UPLOAD_LIMIT_BYTES,
      maxFiles: 1,
      maxFields: 5,
      maxFieldBytes: 4096,
      tooLargeMessageKey: 'offers.upload.tooLarge',
    });
    scoped.post(
      UPLOAD_PATH,
      // Checked when the request arrives, before the body is read: only people who may upload make the server read a file.
      { onRequest: guard, schema: { body: UploadBody, querystring: UploadQuery } },
      async (request, reply) => {
        const ctx = app.pageContext(request, reply);
        const { t } = ctx;
        const staff = staffOf(request);
        const operatorAsked = request.body.operator ?? '';
        const isLenient = request.body.lenient === '1';
        const operatorId = uploadOperatorFor({ role: staff.role, operatorId: staff.operatorId }, operatorAsked);
        const formProblems: FieldProblem[] = [];
        if (operatorId === undefined) formProblems.push({ field: 'operator', message: t('offers.upload.error.operator') });
        else if (
          isOperatorChosen({ role: staff.role, operatorId: staff.operatorId }) &&
          !(await offers.listOperators()).some((o) => o.licence_id === operatorId)
        ) {
          formProblems.push({ field: 'operator', message: t('offers.upload.error.operatorUnknown') });
        }
        const file = uploadedFilesOf(request).find((f) => f.field === 'file');
        const text = file ? file.data.toString('utf8') : '';
        if (!file || text.trim() === '') formProblems.push({ field: 'file', message: t('offers.upload.error.file') });
        if (formProblems.length > 0 || operatorId === undefined || !file) {
          return sendPage(reply, await render(request, ctx, { operator: operatorAsked, isLenient, formProblems }), 422);
        }
        const uploader = { role: staff.role, operatorId: staff.operatorId };
        const outcome = await uploads.uploadOfferFile({
          actor: actorOf(request),
          operatorId,
          isOperatorBound: !isOperatorChosen(uploader),
          text,
          format: uploadFormatOf(file.filename, file.contentType, text),
          isLenient,
        });
        if (!outcome.ok)
          return sendPage(reply, await render(request, ctx, { operator: operatorAsked, isLenient, fileProblems: outcome.problems }), outcome.status);
        return sendPage(reply, await render(request, ctx, { operator: operatorAsked, isLenient, report: outcome.report }));
      },
    );
  });
}
