import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { openTestDatabases } from '../test/helpers/db.ts';
import { createTestPlatform } from '../test/helpers/platform.ts';
import { allMigrations } from './platform/create.ts';
import { modules } from './modules/index.ts';
import { buildServiceApp, standaloneServices, UnknownServiceError } from './service-app.ts';
import { createMeasurementRepository } from './modules/quality/measurements/measurement.repository.ts';

const databases = openTestDatabases(allMigrations(modules));

for (const database of databases.all) {
  test(`--only speedtest serves the ndt7 endpoints and the health checks, and nothing else [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    const app = await buildServiceApp(platform, modules, 'speedtest');
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = app.server.address();
      assert.ok(address && typeof address === 'object');
      const base = `127.0.0.1:${address.port}`;
      assert.equal((await app.inject('/healthz')).json().status, 'ok');
      assert.equal((await app.inject('/readyz')).statusCode, 200);
      for (const path of ['/', '/speedtest', '/devices/check', '/api/openapi.json', '/staff/sign-in']) {
        const reply = await app.inject({ url: path, headers: { accept: 'text/html' } });
        assert.equal(reply.statusCode, 404, path);
        assert.match(String(reply.headers['content-type']), /^application\/problem\+json/);
        assert.equal(reply.headers['x-frame-options'], 'DENY', 'agrees with frame-ancestors none');
      }
      const ws = new WebSocket(`ws://${base}/ndt/v7/upload`, 'net.measurementlab.ndt.v7');
      await once(ws, 'open');
      ws.send(Buffer.alloc(65_536), { binary: true });
      // The first server measurement with the bytes shows they were counted before closing.
      await new Promise<void>((resolve, reject) => {
        ws.on('message', (data: Buffer) => {
          if ((JSON.parse(data.toString()) as { AppInfo: { NumBytes: number } }).AppInfo.NumBytes === 65_536) resolve();
        });
        ws.once('close', () => reject(new Error('the server closed before counting the upload')));
      });
      ws.close(1000);
      await once(ws, 'close');
      const repository = createMeasurementRepository(platform.db.kysely);
      let stored = null;
      // The record is written when the server sees the close; poll the database, for ten seconds at most.
      for (let i = 0; i < 200 && !stored; i += 1) {
        const ids = await platform.db.kysely.selectFrom('quality_ndt7_tests').select('id').execute();
        stored = ids[0] ? await repository.findNdt7Test(ids[0].id) : null;
        if (!stored) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(stored, 'the test was recorded in the shared database');
      assert.equal(stored.test, 'upload');
      assert.equal(stored.num_bytes, 65_536);
    } finally {
      await app.close();
    }
  });
}

test('an unknown service is refused with the list of services', async () => {
  assert.deepEqual(standaloneServices(modules), ['speedtest']);
  const database = databases.all[0];
  assert.ok(database);
  const platform = await createTestPlatform(await database.fresh(), { modules });
  await assert.rejects(
    buildServiceApp(platform, modules, 'complaints'),
    (error: Error) => error instanceof UnknownServiceError && /speedtest/.test(error.message),
  );
});
