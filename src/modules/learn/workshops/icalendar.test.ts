import { test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { loadCatalogs, markFallback } from '../../../platform/i18n/index.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import { isolateInterpolations } from '../../../platform/web/bidi.ts';
import {
  cancelledEvent,
  CALENDAR_CONTENT_TYPE,
  escapeText,
  eventCalendar,
  feedCalendar,
  foldLine,
  offsetTransitions,
  type CalendarContext,
  type CalendarEvent,
} from './icalendar.ts';

const context = (timeZone = 'Africa/Nairobi'): CalendarContext => ({
  publicUrl: 'https://kinga.example.org:8443/base/',
  timeZone,
  organizer: { name: 'Communications Authority; Consumer desk', email: 'workshops@ca.example.org' },
  now: new Date('2026-12-07T10:15:30Z'),
  labels: { venue: (address) => `Address: ${address}`, online: (link) => `Join online: ${link}` },
});

const workshop = (overrides: Partial<CalendarEvent> = {}): CalendarEvent => ({
  id: 'ws-12',
  sequence: 0,
  status: 'confirmed',
  start: new Date('2026-12-10T11:00:00Z'),
  end: new Date('2026-12-10T13:30:00Z'),
  title: 'Safe mobile money',
  description: 'How SIM-swap fraud works and how to stop it.',
  place: { kind: 'venue', address: 'Kenyatta Avenue 12, Nairobi' },
  url: 'https://kinga.example.org:8443/base/workshops/12',
  language: 'en',
  ...overrides,
});

function parse(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

function onlyEvent(text: string): ICAL.Component {
  const events = parse(text).getAllSubcomponents('vevent');
  assert.equal(events.length, 1);
  return events[0]!;
}

function value(component: ICAL.Component, name: string): unknown {
  return component.getFirstPropertyValue(name);
}

/** The instant an iCalendar date-time stands for, resolved by ical.js through the file's own VTIMEZONE. */
function instantOf(component: ICAL.Component, name: string): string {
  return (value(component, name) as ICAL.Time).toJSDate().toISOString();
}

test('one event: the calendar, every field of the event and its place in the description, read back by ical.js', () => {
  const text = eventCalendar(workshop(), context());
  const calendar = parse(text);
  assert.equal(calendar.name, 'vcalendar');
  assert.equal(value(calendar, 'prodid'), '-//Kinga//Kinga workshops//EN');
  assert.equal(value(calendar, 'version'), '2.0');
  assert.equal(value(calendar, 'calscale'), 'GREGORIAN');
  assert.equal(value(calendar, 'method'), 'PUBLISH');
  assert.match(CALENDAR_CONTENT_TYPE, /method=PUBLISH/);

  const event = onlyEvent(text);
  assert.equal(value(event, 'uid'), 'ws-12@kinga.example.org');
  assert.equal(instantOf(event, 'dtstamp'), '2026-12-07T10:15:30.000Z');
  assert.equal(event.getFirstProperty('dtstart')!.getParameter('tzid'), 'Africa/Nairobi');
  assert.equal(event.getFirstProperty('dtend')!.getParameter('tzid'), 'Africa/Nairobi');
  assert.match(text, /\r\nDTSTART;TZID=Africa\/Nairobi:20261210T140000\r\n/);
  assert.match(text, /\r\nDTEND;TZID=Africa\/Nairobi:20261210T163000\r\n/);
  assert.equal(instantOf(event, 'dtstart'), '2026-12-10T11:00:00.000Z');
  assert.equal(instantOf(event, 'dtend'), '2026-12-10T13:30:00.000Z');
  assert.equal(value(event, 'summary'), 'Safe mobile money');
  assert.equal(event.getFirstProperty('summary')!.getParameter('language'), 'en');
  assert.equal(value(event, 'description'), 'How SIM-swap fraud works and how to stop it.\n\nAddress: Kenyatta Avenue 12, Nairobi');
  assert.equal(value(event, 'location'), 'Kenyatta Avenue 12, Nairobi');
  assert.equal(value(event, 'url'), 'https://kinga.example.org:8443/base/workshops/12');
  assert.equal(value(event, 'status'), 'CONFIRMED');
  assert.equal(value(event, 'sequence'), 0);
  const organizer = event.getFirstProperty('organizer')!;
  assert.equal(organizer.getFirstValue(), 'mailto:workshops@ca.example.org');
  assert.equal(organizer.getParameter('cn'), 'Communications Authority; Consumer desk');
  assert.equal(event.getFirstProperty('attendee'), null, 'a PUBLISH names no attendee');
});

test('an online event carries its link in the description and as its location', () => {
  const event = onlyEvent(eventCalendar(workshop({ place: { kind: 'online', link: 'https://meet.example.net/ws-12?pwd=a,b' } }), context()));
  assert.equal(value(event, 'description'), 'How SIM-swap fraud works and how to stop it.\n\nJoin online: https://meet.example.net/ws-12?pwd=a,b');
  assert.equal(value(event, 'location'), 'https://meet.example.net/ws-12?pwd=a,b');
});

const catalogs = loadCatalogs();

/** The labels as a reader of `language` gets them, from the module's catalogue through the platform's translator. */
function labelsIn(language: Language): CalendarContext['labels'] {
  const plain = catalogs.translator(language);
  const t = catalogs.direction(language) === 'rtl' ? isolateInterpolations(plain, catalogs, language) : plain;
  return {
    venue: (address) => t('learn.workshops.calendar.venue', { address }),
    online: (link) => t('learn.workshops.calendar.online', { link }),
  };
}

test("the place's line is said in the reader's language from the catalogue, a Latin address isolated in Arabic", () => {
  const inArabic = onlyEvent(eventCalendar(workshop(), { ...context(), labels: labelsIn('ar') }));
  assert.equal(value(inArabic, 'description'), 'How SIM-swap fraud works and how to stop it.\n\nالعنوان: \u2068Kenyatta Avenue 12, Nairobi\u2069');
  const inChinese = onlyEvent(
    eventCalendar(workshop({ place: { kind: 'online', link: 'https://meet.example.net/ws-12' } }), { ...context(), labels: labelsIn('zh') }),
  );
  assert.equal(value(inChinese, 'description'), 'How SIM-swap fraud works and how to stop it.\n\n在线参加：https://meet.example.net/ws-12');
  // English said for want of a translation leaves Kinga without its fallback marks.
  const marked = onlyEvent(eventCalendar(workshop(), { ...context(), labels: { venue: (a) => markFallback(`Address: ${a}`, 'fr'), online: (l) => l } }));
  assert.equal(value(marked, 'description'), 'How SIM-swap fraud works and how to stop it.\n\nAddress: Kenyatta Avenue 12, Nairobi');
});

test('TEXT escapes backslash, semicolon, comma and line breaks, drops other control characters, and reads back unchanged', () => {
  assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng');
  assert.equal(escapeText('tab\tkept, bell\u0007 and nul\u0000 dropped'), 'tab\tkept\\, bell and nul dropped');
  const title = 'Back\\slash; semi, comma\nnew line';
  const text = eventCalendar(workshop({ title }), context());
  assert.match(text, /\r\nSUMMARY;LANGUAGE=en:Back\\\\slash\\; semi\\, comma\\nnew line\r\n/);
  assert.equal(value(onlyEvent(text), 'summary'), title);
});

test('a line break in a title cannot add a property', () => {
  const text = eventCalendar(workshop({ title: 'Hi\r\nATTENDEE:mailto:evil@example.com\r\nSTATUS:CANCELLED' }), context());
  const event = onlyEvent(text);
  assert.equal(event.getFirstProperty('attendee'), null);
  assert.deepEqual(
    event.getAllProperties('status').map((p) => p.getFirstValue()),
    ['CONFIRMED'],
  );
  assert.equal(value(event, 'summary'), 'Hi\nATTENDEE:mailto:evil@example.com\nSTATUS:CANCELLED');
});

/** The physical lines of a calendar's bytes, each checked to end in CRLF. */
function physicalLines(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  assert.ok(text.endsWith('\r\n'), 'the last line ends in CRLF too');
  assert.doesNotMatch(text.replaceAll('\r\n', ''), /[\r\n]/, 'no bare CR or LF');
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i += 1) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 2;
    }
  }
  return lines;
}

