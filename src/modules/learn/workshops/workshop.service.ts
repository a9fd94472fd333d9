import { createHash, randomBytes } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { AuditEntry, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { Executor } from '../../../platform/db/index.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { SUPPORTED_LANGUAGES, type Language } from '../../../platform/jurisdiction.ts';
import { enqueueEmail } from '../../../platform/notify/index.ts';
import { readMobileNumber, type SmsOutbox } from '../../../platform/sms/index.ts';
import { csvRecord } from '../../../platform/csv-writer.ts';
import type { ErasureOutcome, KindErasure, RetentionRun, SubjectIdentity, SubjectRecord } from '../../../platform/privacy/record-kinds.ts';
import { runInBatches } from '../../../platform/privacy/retention-batches.ts';
import { CALENDAR_CONTENT_TYPE, eventCalendar, feedCalendar, type CalendarContext, type CalendarEvent } from './icalendar.ts';
import type { EventFilter, RegistrationRow, WorkshopEventRow, WorkshopRepository, WorkshopTextRow } from './workshop.repository.ts';
import { ARRANGEMENTS, AUDIENCES, type WorkshopsSettings } from './workshops.settings.ts';
import { WORKSHOP_PATHS, workshopPath } from './workshop.paths.ts';
import { localeOf } from '../../../platform/i18n/index.ts';

/** The states of an event. */
export const EVENT_STATES = ['draft', 'published', 'cancelled'] as const;

/** A field of a form and the catalogue key of what is wrong with it. */
export interface WorkshopIssue {
  field: string;
  key: string;
}

/** A member of staff acting. */
export interface WorkshopStaff {
  userId: string;
}

/** What staff type for an event, every value as the form sent it. */
export interface EventInput {
  texts: Partial<Record<Language, { title: string; description: string }>>;
  heldLanguage: string;
  topic: string;
  audience: string;
  placeKind: string;
  region: string;
  address: string;
  onlineLink: string;
  /** The local date (`YYYY-MM-DD`) in the jurisdiction's zone. */
  date: string;
  /** Local times `HH:MM`. */
  startTime: string;
  endTime: string;
  capacity: string;
  arrangements: readonly string[];
}

/** What a person types to register. */
export interface RegistrationInput {
  name: string;
  /** An e-mail address or a mobile number. */
  contact: string;
  needs: string;
  consent: string;
}

/** An event as pages show it, in the reader's language where it was written. */
export interface EventView {
  id: string;
  state: string;
  sequence: number;
  title: string;
  /** Markdown, rendered by the view. */
  description: string;
  /** The language the title and description are written in (the reader's, or the source language). */
  textLanguage: Language;
  isTranslated: boolean;
  heldLanguage: string;
  topic: string;
  audience: string;
  placeKind: 'venue' | 'online';
  region: string | null;
  address: string | null;
  onlineLink: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  arrangements: string[];
  confirmed: number;
  waiting: number;
  /** Registration is open now (published, not closed by the time, not started). */
  isOpen: boolean;
  isPast: boolean;
}

/** An event as the staff form shows it. */
export interface EventEditView {
  event: EventView;
  input: EventInput;
}

/** A registration as staff see it, its personal values opened. */
export interface RegistrationView {
  id: string;
  status: string;
  registeredAt: string;
  name: string;
  contactKind: 'email' | 'phone';
  contact: string;
  needs: string;
  language: string;
  attended: boolean;
  isErased: boolean;
}

/** The feedback of one event: counts per rating and the comments, never who gave them. */
export interface FeedbackResults {
  count: number;
  average: number | null;
  byRating: number[];
  comments: string[];
}

/** A registration as its holder sees it through their private link. */
export interface OwnRegistrationView {
  event: EventView;
  status: string;
  canCancel: boolean;
  canGiveFeedback: boolean;
  hasGivenFeedback: boolean;
}

/** The public list's filters as typed. */
export interface ListQuery {
  region?: string | undefined;
  topic?: string | undefined;
  language?: string | undefined;
  arrangement?: string | undefined;
}

/** What a change asked of the service came to. */
export type WorkshopOutcome<T> =
  | ({ ok: true } & T)
  | { ok: false; problem: 'notFound' | 'closed' | 'cancelled' | 'full' | 'already' | 'notAllowed' | 'conflict' }
  | { ok: false; problem: 'invalid'; issues: WorkshopIssue[] };

/** What the service needs. */
export interface WorkshopServiceDeps {
  repository: WorkshopRepository;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  jobs: JobQueue;
  sms: SmsOutbox;
  translator(language: Language): Translate;
  settings: WorkshopsSettings;
  timeZone: string;
  country: string;
  publicUrl: string;
  organizer: { name: string; email: string };
}

/** The workshops service: staff manage events, people register, feeds and feedback. */
export type WorkshopService = ReturnType<typeof createWorkshopService>;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const LIMITS = { title: 200, description: 20_000, name: 200, contact: 254, needs: 1000, comment: 2000, address: 500, link: 500 } as const;
const SMS_PURPOSE = {
  confirmed: 'learn.workshop-confirmed',
  waiting: 'learn.workshop-waiting',
  promoted: 'learn.workshop-promoted',
  cancelled: 'learn.workshop-cancelled',
  feedback: 'learn.workshop-feedback',
} as const;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A new private token: 32 random bytes, URL-safe. */
export function newRegistrationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The keyed hash under which a registration's token is stored. */
export function hashRegistrationToken(keyring: Keyring, token: string): string {
  return keyring.hash(token, 'learn_workshop_registrations.token');
}

/** The keyed hash of a contact, normalised (an address in lower case, a number in E.164). */
export function hashContact(keyring: Keyring, contact: string): string {
  return keyring.hash(contact, 'learn_workshop_registrations.contact');
}

/** The UTC instant of a local date and time in a zone (the first of two, the next that exists in a gap). */
export function instantOf(date: string, time: string, timeZone: string): Date {
  return new Date(Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds);
}

/** The local date and time (`YYYY-MM-DD`, `HH:MM`) of an instant in a zone. */
export function localOf(iso: string, timeZone: string): { date: string; time: string } {
  const zoned = Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone);
  return { date: zoned.toPlainDate().toString(), time: zoned.toPlainTime().toString({ smallestUnit: 'minute' }) };
}

