import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const files = sourceFiles(SRC).filter((f) => !/\.test\.tsx?$/.test(f));
const rel = (f: string) => relative(ROOT, f).split(sep).join('/');

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (spec?.startsWith('.')) found.push(rel(resolve(dirname(file), spec)));
  }
  return found;
}

/** Every import of a file that `isImporter` names which `isForbidden` refuses, said as `<file> imports <target>`. */
function forbiddenImports(isImporter: (path: string) => boolean, isForbidden: (target: string, importer: string) => boolean): string[] {
  return files
    .map(rel)
    .filter(isImporter)
    .flatMap((path) =>
      importsOf(join(ROOT, path))
        .filter((target) => isForbidden(target, path))
        .map((target) => `${path} imports ${target}`),
    );
}

/** The files that `isChecked` names whose text matches `pattern`. */
function filesMatching(isChecked: (path: string) => boolean, pattern: RegExp): string[] {
  return files
    .map(rel)
    .filter(isChecked)
    .filter((path) => pattern.test(readFileSync(join(ROOT, path), 'utf8')));
}

test('the platform never depends on a business module', () => {
  const violations = forbiddenImports(
    (path) => path.startsWith('src/platform/'),
    (target) => target.startsWith('src/modules/'),
  );
  assert.deepEqual(violations, []);
});

/** The lists of modules at the root of `src/modules/`, which belong to no one module. */
const MODULE_LISTS = new Set(['src/modules/index.ts', 'src/modules/commands.ts', 'src/modules/settings.ts']);
const isModuleIndex = (path: string) => /^src\/modules\/[^/]+\/index\.tsx?$/.test(path);

test('a module reaches another module only through its index.ts', () => {
  const violations = forbiddenImports(
    (path) => path.startsWith('src/modules/') && !MODULE_LISTS.has(path),
    (target, importer) =>
      target.startsWith('src/modules/') && target.split('/').length > 3 && target.split('/')[2] !== importer.split('/')[2] && !isModuleIndex(target),
  );
  assert.deepEqual(violations, []);
});

test('the module list names each module by its index.ts, and the command and settings lists only command and settings files', () => {
  const violations = [
    ...forbiddenImports(
      (path) => path === 'src/modules/index.ts',
      (target) => target.startsWith('src/modules/') && !isModuleIndex(target),
    ),
    // `kinga --help` loads this list: a module's index.ts would load its routes and the database drivers.
    ...forbiddenImports(
      (path) => path === 'src/modules/commands.ts',
      (target) => target.startsWith('src/modules/') && !/^src\/modules\/[^/]+\/.+\.cli\.ts$/.test(target),
    ),
    // The profile schema and test platforms load this list, without the modules' routes.
    ...forbiddenImports(
      (path) => path === 'src/modules/settings.ts',
      (target) => target.startsWith('src/modules/') && !/^src\/modules\/([^/]+)\/\1\.settings\.ts$/.test(target),
    ),
  ];
  assert.deepEqual(violations, []);
});

test('a module never imports the kinga program: its commands take what they need from src/platform/cli/', () => {
  const violations = forbiddenImports(
    (path) => path.startsWith('src/modules/'),
    (target) => target.startsWith('src/cli/'),
  );
  assert.deepEqual(violations, []);
});

test('the program and the application reach modules only through the module lists and module index files', () => {
  const isComposition = (path: string) => path.startsWith('src/cli/') || /^src\/[^/]+\.tsx?$/.test(path);
  const violations = forbiddenImports(isComposition, (target) => target.startsWith('src/modules/') && !MODULE_LISTS.has(target) && !isModuleIndex(target));
  assert.deepEqual(violations, []);
});

test('SQL is written only in repositories, migrations and the database layer', () => {
  const isAllowed = (path: string) => /\.repository\.ts$/.test(path) || path.startsWith('src/platform/db/') || /\/migrations\//.test(path);
  const violations = filesMatching((path) => !isAllowed(path), /\b(selectFrom|insertInto|updateTable|deleteFrom|sql`)/);
  assert.deepEqual(violations, []);
});

test('services and calculators know nothing of HTTP', () => {
  const violations = filesMatching((path) => /\.(service|repository|presenter|policy)\.ts$/.test(path), /from ['"](fastify|@fastify\/[^'"]+)['"]/);
  assert.deepEqual(violations, []);
});

test('a module queries only in its repositories: nothing else of it imports Kysely, and services hold an opaque Transaction', () => {
  const mayQuery = (path: string) => /\.(repository|tables)\.ts$/.test(path) || /\/(migrations|testing)\//.test(path);
  const violations = filesMatching((path) => path.startsWith('src/modules/') && !mayQuery(path), /from ['"]kysely['"]/);
  assert.deepEqual(violations, []);
  const unwrapped = filesMatching((path) => path.startsWith('src/modules/') && !/\.repository\.ts$/.test(path), /\bqueriesOf\b/);
  assert.deepEqual(unwrapped, []);
});

test("views receive view models: no view imports a repository's or a table's types", () => {
  const violations = forbiddenImports(
    (path) => /\.views\.tsx$/.test(path),
    (target) => /\.(repository|tables)\.ts$/.test(target),
  );
  assert.deepEqual(violations, []);
});

test('configuration is read from the environment in one place only', () => {
  const violations = filesMatching((path) => path !== 'src/config.ts' && !path.startsWith('src/cli/'), /process\.env\b/);
  assert.deepEqual(violations, []);
});

test('a route file takes its URL paths from a paths file, never from a view', () => {
  const violations = files
    .map(rel)
    .filter((path) => /\.routes\.tsx?$/.test(path))
    .flatMap((path) => {
      const text = readFileSync(join(ROOT, path), 'utf8');
      return (
        [...text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+\.views\.tsx)['"]/g)]
          // A path is a constant (UPLOAD_PATH, EXPORT_PATHS) or a function that builds one (summaryPath).
          .filter((match) => /\b(?:[A-Z_]*PATHS?|[a-z]\w*Paths?)\b/.test(match[1] ?? ''))
          .map((match) => `${path} imports a path from ${match[2] ?? ''}`)
      );
    });
  assert.deepEqual(violations, []);
});
