import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateKeyMaterial } from '../src/platform/crypto/index.ts';
import { hasStackTrace, kingaEnv, REPO_ROOT, runKinga, startKinga } from './helpers/kinga-process.ts';
import { createTempDir } from './helpers/temp-dir.ts';

const tempDir = () => createTempDir('startup');

/** The lines an operator reads: stderr without blank lines. */
const linesOf = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

describe('start-up failures', () => {
  test('a corrupt database file stops start-up with one sentence naming the file', async () => {
    const dir = tempDir();
    const file = join(dir, 'kinga.db');
    writeFileSync(file, 'this is not a SQLite database, only some garbage bytes\n'.repeat(200));
    const outcome = await runKinga(['serve'], kingaEnv(dir));
    assert.notEqual(outcome.code, 0);
    assert.equal(hasStackTrace(outcome.stderr), false, outcome.stderr);
    assert.deepEqual(linesOf(outcome.stderr).length, 1, outcome.stderr);
    assert.match(outcome.stderr, new RegExp(file.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  test('an unreachable PostgreSQL stops start-up with one sentence that never shows the password', async () => {
    const dir = tempDir();
    const env = kingaEnv(dir, { DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/x', KINGA_DATA_KEYS: JSON.stringify(generateKeyMaterial()) });
    const outcome = await runKinga(['serve'], env);
    assert.notEqual(outcome.code, 0);
    assert.equal(hasStackTrace(outcome.stderr), false, outcome.stderr);
    assert.equal(linesOf(outcome.stderr).length, 1, outcome.stderr);
    assert.match(outcome.stderr, /PostgreSQL at 127\.0\.0\.1:1\/x cannot be reached/);
    assert.doesNotMatch(outcome.stdout + outcome.stderr, /secret/);
  });

  test('a jurisdiction profile with several wrong fields names every one with its path', async () => {
    const dir = tempDir();
    const profile = JSON.parse(readFileSync(join(REPO_ROOT, 'jurisdictions/demo.json'), 'utf8')) as Record<string, unknown>;
    const file = join(dir, 'profile.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...profile,
        country: 'Kenya',
        currency: 12,
        defaultLanguage: 'sw',
        weekend: [6, 9],
        contacts: { phone: 'call us', email: 'not an address' },
        colour: 'green',
      }),
    );
    const outcome = await runKinga(['serve'], kingaEnv(dir, { KINGA_JURISDICTION: file }));
    assert.notEqual(outcome.code, 0);
    assert.equal(hasStackTrace(outcome.stderr), false, outcome.stderr);
    for (const path of ['/country', '/currency', '/defaultLanguage', '/weekend/1', '/contacts/phone', '/contacts/email', 'colour']) {
      assert.ok(outcome.stderr.includes(path), `${path} is not named in:\n${outcome.stderr}`);
    }
  });

  test('a wrong environment variable is named, together with every other wrong one', async () => {
    const dir = tempDir();
    const outcome = await runKinga(['serve'], kingaEnv(dir, { PORT: 'abc', LOG_LEVEL: 'loud' }));
    assert.equal(outcome.code, 1);
    assert.equal(hasStackTrace(outcome.stderr), false, outcome.stderr);
    assert.match(outcome.stderr, /PORT: "abc"/);
    assert.match(outcome.stderr, /LOG_LEVEL: "loud"/);
  });
});

describe('serving', () => {
  test('serves the demo, answers /healthz, and exits 0 on SIGTERM', async () => {
    const dir = tempDir();
    const server = startKinga(['serve', '--demo'], kingaEnv(dir));
    try {
      const [, port] = await server.waitForLine(/Kinga is serving .* at http:\/\/[^\s:]+:(\d+)/, 60_000);
      const response = await fetch(`http://127.0.0.1:${port ?? ''}/healthz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok' });
      server.child.kill('SIGTERM');
      const outcome = await server.exited;
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.equal(hasStackTrace(outcome.stderr), false, outcome.stderr);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});
