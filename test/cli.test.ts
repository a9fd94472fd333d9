import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { CommanderError, type Command } from 'commander';
import { buildCli } from '../src/cli/program.ts';
import { createKeyring, generateKeyMaterial, type KeyMaterial } from '../src/platform/crypto/index.ts';
import { createAuditLog } from '../src/platform/audit/index.ts';
import { createClock } from '../src/platform/clock.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { createPlatformMigrations, migrateToLatest, openDatabase } from '../src/platform/db/index.ts';
import { hasStackTrace, kingaEnv, REPO_ROOT, runKinga } from './helpers/kinga-process.ts';
import { createTempDir } from './helpers/temp-dir.ts';

const tempDir = () => createTempDir('cli');

let template: Promise<string> | undefined;

/** A data folder with a migrated SQLite database, copied from one made by `kinga migrate`. */
async function migratedDataDir(): Promise<{ dir: string; file: string; env: Record<string, string> }> {
  template ??= (async () => {
    const source = tempDir();
    const outcome = await runKinga(['migrate'], kingaEnv(source));
    assert.equal(outcome.code, 0, outcome.stderr);
    return join(source, 'kinga.db');
  })();
  const dir = tempDir();
  const file = join(dir, 'kinga.db');
  copyFileSync(await template, file);
  return { dir, file, env: kingaEnv(dir) };
}

function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => [[...prefix, sub.name()], ...commandPaths(sub, [...prefix, sub.name()])]);
}

function silence(command: Command, sink: { text: string }): void {
  command.exitOverride().configureOutput({ writeOut: (s) => (sink.text += s), writeErr: (s) => (sink.text += s) });
  for (const sub of command.commands) silence(sub, sink);
}

describe('help', () => {
  const paths = commandPaths(buildCli());

  test('every command and subcommand has a description and prints its help', async () => {
    assert.ok(paths.length >= 8, `only ${paths.length} commands`);
    for (const path of paths) {
      const program = buildCli();
      const sink = { text: '' };
      silence(program, sink);
      await assert.rejects(program.parseAsync(['node', 'kinga', ...path, '--help']), (error: unknown) => {
        assert.ok(error instanceof CommanderError);
        assert.equal(error.code, 'commander.helpDisplayed');
        assert.equal(error.exitCode, 0);
        return true;
      });
      assert.match(sink.text, new RegExp(`Usage: kinga ${path.join(' ')}`), path.join(' '));
      const described = path.reduce<Command | undefined>((cmd, name) => cmd?.commands.find((c) => c.name() === name), program);
      assert.ok(described && described.description().length > 10, `kinga ${path.join(' ')} has no description`);
    }
  });

  test('the kinga command itself answers --help with exit status 0', async () => {
    const env = kingaEnv(tempDir());
    for (const args of [['--help'], ['db', 'backup', '--help']]) {
      const outcome = await runKinga(args, env);
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.match(outcome.stdout, /Usage: kinga/);
    }
  });

  test('printing the help loads neither the configuration, a database driver nor the password hashing binding', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      "const { buildCli } = await import('./src/cli/program.ts');",
      "await buildCli().exitOverride().configureOutput({ writeOut: () => undefined }).parseAsync(['node', 'kinga', '--help']).catch(() => undefined);",
      'const loaded = Object.keys(createRequire(import.meta.url).cache);',
      'process.stdout.write(JSON.stringify(loaded.filter((path) => /node_modules[\\\\/](ajv|better-sqlite3|pg|@node-rs[\\\\/]argon2)[\\\\/]/.test(path))));',
    ].join('\n');
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(output), []);
  });
});

