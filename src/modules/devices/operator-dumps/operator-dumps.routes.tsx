import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { actorOf, requireToken, requireUser, staffOf, tokenOf } from '../../../platform/auth/index.ts';
import { AppError, Invalid, type FieldProblem } from '../../../platform/http/errors.ts';
import { isFormFault, registerStreamedMultipartForm } from '../../../platform/http/multipart-form.ts';
import { InvalidFile } from '../../../platform/upload-limits.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { EMPTY_FORM } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { DumpForOtherOperator, DumpRejected, importDump, spoolDirOf, spoolUpload, UploadTooLarge, type SpooledUpload } from './dump-import.service.ts';
import { UPLOAD_PERMISSION } from '../devices.policy.ts';
import { devicesProblem, devicesRefusal } from '../device-messages.ts';
import { listValue } from '../../../platform/i18n/index.ts';
import { importList, isDeviceListName } from './list-import.service.ts';
import { dumpImportDepsFor, listImportDepsFor } from './operator-dumps.wiring.ts';
import { DUMP_ROLES, dumpOperatorFor, LIST_ROLES } from './operator-dumps.policy.ts';
import { presentDumpImport, presentDumpOutcome, presentListUpload } from './operator-dumps.presenter.ts';
import { createOperatorDataRepository } from './operator-dumps.repository.ts';
import { DumpImportReply, DumpUploadQuery, OperatorDataPageQuery } from './operator-dumps.schemas.ts';
import { DumpsPage, ListsPage, type DumpOutcomeView, type ListOutcomeView } from './operator-dumps.views.tsx';
import { OPERATOR_DATA_PATHS } from './operator-dumps.paths.ts';
import type { DeviceListName } from './reference-lists.ts';

/** The catalogue beside this code: its English words are what the API and the command line say. */
const CATALOGUE = new URL('./locales/', import.meta.url);

