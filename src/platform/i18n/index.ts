export { loadCatalogs, missingMessages, ALWAYS_COMPLETE_LANGUAGES, SHELL_PREFIXES, LOCALES_DIR } from './catalog.ts';
export type { Catalogs, Translate, MessageValues } from './catalog.ts';
export { negotiateLanguage, parseAcceptLanguage } from './negotiate.ts';
export { createFormatter } from './format.ts';
export { englishMessagesOf } from './english-messages.ts';
export type { EnglishMessages, EnglishMessageValues } from './english-messages.ts';
export type { Formatter } from './format.ts';
export { FALLBACK_LANGUAGE, fallbackHostOf, hasFallback, markFallback, splitFallback, stripFallback } from './fallback.ts';
export type { TextSegment } from './fallback.ts';
