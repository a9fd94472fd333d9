#!/usr/bin/env node
// `npm test`: type-checks, then runs every test file through node's test runner with tsx.
//
//   npm test                        every suite that can run here (CI=true: every suite, or fail)
//   npm test -- src/foo.test.ts     only these files, without the type check
//
// The files are listed explicitly: `tsx --test` with no list runs no test at all on Node 20.
// Optional suites and the variables that drive them:
//   KINGA_TEST_PG_URL=postgres://user:password@127.0.0.1:5432/postgres
//       runs every repository test on PostgreSQL as well as SQLite (the role needs CREATEDB)
//   KINGA_BROWSER=0                 turns the browser suite (test/e2e, Chromium) off
//   CHROMIUM_PATH=/path/to/chromium defaults to /usr/bin/chromium
//   CI=true or KINGA_REQUIRE_ALL_SUITES=1
//       a suite that cannot run is an error, never a skip
//   KINGA_TYPECHECK=0               skips `tsc --noEmit`
//   KINGA_LINT=0                    skips ESLint and the Prettier check
//   KINGA_TEST_CONCURRENCY=1        runs the test files one at a time (default 2; the browser files always run alone)
//   KINGA_TEST_TIMEOUT_MS           the longest one test file, and one test, may take (default 600000;
//                                   1500000 for a browser file)
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
const isStrict = env.CI === 'true' || env.CI === '1' || env.KINGA_REQUIRE_ALL_SUITES === '1';
const requested = process.argv.slice(2);

const log = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Every `*.test.ts` under a folder, relative to the repository root, in a stable order. */
function findTests(folder) {
  const base = join(ROOT, folder);
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) =>
      relative(ROOT, join(entry.parentPath ?? entry.path, entry.name))
        .split(sep)
        .join('/'),
    )
    .filter((file) => !file.split('/').includes('node_modules'))
    .sort();
}

