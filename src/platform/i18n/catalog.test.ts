import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { SUPPORTED_LANGUAGES, loadJurisdiction, type Language } from '../jurisdiction.ts';
import { ALWAYS_COMPLETE_LANGUAGES, LOCALES_DIR, SHELL_PREFIXES, codeCatalogueFolders, loadCatalogs, missingMessages } from './catalog.ts';
import { fallbackHostOf, splitFallback } from './fallback.ts';

type Messages = Record<string, string>;

/** The part of an ICU message AST this test walks; the parser's own types are not a direct dependency. */
interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

// Numeric kinds of the ICU parser's TYPE enum that name an argument.
const PLURAL = 6;
const ARGUMENT_KINDS = new Set([1, 2, 3, 4, 5, PLURAL]);

/** One catalogue file: the platform's `locales/<lang>.json`, a catalogue's `locales/<catalogue>/<lang>.json`, or one beside a module's code. */
interface CatalogFile {
  language: string;
  /** The path relative to the repository, for messages. */
  name: string;
  messages: Messages;
}

const ROOT = join(LOCALES_DIR, '..');

function readCatalog(path: string): Messages {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  assert.ok(parsed && typeof parsed === 'object' && !Array.isArray(parsed), `${relative(ROOT, path)} must be a JSON object`);
  return parsed as Messages;
}

const topLevelFiles = readdirSync(LOCALES_DIR).filter((f) => f.endsWith('.json'));
/** Every catalogue folder: those of `locales/` and the `locales/` folders beside the modules' code. */
const catalogueFolders = [
  ...readdirSync(LOCALES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(LOCALES_DIR, e.name)),
  ...codeCatalogueFolders(),
];
const files: CatalogFile[] = [
  ...topLevelFiles.map((f) => ({ language: f.replace(/\.json$/, ''), name: `locales/${f}`, messages: readCatalog(join(LOCALES_DIR, f)) })),
  ...catalogueFolders.flatMap((folder) =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ language: f.replace(/\.json$/, ''), name: relative(ROOT, join(folder, f)).split(sep).join('/'), messages: readCatalog(join(folder, f)) })),
  ),
];

/** Every language's messages from all its files, each key with the file that defines it. */
const catalogs = new Map<string, Map<string, { value: string; file: string }>>();
const duplicates: string[] = [];
for (const file of files) {
  const merged = catalogs.get(file.language) ?? new Map<string, { value: string; file: string }>();
  for (const [key, value] of Object.entries(file.messages)) {
    const earlier = merged.get(key);
    if (earlier) duplicates.push(`${key} is in ${earlier.file} and ${file.name}`);
    else merged.set(key, { value, file: file.name });
  }
  catalogs.set(file.language, merged);
}
const english = catalogs.get('en') ?? new Map<string, { value: string; file: string }>();
const englishKeys = [...english.keys()];
const isShellKey = (key: string) => SHELL_PREFIXES.some((prefix) => key.startsWith(prefix));
const where = (key: string) => `(English in ${english.get(key)?.file ?? '?'})`;

function parse(message: string, language: string): AstNode[] {
  return new IntlMessageFormat(message, language, undefined, { ignoreTag: true }).getAst();
}

/** Walks a message and reports every argument name and every plural's branch selectors. */
function inspect(nodes: readonly AstNode[], into = { args: new Set<string>(), plurals: [] as { arg: string; selectors: string[]; isOrdinal: boolean }[] }) {
  for (const node of nodes) {
    if (ARGUMENT_KINDS.has(node.type) && typeof node.value === 'string') into.args.add(node.value);
    if (node.type === PLURAL && typeof node.value === 'string' && node.options) {
      const isOrdinal = (node as { pluralType?: string }).pluralType === 'ordinal';
      into.plurals.push({ arg: node.value, selectors: Object.keys(node.options), isOrdinal });
    }
    for (const option of Object.values(node.options ?? {})) inspect(option.value, into);
    if (node.children) inspect(node.children, into);
  }
  return into;
}

