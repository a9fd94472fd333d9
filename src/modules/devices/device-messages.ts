/**
 * The words of the devices module's refusals. Each detail and problem carries a key of one of the
 * module's catalogues and its values, so that an API answer and a page say it in the reader's
 * language, and its English text, which logs and the command line show: the catalogue is the one
 * source of both.
 */
import type { CatalogMessage, KeyedProblem } from '../../platform/http/errors.ts';
import { englishMessagesOf, type EnglishMessages, type EnglishMessageValues } from '../../platform/i18n/index.ts';

/**
 * A catalogue of the module that holds refusals: the URL of a capability's `locales/` folder, as
 * `new URL('./locales/', import.meta.url)` names it beside the code that speaks it.
 */
export type DevicesCatalogue = URL;

const english = new Map<string, EnglishMessages>();

/** The English text of a message of one of the module's catalogues. */
export function devicesEnglish(catalogue: DevicesCatalogue, key: string, values?: EnglishMessageValues): string {
  let messages = english.get(catalogue.href);
  if (!messages) {
    messages = englishMessagesOf(catalogue);
    english.set(catalogue.href, messages);
  }
  return messages(key, values);
}

/** The detail of a refusal, said by `key` of `catalogue`. */
export function devicesRefusal(catalogue: DevicesCatalogue, key: string, values: EnglishMessageValues = {}): CatalogMessage {
  return { key, values, english: devicesEnglish(catalogue, key, values) };
}

/** A problem of a field (of a request, or of a file's line when `line` is given), said by `key` of `catalogue`. */
export function devicesProblem(
  catalogue: DevicesCatalogue,
  field: string,
  line: number | undefined,
  key: string,
  values: EnglishMessageValues = {},
): KeyedProblem {
  return { field, ...(line === undefined ? {} : { line }), message: devicesEnglish(catalogue, key, values), key, values };
}
