import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCatalogueFolders } from '../../../platform/i18n/index.ts';

/**
 * The catalogue folders beside the code, with the folders of the named offers capabilities copied
 * into `dir` (as `dir/<capability>/<lang>.json`), so that a test may change a catalogue there and
 * load it with `loadCatalogs(LOCALES_DIR, folders)`.
 */
export function codeFoldersWithCopies(dir: string, capabilities: readonly string[]): string[] {
  const copied = new Map(capabilities.map((capability) => [resolve(fileURLToPath(new URL(`../${capability}/locales`, import.meta.url))), capability]));
  return codeCatalogueFolders().map((folder) => {
    const capability = copied.get(resolve(folder));
    if (capability === undefined) return folder;
    const copy = join(dir, capability);
    cpSync(folder, copy, { recursive: true });
    return copy;
  });
}
