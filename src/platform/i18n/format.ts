import type { Language } from '../jurisdiction.ts';

/** Formats numbers, money and instants for one language in the jurisdiction's time zone. */
export interface Formatter {
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** Formats a decimal string amount; amounts never pass through binary floating point for arithmetic. */
  money(amount: string, currency: string): string;
  date(iso: string | Date): string;
  dateTime(iso: string | Date): string;
}

/**
 * The locale Kinga formats numbers and dates with for a language: Arabic pages show Western digits
 * for figures, as the Maghreb and most regulators publish them (`ar-u-nu-latn`).
 */
export function localeOf(language: string): string {
  return language === 'ar' ? 'ar-u-nu-latn' : language;
}

/** A formatter for one language, with the profile's time zone. */
export function createFormatter(language: Language, timeZone: string): Formatter {
  const locale = localeOf(language);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return {
    number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
    money: (amount, currency) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount as unknown as number),
    date: (iso) => dates.format(typeof iso === 'string' ? new Date(iso) : iso),
    dateTime: (iso) => dateTimes.format(typeof iso === 'string' ? new Date(iso) : iso),
  };
}
