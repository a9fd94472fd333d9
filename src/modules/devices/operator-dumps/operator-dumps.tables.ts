import type { DeviceListName } from './reference-lists.ts';
import type { Generated, SqlBool } from 'kysely';

/** One accepted operator dump; a rejected file leaves no row (its report is returned, not stored). */
export interface DeviceDumpImportsTable {
  id: string;
  /** The operator's licence id (the offers module's operator id). */
  operator_id: string;
  file_name: string;
  /** SHA-256 of the uploaded bytes (the zip as uploaded, or the CSV); unique per operator. */
  file_sha256: string;
  /** ISO 8601 dates from the file name, inclusive. */
  period_start: string;
  period_end: string;
  /** Data rows in the file (header excluded). */
  row_count: number;
  accepted_at: string;
  /** JSON of the {@link import('./dump-checks.ts').DumpReport}: each check with its measure and limit. */
  report: string;
  /** `user:<id>`, `token:<id>` or `cli`. */
  actor: string;
  /** When its staged observations were all merged into `device_observations`; null while they are being merged. */
  published_at: string | null;
}

/**
 * An import being staged or merged: its staged rows are in `device_dump_staging_<import id>`
 * (see `stagingTableOf` in the repository); the clean-up finds here what a crash abandoned.
 */
export interface DeviceDumpStagingsTable {
  import_id: string;
  operator_id: string;
  started_at: string;
  /** The last batch staged or merged. */
  touched_at: string;
  /** Staged rows 1 to `published_n` are merged into the observations. */
  published_n: number;
}

/**
 * One distinct (IMEI, IMSI, MSISDN, operator) seen in operator dumps. Rows with an empty or unclean
 * IMEI are not kept. After the retention period (the rule of `devices.observations` in the
 * profile's retention schedule) the personal columns (`imsi_cipher`, `msisdn_cipher`, `imsi_hash`,
 * `msisdn_hash`, `observation_key`) are set to null: the row keeps only that the IMEI was seen on this operator's network, when and from which
 * home network.
 */
export interface DeviceObservationsTable {
  id: string;
  /** Keyed hash of the tuple (imei_key, imsi, msisdn, operator) for upserts; null once anonymised. */
  observation_key: string | null;
  /** The 14-digit IMEI key (TAC + serial, no check digit or software version). */
  imei_key: string;
  /** The IMSI encrypted with the keyring (context `device_observations.imsi`); null when absent or anonymised. */
  imsi_cipher: string | null;
  /** The MSISDN encrypted with the keyring (context `device_observations.msisdn`); null when absent or anonymised. */
  msisdn_cipher: string | null;
  /** keyring.hash(imsi, 'device-imsi'): to join and count distinct SIMs; null when absent or anonymised. */
  imsi_hash: string | null;
  /** keyring.hash(msisdn, 'device-msisdn'), as a pairing's: how a person's mobile number finds the observation; null when absent, anonymised, or stored before it was kept. */
  msisdn_hash: string | null;
  /** The IMSI is not 14 or 15 digits (DIRBS's unclean IMSI): the duplicate dimension does not count it. */
  is_imsi_unclean: Generated<SqlBool>;
  /** MCC+MNC (5 digits; the first 5 digits of the IMSI), not personal; null when the IMSI is empty. */
  home_network: string | null;
  /**
   * The radio generations the observation was seen on, over every row and dump: 2G 1, 3G 2, 4G 4,
   * 5G 8 (see `rat.ts`); 0 when only non-cellular access was given, null when no RAT ever was.
   */
  rat_mask: number | null;
  operator_id: string;
  /** ISO 8601 dates. */
  first_seen: string;
  last_seen: string;
  /** The dump import that last touched the row. */
  import_id: string;
}

/**
 * One entry of a reference list over time: a full upload ends (sets `end_date` on) entries absent
 * from the file and starts new ones; a delta adds or ends entries. Current entries have a null end_date.
 */
