import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../platform/audit/index.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { devicesRefusal } from '../device-messages.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import { enqueueEmail, sendRefusal } from '../../../platform/notify/index.ts';
import { oneTimeCodeSmsText } from '../../../platform/sms/index.ts';
import type { RecoveryReportRow, RecoveryRepository, TraceAlertRow } from './recovery.repository.ts';
import { RECOVERY_SMS_PURPOSE, reporterAddressOf, sendReporterNotice } from './reporter-notice.ts';
import type { TheftReportRepository } from '../theft-reports/theft-report.repository.ts';
import {
  hashReportSessionToken,
  openReportSession,
  type ReporterChannel,
  type ReporterFlowDeps,
  type ReporterTextDeps,
  type ReportOutcome,
  type TheftReportService,
} from '../theft-reports/theft-report.service.ts';

/** The catalogue beside this code: its English words are what the API and the command line say. */
const CATALOGUE = new URL('./locales/', import.meta.url);

/** The report pages' catalogue: a report not found is said as they say it. */
const REPORTS_CATALOGUE = new URL('../theft-reports/locales/', import.meta.url);

/**
 * Recovery of a reported phone: the reporter proves they hold the report's e-mail address or mobile
 * number with the same one-time code sessions as the report itself, or an officer marks it
 * recovered. The IMEIs leave the stolen dimension, so the next classification and list run take
 * them off the lists.
 */
export interface RecoveryService {
  /**
   * Sends a one-time code the way the report's notices go (e-mail, or a text to the reporter's
   * number), within the platform's limits of codes per recipient and per client address
   * (`networkAddress`); returns the token the browser keeps.
   */
  startRecovery(input: { requestId: string; t: Translate; networkAddress: string }): Promise<ReportOutcome<{ sessionToken: string; requestId: string }>>;
  /** How the code of the browser's session was said to be sent, or undefined without a live session. */
  codeChannel(sessionToken: string | undefined): Promise<ReporterChannel | undefined>;
  /** Checks the code, then records the recovery of the report the session was opened for. */
  confirmRecovery(input: {
    sessionToken: string | undefined;
    requestId: string;
    code: string;
    t: Translate;
  }): Promise<ReportOutcome<{ requestId: string; notifyBy: ReporterChannel | undefined }> | { ok: false; isSessionMissing: true }>;
  markRecovered(actor: Actor & { id: string }, reportId: string, t: Translate): Promise<void>;
  isRecovered(reportId: string): Promise<boolean>;
  listAlerts(actor: Actor): Promise<TraceAlertRow[]>;
  acknowledgeAlert(actor: Actor & { id: string }, alertId: string): Promise<void>;
}

const REQUEST_ID = /^LS-[0-9A-HJKMNP-TV-Z]{8}$/;

