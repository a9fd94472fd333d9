import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { modules } from '../src/modules/index.ts';
import { offersModule } from '../src/modules/offers/index.ts';
import { createAuthServiceFor, PERMISSIONS } from '../src/platform/auth/index.ts';
import { allMigrations } from '../src/platform/create.ts';
import type { App } from '../src/platform/module.ts';
import type { Platform } from '../src/platform/platform.ts';
import { seededRandom } from '../src/platform/seeded-random.ts';
import { openTestDatabases } from './helpers/db.ts';
import { createTestPlatform } from './helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn } from './helpers/staff.ts';

// Issue 13 item 9: every route of the OpenAPI document, sent generated bad requests with and
// without a token of each kind, answers without a 5xx. Deterministic (one seed) and bounded.
const databases = openTestDatabases(allMigrations(modules));
const SEED = 13;

/**
 * Server errors found by this test in code its authors do not own, each named with the request
 * that causes it, kept visible until fixed: an unknown 5xx fails the test, and so does an entry
 * here that no longer happens, so that the list is emptied as the fixes land.
 */
const MAX_REQUESTS_PER_OPERATION = 80;

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
}

interface Operation {
  method: string;
  path: string;
  parameters: Array<{ in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema?: Schema }>;
  body: Schema | undefined;
  isSecured: boolean;
}

/** One request to send, and what it is, to name it when it fails. */
interface Probe {
  label: string;
  request: InjectOptions;
}

// Values that are wrong for most fields: other types, out of every range, malformed, hostile.
const BAD_SCALARS = [
  'en',
  '-1',
  '0',
  '1e309',
  '9'.repeat(40),
  '',
  'x'.repeat(5000),
  '%00',
  'null',
  'true',
  '[]',
  '{}',
  '2026-13-45',
  '2026-02-30T25:61:00Z',
  '../../etc/passwd',
  '\u202e\u0000',
  'NaN',
  '-0',
  '0x1F',
  "' or 1=1 --",
];
const BAD_PATH_SEGMENTS = [
  '%20',
  '..%2F..%2Fetc%2Fpasswd',
  'x'.repeat(300),
  '%FF%FE',
  '0',
  '-1',
  '9'.repeat(400),
  'NaN',
  '%C3%A9',
  '%2e%2e',
  'a%00b',
  '%E2%80%AE',
];
const BAD_JSON_VALUES: unknown[] = [
  'en',
  -1,
  1e308,
  -1e308,
  2 ** 53 + 2,
  0.000001,
  '',
  'x'.repeat(20_000),
  null,
  true,
  [],
  {},
  [[[[]]]],
  { nested: { deep: true } },
  '2026-13-45',
];

function operationsOf(spec: {
  paths: Record<
    string,
    Record<string, { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema?: Schema }> }; security?: unknown[] }>
  >;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const content = operation.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body: content['application/json']?.schema ?? Object.values(content)[0]?.schema,
        isSecured: (operation.security ?? []).length > 0,
      });
    }
  }
  return operations.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** A value of the right shape for a schema, as a starting point that one field at a time spoils. */
function plausible(schema: Schema | undefined, random: () => number): unknown {
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  if (schema?.enum && schema.enum.length > 0) return schema.enum[Math.floor(random() * schema.enum.length)];
  if (schema?.anyOf?.[0]) return plausible(schema.anyOf[0], random);
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([name, property]) => [name, plausible(property, random)]));
    case 'array':
      return [plausible(schema?.items, random)];
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    default:
      return 'text';
  }
}

function pick<T>(values: readonly T[], random: () => number): T {
  return values[Math.floor(random() * values.length)] as T;
}

/** A multipart body with `parts`, ended or cut short. */
function multipart(boundary: string, parts: Array<{ name: string; filename?: string; type?: string; data: string | Buffer }>, keptShare = 1): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  const whole = Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
  return whole.subarray(0, Math.floor(whole.length * keptShare));
}