describe('kinga db backup and restore on SQLite', () => {
  test('a backup taken while the database is open restores the state it saw', async () => {
    const { dir, file, env } = await migratedDataDir();
    const native = new SQLite(file);
    native.pragma('journal_mode = WAL');
    const set = (value: string) =>
      native
        .prepare(
          "insert into kinga_meta (key, value, updated_at) values ('cli_test', ?, '2026-01-01T00:00:00Z') on conflict (key) do update set value = excluded.value",
        )
        .run(value);
    set('before backup');

    const backup = join(dir, 'backup.db');
    const made = await runKinga(['db', 'backup', backup], env);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /Backed up .*kinga\.db to .*backup\.db/);
    assert.match(made.stderr, /^backup: 100% \(\d+\/\d+ pages\)$/m);

    set('after backup');
    const refused = await runKinga(['db', 'restore', backup, '--yes'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /is in use: stop every Kinga process/);
    native.close();

    const unconfirmed = await runKinga(['db', 'restore', backup], env);
    assert.equal(unconfirmed.code, 1);
    assert.match(unconfirmed.stderr, /--yes/);

    const restored = await runKinga(['db', 'restore', backup, '--yes'], env);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /previous database was kept as (\S+before-restore\S+)\./);
    const reopened = new SQLite(file, { readonly: true });
    assert.deepEqual(reopened.prepare("select value from kinga_meta where key = 'cli_test'").get(), { value: 'before backup' });
    reopened.close();

    const again = await runKinga(['migrate'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /up to date/);
  });

  test('never overwrites an existing file with a backup', async () => {
    const { dir, env } = await migratedDataDir();
    const target = join(dir, 'taken.db');
    writeFileSync(target, 'keep me');
    const outcome = await runKinga(['db', 'backup', target], env);
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /already exists/);
    assert.equal(readFileSync(target, 'utf8'), 'keep me');
  });

  test('refuses to restore a file that is not a Kinga database, and leaves the database alone', async () => {
    const { dir, file, env } = await migratedDataDir();
    const before = readFileSync(file);
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'not a database at all'.repeat(100));
    const other = join(dir, 'other.db');
    const foreign = new SQLite(other);
    foreign.exec('create table things (id integer primary key)');
    foreign.close();

    for (const [source, message] of [
      [garbage, /is not a readable SQLite database/],
      [other, /not a Kinga database \(it has no kinga_migration table\)/],
    ] as const) {
      const outcome = await runKinga(['db', 'restore', source, '--yes'], env);
      assert.equal(outcome.code, 1);
      assert.match(outcome.stderr, message);
      assert.equal(hasStackTrace(outcome.stderr), false, outcome.stderr);
    }
    assert.deepEqual(readFileSync(file), before);
  });

  test('on PostgreSQL prints the pg_dump and pg_restore commands without the password', async () => {
    const env = kingaEnv(tempDir(), { DATABASE_URL: 'postgres://kinga:hunter2secret@db.internal:5433/kinga?sslmode=require' });
    const backup = await runKinga(['db', 'backup', '/backups/kinga.dump'], env);
    assert.equal(backup.code, 0, backup.stderr);
    // The dump holds every table: written readable by its owner only, like a SQLite backup.
    assert.match(
      backup.stdout,
      /\(umask 077 && pg_dump --format=custom --no-owner --file=\/backups\/kinga\.dump --dbname='postgres:\/\/kinga@db\.internal:5433\/kinga\?sslmode=require'\)/,
    );
    const restore = await runKinga(['db', 'restore', '/backups/kinga.dump'], env);
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(restore.stdout, /pg_restore .*--dbname='postgres:\/\/kinga@db\.internal:5433\/kinga\?sslmode=require' \/backups\/kinga\.dump/);
    assert.doesNotMatch(backup.stdout + backup.stderr + restore.stdout + restore.stderr, /hunter2secret/);
  });
});

