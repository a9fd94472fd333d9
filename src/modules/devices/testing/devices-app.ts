import assert from 'node:assert/strict';
import { buildStaffAccount, type WebClient } from '../../../../test/helpers/staff.ts';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';

/**
 * A maker of API tokens named `name`, issued by a new administrator of `platform`: for an
 * operator, or for the regulator with an empty operator id. It gives the token in clear.
 */
export async function tokenMakerFor(platform: Platform, name: string) {
  const admin = await buildStaffAccount(platform, { role: 'admin' });
  const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
  return async (operatorId: string, permissions: string[]) => {
    const outcome = await auth.createToken({ kind: 'system' }, { name, operatorId, permissions, expiresInDays: '', createdBy: admin.id });
    assert.ok(outcome.ok);
    return outcome.value.plaintext;
  };
}

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
