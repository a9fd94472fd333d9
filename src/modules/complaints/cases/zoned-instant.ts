import { Temporal } from 'temporal-polyfill';

/**
 * An instant (UTC ISO 8601) as the local date and time of `timeZone` with its offset, to the
 * second, such as `2026-12-01T12:00:00+03:00`: what a reader in the jurisdiction sees on the wall
 * clock, still a single unambiguous instant.
 *
 * @example
 * zonedInstant('2026-12-01T09:00:00Z', 'Africa/Nairobi') // '2026-12-01T12:00:00+03:00'
 */
export function zonedInstant(iso: string, timeZone: string): string {
  return Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone).toString({ smallestUnit: 'second', roundingMode: 'trunc', timeZoneName: 'never' });
}
