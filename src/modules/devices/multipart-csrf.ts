import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';

/** The most bytes read ahead to find the form's first field. */
const PEEK_LIMIT = 16 * 1024;

/**
 * Lets the platform's anti-forgery check see the `_csrf` field of a streamed multipart form.
 * That check runs before the body is parsed, and a file of gigabytes is never parsed into memory:
 * so, in `preParsing`, the first part of the body (the hidden `_csrf` input every form opens
 * with) is read, put back in front of the stream untouched, and its value handed to the check in
 * the `x-csrf-token` header it also reads. The token is still verified against the signed cookie.
 */
export async function liftCsrfField(request: FastifyRequest, payload: Readable): Promise<void> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) return;
  const match = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(type);
  const boundary = match?.[1] ?? match?.[2];
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
  const headersEnd = head.indexOf('\r\n\r\n', start.length);
  if (headersEnd < 0) return undefined;
  const headers = head.subarray(start.length, headersEnd).toString('utf8');
  if (!/content-disposition:\s*form-data;\s*name="_csrf"\s*(\r\n|$)/i.test(headers)) return undefined;
  const valueEnd = head.indexOf(end, headersEnd + 4);
  if (valueEnd < 0) return undefined;
  const value = head.subarray(headersEnd + 4, valueEnd).toString('utf8');
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
      reject(Object.assign(new Error('The form is not a complete multipart body.'), { statusCode: 400 }));
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
