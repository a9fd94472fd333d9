import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { generateKeyMaterial, loadKeyMaterial, rotateKeyMaterial, type KeyMaterial } from '../platform/crypto/index.ts';
import { loadCommandConfig } from './default-io.ts';
import { CliFailure } from '../platform/cli/run.ts';

const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** `kinga keys generate` and `kinga keys rotate`. */
export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('Create and rotate the keys that encrypt personal data.');

  keys
    .command('generate')
    .description('Print new key material as JSON for KINGA_DATA_KEYS, or write it to a key file with --file.')
    .option('--file [path]', 'write a key file (readable by its owner only) instead of printing; without a path, KINGA_KEY_FILE or <data dir>/keys.json')
    .action(async (options: { file?: string | boolean }) => {
      const material = generateKeyMaterial();
      if (options.file === undefined || options.file === false) {
        process.stdout.write(`${JSON.stringify(material)}\n`);
        process.stderr.write(
          'Keep this value secret and safe: set it as KINGA_DATA_KEYS for every Kinga process. Losing it loses the encrypted personal data.\n',
        );
        return;
      }
      const file = typeof options.file === 'string' ? resolve(options.file) : (await loadCommandConfig()).keys.file;
      if (existsSync(file)) throw new CliFailure(`${file} already exists; it is never overwritten, since that would make the data it encrypts unreadable.`);
      if (!existsSync(dirname(file))) throw new CliFailure(`The folder ${dirname(file)} does not exist.`);
      writeFileSync(file, formatKeyFile(material), { mode: 0o600, flag: 'wx' });
      process.stdout.write(`Wrote new keys to ${file} (active key ${material.active}); keep a copy of this file with your backups, stored apart from them.\n`);
    });

  keys
    .command('rotate')
    .description('Add a new active key; older keys are kept so that values encrypted with them still decrypt.')
    .option('--id <newId>', 'the new key id (letters, digits, _ and -); defaults to k and today’s date')
    .action(async (options: { id?: string }) => {
      const config = await loadCommandConfig();
      const inline = config.keys.inline;
      const material = loadKeyMaterial(inline, config.keys.file, false);
      const id = options.id ?? defaultKeyId(material);
      if (!KEY_ID_PATTERN.test(id)) throw new CliFailure(`The key id "${id}" may hold only letters, digits, _ and - (at most 32).`);
      const rotated = rotateKeyMaterial(material, id);
      const older = Object.keys(material.keys).length;
      if (inline) {
        process.stdout.write(`${JSON.stringify(rotated)}\n`);
        process.stderr.write(
          `Key ${id} was added and made active; the ${older} older key(s) are kept. Set KINGA_DATA_KEYS to the value above in every Kinga process and restart them.\n`,
        );
        return;
      }
      const file = config.keys.file;
      const staged = `${file}.rotate-${process.pid}`;
      writeFileSync(staged, formatKeyFile(rotated), { mode: 0o600, flag: 'wx' });
      renameSync(staged, file);
      process.stdout.write(
        `Key ${id} was added to ${file} and made active; the ${older} older key(s) are kept so existing values still decrypt. Restart every Kinga process that uses this file.\n`,
      );
    });
}

function formatKeyFile(material: KeyMaterial): string {
  return `${JSON.stringify(material, null, 2)}\n`;
}

/** `k` and today's date, with a counter when a key of that name exists already. */
function defaultKeyId(material: KeyMaterial): string {
  const base = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
  if (!material.keys[base]) return base;
  for (let n = 2; ; n += 1) if (!material.keys[`${base}-${n}`]) return `${base}-${n}`;
}