test('lines end in CRLF and fold at 75 octets without cutting a UTF-8 character, in Arabic and Chinese', () => {
  const arabic = 'ورشة عمل: كيف تحمي محفظتك المالية على الهاتف المحمول من الاحتيال عبر تبديل بطاقة SIM، وما هي حقوقك كمستهلك';
  const chinese = '数字技能讲习班：如何保护您的手机钱包，防范SIM卡调换诈骗；了解您作为消费者的权益，以及如何向监管机构投诉。';
  const description = `${chinese}\n${arabic} 👩🏽‍💻`;
  const text = eventCalendar(workshop({ title: arabic, description, language: 'ar' }), context());
  const fatal = new TextDecoder('utf-8', { fatal: true });
  const lines = physicalLines(text);
  let continuations = 0;
  for (const line of lines) {
    assert.ok(line.length <= 75, `${line.length} octets: ${line.toString()}`);
    assert.doesNotThrow(() => fatal.decode(line), 'each line is whole UTF-8 on its own');
    if (line[0] === 0x20) continuations += 1;
  }
  assert.ok(continuations >= 6, `the long lines were folded (${continuations} continuations)`);
  // A folded line is full: it was cut only because the next character would not fit.
  for (let i = 0; i + 1 < lines.length; i += 1) {
    const next = lines[i + 1]!;
    if (next[0] !== 0x20) continue;
    const firstChar = Buffer.from([...next.subarray(1).toString('utf8')][0]!, 'utf8');
    assert.ok(lines[i]!.length + firstChar.length > 75, `line ${i} was folded early`);
  }
  const event = onlyEvent(text);
  assert.equal(value(event, 'summary'), arabic);
  assert.equal(value(event, 'description'), `${description}\n\nAddress: Kenyatta Avenue 12, Nairobi`);
});

