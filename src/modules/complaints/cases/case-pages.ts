import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PreHandler } from '../../../platform/auth/index.ts';
import type { App } from '../../../platform/module.ts';
import { Invalid, type FieldProblem } from '../../../platform/http/errors.ts';
import type { FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';

/** A form's body as the staff and operator pages read it. */
export type Body = Record<string, string | string[] | undefined>;

/** Translated problems of a form: each field gets the message of its own key. */
export function translateProblems(
  problems: readonly FieldProblem[],
  t: PageContext['t'],
  prefix: string,
  fieldMap: Record<string, string> = {},
): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const p of problems) {
    const field = fieldMap[p.field] ?? p.field;
    if (seen.has(field)) continue;
    seen.add(field);
    // A field without its own message (a service added one) is named in general words, never by its key.
    const key = `${prefix}.${field}`;
    const message = t(key);
    out.push({ field, message: message === key ? t(`${prefix}.generic`) : message });
  }
  return out;
}

/** Runs a form action; an Invalid answer re-renders the page with 422 and the form's translated errors. */
export async function withForm(ctx: PageContext, values: Record<string, string>, prefix: string, work: () => Promise<unknown>): Promise<FormState | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (error instanceof Invalid) return { values, problems: translateProblems(error.problems, ctx.t, prefix) };
    throw error;
  }
}

/** Sends a case's file as a download. */
export function sendFile(reply: FastifyReply, file: CaseFile) {
  // The service gives the type the bytes prove and a name with its extension; the file is always
  // downloaded, never shown inline. Old browsers get an ASCII name, others the name as stored.
  const ascii = file.fileName.replace(/[^A-Za-z0-9._ -]/g, '_');
  const disposition =
    ascii === file.fileName
      ? `attachment; filename="${ascii}"`
      : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', disposition)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(file.content);
}

/** A case's file as the services give it to download. */
export interface CaseFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/** Registers the download of a case's attachment at `<casePaths>/:reference/attachments/:id`, for whom `preHandler` lets in. */
export function registerAttachmentDownload(
  app: App,
  casePaths: string,
  preHandler: PreHandler,
  read: (request: FastifyRequest, reference: string, attachmentId: string) => Promise<CaseFile>,
): void {
  app.get(
    `${casePaths}/:reference/attachments/:id`,
    { preHandler, schema: { params: Type.Object({ reference: Type.String({ maxLength: 40 }), id: Type.String({ maxLength: 64 }) }) } },
    async (request, reply) => sendFile(reply, await read(request, request.params.reference, request.params.id)),
  );
}
