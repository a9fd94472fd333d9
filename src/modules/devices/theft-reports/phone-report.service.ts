import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { analyseImei } from '../imei-check/imei.ts';
import type { TheftReportRepository } from './theft-report.repository.ts';
import { hashReporterPhone, newReportRequestId } from './theft-report.service.ts';

/** The channel a report from a phone came through, kept in its audit entry. */
export type PhoneReportChannel = 'ussd' | 'sms';

/** Why a report from a phone was refused; each is said by the channel in the caller's language. */
export type PhoneReportIssue = 'imeisMissing' | 'imeisTooMany' | 'imeiInvalid' | 'policeReference' | 'msisdn';

/** What filing a report from a phone answers. */
export type PhoneReportOutcome = { ok: true; requestId: string; reportId: string } | { ok: false; issue: PhoneReportIssue };

/** Lost and stolen reports made from a phone, with no e-mail address, by a number the network vouched for. */
export interface PhoneReportService {
  /**
   * Files a report the staff queue shows as any other: the same IMEI and police reference rules
   * as the web form, the caller's number (E.164) as the number the reporter is reached at by text.
   */
  reportFromPhone(input: { msisdn: string; imeis: readonly string[]; policeReference: string; channel: PhoneReportChannel }): Promise<PhoneReportOutcome>;
}

/** Builds the service over the theft report repository, the keyring, the clock and the audit log. */
export function createPhoneReportService(deps: {
  repository: TheftReportRepository;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  /** The SMS outbox's keyed hash of a number, which the report's contact number is kept under. */
  hashNumber: (e164: string) => string;
  settings: { maxImeis: number };
}): PhoneReportService {
  const { repository, keyring, clock, ids, audit, settings } = deps;
  return {
    async reportFromPhone({ msisdn, imeis, policeReference, channel }) {
      const parts = imeis.map((i) => i.trim()).filter((i) => i !== '');
      if (parts.length === 0) return { ok: false, issue: 'imeisMissing' };
      if (parts.length > settings.maxImeis) return { ok: false, issue: 'imeisTooMany' };
      const keys: { key: string; raw: string }[] = [];
      for (const raw of parts) {
        const analysis = analyseImei(raw);
        // As on the web form: a typo would report someone else's phone, so a wrong check digit is refused.
        if (!analysis.isUsable || analysis.key === null || analysis.verdicts.checkDigit.code === 'mismatch') return { ok: false, issue: 'imeiInvalid' };
        if (!keys.some((k) => k.key === analysis.key)) keys.push({ key: analysis.key, raw });
      }
      if (!/^\+[1-9][0-9]{6,14}$/.test(msisdn)) return { ok: false, issue: 'msisdn' };
      const reference = policeReference.trim();
      if (reference.length < 3 || reference.length > 64) return { ok: false, issue: 'policeReference' };
      const id = ids();
      const requestId = newReportRequestId();
      await repository.inTransaction(async (trx) => {
        await trx.insertReport(
          {
            id,
            request_id: requestId,
            // No address: the reporter is named by their number, as a web report made with a number
            // alone is, and reached at it by text. The stolen phone's own number is not known: the
            // caller dials from another phone, so it is left empty rather than guessed.
            email_hash: hashReporterPhone(keyring, msisdn),
            email_enc: keyring.encrypt('', 'device_theft_reports.email'),
            contact_phone_hash: deps.hashNumber(msisdn),
            contact_phone_enc: keyring.encrypt(msisdn, 'device_theft_reports.contact_phone'),
            notify_by: 'sms',
            msisdn_enc: keyring.encrypt('', 'device_theft_reports.msisdn'),
            police_reference_enc: keyring.encrypt(reference, 'device_theft_reports.police_reference'),
            status: 'submitted',
            submitted_at: clock.now().toISOString(),
            decided_at: null,
            decided_by: null,
          },
          keys,
        );
        await audit.record(trx.executor, {
          actor: { type: 'system', id: null },
          action: 'devices.theft_report.submitted',
          entityType: 'device_theft_report',
          entityId: id,
          details: { imeiCount: keys.length, hasPoliceReportFile: false, channel },
        });
      });
      return { ok: true, requestId, reportId: id };
    },
  };
}
