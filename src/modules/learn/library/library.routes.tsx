import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { actorOf, requireUser } from '../../../platform/auth/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { registerMultipartForm, uploadedFilesOf } from '../../../platform/http/multipart-form.ts';
import { csvRecord } from '../../../platform/csv-writer.ts';
import type { FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { EXPORT_COLUMNS, SUBMISSION_FIELDS, type LibraryFileInput, type LibraryProblem, type LibrarySubmissionInput } from './library.ts';
import { LIBRARY_PATHS, libraryPath } from './library.paths.ts';
import type { LibraryFilters } from './library.repository.ts';
import {
  LibraryIdParams,
  LibraryInviteBody,
  LibraryListQuery,
  LibraryMoveBody,
  LibraryPageQuery,
  LibrarySubmissionBody,
  LibraryTokenParams,
  LibraryTranslationBody,
} from './library.schemas.ts';
import { LIBRARY_MOVES, type LibraryMove, type LibraryService } from './library.service.ts';
import type { LibrarySettings } from './library.settings.ts';
import {
  ContributeMessagePage,
  ContributePage,
  LibraryDocumentPage,
  LibraryInvitePage,
  LibraryListPage,
  LibraryStaffDocumentPage,
  LibraryStaffNewPage,
  LibraryStaffPage,
  type StaffDocumentForms,
} from './library.views.tsx';
import { createLibraryServiceFor, LIBRARY_STAFF_ROLES } from './library.wiring.ts';

const TAG = 'learn';

/** A form again with its values and each problem worded beside its field. */
function formOf(ctx: PageContext, values: Record<string, string>, problems: readonly LibraryProblem[]): FormState {
  return { values, problems: problems.map((p) => ({ field: p.field, message: ctx.t(`learn.library.problem.${p.key}`, p.values) })) };
}

function submissionOf(body: Partial<Record<string, string>>): LibrarySubmissionInput {
  return Object.fromEntries(SUBMISSION_FIELDS.map((f) => [f, body[f] ?? ''])) as unknown as LibrarySubmissionInput;
}

function fileOf(request: FastifyRequest): LibraryFileInput | null {
  const file = uploadedFilesOf(request).find((f) => f.field === 'file');
  // A file input left empty still sends a part, with no name and no bytes.
  if (!file || (file.filename === '' && file.data.length === 0)) return null;
  return { content: file.data, isTooLarge: file.isTooLarge };
}

/** Sends a PDF as the type its signature proved, never sniffed by the browser, in a sandbox of its own. */
function sendPdf(reply: FastifyReply, id: string, content: Buffer, cacheControl: string) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="library-${id}.pdf"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', cacheControl)
    .send(content);
}

/** Registers the library's public pages, exports, the contributors' form and the staff's pages over the platform. */
export async function registerLibraryRoutes(app: App, platform: Platform): Promise<void> {
  await registerLibraryRoutesWith(app, createLibraryServiceFor(platform), platform.settings.learn.library);
}

