import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, kingaEnv, runKinga } from '../../../../test/helpers/kinga-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'kinga-classify-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('kinga devices classify and lists classify a day, write every list with a manifest, and refuse a bad date', async () => {
  const env = kingaEnv(dir);
  assert.equal((await runKinga(['migrate'], env)).code, 0);

  const classified = await runKinga(['devices', 'classify', '--date', '2026-12-01'], env);
  assert.equal(classified.code, 0, classified.stderr);
  assert.match(
    classified.stdout,
    /^Classified 2026-12-01 with operator data up to 2026-12-01: 0 IMEIs seen, 0 new trace alerts, in [0-9.]+ s \(run [0-9a-f-]+\)\.\n/,
  );
  assert.match(classified.stdout, / {2}stolen: 0 matching, 0 new, 0 ended\n/);

  const out = join(dir, 'lists');
  const listed = await runKinga(['devices', 'lists', '--out', out, '--date', '2026-12-01'], env);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /first run: deltas hold every row/);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
    listDate: string;
    files: { name: string; rows: number; sha256: string }[];
  };
  assert.equal(manifest.listDate, '2026-12-01');
  for (const name of ['blocklist.csv', 'blocklist-delta.csv', 'notifications-OP-DEMO-1.csv', 'exceptions-OP-DEMO-4-delta.csv']) {
    assert.ok(
      manifest.files.some((f) => f.name === name),
      name,
    );
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

test('kinga devices lists creates its folder readable by its owner only, and every file it writes, new or replaced', async () => {
  // Issue 13 item 4 (class): the notification lists carry IMSIs and MSISDNs.
  const home = join(dir, 'private');
  const env = kingaEnv(home);
  assert.equal((await runKinga(['migrate'], env)).code, 0);
  assert.equal((await runKinga(['devices', 'classify', '--date', '2026-12-01'], env)).code, 0);
  const modeOf = (path: string) => statSync(path).mode & 0o777;

  const out = join(home, 'exports', 'eir', '2026-12-01');
  const listed = await runKinga(['devices', 'lists', '--out', out, '--date', '2026-12-01'], env);
  assert.equal(listed.code, 0, listed.stderr);
  for (const folder of [join(home, 'exports'), join(home, 'exports', 'eir'), out]) assert.equal(modeOf(folder).toString(8), '700', folder);
  const names = readdirSync(out);
  assert.ok(names.includes('manifest.json') && names.includes('notifications-OP-DEMO-1.csv'));
  for (const name of names) assert.equal(modeOf(join(out, name)).toString(8), '600', name);

  // A folder the administrator made keeps its mode; the files an earlier run left open are closed up.
  const shared = join(home, 'shared');
  mkdirSync(shared);
  chmodSync(shared, 0o750);
  writeFileSync(join(shared, 'notifications-OP-DEMO-1.csv'), 'old\n');
  chmodSync(join(shared, 'notifications-OP-DEMO-1.csv'), 0o644);
  writeFileSync(join(shared, 'manifest.json'), '{}\n');
  chmodSync(join(shared, 'manifest.json'), 0o644);
  assert.equal((await runKinga(['devices', 'lists', '--out', shared, '--date', '2026-12-01'], env)).code, 0);
  assert.equal(modeOf(shared).toString(8), '750');
  for (const name of readdirSync(shared)) assert.equal(modeOf(join(shared, name)).toString(8), '600', name);
  assert.notEqual(readFileSync(join(shared, 'notifications-OP-DEMO-1.csv'), 'utf8'), 'old\n');
});
