/**
 * Forms sent as `multipart/form-data`, the only way a browser uploads a file. The platform's
 * anti-forgery check runs after the body is parsed and before the handler, and takes `_csrf`
 * from the parsed body or from the `x-csrf-token` header; each way below lets it find the token,
 * which is then verified against the signed cookie exactly as for any other form. Choose one
 * per encapsulated plugin:
 * - {@link registerMultipartForm}, buffered: the whole body is read into memory and parsed, the
 *   text fields become `request.body` (validated by the route's schema), the files are read with
 *   {@link uploadedFilesOf}. For files of a few megabytes: a photo, an attachment, a price list.
 * - {@link registerStreamedMultipartForm}, streamed: nothing is parsed before the handler, which
 *   reads the parts one by one with `request.parts()` and streams each file where it goes (such
 *   as a temporary file); the `_csrf` field is lifted from the start of the body beforehand. For
 *   files that must never be held in memory: operator dumps of hundreds of megabytes.
 */

import type { Readable } from 'node:stream';
import fastifyMultipart, { type Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../module.ts';
import { AppError, FormFault, isFormFaultCode, platformMessage } from './errors.ts';

/** One file of a form sent as `multipart/form-data`. */
export interface UploadedFile {
  /** The form field that carried it. */
  field: string;
  /** The name the browser gave, without any folder. */
  filename: string;
  /** The type the browser claimed; never trusted, check the content. */
  contentType: string;
  data: Buffer;
  /** True when the body was longer than the limit while this file was read: `data` holds only its start. */
  isTooLarge: boolean;
}

/** The text fields and files of a `multipart/form-data` body. */
export interface MultipartForm {
  fields: Record<string, string | string[]>;
  files: UploadedFile[];
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary named by a `multipart/form-data` content type, or undefined. */
function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function parameterOf(header: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${name}="([^"]*)"`, 'i').exec(header) ?? new RegExp(`(?:^|;)\\s*${name}=([^;\\s]*)`, 'i').exec(header);
  if (match?.[1] === undefined) return undefined;
  // Browsers escape a quote as %22 and line breaks as %0A/%0D in names (HTML's form encoding), never with a backslash.
  return match[1].replace(/%22/g, '"').replace(/%0A/gi, '\n').replace(/%0D/gi, '\r');
}

/**
 * Parses a `multipart/form-data` body (RFC 7578) held in memory. `isCut` says the body was cut
 * at a size limit: the part that was being read when it ended is a file marked too large, and
 * the text fields before it are kept, so the page can answer with its form filled in. A body
 * that ends before its closing boundary otherwise (an upload interrupted) is refused with
 * `FORM_INCOMPLETE`, one that is not a form with `FORM_MALFORMED` ({@link FormFault}): what came
 * before the cut is never taken for the whole form.
 */
export function parseMultipartForm(body: Buffer, contentType: string, isCut = false): MultipartForm {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new FormFault('FORM_MALFORMED');
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string | string[]> = {};
  const files: UploadedFile[] = [];
  let at = body.indexOf(delimiter);
  // A body that stops inside its first boundary (or is empty) was cut; anything else is not a form.
  if (at < 0) throw new FormFault(delimiter.subarray(0, body.length).equals(body) ? 'FORM_INCOMPLETE' : 'FORM_MALFORMED');
  at += delimiter.length;
  const cutShort = () => new FormFault('FORM_INCOMPLETE');
  for (;;) {
    // "--" after a delimiter closes the body.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break;
    if (!body.subarray(at, at + 2).equals(CRLF)) {
      if (isCut) break;
      throw body.length - at < 2 ? cutShort() : new FormFault('FORM_MALFORMED');
    }
    at += 2;
    const headerEnd = body.indexOf(HEADER_END, at);
    if (headerEnd < 0) {
      if (isCut) break;
      throw cutShort();
    }
    const headers = body.subarray(at, headerEnd).toString('utf8');
    const contentStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), contentStart);
    const isLast = next < 0;
    if (isLast && !isCut) throw cutShort();
    const content = body.subarray(contentStart, isLast ? body.length : next);
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
    const name = parameterOf(disposition, 'name');
    const fileName = parameterOf(disposition, 'filename');
    // A name such as __proto__ would change the prototype of the fields object instead of adding a field.
    if (name !== undefined && !(name in Object.prototype)) {
      if (fileName !== undefined) {
        // A file input left empty is sent with an empty name and no content.
        if (fileName !== '' || content.length > 0) {
          const contentType = (/^content-type:\s*([^\s;]+)/im.exec(headers)?.[1] ?? 'application/octet-stream').toLowerCase();
          files.push({ field: name, filename: fileName.split(/[\\/]/).pop() ?? '', contentType, data: Buffer.from(content), isTooLarge: isLast });
        }
      } else if (!isLast) {
        const value = content.toString('utf8');
        const existing = fields[name];
        fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
      }
    }
    if (isLast) break;
    at = next + CRLF.length + delimiter.length;
  }
  return { fields, files };
}

