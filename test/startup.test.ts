import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateKeyMaterial } from '../src/platform/crypto/index.ts';
import { hasStackTrace, KINGA_BIN, kingaEnv, REPO_ROOT, runKinga, startKinga } from './helpers/kinga-process.ts';
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

describe('a first start a person can read', () => {
  const lastLine = /oathtool --totp -b [A-Z2-7]+/;
  /** Waits until `read()` shows `pattern`, then `settleMs` longer, and answers what was printed by then. */
  async function printedAfter(read: () => string, pattern: RegExp, settleMs: number, timeoutMs = 120_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(read())) {
      if (Date.now() > deadline) throw new Error(`Nothing matched ${pattern} within ${timeoutMs} ms:\n${read()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return read();
  }

  test('kinga --version prints the version of the package', async () => {
    const outcome = await runKinga(['--version'], kingaEnv(tempDir()));
    assert.equal(outcome.code, 0, outcome.stderr);
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(outcome.stdout.trim(), version);
  });

  test('without a terminal, the logs are JSON lines and the demo accounts come last, with the real sign-in address', async () => {
    const dir = tempDir();
    const server = startKinga(['serve', '--demo'], kingaEnv(dir, { LOG_LEVEL: 'info' }));
    try {
      const stdout = await printedAfter(() => server.output().stdout, lastLine, 2000);
      const lines = linesOf(stdout);
      const [, port] = /Kinga is serving .* at http:\/\/localhost:(\d+)/.exec(stdout) ?? [];
      assert.ok(port && port !== '0', stdout);
      const block = lines.findIndex((line) => line.startsWith('Demo staff accounts'));
      assert.ok(block > 0, stdout);
      assert.match(lines[block] ?? '', new RegExp(`sign in at http://localhost:${port}/staff/sign-in`));
      assert.match(lines.at(-1) ?? '', lastLine, 'the accounts are the last thing printed');
      for (const line of lines.slice(0, block).filter((l) => !l.startsWith('Kinga is serving'))) {
        assert.doesNotThrow(() => JSON.parse(line), `a log line that is not JSON: ${line}`);
      }
      // The demo's first aggregation is a job: its line shows that the jobs ran before the accounts.
      assert.ok(
        lines.slice(0, block).some((line) => line.includes('"msg":"quality statistics aggregated"')),
        'the demo jobs ran before the accounts were printed',
      );
      assert.ok(!lines.some((line) => line.includes('"msg":"job done"')), 'the routine line of each job is at debug');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  test(
    'on a terminal, the logs are readable lines and the demo accounts come last',
    { skip: !existsSync('/usr/bin/script') && 'needs script(1) for a pseudo-terminal' },
    async () => {
      const dir = tempDir();
      const env = kingaEnv(dir, { LOG_LEVEL: 'info' });
      // script(1) runs kinga on a pseudo-terminal, as a person's shell would.
      const child = spawn('/usr/bin/script', ['-qfec', `${process.execPath} ${KINGA_BIN} serve --demo`, '/dev/null'], {
        cwd: REPO_ROOT,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      });
      let printed = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
      const exited = new Promise((resolve) => child.once('close', resolve));
      try {
        const output = (await printedAfter(() => printed, lastLine, 2000)).replaceAll('\r', '');
        const lines = linesOf(output);
        assert.ok(!lines.some((line) => line.startsWith('{')), `no JSON line on a terminal:\n${output}`);
        assert.ok(
          lines.some((line) => /^\d{2}:\d{2}:\d{2} INFO {1,2}quality statistics aggregated/.test(line)),
          `readable log lines:\n${output}`,
        );
        assert.match(lines.at(-1) ?? '', lastLine, 'the accounts are the last thing printed');
        assert.ok(lines.some((line) => /Demo staff accounts/.test(line)));
      } finally {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
    },
  );
});