/** Registers the library's routes over `library`. */
export async function registerLibraryRoutesWith(app: App, library: LibraryService, settings: LibrarySettings): Promise<void> {
  const staff = { preHandler: requireUser(...LIBRARY_STAFF_ROLES) };
  const multipart = {
    maxBytes: settings.maxFileBytes + 2_200_000,
    maxFiles: 1,
    maxFields: 16,
    maxFieldBytes: 2_100_000,
  };

  app.get(LIBRARY_PATHS.list, { schema: { querystring: LibraryListQuery } }, async (request, reply) => {
    const q = request.query;
    const filters: LibraryFilters = {
      type: q.type || undefined,
      topic: q.topic || undefined,
      country: q.country ? q.country.toUpperCase() : undefined,
      language: q.language || undefined,
      year: /^\d{4}$/.test(q.year ?? '') ? q.year : undefined,
    };
    const page = /^[0-9]{1,6}$/.test(q.page ?? '') ? Math.max(1, Number(q.page)) : 1;
    const view = await library.publicList(filters, page);
    return sendPage(reply, <LibraryListPage ctx={app.pageContext(request, reply)} view={view} filters={filters} />);
  });

  const exportBody = async (format: 'csv' | 'json') => {
    const records = await library.exportRecords();
    return format === 'csv'
      ? csvRecord(EXPORT_COLUMNS) + records.map((r) => csvRecord(EXPORT_COLUMNS.map((c) => r[c]))).join('')
      : JSON.stringify({ documents: records });
  };
  app.get(
    LIBRARY_PATHS.csv,
    {
      schema: {
        tags: [TAG],
        summary: 'Every published document of the good-practice library, one a row, with Dublin Core element names (docs/formats/learn-library.md).',
      },
    },
    async (_request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8; header=present')
        .header('content-disposition', 'attachment; filename="library.csv"')
        .header('cache-control', 'public, max-age=600')
        .send(await exportBody('csv')),
  );
  app.get(
    LIBRARY_PATHS.json,
    {
      schema: {
        tags: [TAG],
        summary: 'Every published document of the good-practice library as JSON, with Dublin Core element names (docs/formats/learn-library.md).',
      },
    },
    async (_request, reply) =>
      reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('cache-control', 'public, max-age=600')
        .send(await exportBody('json')),
  );

  app.get(LIBRARY_PATHS.document, { schema: { params: LibraryIdParams, querystring: LibraryPageQuery } }, async (request, reply) => {
    const doc = await library.publicDocument(request.params.id);
    if (!doc) throw new NotFound('LIBRARY_DOCUMENT_NOT_FOUND');
    return sendPage(reply, <LibraryDocumentPage ctx={app.pageContext(request, reply)} doc={doc} />);
  });

  app.get(LIBRARY_PATHS.file, { schema: { params: LibraryIdParams } }, async (request, reply) => {
    const content = await library.file(request.params.id, false);
    if (!content) throw new NotFound('LIBRARY_FILE_NOT_FOUND');
    return sendPdf(reply, request.params.id, content, 'public, max-age=3600');
  });

  // The contributor's form: the token in the path opens only its own invitation; nothing else is reachable with it.
  const contributeAction = (token: string, ctx: PageContext) => `${LIBRARY_PATHS.contribute.replace(':token', encodeURIComponent(token))}?lang=${ctx.language}`;
  app.get(
    LIBRARY_PATHS.contribute,
    { schema: { params: LibraryTokenParams, querystring: LibraryPageQuery }, config: { isPersonal: true } },
    async (request, reply) => {
      const ctx = app.pageContext(request, reply);
      const invitation = await library.openInvitation(request.params.token);
      if (!invitation) throw new NotFound('LIBRARY_INVITATION_NOT_FOUND');
      if (invitation.state !== 'open') return sendPage(reply, <ContributeMessagePage ctx={ctx} kind={invitation.state} />, 410);
      return sendPage(
        reply,
        <ContributePage
          ctx={ctx}
          invitation={invitation}
          form={{ values: {}, problems: [] }}
          settings={settings}
          action={contributeAction(request.params.token, ctx)}
        />,
      );
    },
  );

  await app.register(async (plugin) => {
    const scoped = plugin as App;
    registerMultipartForm(scoped, multipart);

    scoped.post(
      LIBRARY_PATHS.contribute,
      { schema: { params: LibraryTokenParams, querystring: LibraryPageQuery, body: LibrarySubmissionBody }, config: { isPersonal: true } },
      async (request, reply) => {
        const ctx = app.pageContext(request, reply);
        const { token } = request.params;
        const input = submissionOf(request.body);
        const outcome = await library.submit({ kind: 'contributor', token }, input, fileOf(request));
        if (outcome.ok) return sendPage(reply, <ContributeMessagePage ctx={ctx} kind="thanks" />);
        if (outcome.problem === 'notFound') throw new NotFound('LIBRARY_INVITATION_NOT_FOUND');
        if (outcome.problem === 'invalid') {
          const invitation = await library.openInvitation(token);
          if (invitation?.state === 'open')
            return sendPage(
              reply,
              <ContributePage
                ctx={ctx}
                invitation={invitation}
                form={formOf(ctx, { ...input }, outcome.problems)}
                settings={settings}
                action={contributeAction(token, ctx)}
              />,
              422,
            );
        }
        return sendPage(reply, <ContributeMessagePage ctx={ctx} kind="used" />, 410);
      },
    );

    scoped.post(
      LIBRARY_PATHS.staffNew,
      // Checked when the request arrives, before the body is read: only staff make the server read a file here.
      { onRequest: staff.preHandler, schema: { body: LibrarySubmissionBody } },
      async (request, reply) => {
        const ctx = app.pageContext(request, reply);
        const input = submissionOf(request.body);
        const outcome = await library.submit({ kind: 'staff', actor: actorOf(request) }, input, fileOf(request));
        if (outcome.ok) return reply.redirect(libraryPath(LIBRARY_PATHS.staffDocument, outcome.id), 303);
        const problems = outcome.problem === 'invalid' ? outcome.problems : [];
        return sendPage(reply, <LibraryStaffNewPage ctx={ctx} form={formOf(ctx, { ...input }, problems)} settings={settings} />, 422);
      },
    );
  });

  app.get(LIBRARY_PATHS.staff, { ...staff, schema: { querystring: LibraryPageQuery } }, async (request, reply) =>
    sendPage(reply, <LibraryStaffPage ctx={app.pageContext(request, reply)} view={await library.staffQueue()} />),
  );

  app.get(LIBRARY_PATHS.staffNew, { ...staff, schema: { querystring: LibraryPageQuery } }, async (request, reply) =>
    sendPage(reply, <LibraryStaffNewPage ctx={app.pageContext(request, reply)} form={{ values: {}, problems: [] }} settings={settings} />),
  );

  app.get(LIBRARY_PATHS.staffInvite, { ...staff, schema: { querystring: LibraryPageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    return sendPage(
      reply,
      <LibraryInvitePage ctx={ctx} form={{ values: { language: ctx.language }, problems: [] }} days={settings.invitationExpiryDays} sentTo={null} />,
    );
  });

  app.post(LIBRARY_PATHS.staffInvite, { ...staff, schema: { body: LibraryInviteBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const values = { name: request.body.name ?? '', email: request.body.email ?? '', language: request.body.language ?? '' };
    const outcome = await library.invite(actorOf(request), values);
    if (outcome.ok)
      return sendPage(
        reply,
        <LibraryInvitePage
          ctx={ctx}
          form={{ values: { language: ctx.language }, problems: [] }}
          days={settings.invitationExpiryDays}
          sentTo={values.name.trim()}
        />,
      );
    const problems = outcome.problem === 'invalid' ? outcome.problems : [];
    return sendPage(reply, <LibraryInvitePage ctx={ctx} form={formOf(ctx, values, problems)} days={settings.invitationExpiryDays} sentTo={null} />, 422);
  });

  /** The staff's document page, after a refused action with its forms. */
  async function staffDocument(request: FastifyRequest, reply: FastifyReply, id: string, forms: StaffDocumentForms = {}, status = 200) {
    const doc = await library.staffDocument(id);
    if (!doc) throw new NotFound('LIBRARY_DOCUMENT_NOT_FOUND');
    return sendPage(reply, <LibraryStaffDocumentPage ctx={app.pageContext(request, reply)} doc={doc} forms={forms} />, status);
  }

  app.get(LIBRARY_PATHS.staffDocument, { ...staff, schema: { params: LibraryIdParams, querystring: LibraryPageQuery } }, async (request, reply) =>
    staffDocument(request, reply, request.params.id),
  );

  app.get(LIBRARY_PATHS.staffFile, { ...staff, schema: { params: LibraryIdParams } }, async (request, reply) => {
    const content = await library.file(request.params.id, true);
    if (!content) throw new NotFound('LIBRARY_FILE_NOT_FOUND');
    return sendPdf(reply, request.params.id, content, 'no-store');
  });

  app.post(LIBRARY_PATHS.staffMove, { ...staff, schema: { params: LibraryIdParams, body: LibraryMoveBody } }, async (request, reply) => {
    const { id } = request.params;
    const move = request.body.move ?? '';
    const reason = request.body.reason ?? '';
    if (!(move in LIBRARY_MOVES)) return staffDocument(request, reply, id, { isConflict: true }, 409);
    const outcome = await library.move(actorOf(request), id, move as LibraryMove, { version: request.body.version ?? '', reason });
    if (outcome.ok) return reply.redirect(libraryPath(LIBRARY_PATHS.staffDocument, id), 303);
    if (outcome.problem === 'notFound') throw new NotFound('LIBRARY_DOCUMENT_NOT_FOUND');
    if (outcome.problem === 'invalid') {
      const ctx = app.pageContext(request, reply);
      return staffDocument(request, reply, id, { move: formOf(ctx, { reason }, outcome.problems) }, 422);
    }
    return staffDocument(request, reply, id, { isConflict: true }, 409);
  });

  app.post(LIBRARY_PATHS.staffTranslate, { ...staff, schema: { params: LibraryIdParams, body: LibraryTranslationBody } }, async (request, reply) => {
    const { id } = request.params;
    const values = {
      translationLanguage: request.body.translationLanguage ?? '',
      translationTitle: request.body.translationTitle ?? '',
      translationAbstract: request.body.translationAbstract ?? '',
    };
    const outcome = await library.translate(actorOf(request), id, {
      language: values.translationLanguage,
      title: values.translationTitle,
      abstract: values.translationAbstract,
    });
    if (outcome.ok) return reply.redirect(libraryPath(LIBRARY_PATHS.staffDocument, id), 303);
    if (outcome.problem === 'notFound') throw new NotFound('LIBRARY_DOCUMENT_NOT_FOUND');
    const ctx = app.pageContext(request, reply);
    return staffDocument(request, reply, id, { translation: formOf(ctx, values, outcome.problem === 'invalid' ? outcome.problems : []) }, 422);
  });
}
