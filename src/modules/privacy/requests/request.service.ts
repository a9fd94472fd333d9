import { randomBytes } from 'node:crypto';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import { localDateOf, type WorkCalendar } from '../../../platform/calendar.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { englishMessagesOf, type Translate } from '../../../platform/i18n/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { legalDates, type LegalClock } from '../../../platform/legal-clock.ts';
import { enqueueEmail, type SendLimiter } from '../../../platform/notify/index.ts';
import {
  decoyOneTimeCodeHash,
  generateOneTimeCode,
  hashOneTimeCode,
  judgeOneTimeCode,
  normaliseReference,
  randomReference,
  oneTimeCodeIssue,
} from '../../../platform/one-time-codes.ts';
import type { RecordKind, RetentionRule, SubjectIdentity } from '../../../platform/privacy/record-kinds.ts';
import { resolveRetentionSchedule } from '../../../platform/privacy/retention-schedule.ts';
import { maskNumber, oneTimeCodeSmsText, readMobileNumber, type SmsOutbox } from '../../../platform/sms/index.ts';
import type { ErasurePolicy, ErasureReport, Fulfilment } from '../fulfil/fulfilment.ts';
import type { PrivacyRequestEventRow, PrivacyRequestRow, PrivacyRequestSummaryRow, RequestRepository } from './request.repository.ts';
import {
  daysBetween,
  isActionAllowed,
  isOpenState,
  noonOf,
  REFUSAL_CODES,
  REQUEST_CHANNELS,
  REQUEST_STATES,
  REQUEST_TYPES,
  shiftDate,
  type NotifyBy,
  type RefusalCode,
  type RequestAction,
  type RequestChannel,
  type RequestState,
  type RequestType,
} from './request-rules.ts';

const CATALOGUE = new URL('./locales/', import.meta.url);
const english = englishMessagesOf(CATALOGUE);
const refusal = (key: string) => ({ key, english: english(key) });

/** A problem of a form: the field and the message key with its values. */
export interface RequestIssue {
  field: string;
  messageKey: string;
  values?: Record<string, string | number>;
}

/** What a step answers: its value, or the problems to show on the form. */
export type RequestOutcome<T> = { ok: true; value: T } | { ok: false; issues: RequestIssue[] };

/** The settings the service reads: the clock, the reminders and the codes' life. */
export interface RequestSettings {
  clock: LegalClock;
  remindDaysBefore: readonly number[];
  codeMinutes: number;
}

/** What the service needs. */
export interface RequestServiceDeps {
  repository: RequestRepository;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  jobs: JobQueue;
  sms: SmsOutbox;
  sendLimits: SendLimiter;
  fulfilment: Fulfilment;
  settings: RequestSettings;
  calendar: WorkCalendar;
  timeZone: string;
  /** ISO 3166-1 alpha-2: a number typed without its country code is read as this country's. */
  country: string;
  publicUrl: string;
  /** Every kind of record, and the profile's schedule, from which a request's policy is taken at receipt. */
  recordKinds: readonly RecordKind[];
  schedule: Readonly<Record<string, RetentionRule>>;
  /** The words of a language, for notices in the person's language. */
  translatorFor(language: Language): Translate;
  /** A local date said in a language ("2 March 2026"). */
  dateIn(language: Language, date: Date): string;
}

/** A request as staff open it, its personal values decrypted. */
export interface RequestDetail {
  request: PrivacyRequestRow & { type: RequestType; state: RequestState; channel: RequestChannel };
  identity: SubjectIdentity;
  contact: string;
  details: string;
  answer: string | null;
  erasure: ErasureReport | null;
  archive: { fileName: string; places: { kind: string; records: number }[]; createdAt: string } | null;
  events: (PrivacyRequestEventRow & { note: string | null })[];
  /** The actions allowed now, by the state, the type and the clock. */
  actions: RequestAction[];
  isOverdue: boolean;
}

/** What the follow page shows a person who proved their reference with a code. */
export interface FollowedRequest {
  reference: string;
  type: RequestType;
  state: RequestState;
  receivedOn: string;
  dueOn: string;
  isExtended: boolean;
  hasArchive: boolean;
  refusalCode: RefusalCode | null;
  erasure: ErasureReport | null;
}

/** A request staff enter from paper, the phone, a visit or an e-mail. */
export interface StaffEntry {
  type: string;
  channel: string;
  receivedOn: string;
  emails: string;
  phones: string;
  deviceIds: string;
  details: string;
  language: string;
  notifyBy: string;
  isIdentityChecked: boolean;
}

/** A staff action's input. */
export interface ActionInput {
  action: RequestAction;
  note?: string | undefined;
  refusalCode?: string | undefined;
}

