import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALES_DIR } from './locales-dir.ts';
import { sayValues, type SaidValue } from './said-values.ts';

/** Values an English message interpolates; a list or a size is said the English way. */
export type EnglishMessageValues = Readonly<Record<string, string | number | SaidValue>>;

/** Says one key of a catalogue in English. */
export type EnglishMessages = (key: string, values?: EnglishMessageValues) => string;

/**
 * The English text of one module catalogue, for the words a service gives where there is no
 * reader's language (the API's problem details, the CLI) while pages translate the same key: the
 * catalogue stays the one source of the English text. `catalogue` is the URL of a `locales/`
 * folder beside the code, or the name of a folder of the top-level `locales/`. The file is read on
 * the first message, not at start; an unknown key is a programming error and throws.
 *
 * @example
 * const english = englishMessagesOf(new URL('./locales/', import.meta.url));
 * english('devices.dumpFile.futureDate', { line: 4, date: '2031-01-01' }) // 'Line 4: the date 2031-01-01 is in the future.'
 */
export function englishMessagesOf(catalogue: string | URL, dir: string = LOCALES_DIR): EnglishMessages {
  const folder = typeof catalogue === 'string' ? join(dir, catalogue) : fileURLToPath(catalogue);
  const name = typeof catalogue === 'string' ? catalogue : folder;
  let sources: Readonly<Record<string, string>> | undefined;
  const compiled = new Map<string, IntlMessageFormat>();
  const say: EnglishMessages = (key, values) => {
    sources ??= JSON.parse(readFileSync(join(folder, 'en.json'), 'utf8')) as Record<string, string>;
    let message = compiled.get(key);
    if (!message) {
      const source = sources[key];
      if (source === undefined) throw new Error(`No English text for the message ${key} in ${name}.`);
      message = new IntlMessageFormat(source, 'en', undefined, { ignoreTag: true });
      compiled.set(key, message);
    }
    // A term the message names comes from the same catalogue.
    return String(message.format(sayValues(values, 'en', (term) => say(term))));
  };
  return say;
}
