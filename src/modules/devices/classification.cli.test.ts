import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, kingaEnv, runKinga } from '../../../test/helpers/kinga-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'kinga-classify-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('kinga devices classify and lists classify a day, write every list with a manifest, and refuse a bad date', async () => {
  const env = kingaEnv(dir);
  assert.equal((await runKinga(['migrate'], env)).code, 0);

  const classified = await runKinga(['devices', 'classify', '--date', '2026-12-01'], env);
  assert.equal(classified.code, 0, classified.stderr);
  assert.match(classified.stdout, /^Classified 2026-12-01 with operator data up to 2026-12-01: 0 IMEIs seen, 0 new trace alerts, in [0-9.]+ s \(run [0-9a-f-]+\)\.\n/);
  assert.match(classified.stdout, /  stolen: 0 matching, 0 new, 0 ended\n/);

  const out = join(dir, 'lists');
  const listed = await runKinga(['devices', 'lists', '--out', out, '--date', '2026-12-01'], env);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /first run: deltas hold every row/);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { listDate: string; files: { name: string; rows: number; sha256: string }[] };
  assert.equal(manifest.listDate, '2026-12-01');
  for (const name of ['blocklist.csv', 'blocklist-delta.csv', 'notifications-OP-DEMO-1.csv', 'exceptions-OP-DEMO-4-delta.csv']) {
    assert.ok(manifest.files.some((f) => f.name === name), name);
    assert.ok(existsSync(join(out, name)), name);
  }
  assert.equal(readFileSync(join(out, 'notifications-OP-DEMO-2.csv'), 'utf8'), 'imei,imsi,msisdn,block_date,reasons\n');
  const second = await runKinga(['devices', 'lists', '--out', out, '--date', '2026-12-02'], env);
  assert.match(second.stdout, /deltas against [0-9a-f-]+/);

  const bad = await runKinga(['devices', 'classify', '--date', '2026-02-30'], env);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--date must be a day written YYYY-MM-DD/);
  assert.equal(hasStackTrace(bad.stderr), false);
});
