import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { Conflict, Invalid } from '../http/errors.ts';
import type { Platform } from '../platform.ts';
import { cliFailureOf, describeProblem, readImportFile, withPlatform, type CommandIo } from './command-io.ts';
import { CliFailure } from './run.ts';

const databases = openTestDatabases();
const dir = mkdtempSync(join(tmpdir(), 'kinga-command-io-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** An io over one test platform that records what is printed and which platforms were closed. */
async function recordingIo() {
  const [database] = databases.all;
  assert.ok(database);
  const platform = await createTestPlatform(await database.fresh());
  const seen: { err: string; closed: Platform[] } = { err: '', closed: [] };
  const io: CommandIo = {
    out: () => undefined,
    err: (text) => void (seen.err += text),
    openPlatform: async () => platform,
    closePlatform: async (opened) => void seen.closed.push(opened),
  };
  return { io, platform, seen };
}

test('withPlatform hands the opened platform to the work, returns its result and closes the platform', async () => {
  const { io, platform, seen } = await recordingIo();
  assert.equal(await withPlatform(io, async (opened) => (opened === platform ? 'the same platform' : 'another one')), 'the same platform');
  assert.deepEqual(seen.closed, [platform]);
});

test('withPlatform closes the platform when the work fails, and lets an error that is not an AppError through unchanged', async () => {
  const { io, platform, seen } = await recordingIo();
  const bug = new TypeError('a programming error');
  await assert.rejects(
    withPlatform(io, async () => Promise.reject(bug)),
    (error: unknown) => error === bug,
  );
  assert.deepEqual(seen.closed, [platform]);
  assert.equal(seen.err, '');
});

test('withPlatform turns a rejected file into its problems on stderr, one a line, and a CliFailure naming message and code', async () => {
  const { io, platform, seen } = await recordingIo();
  const rejected = new Invalid(
    [
      { line: 2, field: 'tac', message: 'The TAC "1234567" is not 8 digits.' },
      { field: 'file', message: 'The file is empty.' },
    ],
    'TAC_FILE_INVALID',
    '2 problem(s) in bad.txt; nothing was imported.',
  );
  await assert.rejects(
    withPlatform(io, async () => Promise.reject(rejected)),
    (error: unknown) => error instanceof CliFailure && error.message === '2 problem(s) in bad.txt; nothing was imported. (TAC_FILE_INVALID)',
  );
  assert.equal(seen.err, 'line 2, tac: The TAC "1234567" is not 8 digits.\nfile: The file is empty.\n');
  assert.deepEqual(seen.closed, [platform]);
});

test('cliFailureOf turns an AppError without problems into one sentence and prints nothing', () => {
  let printed = '';
  const failure = cliFailureOf({ err: (text) => void (printed += text) }, new Conflict('OPERATOR_EXISTS', 'An operator with this licence id exists already.'));
  assert.ok(failure instanceof CliFailure);
  assert.equal(failure.message, 'An operator with this licence id exists already. (OPERATOR_EXISTS)');
  assert.equal(printed, '');
});

test('describeProblem names the line only when the problem has one', () => {
  assert.equal(
    describeProblem({ line: 7, field: '/rates/5/destination', message: '"Mars" is not a country.' }),
    'line 7, /rates/5/destination: "Mars" is not a country.',
  );
  assert.equal(describeProblem({ field: 'operator', message: 'Name the operator.' }), 'operator: Name the operator.');
});

test('readImportFile reads JSON by its extension, CSV otherwise, and names a file it cannot read', () => {
  const json = join(dir, 'offers.JSON');
  const csv = join(dir, 'offers.txt');
  writeFileSync(json, '{"offers":[]}');
  writeFileSync(csv, 'unique_plan_id\n');
  assert.deepEqual(readImportFile(json), { text: '{"offers":[]}', format: 'json' });
  assert.deepEqual(readImportFile(csv), { text: 'unique_plan_id\n', format: 'csv' });
  const missing = join(dir, 'missing.csv');
  assert.throws(
    () => readImportFile(missing),
    (error: unknown) => error instanceof CliFailure && error.message.startsWith(`Cannot read ${missing}: `),
  );
});
