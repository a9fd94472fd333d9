import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import { buildApp } from './app.ts';
import { createLogger } from './platform/create.ts';
import { openTestDatabases } from '../test/helpers/db.ts';
import { createTestPlatform } from '../test/helpers/platform.ts';
import type { KingaModule } from './platform/module.ts';

const databases = openTestDatabases();

/** A module that exists only to exercise the platform's plumbing. */
const probe: KingaModule = {
  name: 'probe',
  routes(app) {
    app.get('/probe/form', async (request, reply) => `<input name="_csrf" value="${app.pageContext(request, reply).csrfToken}">`);
    app.post('/probe/form', { schema: { body: Type.Object({ name: Type.String() }) } }, async () => 'saved');
    app.post(
      '/api/v1/probe',
      { schema: { body: Type.Object({ msisdn: Type.String({ pattern: '^\\+[0-9]{8,15}$' }), count: Type.Integer({ minimum: 1 }) }) } },
      async () => ({ ok: true }),
    );
    app.get('/api/v1/probe/personal', { config: { isPersonal: true } }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').send({ name: 'A person' }),
    );
    app.get('/api/v1/probe/open', async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send({ figure: 1 }));
    app.get('/probe/boom', async () => {
      throw new Error('secret internal detail');
    });
  },
};

async function setup(env: Record<string, string> = {}, db?: Awaited<ReturnType<(typeof databases.all)[number]['fresh']>>) {
  const platform = await createTestPlatform(db ?? (await databases.all[0]!.fresh()), { env, modules: [probe] });
  const app = await buildApp(platform, [probe]);
  return { app, platform };
}

/** The anti-forgery cookie and token a page form carries. */
async function csrf(app: Awaited<ReturnType<typeof setup>>['app']) {
  const reply = await app.inject({ method: 'GET', url: '/probe/form' });
  const token = /name="_csrf" value="([^"]+)"/.exec(reply.body)?.[1];
  const cookie = reply.cookies.find((c) => c.name === 'kinga_csrf');
  assert.ok(token && cookie, 'the form carries an anti-forgery token');
  return { token, cookie: `kinga_csrf=${cookie.value}` };
}

for (const database of databases.all) {
  test(`healthz answers and readyz follows the database [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const { app } = await setup({}, db);
    assert.deepEqual((await app.inject('/healthz')).json(), { status: 'ok' });
    assert.equal((await app.inject('/readyz')).statusCode, 200);
    await app.close();
  });
}

test('readyz says unavailable once the database is gone', async () => {
  const { app, platform } = await setup();
  await platform.db.destroy();
  const reply = await app.inject('/readyz');
  assert.equal(reply.statusCode, 503);
  assert.deepEqual(reply.json(), { status: 'unavailable' });
});

test('serves an OpenAPI 3.1 document generated from the API route schemas, without pages', async () => {
  const { app } = await setup();
  const spec = (await app.inject('/api/openapi.json')).json<{ openapi: string; paths: Record<string, unknown> }>();
  assert.equal(spec.openapi, '3.1.0');
  assert.ok(spec.paths['/api/v1/jurisdiction']);
  assert.ok(spec.paths['/api/v1/probe']);
  assert.ok(!spec.paths['/'], 'pages are not API operations');
  const docs = await app.inject({ url: '/api/docs', headers: { accept: 'text/html' } });
  assert.equal(docs.statusCode, 200);
  assert.match(docs.body, /GET \/api\/v1\/jurisdiction/);
});

test('sends a strict Content-Security-Policy and the usual security headers', async () => {
  const { app } = await setup();
  const reply = await app.inject('/');
  const csp = String(reply.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(reply.headers['x-content-type-options'], 'nosniff');
  assert.equal(reply.headers['x-frame-options'], 'DENY', 'the older header says what frame-ancestors says');
  assert.doesNotMatch(reply.body, /<script(?![^>]*\bsrc=)/, 'no inline script');
});

test('refuses an address holding a NUL character with 400, on pages and the API, before any route reads it', async () => {
  const { app } = await setup();
  for (const url of ['/api/v1/probe/open?x=a%00b', '/probe/a%00b', '/staff/learn/associations/proposals/a%00b']) {
    const reply = await app.inject(url);
    assert.equal(reply.statusCode, 400, url);
  }
  const api = await app.inject('/api/v1/probe/open?x=a%00b&y=fine');
  assert.deepEqual(
    api.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
    ['querystring/x'],
    'the field holding it is named',
  );
  assert.equal((await app.inject('/api/v1/probe/open?x=a%2500b')).statusCode, 200, 'an encoded per cent sign followed by 00 is no NUL');
});

test('answers a route marks personal, and answers to writes, may not be stored; public reads keep their caching', async () => {
  const { app } = await setup();
  const personal = await app.inject('/api/v1/probe/personal');
  assert.equal(personal.statusCode, 200);
  assert.equal(personal.headers['cache-control'], 'no-store');
  const open = await app.inject('/api/v1/probe/open');
  assert.equal(open.headers['cache-control'], 'public, max-age=300');
  const write = await app.inject({ method: 'POST', url: '/api/v1/probe', payload: { msisdn: '+254712345678', count: 1 } });
  assert.equal(write.statusCode, 200);
  assert.equal(write.headers['cache-control'], 'no-store');
});

test('chooses the language from the URL, then the cookie, then Accept-Language', async () => {
  const { app } = await setup();
  const arabic = await app.inject({ url: '/?lang=ar', headers: { 'accept-language': 'fr' } });
  assert.match(arabic.body, /<html lang="ar" dir="rtl">/);
  const cookie = arabic.cookies.find((c) => c.name === 'kinga_lang');
  assert.equal(cookie?.value, 'ar');
  const remembered = await app.inject({ url: '/', headers: { cookie: 'kinga_lang=ar', 'accept-language': 'fr' } });
  assert.match(remembered.body, /<html lang="ar" dir="rtl">/);
  const french = await app.inject({ url: '/', headers: { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' } });
  assert.match(french.body, /<html lang="fr" dir="ltr">/);
  const unknown = await app.inject({ url: '/?lang=xx', headers: { 'accept-language': 'de' } });
  assert.match(unknown.body, /<html lang="en" dir="ltr">/);
});

test('the language switcher keeps the query of the page', async () => {
  const { app } = await setup();
  const reply = await app.inject({ url: '/api/docs?section=platform&lang=fr' });
  assert.match(reply.body, /href="\/api\/docs\?section=platform&amp;lang=ar"/);
});

test('refuses a form post without the anti-forgery token and accepts it with one', async () => {
  const { app } = await setup();
  const refused = await app.inject({
    method: 'POST',
    url: '/probe/form',
    payload: 'name=A',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  });
  assert.equal(refused.statusCode, 403);
  assert.match(refused.body, /<h1>/);
  const { token, cookie } = await csrf(app);
  const accepted = await app.inject({
    method: 'POST',
    url: '/probe/form',
    payload: `name=A&_csrf=${encodeURIComponent(token)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  });
  assert.equal(accepted.statusCode, 200);
  assert.equal(accepted.body, 'saved');
});