/** Data-subject requests: filed by a person on the public pages or entered by staff, followed through their legal clock. */
export interface RequestService {
  today(): string;
  startRequest(input: {
    type: string;
    email: string;
    phone: string;
    notifyBy: string;
    t: Translate;
    networkAddress: string;
  }): Promise<RequestOutcome<{ sessionToken: string }>>;
  sessionContact(token: string | undefined): Promise<{ notifyBy: NotifyBy; masked: string; purpose: string } | undefined>;
  confirmCode(input: { token: string | undefined; code: string }): Promise<RequestOutcome<{ purpose: string }> | { ok: false; isSessionMissing: true }>;
  verifiedSession(token: string | undefined, purpose: 'file' | 'follow'): Promise<{ type: RequestType | null; requestId: string | null } | undefined>;
  submitRequest(input: {
    token: string | undefined;
    details: string;
    language: Language;
  }): Promise<RequestOutcome<{ reference: string; dueOn: string; notifyBy: NotifyBy }> | { ok: false; isSessionMissing: true }>;
  startFollow(input: { reference: string; t: Translate; networkAddress: string }): Promise<RequestOutcome<{ sessionToken: string }>>;
  follow(token: string | undefined): Promise<FollowedRequest | undefined>;
  followArchive(token: string | undefined): Promise<{ fileName: string; bytes: Buffer } | undefined>;
  enterRequest(actor: Actor, entry: StaffEntry): Promise<RequestOutcome<{ id: string; reference: string }>>;
  listRequests(actor: Actor, filter: { state?: string | undefined; type?: string | undefined }): Promise<PrivacyRequestSummaryRow[]>;
  openRequest(actor: Actor, id: string): Promise<RequestDetail>;
  /** Takes a staff action (or the demo's, as the system) on a request; audited. */
  act(actor: Actor, id: string, input: ActionInput): Promise<RequestOutcome<null>>;
  /** Runs again every erasure that kept records for a reason that ends, under each request's own policy. */
  rerunPendingErasures(): Promise<number>;
  /** Open requests due in one of the reminder days or overdue, by due date. */
  remindersDue(): Promise<{ due: PrivacyRequestSummaryRow[]; overdue: PrivacyRequestSummaryRow[] }>;
  figures(): Promise<{ dueThisWeek: number; overdue: number }>;
}

// A session lives long enough to write a request, not longer.
const SESSION_MINUTES = 60;
const MAX_CODE_ATTEMPTS = 5;
const CODE_PURPOSE = 'privacy-request-session';
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const REFERENCE_PATTERN = /^DR(-[0-9A-Z]{4}){3}$/;
const SMS_PURPOSE = { code: 'privacy.request-code', notice: 'privacy.request-notice' } as const;
const MAX_DETAILS = 5000;
const MAX_NOTE = 2000;

const isType = (value: string): value is RequestType => (REQUEST_TYPES as readonly string[]).includes(value);
const isChannel = (value: string): value is RequestChannel => (REQUEST_CHANNELS as readonly string[]).includes(value);
const isRefusal = (value: string): value is RefusalCode => (REFUSAL_CODES as readonly string[]).includes(value);
const asState = (value: string): RequestState => ((REQUEST_STATES as readonly string[]).includes(value) ? (value as RequestState) : 'received');

/** The keyed hash of one of a person's identifiers (a lower-case address, an E.164 number, a device id), as requests store it. */
export function hashIdentityValue(keyring: Keyring, value: string): string {
  return keyring.hash(value, 'privacy_requests.identity');
}

/** Every keyed hash of an identity. */
export function identityHashes(keyring: Keyring, identity: SubjectIdentity): string[] {
  return [...identity.emails, ...identity.phones, ...identity.deviceIds.map((d) => `device:${d}`)].map((v) => hashIdentityValue(keyring, v));
}

/** The policy in force on the day of receipt: every kind's rule, the profile's or the kind's default. */
export function erasurePolicyOf(kinds: readonly RecordKind[], schedule: Readonly<Record<string, RetentionRule>>, receivedOn: string): ErasurePolicy {
  return { receivedOn, schedule: Object.fromEntries(resolveRetentionSchedule(kinds, schedule).map(({ kind, rule }) => [kind.name, rule])) };
}

