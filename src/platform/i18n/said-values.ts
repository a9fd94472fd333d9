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

/** A value said only once the language is known: a list or a size. */
export type SaidValue = ListValue | SizeValue;

/** A list to name in a message; the translator joins it in the reader's language. */
export function listValue(items: readonly string[], joiner: ListValue['joiner'] = 'and'): ListValue {
  return { list: [...items], joiner };
}

/** A size to name in a message; the translator says it in megabytes (from 1 MiB) or kilobytes, with the unit's name. */
export function sizeValue(bytes: number): SizeValue {
  return { bytes };
}

/** Whether a message value is a list or a size rather than words or a number. */
export function isSaidValue(value: unknown): value is SaidValue {
  if (typeof value !== 'object' || value === null) return false;
  return ('list' in value && Array.isArray(value.list)) || ('bytes' in value && typeof value.bytes === 'number');
}

const MIB = 1024 * 1024;

/** Says a list or a size in `language`. */
export function sayValue(value: SaidValue, language: string): string {
  if ('list' in value) return new Intl.ListFormat(language, { style: 'long', type: value.joiner === 'or' ? 'disjunction' : 'conjunction' }).format(value.list);
  // Arabic pages show Western digits, as the formatter of pages does.
  const locale = language === 'ar' ? 'ar-u-nu-latn' : language;
  const isMegabytes = value.bytes >= MIB;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: isMegabytes ? 'megabyte' : 'kilobyte', unitDisplay: 'long', maximumFractionDigits: isMegabytes ? 1 : 0 }).format(isMegabytes ? value.bytes / MIB : Math.max(1, value.bytes / 1024));
}

/** The values of a message with every list and size said in `language`; the others as they are. */
export function sayValues<V>(values: Readonly<Record<string, V | SaidValue>> | undefined, language: string): Record<string, V | string> | undefined {
  if (values === undefined) return undefined;
  let said: Record<string, V | string> | undefined;
  for (const [name, value] of Object.entries(values)) {
    if (!isSaidValue(value)) continue;
    said ??= { ...(values as Record<string, V | string>) };
    said[name] = sayValue(value, language);
  }
  return said ?? (values as Record<string, V | string>);
}