/** Every bad request for one operation, from the seeded generator. */
function probesFor(operation: Operation, random: () => number): Probe[] {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const urlWith = (path: Record<string, string>, query: Array<[string, string]>) => {
    let url = operation.path;
    for (const param of pathParams) url = url.replace(`{${param.name}}`, path[param.name] ?? encodeURIComponent(String(plausible(param.schema, random))));
    const search = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    return search === '' ? url : `${url}?${search}`;
  };
  const probes: Probe[] = [];
  const method = operation.method as InjectOptions['method'];
  const add = (label: string, request: Omit<InjectOptions, 'method'>) => probes.push({ label, request: { method, ...request } });

  add('no parameters', { url: urlWith({}, []) });
  for (const param of pathParams) {
    for (const value of [pick(BAD_PATH_SEGMENTS, random), pick(BAD_PATH_SEGMENTS, random), '9'.repeat(400)])
      add(`path ${param.name}=${value.slice(0, 20)}`, { url: urlWith({ [param.name]: value }, []) });
  }
  for (const param of queryParams) {
    for (const value of ['en', pick(BAD_SCALARS, random), pick(BAD_SCALARS, random)])
      add(`query ${param.name}=${value.slice(0, 20)}`, { url: urlWith({}, [[param.name, value]]) });
    add(`query ${param.name} given twice`, {
      url: urlWith({}, [
        [param.name, '1'],
        [param.name, 'en'],
      ]),
    });
  }
  if (queryParams.length > 0)
    add('every query parameter wrong at once', {
      url: urlWith(
        {},
        queryParams.map((p) => [p.name, pick(BAD_SCALARS, random)]),
      ),
    });
  add('an unknown query parameter', {
    url: urlWith({}, [
      ['__proto__', '1'],
      ['constructor', 'x'],
    ]),
  });

  if (operation.method === 'POST' || operation.method === 'PUT' || operation.method === 'PATCH') {
    const url = urlWith({}, []);
    const json = (label: string, payload: string) => add(label, { url, headers: { 'content-type': 'application/json' }, payload });
    json('malformed JSON', '{"a":');
    json('an empty JSON body', '');
    for (const value of ['null', '[]', '"text"', '1e400', '{"__proto__":{"polluted":true}}', `${'['.repeat(5000)}${']'.repeat(5000)}`])
      json(`JSON ${value.slice(0, 12)}`, value);
    const base = plausible(operation.body, random);
    if (base !== null && typeof base === 'object' && !Array.isArray(base)) {
      const record = base as Record<string, unknown>;
      json('a plausible body', JSON.stringify(record));
      for (const name of Object.keys(record)) {
        for (let i = 0; i < 2; i += 1) json(`field ${name} wrong`, JSON.stringify({ ...record, [name]: pick(BAD_JSON_VALUES, random) }));
        const { [name]: _missing, ...without } = record;
        json(`field ${name} missing`, JSON.stringify(without));
      }
      json('extra fields', JSON.stringify({ ...record, unexpected: 1, another: { deep: [1, 2] } }));
      json('huge numbers everywhere', JSON.stringify(Object.fromEntries(Object.keys(record).map((k) => [k, 1e308]))));
    }
    const columns = Array.from({ length: 3000 }, (_, i) => `c${i}`).join(',');
    add('a CSV body with thousands of columns', { url, headers: { 'content-type': 'text/csv' }, payload: `${columns}\n${'1,'.repeat(2999)}1\n` });
    add('a CSV body of garbage lines', { url, headers: { 'content-type': 'text/csv' }, payload: '"unclosed,quote\n\u0000\u0001,\n=cmd|x,+1,-2,@3\n' });
    add('random bytes as octet-stream', {
      url,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from(Array.from({ length: 1024 }, () => Math.floor(random() * 256))),
    });
    add('random bytes as a zip', {
      url,
      headers: { 'content-type': 'application/zip' },
      payload: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(Array.from({ length: 512 }, () => Math.floor(random() * 256)))]),
    });
    add('multipart without a boundary', { url, headers: { 'content-type': 'multipart/form-data' }, payload: 'a=b' });
    const boundary = `fuzz${Math.floor(random() * 1e9)}`;
    const file = { name: 'file', filename: 'upload.csv', type: 'text/csv', data: 'a,b\n1,2\n' };
    for (const share of [0.5, 0.9])
      add(`multipart cut at ${share * 100}%`, {
        url,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: multipart(boundary, [{ name: 'note', data: 'x' }, file], share),
      });
    add('multipart whole', { url, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart(boundary, [file]) });
    add('a body with no content type', { url, payload: 'plain words' });
    add('a body past the size limit', { url, headers: { 'content-type': 'application/json' }, payload: `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}` });
  }
  // A seeded sample keeps the run bounded; the first probes (the structural ones) always run.
  const [first, ...rest] = probes;
  const sampled = rest
    .map((probe) => ({ probe, order: random() }))
    .sort((a, b) => a.order - b.order)
    .slice(0, MAX_REQUESTS_PER_OPERATION - 1)
    .map((s) => s.probe);
  return first ? [first, ...sampled] : sampled;
}

/** Tokens of each kind: the regulator's with every permission, an operator's with every permission, a read-only one. */
async function tokensFor(platform: Platform): Promise<Record<string, string>> {
  const admin = await buildStaffAccount(platform, { role: 'admin' });
  const auth = createAuthServiceFor(platform);
  const issue = async (name: string, operatorId: string, permissions: readonly string[]) => {
    const created = await auth.createToken({ kind: 'system' }, { name, operatorId, permissions, expiresInDays: '', createdBy: admin.id });
    if (!created.ok) throw new Error(`The ${name} token could not be issued: ${JSON.stringify(created.issues)}`);
    return `Bearer ${created.value.plaintext}`;
  };
  return {
    regulator: await issue('Regulator', '', PERMISSIONS),
    operator: await issue('Operator', 'OP-DEMO-1', PERMISSIONS),
    'open data only': await issue('Reader', '', ['open-data:read']),
  };
}