/** Builds the recovery service. */
export function createRecoveryService(
  deps: ReporterFlowDeps &
    Pick<ReporterTextDeps, 'sms' | 'publicUrl'> & {
      repository: RecoveryRepository;
      /** The report sessions' repository over an executor, so that its writes join the caller's transaction. */
      reportsOver: (executor: Executor) => Pick<TheftReportRepository, 'insertSession' | 'findSessionByTokenHash' | 'deleteSession' | 'deleteExpiredSessions'>;
      reportFlow: Pick<TheftReportService, 'confirmCode' | 'sessionContact'>;
      codeMinutes: number;
    },
): RecoveryService {
  const { repository, keyring, clock, ids, audit, jobs, sms } = deps;
  const reports = deps.reportsOver(repository.executor);
  const normalise = (requestId: string) => requestId.trim().toUpperCase();

  const record = async (trx: RecoveryRepository, report: RecoveryReportRow, by: string, actor: Actor, t: Translate) => {
    const now = clock.now();
    const isNew = await trx.insertRecovery({
      report_id: report.id,
      recovered_at: now.toISOString(),
      recovered_on: now.toISOString().slice(0, 10),
      recovered_by: by,
    });
    if (!isNew) throw new Conflict('REPORT_ALREADY_RECOVERED', devicesRefusal(CATALOGUE, 'devices.recovery.refusal.alreadyRecovered'));
    await audit.record(trx.executor, {
      actor,
      action: 'devices.theft_report.recovered',
      entityType: 'device_theft_report',
      entityId: report.id,
      details: { by: by === 'reporter' ? 'reporter' : 'staff' },
    });
    const requestId = report.request_id;
    return sendReporterNotice({ keyring, jobs, sms }, trx.executor, report, {
      purpose: RECOVERY_SMS_PURPOSE.recovered,
      sms: () => t('devices.recovery.sms.recovered', { requestId }),
      subject: () => t('devices.recovery.mail.recoveredSubject', { requestId }),
      text: () => t('devices.recovery.mail.recoveredBody', { requestId }),
    });
  };

  return {
    async startRecovery({ requestId, t, networkAddress }) {
      const typed = normalise(requestId);
      if (!REQUEST_ID.test(typed)) return { ok: false, issues: [{ field: 'requestId', messageKey: 'devices.recovery.error.requestIdFormat' }] };
      const report = await repository.findReportByRequestId(typed);
      const now = clock.now();
      // An unknown or rejected reference gets a session like any other, whose code was sent to no
      // one: the answers are the same as for a real report, so references cannot be probed.
      const address = report !== undefined && report.status !== 'rejected' ? reporterAddressOf(keyring, report) : undefined;
      const verdict = await deps.sendLimits.admit({ networkAddress, recipient: address?.to });
      if (!verdict.isAllowed && verdict.isNetworkLimit) throw sendRefusal(verdict.retryAfterSeconds);
      // Past the recipient's limit no code is sent, exactly as for a reference that does not exist.
      const isReal = address !== undefined && verdict.isAllowed;
      // The code page says where the code went. A report says it its own way; any other reference
      // one fixed by its keyed hash, so that "by text" tells nobody that a reference exists.
      const channel: ReporterChannel = address?.channel ?? report?.notify_by ?? decoyChannel(keyring, typed);
      const email = isReal && report ? keyring.decrypt(report.email_enc, 'device_theft_reports.email') : '';
      const emailHash = isReal && report ? report.email_hash : keyring.hash(randomBytes(16).toString('hex'), 'device-recovery-decoy');
      const phone = isReal && address.channel === 'sms' ? { e164: address.to, hash: sms.hashNumber(address.to) } : undefined;
      // The report flow's sessions, so its code check (confirmCode) serves recovery unchanged.
      const { row, sessionToken, code } = openReportSession({
        keyring,
        id: ids(),
        now,
        codeMinutes: deps.codeMinutes,
        email,
        emailHash,
        phone,
        notifyBy: channel,
      });
      await repository.inTransaction(async (trx) => {
        const sessions = deps.reportsOver(trx.executor);
        await sessions.deleteExpiredSessions(now.toISOString());
        await sessions.insertSession(row);
        if (!isReal) return;
        if (address.channel === 'sms') {
          const message = t('devices.recovery.sms.code', { requestId: typed, code, minutes: deps.codeMinutes });
          await sms.enqueue(trx.executor, { to: address.to, text: oneTimeCodeSmsText(message, deps.publicUrl, code), purpose: RECOVERY_SMS_PURPOSE.code });
          return;
        }
        await enqueueEmail(jobs, trx.executor, {
          to: address.to,
          subject: t('devices.recovery.mail.codeSubject', { requestId: typed }),
          text: t('devices.recovery.mail.codeBody', { requestId: typed, code, minutes: deps.codeMinutes }),
        });
      });
      return { ok: true, value: { sessionToken, requestId: typed } };
    },

    async codeChannel(sessionToken) {
      return (await deps.reportFlow.sessionContact(sessionToken))?.notifyBy;
    },

    async confirmRecovery({ sessionToken, requestId, code, t }) {
      const confirmed = await deps.reportFlow.confirmCode({ sessionToken, code });
      if (!confirmed.ok) return confirmed;
      const session = sessionToken ? await reports.findSessionByTokenHash(hashReportSessionToken(keyring, sessionToken)) : undefined;
      const report = await repository.findReportByRequestId(normalise(requestId));
      // The session proves the address; it opens only a report filed from that same address.
      if (!session || !session.is_verified || !report || !keyring.equals(session.email_hash, report.email_hash)) return { ok: false, isSessionMissing: true };
      // Said only to whoever proved the report's address.
      if (await repository.isRecovered(report.id)) return { ok: false, issues: [{ field: 'code', messageKey: 'devices.recovery.error.alreadyRecovered' }] };
      const notifyBy = await repository.inTransaction(async (trx) => {
        const channel = await record(trx, report, 'reporter', { type: 'system', id: null }, t);
        await deps.reportsOver(trx.executor).deleteSession(session.id);
        return channel;
      });
      return { ok: true, value: { requestId: report.request_id, notifyBy } };
    },

    async markRecovered(actor, reportId, t) {
      await repository.inTransaction(async (trx) => {
        const report = await trx.findReportById(reportId);
        if (!report) throw new NotFound('THEFT_REPORT_NOT_FOUND', devicesRefusal(REPORTS_CATALOGUE, 'devices.refusal.reportNotFound'));
        if (report.status !== 'verified') throw new Conflict('THEFT_REPORT_NOT_VERIFIED', devicesRefusal(CATALOGUE, 'devices.recovery.refusal.notVerified'));
        await record(trx, report, actor.id, actor, t);
      });
    },

    isRecovered: (reportId) => repository.isRecovered(reportId),

    async listAlerts(actor) {
      const rows = await repository.listAlerts(100);
      await repository.inTransaction((trx) =>
        audit.record(trx.executor, { actor, action: 'devices.trace_alert.listed', entityType: 'device_trace_alert', details: { rows: rows.length } }),
      );
      return rows;
    },

    async acknowledgeAlert(actor, alertId) {
      await repository.inTransaction(async (trx) => {
        const isDone = await trx.acknowledgeAlert(alertId, clock.now().toISOString(), actor.id);
        if (!isDone) throw new NotFound('TRACE_ALERT_NOT_FOUND', devicesRefusal(CATALOGUE, 'devices.recovery.refusal.alertNotFound'));
        await audit.record(trx.executor, { actor, action: 'devices.trace_alert.acknowledged', entityType: 'device_trace_alert', entityId: alertId });
      });
    },
  };
}

/**
 * The way a code for a reference without a report is said to have gone: fixed per reference, so
 * that asking again says the same, and keyed, so that nobody can work it out and compare.
 */
function decoyChannel(keyring: Keyring, requestId: string): ReporterChannel {
  return (Buffer.from(keyring.hash(requestId, 'device-recovery-decoy-channel'), 'base64url')[0] ?? 0) % 2 === 0 ? 'email' : 'sms';
}
