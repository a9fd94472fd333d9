import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasStackTrace, kingaEnv, runKinga } from '../../../test/helpers/kinga-process.ts';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/devices/gsma-tac-small.txt', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kinga-devices-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('kinga devices import-tac imports a GSMA file, and refuses a bad one naming each line and field without changing anything', async () => {
  const env = kingaEnv(dir);
  assert.equal((await runKinga(['migrate'], env)).code, 0);

  const good = await runKinga(['devices', 'import-tac', FIXTURE], env);
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /^Imported 6 TACs from gsma-tac-small\.txt in [0-9.]+ s \(import [0-9a-f-]+, sha256 [0-9a-f]{64}\)\.\n$/);

  const badFile = join(dir, 'bad.txt');
  writeFileSync(
    badFile,
    'TAC|Manufacturer|Model Name|Bands|Allocation Date|Device Type\n1234567|Acme|A1|GSM 900|01-Jan-2020|Smartphone\n12345678|Acme|A2|GSM 900|2020-13-01|Smartphone\n',
  );
  const bad = await runKinga(['devices', 'import-tac', badFile], env);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /line 2, TAC: The TAC "1234567" is not 8 digits\./);
  assert.match(bad.stderr, /line 3, Allocation Date: "2020-13-01" is not a date/);
  assert.match(bad.stderr, /kinga: 2 problem\(s\) in bad\.txt; nothing was imported\./);
  assert.equal(hasStackTrace(bad.stderr), false);

  const missing = await runKinga(['devices', 'import-tac', join(dir, 'nope.txt')], env);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /There is no file at/);
});
