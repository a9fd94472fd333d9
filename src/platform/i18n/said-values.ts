import { localeOf } from './format.ts';
/** A list a message names, joined as the reader's language joins lists: "a, b, or c", "a、b或c". */
export interface ListValue {
  readonly list: readonly string[];
  /** `and` for a whole ("a, b and c"), `or` for a choice among them ("a, b or c"). */
  readonly joiner: 'and' | 'or';
}

/** A size in bytes a message names, said with its unit in the reader's language: "5 megabytes", "5 mégaoctets", "5兆字节". */
export interface SizeValue {
  readonly bytes: number;
}

/** A term of the catalogues a message names, such as the name of a stage: said by its own key in the reader's language. */
export interface TermValue {
  readonly term: string;
}

/** A value said only once the language is known: a list, a size or a term. */
export type SaidValue = ListValue | SizeValue | TermValue;

/** Says a term's key in the language of the message that names it. */
export type SayTerm = (key: string) => string;

/** A list to name in a message; the translator joins it in the reader's language. */
export function listValue(items: readonly string[], joiner: ListValue['joiner'] = 'and'): ListValue {
  return { list: [...items], joiner };
}

/** A size to name in a message; the translator says it in megabytes (from 1 MiB) or kilobytes, with the unit's name. */
export function sizeValue(bytes: number): SizeValue {
  return { bytes };
}

/** A term to name in a message, by its key: the translator says it in the message's language. */
export function termValue(key: string): TermValue {
  return { term: key };
}

/** Whether a message value is a list, a size or a term rather than words or a number. */
export function isSaidValue(value: unknown): value is SaidValue {
  if (typeof value !== 'object' || value === null) return false;
  return (
    ('list' in value && Array.isArray(value.list)) ||
    ('bytes' in value && typeof value.bytes === 'number') ||
    ('term' in value && typeof value.term === 'string')
  );
}

const MIB = 1024 * 1024;

/** Says a list, a size or a term in `language`; a term through `sayTerm`, or as its key without one. */
export function sayValue(value: SaidValue, language: string, sayTerm?: SayTerm): string {
  if ('term' in value) return sayTerm ? sayTerm(value.term) : value.term;
  if ('list' in value) return new Intl.ListFormat(language, { style: 'long', type: value.joiner === 'or' ? 'disjunction' : 'conjunction' }).format(value.list);
  // Arabic pages show Western digits, as the formatter of pages does.
  const locale = localeOf(language);
  const isMegabytes = value.bytes >= MIB;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: isMegabytes ? 'megabyte' : 'kilobyte',
    unitDisplay: 'long',
    maximumFractionDigits: isMegabytes ? 1 : 0,
  }).format(isMegabytes ? value.bytes / MIB : Math.max(1, value.bytes / 1024));
}

/** The values of a message with every list, size and term said in `language`; the others as they are. */
export function sayValues<V>(
  values: Readonly<Record<string, V | SaidValue>> | undefined,
  language: string,
  sayTerm?: SayTerm,
): Record<string, V | string> | undefined {
  if (values === undefined) return undefined;
  let said: Record<string, V | string> | undefined;
  for (const [name, value] of Object.entries(values)) {
    if (!isSaidValue(value)) continue;
    said ??= { ...(values as Record<string, V | string>) };
    said[name] = sayValue(value, language, sayTerm);
  }
  return said ?? (values as Record<string, V | string>);
}