/** Runs a command with inherited output and resolves with its exit status. */
function runCommand(command, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...env, ...extraEnv } });
    child.once('error', (error) => {
      log(`Could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** The URL with its password hidden, for messages. */
function hidePassword(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

/** Why the PostgreSQL suite cannot run, or undefined when the server answers. */
async function postgresProblem(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query('select rolcreatedb or rolsuper as "canCreate" from pg_roles where rolname = current_user');
    if (!rows[0]?.canCreate) return 'the role may not CREATE DATABASE, which the tests need';
    return undefined;
  } catch (error) {
    return error.message || error.code || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Says whether a file exists and may be executed. */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const problems = [];
const report = [];

// --- which files -------------------------------------------------------------------------------
const allFiles = [...findTests('src'), ...findTests('test')];
const e2eFiles = allFiles.filter((f) => f.startsWith('test/e2e/'));
const mainFiles = allFiles.filter((f) => !f.startsWith('test/e2e/'));
const isSelection = requested.length > 0;
for (const file of requested) if (!existsSync(join(ROOT, file))) problems.push(`${file}: no such test file`);

// --- PostgreSQL --------------------------------------------------------------------------------
const pgUrl = env.KINGA_TEST_PG_URL;
const childEnv = {};
if (pgUrl) {
  const problem = await postgresProblem(pgUrl);
  if (problem) {
    problems.push(`PostgreSQL suite cannot run: ${hidePassword(pgUrl)} does not answer (${problem}).`);
  } else {
    report.push(`PostgreSQL suite RUN: every repository test runs on SQLite and on PostgreSQL at ${hidePassword(pgUrl)}.`);
  }
} else if (isStrict) {
  problems.push('PostgreSQL suite required (CI=true or KINGA_REQUIRE_ALL_SUITES=1) but KINGA_TEST_PG_URL is not set; .ci/run sets it.');
} else {
  report.push('PostgreSQL suite SKIPPED: set KINGA_TEST_PG_URL=postgres://... to run every repository test on PostgreSQL too.');
}

// --- browser -----------------------------------------------------------------------------------
const chromium = env.CHROMIUM_PATH || '/usr/bin/chromium';
let isBrowserOn = false;
const e2eWanted = isSelection ? requested.filter((f) => f.startsWith('test/e2e/')) : e2eFiles;
if (env.KINGA_BROWSER === '0') {
  if (isStrict) problems.push('Browser suite required (CI=true or KINGA_REQUIRE_ALL_SUITES=1) but KINGA_BROWSER=0 turns it off.');
  else report.push('Browser suite SKIPPED: KINGA_BROWSER=0 turns it off.');
} else if (!isExecutable(chromium)) {
  const why = `no Chromium at ${chromium} (install the Debian package "chromium" or set CHROMIUM_PATH)`;
  if (isStrict) problems.push(`Browser suite required (CI=true or KINGA_REQUIRE_ALL_SUITES=1) but there is ${why}.`);
  else report.push(`Browser suite SKIPPED: ${why}.`);
} else if (e2eWanted.length === 0) {
  report.push(isSelection ? 'Browser suite not selected.' : 'Browser suite: no test files in test/e2e yet.');
} else {
  isBrowserOn = true;
  childEnv.CHROMIUM_PATH = chromium;
  // The browser helper then treats a Chromium that fails to start as an error, not a skip.
  childEnv.KINGA_BROWSER = '1';
  report.push(`Browser suite RUN: ${e2eWanted.length} file(s) in test/e2e with ${chromium}.`);
}
if (!isBrowserOn) childEnv.KINGA_BROWSER = '0';

const files = isSelection ? requested.filter((f) => isBrowserOn || !f.startsWith('test/e2e/')) : [...mainFiles, ...(isBrowserOn ? e2eFiles : [])];

log('Kinga tests');
log(`  ${mainFiles.length} test file(s) in src and test; SQLite suite RUN.`);
for (const line of report) log(`  ${line}`);
if (problems.length > 0) {
  for (const problem of problems) log(`  ERROR: ${problem}`);
  log('Tests not run.');
  process.exit(1);
}
if (files.length === 0) {
  log('No test file to run.');
  process.exit(isSelection ? 1 : 0);
}

// --- type check --------------------------------------------------------------------------------
let typecheck = 'not run (only selected files)';
let status = 0;
if (!isSelection && env.KINGA_TYPECHECK !== '0') {
  log('\n> tsc --noEmit');
  const started = performance.now();
  const code = await runCommand(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit']);
  typecheck = code === 0 ? `passed in ${seconds(performance.now() - started)}` : `FAILED in ${seconds(performance.now() - started)} (the errors are above)`;
  log(`Type check ${typecheck}.`);
  if (code !== 0) status = code;
} else if (env.KINGA_TYPECHECK === '0') {
  typecheck = 'SKIPPED (KINGA_TYPECHECK=0)';
}

// --- lint and format ---------------------------------------------------------------------------
let lint = 'not run (only selected files)';
if (!isSelection && env.KINGA_LINT !== '0') {
  log('\n> eslint . && prettier --check .');
  const started = performance.now();
  const eslintCode = await runCommand(process.execPath, [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--max-warnings=0', '.']);
  const prettierCode = await runCommand(process.execPath, [join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level=warn', '.']);
  const took = seconds(performance.now() - started);
  lint =
    eslintCode === 0 && prettierCode === 0
      ? `passed in ${took}`
      : `FAILED in ${took} (${[eslintCode !== 0 ? 'ESLint' : '', prettierCode !== 0 ? 'Prettier: run npx prettier --write .' : ''].filter(Boolean).join('; ')}; the findings are above)`;
  log(`Lint ${lint}.`);
  if (eslintCode !== 0) status = eslintCode;
  else if (prettierCode !== 0) status = prettierCode;
} else if (env.KINGA_LINT === '0') {
  lint = 'SKIPPED (KINGA_LINT=0)';
}

// --- tests -------------------------------------------------------------------------------------
// Node applies the timeout to each file as a whole, as well as to each test in it. A file whose
// tests are done but which left a handle open (a pool, a timer) would otherwise wait for it.
// Test files are independent (each opens its own databases, ports and folders), so two run at
// once: most of a file's time is waiting on a database, a peer or tsx loading. The browser files
// share one Chromium budget and run one at a time, after the rest.
const timeout = env.KINGA_TEST_TIMEOUT_MS || '600000';
const concurrency = env.KINGA_TEST_CONCURRENCY || '2';
const started = performance.now();
let testStatus = 0;
const failures = [];
// The standard reporter goes to the terminal; a second one lists the failures in a file, printed
// again at the very end so that the tail of a long CI log names them.
const standardReporter = process.stdout.isTTY ? 'spec' : 'tap';
// The browser file checks every public page in every language: it gets the whole run's budget.
const browserTimeout = env.KINGA_TEST_TIMEOUT_MS || '1500000';
for (const [group, width, limit] of [
  [files.filter((f) => !f.startsWith('test/e2e/')), concurrency, timeout],
  [files.filter((f) => f.startsWith('test/e2e/')), '1', browserTimeout],
]) {
  if (group.length === 0) continue;
  const runnerFlags = ['--test', `--test-concurrency=${width}`, `--test-timeout=${limit}`, '--test-force-exit'];
  log(`\n> node --import tsx ${runnerFlags.join(' ')} <${group.length} files>`);
  const failureFile = join(tmpdir(), `kinga-test-failures-${process.pid}-${failures.length}.txt`);
  const reporters = [
    `--test-reporter=${standardReporter}`,
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(ROOT, 'scripts/failures-reporter.mjs')}`,
    `--test-reporter-destination=${failureFile}`,
  ];
  const code = await runCommand(process.execPath, ['--import', 'tsx', ...runnerFlags, ...reporters, ...group], childEnv);
  if (code !== 0) testStatus = code;
  failures.push(existsSync(failureFile) ? readFileSync(failureFile, 'utf8') : '');
  rmSync(failureFile, { force: true });
}
if (testStatus !== 0) status = testStatus;

log('');
log(`Kinga tests finished in ${seconds(performance.now() - started)}: ${testStatus === 0 ? 'all passed' : `FAILED (exit status ${testStatus})`}.`);
log(`  Type check ${typecheck}.`);
log(`  Lint ${lint}.`);
for (const line of report) log(`  ${line}`);
const failed = failures.join('');
if (failed) log(`\nFailed tests:\n${failed}`);
else if (testStatus !== 0) log('\nNo test reported a failure: a test file ended with an error of its own (see above).');
process.exit(status);
