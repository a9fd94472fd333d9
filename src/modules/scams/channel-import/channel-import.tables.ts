import type { Selectable } from 'kysely';

/**
 * A scam report the channels module kept before the scams module took reports in, moved here by
 * the migration with its columns still sealed under the channels' contexts, until the import job files it.
 */
export interface ScamChannelImportsTable {
  id: string;
  /** The reporter's number (context `channel_scam_reports.reporter`). */
  reporter_enc: string;
  /** The sender as the reporter typed it (context `channel_scam_reports.sender`). */
  sender_enc: string;
  /** The scam's text (context `channel_scam_reports.text`). */
  text_enc: string;
  channel: string;
  language: string;
  created_at: string;
}

/** A staged report as stored. */
export type ScamChannelImportRow = Selectable<ScamChannelImportsTable>;

declare module '../../../platform/db/database.ts' {
  interface Database {
    scam_channel_imports: ScamChannelImportsTable;
  }
}