async function send(app: App, probe: Probe, authorization: string | undefined): Promise<LightMyRequestResponse> {
  const headers = { ...(probe.request.headers ?? {}), ...(authorization === undefined ? {} : { authorization }) };
  return app.inject({ ...probe.request, headers, remoteAddress: '192.0.2.10' });
}

/** Every route the app serves, as `[method, path]`, read from Fastify's route tree. */
function routesOf(app: App): Array<[string, string]> {
  const routes: Array<[string, string]> = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^(.*?)[└├]── (.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const [, indent = '', segment = '', methods = ''] = match;
    const depth = indent.length / 4;
    const parent = depth === 0 ? '' : (stack[depth - 1] ?? '');
    const path = depth === 0 ? segment : `${parent}${parent.endsWith('/') || segment.startsWith('/') ? '' : '/'}${segment}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of methods.split(', ')) if (method !== 'HEAD') routes.push([method, path]);
  }
  return routes;
}

// Query parameters pages commonly read: a wrong value in any of them must be refused, never crash.
const PAGE_QUERY_NAMES = [
  'to',
  'from',
  'lang',
  'page',
  'sort',
  'order',
  'operator',
  'kpi',
  'type',
  'q',
  'date',
  'month',
  'period',
  'technology',
  'metric',
  'asOf',
  'status',
  'limit',
];

for (const { dialect, fresh } of databases.all) {
  test(`every page route answers generated bad requests without a server error, signed in or not [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh(), {
      modules,
      env: {
        RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
        LOGIN_MAX_ATTEMPTS: '100',
        LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000',
        CODE_SENDS_PER_NETWORK_ADDRESS: '100000',
        CODE_SENDS_PER_ADDRESS: '1000',
      },
    });
    await offersModule.seedDemo?.(platform);
    const app = await buildApp(platform, modules);
    const random = seededRandom(SEED + 1);
    const pages = routesOf(app).filter(
      ([, path]) => !path.startsWith('/api') && !path.startsWith('/assets') && !path.includes('*') && !['/healthz', '/readyz', '/metrics'].includes(path),
    );
    assert.ok(pages.length >= 50, `only ${pages.length} page routes`);
    const admin = await buildStaffAccount(platform, { role: 'admin' });
    const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-DEMO-1' });
    const sessions: Array<[string, ReturnType<typeof createWebClient>, typeof admin | undefined]> = [
      ['anonymous', createWebClient(app, '192.0.2.20'), undefined],
    ];
    for (const [name, account] of [
      ['administrator', admin],
      ['operator agent', agent],
    ] as const) {
      const client = createWebClient(app, name === 'administrator' ? '192.0.2.21' : '192.0.2.22');
      await signIn(client, platform, account);
      sessions.push([name, client, account]);
    }
    const failures: string[] = [];
    let sent = 0;
    const started = performance.now();
    const check = (label: string, reply: LightMyRequestResponse) => {
      sent += 1;
      if (reply.statusCode >= 500) failures.push(`${label} -> ${reply.statusCode}`);
    };
    const fill = (path: string, bad: boolean) => path.replace(/:([A-Za-z]+)/g, () => (bad ? pick(BAD_PATH_SEGMENTS, random) : 'KE-2026-000001'));
    for (const [sessionName, client, account] of sessions) {
      for (const [method, path] of pages) {
        if (method === 'GET') {
          // Signed-in sessions try the pages anonymous visitors cannot open; the public ones are tried once.
          if (sessionName !== 'anonymous' && !path.startsWith('/staff') && !path.startsWith('/operator')) continue;
          const base = fill(path, false);
          const urls = [
            base,
            fill(path, true),
            `${base}?${PAGE_QUERY_NAMES.map((name) => `${name}=${encodeURIComponent(pick(BAD_SCALARS, random))}`).join('&')}`,
            `${base}?page=-1&page=x`,
          ];
          // One wrong parameter alone, since a page refusing the first wrong one may never read the next.
          for (const name of PAGE_QUERY_NAMES) urls.push(`${base}?${name}=${encodeURIComponent(pick(['en', 'en', '-1', '9'.repeat(40), '2026-13'], random))}`);
          for (const url of urls) {
            check(`GET ${url.slice(0, 120)} (${sessionName})`, await client.get(url));
          }
          continue;
        }
        if (sessionName === 'anonymous' && path.startsWith('/staff')) continue;
        // A probe before may have signed the session out (the sign-out form is a route like any other).
        if (account && (await client.get('/staff')).statusCode !== 200) {
          // The next time step, since a code is never accepted twice.
          platform.clock.advance(30_000);
          assert.equal((await signIn(client, platform, account)).statusCode, 303, `${sessionName} signs in again`);
        }
        const url = fill(path, false);
        // The form's own page first, for a fresh anti-forgery token, when there is one.
        await client.get(url.replace(/\/(new|start|save|revoke|disable|reset-mfa|close|reopen)$/, ''));
        const token = client.csrfToken ?? '';
        const boundary = `fuzz${Math.floor(random() * 1e9)}`;
        const file = { name: 'file', filename: 'upload.csv', type: 'text/csv', data: `a,b\n${'1,2\n'.repeat(300)}` };
        const formParts = [{ name: '_csrf', data: token }, { name: 'operator', data: 'OP-DEMO-1' }, { name: 'note', data: 'x' }, file];
        const posts: Array<[string, Omit<InjectOptions, 'method' | 'url'>]> = [
          ['an empty form', { payload: `_csrf=${encodeURIComponent(token)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
          [
            'every field wrong',
            {
              payload: `_csrf=${encodeURIComponent(token)}&${PAGE_QUERY_NAMES.map((n) => `${n}=${encodeURIComponent(pick(BAD_SCALARS, random))}`).join('&')}&email=x&code=${'9'.repeat(40)}&reference=${'x'.repeat(5000)}`,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            },
          ],
          [
            'a field given as a list',
            {
              payload: `_csrf=${encodeURIComponent(token)}&email=a&email=b&permissions=x&permissions=y`,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            },
          ],
          [
            'multipart cut in its fields',
            { payload: multipart(boundary, formParts, 0.1), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } },
          ],
          [
            'multipart cut in its file',
            { payload: multipart(boundary, formParts, 0.7), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } },
          ],
          [
            'multipart whole with a stray file',
            { payload: multipart(boundary, formParts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } },
          ],
          ['multipart without a boundary', { payload: 'a=b', headers: { 'content-type': 'multipart/form-data' } }],
          ['JSON to a form', { payload: '{"a":', headers: { 'content-type': 'application/json', 'x-csrf-token': token } }],
        ];
        for (const [label, options] of posts) {
          const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
          const reply = await app.inject({
            method: method as InjectOptions['method'],
            url,
            remoteAddress: '192.0.2.23',
            ...options,
            headers: { accept: 'text/html', cookie, ...(options.headers ?? {}) },
          });
          check(`${method} ${url.slice(0, 120)} (${label}, ${sessionName})`, reply);
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `# page fuzz [${dialect}]: ${sent} requests to ${pages.length} page routes in ${seconds.toFixed(1)} s, ${failures.length} server errors\n`,
    );
    assert.deepEqual(failures, [], 'server errors');
    await app.close();
  });

  test(`every OpenAPI route answers generated bad requests without a server error, with and without tokens [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh(), {
      modules,
      env: { RATE_LIMIT_WRITES_PER_MINUTE: '1000000', LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000' },
    });
    // The demo's operators and offers, so that routes naming them reach past "not found".
    await offersModule.seedDemo?.(platform);
    const app = await buildApp(platform, modules);
    const tokens = await tokensFor(platform);
    const spec = (await app.inject('/api/openapi.json')).json<Parameters<typeof operationsOf>[0]>();
    const operations = operationsOf(spec);
    assert.ok(operations.length >= 30, `only ${operations.length} operations in the OpenAPI document`);

    const random = seededRandom(SEED);
    const failures: string[] = [];
    let sent = 0;
    const started = performance.now();
    for (const operation of operations) {
      // A secured route is tried with every kind of token; a public one without, and with the widest token.
      const auths: Array<[string, string | undefined]> = operation.isSecured
        ? [['no token', undefined], ['a wrong token', 'Bearer kinga_00000000_notarealtoken'], ...Object.entries(tokens)]
        : [
            ['no token', undefined],
            ['regulator', tokens['regulator']],
          ];
      const probes = probesFor(operation, random);
      for (const [authName, authorization] of auths) {
        for (const probe of probes) {
          const reply = await send(app, probe, authorization);
          sent += 1;
          if (reply.statusCode >= 500)
            failures.push(
              `${probe.request.method} ${String(probe.request.url).slice(0, 120)} (${probe.label}, ${authName}) -> ${reply.statusCode} ${reply.body.slice(0, 160)}`,
            );
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `# fuzz [${dialect}]: ${sent} requests to ${operations.length} operations in ${seconds.toFixed(1)} s, ${failures.length} server errors\n`,
    );
    assert.deepEqual(failures, [], 'server errors');
    await app.close();
  });
}