test('foldLine: 75 octets stay on one line, the 76th goes to a continuation that starts with a space', () => {
  assert.equal(foldLine('x'.repeat(75)), 'x'.repeat(75));
  assert.equal(foldLine('x'.repeat(76)), `${'x'.repeat(75)}\r\n x`);
  assert.equal(foldLine('x'.repeat(74 + 74 + 75)), `${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n ${'x'.repeat(74)}`);
  // 73 octets, then a three-octet character that would make 76: it starts the next line whole.
  assert.equal(foldLine(`${'x'.repeat(73)}中文`), `${'x'.repeat(73)}\r\n 中文`);
  assert.equal(foldLine(`${'x'.repeat(72)}中文`), `${'x'.repeat(72)}中\r\n 文`);
  assert.equal(foldLine(`${'x'.repeat(74)}ع`), `${'x'.repeat(74)}\r\n ع`);
});

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of an instant in a zone, as Node's own time zone data gives it. */
function wallClock(at: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = wallFormats.get(timeZone);
  if (!format) {
    const options = {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    } as const;
    format = new Intl.DateTimeFormat('en-US', options);
    wallFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(at));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

function observances(text: string): { kind: string; start: string; from: string; to: string; name: string }[] {
  const zone = parse(text).getFirstSubcomponent('vtimezone')!;
  return zone.getAllSubcomponents().map((c) => ({
    kind: c.name,
    start: (value(c, 'dtstart') as ICAL.Time).toString(),
    from: c.getFirstProperty('tzoffsetfrom')!.toICALString().split(':')[1]!,
    to: c.getFirstProperty('tzoffsetto')!.toICALString().split(':')[1]!,
    name: String(value(c, 'tzname')),
  }));
}

/**
 * Every half hour of 2026 and 2027, as a local time of the calendar's VTIMEZONE, is read by ical.js
 * as the instant it is, per Node's own zone data; a local time that happens twice may be either
 * (ical.js takes the second; Kinga writes such times in UTC). (The other way, UTC to local, ical.js looks the offset up at the UTC
 * wall time, which is off near each change whatever the VTIMEZONE, so it proves nothing here.)
 */
function assertZoneMatches(text: string, timeZone: string): void {
  const zone = new ICAL.Timezone(parse(text).getFirstSubcomponent('vtimezone')!);
  assert.equal(zone.tzid, timeZone);
  const HOUR = 3_600_000;
  // From the first local day of 2026 (the VTIMEZONE starts there) to the last of 2027.
  for (let at = Date.UTC(2026, 0, 2); at < Date.UTC(2027, 11, 31); at += HOUR / 2) {
    const wall = wallClock(at, timeZone);
    const twin = [at - HOUR, at + HOUR].filter((other) => JSON.stringify(wallClock(other, timeZone)) === JSON.stringify(wall));
    const seen = new ICAL.Time({ ...wall, isDate: false }, zone).toUnixTime() * 1000;
    assert.ok([at, ...twin].includes(seen), `local ${JSON.stringify(wall)} read as ${new Date(seen).toISOString()}, not ${new Date(at).toISOString()}`);
  }
}

const twoYears = (timeZone: string): string =>
  feedCalendar(
    {
      title: 'Workshops',
      url: 'https://kinga.example.org/workshops/feed.ics',
      events: [workshop({ id: 'a' }), workshop({ id: 'b', start: new Date('2027-06-01T08:00:00Z'), end: new Date('2027-06-01T10:00:00Z') })],
    },
    context(timeZone),
  );

test('Africa/Nairobi, without daylight time: one standard observance at +0300 for the years the events span', () => {
  const text = twoYears('Africa/Nairobi');
  assert.deepEqual(observances(text), [{ kind: 'standard', start: '2026-01-01T00:00:00', from: '+0300', to: '+0300', name: '+03' }]);
  assertZoneMatches(text, 'Africa/Nairobi');
});

test('Europe/Paris: the offset on the first of January, then each change of 2026 and 2027, daylight and standard', () => {
  const text = twoYears('Europe/Paris');
  assert.deepEqual(observances(text), [
    { kind: 'standard', start: '2026-01-01T00:00:00', from: '+0100', to: '+0100', name: 'CET' },
    { kind: 'daylight', start: '2026-03-29T02:00:00', from: '+0100', to: '+0200', name: 'CEST' },
    { kind: 'standard', start: '2026-10-25T03:00:00', from: '+0200', to: '+0100', name: 'CET' },
    { kind: 'daylight', start: '2027-03-28T02:00:00', from: '+0100', to: '+0200', name: 'CEST' },
    { kind: 'standard', start: '2027-10-31T03:00:00', from: '+0200', to: '+0100', name: 'CET' },
  ]);
  assertZoneMatches(text, 'Europe/Paris');
  assert.deepEqual(
    offsetTransitions('Europe/Paris', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)).map((t) => new Date(t.at).toISOString()),
    ['2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z'],
  );
});

