import type { Keyring } from '../../../platform/crypto/index.ts';
import type { Executor } from '../../../platform/db/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { enqueueEmail } from '../../../platform/notify/index.ts';
import type { SmsOutbox } from '../../../platform/sms/index.ts';
import type { ReporterChannel } from '../theft-reports/theft-report.service.ts';

/** The purposes of the texts recovery and trace alerts send, by which the SMS logs and delivery rates group them. */
export const RECOVERY_SMS_PURPOSE = { code: 'devices.recovery-code', recovered: 'devices.recovered', traced: 'devices.trace-alert' } as const;

/** The contact values of a report, sealed as the report table keeps them. */
export interface SealedReporterContact {
  notify_by: ReporterChannel;
  email_enc: string;
  contact_phone_enc: string | null;
}

/** Where a reporter is reached: an address, or a number in E.164 for texts. */
export interface ReporterAddress {
  channel: ReporterChannel;
  to: string;
}

/**
 * Where the notices of a report go: the way its reporter chose, else the other one they gave.
 * Undefined when the report holds neither (its contacts were erased): nothing is sent then, never
 * an e-mail to an empty address.
 */
export function reporterAddressOf(keyring: Keyring, report: SealedReporterContact): ReporterAddress | undefined {
  const email = keyring.decrypt(report.email_enc, 'device_theft_reports.email');
  const phone = report.contact_phone_enc ? keyring.decrypt(report.contact_phone_enc, 'device_theft_reports.contact_phone') : '';
  const byEmail = email === '' ? undefined : { channel: 'email' as const, to: email };
  const bySms = phone === '' ? undefined : { channel: 'sms' as const, to: phone };
  return report.notify_by === 'sms' ? (bySms ?? byEmail) : (byEmail ?? bySms);
}

/** A notice to a reporter, said both ways; only the way the report goes to is used. */
export interface ReporterNotice {
  /** What the text is for, such as `devices.recovered`: the SMS logs and delivery rates group by it. */
  purpose: string;
  sms: () => string;
  subject: () => string;
  text: () => string;
}

/** What sending a notice to a reporter needs. */
export interface ReporterNoticeDeps {
  keyring: Keyring;
  jobs: JobQueue;
  sms: SmsOutbox;
}

/**
 * Queues a notice to the reporter of a report, by text or by e-mail as the report says, in the
 * caller's transaction. Answers the channel used, or undefined when the report has no contact left.
 */
export async function sendReporterNotice(
  deps: ReporterNoticeDeps,
  executor: Executor,
  report: SealedReporterContact,
  notice: ReporterNotice,
): Promise<ReporterChannel | undefined> {
  const address = reporterAddressOf(deps.keyring, report);
  if (!address) return undefined;
  if (address.channel === 'sms') await deps.sms.enqueue(executor, { to: address.to, text: notice.sms(), purpose: notice.purpose });
  else await enqueueEmail(deps.jobs, executor, { to: address.to, subject: notice.subject(), text: notice.text() });
  return address.channel;
}
