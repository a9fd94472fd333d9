import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];
let isRemovalRegistered = false;

/**
 * Creates an empty folder `kinga-<prefix>-…` in the system's temporary folder and deletes it, with
 * everything in it, when the test process exits: after its last test, also when a test failed
 * or the runner forced the exit (`--test-force-exit`), so a run leaves nothing in /tmp.
 */
export function createTempDir(prefix: string): string {
  if (!isRemovalRegistered) {
    process.once('exit', removeTempDirs);
    isRemovalRegistered = true;
  }
  const dir = mkdtempSync(join(tmpdir(), `kinga-${prefix}-`));
  created.push(dir);
  return dir;
}

function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
