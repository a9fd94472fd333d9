// iCalendar (RFC 5545) text for workshops: one event, attached to a registration's confirmation,
// and a feed of events that people subscribe to. Pure: the caller gives the events, the
// jurisdiction's time zone, the public URL, the present and the words already translated.
//
// Both are iTIP PUBLISH objects (RFC 5546): a person registers without an account, so Kinga has no
// calendar address of theirs to name as an ATTENDEE and no mailbox reading calendar replies.
// REQUEST would make calendar programs offer "accept / decline" buttons that e-mail a reply to
// the organizer and that change nothing in Kinga (a seat is given up through Kinga's own
// cancellation link). PUBLISH adds the event as it is; a later PUBLISH with the same UID and a
// higher SEQUENCE replaces it, which is how a change or a cancellation (STATUS:CANCELLED) arrives.

import { stripFallback } from '../../../platform/i18n/index.ts';

/** Where an event takes place: an address people go to, or a link they join online. */
export type EventPlace = { kind: 'venue'; address: string } | { kind: 'online'; link: string };

/** One workshop or seminar as the calendar shows it. */
export interface CalendarEvent {
  /** The event's stable identifier in Kinga; with the public host it makes the UID. */
  id: string;
  /** The revision: 0 when published, one more at every change a person should see (time, place, cancellation). */
  sequence: number;
  status: 'confirmed' | 'cancelled';
  start: Date;
  end: Date;
  title: string;
  /** Plain text; the place is added to it. */
  description: string;
  place: EventPlace;
  /** The event's page. */
  url: string;
  /** The language its title and description are written in (BCP 47). */
  language?: string;
  /** When the event last changed. */
  updatedAt?: Date;
}

/**
 * The sentences a calendar entry needs, in the reader's language: the catalogue's
 * `learn.workshops.calendar.venue` (`{address}`) and `learn.workshops.calendar.online` (`{link}`)
 * said by the reader's translator.
 */
export interface CalendarLabels {
  /** The line that gives a venue's address in the description ("Address: …"). */
  venue(address: string): string;
  /** The line that gives an online event's link in the description ("Join online: …"). */
  online(link: string): string;
}

/** What every calendar object of an installation shares. */
export interface CalendarContext {
  /** `PUBLIC_URL`: its host names the UIDs, so that they stay the same across restarts and feeds. */
  publicUrl: string;
  /** The jurisdiction's IANA time zone, in which times are written. */
  timeZone: string;
  /** The regulator as organizer (RFC 5546 wants one in a PUBLISH). */
  organizer: { name: string; email: string };
  /** The present, for DTSTAMP. */
  now: Date;
  labels: CalendarLabels;
}

/** A subscribable feed: its title (shown as the calendar's name) and address. */
export interface CalendarFeed {
  title: string;
  url: string;
  events: readonly CalendarEvent[];
}

/** The MIME type of an attachment or feed made here: its method must be the object's METHOD (RFC 5545 3.7.2). */
export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=UTF-8; method=PUBLISH';

const PRODID = '-//Kinga//Kinga workshops//EN';
const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
// How often subscribed calendars should read the feed again: often enough for a cancellation to arrive before the day.
const REFRESH = 'PT1H';

/** The event as its cancellation is published: cancelled, one revision later, changed at `at`. */
export function cancelledEvent(event: CalendarEvent, at: Date): CalendarEvent {
  return { ...event, status: 'cancelled', sequence: event.sequence + 1, updatedAt: at };
}

/** The iCalendar text of one event: the attachment of a registration's confirmation. */
export function eventCalendar(event: CalendarEvent, context: CalendarContext): string {
  return calendarText(context, [event], []);
}

/**
 * The iCalendar text of a feed (one region and topic): its events in start order, cancelled ones
 * included so that subscribed calendars learn of the cancellation.
 */