describe('kinga audit verify', () => {
  /** A migrated data folder with its key file and `count` entries recorded under its key. */
  async function auditedDataDir(count: number) {
    const data = await migratedDataDir();
    const material = generateKeyMaterial();
    writeFileSync(join(data.dir, 'keys.json'), JSON.stringify(material), { mode: 0o600 });
    const db = await openDatabase({ dialect: 'sqlite', file: data.file });
    const log = createAuditLog({ clock: createClock(new Date('2026-12-23T10:00:00Z')), ids: () => uuidv7(), keyring: createKeyring(material) });
    for (let i = 0; i < count; i += 1) {
      await db.kysely.transaction().execute((trx) =>
        log.record(trx, {
          actor: { type: 'system', id: null },
          action: ['offer.create', 'offer.update', 'offer.publish'][i % 3] ?? 'offer.create',
          entityType: 'offer',
          entityId: 'o1',
        }),
      );
    }
    await db.destroy();
    return data;
  }

  test('reports an intact chain, then names the first entry changed behind its back', async () => {
    const { file, env } = await auditedDataDir(3);
    const intact = await runKinga(['audit', 'verify'], env);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /intact: 3 entries/);

    const native = new SQLite(file);
    native.prepare("update audit_log set action = 'offer.delete' where seq = 2").run();
    native.close();
    const broken = await runKinga(['audit', 'verify'], env);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /broken at entry 2\b/);
    assert.equal(hasStackTrace(broken.stderr), false, broken.stderr);
  });

  test('a checkpoint exported earlier finds entries removed together with an older head put back', async () => {
    const { dir, file, env } = await auditedDataDir(3);
    const native = new SQLite(file);
    const oldHead = native.prepare('select * from audit_head').get() as Record<string, unknown>;
    native.close();
    const more = await openDatabase({ dialect: 'sqlite', file });
    const material = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as KeyMaterial;
    const log = createAuditLog({ clock: createClock(new Date('2026-12-23T11:00:00Z')), ids: () => uuidv7(), keyring: createKeyring(material) });
    await more.kysely
      .transaction()
      .execute((trx) => log.record(trx, { actor: { type: 'system', id: null }, action: 'offer.withdraw', entityType: 'offer', entityId: 'o1' }));
    await more.destroy();

    const exported = await runKinga(['audit', 'checkpoint'], env);
    assert.equal(exported.code, 0, exported.stderr);
    const checkpointFile = join(dir, 'audit-checkpoint.json');
    writeFileSync(checkpointFile, exported.stdout);
    assert.equal((JSON.parse(exported.stdout) as { seq: number }).seq, 4);

    const tamper = new SQLite(file);
    tamper.prepare('delete from audit_log where seq = 4').run();
    tamper
      .prepare('update audit_head set seq = ?, hash = ?, keyed_from = ?, mac = ? where id = 1')
      .run(oldHead['seq'], oldHead['hash'], oldHead['keyed_from'], oldHead['mac']);
    tamper.close();
    const alone = await runKinga(['audit', 'verify'], env);
    assert.equal(alone.code, 0, 'without the checkpoint the replayed head passes');
    const against = await runKinga(['audit', 'verify', '--checkpoint', checkpointFile], env);
    assert.equal(against.code, 1);
    assert.match(against.stderr, /Entries 4 to 4 were removed since the checkpoint/);
    assert.equal(hasStackTrace(against.stderr), false, against.stderr);
  });

  test('kinga migrate marks a log written before the chain was keyed, which then verifies', async () => {
    const dir = tempDir();
    const file = join(dir, 'kinga.db');
    writeFileSync(join(dir, 'keys.json'), JSON.stringify(generateKeyMaterial()), { mode: 0o600 });
    const db = await openDatabase({ dialect: 'sqlite', file });
    await migrateToLatest(db, Object.fromEntries(Object.entries(createPlatformMigrations()).filter(([name]) => name < '2026-12-01-01-audit-key')));
    await db.destroy();
    // One entry as Kinga wrote it before: SHA-256 of the sorted JSON of its fields, and a head without mark.
    const fields = {
      action: 'offer.imported',
      actor_id: null,
      actor_type: 'system',
      at: '2026-11-30T08:00:00.000Z',
      details: {},
      entity_id: null,
      entity_type: 'offer',
      id: uuidv7(),
      prev_hash: '0'.repeat(64),
      seq: 1,
    };
    const hash = createHash('sha256').update(JSON.stringify(fields)).digest('hex');
    const native = new SQLite(file);
    native
      .prepare(
        'insert into audit_log (seq, id, at, actor_type, actor_id, action, entity_type, entity_id, details, prev_hash, hash) values (1, ?, ?, ?, null, ?, ?, null, ?, ?, ?)',
      )
      .run(fields.id, fields.at, 'system', fields.action, 'offer', '{}', fields.prev_hash, hash);
    native.prepare('insert into audit_head (id, seq, hash) values (1, 1, ?)').run(hash);
    native.close();

    const migrated = await runKinga(['migrate'], kingaEnv(dir));
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /2026-12-01-01-audit-key/);
    const verified = await runKinga(['audit', 'verify'], kingaEnv(dir));
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /intact: 1 entries/);
  });

  test("refuses to verify without the installation's keys", async () => {
    const { env } = await migratedDataDir();
    const outcome = await runKinga(['audit', 'verify'], env);
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /No encryption keys/);
    assert.equal(hasStackTrace(outcome.stderr), false, outcome.stderr);
  });

  test('refuses to run on a database that does not exist yet', async () => {
    const dir = tempDir();
    const outcome = await runKinga(['audit', 'verify'], kingaEnv(dir));
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /There is no database at/);
    assert.equal(existsSync(join(dir, 'kinga.db')), false);
  });
});

