import { createHash, randomBytes } from 'node:crypto';
import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { Executor } from '../../../platform/db/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';
import { generateOneTimeCode, hashOneTimeCode, judgeOneTimeCode, randomReference, oneTimeCodeIssue } from '../../../platform/one-time-codes.ts';
import type { SendLimiter } from '../../../platform/notify/index.ts';
import { maskNumber, oneTimeCodeSmsText, readMobileNumber, type SmsOutbox } from '../../../platform/sms/index.ts';
import type { ScamReportRepository } from './scam-report.repository.ts';
import type { ScamIdentifierRepository } from '../reputation/scam-identifier.repository.ts';
import type { ScamsSettings } from '../scams.settings.ts';
import { campaignKey, readSender } from './scam-evidence.ts';
import { findLinks, sniffScreenshot } from './scam-evidence-links.ts';
import { SEALED } from '../shared/sealed-contexts.ts';
import { identifierValueHash } from '../shared/identifier-hash.ts';

/** The channels a report comes by. */
export const REPORT_CHANNELS = ['web', 'api', 'sms', 'ussd'] as const;
/** One channel. */
export type ReportChannel = (typeof REPORT_CHANNELS)[number];
/** The media a scam came by (`scams.medium.*` in the shared catalogue). */
export const SCAM_MEDIA = ['call', 'sms', 'messagingApp', 'email', 'other'] as const;

/** A wrong field of a report or a code request: the field and the message key (`scams.reporting.error.*`) with its values. */
export interface ReportIssue {
  field: string;
  messageKey: string;
  values?: Record<string, string | number>;
}

/** What a step answers: its value, or every wrong field. */
export type ReportOutcome<T> = { ok: true; value: T } | { ok: false; issues: ReportIssue[] };

/** A screenshot as it came: its type is decided by its first bytes, never by its name. */
export interface ScreenshotUpload {
  data: Buffer;
  /** The body went past the size limit while it was read: `data` holds only its start. */
  isTooLarge?: boolean;
}

/** A report as any channel gives it; strings as typed, checked here. */
export interface ScamReportInput {
  channel: ReportChannel;
  /** The reporter's number in E.164, proved by a code or by the network that carried the call. */
  reporterNumber: string;
  /** When that number was proved. */
  verifiedAt: string;
  sender: string;
  /** When the scam came, ISO 8601 (a date and time, or a date alone). */
  occurredAt: string;
  medium: string;
  category: string;
  text: string;
  /** `sms`, `email` or empty for no news. */
  contactKind?: string;
  /** The address or number for news; empty with `contactKind` `sms` means the reporter's number. */
  contact?: string;
  hasHarm?: boolean;
  language: string;
  screenshot?: ScreenshotUpload | undefined;
}

/** A filed report. */
export interface FiledReport {
  reportId: string;
  reference: string;
  /** The sender's identifier first, then each link's domain. */
  identifierIds: string[];
  isLate: boolean;
}

/** A number check opened: its id for the API, the token a browser keeps in a cookie. */
export interface OpenedCheck {
  checkId: string;
  token: string;
}

/** The reporting service: prove a number, then file a report from any channel. */
export interface ScamReportService {
  /** Sends a code by text to the typed number; `t` words the text in the reporter's language. */
  startNumberCheck(input: { phone: string; t: Translate; networkAddress: string }): Promise<ReportOutcome<OpenedCheck>>;
  /** Checks a typed code against the check found by its id (API) or its token (browser). */
  confirmNumberCheck(input: { checkId?: string | undefined; token?: string | undefined; code: string }): Promise<ReportOutcome<{ checkId: string }>>;
  /** The masked number of a live check, to say where the code went; undefined without one. */
  checkedNumber(input: { checkId?: string | undefined; token?: string | undefined }): Promise<{ masked: string; isVerified: boolean } | undefined>;
  /** Files a report with a verified check (web, API): the check is spent. */
  fileWithCheck(
    input: { checkId?: string | undefined; token?: string | undefined },
    report: Omit<ScamReportInput, 'reporterNumber' | 'verifiedAt'>,
  ): Promise<ReportOutcome<FiledReport> | { ok: false; isCheckMissing: true }>;
  /** Files a report whose reporter's number is already proved (the network's calling number, or a check). */
  file(input: ScamReportInput): Promise<ReportOutcome<FiledReport>>;
}