/** Builds the requests service. */
export function createRequestService(deps: RequestServiceDeps): RequestService {
  const { repository, keyring, clock, ids, audit, settings } = deps;
  const today = () => localDateOf(clock.now(), deps.timeZone);
  const tokenHash = (token: string) => keyring.hash(token, 'privacy_request_sessions.token');
  const seal = (value: string, column: string) => keyring.encrypt(value, `privacy_requests.${column}`);
  const open = (value: string, column: string) => (value === '' ? '' : keyring.decrypt(value, `privacy_requests.${column}`));
  const identityOf = (row: PrivacyRequestRow): SubjectIdentity =>
    row.identity_enc === '' ? { emails: [], phones: [], deviceIds: [] } : (JSON.parse(open(row.identity_enc, 'identity')) as SubjectIdentity);

  const liveSession = async (token: string | undefined) => {
    if (!token) return undefined;
    const session = await repository.findSessionByTokenHash(tokenHash(token));
    if (!session || session.expires_at <= clock.now().toISOString()) return undefined;
    return session;
  };

  /** Reads an e-mail address or a mobile number; answers the normalised value or the issue. */
  const readContact = (email: string, phone: string, notifyBy: string): RequestOutcome<{ notifyBy: NotifyBy; value: string }> => {
    const address = email.trim().toLowerCase();
    const typed = phone.trim();
    if (address === '' && typed === '') return { ok: false, issues: [{ field: 'email', messageKey: 'privacy.requests.error.contactMissing' }] };
    const issues: RequestIssue[] = [];
    if (address !== '' && (address.length > 320 || !EMAIL_PATTERN.test(address)))
      issues.push({ field: 'email', messageKey: 'privacy.requests.error.emailInvalid' });
    const read = typed === '' ? undefined : readMobileNumber(typed.slice(0, 40), deps.country);
    if (read && !read.ok) issues.push({ field: 'phone', messageKey: 'privacy.requests.error.phoneInvalid' });
    const chosen: NotifyBy | undefined = notifyBy === 'email' || notifyBy === 'sms' ? notifyBy : address === '' ? 'sms' : typed === '' ? 'email' : undefined;
    if (chosen === undefined) issues.push({ field: 'notifyBy', messageKey: 'privacy.requests.error.notifyByMissing' });
    else if (chosen === 'email' && address === '') issues.push({ field: 'email', messageKey: 'privacy.requests.error.emailMissing' });
    else if (chosen === 'sms' && typed === '') issues.push({ field: 'phone', messageKey: 'privacy.requests.error.phoneMissing' });
    if (issues.length > 0 || chosen === undefined) return { ok: false, issues };
    return { ok: true, value: { notifyBy: chosen, value: chosen === 'sms' && read?.ok ? read.e164 : address } };
  };

  /** Sends a person a notice in their language, by the way they chose, in the caller's transaction. */
  const notify = async (
    trx: RequestRepository,
    row: Pick<PrivacyRequestRow, 'contact_enc' | 'notify_by' | 'language'>,
    key: string,
    values: Record<string, string>,
  ) => {
    if (row.contact_enc === '') return;
    const t = deps.translatorFor(row.language as Language);
    const to = open(row.contact_enc, 'contact');
    if (row.notify_by === 'sms') {
      await deps.sms.enqueue(trx.executor, { to, text: t(`${key}.sms`, values), purpose: SMS_PURPOSE.notice });
      return;
    }
    await enqueueEmail(deps.jobs, trx.executor, { to, subject: t(`${key}.subject`, values), text: t(`${key}.body`, values) });
  };

  const event = (trx: RequestRepository, requestId: string, kind: string, actorId: string | null, note?: string | null, details?: Record<string, unknown>) =>
    trx.insertEvent({
      id: ids(),
      request_id: requestId,
      at: clock.now().toISOString(),
      kind,
      actor_id: actorId,
      note_enc: note ? keyring.encrypt(note, 'privacy_request_events.note') : null,
      details_json: details ? JSON.stringify(details) : null,
    });

  /** Files a request and sends the person its reference and due date. */
  const createRequest = async (
    trx: RequestRepository,
    input: {
      type: RequestType;
      channel: RequestChannel;
      identity: SubjectIdentity;
      contact: { notifyBy: NotifyBy; value: string };
      details: string;
      language: Language;
      receivedOn: string;
      isIdentityProved: boolean;
      actor: Actor;
    },
  ) => {
    const id = ids();
    const reference = randomReference('DR');
    const dates = legalDates(deps.calendar, settings.clock, input.receivedOn, 0);
    const now = clock.now().toISOString();
    const waits = !input.isIdentityProved;
    const row = {
      id,
      reference,
      type: input.type,
      channel: input.channel,
      state: waits ? 'awaitingIdentity' : 'received',
      language: input.language,
      identity_enc: seal(JSON.stringify(input.identity), 'identity'),
      details_enc: seal(input.details, 'details'),
      contact_enc: seal(input.contact.value, 'contact'),
      notify_by: input.contact.notifyBy,
      policy_json: JSON.stringify(erasurePolicyOf(deps.recordKinds, deps.schedule, input.receivedOn)),
      received_on: input.receivedOn,
      due_on: dates.due,
      extended_due_on: dates.extendedDue,
      acknowledge_by: dates.acknowledgeBy,
      current_due_on: dates.due,
      is_extended: false,
      paused_days: 0,
      paused_since: waits ? input.receivedOn : null,
      refusal_code: null,
      answer_enc: null,
      erasure_report_json: null,
      is_erasure_pending: false,
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    await trx.insertRequest(row, identityHashes(keyring, input.identity));
    const actorId = input.actor.type === 'user' ? input.actor.id : null;
    await event(trx, id, 'received', actorId, null, { channel: input.channel });
    if (waits) await event(trx, id, 'paused', actorId, null, { reason: 'identity' });
    await audit.record(trx.executor, {
      actor: input.actor,
      action: 'privacy.request.received',
      entityType: 'privacy_request',
      entityId: id,
      details: { type: input.type, channel: input.channel },
    });
    await notify(trx, row, 'privacy.requests.notice.received', { reference, due: deps.dateIn(input.language, noonOf(dates.due)) });
    await event(trx, id, 'noticeSent', null, null, { notice: 'received', by: input.contact.notifyBy });
    return { id, reference, dueOn: dates.due };
  };

  const findOrThrow = async (trx: RequestRepository, id: string) => {
    const row = await trx.findRequest(id);
    if (!row) throw new NotFound('PRIVACY_REQUEST_NOT_FOUND', refusal('privacy.requests.refusal.notFound'));
    return row;
  };

  /** The actions allowed now: the state and type's, and an extension only before the first due date passes and when the clock allows one. */
  const actionsOf = (row: PrivacyRequestRow): RequestAction[] => {
    const all: RequestAction[] = [
      'identityProved',
      'pause',
      'resume',
      'extend',
      'markInProgress',
      'runAccess',
      'runErasure',
      'recordAnswer',
      'refuse',
      'withdraw',
    ];
    return all.filter((a) => {
      if (!isActionAllowed(a, asState(row.state), row.type as RequestType)) return false;
      if (a === 'extend') return row.extended_due_on !== null && !row.is_extended && today() <= row.due_on;
      return true;
    });
  };

  /** The dates again after the clock stood still for `pausedDays` in all. */
  const redated = (row: PrivacyRequestRow, pausedDays: number) => {
    const dates = legalDates(deps.calendar, settings.clock, row.received_on, pausedDays);
    return {
      due_on: dates.due,
      extended_due_on: dates.extendedDue,
      current_due_on: row.is_extended && dates.extendedDue ? dates.extendedDue : dates.due,
    };
  };

  const close = (state: RequestState) => ({ state, closed_at: clock.now().toISOString(), updated_at: clock.now().toISOString() });

  const act = async (actor: Actor, id: string, input: ActionInput): Promise<RequestOutcome<null>> => {
    const actorId = actor.type === 'user' ? actor.id : null;
    const note = (input.note ?? '').trim().slice(0, MAX_NOTE);
    const refused = () => new Conflict('PRIVACY_REQUEST_ACTION_REFUSED', refusal('privacy.requests.refusal.actionNotAllowed'));
    const before = await findOrThrow(repository, id);
    if (!actionsOf(before).includes(input.action)) throw refused();
    // The fulfilment reads every module's tables through the platform's database: it runs before the
    // transaction, which on SQLite holds the one connection until it ends.
    const archive =
      input.action === 'runAccess'
        ? await deps.fulfilment.accessArchive({ identity: identityOf(before), language: before.language as Language, reference: before.reference })
        : undefined;
    const report =
      input.action === 'runErasure'
        ? await deps.fulfilment.erase({ identity: identityOf(before), reference: before.reference, policy: JSON.parse(before.policy_json) as ErasurePolicy })
        : undefined;
    return repository.inTransaction(async (trx) => {
      const row = await findOrThrow(trx, id);
      if (!actionsOf(row).includes(input.action)) throw refused();
      const now = clock.now().toISOString();
      const day = today();
      const values = { reference: row.reference };
      switch (input.action) {
        case 'pause': {
          if (note === '') return { ok: false, issues: [{ field: 'note', messageKey: 'privacy.requests.error.reasonMissing' }] };
          await trx.updateRequest(id, { state: 'awaitingIdentity', paused_since: day, updated_at: now });
          await event(trx, id, 'paused', actorId, note, { reason: 'identity', stopsClock: settings.clock.stopsForIdentity });
          break;
        }
        case 'identityProved':
        case 'resume': {
          const paused = row.paused_since ? daysBetween(row.paused_since, day) : 0;
          const pausedDays = row.paused_days + (settings.clock.stopsForIdentity ? paused : 0);
          await trx.updateRequest(id, { state: 'received', paused_since: null, paused_days: pausedDays, ...redated(row, pausedDays), updated_at: now });
          await event(trx, id, input.action === 'resume' ? 'resumed' : 'identityProved', actorId, note || null, {
            pausedDays: paused,
            stopsClock: settings.clock.stopsForIdentity,
          });
          break;
        }
        case 'extend': {
          if (note === '') return { ok: false, issues: [{ field: 'note', messageKey: 'privacy.requests.error.reasonMissing' }] };
          const extendedDue = row.extended_due_on ?? row.due_on;
          await trx.updateRequest(id, { state: 'extended', is_extended: true, current_due_on: extendedDue, updated_at: now });
          await event(trx, id, 'extended', actorId, note, { from: row.due_on, to: extendedDue });
          await notify(trx, row, 'privacy.requests.notice.extended', { ...values, due: deps.dateIn(row.language as Language, noonOf(extendedDue)) });
          await event(trx, id, 'noticeSent', null, null, { notice: 'extended', by: row.notify_by });
          break;
        }
        case 'markInProgress': {
          await trx.updateRequest(id, { state: 'inProgress', updated_at: now });
          await event(trx, id, 'inProgress', actorId, note || null);
          break;
        }
        case 'runAccess': {
          if (!archive) throw refused();
          await trx.upsertArchive({
            request_id: id,
            file_name: archive.fileName,
            bytes_enc: keyring.encrypt(Buffer.from(archive.bytes).toString('base64'), 'privacy_request_archives.bytes'),
            places_json: JSON.stringify(archive.places),
            created_at: now,
          });
          await trx.updateRequest(id, close('answered'));
          await event(trx, id, 'accessRun', actorId, null, { places: archive.places.length, bytes: archive.bytes.length });
          await notify(trx, row, 'privacy.requests.notice.answered', values);
          await event(trx, id, 'noticeSent', null, null, { notice: 'answered', by: row.notify_by });
          break;
        }
        case 'runErasure': {
          if (!report) throw refused();
          // The answer is due now, with what was kept and why; records kept for a reason that ends are erased by a later run.
          await trx.updateRequest(id, { ...close('answered'), erasure_report_json: JSON.stringify(report), is_erasure_pending: !report.isFinal });
          await event(trx, id, 'erasureRun', actorId, null, erasureCounts(report));
          await notify(trx, row, 'privacy.requests.notice.answered', values);
          await event(trx, id, 'noticeSent', null, null, { notice: 'answered', by: row.notify_by });
          break;
        }
        case 'recordAnswer': {
          if (note === '') return { ok: false, issues: [{ field: 'note', messageKey: 'privacy.requests.error.answerMissing' }] };
          await trx.updateRequest(id, { ...close('answered'), answer_enc: seal(note, 'answer') });
          await event(trx, id, 'answered', actorId, null);
          await notify(trx, row, 'privacy.requests.notice.answered', values);
          await event(trx, id, 'noticeSent', null, null, { notice: 'answered', by: row.notify_by });
          break;
        }
        case 'refuse': {
          const code = input.refusalCode ?? '';
          if (!isRefusal(code)) return { ok: false, issues: [{ field: 'refusalCode', messageKey: 'privacy.requests.error.refusalMissing' }] };
          await trx.updateRequest(id, { ...close('refused'), refusal_code: code, answer_enc: note === '' ? null : seal(note, 'answer') });
          await event(trx, id, 'refused', actorId, note || null, { code });
          await notify(trx, row, 'privacy.requests.notice.refused', values);
          await event(trx, id, 'noticeSent', null, null, { notice: 'refused', by: row.notify_by });
          break;
        }
        case 'withdraw': {
          await trx.updateRequest(id, close('withdrawn'));
          await event(trx, id, 'withdrawn', actorId, note || null);
          break;
        }
      }
      await audit.record(trx.executor, {
        actor,
        action: `privacy.request.${input.action}`,
        entityType: 'privacy_request',
        entityId: id,
        details: { type: row.type },
      });
      return { ok: true, value: null };
    });
  };

  /** A session for an address or a number, with a code sent to it. */
  const openSession = async (input: {
    purpose: 'file' | 'follow';
    contact: { notifyBy: NotifyBy; value: string } | null;
    requestId: string | null;
    type: RequestType | null;
    t: Translate;
    networkAddress: string;
    limitKey: string;
  }) => {
    await deps.sendLimits.admitTyped({ networkAddress: input.networkAddress, recipient: input.contact?.value ?? input.limitKey });
    const now = clock.now();
    const id = ids();
    const sessionToken = randomBytes(32).toString('base64url');
    const code = generateOneTimeCode();
    // An unknown reference gets a session whose code nobody knows: the page answers the same, so references cannot be probed.
    const codeHash = input.contact ? hashOneTimeCode(keyring, CODE_PURPOSE, id, code) : decoyOneTimeCodeHash(keyring, CODE_PURPOSE, id);
    await repository.inTransaction(async (trx) => {
      await trx.deleteExpiredSessions(now.toISOString());
      await trx.insertSession({
        id,
        token_hash: tokenHash(sessionToken),
        purpose: input.purpose,
        request_id: input.requestId,
        contact_enc: input.contact ? keyring.encrypt(input.contact.value, 'privacy_request_sessions.contact') : '',
        contact_hash: input.contact ? hashIdentityValue(keyring, input.contact.value) : '',
        notify_by: input.contact?.notifyBy ?? 'email',
        type: input.type,
        code_hash: codeHash,
        code_expires_at: new Date(now.getTime() + settings.codeMinutes * 60_000).toISOString(),
        attempts: 0,
        is_verified: false,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_MINUTES * 60_000).toISOString(),
      });
      if (!input.contact) return;
      if (input.contact.notifyBy === 'sms') {
        const message = input.t('privacy.requests.code.sms', { code, minutes: settings.codeMinutes });
        await deps.sms.enqueue(trx.executor, { to: input.contact.value, text: oneTimeCodeSmsText(message, deps.publicUrl, code), purpose: SMS_PURPOSE.code });
        return;
      }
      await enqueueEmail(deps.jobs, trx.executor, {
        to: input.contact.value,
        subject: input.t('privacy.requests.code.subject'),
        text: input.t('privacy.requests.code.body', { code, minutes: settings.codeMinutes }),
      });
    });
    return sessionToken;
  };

  return {
    today,

    async startRequest({ type, email, phone, notifyBy, t, networkAddress }) {
      const issues: RequestIssue[] = [];
      if (!isType(type)) issues.push({ field: 'type', messageKey: 'privacy.requests.error.typeMissing' });
      const contact = readContact(email, phone, notifyBy);
      if (!contact.ok) issues.push(...contact.issues);
      if (issues.length > 0 || !contact.ok || !isType(type)) return { ok: false, issues };
      const sessionToken = await openSession({
        purpose: 'file',
        contact: contact.value,
        requestId: null,
        type,
        t,
        networkAddress,
        limitKey: contact.value.value,
      });
      return { ok: true, value: { sessionToken } };
    },

    async sessionContact(token) {
      const session = await liveSession(token);
      if (!session) return undefined;
      const value = session.contact_enc === '' ? '' : keyring.decrypt(session.contact_enc, 'privacy_request_sessions.contact');
      const masked = session.notify_by === 'sms' ? maskNumber(value) : maskEmail(value);
      return { notifyBy: session.notify_by as NotifyBy, masked, purpose: session.purpose };
    },

    async confirmCode({ token, code }) {
      const session = await liveSession(token);
      if (!session) return { ok: false, isSessionMissing: true };
      const verdict = judgeOneTimeCode({
        keyring,
        purpose: CODE_PURPOSE,
        subject: session.id,
        stored: { codeHash: session.code_hash, attempts: session.attempts, expiresAt: session.code_expires_at },
        typed: code,
        now: clock.now(),
        maxAttempts: MAX_CODE_ATTEMPTS,
      });
      const ended = oneTimeCodeIssue(verdict, 'privacy.requests.error');
      if (ended) return { ok: false, issues: [ended] };
      const isRight = verdict === 'ok';
      await repository.recordCodeAttempt(session.id, session.attempts + 1, isRight || Boolean(session.is_verified));
      if (!isRight) return { ok: false, issues: [{ field: 'code', messageKey: 'privacy.requests.error.codeWrong' }] };
      return { ok: true, value: { purpose: session.purpose } };
    },

    async verifiedSession(token, purpose) {
      const session = await liveSession(token);
      if (!session || !session.is_verified || session.purpose !== purpose) return undefined;
      return { type: session.type && isType(session.type) ? session.type : null, requestId: session.request_id };
    },

    async submitRequest({ token, details, language }) {
      const session = await liveSession(token);
      if (!session || !session.is_verified || session.purpose !== 'file' || !session.type || !isType(session.type))
        return { ok: false, isSessionMissing: true };
      const text = details.trim();
      if (text === '') return { ok: false, issues: [{ field: 'details', messageKey: 'privacy.requests.error.detailsMissing' }] };
      if (text.length > MAX_DETAILS)
        return { ok: false, issues: [{ field: 'details', messageKey: 'privacy.requests.error.detailsTooLong', values: { max: MAX_DETAILS } }] };
      const value = keyring.decrypt(session.contact_enc, 'privacy_request_sessions.contact');
      const notifyBy = session.notify_by as NotifyBy;
      const identity: SubjectIdentity = notifyBy === 'sms' ? { emails: [], phones: [value], deviceIds: [] } : { emails: [value], phones: [], deviceIds: [] };
      const type = session.type;
      const created = await repository.inTransaction(async (trx) => {
        const made = await createRequest(trx, {
          type,
          channel: 'web',
          identity,
          contact: { notifyBy, value },
          details: text,
          language,
          receivedOn: today(),
          isIdentityProved: true,
          actor: { type: 'system', id: null },
        });
        await trx.deleteSession(session.id);
        return made;
      });
      return { ok: true, value: { reference: created.reference, dueOn: created.dueOn, notifyBy } };
    },

    async startFollow({ reference, t, networkAddress }) {
      const typed = normaliseReference(reference).slice(0, 40);
      if (!REFERENCE_PATTERN.test(typed)) return { ok: false, issues: [{ field: 'reference', messageKey: 'privacy.requests.error.referenceFormat' }] };
      const row = await repository.findByReference(typed);
      const contact = row && row.contact_enc !== '' ? { notifyBy: row.notify_by as NotifyBy, value: open(row.contact_enc, 'contact') } : null;
      const sessionToken = await openSession({
        purpose: 'follow',
        contact,
        requestId: contact ? (row?.id ?? null) : null,
        type: null,
        t,
        networkAddress,
        limitKey: typed,
      });
      return { ok: true, value: { sessionToken } };
    },

    async follow(token) {
      const session = await liveSession(token);
      if (!session || !session.is_verified || session.purpose !== 'follow' || !session.request_id) return undefined;
      const row = await repository.findRequest(session.request_id);
      if (!row) return undefined;
      const archive = await repository.findArchive(row.id);
      return {
        reference: row.reference,
        type: row.type as RequestType,
        state: asState(row.state),
        receivedOn: row.received_on,
        dueOn: row.current_due_on,
        isExtended: Boolean(row.is_extended),
        hasArchive: archive !== undefined && row.state === 'answered',
        refusalCode: row.refusal_code && isRefusal(row.refusal_code) ? row.refusal_code : null,
        erasure: row.erasure_report_json ? (JSON.parse(row.erasure_report_json) as ErasureReport) : null,
      };
    },

    async followArchive(token) {
      const session = await liveSession(token);
      if (!session || !session.is_verified || session.purpose !== 'follow' || !session.request_id) return undefined;
      const archive = await repository.findArchive(session.request_id);
      if (!archive) return undefined;
      await repository.inTransaction(async (trx) => {
        await event(trx, session.request_id ?? '', 'archiveDownloaded', null);
      });
      return { fileName: archive.file_name, bytes: Buffer.from(keyring.decrypt(archive.bytes_enc, 'privacy_request_archives.bytes'), 'base64') };
    },

    async enterRequest(actor, entry) {
      const issues: RequestIssue[] = [];
      if (!isType(entry.type)) issues.push({ field: 'type', messageKey: 'privacy.requests.error.typeMissing' });
      if (!isChannel(entry.channel) || entry.channel === 'web') issues.push({ field: 'channel', messageKey: 'privacy.requests.error.channelMissing' });
      const receivedOn = entry.receivedOn.trim();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn) || Number.isNaN(Date.parse(receivedOn)) || new Date(receivedOn).toISOString().slice(0, 10) !== receivedOn)
        issues.push({ field: 'receivedOn', messageKey: 'privacy.requests.error.receivedOnInvalid' });
      else if (receivedOn > today()) issues.push({ field: 'receivedOn', messageKey: 'privacy.requests.error.receivedOnFuture' });
      const split = (text: string) =>
        text
          .split(/[\n,;]+/)
          .map((s) => s.trim())
          .filter((s) => s !== '')
          .slice(0, 10);
      const emails = split(entry.emails).map((e) => e.toLowerCase());
      if (emails.some((e) => e.length > 320 || !EMAIL_PATTERN.test(e))) issues.push({ field: 'emails', messageKey: 'privacy.requests.error.emailInvalid' });
      const phones: string[] = [];
      for (const p of split(entry.phones)) {
        const read = readMobileNumber(p.slice(0, 40), deps.country);
        if (!read.ok) {
          issues.push({ field: 'phones', messageKey: 'privacy.requests.error.phoneInvalid' });
          break;
        }
        phones.push(read.e164);
      }
      const deviceIds = split(entry.deviceIds).map((d) => d.slice(0, 100));
      if (emails.length === 0 && phones.length === 0) issues.push({ field: 'emails', messageKey: 'privacy.requests.error.contactMissing' });
      const details = entry.details.trim();
      if (details === '') issues.push({ field: 'details', messageKey: 'privacy.requests.error.detailsMissing' });
      else if (details.length > MAX_DETAILS)
        issues.push({ field: 'details', messageKey: 'privacy.requests.error.detailsTooLong', values: { max: MAX_DETAILS } });
      const notifyBy: NotifyBy | undefined = entry.notifyBy === 'sms' ? 'sms' : entry.notifyBy === 'email' ? 'email' : undefined;
      if (notifyBy === undefined) issues.push({ field: 'notifyBy', messageKey: 'privacy.requests.error.notifyByMissing' });
      else if (notifyBy === 'sms' && phones.length === 0) issues.push({ field: 'phones', messageKey: 'privacy.requests.error.phoneMissing' });
      else if (notifyBy === 'email' && emails.length === 0) issues.push({ field: 'emails', messageKey: 'privacy.requests.error.emailMissing' });
      if (issues.length > 0 || !isType(entry.type) || !isChannel(entry.channel) || notifyBy === undefined) return { ok: false, issues };
      const language = (entry.language || 'en') as Language;
      const contactValue = notifyBy === 'sms' ? (phones[0] ?? '') : (emails[0] ?? '');
      const type = entry.type;
      const channel = entry.channel;
      const made = await repository.inTransaction((trx) =>
        createRequest(trx, {
          type,
          channel,
          identity: { emails, phones, deviceIds },
          contact: { notifyBy, value: contactValue },
          details,
          language,
          receivedOn,
          isIdentityProved: entry.isIdentityChecked,
          actor,
        }),
      );
      return { ok: true, value: { id: made.id, reference: made.reference } };
    },

    async listRequests(actor, filter) {
      const state = filter.state && (REQUEST_STATES as readonly string[]).includes(filter.state) ? filter.state : undefined;
      const type = filter.type && isType(filter.type) ? filter.type : undefined;
      const rows = await repository.listRequests({ state, type, limit: 500 });
      await audit.record(repository.executor, { actor, action: 'privacy.request.listed', entityType: 'privacy_request', details: { rows: rows.length } });
      return rows;
    },

    async openRequest(actor, id) {
      const row = await findOrThrow(repository, id);
      await audit.record(repository.executor, { actor, action: 'privacy.request.viewed', entityType: 'privacy_request', entityId: id });
      const archive = await repository.findArchive(id);
      const events = await repository.listEvents(id);
      return {
        request: row as RequestDetail['request'],
        identity: identityOf(row),
        contact: open(row.contact_enc, 'contact'),
        details: open(row.details_enc, 'details'),
        answer: row.answer_enc ? open(row.answer_enc, 'answer') : null,
        erasure: row.erasure_report_json ? (JSON.parse(row.erasure_report_json) as ErasureReport) : null,
        archive: archive
          ? { fileName: archive.file_name, places: JSON.parse(archive.places_json) as { kind: string; records: number }[], createdAt: archive.created_at }
          : null,
        events: events.map((e) => ({ ...e, note: e.note_enc ? keyring.decrypt(e.note_enc, 'privacy_request_events.note') : null })),
        actions: actionsOf(row),
        isOverdue: isOpenState(asState(row.state)) && row.current_due_on < today(),
      };
    },

    act,

    async rerunPendingErasures() {
      const pending = await repository.listPendingErasures();
      for (const row of pending) {
        if (row.identity_enc === '') continue;
        const report = await deps.fulfilment.erase({
          identity: identityOf(row),
          reference: row.reference,
          policy: JSON.parse(row.policy_json) as ErasurePolicy,
        });
        await repository.inTransaction(async (trx) => {
          await trx.updateRequest(row.id, {
            erasure_report_json: JSON.stringify(report),
            is_erasure_pending: !report.isFinal,
            updated_at: clock.now().toISOString(),
          });
          await event(trx, row.id, 'erasureRerun', null, null, erasureCounts(report));
          await audit.record(trx.executor, {
            actor: { type: 'system', id: null },
            action: 'privacy.request.erasureRerun',
            entityType: 'privacy_request',
            entityId: row.id,
            details: { isFinal: report.isFinal },
          });
        });
      }
      return pending.length;
    },

    async remindersDue() {
      const day = today();
      const horizon = Math.max(0, ...settings.remindDaysBefore);
      const rows = await repository.listOpenDueBy(shiftDate(day, horizon));
      return {
        overdue: rows.filter((r) => r.current_due_on < day),
        due: rows.filter((r) => r.current_due_on >= day && settings.remindDaysBefore.includes(daysBetween(day, r.current_due_on))),
      };
    },

    async figures() {
      const day = today();
      return { dueThisWeek: await repository.countOpenDueBetween(day, shiftDate(day, 7)), overdue: await repository.countOpenDueBefore(day) };
    },
  };
}

/** What an erasure did, in counts, for the event log (never an id of a kept record). */
function erasureCounts(report: ErasureReport): Record<string, number | boolean> {
  const sum = (pick: (k: ErasureReport['kinds'][number]) => number) => report.kinds.reduce((n, k) => n + pick(k), 0);
  return {
    erased: sum((k) => k.erased),
    anonymised: sum((k) => k.anonymised),
    kept: sum((k) => k.kept.length),
    operators: report.operatorIds.length,
    isFinal: report.isFinal,
  };
}

/** An address shown with most of its name hidden: `a•••@example.org`. */
export function maskEmail(address: string): string {
  const at = address.indexOf('@');
  if (at < 1) return '•••';
  return `${address.charAt(0)}•••${address.slice(at)}`;
}
