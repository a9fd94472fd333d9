import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/platform/module.ts';
import type { WebClient } from './staff.ts';

/** A file as a browser sends it from a form: the name, the declared type and the bytes. */
export interface FormFile {
  name: string;
  type: string;
  data: Buffer;
}

/** What a form posted as `multipart/form-data` carries, and the address it comes from. */
export interface MultipartForm {
  /** The text fields, in the page's order; `_csrf` here replaces the token of the client's last page. */
  fields?: Record<string, string>;
  /** The name of the file input; `file` unless given. */
  fileField?: string;
  /** The chosen file, or null for an input left empty. */
  file: FormFile | null;
  /** The sender's IP address (throttling is per address). */
  remoteAddress: string;
}

const BOUNDARY = '----KingaTestBoundary7MA4YWxkTrZu0gW';

/**
 * Posts a `multipart/form-data` form the way a browser without JavaScript does: the anti-forgery
 * token of the client's last page, the text fields, then the file input; the answer's token
 * becomes the client's.
 */
export async function postMultipart(app: App, client: WebClient, url: string, form: MultipartForm): Promise<LightMyRequestResponse> {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: client.csrfToken ?? '', ...form.fields })) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${form.fileField ?? 'file'}"; filename="${form.file?.name ?? ''}"\r\nContent-Type: ${form.file?.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
  );
  if (form.file) parts.push(form.file.data);
  parts.push(Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  const response = await app.inject({
    method: 'POST',
    url,
    remoteAddress: form.remoteAddress,
    headers: {
      accept: 'text/html',
      cookie: [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
    },
    payload: Buffer.concat(parts),
  });
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  if (token) client.csrfToken = token;
  return response;
}

/** The three boxes of the date input `name` as typed, day first: `dateBoxes('contactDate', '31', '2', '2026')`. */
export function dateBoxes(name: string, day: string, month: string, year: string): Record<string, string> {
  return { [`${name}Day`]: day, [`${name}Month`]: month, [`${name}Year`]: year };
}