/** What the service needs. */
export interface ScamReportDeps {
  repository: ScamReportRepository;
  /** The identifier repository over the report's transaction. */
  identifiersOn(executor: Executor): ScamIdentifierRepository;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  sms: SmsOutbox;
  sendLimits: SendLimiter;
  settings: Pick<ScamsSettings, 'categories' | 'reportWindowDays' | 'protected' | 'screenshotMaxBytes' | 'reporting'>;
  /** ISO 3166-1 alpha-2, the profile's: a number typed without its country code is read as this country's. */
  country: string;
  publicUrl: string;
  /** The operator whose route or porting record holds a number, when known. */
  operatorOf(e164: string): Promise<string | null>;
  /** Called after a report committed, with the identifiers it named (the threshold check). */
  afterFiled?(identifierIds: readonly string[]): Promise<void>;
}

const DAY = 86_400_000;
const CODE_PURPOSE = 'scams.reporter';
const SMS_PURPOSE = 'scams.reporter-code';
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// A date and time as a form or an API gives it, with an optional zone; a date alone is read as midday UTC.
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The keyed hash under which a reporter's number is kept (purpose `scam_reports.reporter`). */
export function reporterHash(keyring: Keyring, e164: string): string {
  return keyring.hash(e164, 'scam_reports.reporter');
}

/** The keyed hash of a browser's check token. */
function tokenHash(keyring: Keyring, token: string): string {
  return keyring.hash(token, 'scam_number_checks.token');
}

