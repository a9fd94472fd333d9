import type { Language } from '../jurisdiction.ts';
import { localeOf } from './format.ts';

/** Days of the week (ISO: 1 = Monday) on which a help line opens and closes at the same times. */
export interface OpeningPeriod {
  days: readonly number[];
  /** Local time, `HH:MM`. */
  opens: string;
  closes: string;
}

// 2024-01-01 was a Monday, so day n of the ISO week falls on 2024-01-0n.
const dayDate = (isoDay: number) => new Date(Date.UTC(2024, 0, isoDay, 12));
const timeDate = (hhmm: string) => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return new Date(Date.UTC(2024, 0, 1, Number(h), Number(m)));
};

/** Groups sorted ISO days into runs of consecutive days: [1,2,3,5] gives [[1,3],[5,5]]. */
export function dayRuns(days: readonly number[]): [number, number][] {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    if (last && day === last[1] + 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/**
 * Says opening hours in the reader's language with the platform's own Intl data, so a profile
 * states them once as data (days and times) and every language reads them naturally.
 */
export function formatOpeningHours(periods: readonly OpeningPeriod[], language: Language): string {
  // The profile's periods never change while the process runs, and Intl formatters are costly.
  let byLanguage = cache.get(periods);
  if (!byLanguage) {
    byLanguage = new Map();
    cache.set(periods, byLanguage);
  }
  let text = byLanguage.get(language);
  if (text === undefined) {
    text = compose(periods, language);
    byLanguage.set(language, text);
  }
  return text;
}

const cache = new WeakMap<readonly OpeningPeriod[], Map<Language, string>>();

function compose(periods: readonly OpeningPeriod[], language: Language): string {
  const locale = localeOf(language);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const parts = periods.map((period) => {
    const days = dayRuns(period.days).map(([from, to]) =>
      from === to ? weekday.format(dayDate(from)) : `${weekday.format(dayDate(from))}–${weekday.format(dayDate(to))}`,
    );
    return `${list.format(days)} ${time.formatRange(timeDate(period.opens), timeDate(period.closes))}`;
  });
  return list.format(parts);
}
