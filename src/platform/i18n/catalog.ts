import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { SUPPORTED_LANGUAGES, type Language } from '../jurisdiction.ts';
import { FALLBACK_LANGUAGE, markFallback } from './fallback.ts';
import { LOCALES_DIR, MODULES_DIR } from './locales-dir.ts';
import { sayValues, type SaidValue } from './said-values.ts';

/**
 * Languages whose catalogues hold every key of the English one whatever the profile says: staff
 * pages are offered in them at least. A profile's `completeLanguages` adds to these.
 */
export const ALWAYS_COMPLETE_LANGUAGES: readonly Language[] = ['en', 'fr', 'ar'];

/** Key prefixes of the web shell, which every language must translate. */
export const SHELL_PREFIXES: readonly string[] = ['meta.', 'layout.', 'nav.', 'lang.', 'home.', 'error.', 'form.'];

/** Languages written right to left. */
const RTL: ReadonlySet<string> = new Set<string>(['ar']);

/** The writing direction of text in `language` (a language tag; its region or script is ignored). */
export function textDirection(language: string): 'ltr' | 'rtl' {
  return RTL.has(language.split('-')[0] ?? language) ? 'rtl' : 'ltr';
}

/** Values a message can interpolate; a list or a size is said in the message's language. */
export type MessageValues = Record<string, string | number | Date | boolean | null | undefined | SaidValue>;

/** Translates one key for one language; text that fell back to English carries fallback marks. */
export type Translate = (key: string, values?: MessageValues) => string;

/** Every catalogue, parsed once. */
export interface Catalogs {
  languages: readonly Language[];
  messages: ReadonlyMap<Language, Readonly<Record<string, string>>>;
  translator(language: Language): Translate;
  direction(language: Language): 'ltr' | 'rtl';
}

export { LOCALES_DIR };

/**
 * The catalogue folders kept beside the code: every folder named `locales` inside
 * `src/modules/` (a capability's own messages, `<lang>.json` each), sorted by path.
 */
export function codeCatalogueFolders(modulesDir: string = MODULES_DIR): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.name === 'locales') found.push(path);
      else walk(path);
    }
  };
  walk(modulesDir);
  return found.sort();
}

/**
 * Reads `locales/<lang>.json` (the platform), `locales/<catalogue>/<lang>.json` (a catalogue kept
 * apart from the code) and the `locales/<lang>.json` folders beside a module's code (see
 * {@link codeCatalogueFolders}): each catalogue has files of its own, so modules never edit the
 * same file. A key defined twice is an error.
 * A key missing in a language falls back to English, never to the bare key, and the English text
 * comes between fallback marks (`fallback.ts`) so that whatever shows it can say so.
 */
export function loadCatalogs(dir: string = LOCALES_DIR, codeFolders: readonly string[] = codeCatalogueFolders()): Catalogs {
  const messages = new Map<Language, Record<string, string>>();
  const merge = (language: Language, file: string) => {
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const into = messages.get(language) ?? {};
    for (const [key, value] of Object.entries(entries)) {
      if (key in into) throw new Error(`The message key ${key} is defined twice (again in ${file}).`);
      into[key] = value;
    }
    messages.set(language, into);
  };
  const languageOf = (file: string): Language | undefined => SUPPORTED_LANGUAGES.find((l) => `${l}.json` === file);
  const readFolder = (folder: string) => {
    for (const file of readdirSync(folder)) {
      const language = languageOf(file);
      if (language) merge(language, join(folder, file));
    }
  };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      readFolder(join(dir, entry.name));
      continue;
    }
    const language = languageOf(entry.name);
    if (language) merge(language, join(dir, entry.name));
  }
  for (const folder of codeFolders) readFolder(folder);
  const english = messages.get('en');
  if (!english) throw new Error(`No English catalogue in ${dir}.`);
  const compiled = new Map<string, IntlMessageFormat>();
  const format = (language: Language, key: string, values?: MessageValues): string => {
    const own = messages.get(language)?.[key];
    const source = own ?? english[key];
    if (source === undefined) return key;
    const locale = own === undefined ? 'en' : language;
    const cacheKey = `${locale}\u0000${key}`;
    let message = compiled.get(cacheKey);
    if (!message) {
      message = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
      compiled.set(cacheKey, message);
    }
    // A term a message names is said in the same language, marked where that language lacks it.
    const text = String(message.format(sayValues(values, locale, (term) => format(language, term))));
    return own === undefined && language !== FALLBACK_LANGUAGE ? markFallback(text, language) : text;
  };
  return {
    languages: SUPPORTED_LANGUAGES.filter((l) => messages.has(l)),
    messages,
    translator: (language) => (key, values) => format(language, key, values),
    direction: textDirection,
  };
}

/** The English keys that a language's catalogues lack, sorted; empty for a complete language. */
export function missingMessages(catalogs: Pick<Catalogs, 'messages'>, language: Language): string[] {
  const own = catalogs.messages.get(language) ?? {};
  return Object.keys(catalogs.messages.get('en') ?? {})
    .filter((key) => own[key] === undefined)
    .sort();
}
