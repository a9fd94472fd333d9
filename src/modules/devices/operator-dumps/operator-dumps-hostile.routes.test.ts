import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createDemoApiApp } from '../../../../test/helpers/api-tokens.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import { readsDuring, type ReadsDuring } from '../../../../test/helpers/reads-during.ts';
import { buildZip } from '../../../../test/helpers/zip.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import { offersModule } from '../../offers/index.ts';
import { devicesModule } from '../index.ts';
import { createOperatorDataRepository } from './operator-dumps.repository.ts';

const modules = [offersModule, devicesModule];
const databases = openTestDatabases(allMigrations(modules));
const NAME = 'OP-DEMO-1_20261101_20261130';

const row = (i: number) => `202611${String(1 + (i % 28)).padStart(2, '0')},35209900${100000 + i},63902${String(1000000000 + i)},2547${10000000 + i},4G`;
const dump = (n: number) => ['date,imei,imsi,msisdn,rat', ...Array.from({ length: n }, (_, i) => row(i))].join('\n') + '\n';

async function setup(database: (typeof databases.all)[number]) {
  const { platform, app, token } = await createDemoApiApp(database, modules, { tokenName: 'dumps' });
  return { platform, app, bearer: await token('OP-DEMO-1', ['devices:upload']) };
}

const upload = (bearer: string, body: Buffer, fileName = `${NAME}.zip`) => ({
  method: 'POST' as const,
  url: `/api/v1/devices/dumps?fileName=${encodeURIComponent(fileName)}`,
  headers: { 'content-type': 'application/zip', authorization: `Bearer ${bearer}` },
  payload: body,
});

/** A zip whose one entry has the given name, padded to about 5 MB so that a leaked spool file shows. */
function zipNamed(entryName: string): Buffer {
  const padding = Buffer.alloc(5 * 1024 * 1024, 0x41);
  return buildZip([{ name: entryName, content: Buffer.concat([Buffer.from(dump(10)), padding]) }]);
}

/** A zip whose central directory entry does not start with its signature. */
function corruptDirectory(): Buffer {
  const zip = buildZip([{ name: `${NAME}.csv`, content: dump(10) }]);
  const at = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  zip.writeUInt32LE(0xdeadbeef, at);
  return zip;
}

/** Open file descriptors of this process (Linux). */
const openDescriptors = () => readdirSync('/proc/self/fd').length;

for (const database of databases.all) {
  test(`a zip entry with ../, an absolute path or a corrupt central directory is refused with 422 naming the reason, and leaves no descriptor nor spooled file [${database.dialect}]`, async () => {
    const { platform, app, bearer } = await setup(database);
    const spool = join(platform.config.dataDir, 'spool');
    const spooled = () => (existsSync(spool) ? readdirSync(spool).length : 0);
    const cases: ReadonlyArray<{ body: Buffer; reason: RegExp }> = [
      { body: zipNamed(`../${NAME}.csv`), reason: /\.\.\/OP-DEMO-1_20261101_20261130\.csv.*leaves the archive/ },
      { body: zipNamed(`/tmp/${NAME}.csv`), reason: /\/tmp\/OP-DEMO-1_20261101_20261130\.csv.*absolute path/ },
      { body: corruptDirectory(), reason: /directory of the zip archive is damaged/ },
    ];
    for (const { body, reason } of cases) {
      const reply = await app.inject(upload(bearer, body));
      assert.equal(reply.statusCode, 422, reply.body);
      assert.match(String(reply.headers['content-type']), /^application\/problem\+json/);
      const problem = reply.json<{ errors: Array<{ field: string; message: string }> }>();
      assert.ok(
        problem.errors.some((e) => e.field === 'file' && reason.test(e.message)),
        JSON.stringify(problem.errors),
      );
    }
    // Descriptors the database pool opens once are already open: the count must not grow with bad uploads.
    const before = openDescriptors();
    for (let i = 0; i < 20; i += 1) {
      const reply = await app.inject(upload(bearer, cases[i % cases.length]!.body));
      assert.equal(reply.statusCode, 422);
    }
    assert.ok(openDescriptors() <= before, `descriptors went from ${before} to ${openDescriptors()}`);
    assert.equal(spooled(), 0, 'no spooled upload is left behind');
    assert.equal((await platform.db.kysely.selectFrom('device_dump_imports').select('id').execute()).length, 0);
    await app.close();
  });
}