const uploads = new WeakMap<object, UploadedFile[]>();

/** The files of a request whose form was parsed by {@link registerMultipartForm}. */
export function uploadedFilesOf(request: FastifyRequest): UploadedFile[] {
  return uploads.get(request.raw) ?? [];
}

/** Limits of {@link registerMultipartForm}. */
export interface MultipartFormOptions {
  /** The most bytes of a body kept in memory. */
  maxBytes: number;
  maxFiles?: number;
  maxFields?: number;
  maxFieldBytes?: number;
  /**
   * With a key, a body over `maxBytes` fails the request (413) with this message (`<key>.title`,
   * `<key>.body`). Without one, the body is read to its end without being kept and the file it
   * was carrying is marked {@link UploadedFile.isTooLarge}, so the page can say so and keep the form.
   */
  tooLargeMessageKey?: string;
  /** Past this many bytes the connection is dropped whatever the options (default four times `maxBytes`, at least 64 MB). */
  hardLimitBytes?: number;
}

/**
 * Lets the routes of this (encapsulated) plugin take `multipart/form-data` forms. The text fields
 * become the body before validation, so the anti-forgery check reads `_csrf` as for any form;
 * the files are read with {@link uploadedFilesOf}.
 */
export function registerMultipartForm(app: App | FastifyInstance, options: MultipartFormOptions): void {
  const hardLimit = options.hardLimitBytes ?? Math.max(options.maxBytes * 4, 64 * 1024 * 1024);
  app.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let seen = 0;
    let isFinished = false;
    const finish = (error: Error | null, form?: MultipartForm) => {
      if (isFinished) return;
      isFinished = true;
      if (error) return done(error, undefined);
      if (form) uploads.set(request.raw, form.files);
      done(null, form?.fields ?? {});
    };
    const tooLarge = () => new AppError('UPLOAD_TOO_LARGE', 413, options.tooLargeMessageKey ?? 'error.tooLarge', platformMessage('error.tooLarge.detail'));
    payload.on('data', (chunk: Buffer) => {
      if (isFinished) return;
      seen += chunk.length;
      if (seen > hardLimit || (options.tooLargeMessageKey && seen > options.maxBytes)) {
        finish(tooLarge());
        payload.resume();
        return;
      }
      if (kept >= options.maxBytes) return;
      const room = options.maxBytes - kept;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(part);
      kept += part.length;
    });
    payload.on('error', (error: Error) => finish(error));
    payload.on('end', () => {
      if (isFinished) return;
      try {
        const form = parseMultipartForm(Buffer.concat(chunks), request.headers['content-type'] ?? '', seen > kept);
        const fieldNames = Object.keys(form.fields);
        const isOverLimits =
          (options.maxFiles !== undefined && form.files.length > options.maxFiles) ||
          (options.maxFields !== undefined && fieldNames.length > options.maxFields) ||
          (options.maxFieldBytes !== undefined &&
            Object.values(form.fields)
              .flat()
              .some((v) => Buffer.byteLength(v) > (options.maxFieldBytes ?? 0)));
        if (isOverLimits) return finish(new FormFault('FORM_TOO_MANY_PARTS'));
        finish(null, form);
      } catch (error) {
        finish(error as Error);
      }
    });
  });
}

/** Limits of {@link registerStreamedMultipartForm}; a form over any of them fails while it is read. */
export interface StreamedMultipartFormOptions {
  /** The most bytes of one file: past it the file stream ends and is marked `truncated`. */
  maxFileBytes: number;
  maxFiles: number;
  /** Text fields, counting `_csrf`. */
  maxFields: number;
  maxFieldBytes: number;
}

/**
 * Lets the routes of this (encapsulated) plugin read `multipart/form-data` forms as streams with
 * `request.parts()`. The form must open with its `_csrf` field, as every form of the platform
 * does: it is read ahead and handed to the anti-forgery check (see {@link liftCsrfField}).
 */
export async function registerStreamedMultipartForm(app: App, options: StreamedMultipartFormOptions): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: options.maxFileBytes,
      files: options.maxFiles,
      fields: options.maxFields,
      fieldSize: options.maxFieldBytes,
      parts: options.maxFiles + options.maxFields,
    },
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    await liftCsrfField(request, payload);
    return payload;
  });
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const parts = request.parts.bind(request);
    request.parts = (options) => withClientFaults(parts(options));
  });
}