export function feedCalendar(feed: CalendarFeed, context: CalendarContext): string {
  const header = [
    contentLine('NAME', text(feed.title)),
    contentLine('X-WR-CALNAME', text(feed.title)),
    contentLine('X-WR-TIMEZONE', text(context.timeZone)),
    contentLine('SOURCE;VALUE=URI', uri(feed.url)),
    contentLine('REFRESH-INTERVAL;VALUE=DURATION', REFRESH),
    contentLine('X-PUBLISHED-TTL', REFRESH),
  ];
  const events = [...feed.events].sort((a, b) => a.start.getTime() - b.start.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return calendarText(context, events, header);
}

function calendarText(context: CalendarContext, events: readonly CalendarEvent[], header: readonly string[]): string {
  const host = uidHost(context.publicUrl);
  for (const event of events) checkEvent(event);
  // The VTIMEZONE covers every year an event touches (and the present's, so that an empty feed still holds a component).
  const years = [context.now, ...events.flatMap((e) => [e.start, e.end])].map((at) => localParts(at.getTime(), context.timeZone).year);
  const lines = [
    'BEGIN:VCALENDAR',
    contentLine('PRODID', text(PRODID)),
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...header,
    ...timeZoneLines(context.timeZone, Math.min(...years), Math.max(...years)),
    ...events.flatMap((event) => eventLines(event, context, host)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines(event: CalendarEvent, context: CalendarContext, host: string): string[] {
  const { timeZone, labels } = context;
  const lang = event.language ? `;LANGUAGE=${paramValue(event.language)}` : '';
  const where = event.place.kind === 'venue' ? event.place.address : uri(event.place.link);
  const whereLine = event.place.kind === 'venue' ? labels.venue(where) : labels.online(where);
  const description = [event.description.trim(), whereLine].filter((part) => part !== '').join('\n\n');
  return [
    'BEGIN:VEVENT',
    contentLine('UID', text(`${event.id}@${host}`)),
    contentLine('DTSTAMP', utcDateTime(context.now)),
    zonedDateTime('DTSTART', event.start, timeZone),
    zonedDateTime('DTEND', event.end, timeZone),
    contentLine('SEQUENCE', String(event.sequence)),
    contentLine('STATUS', event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'),
    contentLine(`SUMMARY${lang}`, text(event.title)),
    contentLine(`DESCRIPTION${lang}`, text(description)),
    contentLine('LOCATION', text(where)),
    contentLine('URL;VALUE=URI', uri(event.url)),
    contentLine(`ORGANIZER;CN=${paramValue(context.organizer.name)}`, mailto(context.organizer.email)),
    ...(event.updatedAt ? [contentLine('LAST-MODIFIED', utcDateTime(event.updatedAt))] : []),
    'END:VEVENT',
  ];
}

function checkEvent(event: CalendarEvent): void {
  if (!/^[A-Za-z0-9._-]+$/.test(event.id))
    throw new RangeError(`An event id holds letters, digits, dots, dashes and underscores only: ${JSON.stringify(event.id)}.`);
  if (!Number.isInteger(event.sequence) || event.sequence < 0) throw new RangeError('An event sequence is a whole number of at least 0.');
  if (!(event.end.getTime() > event.start.getTime())) throw new RangeError(`Event ${event.id} ends before it starts.`);
}

function mailto(email: string): string {
  if (!/^[^\s@:;,"<>]+@[^\s@:;,"<>]+$/.test(email)) throw new RangeError(`Not an e-mail address: ${JSON.stringify(email)}.`);
  return `mailto:${email}`;
}

function uidHost(publicUrl: string): string {
  return new URL(publicUrl).hostname;
}

/** A web address value: normalised by the URL parser (which drops line breaks); anything but http and https is refused. */
function uri(value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError(`Not a web address: ${JSON.stringify(value)}.`);
  return url.href;
}

/**
 * A TEXT value escaped as RFC 5545 3.3.11 says: backslash, semicolon and comma behind a backslash,
 * a line break as `\n`; other control characters, which TEXT may not hold, are dropped, and so are
 * the marks of a message said in English for want of a translation (the file leaves Kinga).
 */
export function escapeText(value: string): string {
  return withoutControls(stripFallback(value).replace(/\r\n?/g, '\n'), '\t\n').replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** The text without the control characters (C0 and DEL) that are not in `kept`. */
function withoutControls(value: string, kept: string): string {
  let out = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 || code === 0x7f) && !kept.includes(char)) continue;
    out += char;
  }
  return out;
}

const text = escapeText;

/** A parameter value: quoted when it holds a character a bare one may not (`:` `;` `,`); a double quote, never allowed, is dropped. */
function paramValue(value: string): string {
  const clean = withoutControls(value, '\t').replaceAll('"', '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

function contentLine(nameAndParams: string, value: string): string {
  return `${nameAndParams}:${value}`;
}

/**
 * A content line folded as RFC 5545 3.1 says: no line longer than 75 octets without its CRLF, each
 * continuation starting with one space, and never a break inside a UTF-8 character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function utcDateTime(at: Date): string {
  return `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;
}

/**
 * A date-time property in the zone's local time. A local time that happens twice (the hour repeated
 * when clocks go back) is written in UTC instead: RFC 5545 3.3.5 says it means its first
 * occurrence, but calendar programs differ (ical.js takes the second), and UTC leaves no doubt.
 */
function zonedDateTime(name: string, at: Date, timeZone: string): string {
  const ms = Math.floor(at.getTime() / 1000) * 1000;
  const wall = localParts(ms, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const nearbyOffsets = new Set([-DAY_MS, DAY_MS].map((shift) => utcOffsetSeconds(ms + shift, timeZone)));
  const isRepeated = [...nearbyOffsets].some((offset) => {
    const other = wallAsUtc - offset * 1000;
    return other !== ms && formatLocal(localParts(other, timeZone)) === formatLocal(wall);
  });
  if (isRepeated) return contentLine(name, utcDateTime(new Date(ms)));
  return contentLine(`${name};TZID=${paramValue(timeZone)}`, formatLocal(wall));
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function formatLocal(p: LocalParts): string {
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'iso8601',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time of an instant (milliseconds) in a time zone, to the second. */
function localParts(epochMs: number, timeZone: string): LocalParts {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterOf(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute' || part.type === 'second') {
      out[part.type] = Number(part.value);
    }
  }
  return out;
}

/** The zone's offset from UTC at an instant, in seconds. */
export function utcOffsetSeconds(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 1000);
}

/** A change of a zone's offset: the first instant of the new offset. */
export interface OffsetTransition {
  at: number;
  from: number;
  to: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Zones change their offset at most a few times a year, never twice within six hours.
const SCAN_STEP_MS = 6 * HOUR_MS;

/** Every change of the zone's offset between two instants (milliseconds), found by scanning and then halving to the second. */
export function offsetTransitions(timeZone: string, fromMs: number, toMs: number): OffsetTransition[] {
  const out: OffsetTransition[] = [];
  let before = fromMs;
  let offset = utcOffsetSeconds(before, timeZone);
  while (before < toMs) {
    const after = Math.min(before + SCAN_STEP_MS, toMs);
    const next = utcOffsetSeconds(after, timeZone);
    if (next !== offset) {
      let low = before;
      let high = after;
      while (high - low > 1000) {
        const middle = low + Math.max(1000, Math.floor((high - low) / 2000) * 1000);
        if (utcOffsetSeconds(middle, timeZone) === offset) low = middle;
        else high = middle;
      }
      out.push({ at: high, from: offset, to: next });
      offset = next;
    }
    before = after;
  }
  return out;
}

/** `+0300`, `-0400`, `+0545`, or with seconds where a zone had them. */
function offsetText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const tail = abs % 60 === 0 ? '' : pad(abs % 60);
  return `${sign}${pad(Math.floor(abs / 3600))}${pad(Math.floor((abs % 3600) / 60))}${tail}`;
}

/** The zone's abbreviation where it has one in English (CET, CEST), else the offset as the time zone database writes it (`+03`). */
function zoneName(epochMs: number, timeZone: string, offset: number): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(epochMs))
    .find((p) => p.type === 'timeZoneName')?.value;
  if (name && /^[A-Z]{3,5}$/.test(name) && name !== 'GMT') return name;
  if (offset === 0) return 'UTC';
  const full = offsetText(offset);
  return full.endsWith('00') && full.length === 5 ? full.slice(0, 3) : full;
}

/**
 * The VTIMEZONE of an IANA zone for the local years `firstYear` to `lastYear`: the offset in force
 * on the first of January of the first year, then one observance per change of offset until the
 * end of the last year. A change to an offset above the year's lowest is daylight time; the
 * others are standard time.
 */
export function timeZoneLines(timeZone: string, firstYear: number, lastYear: number): string[] {
  const startMs = Date.UTC(firstYear, 0, 1) - utcOffsetSeconds(Date.UTC(firstYear, 0, 1), timeZone) * 1000;
  const endMs = Date.UTC(lastYear + 1, 0, 1) - utcOffsetSeconds(Date.UTC(lastYear + 1, 0, 1), timeZone) * 1000;
  const lowestOf = (year: number): number => Math.min(utcOffsetSeconds(Date.UTC(year, 0, 1), timeZone), utcOffsetSeconds(Date.UTC(year, 6, 1), timeZone));
  const initial = utcOffsetSeconds(startMs, timeZone);
  const observance = (at: number, from: number, to: number): string[] => {
    const local = localParts(at + from * 1000, 'UTC');
    const kind = to > lowestOf(local.year) ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${kind}`,
      `DTSTART:${formatLocal(local)}`,
      `TZOFFSETFROM:${offsetText(from)}`,
      `TZOFFSETTO:${offsetText(to)}`,
      contentLine('TZNAME', text(zoneName(at, timeZone, to))),
      `END:${kind}`,
    ];
  };
  return [
    'BEGIN:VTIMEZONE',
    contentLine('TZID', text(timeZone)),
    ...observance(startMs, initial, initial),
    ...offsetTransitions(timeZone, startMs, endMs).flatMap((t) => observance(t.at, t.from, t.to)),
    'END:VTIMEZONE',
  ];
}
