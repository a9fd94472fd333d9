import type { Logger } from 'pino';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { ReportChannel, ScamReportService } from '../reporting/scam-report.service.ts';
import type { ChannelImportRepository } from './channel-import.repository.ts';

/** What one run of the import did: reports filed, and reports the intake refused, by the fields it named. */
export interface ChannelImportResult {
  filed: number;
  refused: number;
  refusedFields: Record<string, number>;
}

// The channels module filed these by text or USSD, where no medium or category was asked.
const MEDIUM = 'sms';
const CATEGORY = 'other';
const BATCH = 100;

/**
 * Files the scam reports the channels module kept before the scams module existed through the one
 * intake: each is opened under the channels' contexts, filed (so sealed under the scams' contexts
 * and keyed by the intake's own hashes) with the time it was made as the time of the scam and of the
 * number's proof, and removed. A report the intake refuses (a sender it cannot read) cannot become a
 * scam report; it is counted by field in the log, never with its content, and removed too.
 */
export function createChannelImport(deps: { repository: ChannelImportRepository; intake: Pick<ScamReportService, 'file'>; keyring: Keyring; logger: Logger }) {
  const { repository, keyring } = deps;
  return {
    /** Imports every staged report, a batch at a time, oldest first. */
    async run(): Promise<ChannelImportResult> {
      const result: ChannelImportResult = { filed: 0, refused: 0, refusedFields: {} };
      for (;;) {
        const rows = await repository.oldest(BATCH);
        if (rows.length === 0) break;
        for (const row of rows) {
          const filed = await deps.intake.file({
            channel: (row.channel === 'ussd' ? 'ussd' : 'sms') satisfies ReportChannel,
            reporterNumber: keyring.decrypt(row.reporter_enc, 'channel_scam_reports.reporter'),
            verifiedAt: row.created_at,
            sender: keyring.decrypt(row.sender_enc, 'channel_scam_reports.sender'),
            occurredAt: row.created_at,
            medium: MEDIUM,
            category: CATEGORY,
            text: keyring.decrypt(row.text_enc, 'channel_scam_reports.text'),
            language: row.language,
          });
          if (filed.ok) result.filed += 1;
          else {
            result.refused += 1;
            for (const issue of filed.issues) result.refusedFields[issue.field] = (result.refusedFields[issue.field] ?? 0) + 1;
          }
          await repository.remove(row.id);
        }
      }
      if (result.filed + result.refused > 0) deps.logger.info(result, 'scam reports kept by the channels module imported');
      return result;
    },
  };
}

/** The import of the channels module's scam reports. */
export type ChannelImport = ReturnType<typeof createChannelImport>;