/** Content types a dump may be sent with by API; the body is streamed to disk, never parsed in memory. */
const DUMP_CONTENT_TYPES = ['text/csv', 'application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

/** What a multipart form carried: its text fields and its one file, spooled to disk. */
interface ReadForm {
  fields: Record<string, string>;
  file: (SpooledUpload & { name: string }) | null;
  /** The body ended before its closing boundary or was not multipart: nothing of the file was kept. */
  isCut: boolean;
}

/**
 * Registers operator data routes: the dump upload API (operator tokens, streamed body), the
 * operator portal's dump page and the regulator's reference list page (multipart, streamed).
 */
export async function registerOperatorDataRoutes(app: App, platform: Platform): Promise<void> {
  const settings = platform.settings.devices;
  const maxBytes = settings.dumps.maxFileMegabytes * 1_048_576;
  // Under the data folder, private to Kinga's user, rather than a temporary folder other users share.
  const spoolDir = spoolDirOf(platform.config.dataDir);
  const repository = createOperatorDataRepository(platform.db.kysely);
  const dumpDeps = dumpImportDepsFor(platform);
  const listDeps = listImportDepsFor(platform);

  // A scope of its own: the multipart plugin and the streamed body parsers reach no other route.
  await app.register(async (instance) => {
    const scoped = instance as unknown as App;
    await registerStreamedMultipartForm(scoped, { maxFileBytes: maxBytes, maxFiles: 1, maxFields: 10, maxFieldBytes: 1024 });
    scoped.addContentTypeParser(DUMP_CONTENT_TYPES, (_request, payload, done) => done(null, payload));

    scoped.post(
      '/api/v1/devices/dumps',
      {
        preHandler: requireToken(UPLOAD_PERMISSION),
        schema: {
          tags: ['devices'],
          summary: `Upload an operator dump (CSV date,imei,imsi,msisdn[,rat], or a zip holding it) as the request body; token permission ${UPLOAD_PERMISSION}. Checked as DIRBS checks it, imported once, all or nothing.`,
          security: [{ bearerToken: [] }],
          querystring: DumpUploadQuery,
          response: { 200: DumpImportReply, 201: DumpImportReply },
        },
      },
      async (request, reply) => {
        const caller = tokenOf(request);
        const operatorId = dumpOperatorFor(caller, request.query.operator, 'token');
        const body: unknown = request.body;
        if (!(body instanceof Readable)) {
          throw new Invalid(
            [devicesProblem(CATALOGUE, 'body', undefined, 'devices.dumps.problem.bodyMissing', { types: listValue(DUMP_CONTENT_TYPES, 'or') })],
            'DUMP_BODY_MISSING',
            devicesRefusal(CATALOGUE, 'devices.dumps.refusal.bodyMissing'),
          );
        }
        const spooled = await spoolUpload(body, maxBytes, spoolDir);
        try {
          const outcome = await importDump(dumpDeps, {
            path: spooled.path,
            fileName: basename(request.query.fileName),
            operatorId,
            isOperatorBound: caller.operatorId !== null,
            actor: actorOf(request),
          });
          return reply.status(outcome.status === 'imported' ? 201 : 200).send(presentDumpOutcome(outcome));
        } finally {
          await spooled.remove();
        }
      },
    );

    const operatorsFor = async (request: FastifyRequest) => {
      if (staffOf(request).operatorId !== null) return null;
      return createOperatorDirectory(platform.db.kysely).list();
    };
    const importsFor = async (request: FastifyRequest) => (await repository.listDumpImports(staffOf(request).operatorId, 50)).map(presentDumpImport);
    const dumpsPage = async (request: FastifyRequest, ctx: PageContext, form = EMPTY_FORM, outcome: DumpOutcomeView | null = null) => (
      <DumpsPage ctx={ctx} form={form} operators={await operatorsFor(request)} imports={await importsFor(request)} outcome={outcome} />
    );

    scoped.get(
      OPERATOR_DATA_PATHS.dumps,
      { preHandler: requireUser(...DUMP_ROLES), schema: { querystring: OperatorDataPageQuery } },
      async (request, reply) => {
        return sendPage(reply, await dumpsPage(request, app.pageContext(request, reply)));
      },
    );

    scoped.post(OPERATOR_DATA_PATHS.dumps, { preHandler: requireUser(...DUMP_ROLES) }, async (request, reply) => {
      const ctx = app.pageContext(request, reply);
      const { t } = ctx;
      const staff = staffOf(request);
      // An operator agent's account is tied to one operator; it could not upload for another anyway.
      if (staff.role === 'operator_agent' && staff.operatorId === null)
        throw new AppError('DUMP_NO_OPERATOR', 403, 'error.forbidden', devicesRefusal(CATALOGUE, 'devices.dumps.refusal.noOperator'));
      const form = await readForm(request, maxBytes, spoolDir);
      const values = { operator: form.fields['operator'] ?? '' };
      try {
        const problems: FieldProblem[] = [];
        if (staff.operatorId === null && values.operator === '') problems.push({ field: 'operator', message: t('devices.dumps.operatorMissing') });
        if (form.file === null)
          problems.push({ field: 'file', message: t(fileProblemKey(form, 'devices.dumps.fileMissing'), { megabytes: settings.dumps.maxFileMegabytes }) });
        if (problems.length > 0 || form.file === null) return sendPage(reply, await dumpsPage(request, ctx, { values, problems }), 422);
        const operatorId = dumpOperatorFor(staff, values.operator, 'account');
        try {
          const outcome = await importDump(dumpDeps, {
            path: form.file.path,
            fileName: form.file.name,
            operatorId,
            isOperatorBound: staff.operatorId !== null,
            actor: actorOf(request),
          });
          const view: DumpOutcomeView =
            outcome.status === 'imported'
              ? { kind: 'imported', rows: outcome.report.rows, kept: outcome.report.keptRows, fileName: form.file.name }
              : { kind: 'duplicate', fileName: form.file.name, acceptedAt: outcome.acceptedAt };
          return sendPage(reply, await dumpsPage(request, ctx, { values, problems: [] }, view));
        } catch (error) {
          if (error instanceof DumpForOtherOperator) {
            return sendPage(
              reply,
              await dumpsPage(request, ctx, {
                values,
                problems: [{ field: 'file', message: t('devices.dumps.otherOperator', { named: error.named, operator: error.operatorId }) }],
              }),
              403,
            );
          }
          if (!(error instanceof DumpRejected)) throw error;
          const failed = error.report.checks.filter((c) => !c.isPassed).length;
          return sendPage(
            reply,
            await dumpsPage(
              request,
              ctx,
              { values, problems: [{ field: 'file', message: t('devices.dumps.rejected', { count: failed }) }] },
              { kind: 'rejected', report: error.report },
            ),
            422,
          );
        }
      } finally {
        await form.file?.remove();
      }
    });

    const listsPage = async (ctx: PageContext, form = EMPTY_FORM, outcome: ListOutcomeView | null = null, lineProblems: readonly FieldProblem[] = []) => {
      const counts = new Map((await repository.countCurrentEntries()).map((c) => [c.list, c.n]));
      const uploads = (await repository.listUploads(30)).map(presentListUpload);
      return <ListsPage ctx={ctx} form={form} counts={counts} uploads={uploads} outcome={outcome} lineProblems={lineProblems} />;
    };

    scoped.get(
      OPERATOR_DATA_PATHS.lists,
      { preHandler: requireUser(...LIST_ROLES), schema: { querystring: OperatorDataPageQuery } },
      async (request, reply) => {
        return sendPage(reply, await listsPage(app.pageContext(request, reply)));
      },
    );

    scoped.post(OPERATOR_DATA_PATHS.lists, { preHandler: requireUser(...LIST_ROLES) }, async (request, reply) => {
      const ctx = app.pageContext(request, reply);
      const { t } = ctx;
      const form = await readForm(request, maxBytes, spoolDir);
      const values = { list: form.fields['list'] ?? '', mode: form.fields['mode'] ?? '' };
      try {
        const problems: FieldProblem[] = [];
        const list: DeviceListName | null = isDeviceListName(values.list) ? values.list : null;
        const mode = values.mode === 'full' || values.mode === 'delta' ? values.mode : null;
        if (list === null) problems.push({ field: 'list', message: t('devices.lists.listMissing') });
        if (mode === null) problems.push({ field: 'mode', message: t('devices.lists.modeMissing') });
        if (form.file === null)
          problems.push({ field: 'file', message: t(fileProblemKey(form, 'devices.lists.fileMissing'), { megabytes: settings.dumps.maxFileMegabytes }) });
        if (list === null || mode === null || form.file === null) return sendPage(reply, await listsPage(ctx, { values, problems }), 422);
        try {
          const result = await importList(listDeps, {
            stream: createReadStream(form.file.path),
            fileName: form.file.name,
            list,
            mode,
            actor: actorOf(request),
          });
          return sendPage(reply, await listsPage(ctx, EMPTY_FORM, { list, mode, rows: result.rows, added: result.added, removed: result.removed }));
        } catch (error) {
          // Another upload of the list is being applied: the form says so, to be sent again.
          if (error instanceof AppError && error.code === 'DEVICE_LIST_BUSY')
            return sendPage(reply, await listsPage(ctx, { values, problems: [{ field: 'file', message: t('devices.lists.busy') }] }), 409);
          if (!(error instanceof InvalidFile) || error.code !== 'DEVICE_LIST_INVALID') throw error;
          // Every problem counted, the first ones listed under the form.
          return sendPage(
            reply,
            await listsPage(
              ctx,
              { values, problems: [{ field: 'file', message: t('devices.lists.invalid', { count: error.problemCount }) }] },
              null,
              error.problems,
            ),
            422,
          );
        }
      } finally {
        await form.file?.remove();
      }
    });
  });
}

/** Why a form brought no file: its body was cut short, the file was over the limit, or none was chosen. */
function fileProblemKey(form: ReadForm, missingKey: string): string {
  if (form.isCut) return 'devices.dumps.formCut';
  return form.fields['tooLarge'] ? 'devices.dumps.fileTooLarge' : missingKey;
}

/**
 * Reads a multipart form: text fields into memory (a few, short), the one file streamed to a
 * private temporary file. A file over the limit is dropped and `tooLarge` set among the fields; a
 * body that ends before its closing boundary, or is no multipart body at all, is the sender's
 * fault: what was spooled is removed and `isCut` says so, so the page can answer with the form.
 */
async function readForm(request: FastifyRequest, maxBytes: number, spoolDir: string): Promise<ReadForm> {
  const result: ReadForm = { fields: {}, file: null, isCut: false };
  if (!request.isMultipart()) return result;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname !== '_csrf') result.fields[part.fieldname] = String(part.value);
        continue;
      }
      const name = basename(part.filename ?? '');
      if (part.fieldname !== 'file' || name === '' || result.file !== null) {
        part.file.resume();
        continue;
      }
      const spooled = await spoolUpload(part.file, maxBytes, spoolDir);
      // The multipart parser stops at its own size limit and marks the stream truncated.
      if (part.file.truncated) {
        await spooled.remove();
        result.fields['tooLarge'] = 'yes';
        continue;
      }
      result.file = { ...spooled, name };
    }
  } catch (error) {
    await result.file?.remove();
    const code = (error as { code?: string }).code;
    if (error instanceof UploadTooLarge || code === 'FST_REQ_FILE_TOO_LARGE')
      return { fields: { ...result.fields, tooLarge: 'yes' }, file: null, isCut: false };
    if (isMalformedBody(error)) return { fields: result.fields, file: null, isCut: true };
    throw error;
  }
  return result;
}

/**
 * Whether the multipart parser refused the body itself (it ended early, a part header is broken,
 * the boundary is missing): its errors carry neither an HTTP status nor a system call, unlike the
 * limits of the multipart plugin (answered as they are) and a failing disk (a fault of ours).
 */
function isMalformedBody(error: unknown): boolean {
  // The platform marks the parser's errors with a status and what they mean.
  if (isFormFault(error)) return true;
  if (!(error instanceof Error)) return false;
  const details = error as { statusCode?: unknown; syscall?: unknown };
  return details.statusCode === undefined && details.syscall === undefined;
}
