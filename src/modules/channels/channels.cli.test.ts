import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCommandRunner } from '../../../test/helpers/command-runner.ts';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { hasStackTrace, kingaEnv, runKinga } from '../../../test/helpers/kinga-process.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { createTempDir } from '../../../test/helpers/temp-dir.ts';
import type { Platform } from '../../platform/platform.ts';
import { createSmsOutboxRepository } from '../../platform/sms/index.ts';
import { registerChannelsCommands } from './channels.cli.ts';

const databases = openTestDatabases();
const dir = createTempDir('channels-cli');

let files = 0;
/** Writes `text` to a new file and returns its path. */
function file(text: string): string {
  files += 1;
  const path = join(dir, `porting-${files}.csv`);
  writeFileSync(path, text);
  return path;
}

/** The route each number is ported to now, read as the sender reads it. */
async function portedRoutes(platform: Platform, numbers: readonly string[]): Promise<(string | undefined)[]> {
  const repository = createSmsOutboxRepository(platform.db.kysely);
  return Promise.all(numbers.map((n) => repository.portedRouteOf(platform.sms.hashNumber(n))));
}

/** Runs the command expecting it to fail; returns what it printed on stderr and the sentence it failed with. */
async function refused(run: () => Promise<string>, printed: { readonly err: string }): Promise<{ err: string; failure: string }> {
  const error = await run().then(
    () => assert.fail('the command should have failed'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof Error && error.name === 'CliFailure', String(error));
  return { err: printed.err, failure: error.message };
}

// The demo profile's routes (op-demo-1, op-demo-2, op-demo-3) and country (KE).
const GOOD = ['number,route', '0712 345678,op-demo-2', '+254733000001, op-demo-1', '"0722-000-111",op-demo-3', '', '٠٧١١٠٠٠٠٠٢,op-demo-2'].join('\r\n');

for (const database of databases.all) {
  describe(`kinga sms porting (${database.dialect})`, () => {
    it('replaces the porting table with a good file, prints the count per route, and records it in the audit log', async () => {
      const platform = await createTestPlatform(await database.fresh());
      const { run } = createCommandRunner(platform, registerChannelsCommands);
      const out = await run('sms', 'porting', file(`\uFEFF${GOOD}\r\n`));
      assert.match(out, /^The porting table now holds 4 number\(s\) from porting-\d+\.csv \(op-demo-1 1, op-demo-2 2, op-demo-3 1\)\.\n$/);
      assert.deepEqual(await portedRoutes(platform, ['+254712345678', '+254733000001', '+254722000111', '+254711000002', '+254799000000']), [
        'op-demo-2',
        'op-demo-1',
        'op-demo-3',
        'op-demo-2',
        undefined,
      ]);
      const stored = await platform.db.kysely.selectFrom('sms_ported_numbers').select(['number_hash', 'route']).orderBy('number_hash').execute();
      assert.equal(stored.length, 4);
      for (const row of stored) assert.doesNotMatch(row.number_hash, /254/, 'only keyed hashes are stored');
      const audit = await platform.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'entity_type', 'details'])
        .where('action', '=', 'channels.sms.porting_replaced')
        .orderBy('seq')
        .execute();
      assert.equal(audit.length, 1);
      assert.deepEqual(JSON.parse(String(audit[0]?.details)), { numbers: 4, routes: 'op-demo-1=1 op-demo-2=2 op-demo-3=1' });

      // A second file replaces the first whole: numbers it does not list are no longer ported.
      assert.match(await run('sms', 'porting', file('route,number\nop-demo-3,+254712345678\n')), /holds 1 number\(s\)/);
      assert.deepEqual(await portedRoutes(platform, ['+254712345678', '+254733000001']), ['op-demo-3', undefined]);
    });

    it('refuses bad lines, unknown routes and duplicate numbers, naming each line and field, and changes nothing', async () => {
      const platform = await createTestPlatform(await database.fresh());
      const { run, printed } = createCommandRunner(platform, registerChannelsCommands);
      await run('sms', 'porting', file(GOOD));
      const bad = file(
        [
          'number,route',
          '+254712000001,op-demo-1',
          '+254202345678,op-demo-1',
          '12345,op-demo-2',
          '+254712000002,op-demo-9',
          '+254712000003,',
          '+254712000004,op-demo-1,extra',
          '"+254712000005,op-demo-1',
          '0712 000 001,op-demo-2',
        ].join('\n'),
      );
      const { err, failure } = await refused(() => run('sms', 'porting', bad), printed);
      assert.deepEqual(err.trimEnd().split('\n'), [
        'line 3, number: The number is not a mobile number; only mobile numbers receive texts.',
        'line 4, number: The number is not a valid phone number of KE nor in E.164 (+ and the country code).',
        'line 5, route: "op-demo-9" is not an SMS route of the profile; it must be one of: op-demo-1, op-demo-2, op-demo-3.',
        "line 6, route: The route is empty; it must be one of the profile's SMS routes: op-demo-1, op-demo-2, op-demo-3.",
        'line 7, line: The line has 3 cell(s); each line holds a number and a route.',
        'line 8, line: The line is not CSV: a quote is not closed, or stands inside a cell that does not start with one.',
        'line 9, number: The number already appears on line 2; a number is ported to one route.',
      ]);
      assert.match(failure, /^7 problem\(s\) in porting-\d+\.csv; the porting table was not changed\. \(PORTING_FILE_INVALID\)$/);
      assert.doesNotMatch(err, /254712000001|2345678/, 'refusals do not repeat the numbers');
      assert.deepEqual(await portedRoutes(platform, ['+254712345678', '+254712000001']), ['op-demo-2', undefined], 'the table is as the good file left it');
    });

    it('lists the first 100 problems of a file with more, and counts them all', async () => {
      const platform = await createTestPlatform(await database.fresh());
      const { run, printed } = createCommandRunner(platform, registerChannelsCommands);
      const lines = ['number,route', ...Array.from({ length: 250 }, (_, i) => `+2547120${String(i).padStart(5, '0')},nowhere`)];
      const { err, failure } = await refused(() => run('sms', 'porting', file(lines.join('\n'))), printed);
      const listed = err.trimEnd().split('\n');
      assert.equal(listed.length, 100);
      assert.match(listed[0] ?? '', /^line 2, route: "nowhere" is not an SMS route/);
      assert.match(listed[99] ?? '', /^line 101, route:/);
      assert.match(failure, /^250 problem\(s\) in porting-\d+\.csv \(the first 100 are listed\); the porting table was not changed\./);
    });

    it('refuses an empty file, a file without its header, and a header alone unless told to empty the table', async () => {
      const platform = await createTestPlatform(await database.fresh());
      const { run, printed } = createCommandRunner(platform, registerChannelsCommands);
      await run('sms', 'porting', file(GOOD));

      assert.equal(
        (await refused(() => run('sms', 'porting', file('')), printed)).err,
        'line 1, file: The file is empty; a porting file starts with the header number,route.\n',
      );
      assert.equal(
        (await refused(() => run('sms', 'porting', file('+254712000001,op-demo-1\n')), printed)).err,
        'line 1, header: The first line must name the two columns: number,route.\n',
      );
      assert.equal(
        (await refused(() => run('sms', 'porting', file('number,route\n\n')), printed)).err,
        'line 2, file: The file has a header but no numbers; importing it would empty the porting table (say --allow-empty to do so).\n',
      );
      assert.deepEqual(await portedRoutes(platform, ['+254712345678']), ['op-demo-2']);
      const long = file(`number,route\n+254712000001,${'x'.repeat(300)}\n`);
      assert.match((await refused(() => run('sms', 'porting', long), printed)).err, /^line 2, line: The line is longer than 256 characters/);
      await assert.rejects(run('sms', 'porting', join(dir, 'nowhere.csv')), /There is no file at/);

      assert.match(await run('sms', 'porting', '--allow-empty', file('number,route\n')), /^The porting table now holds 0 number\(s\)/);
      assert.deepEqual(await portedRoutes(platform, ['+254712345678']), [undefined]);
    });
  });
}

describe('kinga sms porting as a process', () => {
  it('is listed among the commands of kinga, imports a good file and refuses a bad one without a stack trace', async () => {
    const env = kingaEnv(createTempDir('channels-cli-process'));
    assert.equal((await runKinga(['migrate'], env)).code, 0);
    const good = await runKinga(['sms', 'porting', file(GOOD)], env);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /^The porting table now holds 4 number\(s\)/);
    const bad = await runKinga(['sms', 'porting', file('number,route\n+254712000001,op-demo-9\n')], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^line 2, route: "op-demo-9" is not an SMS route of the profile/);
    assert.match(bad.stderr, /kinga: 1 problem\(s\) in porting-\d+\.csv; the porting table was not changed\. \(PORTING_FILE_INVALID\)/);
    assert.equal(hasStackTrace(bad.stderr), false);
  });
});
