import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALES_DIR } from './locales-dir.ts';
import { sayValues, type SaidValue } from './said-values.ts';

/** Values an English message interpolates; a list or a size is said the English way. */
export type EnglishMessageValues = Readonly<Record<string, string | number | SaidValue>>;

/** Says one key of a catalogue in English. */
export type EnglishMessages = (key: string, values?: EnglishMessageValues) => string;

/**
 * The English text of one module catalogue (`locales/<folder>/en.json`), for the words a service
 * gives where there is no reader's language (the API's problem details, the CLI) while pages
 * translate the same key: the catalogue stays the one source of the English text. The file is
 * read on the first message, not at start; an unknown key is a programming error and throws.
 *
 * @example
 * const english = englishMessagesOf('devices-dump-messages');
 * english('devices.dumpFile.futureDate', { line: 4, date: '2031-01-01' }) // 'Line 4: the date 2031-01-01 is in the future.'
 */
export function englishMessagesOf(folder: string, dir: string = LOCALES_DIR): EnglishMessages {
  let sources: Readonly<Record<string, string>> | undefined;
  const compiled = new Map<string, IntlMessageFormat>();
  const say: EnglishMessages = (key, values) => {
    sources ??= JSON.parse(readFileSync(join(dir, folder, 'en.json'), 'utf8')) as Record<string, string>;
    let message = compiled.get(key);
    if (!message) {
      const source = sources[key];
      if (source === undefined) throw new Error(`No English text for the message ${key} in ${folder}.`);
      message = new IntlMessageFormat(source, 'en', undefined, { ignoreTag: true });
      compiled.set(key, message);
    }
    // A term the message names comes from the same catalogue.
    return String(message.format(sayValues(values, 'en', (term) => say(term))));
  };
  return say;
}