/** Reads the instant a reporter typed; undefined when it is none. */
function readInstant(text: string): Date | undefined {
  const trimmed = text.trim();
  if (!INSTANT_PATTERN.test(trimmed)) return undefined;
  const date = new Date(trimmed.length === 10 ? `${trimmed}T12:00:00Z` : /Z|[+-]\d{2}:?\d{2}$/.test(trimmed) ? trimmed : `${trimmed}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The normalised value of a protected entry, as the intake keys the same identifier. */
function protectedKey(entry: { kind: string; value: string }, country: string): string {
  if (entry.kind === 'domain') return `domain:${entry.value.trim().toLowerCase()}`;
  const read = readSender(entry.value, country);
  return read.ok ? `${read.sender.kind}:${read.sender.value}` : `${entry.kind}:${entry.value}`;
}

/** Builds the service. */
export function createScamReportService(deps: ScamReportDeps): ScamReportService {
  const { repository, keyring, clock, ids, settings } = deps;
  const protectedKeys = new Set(settings.protected.map((entry) => protectedKey(entry, deps.country)));
  const rules = settings.reporting;

  async function findCheck(input: { checkId?: string | undefined; token?: string | undefined }) {
    const check = input.checkId
      ? await repository.findNumberCheck(input.checkId.slice(0, 64))
      : input.token
        ? await repository.findNumberCheckByToken(tokenHash(keyring, input.token.slice(0, 200)))
        : undefined;
    if (!check || check.purpose !== 'reporter' || new Date(check.expires_at).getTime() <= clock.now().getTime()) return undefined;
    return check;
  }

  /** Every wrong field of a report, in the order of the form. */
  function judge(input: ScamReportInput, now: Date) {
    const issues: ReportIssue[] = [];
    const sender = readSender(input.sender.slice(0, 64), deps.country);
    if (!sender.ok)
      issues.push({ field: 'sender', messageKey: sender.problem === 'empty' ? 'scams.reporting.error.senderMissing' : 'scams.reporting.error.senderInvalid' });
    const occurred = readInstant(input.occurredAt.slice(0, 40));
    if (input.occurredAt.trim() === '') issues.push({ field: 'occurredAt', messageKey: 'scams.reporting.error.occurredAtMissing' });
    else if (!occurred) issues.push({ field: 'occurredAt', messageKey: 'scams.reporting.error.occurredAtInvalid' });
    // A minute's grace for clocks that differ; a scam cannot have come tomorrow.
    else if (occurred.getTime() > now.getTime() + 60_000) issues.push({ field: 'occurredAt', messageKey: 'scams.reporting.error.occurredAtFuture' });
    if (!(SCAM_MEDIA as readonly string[]).includes(input.medium)) issues.push({ field: 'medium', messageKey: 'scams.reporting.error.mediumInvalid' });
    if (!(settings.categories as readonly string[]).includes(input.category))
      issues.push({ field: 'category', messageKey: 'scams.reporting.error.categoryInvalid' });
    const text = input.text.normalize('NFC').trim();
    if (text === '') issues.push({ field: 'text', messageKey: 'scams.reporting.error.textMissing' });
    else if ([...text].length > rules.maxTextChars)
      issues.push({ field: 'text', messageKey: 'scams.reporting.error.textLong', values: { max: rules.maxTextChars } });
    const contactKind = input.contactKind?.trim() ?? '';
    let contact: string | null = null;
    if (contactKind === 'email') {
      const address = (input.contact ?? '').trim().toLowerCase();
      if (address.length > 320 || !EMAIL_PATTERN.test(address)) issues.push({ field: 'contact', messageKey: 'scams.reporting.error.contactEmailInvalid' });
      else contact = address;
    } else if (contactKind === 'sms') {
      const typed = (input.contact ?? '').trim();
      const read = typed === '' ? { ok: true as const, e164: input.reporterNumber } : readMobileNumber(typed.slice(0, 40), deps.country);
      if (!read.ok) issues.push({ field: 'contact', messageKey: 'scams.reporting.error.contactPhoneInvalid' });
      else contact = read.e164;
    } else if (contactKind !== '') issues.push({ field: 'contactKind', messageKey: 'scams.reporting.error.contactKindInvalid' });
    if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(input.language))
      issues.push({ field: 'language', messageKey: 'scams.reporting.error.languageInvalid' });
    if (!(REPORT_CHANNELS as readonly string[]).includes(input.channel)) issues.push({ field: 'channel', messageKey: 'scams.reporting.error.channelInvalid' });
    if (!/^\+[1-9][0-9]{5,14}$/.test(input.reporterNumber)) issues.push({ field: 'reporter', messageKey: 'scams.reporting.error.reporterInvalid' });
    let screenshotType: string | null = null;
    const shot = input.screenshot;
    if (shot) {
      if (shot.isTooLarge || shot.data.length > settings.screenshotMaxBytes)
        issues.push({
          field: 'screenshot',
          messageKey: 'scams.reporting.error.screenshotTooLarge',
          values: { size: Math.max(0.1, Math.round((settings.screenshotMaxBytes / 1_048_576) * 10) / 10) },
        });
      else if (shot.data.length === 0) issues.push({ field: 'screenshot', messageKey: 'scams.reporting.error.screenshotEmpty' });
      else if ((screenshotType = sniffScreenshot(shot.data)) === null) issues.push({ field: 'screenshot', messageKey: 'scams.reporting.error.screenshotType' });
    }
    return { issues, sender, occurred, text, contactKind, contact, screenshotType };
  }

  async function file(input: ScamReportInput): Promise<ReportOutcome<FiledReport>> {
    const now = clock.now();
    const judged = judge(input, now);
    if (judged.issues.length > 0 || !judged.sender.ok || !judged.occurred) return { ok: false, issues: judged.issues };
    const { occurred, text } = judged;
    const sender = judged.sender.sender;
    const at = now.toISOString();
    const occurredAt = occurred.toISOString();
    const isLate = now.getTime() - occurred.getTime() > settings.reportWindowDays * DAY;
    const reporter = reporterHash(keyring, input.reporterNumber);
    const links = findLinks(text);
    const operatorId = sender.kind === 'number' ? await deps.operatorOf(sender.value) : null;
    const key = campaignKey(text);
    const reportId = ids();
    const reference = randomReference('SC');
    const identifierIds = await repository.inTransaction(async (trx, tx) => {
      const scoped = deps.identifiersOn(trx.executor);
      const senderRow = await scoped.findOrCreate({
        id: ids(),
        kind: sender.kind,
        valueHash: identifierValueHash(keyring, sender.kind, sender.value),
        valueEnc: keyring.encrypt(sender.value, SEALED.identifierValue),
        isProtected: protectedKeys.has(`${sender.kind}:${sender.value}`),
        isInternationalised: false,
        operatorId,
        at,
      });
      const linkRows = [];
      for (const link of links)
        linkRows.push({
          link,
          row: await scoped.findOrCreate({
            id: ids(),
            kind: 'domain',
            valueHash: identifierValueHash(keyring, 'domain', link.domain),
            valueEnc: keyring.encrypt(link.domain, SEALED.identifierValue),
            isProtected: protectedKeys.has(`domain:${link.domain}`),
            isInternationalised: link.isInternationalised,
            operatorId: null,
            at,
          }),
        });
      const campaignId =
        key === ''
          ? null
          : await trx.countCampaignInstance({
              id: ids(),
              text_hash: keyring.hash(key, 'scam_campaigns.text'),
              sample_enc: keyring.encrypt(text, SEALED.campaignSample),
              first_seen_at: at,
              last_seen_at: at,
            });
      await trx.recordReporterVerified(reporter, input.verifiedAt);
      await trx.insertReport({
        id: reportId,
        reference,
        identifier_id: senderRow.id,
        campaign_id: campaignId,
        reporter_hash: reporter,
        reporter_enc: keyring.encrypt(input.reporterNumber, SEALED.reporterNumber),
        channel: input.channel,
        medium: input.medium,
        category: input.category,
        occurred_at: occurredAt,
        filed_at: at,
        is_late: isLate,
        has_harm: Boolean(input.hasHarm),
        text_enc: keyring.encrypt(text, SEALED.reportText),
        contact_enc: judged.contact === null ? null : keyring.encrypt(judged.contact, SEALED.reportContact),
        contact_kind: judged.contact === null ? null : judged.contactKind,
        language: input.language,
        outcome_sent_at: null,
        raw_deleted_at: null,
      });
      const common = { report_id: reportId, reporter_hash: reporter, filed_at: at, occurred_at: occurredAt, is_late: isLate };
      // A link to the sender's own domain names it once; two links of one domain were merged by findLinks.
      await trx.insertTargets([
        { ...common, identifier_id: senderRow.id, role: 'sender', url_enc: null },
        ...linkRows.map(({ link, row }) => ({ ...common, identifier_id: row.id, role: 'link', url_enc: keyring.encrypt(link.url, SEALED.linkUrl) })),
      ]);
      if (input.screenshot && judged.screenshotType !== null)
        await trx.insertScreenshot({
          report_id: reportId,
          media_type: judged.screenshotType,
          bytes: input.screenshot.data.length,
          sha256: createHash('sha256').update(input.screenshot.data).digest('hex'),
          content_enc: keyring.encrypt(input.screenshot.data.toString('base64'), SEALED.screenshot),
          created_at: at,
        });
      await deps.audit.record(tx, {
        actor: { type: 'system', id: null },
        action: 'scams.report.filed',
        entityType: 'scam_report',
        entityId: reportId,
        details: {
          channel: input.channel,
          medium: input.medium,
          category: input.category,
          links: linkRows.length,
          isLate,
          hasScreenshot: judged.screenshotType !== null,
        },
      });
      return [senderRow.id, ...linkRows.map(({ row }) => row.id)];
    });
    await deps.afterFiled?.(identifierIds);
    return { ok: true, value: { reportId, reference, identifierIds, isLate } };
  }

  return {
    async startNumberCheck({ phone, t, networkAddress }) {
      const read = readMobileNumber(phone.trim().slice(0, 40), deps.country);
      if (phone.trim() === '') return { ok: false, issues: [{ field: 'phone', messageKey: 'scams.reporting.error.phoneMissing' }] };
      if (!read.ok)
        return {
          ok: false,
          issues: [
            { field: 'phone', messageKey: read.problem === 'not-mobile' ? 'scams.reporting.error.phoneNotMobile' : 'scams.reporting.error.phoneInvalid' },
          ],
        };
      // Codes to one number and from one client address are bounded: a refusal is a 429.
      await deps.sendLimits.admitTyped({ networkAddress, recipient: read.e164 });
      const now = clock.now();
      const id = ids();
      const token = randomBytes(32).toString('base64url');
      const code = generateOneTimeCode();
      await repository.inTransaction(async (trx) => {
        await trx.deleteNumberChecksBefore(now.toISOString());
        await trx.insertNumberCheck({
          id,
          token_hash: tokenHash(keyring, token),
          purpose: 'reporter',
          number_hash: reporterHash(keyring, read.e164),
          number_enc: keyring.encrypt(read.e164, SEALED.checkedNumber),
          code_hash: hashOneTimeCode(keyring, CODE_PURPOSE, id, code),
          attempts: 0,
          sent_at: now.toISOString(),
          expires_at: new Date(now.getTime() + rules.codeMinutes * 60_000).toISOString(),
          verified_at: null,
        });
        const message = t('scams.reporting.sms.code', { code, minutes: rules.codeMinutes });
        await deps.sms.enqueue(trx.executor, { to: read.e164, text: oneTimeCodeSmsText(message, deps.publicUrl, code), purpose: SMS_PURPOSE });
      });
      return { ok: true, value: { checkId: id, token } };
    },

    async confirmNumberCheck(input) {
      const check = await findCheck(input);
      if (!check) return { ok: false, issues: [{ field: 'checkId', messageKey: 'scams.reporting.error.checkMissing' }] };
      const verdict = judgeOneTimeCode({
        keyring,
        purpose: CODE_PURPOSE,
        subject: check.id,
        stored: { codeHash: check.code_hash, attempts: check.attempts, expiresAt: new Date(check.expires_at).toISOString() },
        typed: input.code.slice(0, 20),
        now: clock.now(),
        maxAttempts: rules.maxCodeAttempts,
      });
      const ended = oneTimeCodeIssue(verdict, 'scams.reporting.error');
      if (ended) return { ok: false, issues: [ended] };
      const verifiedAt =
        verdict === 'ok' ? (check.verified_at === null ? clock.now().toISOString() : new Date(check.verified_at).toISOString()) : check.verified_at;
      await repository.recordCodeAttempt(check.id, check.attempts + 1, verifiedAt === null ? null : new Date(verifiedAt).toISOString());
      if (verdict !== 'ok') return { ok: false, issues: [{ field: 'code', messageKey: 'scams.reporting.error.codeWrong' }] };
      return { ok: true, value: { checkId: check.id } };
    },

    async checkedNumber(input) {
      const check = await findCheck(input);
      if (!check) return undefined;
      return { masked: maskNumber(keyring.decrypt(check.number_enc, SEALED.checkedNumber)), isVerified: check.verified_at !== null };
    },

    async fileWithCheck(input, report) {
      const check = await findCheck(input);
      if (!check || check.verified_at === null) return { ok: false, isCheckMissing: true };
      const filed = await file({
        ...report,
        reporterNumber: keyring.decrypt(check.number_enc, SEALED.checkedNumber),
        verifiedAt: new Date(check.verified_at).toISOString(),
      });
      // A code proves one report: a second needs a new code, which the send limits bound.
      if (filed.ok) await repository.deleteNumberCheck(check.id);
      return filed;
    },

    file,
  };
}