test('America/Santiago: southern summer time, changing at local midnight', () => {
  const text = twoYears('America/Santiago');
  assert.deepEqual(observances(text), [
    { kind: 'daylight', start: '2026-01-01T00:00:00', from: '-0300', to: '-0300', name: '-03' },
    { kind: 'standard', start: '2026-04-05T00:00:00', from: '-0300', to: '-0400', name: '-04' },
    { kind: 'daylight', start: '2026-09-06T00:00:00', from: '-0400', to: '-0300', name: '-03' },
    { kind: 'standard', start: '2027-04-04T00:00:00', from: '-0300', to: '-0400', name: '-04' },
    { kind: 'daylight', start: '2027-09-05T00:00:00', from: '-0400', to: '-0300', name: '-03' },
  ]);
  assertZoneMatches(text, 'America/Santiago');
  // An event starting in the hour that did not exist locally is written in the time it really shows.
  const event = onlyEvent(
    eventCalendar(workshop({ start: new Date('2026-09-06T04:30:00Z'), end: new Date('2026-09-06T06:00:00Z') }), context('America/Santiago')),
  );
  assert.equal(instantOf(event, 'dtstart'), '2026-09-06T04:30:00.000Z');
  assert.equal(instantOf(event, 'dtend'), '2026-09-06T06:00:00.000Z');
});

test('an instant in the hour that happens twice is written in UTC, the hours around it in local time', () => {
  // Paris, 25 October 2026: 02:30 local is 00:30 UTC (summer time) and again 01:30 UTC (winter time).
  const text = eventCalendar(workshop({ start: new Date('2026-10-25T00:30:00Z'), end: new Date('2026-10-25T01:30:00Z') }), context('Europe/Paris'));
  assert.match(text, /\r\nDTSTART:20261025T003000Z\r\n/);
  assert.match(text, /\r\nDTEND:20261025T013000Z\r\n/);
  const around = eventCalendar(workshop({ start: new Date('2026-10-24T23:59:59Z'), end: new Date('2026-10-25T02:00:00Z') }), context('Europe/Paris'));
  assert.match(around, /\r\nDTSTART;TZID=Europe\/Paris:20261025T015959\r\n/);
  assert.match(around, /\r\nDTEND;TZID=Europe\/Paris:20261025T030000\r\n/);
  const event = onlyEvent(text);
  assert.equal(instantOf(event, 'dtstart'), '2026-10-25T00:30:00.000Z');
  assert.equal(instantOf(event, 'dtend'), '2026-10-25T01:30:00.000Z');
});

test('the time zone covers an event in another year than the present', () => {
  const text = eventCalendar(workshop({ start: new Date('2028-07-01T08:00:00Z'), end: new Date('2028-07-01T09:00:00Z') }), context('Europe/Paris'));
  assert.deepEqual(
    observances(text).map((o) => o.start.slice(0, 4)),
    ['2026', '2026', '2026', '2027', '2027', '2028', '2028'],
  );
  assert.equal(instantOf(onlyEvent(text), 'dtstart'), '2028-07-01T08:00:00.000Z');
  assert.match(text, /DTSTART;TZID=Europe\/Paris:20280701T100000/);
});

