import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, kingaEnv, runKinga } from '../../../../test/helpers/kinga-process.ts';

// Each command starts Kinga afresh; a shared, busy machine can take long to, so the kill comes late.
const kinga = (args: string[], env: Record<string, string>) => runKinga(args, env, 300_000);

const dir = mkdtempSync(join(tmpdir(), 'kinga-operator-data-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const row = (i: number, imsi = `63902${String(1000000000 + i)}`) =>
  `202511${String(1 + (i % 28)).padStart(2, '0')},35209900${100000 + i},${imsi},2547${10000000 + i},4G`;

test('kinga devices import-dump imports a dump once, and refuses one that fails a check naming measure and limit', async () => {
  const env = kingaEnv(dir);
  assert.equal((await kinga(['migrate'], env)).code, 0);
  assert.equal((await kinga(['operators', 'add', 'OP-CLI', '--name', 'Cli Mobile'], env)).code, 0);

  const good = join(dir, 'OP-CLI_20251101_20251130.csv');
  writeFileSync(good, ['date,imei,imsi,msisdn,rat', ...Array.from({ length: 20 }, (_, i) => row(i))].join('\n'));
  const first = await kinga(['devices', 'import-dump', good, '--operator', 'OP-CLI'], env);
  assert.equal(first.code, 0, first.stderr);
  assert.match(
    first.stdout,
    /^Imported 20 rows \(20 observations kept\) from OP-CLI_20251101_20251130\.csv in [0-9.]+ s \(import [0-9a-f-]+, sha256 [0-9a-f]{64}\)\.\n$/,
  );
  const again = await kinga(['devices', 'import-dump', good, '--operator', 'OP-CLI'], env);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /was already imported for OP-CLI on .* nothing changed\.\n$/);

  const bad = join(dir, 'OP-CLI_20251201_20251231.csv');
  writeFileSync(
    bad,
    ['date,imei,imsi,msisdn,rat', ...Array.from({ length: 20 }, (_, i) => row(i, i < 4 ? '' : undefined).replace('202511', '202512'))].join('\n'),
  );
  const refused = await kinga(['devices', 'import-dump', bad, '--operator', 'OP-CLI'], env);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /failed nullImsi: measured 20\.00%, limit at most 5\.00%/);
  assert.match(refused.stderr, /kinga: OP-CLI_20251201_20251231\.csv was refused: 1 check failed; nothing was imported\./);
  assert.equal(hasStackTrace(refused.stderr), false);

  const otherOperator = await kinga(['devices', 'import-dump', good, '--operator', 'OP-OTHER'], env);
  assert.equal(otherOperator.code, 1);
  assert.match(otherOperator.stderr, /failed operator: failed/);
});

test('kinga devices import-list applies a full list and refuses a bad delta naming line and field', async () => {
  const env = kingaEnv(join(dir, 'lists'));
  assert.equal((await kinga(['migrate'], env)).code, 0);
  const file = join(dir, 'barred.csv');
  writeFileSync(file, 'tac,reason\n35209900,counterfeit\n86123456,unsafe radio\n');
  const done = await kinga(['devices', 'import-list', file, '--list', 'barred_tac', '--mode', 'full'], env);
  assert.equal(done.code, 0, done.stderr);
  assert.match(done.stdout, /^barred_tac \(full\): 2 lines read, 2 entries added, 0 ended \(upload [0-9a-f-]+\)\.\n$/);
  const delta = join(dir, 'delta.csv');
  writeFileSync(delta, 'tac,change_type\n35209900,remove\n1234,add\n');
  const refused = await kinga(['devices', 'import-list', delta, '--list', 'barred_tac', '--mode', 'delta'], env);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /line 3, tac: Line 3: a TAC is 8 digits\./);
  const wrongList = await kinga(['devices', 'import-list', delta, '--list', 'blacklist'], env);
  assert.equal(wrongList.code, 1);
  assert.match(wrongList.stderr, /--list must be one of stolen, registration, pairing, golden, barred_imei, barred_tac\./);
});
