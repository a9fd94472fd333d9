import type { WebClient } from '../../../../test/helpers/staff.ts';
import type { App } from '../../../platform/module.ts';

/** Posts a multipart form as a browser does: `_csrf` first (unless left out), the fields, then the CSV file as `file`. */
export async function postMultipart(
  app: App,
  client: WebClient,
  url: string,
  fields: Record<string, string>,
  file: { name: string; content: string | Buffer } | null,
  withCsrf = true,
) {
  const boundary = '----kingaTestBoundary7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  const all = withCsrf ? { _csrf: client.csrfToken ?? '', ...fields } : fields;
  for (const [name, value] of Object.entries(all))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const cookie = [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  return app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}
