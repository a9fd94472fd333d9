import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, kingaEnv, runKinga, startKinga } from '../../../../test/helpers/kinga-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'kinga-quality-serve-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('kinga serve --only speedtest answers the health check and the ndt7 paths only; an unknown service is refused in one sentence', async () => {
  const unknown = await runKinga(['serve', '--only', 'maps'], kingaEnv(dir));
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /--only maps: no such service; the services are: speedtest\./);
  assert.equal(hasStackTrace(unknown.stderr), false);

  const running = startKinga(['serve', '--only', 'speedtest'], kingaEnv(dir));
  try {
    const [, port] = await running.waitForLine(/only the speedtest service of .* at http:\/\/localhost:(\d+)/, 60_000);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    assert.equal((await fetch(`http://127.0.0.1:${port}/speedtest`)).status, 404, 'no pages here');
    // A plain GET of an ndt7 path is no WebSocket upgrade: the router has nothing there either.
    assert.equal((await fetch(`http://127.0.0.1:${port}/ndt/v7/download`)).status, 404);
  } finally {
    running.child.kill('SIGTERM');
    const ended = await running.exited;
    assert.equal(ended.code, 0, ended.stderr);
  }
});