const BOUNDARY = '----kingaHostileBoundary';

/** The start of a form as a browser sends it: the token, the text fields, then the file's headers and `content`, with nothing after. */
function formStart(csrf: string, fields: Record<string, string>, content: string): string {
  const parts = Object.entries({ _csrf: csrf, ...fields }).map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return `${parts.join('')}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${NAME}.csv"\r\nContent-Type: text/csv\r\n\r\n${content}`;
}

async function postRaw(app: App, client: WebClient, url: string, body: string, contentType = `multipart/form-data; boundary=${BOUNDARY}`) {
  const cookie = [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  return app.inject({ method: 'POST', url, headers: { accept: 'text/html', cookie, 'content-type': contentType }, payload: body });
}

for (const database of databases.all) {
  test(`a truncated or malformed multipart body on every devices upload form answers 4xx with a reason, never 500, and leaves no spooled file [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    const spool = join(platform.config.dataDir, 'spool');
    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const client = createWebClient(app, '10.9.9.9');
    await signIn(client, platform, officer);
    const forms: ReadonlyArray<{ url: string; fields: Record<string, string> }> = [
      { url: '/staff/devices/dumps', fields: { operator: 'OP-DEMO-1' } },
      { url: '/staff/devices/lists', fields: { list: 'stolen', mode: 'full' } },
    ];
    for (const form of forms) {
      await client.get(form.url);
      const csrf = client.csrfToken ?? '';
      const cut = await postRaw(app, client, form.url, formStart(csrf, form.fields, dump(200)));
      assert.equal(cut.statusCode, 422, `${form.url}: ${cut.statusCode}`);
      assert.match(cut.body, /The upload ended before the end of the form/);
      assert.match(cut.body, /href="#field-file"/, 'the problem names the file field');
      const cutInHeaders = await postRaw(
        app,
        client,
        form.url,
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${BOUNDARY}\r\nContent-Disposition: form-da`,
      );
      assert.equal(cutInHeaders.statusCode, 422, `${form.url}: ${cutInHeaders.statusCode}`);
      for (const [body, type] of [
        ['not a form at all', `multipart/form-data; boundary=${BOUNDARY}`],
        [formStart(csrf, form.fields, 'date'), 'multipart/form-data'],
        ['', `multipart/form-data; boundary=${BOUNDARY}`],
      ] as const) {
        const reply = await postRaw(app, client, form.url, body, type);
        assert.ok(reply.statusCode >= 400 && reply.statusCode < 500, `${form.url} answered ${reply.statusCode} to ${JSON.stringify(body.slice(0, 40))}`);
      }
    }
    const cutReport = await postRaw(
      app,
      createWebClient(app),
      '/devices/report/details',
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="imeis"\r\n\r\n35209900`,
    );
    assert.ok(cutReport.statusCode >= 400 && cutReport.statusCode < 500, `the report form answered ${cutReport.statusCode}`);
    assert.equal(existsSync(spool) ? readdirSync(spool).length : 0, 0, 'no spooled upload is left behind');
    assert.equal((await platform.db.kysely.selectFrom('device_dump_imports').select('id').execute()).length, 0);
    await app.close();
  });
}

/** Sends a request over a real connection and closes it before the body announced is complete; resolves with whatever came back. */
function sendCut(port: number, head: string, start: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`${head}\r\n${start}`);
      setTimeout(() => socket.end(), 100);
    });
    let answer = '';
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

for (const database of databases.all) {
  test(`the dump API answers 400 to a body cut short, by length or by chunks, and keeps nothing of it [${database.dialect}]`, async () => {
    const { platform, app, bearer } = await setup(database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const head = `POST /api/v1/devices/dumps?fileName=${NAME}.csv HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: text/csv\r\nauthorization: Bearer ${bearer}\r\n`;
    const byLength = await sendCut(port, `${head}content-length: 100000\r\n`, dump(10));
    assert.match(byLength, /^HTTP\/1\.1 400 /);
    const body = dump(10);
    const byChunks = await sendCut(port, `${head}transfer-encoding: chunked\r\n`, `${body.length.toString(16)}\r\n${body}\r\n`);
    assert.match(byChunks, /^HTTP\/1\.1 400 /);
    // The server notices the closed connection on its own time: give it a few seconds at most.
    const spool = join(platform.config.dataDir, 'spool');
    const spooled = () => (existsSync(spool) ? readdirSync(spool).length : 0);
    for (let waited = 0; spooled() > 0 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(spooled(), 0, 'no spooled upload is left behind');
    assert.equal((await platform.db.kysely.selectFrom('device_dump_imports').select('id').execute()).length, 0);
    await app.close();
  });
}

/** The readiness probe asked every 20 ms while `work` runs; each wait counts from the moment the request was due, so that time the event loop was held counts too. */
function readinessDuring<T>(app: App, work: () => Promise<T>): Promise<ReadsDuring<T>> {
  return readsDuring(async () => assert.equal((await app.inject('/readyz')).statusCode, 200), work);
}

/**
 * Asserts that other requests were answered while the work (`what`: an import, an upload) ran. The
 * reference is the work itself: a request held for all of it would take about as long.
 */
function assertNotHeld(during: ReadsDuring<unknown>, what: string) {
  assert.ok(during.waits.length >= 5, `only ${during.waits.length} requests were answered during a ${during.durationMs.toFixed(0)} ms ${what}`);
  assert.ok(
    during.slowestMs < during.durationMs / 4,
    `the slowest request took ${during.slowestMs.toFixed(0)} ms of a ${during.durationMs.toFixed(0)} ms ${what}`,
  );
}

for (const database of databases.all) {
  test(`other requests are answered while a large dump imports: the slowest takes a small part of the import's time [${database.dialect}]`, async () => {
    const { app, bearer } = await setup(database);
    const during = await readinessDuring(app, () => app.inject(upload(bearer, Buffer.from(dump(40_000)), `${NAME}.csv`)));
    assert.equal(during.result.statusCode, 201, during.result.body);
    assertNotHeld(during, 'import');
    await app.close();
  });
}