test('a cancellation is the same event, one revision later, with status CANCELLED', () => {
  const first = workshop({ sequence: 2 });
  const before = onlyEvent(eventCalendar(first, context()));
  const after = onlyEvent(eventCalendar(cancelledEvent(first, new Date('2026-12-08T09:00:00Z')), context()));
  assert.equal(value(after, 'uid'), value(before, 'uid'));
  assert.equal(value(before, 'status'), 'CONFIRMED');
  assert.equal(value(after, 'status'), 'CANCELLED');
  assert.ok((value(after, 'sequence') as number) > (value(before, 'sequence') as number));
  assert.equal(value(after, 'sequence'), 3);
  assert.equal(instantOf(after, 'last-modified'), '2026-12-08T09:00:00.000Z');
});

test('a feed: its name and refresh, the events in start order with the UIDs of their attachments, cancelled ones kept', () => {
  const later = workshop({
    id: 'ws-20',
    title: 'Checking a phone before buying it',
    start: new Date('2027-01-15T06:00:00Z'),
    end: new Date('2027-01-15T08:00:00Z'),
  });
  const cancelled = cancelledEvent(
    workshop({ id: 'ws-07', start: new Date('2026-12-09T06:00:00Z'), end: new Date('2026-12-09T07:00:00Z') }),
    new Date('2026-12-05T00:00:00Z'),
  );
  const text = feedCalendar(
    {
      title: 'Workshops: Nairobi, mobile money',
      url: 'https://kinga.example.org/workshops/feeds/nairobi/mobile-money.ics',
      events: [later, workshop(), cancelled],
    },
    context(),
  );
  const calendar = parse(text);
  assert.equal(value(calendar, 'method'), 'PUBLISH');
  // ical.js knows neither NAME (RFC 7986) nor X-WR-CALNAME and hands them back as written, escaped as TEXT.
  assert.equal(value(calendar, 'name'), 'Workshops: Nairobi\\, mobile money');
  assert.equal(value(calendar, 'x-wr-calname'), 'Workshops: Nairobi\\, mobile money');
  assert.equal(value(calendar, 'source'), 'https://kinga.example.org/workshops/feeds/nairobi/mobile-money.ics');
  assert.equal(String(value(calendar, 'refresh-interval')), 'PT1H');
  assert.equal(calendar.getAllSubcomponents('vtimezone').length, 1);
  const events = calendar.getAllSubcomponents('vevent');
  assert.deepEqual(
    events.map((e) => [value(e, 'uid'), value(e, 'status'), value(e, 'sequence'), instantOf(e, 'dtstart')]),
    [
      ['ws-07@kinga.example.org', 'CANCELLED', 1, '2026-12-09T06:00:00.000Z'],
      ['ws-12@kinga.example.org', 'CONFIRMED', 0, '2026-12-10T11:00:00.000Z'],
      ['ws-20@kinga.example.org', 'CONFIRMED', 0, '2027-01-15T06:00:00.000Z'],
    ],
  );
  assert.equal(value(onlyEvent(eventCalendar(workshop(), context())), 'uid'), value(events[1]!, 'uid'));
});

test('an empty feed is still a calendar with a component', () => {
  const calendar = parse(feedCalendar({ title: 'Workshops', url: 'https://kinga.example.org/workshops/feed.ics', events: [] }, context()));
  assert.equal(calendar.getAllSubcomponents('vevent').length, 0);
  assert.equal(calendar.getAllSubcomponents('vtimezone').length, 1);
});

test('refuses an event that cannot be written truthfully', () => {
  assert.throws(() => eventCalendar(workshop({ id: 'a b@evil' }), context()), RangeError);
  assert.throws(() => eventCalendar(workshop({ sequence: -1 }), context()), RangeError);
  assert.throws(() => eventCalendar(workshop({ end: new Date('2026-12-10T11:00:00Z') }), context()), RangeError);
  assert.throws(() => eventCalendar(workshop({ url: 'javascript:alert(1)' }), context()), RangeError);
  assert.throws(() => eventCalendar(workshop({ place: { kind: 'online', link: 'not a link' } }), context()), TypeError);
  assert.throws(() => eventCalendar(workshop(), { ...context(), organizer: { name: 'x', email: 'a@b\r\nATTENDEE:x' } }), RangeError);
});
