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

test('the platform never depends on a business module', () => {
  const violations = files
    .filter((f) => rel(f).startsWith('src/platform/'))
    .flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith('src/modules/'))
        .map((i) => `${rel(f)} imports ${i}`),
    );
  assert.deepEqual(violations, []);
});

/** The lists of modules at the root of `src/modules/`, which belong to no one module. */
const MODULE_LISTS = new Set(['src/modules/index.ts', 'src/modules/commands.ts', 'src/modules/settings.ts']);
const isModuleIndex = (path: string) => /^src\/modules\/[^/]+\/index\.tsx?$/.test(path);

test('a module reaches another module only through its index.ts', () => {
  const violations = files
    .filter((f) => rel(f).startsWith('src/modules/') && !MODULE_LISTS.has(rel(f)))
    .flatMap((f) => {
      const own = rel(f).split('/')[2];
      return importsOf(f)
        .filter((i) => i.startsWith('src/modules/') && i.split('/').length > 3)
        .filter((i) => i.split('/')[2] !== own && !isModuleIndex(i))
        .map((i) => `${rel(f)} imports ${i}`);
    });
  assert.deepEqual(violations, []);
});

test('the module list names each module by its index.ts, and the command list names only command files', () => {
  const violations = [
    ...importsOf(join(ROOT, 'src/modules/index.ts'))
      .filter((i) => i.startsWith('src/modules/') && !isModuleIndex(i))
      .map((i) => `src/modules/index.ts imports ${i}`),
    // `kinga --help` loads this list: a module's index.ts would load its routes and the database drivers.
    ...importsOf(join(ROOT, 'src/modules/commands.ts'))
      .filter((i) => i.startsWith('src/modules/') && !/^src\/modules\/[^/]+\/.+\.cli\.ts$/.test(i))
      .map((i) => `src/modules/commands.ts imports ${i}`),
  ];
  assert.deepEqual(violations, []);
});

test('a module never imports the kinga program: its commands take what they need from src/platform/cli/', () => {
  const violations = files
    .filter((f) => rel(f).startsWith('src/modules/'))
    .flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith('src/cli/'))
        .map((i) => `${rel(f)} imports ${i}`),
    );
  assert.deepEqual(violations, []);
});

test('the program and the application reach modules only through the module lists and module index files', () => {
  const isComposition = (path: string) => path.startsWith('src/cli/') || /^src\/[^/]+\.tsx?$/.test(path);
  const violations = files
    .filter((f) => isComposition(rel(f)))
    .flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith('src/modules/') && !MODULE_LISTS.has(i) && !isModuleIndex(i))
        .map((i) => `${rel(f)} imports ${i}`),
    );
  assert.deepEqual(violations, []);
});

test('SQL is written only in repositories, migrations and the database layer', () => {
  const isAllowed = (path: string) => /\.repository\.ts$/.test(path) || path.startsWith('src/platform/db/') || /\/migrations\//.test(path);
  const violations = files
    .map(rel)
    .filter((path) => !isAllowed(path))
    .filter((path) => /\b(selectFrom|insertInto|updateTable|deleteFrom|sql`)/.test(readFileSync(join(ROOT, path), 'utf8')));
  assert.deepEqual(violations, []);
});

test('services and calculators know nothing of HTTP', () => {
  const violations = files
    .map(rel)
    .filter((path) => /\.(service|repository|presenter|policy)\.ts$/.test(path))
    .filter((path) => /from ['"](fastify|@fastify\/[^'"]+)['"]/.test(readFileSync(join(ROOT, path), 'utf8')));
  assert.deepEqual(violations, []);
});

test('configuration is read from the environment in one place only', () => {
  const violations = files
    .map(rel)
    .filter((path) => path !== 'src/config.ts' && !path.startsWith('src/cli/'))
    .filter((path) => /process\.env\b/.test(readFileSync(join(ROOT, path), 'utf8')));
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
