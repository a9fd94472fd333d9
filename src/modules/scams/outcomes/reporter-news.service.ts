import type { Keyring } from '../../../platform/crypto/index.ts';
import type { Transaction } from '../../../platform/db/index.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { enqueueEmail } from '../../../platform/notify/index.ts';
import type { SmsOutbox } from '../../../platform/sms/index.ts';
import type { IdentifierMoved } from '../reputation/identifier-states.service.ts';
import { SEALED } from '../shared/sealed-contexts.ts';
import type { ReporterNewsRepository } from './reporter-news.repository.ts';

/** The purposes of the texts reporters receive, by which the SMS logs and delivery rates group them. */
export const NEWS_SMS_PURPOSE = { actioned: 'scams.report-actioned', cleared: 'scams.report-cleared' } as const;

/** What telling reporters needs: the repository bound to the move's transaction is built from it. */
export interface ReporterNewsDeps {
  repositoryIn(tx: Transaction): ReporterNewsRepository;
  keyring: Keyring;
  sms: SmsOutbox;
  jobs: JobQueue;
  /** The catalogue's words in a reporter's language (English when the language is not offered). */
  translator(language: string): Translate;
}

/**
 * Acts on a move: when an identifier is confirmed, each report naming it whose reporter left a
 * contact is told, once, that it led to action; when an appeal is overturned, those reporters are
 * told it was cleared. Neither text names the holder or the identifier: the report's reference is
 * enough for the reporter, and a text can be read by others.
 */
export function createReporterNews(deps: ReporterNewsDeps): (tx: Transaction, moved: IdentifierMoved) => Promise<void> {
  return async (tx, moved) => {
    const isConfirmed = moved.to === 'confirmed';
    const isOverturned = moved.to === 'cleared' && moved.reason === 'appealOverturned';
    if (!isConfirmed && !isOverturned) return;
    const repository = deps.repositoryIn(tx);
    // An appeal upheld confirms again: the reports told the first time are not told twice.
    const reports = await repository.reportsWithContact(moved.identifier.id, isOverturned);
    for (const report of reports) {
      const t = deps.translator(report.language);
      const news = isConfirmed ? 'actioned' : 'cleared';
      const contact = deps.keyring.decrypt(report.contact_enc, SEALED.reportContact);
      if (report.contact_kind === 'sms')
        await deps.sms.enqueue(tx, {
          to: contact,
          text: t(`scams.outcomes.${news}.sms`, { reference: report.reference }),
          purpose: NEWS_SMS_PURPOSE[news],
          isOptional: true,
        });
      else if (report.contact_kind === 'email')
        await enqueueEmail(deps.jobs, tx, {
          to: contact,
          subject: t(`scams.outcomes.${news}.subject`, { reference: report.reference }),
          text: t(`scams.outcomes.${news}.body`, { reference: report.reference }),
        });
    }
    if (isConfirmed)
      await repository.markTold(
        reports.map((r) => r.id),
        moved.at,
      );
  };
}