test('limits the rate of writes but not of reads', async () => {
  const { app } = await setup({ RATE_LIMIT_WRITES_PER_MINUTE: '3' });
  const post = () => app.inject({ method: 'POST', url: '/api/v1/probe', payload: { msisdn: '+254700000001', count: 1 } });
  for (let i = 0; i < 3; i += 1) assert.equal((await post()).statusCode, 200);
  const limited = await post();
  assert.equal(limited.statusCode, 429);
  assert.match(String(limited.headers['content-type']), /application\/problem\+json/);
  assert.ok(Number(limited.headers['retry-after']) > 0);
  for (let i = 0; i < 10; i += 1) assert.equal((await app.inject('/healthz')).statusCode, 200);
});

test('a malformed API request gets problem+json naming each wrong field, without echoing values', async () => {
  const { app } = await setup();
  const reply = await app.inject({ method: 'POST', url: '/api/v1/probe', payload: { msisdn: '0700 CALL ME', count: 0 } });
  assert.equal(reply.statusCode, 400);
  assert.match(String(reply.headers['content-type']), /application\/problem\+json/);
  const problem = reply.json<{ type: string; errors: { field: string }[] }>();
  assert.equal(problem.type, 'https://kinga.example/problems/invalid-request');
  assert.deepEqual(problem.errors.map((e) => e.field).sort(), ['body/count', 'body/msisdn']);
  assert.doesNotMatch(reply.body, /CALL ME/);
});

test('an unknown page gets an accessible 404 page in the visitor language', async () => {
  const { app } = await setup();
  const reply = await app.inject({ url: '/nowhere?lang=fr', headers: { accept: 'text/html' } });
  assert.equal(reply.statusCode, 404);
  assert.match(reply.body, /<html lang="fr"/);
  assert.equal((reply.body.match(/<h1/g) ?? []).length, 1);
});

test('a crash shows no internals to the visitor', async () => {
  const { app } = await setup();
  const page = await app.inject({ url: '/probe/boom', headers: { accept: 'text/html' } });
  assert.equal(page.statusCode, 500);
  assert.doesNotMatch(page.body, /secret internal detail|at .*\.ts/);
  const api = await app.inject({ url: '/probe/boom', headers: { accept: 'application/json' } });
  assert.equal(api.statusCode, 500);
  assert.doesNotMatch(api.body, /secret internal detail/);
});

test('exposes Prometheus metrics labelled by route pattern', async () => {
  const { app } = await setup();
  await app.inject('/healthz');
  const metrics = await app.inject('/metrics');
  assert.match(String(metrics.headers['content-type']), /text\/plain/);
  assert.match(metrics.body, /kinga_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/);
  assert.match(metrics.body, /kinga_process_resident_memory_bytes/);
});

test('request logs name the route pattern, never the URL, its query or the client address', async () => {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => lines.push(line) });
  const platform = await createTestPlatform(await databases.all[0]!.fresh(), { modules: [probe], logger });
  const app = await buildApp(platform, [probe]);
  await app.inject({ url: '/?lang=fr&imei=352099001761481', remoteAddress: '198.51.100.7' });
  await app.inject({ url: '/nothing/352099001761481' });
  const text = lines.join('');
  assert.match(text, /"route":"\/"/);
  assert.match(text, /"route":"unmatched"/);
  assert.doesNotMatch(text, /352099001761481|198\.51\.100\.7|lang=fr/);
});

test('compresses pages for slow connections', async () => {
  const { app } = await setup();
  const reply = await app.inject({ url: '/', headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(reply.headers['content-encoding'], 'br');
});
