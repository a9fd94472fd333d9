import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { retentionCutoff } from '../operator-dumps/observation-retention.service.ts';
import type { TheftReportRepository } from './theft-report.repository.ts';

/** The job type of the daily erasure of closed lost and stolen reports. */
export const REPORT_RETENTION_JOB = 'devices.reports.retention';

/**
 * Erases the reporter's e-mail address, mobile number, the stolen phone's number, police reference
 * and police report file from every report closed (rejected, or its phone recovered) more than
 * `retentionMonths` calendar months ago. An open report keeps them: staff verify against them, and
 * a traced or recovered phone is told to its reporter. The report itself stays, for its IMEIs'
 * history and the statistics. Report sessions past their hour are deleted too, with the address
 * or number they hold, even when nobody starts a report that would have deleted them.
 */
export async function eraseClosedReports(deps: {
  repository: TheftReportRepository;
  keyring: Keyring;
  clock: Clock;
  retentionMonths: number;
}): Promise<{ cutoff: string; erased: number; sessionsDeleted: number }> {
  const { keyring } = deps;
  const cutoff = retentionCutoff(deps.clock.now().toISOString().slice(0, 10), deps.retentionMonths);
  const blanks = {
    email_enc: keyring.encrypt('', 'device_theft_reports.email'),
    msisdn_enc: keyring.encrypt('', 'device_theft_reports.msisdn'),
    police_reference_enc: keyring.encrypt('', 'device_theft_reports.police_reference'),
  };
  const erased = await deps.repository.inTransaction((trx) => trx.eraseClosedReports(`${cutoff}T00:00:00.000Z`, blanks));
  const sessionsDeleted = await deps.repository.deleteExpiredSessions(deps.clock.now().toISOString());
  return { cutoff, erased, sessionsDeleted };
}
