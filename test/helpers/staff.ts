import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/platform/module.ts';
import type { Platform } from '../../src/platform/platform.ts';
import { createAuthServiceFor } from '../../src/platform/auth/index.ts';
import type { Role } from '../../src/platform/auth/index.ts';
import { totpCode } from '../../src/platform/auth/totp.ts';

/** A TOTP secret for test accounts (base32). */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A staff account inserted for a test, with its credentials. */
export interface TestStaff {
  id: string;
  email: string;
  password: string;
  totpSecret: string;
}

let counter = 0;

/**
 * Inserts an active account with an enrolled authenticator through the auth service (so its
 * values are encrypted as in production). `overrides` set the role, operator and credentials.
 */
export async function buildStaffAccount(
  platform: Platform,
  overrides: { role?: Role; operatorId?: string | null; organisation?: string | null; email?: string; password?: string; totpSecret?: string } = {},
): Promise<TestStaff> {
  counter += 1;
  const role = overrides.role ?? 'admin';
  const email = overrides.email ?? `staff${counter}@test.kinga.example`;
  const password = overrides.password ?? `correct horse battery ${counter}`;
  const totpSecret = overrides.totpSecret ?? TEST_TOTP_SECRET;
  const service = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
  await service.seedDemoAccount({
    email,
    displayName: `Test ${role} ${counter}`,
    role,
    operatorId: overrides.operatorId ?? (role === 'operator_agent' ? 'OP-TEST-1' : null),
    organisation: overrides.organisation ?? (role === 'association_rep' ? 'Test Consumers' : null),
    password,
    totpSecret,
  });
  const emailHash = platform.keyring.hash(email.trim().toLowerCase(), 'users.email');
  const row = await platform.db.kysely.selectFrom('users').select('id').where('email_hash', '=', emailHash).executeTakeFirstOrThrow();
  return { id: row.id, email, password, totpSecret };
}

/** A browser stand-in over `app.inject()`: keeps cookies and sends each form with the anti-forgery token of the last page. */
export interface WebClient {
  readonly cookies: Map<string, string>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Posts a form as `application/x-www-form-urlencoded`, adding `_csrf` from the last page unless given. */
  post(url: string, fields?: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  /** The anti-forgery token of the last HTML page read. */
  csrfToken: string | undefined;
}

/** Creates a web client; `remoteAddress` lets a test act from its own IP address (throttling is per address). */
export function createWebClient(app: App, remoteAddress = '127.0.0.1'): WebClient {
  const cookies = new Map<string, string>();
  const client: WebClient = {
    cookies,
    csrfToken: undefined,
    async get(url, headers = {}) {
      const response = await app.inject({ method: 'GET', url, remoteAddress, headers: { accept: 'text/html', cookie: cookieHeader(), ...headers } });
      remember(response);
      return response;
    },
    async post(url, fields = {}) {
      const form = new URLSearchParams();
      const withToken = '_csrf' in fields ? fields : { ...fields, _csrf: client.csrfToken ?? '' };
      for (const [name, value] of Object.entries(withToken)) {
        for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
      }
      const response = await app.inject({
        method: 'POST',
        url,
        remoteAddress,
        headers: { accept: 'text/html', cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
      });
      remember(response);
      return response;
    },
  };
  function cookieHeader(): string {
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  function remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      const isCleared = cookie.value === '' || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now()) || cookie.maxAge === 0;
      if (isCleared) cookies.delete(cookie.name);
      else cookies.set(cookie.name, cookie.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match?.[1]) client.csrfToken = match[1];
  }
  return client;
}

/** The current code of a secret at the platform's "now". */
export function codeFor(platform: Platform, secret: string): string {
  return totpCode(secret, platform.clock.now());
}

/** Signs in through the pages (password, then code) and returns the final response. */
export async function signIn(client: WebClient, platform: Platform, staff: TestStaff): Promise<LightMyRequestResponse> {
  await client.get('/staff/sign-in');
  const afterPassword = await client.post('/staff/sign-in', { email: staff.email, password: staff.password });
  if (afterPassword.headers.location !== '/staff/sign-in/code')
    throw new Error(`The password step answered ${afterPassword.statusCode} ${String(afterPassword.headers.location)}.`);
  await client.get('/staff/sign-in/code');
  return client.post('/staff/sign-in/code', { code: codeFor(platform, staff.totpSecret) });
}