export interface DeviceListEntriesTable {
  id: string;
  list: DeviceListName;
  /**
   * The 14-digit IMEI key; for `barred_tac` the 8-digit TAC; for `golden` keyring.hash(imei_key,
   * 'device-golden-imei') (golden IMEIs are stored hashed only).
   */
  key: string;
  /** For `pairing`: keyring.hash(imsi, 'device-imsi'), the same hash as device_observations.imsi_hash. */
  imsi_hash: string | null;
  /** For `pairing`: the IMSI sealed as observations seal it (context `device_observations.imsi`); null for pairings stored before it was kept. */
  imsi_cipher: string | null;
  /** For `pairing`: the MSISDN sealed as observations seal it (context `device_observations.msisdn`); null when the list gave none. */
  msisdn_cipher: string | null;
  /** For `pairing`: keyring.hash(msisdn, 'device-msisdn'); with the key and the IMSI's hash it identifies the pairing, as DIRBS's (imei, imsi, msisdn). */
  msisdn_hash: string | null;
  /** For `pairing`: the IMSI's MCC+MNC, which routes the pairing to its operator's exception list. */
  home_network: string | null;
  reason: string | null;
  source: string | null;
  /** ISO 8601 dates; `end_date` is null while the entry is current. */
  start_date: string;
  end_date: string | null;
  /** The upload that started the entry. */
  upload_id: string;
  /** The upload that ended it. */
  ended_by_upload_id: string | null;
}

/** One upload of a reference list (full or delta). */
export interface DeviceListUploadsTable {
  id: string;
  list: DeviceListName;
  mode: 'full' | 'delta';
  file_name: string;
  row_count: number;
  added: number;
  removed: number;
  actor: string;
  created_at: string;
}

/** A list upload being staged or applied: found by the hourly settling when a crash abandoned it. */
export interface DeviceListStagingsTable {
  upload_id: string;
  started_at: string;
  touched_at: string;
  /** Set once every line passed: from then on the upload is applied, whatever happens. */
  accepted_at: string | null;
  list: DeviceListName | null;
  mode: 'full' | 'delta' | null;
  /** The day entries start and end on. */
  apply_date: string | null;
  /** The list, while the upload is applied: unique, one upload of a list at a time. */
  applying_list: DeviceListName | null;
  /** 'end' (ending entries), 'add' (starting them), 'done' (applied, not recorded yet), 'recorded'. */
  phase: 'end' | 'add' | 'done' | 'recorded' | null;
  /** The last current entry looked at while ending entries in a full upload. */
  position_id: string | null;
  /** The last staged line (by key, IMSI hash and MSISDN hash, what identifies a line) already applied in the current phase. */
  position_key: string | null;
  position_imsi: string | null;
  position_msisdn: string | null;
  file_name: string | null;
  /** JSON of the uploader ({"type", "id"}), for the audit record written when the upload is recorded. */
  actor: string | null;
  row_count: number;
  added: number;
  removed: number;
}

/** A row of a list upload while it is staged and applied; never read outside the upload. */
export interface DeviceListStagingTable {
  upload_id: string;
  key: string;
  /** '' when the list has no IMSI. */
  imsi_hash: string;
  /** '' when the list has no MSISDN. */
  msisdn_hash: string;
  imsi_cipher: string | null;
  msisdn_cipher: string | null;
  home_network: string | null;
  change_type: 'add' | 'remove';
  reason: string | null;
  source: string | null;
  line: number;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    device_dump_imports: DeviceDumpImportsTable;
    device_dump_stagings: DeviceDumpStagingsTable;
    device_observations: DeviceObservationsTable;
    device_list_entries: DeviceListEntriesTable;
    device_list_uploads: DeviceListUploadsTable;
    device_list_staging: DeviceListStagingTable;
    device_list_stagings: DeviceListStagingsTable;
  }
}