function isLanguage(value: string): value is Language {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** Creates the service. */
export function createWorkshopService(deps: WorkshopServiceDeps) {
  const { repository, keyring, clock, ids, audit, jobs, sms, settings, timeZone } = deps;
  const regionCodes = new Set(settings.regions.map((r) => r.code));
  const seal = (value: string, column: string) => keyring.encrypt(value, `learn_workshop_registrations.${column}`);
  const open = (value: string | null, column: string) => (value === null ? '' : keyring.decrypt(value, `learn_workshop_registrations.${column}`));

  /** Cancels a registration within `trx` and gives its seat to the person waiting longest, who is told. */
  async function cancelWithin(trx: WorkshopRepository, registration: RegistrationRow): Promise<WorkshopOutcome<{ promoted: boolean }>> {
    const event = await trx.lockEvent(registration.event_id);
    if (!event) return { ok: false, problem: 'notFound' } as const;
    const now = clock.now();
    if (event.state !== 'published' || now.getTime() >= new Date(event.starts_at).getTime()) return { ok: false, problem: 'closed' } as const;
    const moved = await trx.moveRegistration(registration.id, registration.status, 'cancelled', now.toISOString());
    if (!moved || registration.status === 'cancelled') return { ok: false, problem: 'already' } as const;
    await audit.record(trx.executor, {
      actor: systemActor,
      action: 'learn.workshop.registration_cancelled',
      entityType: 'learn_workshop_registration',
      entityId: registration.id,
      details: { eventId: event.id, was: registration.status },
    });
    if (registration.status !== 'confirmed') return { ok: true, promoted: false } as const;
    const next = await trx.firstWaiting(event.id);
    if (!next || !(await trx.moveRegistration(next.id, 'waiting', 'confirmed', null))) return { ok: true, promoted: false } as const;
    // The promoted person gets a fresh link: theirs is only in their first message, which Kinga cannot read again.
    const nextToken = newRegistrationToken();
    await trx.replaceToken(next.id, hashRegistrationToken(keyring, nextToken));
    await audit.record(trx.executor, {
      actor: systemActor,
      action: 'learn.workshop.registration_promoted',
      entityType: 'learn_workshop_registration',
      entityId: next.id,
      details: { eventId: event.id },
    });
    const language: Language = isLanguage(next.language) ? next.language : 'en';
    const counts = (await trx.seatCounts([event.id])).get(event.id) ?? { confirmed: 0, waiting: 0 };
    const view = viewOf(event, await trx.listTexts([event.id]), counts, language, now);
    await tell(trx.executor, next, view, 'promoted', nextToken);
    return { ok: true, promoted: true } as const;
  }

  /** The contact hashes a person's proved addresses and numbers are stored under. */
  const personHashes = (identity: SubjectIdentity) => [
    ...identity.emails.map((email) => hashContact(keyring, `email:${email.trim().toLowerCase()}`)),
    ...identity.phones.map((phone) => hashContact(keyring, `phone:${phone}`)),
  ];
  const userActor = (staff: WorkshopStaff) => ({ type: 'user' as const, id: staff.userId });
  /** Records in the audit log what a member of staff did to an event. */
  const recordEventChange = (executor: Executor, staff: WorkshopStaff, action: string, eventId: string, details?: AuditEntry['details']) =>
    audit.record(executor, { actor: userActor(staff), action, entityType: 'learn_workshop_event', entityId: eventId, ...(details ? { details } : {}) });
  const systemActor = { type: 'system' as const, id: null };
  const feedCache = new Map<string, { at: number; text: string }>();

  function pickText(texts: readonly WorkshopTextRow[], event: WorkshopEventRow, language: Language): { text: WorkshopTextRow | undefined; language: Language } {
    const own = texts.find((t) => t.language === language);
    if (own) return { text: own, language };
    const source = texts.find((t) => t.language === event.source_language) ?? texts[0];
    return { text: source, language: source && isLanguage(source.language) ? source.language : 'en' };
  }

  function viewOf(
    event: WorkshopEventRow,
    texts: readonly WorkshopTextRow[],
    counts: { confirmed: number; waiting: number },
    language: Language,
    now: Date,
  ): EventView {
    const picked = pickText(
      texts.filter((t) => t.event_id === event.id),
      event,
      language,
    );
    const startsAt = new Date(event.starts_at).getTime();
    return {
      id: event.id,
      state: event.state,
      sequence: event.sequence,
      title: picked.text?.title ?? '',
      description: picked.text?.description ?? '',
      textLanguage: picked.language,
      isTranslated: picked.language === language,
      heldLanguage: event.held_language,
      topic: event.topic,
      audience: event.audience,
      placeKind: event.place_kind === 'online' ? 'online' : 'venue',
      region: event.region,
      address: event.address,
      onlineLink: event.online_link,
      startsAt: event.starts_at,
      endsAt: event.ends_at,
      capacity: event.capacity,
      arrangements: event.arrangements === '' ? [] : event.arrangements.split(','),
      confirmed: counts.confirmed,
      waiting: counts.waiting,
      isOpen: event.state === 'published' && now.getTime() < startsAt - settings.closeHoursBefore * HOUR_MS,
      isPast: new Date(event.ends_at).getTime() < now.getTime(),
    };
  }

  async function loadView(id: string, language: Language): Promise<EventView | undefined> {
    const event = await repository.findEvent(id);
    if (!event) return undefined;
    const [texts, counts] = await Promise.all([repository.listTexts([id]), repository.seatCounts([id])]);
    return viewOf(event, texts, counts.get(id) ?? { confirmed: 0, waiting: 0 }, language, clock.now());
  }

  function calendarEventOf(view: EventView): CalendarEvent {
    return {
      id: view.id,
      sequence: view.sequence,
      status: view.state === 'cancelled' ? 'cancelled' : 'confirmed',
      start: new Date(view.startsAt),
      end: new Date(view.endsAt),
      title: view.title,
      description: view.description,
      place: view.placeKind === 'online' ? { kind: 'online', link: view.onlineLink ?? deps.publicUrl } : { kind: 'venue', address: view.address ?? '' },
      url: new URL(workshopPath(WORKSHOP_PATHS.event, view.id), deps.publicUrl).href,
      language: view.textLanguage,
    };
  }

  function calendarContext(t: Translate): CalendarContext {
    return {
      publicUrl: deps.publicUrl,
      timeZone,
      organizer: deps.organizer,
      now: clock.now(),
      labels: { venue: (address) => t('learn.workshops.calendar.venue', { address }), online: (link) => t('learn.workshops.calendar.online', { link }) },
    };
  }

  function whenOf(view: EventView, language: Language): string {
    const format = new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'full', timeStyle: 'short', timeZone });
    const end = new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'short', timeZone });
    return `${format.format(new Date(view.startsAt))} – ${end.format(new Date(view.endsAt))}`;
  }

  function placeOf(view: EventView, t: Translate): string {
    return view.placeKind === 'online' ? t('learn.workshops.mail.online') : (view.address ?? '');
  }

  type Notice = 'confirmed' | 'waiting' | 'promoted' | 'cancelled' | 'feedback';

  /** Tells one person, in their language, by the contact they gave; the token's link when there is one. */
  async function tell(executor: Executor, registration: RegistrationRow, view: EventView, notice: Notice, token: string | null): Promise<void> {
    const language: Language = isLanguage(registration.language) ? registration.language : 'en';
    const t = deps.translator(language);
    const contact = open(registration.contact_enc, 'contact');
    if (contact === '') return;
    const link = token === null ? '' : new URL(workshopPath(WORKSHOP_PATHS.registration, token), deps.publicUrl).href;
    const values = { title: view.title, when: whenOf(view, language), place: placeOf(view, t), link };
    if (registration.contact_kind === 'phone') {
      await sms.enqueue(executor, { to: contact, text: t(`learn.workshops.sms.${notice}`, values), purpose: SMS_PURPOSE[notice] });
      return;
    }
    const withCalendar = notice === 'confirmed' || notice === 'promoted' || notice === 'cancelled';
    const calendarEvent = calendarEventOf(view);
    const calendar = withCalendar
      ? eventCalendar(notice === 'cancelled' ? { ...calendarEvent, status: 'cancelled' } : calendarEvent, calendarContext(t))
      : undefined;
    await enqueueEmail(jobs, executor, {
      to: contact,
      subject: t(`learn.workshops.mail.${notice}.subject`, values),
      text: t(`learn.workshops.mail.${notice}.body`, values),
      ...(calendar ? { attachments: [{ filename: `workshop-${view.id}.ics`, contentType: CALENDAR_CONTENT_TYPE, content: calendar }] } : {}),
    });
  }

  function checkEvent(input: EventInput): { issues: WorkshopIssue[]; row?: ReturnType<typeof rowOf> } {
    const issues: WorkshopIssue[] = [];
    const issue = (field: string, what: string) => issues.push({ field, key: `learn.workshops.staff.error.${what}` });
    const texts = SUPPORTED_LANGUAGES.flatMap((language) => {
      const text = input.texts[language];
      const title = (text?.title ?? '').trim();
      const description = (text?.description ?? '').trim();
      if (title === '' && description === '') return [];
      if (title === '') issue(`title_${language}`, 'titleMissing');
      if (title.length > LIMITS.title) issue(`title_${language}`, 'titleLong');
      if (description.length > LIMITS.description) issue(`description_${language}`, 'descriptionLong');
      return [{ language, title, description }];
    });
    if (texts.length === 0) issue('title_en', 'noText');
    if (!isLanguage(input.heldLanguage)) issue('heldLanguage', 'language');
    if (!(settings.topics as readonly string[]).includes(input.topic)) issue('topic', 'topic');
    if (!(AUDIENCES as readonly string[]).includes(input.audience)) issue('audience', 'audience');
    const placeKind = input.placeKind === 'online' ? 'online' : input.placeKind === 'venue' ? 'venue' : undefined;
    if (!placeKind) issue('placeKind', 'placeKind');
    const address = input.address.trim();
    const region = input.region.trim();
    let onlineLink = input.onlineLink.trim();
    if (placeKind === 'venue') {
      if (address === '' || address.length > LIMITS.address) issue('address', 'address');
      if (!regionCodes.has(region)) issue('region', 'region');
    }
    if (placeKind === 'online') {
      try {
        const url = new URL(onlineLink);
        if (url.protocol !== 'https:' || onlineLink.length > LIMITS.link) throw new RangeError('not https');
        onlineLink = url.href;
      } catch {
        issue('onlineLink', 'link');
      }
    }
    let startsAt: Date | undefined;
    let endsAt: Date | undefined;
    if (!DATE_PATTERN.test(input.date) || Number.isNaN(Date.parse(`${input.date}T00:00:00Z`))) issue('date', 'date');
    else if (!TIME_PATTERN.test(input.startTime)) issue('startTime', 'time');
    else if (!TIME_PATTERN.test(input.endTime)) issue('endTime', 'time');
    else {
      try {
        startsAt = instantOf(input.date, input.startTime, timeZone);
        endsAt = instantOf(input.date, input.endTime, timeZone);
        if (endsAt.getTime() <= startsAt.getTime()) issue('endTime', 'endBeforeStart');
      } catch {
        issue('date', 'date');
      }
    }
    const capacity = /^\d{1,6}$/.test(input.capacity.trim()) ? Number(input.capacity.trim()) : NaN;
    if (!(capacity >= 1 && capacity <= settings.maxCapacity)) issue('capacity', 'capacity');
    const offered = settings.arrangements as readonly string[];
    if (input.arrangements.some((a) => !offered.includes(a))) issue('arrangements', 'arrangement');
    if (issues.length > 0 || !placeKind || !startsAt || !endsAt) return { issues };
    const arrangements = ARRANGEMENTS.filter((a) => input.arrangements.includes(a)).join(',');
    return {
      issues,
      row: rowOf({ texts, placeKind, address, region, onlineLink, startsAt, endsAt, capacity, arrangements, input }),
    };
  }

  function rowOf(v: {
    texts: { language: Language; title: string; description: string }[];
    placeKind: 'venue' | 'online';
    address: string;
    region: string;
    onlineLink: string;
    startsAt: Date;
    endsAt: Date;
    capacity: number;
    arrangements: string;
    input: EventInput;
  }) {
    const held = v.input.heldLanguage;
    const source = v.texts.some((t) => t.language === held) ? held : (v.texts[0]?.language ?? 'en');
    return {
      event: {
        held_language: held,
        source_language: source,
        topic: v.input.topic,
        audience: v.input.audience,
        place_kind: v.placeKind,
        region: v.placeKind === 'venue' ? v.region : null,
        address: v.placeKind === 'venue' ? v.address : null,
        online_link: v.placeKind === 'online' ? v.onlineLink : null,
        starts_at: v.startsAt.toISOString(),
        ends_at: v.endsAt.toISOString(),
        capacity: v.capacity,
        arrangements: v.arrangements,
      },
      texts: v.texts,
    };
  }

  /** What the public registration form may refuse before any seat is looked at. */
  function checkRegistration(input: RegistrationInput): { issues: WorkshopIssue[]; contact?: { kind: 'email' | 'phone'; value: string } } {
    const issues: WorkshopIssue[] = [];
    const issue = (field: string, what: string) => issues.push({ field, key: `learn.workshops.register.error.${what}` });
    const name = input.name.trim();
    if (name === '') issue('name', 'nameMissing');
    else if (name.length > LIMITS.name) issue('name', 'nameLong');
    const typed = input.contact.trim();
    let contact: { kind: 'email' | 'phone'; value: string } | undefined;
    if (typed === '') issue('contact', 'contactMissing');
    else if (typed.includes('@')) {
      if (typed.length > LIMITS.contact || !EMAIL_PATTERN.test(typed)) issue('contact', 'email');
      else contact = { kind: 'email', value: typed.toLowerCase() };
    } else {
      const read = readMobileNumber(typed.slice(0, 40), deps.country);
      if (!read.ok) issue('contact', read.problem === 'not-mobile' ? 'notMobile' : 'phone');
      else contact = { kind: 'phone', value: read.e164 };
    }
    if (input.needs.length > LIMITS.needs) issue('needs', 'needsLong');
    if (input.consent !== 'yes') issue('consent', 'consent');
    return contact ? { issues, contact } : { issues };
  }

  return {
    /** The regions, topics and arrangements the pages offer. */
    settings,

    /** Upcoming published (and cancelled, shown as such) events, or past ones, filtered. */
    async list(query: ListQuery, language: Language, isPast: boolean, limit = 100): Promise<EventView[]> {
      const now = clock.now();
      const filter: EventFilter = {
        states: ['published', 'cancelled'],
        now: now.toISOString(),
        isPast,
        region: query.region && regionCodes.has(query.region) ? query.region : undefined,
        topic: query.topic && (settings.topics as readonly string[]).includes(query.topic) ? query.topic : undefined,
        language: query.language && isLanguage(query.language) ? query.language : undefined,
        arrangement: query.arrangement && (settings.arrangements as readonly string[]).includes(query.arrangement) ? query.arrangement : undefined,
        limit,
      };
      const events = await repository.listEvents(filter);
      const eventIds = events.map((e) => e.id);
      const [texts, counts] = await Promise.all([repository.listTexts(eventIds), repository.seatCounts(eventIds)]);
      return events.map((e) => viewOf(e, texts, counts.get(e.id) ?? { confirmed: 0, waiting: 0 }, language, now));
    },

    /** A public event (never a draft). */
    async event(id: string, language: Language): Promise<EventView | undefined> {
      const view = await loadView(id, language);
      return view && view.state !== 'draft' ? view : undefined;
    },

    /** The `.ics` feed of a region and topic (either may be absent), cached for the settings' seconds. */
    async feed(query: { region?: string | undefined; topic?: string | undefined }, language: Language, title: string, url: string): Promise<string> {
      const region = query.region && regionCodes.has(query.region) ? query.region : undefined;
      const topic = query.topic && (settings.topics as readonly string[]).includes(query.topic) ? query.topic : undefined;
      const key = `${language}|${region ?? ''}|${topic ?? ''}`;
      const cached = feedCache.get(key);
      const nowMs = clock.now().getTime();
      if (cached && nowMs - cached.at < settings.feedCacheSeconds * 1000) return cached.text;
      const since = new Date(nowMs - 30 * DAY_MS).toISOString();
      const events = await repository.listEvents({ states: ['published', 'cancelled'], now: since, isPast: false, region, topic, limit: 500 });
      const eventIds = events.map((e) => e.id);
      const texts = await repository.listTexts(eventIds);
      const views = events.map((e) => viewOf(e, texts, { confirmed: 0, waiting: 0 }, language, clock.now()));
      const text = feedCalendar({ title, url, events: views.map(calendarEventOf) }, calendarContext(deps.translator(language)));
      feedCache.set(key, { at: nowMs, text });
      return text;
    },

    /** Registers a person: a seat while there is one, else the waiting list; tells them by e-mail (with the calendar entry) or SMS. */
    async register(eventId: string, input: RegistrationInput, language: Language): Promise<WorkshopOutcome<{ status: 'confirmed' | 'waiting' }>> {
      const checked = checkRegistration(input);
      return repository.inTransaction(async (trx) => {
        const event = await trx.lockEvent(eventId);
        if (!event || event.state === 'draft') return { ok: false, problem: 'notFound' } as const;
        if (event.state === 'cancelled') return { ok: false, problem: 'cancelled' } as const;
        const now = clock.now();
        if (now.getTime() >= new Date(event.starts_at).getTime() - settings.closeHoursBefore * HOUR_MS) return { ok: false, problem: 'closed' } as const;
        if (checked.issues.length > 0 || !checked.contact) return { ok: false, problem: 'invalid', issues: checked.issues } as const;
        const contactHash = hashContact(keyring, `${checked.contact.kind}:${checked.contact.value}`);
        if (await trx.hasActiveRegistration(eventId, contactHash)) return { ok: false, problem: 'already' } as const;
        const counts = (await trx.seatCounts([eventId])).get(eventId) ?? { confirmed: 0, waiting: 0 };
        let status: 'confirmed' | 'waiting';
        if (counts.confirmed < event.capacity) status = 'confirmed';
        else if (counts.waiting < event.capacity) status = 'waiting';
        else return { ok: false, problem: 'full' } as const;
        const token = newRegistrationToken();
        const id = ids();
        const row = {
          id,
          event_id: eventId,
          status,
          registered_at: now.toISOString(),
          name_enc: seal(input.name.trim(), 'name'),
          contact_kind: checked.contact.kind,
          contact_enc: seal(checked.contact.value, 'contact'),
          contact_hash: contactHash,
          needs_enc: input.needs.trim() === '' ? null : seal(input.needs.trim(), 'needs'),
          language,
          token_hash: hashRegistrationToken(keyring, token),
          attended: false,
          feedback_given: false,
          cancelled_at: null,
          erased_at: null,
        };
        await trx.insertRegistration(row);
        await audit.record(trx.executor, {
          actor: systemActor,
          action: 'learn.workshop.registered',
          entityType: 'learn_workshop_registration',
          entityId: id,
          details: { eventId, status, contactKind: checked.contact.kind },
        });
        const view = viewOf(event, await trx.listTexts([eventId]), counts, language, now);
        await tell(trx.executor, { ...row, attended: false, feedback_given: false }, view, status, token);
        return { ok: true, status } as const;
      });
    },

    /** A registration as its holder sees it through the private link. */
    async ownRegistration(token: string, language: Language): Promise<OwnRegistrationView | undefined> {
      const registration = await repository.findRegistrationByTokenHash(hashRegistrationToken(keyring, token));
      if (!registration || registration.erased_at !== null) return undefined;
      const view = await loadView(registration.event_id, language);
      if (!view) return undefined;
      const now = clock.now().getTime();
      const isActive = registration.status === 'confirmed' || registration.status === 'waiting';
      const endsAt = new Date(view.endsAt).getTime();
      return {
        event: view,
        status: registration.status,
        canCancel: isActive && view.state === 'published' && now < new Date(view.startsAt).getTime(),
        canGiveFeedback:
          Boolean(registration.attended) &&
          !registration.feedback_given &&
          view.state === 'published' &&
          now >= endsAt &&
          now < endsAt + settings.feedbackDays * DAY_MS,
        hasGivenFeedback: Boolean(registration.feedback_given),
      };
    },

    /** Gives a seat or a place on the waiting list up; a seat goes to the person waiting longest, who is told. */
    async cancelRegistration(token: string): Promise<WorkshopOutcome<{ promoted: boolean }>> {
      return repository.inTransaction(async (trx) => {
        const registration = await trx.findRegistrationByTokenHash(hashRegistrationToken(keyring, token));
        if (!registration || registration.erased_at !== null) return { ok: false, problem: 'notFound' } as const;
        return cancelWithin(trx, registration);
      });
    },

    /** Records an attendee's feedback, once, without linking it to them. */
    async giveFeedback(token: string, input: { rating: string; comment: string }): Promise<WorkshopOutcome<object>> {
      const issues: WorkshopIssue[] = [];
      if (!/^[1-5]$/.test(input.rating)) issues.push({ field: 'rating', key: 'learn.workshops.feedback.error.rating' });
      if (input.comment.length > LIMITS.comment) issues.push({ field: 'comment', key: 'learn.workshops.feedback.error.commentLong' });
      return repository.inTransaction(async (trx) => {
        const registration = await trx.findRegistrationByTokenHash(hashRegistrationToken(keyring, token));
        if (!registration || registration.erased_at !== null) return { ok: false, problem: 'notFound' } as const;
        const event = await trx.findEvent(registration.event_id);
        if (!event) return { ok: false, problem: 'notFound' } as const;
        const now = clock.now().getTime();
        const endsAt = new Date(event.ends_at).getTime();
        if (!registration.attended || event.state !== 'published' || now < endsAt || now >= endsAt + settings.feedbackDays * DAY_MS)
          return { ok: false, problem: 'notAllowed' } as const;
        if (issues.length > 0) return { ok: false, problem: 'invalid', issues } as const;
        if (!(await trx.markFeedbackGiven(registration.id))) return { ok: false, problem: 'already' } as const;
        const comment = input.comment.trim();
        await trx.insertFeedback({
          id: ids(),
          event_id: event.id,
          rating: Number(input.rating),
          comment: comment === '' ? null : comment,
          given_on: new Date(now).toISOString().slice(0, 10),
        });
        return { ok: true } as const;
      });
    },

    /** Every event for staff, newest first, in the reader's language. */
    async staffList(language: Language): Promise<EventView[]> {
      const events = await repository.listAllEvents(500);
      const eventIds = events.map((e) => e.id);
      const [texts, counts] = await Promise.all([repository.listTexts(eventIds), repository.seatCounts(eventIds)]);
      const now = clock.now();
      return events.map((e) => viewOf(e, texts, counts.get(e.id) ?? { confirmed: 0, waiting: 0 }, language, now));
    },

    /** An event for the staff form, its values as typed. */
    async forEdit(id: string, language: Language): Promise<EventEditView | undefined> {
      const event = await repository.findEvent(id);
      if (!event) return undefined;
      const texts = await repository.listTexts([id]);
      const counts = (await repository.seatCounts([id])).get(id) ?? { confirmed: 0, waiting: 0 };
      const start = localOf(event.starts_at, timeZone);
      const end = localOf(event.ends_at, timeZone);
      return {
        event: viewOf(event, texts, counts, language, clock.now()),
        input: {
          texts: Object.fromEntries(texts.map((t) => [t.language, { title: t.title, description: t.description }])),
          heldLanguage: event.held_language,
          topic: event.topic,
          audience: event.audience,
          placeKind: event.place_kind,
          region: event.region ?? '',
          address: event.address ?? '',
          onlineLink: event.online_link ?? '',
          date: start.date,
          startTime: start.time,
          endTime: end.time,
          capacity: String(event.capacity),
          arrangements: event.arrangements === '' ? [] : event.arrangements.split(','),
        },
      };
    },

    /** Creates a draft event. */
    async createEvent(staff: WorkshopStaff, input: EventInput): Promise<WorkshopOutcome<{ id: string }>> {
      const checked = checkEvent(input);
      if (!checked.row) return { ok: false, problem: 'invalid', issues: checked.issues };
      const { event, texts } = checked.row;
      const id = ids();
      const now = clock.now().toISOString();
      await repository.inTransaction(async (trx) => {
        await trx.insertEvent(
          { id, state: 'draft', sequence: 0, ...event, created_at: now, updated_at: now, published_at: null, cancelled_at: null, feedback_sent_at: null },
          texts.map((t) => ({ event_id: id, ...t })),
        );
        await recordEventChange(trx.executor, staff, 'learn.workshop.created', id, {
          languages: texts.map((t) => t.language).join(','),
          capacity: event.capacity,
        });
      });
      return { ok: true, id };
    },

    /** Changes an event; once published, the calendar revision goes up (nothing is sent). */
    async updateEvent(staff: WorkshopStaff, id: string, input: EventInput): Promise<WorkshopOutcome<object>> {
      const checked = checkEvent(input);
      return repository.inTransaction(async (trx) => {
        const current = await trx.lockEvent(id);
        if (!current) return { ok: false, problem: 'notFound' } as const;
        if (current.state === 'cancelled') return { ok: false, problem: 'cancelled' } as const;
        if (!checked.row) return { ok: false, problem: 'invalid', issues: checked.issues } as const;
        const { event, texts } = checked.row;
        const counts = (await trx.seatCounts([id])).get(id) ?? { confirmed: 0, waiting: 0 };
        if (event.capacity < counts.confirmed)
          return { ok: false, problem: 'invalid', issues: [{ field: 'capacity', key: 'learn.workshops.staff.error.capacityBelowSeats' }] } as const;
        const sequence = current.state === 'published' ? current.sequence + 1 : current.sequence;
        await trx.updateEvent(
          id,
          { ...event, sequence, updated_at: clock.now().toISOString() },
          texts.map((t) => ({ event_id: id, ...t })),
        );
        await recordEventChange(trx.executor, staff, 'learn.workshop.changed', id, { sequence, capacity: event.capacity, startsAt: event.starts_at });
        feedCache.clear();
        return { ok: true } as const;
      });
    },

    /** Publishes a draft. */
    async publish(staff: WorkshopStaff, id: string): Promise<WorkshopOutcome<object>> {
      return repository.inTransaction(async (trx) => {
        const current = await trx.lockEvent(id);
        if (!current) return { ok: false, problem: 'notFound' } as const;
        if (current.state !== 'draft') return { ok: false, problem: 'conflict' } as const;
        const now = clock.now().toISOString();
        await trx.updateEvent(id, { state: 'published', published_at: now, updated_at: now });
        await recordEventChange(trx.executor, staff, 'learn.workshop.published', id);
        feedCache.clear();
        return { ok: true } as const;
      });
    },

    /** Cancels an event and tells everyone registered or waiting, each with the cancelled calendar entry. */
    async cancelEvent(staff: WorkshopStaff, id: string): Promise<WorkshopOutcome<{ told: number }>> {
      return repository.inTransaction(async (trx) => {
        const current = await trx.lockEvent(id);
        if (!current) return { ok: false, problem: 'notFound' } as const;
        if (current.state === 'cancelled') return { ok: false, problem: 'conflict' } as const;
        const now = clock.now();
        const wasPublished = current.state === 'published';
        const sequence = wasPublished ? current.sequence + 1 : current.sequence;
        await trx.updateEvent(id, { state: 'cancelled', sequence, cancelled_at: now.toISOString(), updated_at: now.toISOString() });
        const registrations = (await trx.listRegistrations(id)).filter((r) => r.status === 'confirmed' || r.status === 'waiting');
        const texts = await trx.listTexts([id]);
        for (const registration of registrations) {
          const language: Language = isLanguage(registration.language) ? registration.language : 'en';
          const view = viewOf({ ...current, state: 'cancelled', sequence }, texts, { confirmed: 0, waiting: 0 }, language, now);
          await tell(trx.executor, registration, view, 'cancelled', null);
        }
        await recordEventChange(trx.executor, staff, 'learn.workshop.cancelled', id, { told: registrations.length, sequence });
        feedCache.clear();
        return { ok: true, told: registrations.length } as const;
      });
    },

    /** The event's registrations with their personal values, for staff. */
    async registrations(id: string): Promise<RegistrationView[]> {
      const rows = await repository.listRegistrations(id);
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        registeredAt: r.registered_at,
        name: open(r.name_enc, 'name'),
        contactKind: r.contact_kind === 'phone' ? 'phone' : 'email',
        contact: open(r.contact_enc, 'contact'),
        needs: open(r.needs_enc, 'needs'),
        language: r.language,
        attended: Boolean(r.attended),
        isErased: r.erased_at !== null,
      }));
    },

    /** Marks who came among the confirmed registrations (the others are marked absent). */
    async markAttendance(staff: WorkshopStaff, id: string, attendedIds: readonly string[]): Promise<WorkshopOutcome<{ marked: number }>> {
      return repository.inTransaction(async (trx) => {
        const event = await trx.findEvent(id);
        if (!event) return { ok: false, problem: 'notFound' } as const;
        const marked = await trx.setAttendance(id, attendedIds.slice(0, 100_000));
        await recordEventChange(trx.executor, staff, 'learn.workshop.attendance', id, { marked });
        return { ok: true, marked } as const;
      });
    },

    /** The registrations as CSV (personal data), the export audited. */
    async exportCsv(staff: WorkshopStaff, id: string, t: Translate): Promise<string | undefined> {
      return repository.inTransaction(async (trx) => {
        const event = await trx.findEvent(id);
        if (!event) return undefined;
        const rows = await trx.listRegistrations(id);
        await recordEventChange(trx.executor, staff, 'learn.workshop.exported', id, { rows: rows.length });
        const header = csvRecord(
          ['status', 'registered_at', 'name', 'contact_kind', 'contact', 'needs', 'language', 'attended'].map((c) => t(`learn.workshops.csv.${c}`)),
        );
        const lines = rows.map((r) =>
          csvRecord([
            t(`learn.workshops.status.${r.status}`),
            r.registered_at,
            open(r.name_enc, 'name'),
            r.contact_kind,
            open(r.contact_enc, 'contact'),
            open(r.needs_enc, 'needs'),
            r.language,
            r.attended ? t('learn.workshops.csv.yes') : t('learn.workshops.csv.no'),
          ]),
        );
        return header + lines.join('');
      });
    },

    /** Sends each attendee of an ended event the link to the feedback form (a new private link); once per event. */
    async requestFeedback(staff: WorkshopStaff, id: string): Promise<WorkshopOutcome<{ asked: number }>> {
      return repository.inTransaction(async (trx) => {
        const event = await trx.lockEvent(id);
        if (!event) return { ok: false, problem: 'notFound' } as const;
        const now = clock.now();
        if (event.state !== 'published' || now.getTime() < new Date(event.ends_at).getTime()) return { ok: false, problem: 'notAllowed' } as const;
        if (event.feedback_sent_at !== null) return { ok: false, problem: 'already' } as const;
        const attendees = (await trx.listRegistrations(id)).filter((r) => r.status === 'confirmed' && Boolean(r.attended) && r.erased_at === null);
        const texts = await trx.listTexts([id]);
        for (const attendee of attendees) {
          const token = newRegistrationToken();
          await trx.replaceToken(attendee.id, hashRegistrationToken(keyring, token));
          const language: Language = isLanguage(attendee.language) ? attendee.language : 'en';
          await tell(trx.executor, attendee, viewOf(event, texts, { confirmed: 0, waiting: 0 }, language, now), 'feedback', token);
        }
        await trx.updateEvent(id, { feedback_sent_at: now.toISOString() });
        await recordEventChange(trx.executor, staff, 'learn.workshop.feedback_requested', id, { asked: attendees.length });
        return { ok: true, asked: attendees.length } as const;
      });
    },

    /** The event's feedback, as counts and comments. */
    async feedbackResults(id: string): Promise<FeedbackResults> {
      const rows = await repository.listFeedback(id);
      const byRating = [0, 0, 0, 0, 0];
      for (const row of rows) byRating[row.rating - 1] = (byRating[row.rating - 1] ?? 0) + 1;
      const total = rows.reduce((sum, r) => sum + r.rating, 0);
      // Comments are shown in an order of their own (by their text's hash), not the order given, which could name who wrote them.
      const comments = rows
        .flatMap((r) => (r.comment === null ? [] : [r.comment]))
        .sort((a, b) => createHash('sha256').update(a).digest('hex').localeCompare(createHash('sha256').update(b).digest('hex')));
      return { count: rows.length, average: rows.length === 0 ? null : Math.round((total / rows.length) * 10) / 10, byRating, comments };
    },

    /**
     * Applies the retention rule of registrations: erases the personal data of those whose event
     * ended before `run.cutoff`, a batch per transaction, or only counts them in a dry run.
     */
    async applyRegistrationRetention(run: RetentionRun): Promise<number> {
      const held = [...run.heldIds];
      const erased = await runInBatches(
        run,
        () => repository.countEndedRegistrations(run.cutoff, held),
        () => repository.eraseEndedRegistrations(run.cutoff, held, run.now),
      );
      if (erased > 0 && !run.dryRun)
        await audit.record(repository.executor, {
          actor: systemActor,
          action: 'learn.workshop.erased',
          entityType: 'learn_workshop_registration',
          details: { erased },
        });
      return erased;
    },

    /** Applies the retention rule of feedback: drops the comments of events ended before `run.cutoff`, ratings kept. */
    applyFeedbackRetention(run: RetentionRun): Promise<number> {
      const held = [...run.heldIds];
      return runInBatches(
        run,
        () => repository.countEndedComments(run.cutoff, held),
        () => repository.eraseEndedComments(run.cutoff, held),
      );
    },

    /** Every registration of a person, by the e-mail addresses and numbers they proved, decrypted. */
    async personRegistrations(identity: SubjectIdentity): Promise<SubjectRecord[]> {
      const rows = await repository.findRegistrationsByContactHashes(personHashes(identity));
      return rows.map((row) => ({
        id: row.id,
        createdAt: row.registered_at,
        fields: {
          eventId: row.event_id,
          eventStartsAt: row.starts_at,
          eventEndsAt: row.ends_at,
          status: row.status,
          name: open(row.name_enc, 'name'),
          contactKind: row.contact_kind,
          contact: open(row.contact_enc, 'contact'),
          needs: open(row.needs_enc, 'needs'),
          language: row.language,
          attended: Boolean(row.attended),
          feedbackGiven: Boolean(row.feedback_given),
          cancelledAt: row.cancelled_at,
        },
      }));
    },

    /**
     * Erases a person's registrations: one for an event still to come is cancelled first, as the
     * person would cancel it (the seat goes to the person waiting longest); the rows stay, without
     * anything personal, among the event's counts. Held ones are kept.
     */
    async erasePerson(identity: SubjectIdentity, context: { now: string; heldIds: ReadonlySet<string> }): Promise<KindErasure> {
      return repository.inTransaction(async (trx) => {
        const rows = await trx.findRegistrationsByContactHashes(personHashes(identity));
        const outcomes: ErasureOutcome[] = [];
        const erasable: string[] = [];
        for (const row of rows) {
          if (context.heldIds.has(row.id)) {
            outcomes.push({ id: row.id, result: 'kept', reason: 'legalHold' });
            continue;
          }
          if (row.status !== 'cancelled' && Date.parse(row.starts_at) > clock.now().getTime()) await cancelWithin(trx, row);
          erasable.push(row.id);
        }
        await trx.eraseRegistrations(erasable, context.now);
        for (const id of erasable) outcomes.push({ id, result: 'anonymised' });
        if (erasable.length > 0)
          await audit.record(trx.executor, {
            actor: systemActor,
            action: 'learn.workshop.erased',
            entityType: 'learn_workshop_registration',
            details: { erased: erasable.length },
          });
        return { outcomes, operatorIds: [] };
      });
    },
  };
}