/**
 * The plural categories a message must spell out: every category some whole number from 0 to
 * 200 falls into, plus `other`, which ICU requires. French and Spanish `many` (for millions)
 * falls back to `other`, while Arabic needs all six forms and Russian one, few and many.
 */
function requiredCategories(language: string, isOrdinal: boolean): Set<string> {
  const rules = new Intl.PluralRules(language, { type: isOrdinal ? 'ordinal' : 'cardinal' });
  const required = new Set<string>(['other']);
  for (let n = 0; n <= 200; n += 1) required.add(rules.select(n));
  return required;
}

test('the platform has a catalogue for every supported language, and every file is named after one', () => {
  assert.deepEqual(topLevelFiles.map((f) => f.replace(/\.json$/, '')).sort(), [...SUPPORTED_LANGUAGES].sort());
  const strays = files.filter((f) => !(SUPPORTED_LANGUAGES as readonly string[]).includes(f.language)).map((f) => f.name);
  assert.deepEqual(strays, [], 'catalogue files whose name is not a supported language (they would be ignored)');
  const withoutEnglish = catalogueFolders
    .map((folder) => relative(ROOT, folder).split(sep).join('/'))
    .filter((folder) => !files.some((f) => f.name === `${folder}/en.json`));
  assert.deepEqual(withoutEnglish, [], 'module folders without an en.json source');
});

test('no key is defined in two files of one language', () => {
  assert.deepEqual(duplicates, [], duplicates.join('\n'));
  assert.doesNotThrow(() => loadCatalogs(), 'loadCatalogs reads the real catalogues');
});

test('every message is a non-empty string', () => {
  const bad: string[] = [];
  for (const file of files) {
    for (const [key, value] of Object.entries(file.messages)) {
      if (typeof value !== 'string' || value.trim() === '') bad.push(`${file.name}: ${key}`);
    }
  }
  assert.deepEqual(bad, [], `empty or non-string messages:\n${bad.join('\n')}`);
});

/** The profiles that ship in `jurisdictions/`, each with the languages it lists as complete. */
const JURISDICTIONS_DIR = join(LOCALES_DIR, '..', 'jurisdictions');
const profiles = readdirSync(JURISDICTIONS_DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .map((f) => ({ file: `jurisdictions/${f}`, profile: loadJurisdiction(join(JURISDICTIONS_DIR, f)) }));

test('every language a shipped profile lists as complete, and English, French and Arabic always, has every English key', () => {
  assert.ok(profiles.length > 0, 'jurisdictions/ holds at least the demo profile');
  const complete = new Map<Language, string>(ALWAYS_COMPLETE_LANGUAGES.map((l) => [l, 'staff pages need it']));
  for (const { file, profile } of profiles)
    for (const language of profile.completeLanguages ?? []) complete.set(language, complete.get(language) ?? `${file} lists it as complete`);
  const missing: string[] = [];
  for (const [language, why] of complete) {
    const messages = catalogs.get(language) ?? new Map();
    const absent = englishKeys.filter((key) => !messages.has(key));
    if (absent.length > 0) missing.push(`${language} (${why}) lacks ${absent.length} key(s):\n  ${absent.map((k) => `${k} ${where(k)}`).join('\n  ')}`);
  }
  assert.equal(missing.length, 0, missing.join('\n'));
});

test('missingMessages names the keys a language lacks, for the completeness check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinga-locales-'));
  try {
    writeFileSync(join(dir, 'en.json'), JSON.stringify({ 'a.one': 'One', 'a.two': 'Two', 'a.three': 'Three' }));
    writeFileSync(join(dir, 'es.json'), JSON.stringify({ 'a.one': 'Uno' }));
    writeFileSync(join(dir, 'fr.json'), JSON.stringify({ 'a.one': 'Un', 'a.two': 'Deux', 'a.three': 'Trois' }));
    const loaded = loadCatalogs(dir, []);
    assert.deepEqual(missingMessages(loaded, 'es'), ['a.three', 'a.two']);
    assert.deepEqual(missingMessages(loaded, 'fr'), []);
    assert.deepEqual(missingMessages(loaded, 'zh'), ['a.one', 'a.three', 'a.two']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every language translates every key of the web shell', () => {
  const shellKeys = englishKeys.filter(isShellKey);
  assert.ok(shellKeys.length > 0, 'English has shell keys');
  const missing: string[] = [];
  for (const language of SUPPORTED_LANGUAGES) {
    const messages = catalogs.get(language) ?? new Map();
    const absent = shellKeys.filter((key) => !messages.has(key));
    if (absent.length > 0) missing.push(`${language} lacks ${absent.length} shell key(s):\n  ${absent.map((k) => `${k} ${where(k)}`).join('\n  ')}`);
  }
  assert.equal(missing.length, 0, missing.join('\n'));
});

