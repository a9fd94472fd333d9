import { randomBytes } from 'node:crypto';
import type { Actor, AuditEntry, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { NotFound, Conflict } from '../../../platform/http/errors.ts';
import { sniffMediaType, type SignedMediaType } from '../../../platform/http/file-signature.ts';
import { listValue, type ListValue, type Translate } from '../../../platform/i18n/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { enqueueEmail, type SendLimiter } from '../../../platform/notify/index.ts';
import { generateOneTimeCode, hashOneTimeCode, judgeOneTimeCode, oneTimeCodeIssue } from '../../../platform/one-time-codes.ts';
import { maskNumber, oneTimeCodeSmsText, readMobileNumber, type SmsOutbox } from '../../../platform/sms/index.ts';
import type { NewDeviceReportSessionRow } from '../devices.tables.ts';
import { analyseImei } from '../imei-check/imei.ts';
import { devicesRefusal } from '../device-messages.ts';
import type { TheftReportRepository, TheftReportRow, TheftReportSummaryRow } from './theft-report.repository.ts';

/** The catalogue beside this code: its English words are what the API and the command line say. */
const CATALOGUE = new URL('./locales/', import.meta.url);

/** A problem of a consumer form: the field and the message key with its values. */
export interface ReportIssue {
  field: string;
  messageKey: string;
  /** A list among them is said in the page's language. */
  values?: Record<string, string | number | ListValue>;
}

/** What the theft report steps answer. */
export type ReportOutcome<T> = { ok: true; value: T } | { ok: false; issues: ReportIssue[] };

/** Settings of the report flow, from the profile. */
export interface TheftReportSettings {
  /** Minutes a one-time code stays valid. */
  codeMinutes: number;
  /** The most IMEIs one report may name (dual-SIM phones have two). */
  maxImeis: number;
  /** The optional copy of the police report: largest size in bytes and the types accepted. */
  policeReportFile: { maxBytes: number; types: readonly SignedMediaType[] };
}

/** A police report file as the form brought it; its content decides its type, never its name. */
export interface PoliceReportUpload {
  filename: string;
  data: Buffer;
  /** The body went past the size limit while this file was read: `data` holds only its start. */
  isTooLarge: boolean;
}

/** The police report file of a report as staff see it before downloading it. */
export interface PoliceReportFileInfo {
  name: string;
  mediaType: string;
  sizeBytes: number;
}

/** A police report file to download. */
export interface PoliceReportFileContent {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/** A report as staff open it, with its personal values decrypted. */
export interface TheftReportDetail {
  report: TheftReportRow;
  /** Empty when the reporter gave only a mobile number. */
  email: string;
  /** The number the reporter proved for codes and notices, or null when they gave only an address. */
  contactPhone: string | null;
  msisdn: string;
  policeReference: string;
  /** Each IMEI: its 14-digit key, what the reporter typed, and the digits of that, to show (15 with the check digit). */
  imeis: { key: string; raw: string; digits: string }[];
  /** The uploaded copy of the police report, or null when the reporter gave only the reference. */
  policeReportFile: PoliceReportFileInfo | null;
  /** The report was closed longer ago than the retention: its contacts, reference and file are erased. */
  isErased: boolean;
}

// A session lives long enough to find a police reference and the IMEIs, not longer.
const SESSION_MINUTES = 60;
// Enough to mistype twice or thrice, too few to guess one code in a million.
const MAX_CODE_ATTEMPTS = 5;
const CODE_PURPOSE = 'device-report-session';
/** The purposes of the texts a reporter receives, by which the SMS logs and delivery rates group them. */
const SMS_PURPOSE = { code: 'devices.report-code', submitted: 'devices.report-submitted', decided: 'devices.report-decided' } as const;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Crockford's base32 without I, L, O, U: request ids are read aloud on the phone.
const REQUEST_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new report's request id, such as `LS-7K3M9Q2P`: eight characters of Crockford's base32, read aloud on the phone. */
export function newReportRequestId(): string {
  return `LS-${[...randomBytes(8)].map((b) => REQUEST_ALPHABET.charAt(b % 32)).join('')}`;
}

const TYPE_NAMES: Record<SignedMediaType, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };
const EXTENSIONS: Readonly<Record<string, string>> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' } satisfies Record<
  SignedMediaType,
  string
>;
const FILE_FIELD = 'policeReportFile';

/** Megabytes with at most one decimal (never 0), for messages about the size limit. */
export function megabytesOf(bytes: number): number {
  return Math.max(0.1, Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

/**
 * The name a police report file is kept and downloaded under: the report's request id and the
 * extension of the type its content was verified to be. Never the uploader's name: a file sent as
 * `report.html` whose bytes are a PDF must not be saved on an officer's computer as HTML.
 */
export function policeReportFileName(requestId: string, mediaType: string): string {
  const extension = EXTENSIONS[mediaType] ?? 'bin';
  return `police-report-${requestId.replace(/[^A-Za-z0-9-]/g, '')}.${extension}`;
}

/** The accepted types as a choice a message lists in the reporter's language: "PDF, PNG, or JPEG", "PDF、PNG或JPEG". */
export function policeReportTypeNames(types: readonly SignedMediaType[]): ListValue {
  return listValue(
    types.map((t) => TYPE_NAMES[t]),
    'or',
  );
}

/**
 * Checks an uploaded police report against the profile's limits: the size, then the type read
 * from the first bytes. Answers the type to store, or the problem to show on the form.
 */
export function judgePoliceReportFile(
  file: PoliceReportUpload,
  rules: TheftReportSettings['policeReportFile'],
): { ok: true; mediaType: SignedMediaType } | { ok: false; issue: ReportIssue } {
  if (file.isTooLarge || file.data.length > rules.maxBytes)
    return { ok: false, issue: { field: FILE_FIELD, messageKey: 'devices.policeFile.error.tooLarge', values: { size: megabytesOf(rules.maxBytes) } } };
  if (file.data.length === 0) return { ok: false, issue: { field: FILE_FIELD, messageKey: 'devices.policeFile.error.empty' } };
  const sniffed = sniffMediaType(file.data);
  if (sniffed === null || !rules.types.includes(sniffed))
    return { ok: false, issue: { field: FILE_FIELD, messageKey: 'devices.policeFile.error.type', values: { types: policeReportTypeNames(rules.types) } } };
  return { ok: true, mediaType: sniffed };
}

/** The keyed hash under which a report session's token is stored. */
export function hashReportSessionToken(keyring: Keyring, token: string): string {
  return keyring.hash(token, 'device_report_sessions.token');
}

/** How a reporter is reached: by the address, or by texts to a mobile number they proved. */
export type ReporterChannel = 'email' | 'sms';

/** The keyed hash that names a reporter who gave no e-mail address: their number's, under a purpose of its own. */
export function hashReporterPhone(keyring: Keyring, e164: string): string {
  return keyring.hash(e164, 'device_theft_reports.phone');
}

/**
 * A new report session for an address or a number: the row to store, the token the browser keeps
 * in a cookie and the one-time code to send. Recovery opens its sessions here too, so that
 * {@link TheftReportService.confirmCode} checks both alike.
 */
export function openReportSession(input: {
  keyring: Keyring;
  id: string;
  now: Date;
  codeMinutes: number;
  email: string;
  emailHash: string;
  /** The mobile number proved, in E.164, with the SMS outbox's keyed hash of it. */
  phone?: { e164: string; hash: string } | undefined;
  notifyBy?: ReporterChannel;
}): {
  row: NewDeviceReportSessionRow;
  sessionToken: string;
  code: string;
} {
  const { keyring, id, now } = input;
  const sessionToken = randomBytes(32).toString('base64url');
  const code = generateOneTimeCode();
  const row = {
    id,
    token_hash: hashReportSessionToken(keyring, sessionToken),
    email_hash: input.emailHash,
    email_enc: keyring.encrypt(input.email, 'device_report_sessions.email'),
    contact_phone_hash: input.phone?.hash ?? null,
    contact_phone_enc: input.phone ? keyring.encrypt(input.phone.e164, 'device_report_sessions.contact_phone') : null,
    notify_by: input.notifyBy ?? 'email',
    code_hash: hashOneTimeCode(keyring, CODE_PURPOSE, id, code),
    code_expires_at: new Date(now.getTime() + input.codeMinutes * 60_000).toISOString(),
    attempts: 0,
    is_verified: false,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_MINUTES * 60_000).toISOString(),
  };
  return { row, sessionToken, code };
}

/** What the code step says of a session: where its code went, the number masked. */
export interface ReportSessionContact {
  notifyBy: ReporterChannel;
  maskedPhone: string | null;
}

/** The lost and stolen report flow: prove an e-mail address or a mobile number, report, and staff verification. */
export interface TheftReportService {
  /**
   * Sends a one-time code to the address or by text to the number, as the reporter chose (`notifyBy`,
   * needed only when both are given), within the platform's limits of codes per recipient and per
   * client address (`networkAddress`); returns the token the browser keeps in a cookie.
   */
  startReport(input: {
    email: string;
    phone?: string | undefined;
    notifyBy?: string | undefined;
    t: Translate;
    networkAddress: string;
  }): Promise<ReportOutcome<{ sessionToken: string }>>;
  /** Where the code of the browser's session went, or undefined without a live session. */
  sessionContact(sessionToken: string | undefined): Promise<ReportSessionContact | undefined>;
  confirmCode(input: { sessionToken: string | undefined; code: string }): Promise<ReportOutcome<null> | { ok: false; isSessionMissing: true }>;
  /** Whether the browser's session has proved its address and may submit a report. */
  isSessionVerified(sessionToken: string | undefined): Promise<boolean>;
  /** Files the report, with the copy of the police report when one was chosen. */
  submitReport(input: {
    sessionToken: string | undefined;
    policeReference: string;
    imeis: string;
    msisdn: string;
    policeReportFile?: PoliceReportUpload | undefined;
    t: Translate;
  }): Promise<ReportOutcome<{ requestId: string; notifyBy: ReporterChannel }> | { ok: false; isSessionMissing: true }>;
  listReports(actor: Actor): Promise<TheftReportSummaryRow[]>;
  openReport(actor: Actor, id: string): Promise<TheftReportDetail>;
  /** The report's police report file for a verifying officer; each download is audited. */
  readPoliceReportFile(actor: Actor, id: string): Promise<PoliceReportFileContent>;
  decideReport(actor: Actor & { id: string }, id: string, decision: 'verified' | 'rejected', t: Translate): Promise<void>;
}

/** What a reporter's flow (a report, a recovery) needs besides its repository: it seals, audits, and mails codes to the address typed. */
export interface ReporterFlowDeps {
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  jobs: JobQueue;
  sendLimits: SendLimiter;
}

/** What texting a reporter needs: the outbox, the site whose origin ends each code text, and the country numbers are read in. */
export interface ReporterTextDeps {
  sms: SmsOutbox;
  publicUrl: string;
  /** ISO 3166-1 alpha-2, the profile's: a number typed without its country code is read as this country's. */
  country: string;
}

/** Builds the theft report service. */
export function createTheftReportService(
  deps: ReporterFlowDeps & ReporterTextDeps & { repository: TheftReportRepository; settings: TheftReportSettings },
): TheftReportService {
  const { repository, keyring, clock, ids, audit, jobs, settings, sms } = deps;
  const emailHash = (email: string) => keyring.hash(email, 'device_theft_reports.email');
  // Every staff look-up is audited, even a list without personal values.
  const auditLookUp = (entry: AuditEntry) => repository.inTransaction((trx) => audit.record(trx.executor, entry));

  const liveSession = async (token: string | undefined) => {
    if (!token) return undefined;
    const session = await repository.findSessionByTokenHash(hashReportSessionToken(keyring, token));
    if (!session || session.expires_at <= clock.now().toISOString()) return undefined;
    return session;
  };

  return {
    async startReport({ email, phone = '', notifyBy = '', t, networkAddress }) {
      const normalised = email.trim().toLowerCase();
      const typedPhone = phone.trim();
      const issues: ReportIssue[] = [];
      if (normalised === '' && typedPhone === '') return { ok: false, issues: [{ field: 'email', messageKey: 'devices.report.error.contactMissing' }] };
      // Checked in the order of the form: the address, the number, then the choice between them.
      if (normalised !== '' && (normalised.length > 320 || !EMAIL_PATTERN.test(normalised)))
        issues.push({ field: 'email', messageKey: 'devices.report.error.emailInvalid' });
      const read = typedPhone === '' ? undefined : readMobileNumber(typedPhone.slice(0, 40), deps.country);
      if (read && !read.ok)
        issues.push({
          field: 'phone',
          messageKey: read.problem === 'not-mobile' ? 'devices.report.error.phoneNotMobile' : 'devices.report.error.phoneInvalid',
        });
      const chosen: ReporterChannel | undefined =
        notifyBy === 'email' || notifyBy === 'sms' ? notifyBy : normalised === '' ? 'sms' : typedPhone === '' ? 'email' : undefined;
      if (chosen === undefined) issues.push({ field: 'notifyBy', messageKey: 'devices.report.error.notifyByMissing' });
      else if (chosen === 'email' && normalised === '') issues.push({ field: 'email', messageKey: 'devices.report.error.emailMissing' });
      else if (chosen === 'sms' && typedPhone === '') issues.push({ field: 'phone', messageKey: 'devices.report.error.phoneMissing' });
      if (issues.length > 0 || chosen === undefined) return { ok: false, issues };
      const e164 = read?.ok ? read.e164 : undefined;
      await deps.sendLimits.admitTyped({ networkAddress, recipient: chosen === 'sms' && e164 ? e164 : normalised });
      const now = clock.now();
      const { row, sessionToken, code } = openReportSession({
        keyring,
        id: ids(),
        now,
        codeMinutes: settings.codeMinutes,
        email: normalised,
        // A reporter without an address is named by their number, never by an empty hash (the mark of an erased report).
        emailHash: normalised === '' && e164 ? hashReporterPhone(keyring, e164) : emailHash(normalised),
        phone: e164 ? { e164, hash: sms.hashNumber(e164) } : undefined,
        notifyBy: chosen,
      });
      await repository.inTransaction(async (trx) => {
        await trx.deleteExpiredSessions(now.toISOString());
        await trx.insertSession(row);
        if (chosen === 'sms' && e164) {
          const message = t('devices.report.sms.code', { code, minutes: settings.codeMinutes });
          await sms.enqueue(trx.executor, { to: e164, text: oneTimeCodeSmsText(message, deps.publicUrl, code), purpose: SMS_PURPOSE.code });
          return;
        }
        await enqueueEmail(jobs, trx.executor, {
          to: normalised,
          subject: t('devices.report.mail.codeSubject'),
          text: t('devices.report.mail.codeBody', { code, minutes: settings.codeMinutes }),
        });
      });
      return { ok: true, value: { sessionToken } };
    },

    async sessionContact(sessionToken) {
      const session = await liveSession(sessionToken);
      if (!session) return undefined;
      const phone = session.contact_phone_enc ? keyring.decrypt(session.contact_phone_enc, 'device_report_sessions.contact_phone') : null;
      return { notifyBy: session.notify_by, maskedPhone: phone === null ? null : maskNumber(phone) };
    },

    async confirmCode({ sessionToken, code }) {
      const session = await liveSession(sessionToken);
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
      const ended = oneTimeCodeIssue(verdict, 'devices.report.error');
      if (ended) return { ok: false, issues: [ended] };
      const isRight = verdict === 'ok';
      await repository.recordCodeAttempt(session.id, session.attempts + 1, isRight || Boolean(session.is_verified));
      if (!isRight)
        return {
          ok: false,
          issues: [{ field: 'code', messageKey: session.notify_by === 'sms' ? 'devices.report.error.codeWrongSms' : 'devices.report.error.codeWrong' }],
        };
      return { ok: true, value: null };
    },

    async isSessionVerified(sessionToken) {
      const session = await liveSession(sessionToken);
      return Boolean(session?.is_verified);
    },

    async submitReport({ sessionToken, policeReference, imeis, msisdn, policeReportFile, t }) {
      const session = await liveSession(sessionToken);
      if (!session || !session.is_verified) return { ok: false, isSessionMissing: true };
      // Checked in the order of the form (IMEIs, number, police reference, file), the order its error summary lists them in.
      const issues: ReportIssue[] = [];
      const parts = imeis
        .split(/[\n,;]+/)
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const keys: { key: string; raw: string }[] = [];
      if (parts.length === 0) issues.push({ field: 'imeis', messageKey: 'devices.report.error.imeisMissing' });
      else if (parts.length > settings.maxImeis)
        issues.push({ field: 'imeis', messageKey: 'devices.report.error.imeisTooMany', values: { max: settings.maxImeis } });
      else {
        for (const raw of parts) {
          const analysis = analyseImei(raw);
          // A typo here would report someone else's phone, so a wrong check digit is refused, not warned.
          if (!analysis.isUsable || analysis.key === null || analysis.verdicts.checkDigit.code === 'mismatch') {
            issues.push({ field: 'imeis', messageKey: 'devices.report.error.imeiInvalid', values: { imei: raw.slice(0, 40) } });
            break;
          }
          if (!keys.some((k) => k.key === analysis.key)) keys.push({ key: analysis.key, raw });
        }
      }
      const number = msisdn.replace(/[\s\-()]/g, '');
      const contactPhone = session.contact_phone_enc ? keyring.decrypt(session.contact_phone_enc, 'device_report_sessions.contact_phone') : null;
      if (!/^\+?[0-9]{7,15}$/.test(number)) issues.push({ field: 'msisdn', messageKey: 'devices.report.error.msisdn' });
      else if (contactPhone !== null && session.notify_by === 'sms' && isSameNumber(number, contactPhone, deps.country))
        // The codes and notices go to the number proved; a stolen phone would never receive them.
        issues.push({ field: 'msisdn', messageKey: 'devices.report.error.msisdnIsContact' });
      const reference = policeReference.trim();
      if (reference.length < 3 || reference.length > 64) issues.push({ field: 'policeReference', messageKey: 'devices.report.error.policeReference' });
      const judged = policeReportFile ? judgePoliceReportFile(policeReportFile, settings.policeReportFile) : undefined;
      if (judged && !judged.ok) issues.push(judged.issue);
      // A browser cannot fill a file input again: a good file sent with a faulty form must be chosen anew.
      if (judged?.ok && issues.length > 0) issues.push({ field: FILE_FIELD, messageKey: 'devices.policeFile.error.chooseAgain' });
      if (issues.length > 0) return { ok: false, issues };
      const email = keyring.decrypt(session.email_enc, 'device_report_sessions.email');
      const id = ids();
      const requestId = newReportRequestId();
      await repository.inTransaction(async (trx) => {
        await trx.insertReport(
          {
            id,
            request_id: requestId,
            email_hash: session.email_hash,
            email_enc: keyring.encrypt(email, 'device_theft_reports.email'),
            msisdn_enc: keyring.encrypt(number, 'device_theft_reports.msisdn'),
            contact_phone_hash: session.contact_phone_hash,
            contact_phone_enc: contactPhone === null ? null : keyring.encrypt(contactPhone, 'device_theft_reports.contact_phone'),
            notify_by: session.notify_by,
            police_reference_enc: keyring.encrypt(reference, 'device_theft_reports.police_reference'),
            status: 'submitted',
            submitted_at: clock.now().toISOString(),
            decided_at: null,
            decided_by: null,
          },
          keys,
        );
        if (policeReportFile && judged?.ok) {
          await trx.insertPoliceReportFile({
            report_id: id,
            name_enc: keyring.encrypt(policeReportFileName(requestId, judged.mediaType), 'device_theft_report_files.name'),
            media_type: judged.mediaType,
            size_bytes: policeReportFile.data.length,
            content_enc: keyring.encrypt(policeReportFile.data.toString('base64'), 'device_theft_report_files.content'),
            created_at: clock.now().toISOString(),
          });
        }
        await trx.deleteSession(session.id);
        await audit.record(trx.executor, {
          actor: { type: 'system', id: null },
          action: 'devices.theft_report.submitted',
          entityType: 'device_theft_report',
          entityId: id,
          details: { imeiCount: keys.length, hasPoliceReportFile: Boolean(judged?.ok) },
        });
        if (session.notify_by === 'sms' && contactPhone !== null) {
          await sms.enqueue(trx.executor, { to: contactPhone, text: t('devices.report.sms.submitted', { requestId }), purpose: SMS_PURPOSE.submitted });
          return;
        }
        await enqueueEmail(jobs, trx.executor, {
          to: email,
          subject: t('devices.report.mail.submittedSubject', { requestId }),
          text: t('devices.report.mail.submittedBody', { requestId, count: keys.length }),
        });
      });
      return { ok: true, value: { requestId, notifyBy: session.notify_by } };
    },

    async listReports(actor) {
      const rows = await repository.listReports(200);
      await auditLookUp({ actor, action: 'devices.theft_report.listed', entityType: 'device_theft_report', details: { rows: rows.length } });
      return rows;
    },

    async openReport(actor, id) {
      const found = await repository.findReport(id);
      if (!found) throw new NotFound('THEFT_REPORT_NOT_FOUND', devicesRefusal(CATALOGUE, 'devices.refusal.reportNotFound'));
      await auditLookUp({ actor, action: 'devices.theft_report.viewed', entityType: 'device_theft_report', entityId: id });
      const { report } = found;
      const file = await repository.findPoliceReportFileInfo(id);
      return {
        report,
        email: keyring.decrypt(report.email_enc, 'device_theft_reports.email'),
        contactPhone: report.contact_phone_enc ? keyring.decrypt(report.contact_phone_enc, 'device_theft_reports.contact_phone') : null,
        msisdn: keyring.decrypt(report.msisdn_enc, 'device_theft_reports.msisdn'),
        policeReference: keyring.decrypt(report.police_reference_enc, 'device_theft_reports.police_reference'),
        imeis: found.imeis.map((i) => ({ key: i.imei_key, raw: i.imei_raw, digits: analyseImei(i.imei_raw).digits ?? i.imei_key })),
        // Named from the verified type, whatever name an older version kept.
        policeReportFile: file
          ? { name: policeReportFileName(report.request_id, file.media_type), mediaType: file.media_type, sizeBytes: Number(file.size_bytes) }
          : null,
        isErased: report.email_hash === '',
      };
    },

    async readPoliceReportFile(actor, id) {
      const file = await repository.findPoliceReportFile(id);
      if (!file) throw new NotFound('POLICE_REPORT_FILE_NOT_FOUND', devicesRefusal(CATALOGUE, 'devices.policeFile.refusal.notFound'));
      await auditLookUp({
        actor,
        action: 'devices.theft_report.file_downloaded',
        entityType: 'device_theft_report',
        entityId: id,
        details: { sizeBytes: Number(file.size_bytes) },
      });
      return {
        fileName: policeReportFileName(file.request_id, file.media_type),
        mediaType: file.media_type,
        content: Buffer.from(keyring.decrypt(file.content_enc, 'device_theft_report_files.content'), 'base64'),
      };
    },

    async decideReport(actor, id, decision, t) {
      await repository.inTransaction(async (trx) => {
        const found = await trx.findReport(id);
        if (!found) throw new NotFound('THEFT_REPORT_NOT_FOUND', devicesRefusal(CATALOGUE, 'devices.refusal.reportNotFound'));
        const isMoved = await trx.decideReport(id, decision, clock.now().toISOString(), actor.id);
        if (!isMoved) throw new Conflict('THEFT_REPORT_DECIDED', devicesRefusal(CATALOGUE, 'devices.refusal.reportDecided'));
        await audit.record(trx.executor, {
          actor,
          action: `devices.theft_report.${decision}`,
          entityType: 'device_theft_report',
          entityId: id,
          details: { imeiCount: found.imeis.length },
        });
        const requestId = found.report.request_id;
        if (found.report.notify_by === 'sms' && found.report.contact_phone_enc) {
          await sms.enqueue(trx.executor, {
            to: keyring.decrypt(found.report.contact_phone_enc, 'device_theft_reports.contact_phone'),
            text: t(`devices.report.sms.${decision}`, { requestId }),
            purpose: SMS_PURPOSE.decided,
          });
          return;
        }
        await enqueueEmail(jobs, trx.executor, {
          to: keyring.decrypt(found.report.email_enc, 'device_theft_reports.email'),
          subject: t(`devices.report.mail.${decision}Subject`, { requestId }),
          text: t(`devices.report.mail.${decision}Body`, { requestId }),
        });
      });
    },
  };
}

/** Whether a number typed on the report is the number proved for codes, however it was typed (with or without the country code). */
function isSameNumber(typed: string, e164: string, country: string): boolean {
  const read = readMobileNumber(typed, country);
  if (read.ok) return read.e164 === e164;
  return typed.replace(/^\+/, '') === e164.slice(1);
}