describe('kinga keys', () => {
  test('generate prints key material for KINGA_DATA_KEYS', async () => {
    const outcome = await runKinga(['keys', 'generate'], kingaEnv(tempDir()));
    assert.equal(outcome.code, 0, outcome.stderr);
    const material = JSON.parse(outcome.stdout) as KeyMaterial;
    assert.equal(Buffer.from(material.keys[material.active] ?? '', 'base64').length, 32);
  });

  test('generate --file writes a private key file and never overwrites it', async () => {
    const dir = tempDir();
    const file = join(dir, 'keys.json');
    const first = await runKinga(['keys', 'generate', '--file', file], kingaEnv(dir));
    assert.equal(first.code, 0, first.stderr);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const written = readFileSync(file, 'utf8');
    const second = await runKinga(['keys', 'generate', '--file', file], kingaEnv(dir));
    assert.equal(second.code, 1);
    assert.match(second.stderr, /already exists/);
    assert.equal(readFileSync(file, 'utf8'), written);
  });

  test('rotate adds an active key and keeps the old one, so old values still decrypt', async () => {
    const dir = tempDir();
    const file = join(dir, 'keys.json');
    const original = generateKeyMaterial();
    writeFileSync(file, JSON.stringify(original), { mode: 0o600 });
    const sealed = createKeyring(original).encrypt('+254 700 000 000', 'users.phone');

    const outcome = await runKinga(['keys', 'rotate', '--id', 'k2'], kingaEnv(dir, { KINGA_KEY_FILE: file }));
    assert.equal(outcome.code, 0, outcome.stderr);
    const rotated = JSON.parse(readFileSync(file, 'utf8')) as KeyMaterial;
    assert.equal(rotated.active, 'k2');
    assert.equal(rotated.keys[original.active], original.keys[original.active]);
    assert.equal(rotated.hashKey, original.hashKey);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const keyring = createKeyring(rotated);
    assert.equal(keyring.decrypt(sealed, 'users.phone'), '+254 700 000 000');
    assert.equal(keyring.keyIdOf(keyring.encrypt('x')), 'k2');

    const twice = await runKinga(['keys', 'rotate', '--id', 'k2'], kingaEnv(dir, { KINGA_KEY_FILE: file }));
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /already exists/);
  });
});