test('no catalogue has a key that English lacks', () => {
  const extra: string[] = [];
  for (const file of files) {
    for (const key of Object.keys(file.messages)) if (!english.has(key)) extra.push(`${file.name}: ${key}`);
  }
  assert.deepEqual(extra, [], `keys unknown to en.json (typo, or removed from English):\n${extra.join('\n')}`);
});

test('every message parses as ICU MessageFormat and uses the same arguments as English', () => {
  const problems: string[] = [];
  const englishArgs = new Map<string, string[]>();
  for (const [key, { value, file }] of english) {
    try {
      englishArgs.set(key, [...inspect(parse(value, 'en')).args].sort());
    } catch (error) {
      problems.push(`${file}: ${key}: ${(error as Error).message}`);
    }
  }
  for (const { language, name, messages } of files) {
    if (language === 'en') continue;
    for (const [key, message] of Object.entries(messages)) {
      let args: string[];
      try {
        args = [...inspect(parse(message, language)).args].sort();
      } catch (error) {
        problems.push(`${name}: ${key}: ${(error as Error).message}`);
        continue;
      }
      const expected = englishArgs.get(key);
      if (expected && args.join(',') !== expected.join(',')) {
        problems.push(`${name}: ${key}: arguments {${args.join('}, {')}} but English has {${expected.join('}, {')}}`);
      }
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('every plural spells out the categories its language needs and no foreign ones', () => {
  const problems: string[] = [];
  for (const { language, name, messages } of files) {
    for (const [key, message] of Object.entries(messages)) {
      let plurals: ReturnType<typeof inspect>['plurals'];
      try {
        plurals = inspect(parse(message, language)).plurals;
      } catch {
        continue; // reported by the parsing test
      }
      for (const { arg, selectors, isOrdinal } of plurals) {
        const rules = new Intl.PluralRules(language, { type: isOrdinal ? 'ordinal' : 'cardinal' });
        const known = new Set(rules.resolvedOptions().pluralCategories);
        const named = selectors.filter((s) => !s.startsWith('='));
        const foreign = named.filter((s) => !known.has(s as Intl.LDMLPluralRule));
        const absent = [...requiredCategories(language, isOrdinal)].filter((c) => !named.includes(c));
        if (foreign.length > 0) problems.push(`${name}: ${key} {${arg}}: ${foreign.join(', ')} is not a plural category of ${language}`);
        if (absent.length > 0) problems.push(`${name}: ${key} {${arg}}: missing ${absent.join(', ')}`);
      }
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('meta.languageName is each language’s own name', () => {
  const expected: Record<Language, string> = { en: 'English', fr: 'Français', ar: 'العربية', es: 'Español', ru: 'Русский', zh: '中文' };
  for (const language of SUPPORTED_LANGUAGES) assert.equal(catalogs.get(language)?.get('meta.languageName')?.value, expected[language], language);
});

test('plural messages pick the right form in Arabic, Russian and French', () => {
  const loaded = loadCatalogs();
  const forms = (language: Language) => [0, 1, 2, 3, 11, 100].map((count) => loaded.translator(language)('form.errorSummaryTitle', { count }));
  const arabic = forms('ar');
  assert.equal(new Set(arabic).size, 6, `Arabic distinguishes zero, one, two, few, many and other: ${arabic.join(' | ')}`);
  const russian = [1, 2, 5, 21].map((count) => loaded.translator('ru')('form.errorSummaryTitle', { count }));
  assert.deepEqual(
    russian.map((s) => s.split(' ').pop()),
    ['проблема', 'проблемы', 'проблем', 'проблема'],
  );
  assert.match(loaded.translator('fr')('form.errorSummaryTitle', { count: 1 }), /un problème/);
  assert.match(loaded.translator('fr')('form.errorSummaryTitle', { count: 3 }), /3 problèmes/);
});

test('loadCatalogs falls back to English, marked as such, for a key a language lacks, ignores unknown files, and knows Arabic is right to left', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinga-locales-'));
  try {
    writeFileSync(join(dir, 'en.json'), JSON.stringify({ 'a.b': 'Hello {name}', 'a.c': 'Only English' }));
    writeFileSync(join(dir, 'ar.json'), JSON.stringify({ 'a.b': 'مرحبا {name}' }));
    writeFileSync(join(dir, 'xx.json'), JSON.stringify({ 'a.b': 'ignored' }));
    const loaded = loadCatalogs(dir, []);
    assert.deepEqual(loaded.languages, ['en', 'ar']);
    assert.equal(loaded.translator('ar')('a.b', { name: 'Amina' }), 'مرحبا Amina');
    // The English stand-in is marked, so that a page, an e-mail or a PDF can say so and give it its language.
    assert.deepEqual(splitFallback(loaded.translator('ar')('a.c')), [{ text: 'Only English', isFallback: true }]);
    assert.equal(fallbackHostOf(loaded.translator('ar')('a.c')), 'ar');
    assert.equal(loaded.translator('en')('a.c'), 'Only English');
    assert.equal(loaded.translator('ar')('a.unknown'), 'a.unknown');
    assert.equal(loaded.direction('ar'), 'rtl');
    assert.equal(loaded.direction('fr'), 'ltr');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a capability's catalogue beside its code is read with the others, and its English text by its folder's URL", async () => {
  const modulesDir = mkdtempSync(join(tmpdir(), 'kinga-modules-'));
  try {
    const folder = join(modulesDir, 'probes', 'probe-check', 'locales');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'en.json'), JSON.stringify({ 'probes.check.title': 'Check a probe ({count, plural, one {# probe} other {# probes}})' }));
    writeFileSync(join(folder, 'fr.json'), JSON.stringify({ 'probes.check.title': 'Vérifier une sonde ({count, plural, one {# sonde} other {# sondes}})' }));
    mkdirSync(join(modulesDir, 'probes', 'elsewhere'), { recursive: true });
    assert.deepEqual(codeCatalogueFolders(modulesDir), [folder], 'only folders named locales are catalogues');
    const catalogs = loadCatalogs(LOCALES_DIR, codeCatalogueFolders(modulesDir));
    assert.equal(catalogs.translator('fr')('probes.check.title', { count: 2 }), 'Vérifier une sonde (2 sondes)');
    assert.equal(
      catalogs.translator('en')('layout.skipToContent'),
      loadCatalogs().translator('en')('layout.skipToContent'),
      'the platform catalogue is still read',
    );
    const { englishMessagesOf } = await import('./english-messages.ts');
    assert.equal(englishMessagesOf(pathToFileURL(`${folder}/`))('probes.check.title', { count: 1 }), 'Check a probe (1 probe)');
    writeFileSync(join(modulesDir, 'probes', 'probe-check', 'locales', 'ar.json'), JSON.stringify({ 'layout.skipToContent': 'مكرر' }));
    assert.throws(() => loadCatalogs(LOCALES_DIR, codeCatalogueFolders(modulesDir)), /layout\.skipToContent is defined twice/);
  } finally {
    rmSync(modulesDir, { recursive: true, force: true });
  }
});