/**
 * The parts of a streamed form, with every error the parser raises (a body cut short, a broken
 * part header) marked as the client's fault and with what it means: the handler reading the
 * parts, or a file stream it pipes somewhere, then fails with 400 and a page that says the form
 * arrived incomplete (or is not a form), instead of 500. Errors that already carry a status (a
 * file over its limit) keep it.
 */
async function* withClientFaults(parts: AsyncIterableIterator<Multipart>): AsyncIterableIterator<Multipart> {
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        // A body already read to its end may have failed the file before it is handed over; a later
        // failure is marked by a listener prepended, so before any the handler adds (a pipeline).
        if (part.file.errored) markClientFault(part.file.errored);
        part.file.prependListener('error', markClientFault);
      }
      yield part;
    }
  } catch (error) {
    throw markClientFault(error);
  }
}

/**
 * Whether an error raised while a streamed form's parts were read means that the body was cut
 * short or is not a form: the sender's fault, which a page may answer with its form kept.
 */
export function isFormFault(error: unknown): boolean {
  return error instanceof FormFault || (error instanceof Error && isFormFaultCode((error as { code?: unknown }).code));
}

function markClientFault(error: unknown): unknown {
  // The file stream's error is the parser's own object, passed on to whoever reads the stream, so
  // it is marked in place; toAppError turns the code into a FormFault.
  if (error instanceof Error && !('statusCode' in error))
    Object.assign(error, { statusCode: 400, code: /unexpected end/i.test(error.message) ? 'FORM_INCOMPLETE' : 'FORM_MALFORMED' });
  return error;
}

/** The most bytes read ahead to find the form's first field. */
const PEEK_LIMIT = 16 * 1024;

/**
 * Lets the anti-forgery check see the `_csrf` field of a streamed multipart form. That check runs
 * before a streamed body is read, and a file of gigabytes is never parsed into memory: so, before
 * parsing, the first part of the body (the hidden `_csrf` input every form opens with) is read,
 * put back in front of the stream untouched, and its value handed to the check in the
 * `x-csrf-token` header it also reads. The token is still verified against the signed cookie; a
 * header the client sent itself is left as it is.
 */
export async function liftCsrfField(request: Pick<FastifyRequest, 'headers'>, payload: Readable): Promise<void> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) return;
  const boundary = boundaryOf(type);
  if (!boundary) return;
  const end = Buffer.from(`\r\n--${boundary}`);
  const head = await readAhead(payload, (buffer) => buffer.indexOf(end) >= 0);
  const token = firstFieldValue(head, boundary, end);
  if (token !== undefined && request.headers['x-csrf-token'] === undefined) request.headers['x-csrf-token'] = token;
}

/** The value of the body's first part when it is the `_csrf` text field, or undefined. */
function firstFieldValue(head: Buffer, boundary: string, end: Buffer): string | undefined {
  const start = Buffer.from(`--${boundary}\r\n`);
  if (!head.subarray(0, start.length).equals(start)) return undefined;
  const headersEnd = head.indexOf(HEADER_END, start.length);
  if (headersEnd < 0) return undefined;
  const headers = head.subarray(start.length, headersEnd).toString('utf8');
  if (!/content-disposition:\s*form-data;\s*name="_csrf"\s*(\r\n|$)/i.test(headers)) return undefined;
  const valueEnd = head.indexOf(end, headersEnd + HEADER_END.length);
  if (valueEnd < 0) return undefined;
  const value = head.subarray(headersEnd + HEADER_END.length, valueEnd).toString('utf8');
  return value.length > 0 && value.length <= 200 ? value : undefined;
}

/**
 * Reads from a paused stream until `isEnough` or {@link PEEK_LIMIT} bytes, then puts what it read
 * back in front, synchronously, before the stream can signal its end. A body that ends first
 * is not a form: it is refused with 400.
 */
function readAhead(stream: Readable, isEnough: (buffer: Buffer) => boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onReadable = () => {
      for (let chunk: unknown = stream.read(); chunk !== null; chunk = stream.read()) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
        chunks.push(buffer);
        size += buffer.length;
        const head = Buffer.concat(chunks);
        if (size >= PEEK_LIMIT || isEnough(head)) {
          stop();
          stream.unshift(head);
          return resolve(head);
        }
      }
    };
    const onEnd = () => {
      stop();
      reject(new FormFault('FORM_INCOMPLETE'));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}
