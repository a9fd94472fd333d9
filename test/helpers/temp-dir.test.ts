import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createTempDir } from './temp-dir.ts';

test('a temporary folder exists while the process runs and is gone, with its files, once it exited', () => {
  const script = [
    "import { writeFileSync } from 'node:fs';",
    "import { join } from 'node:path';",
    "const { createTempDir } = await import('./test/helpers/temp-dir.ts');",
    "const dir = createTempDir('temp-dir-test');",
    "writeFileSync(join(dir, 'left.txt'), 'x');",
    'process.stdout.write(dir);',
    // As the test runner does with --test-force-exit.
    'process.exit(0);',
  ].join('\n');
  const dir = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../../', import.meta.url),
    encoding: 'utf8',
  });
  assert.match(dir, /kinga-temp-dir-test-/);
  assert.equal(existsSync(dir), false);
  const own = createTempDir('temp-dir-test');
  assert.equal(existsSync(own), true);
});
