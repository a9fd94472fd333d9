import type { ColumnType, Insertable, SqlBool } from 'kysely';

/** One TAC of the GSMA database, with what Kinga derived from its line. */
export interface DeviceTacsTable {
  tac: string;
  manufacturer: string;
  brand: string;
  model: string;
  marketing_name: string | null;
  device_type: string;
  device_class: string;
  bands: string;
  has_2g: SqlBool;
  has_3g: SqlBool;
  has_4g: SqlBool;
  has_5g: SqlBool;
  /** ISO 8601 date. */
  allocation_date: string | null;
  reporting_body: string;
  operating_system: string | null;
  import_id: string;
}

/** A TAC of a file being imported, before it replaces the table. */
export type DeviceTacStagingTable = DeviceTacsTable;

/** The TAC import being staged or replacing the table: one at a time. */
export interface DeviceTacStagingsTable {
  import_id: string;
  /** Always 'tac', and unique: one TAC import at a time. */
  slot: string;
  started_at: string;
  /** Moved by every batch staged or range replaced: an import untouched for long was left by a stopped process. */
  touched_at: string;
  /** Set when every line passed: from then on the import replaces the table, whatever happens. */
  accepted_at: string | null;
  file_name: string | null;
  sha256: string | null;
  row_count: number | null;
  /** The last TAC replaced so far. */
  published_tac: string | null;
}

/** One completed import of the TAC database; a failed import leaves no row. */
export interface DeviceTacImportsTable {
  id: string;
  file_name: string;
  sha256: string;
  row_count: number;
  imported_at: string;
}

/**
 * A reporter proving they own an e-mail address or a mobile number before reporting a theft. The
 * browser holds a random token in a cookie; only its keyed hash is stored, and the one-time code
 * only as a hash. Without an address, `email_enc` seals an empty text and `email_hash` is the
 * number's keyed hash (purpose `device_theft_reports.phone`), so that it still names the reporter.
 */
export interface DeviceReportSessionsTable {
  id: string;
  token_hash: string;
  email_hash: string;
  email_enc: string;
  /** The mobile number the reporter proved instead of (or beside) an address: sealed, with the SMS outbox's keyed hash. */
  contact_phone_hash: string | null;
  contact_phone_enc: string | null;
  /** Where codes and notices go: the address or the number. */
  notify_by: ColumnType<'email' | 'sms', 'email' | 'sms' | undefined, 'email' | 'sms'>;
  code_hash: string;
  code_expires_at: string;
  attempts: number;
  is_verified: SqlBool;
  created_at: string;
  expires_at: string;
}

/** A report session row as the service builds it for insertion. */
export type NewDeviceReportSessionRow = Insertable<DeviceReportSessionsTable>;

/** A lost or stolen phone report; personal values are encrypted, the e-mail is also hashed for look-ups. */
export interface DeviceTheftReportsTable {
  id: string;
  /** The reference given to the reporter, such as `LS-7K3M9Q2P`. */
  request_id: string;
  email_hash: string;
  email_enc: string;
  msisdn_enc: string;
  /** The number codes and notices go to when the reporter chose texts; never the stolen phone's number. */
  contact_phone_hash: string | null;
  contact_phone_enc: string | null;
  notify_by: ColumnType<'email' | 'sms', 'email' | 'sms' | undefined, 'email' | 'sms'>;
  police_reference_enc: string;
  status: 'submitted' | 'verified' | 'rejected';
  submitted_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

/** One IMEI of a report, by its 14-digit key. */
export interface DeviceTheftReportImeisTable {
  report_id: string;
  imei_key: string;
  imei_raw: string;
}

/** The copy of the police report a reporter uploaded, if any: name and content encrypted, type read from its signature. */
export interface DeviceTheftReportFilesTable {
  report_id: string;
  name_enc: string;
  media_type: string;
  size_bytes: number;
  /** The file's bytes in base64, encrypted with the keyring. */
  content_enc: string;
  created_at: string;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    device_tacs: DeviceTacsTable;
    device_tac_imports: DeviceTacImportsTable;
    device_tac_staging: DeviceTacStagingTable;
    device_tac_stagings: DeviceTacStagingsTable;
    device_report_sessions: DeviceReportSessionsTable;
    device_theft_reports: DeviceTheftReportsTable;
    device_theft_report_imeis: DeviceTheftReportImeisTable;
    device_theft_report_files: DeviceTheftReportFilesTable;
  }
}