for (const database of databases.all) {
  test(`other requests are answered while a large reference list is uploaded: the slowest takes a small part of the upload's time [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const client = createWebClient(app, '10.5.5.5');
    await signIn(client, platform, officer);
    await client.get('/staff/devices/lists');
    const imei = (i: number) => `35209900${String(i).padStart(6, '0')}`;
    const list = `imei,reason\n${Array.from({ length: 80_000 }, (_, i) => `${imei(i)},theft`).join('\n')}\n`;
    const body = `${formStart(client.csrfToken ?? '', { list: 'stolen', mode: 'full' }, list)}\r\n--${BOUNDARY}--\r\n`;
    const during = await readinessDuring(app, () => postRaw(app, client, '/staff/devices/lists', body));
    assert.equal(during.result.statusCode, 200, during.result.body.slice(0, 500));
    assert.match(during.result.body, /80,000 lines read, 80,000 entries added/);
    assertNotHeld(during, 'upload');
    await app.close();
  });
}

for (const database of databases.all) {
  test(`a list upload while another upload of the same list is being applied answers 409 on the form, in the page's language, and changes nothing [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const client = createWebClient(app, '10.6.6.6');
    await signIn(client, platform, officer);
    // An upload of the stolen list accepted and being applied, as another process leaves it while it works.
    const repository = createOperatorDataRepository(platform.db.kysely);
    const now = platform.clock.now().toISOString();
    await repository.startListStaging('other-upload', now);
    const accepted = {
      list: 'stolen' as const,
      mode: 'full' as const,
      applyDate: now.slice(0, 10),
      fileName: 'stolen.csv',
      rowCount: 0,
      actor: JSON.stringify({ type: 'system', id: null }),
      actorText: 'system',
    };
    assert.equal(await repository.acceptListUpload('other-upload', accepted, now), true);
    for (const [url, sentence] of [
      ['/staff/devices/lists', /Another upload of this list is being applied; the list did not change\./],
      ['/staff/devices/lists?lang=fr', /Un autre envoi de cette liste est en cours d’application ; la liste n’a pas changé\./],
    ] as const) {
      await client.get(url);
      const reply = await postRaw(
        app,
        client,
        url,
        `${formStart(client.csrfToken ?? '', { list: 'stolen', mode: 'full' }, 'imei\n35209900176148\n')}\r\n--${BOUNDARY}--\r\n`,
      );
      assert.equal(reply.statusCode, 409, reply.body.slice(0, 300));
      assert.match(reply.body, sentence);
      assert.match(reply.body, /href="#field-file"/);
    }
    assert.equal((await platform.db.kysely.selectFrom('device_list_entries').select('id').execute()).length, 0);
    await app.close();
  });
}
