import { sql, type Selectable } from 'kysely';
import { withTransaction, queriesOf, type Executor } from '../../../platform/db/index.ts';
import type { DeviceReportSessionsTable, DeviceTheftReportFilesTable, DeviceTheftReportsTable } from '../devices.tables.ts';
import type { DeviceListEntriesTable, DeviceObservationsTable } from '../operator-dumps/operator-dumps.tables.ts';
import '../devices.tables.ts';
import '../operator-dumps/operator-dumps.tables.ts';
import '../classification/classification.tables.ts';

/** A report as a person's access archive gives it, with its IMEIs and the day its phone was recovered. */
export type PersonReportRow = Selectable<DeviceTheftReportsTable> & { imeis: { key: string; raw: string }[]; recovered_at: string | null };
/** An observation as a person's access archive gives it. */
export type PersonObservationRow = Pick<
  Selectable<DeviceObservationsTable>,
  'id' | 'imei_key' | 'imsi_cipher' | 'msisdn_cipher' | 'imsi_hash' | 'home_network' | 'operator_id' | 'first_seen' | 'last_seen'
>;
/** A pairing as a person's access archive gives it. */
export type PersonPairingRow = Pick<
  Selectable<DeviceListEntriesTable>,
  'id' | 'key' | 'imsi_cipher' | 'msisdn_cipher' | 'imsi_hash' | 'msisdn_hash' | 'home_network' | 'start_date' | 'end_date' | 'upload_id'
>;

/** The sealed empty texts an anonymised report holds in place of its reporter's values. */
export type ReportBlanks = Pick<Selectable<DeviceTheftReportsTable>, 'email_enc' | 'msisdn_enc' | 'police_reference_enc'>;

/** One page of due record ids, the last id looked at, for a retention run to go on from. */
export interface DuePage {
  ids: string[];
  last: string | null;
}

/** All SQL of the devices module's kinds of record: what is due for retention, and one person's records. */
export interface DevicesPrivacyRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: DevicesPrivacyRepository) => Promise<T>): Promise<T>;

  /** Ids after `after` of reports closed (rejected, or their phone recovered) before `before` and not anonymised yet, in id order. */
  closedReportsBefore(before: string, after: string | null, limit: number): Promise<DuePage>;
  /** Deletes the reports' police report files and replaces their reporter's values by `blanks`; answers how many changed. */
  anonymiseReports(ids: readonly string[], blanks: ReportBlanks): Promise<number>;
  /** Reports whose reporter's address hash or number hash is one of these, oldest first. */
  reportsOf(emailHashes: readonly string[], phoneHashes: readonly string[]): Promise<PersonReportRow[]>;
  policeReportFileOf(reportId: string): Promise<Selectable<DeviceTheftReportFilesTable> | undefined>;
  /** The operators served a block list naming one of these IMEIs; '' for the national block list, which every operator receives. */
  operatorsListingImeis(imeiKeys: readonly string[]): Promise<string[]>;

  /** Ids after `after` of report sessions created before `before`, in id order. */
  sessionsCreatedBefore(before: string, after: string | null, limit: number): Promise<DuePage>;
  deleteSessions(ids: readonly string[]): Promise<number>;
  sessionsOf(emailHashes: readonly string[], phoneHashes: readonly string[]): Promise<Selectable<DeviceReportSessionsTable>[]>;

  /** Ids after `after` of observations last seen before the day `beforeDay` still holding personal values, in id order. */
  observationsLastSeenBefore(beforeDay: string, after: string | null, limit: number): Promise<DuePage>;
  /** Clears the IMSI, MSISDN, their hashes and the observation key of these observations. */
  anonymiseObservations(ids: readonly string[]): Promise<number>;
  /** Observations whose MSISDN hash is one of these, oldest first. */
  observationsOf(msisdnHashes: readonly string[]): Promise<PersonObservationRow[]>;
  /** The operators served a notification list naming one of these IMSI hashes. */
  operatorsNotifiedOf(imsiHashes: readonly string[]): Promise<string[]>;
  /** Clears the sealed IMSI and MSISDN from generated notification list rows of these IMSI hashes. */
  clearNotificationItems(imsiHashes: readonly string[]): Promise<void>;

  /** Ids after `after` of trace alerts raised before `before`, in id order. */
  traceAlertsRaisedBefore(before: string, after: string | null, limit: number): Promise<DuePage>;
  deleteTraceAlerts(ids: readonly string[]): Promise<number>;

  /** Ids after `after` of pairings ended before the day `beforeDay` still holding personal values, in id order. */
  pairingsEndedBefore(beforeDay: string, after: string | null, limit: number): Promise<DuePage>;
  anonymisePairings(ids: readonly string[]): Promise<number>;
  /** Pairings whose MSISDN hash is one of these, oldest first. */
  pairingsOf(msisdnHashes: readonly string[]): Promise<PersonPairingRow[]>;
  /** The operators served an exception list carrying one of these pairings' SIMs (`imsi_hash:msisdn_hash`). */
  operatorsExceptingPairings(pairingKeys: readonly string[]): Promise<string[]>;
}

const pageOf = (rows: readonly { id: string }[], limit: number): DuePage => ({
  ids: rows.map((r) => r.id),
  last: rows.length < limit ? null : (rows[rows.length - 1]?.id ?? null),
});

/** Builds the repository over a Kysely instance or transaction. */
export function createDevicesPrivacyRepository(executor: Executor): DevicesPrivacyRepository {
  const db = queriesOf(executor);
  const nonEmpty = <T>(values: readonly T[]) => values.length > 0;
  const repository: DevicesPrivacyRepository = {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createDevicesPrivacyRepository(tx)));
    },

    async closedReportsBefore(before, after, limit) {
      let query = db
        .selectFrom('device_theft_reports as r')
        .select('r.id')
        .where('r.email_hash', '<>', '')
        .where((eb) =>
          eb.or([
            eb.and([eb('r.status', '=', 'rejected'), eb('r.decided_at', '<', before)]),
            eb.exists(
              eb
                .selectFrom('device_report_recoveries as v')
                .select(sql<number>`1`.as('one'))
                .whereRef('v.report_id', '=', 'r.id')
                .where('v.recovered_at', '<', before),
            ),
          ]),
        );
      if (after !== null) query = query.where('r.id', '>', after);
      return pageOf(await query.orderBy('r.id').limit(limit).execute(), limit);
    },
    async anonymiseReports(ids, blanks) {
      if (!nonEmpty(ids)) return 0;
      await db.deleteFrom('device_theft_report_files').where('report_id', 'in', ids).execute();
      const result = await db
        .updateTable('device_theft_reports')
        .set({ ...blanks, email_hash: '', contact_phone_hash: null, contact_phone_enc: null })
        .where('id', 'in', ids)
        .where('email_hash', '<>', '')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async reportsOf(emailHashes, phoneHashes) {
      if (!nonEmpty(emailHashes) && !nonEmpty(phoneHashes)) return [];
      const reports = await db
        .selectFrom('device_theft_reports as r')
        .leftJoin('device_report_recoveries as v', 'v.report_id', 'r.id')
        .selectAll('r')
        .select('v.recovered_at')
        .where('r.email_hash', '<>', '')
        .where((eb) =>
          eb.or([
            ...(nonEmpty(emailHashes) ? [eb('r.email_hash', 'in', emailHashes)] : []),
            ...(nonEmpty(phoneHashes) ? [eb('r.contact_phone_hash', 'in', phoneHashes)] : []),
          ]),
        )
        .orderBy('r.submitted_at')
        .orderBy('r.id')
        .execute();
      if (reports.length === 0) return [];
      const imeis = await db
        .selectFrom('device_theft_report_imeis')
        .select(['report_id', 'imei_key', 'imei_raw'])
        .where(
          'report_id',
          'in',
          reports.map((r) => r.id),
        )
        .orderBy('report_id')
        .orderBy('imei_raw')
        .execute();
      return reports.map((r) => ({
        ...r,
        imeis: imeis.filter((i) => i.report_id === r.id).map((i) => ({ key: i.imei_key, raw: i.imei_raw })),
      }));
    },
    policeReportFileOf(reportId) {
      return db.selectFrom('device_theft_report_files').selectAll().where('report_id', '=', reportId).executeTakeFirst();
    },
    async operatorsListingImeis(imeiKeys) {
      if (!nonEmpty(imeiKeys)) return [];
      const rows = await db
        .selectFrom('device_list_items')
        .select('operator_id')
        .distinct()
        .where('list_kind', '=', 'block')
        .where('imei_key', 'in', imeiKeys)
        .orderBy('operator_id')
        .execute();
      return rows.map((r) => r.operator_id);
    },

    async sessionsCreatedBefore(before, after, limit) {
      let query = db.selectFrom('device_report_sessions').select('id').where('created_at', '<', before);
      if (after !== null) query = query.where('id', '>', after);
      return pageOf(await query.orderBy('id').limit(limit).execute(), limit);
    },
    async deleteSessions(ids) {
      if (!nonEmpty(ids)) return 0;
      const result = await db.deleteFrom('device_report_sessions').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    sessionsOf(emailHashes, phoneHashes) {
      if (!nonEmpty(emailHashes) && !nonEmpty(phoneHashes)) return Promise.resolve([]);
      return db
        .selectFrom('device_report_sessions')
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(nonEmpty(emailHashes) ? [eb('email_hash', 'in', emailHashes)] : []),
            ...(nonEmpty(phoneHashes) ? [eb('contact_phone_hash', 'in', phoneHashes)] : []),
          ]),
        )
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    async observationsLastSeenBefore(beforeDay, after, limit) {
      let query = db
        .selectFrom('device_observations')
        .select('id')
        .where('last_seen', '<', beforeDay)
        .where((eb) =>
          eb.or([
            eb('observation_key', 'is not', null),
            eb('imsi_cipher', 'is not', null),
            eb('msisdn_cipher', 'is not', null),
            eb('imsi_hash', 'is not', null),
            eb('msisdn_hash', 'is not', null),
          ]),
        );
      if (after !== null) query = query.where('id', '>', after);
      return pageOf(await query.orderBy('id').limit(limit).execute(), limit);
    },
    async anonymiseObservations(ids) {
      if (!nonEmpty(ids)) return 0;
      const result = await db
        .updateTable('device_observations')
        .set({ observation_key: null, imsi_cipher: null, msisdn_cipher: null, imsi_hash: null, msisdn_hash: null })
        .where('id', 'in', ids)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    observationsOf(msisdnHashes) {
      if (!nonEmpty(msisdnHashes)) return Promise.resolve([]);
      return db
        .selectFrom('device_observations')
        .select(['id', 'imei_key', 'imsi_cipher', 'msisdn_cipher', 'imsi_hash', 'home_network', 'operator_id', 'first_seen', 'last_seen'])
        .where('msisdn_hash', 'in', msisdnHashes)
        .orderBy('first_seen')
        .orderBy('id')
        .execute();
    },
    async operatorsNotifiedOf(imsiHashes) {
      if (!nonEmpty(imsiHashes)) return [];
      const rows = await db
        .selectFrom('device_list_items')
        .select('operator_id')
        .distinct()
        .where('list_kind', '=', 'notification')
        .where('imsi_hash', 'in', imsiHashes)
        .orderBy('operator_id')
        .execute();
      return rows.map((r) => r.operator_id);
    },
    async clearNotificationItems(imsiHashes) {
      if (!nonEmpty(imsiHashes)) return;
      await db
        .updateTable('device_list_items')
        .set({ imsi_cipher: null, msisdn_cipher: null })
        .where('list_kind', '=', 'notification')
        .where('imsi_hash', 'in', imsiHashes)
        .execute();
    },

    async traceAlertsRaisedBefore(before, after, limit) {
      let query = db.selectFrom('device_trace_alerts').select('id').where('created_at', '<', before);
      if (after !== null) query = query.where('id', '>', after);
      return pageOf(await query.orderBy('id').limit(limit).execute(), limit);
    },
    async deleteTraceAlerts(ids) {
      if (!nonEmpty(ids)) return 0;
      const result = await db.deleteFrom('device_trace_alerts').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async pairingsEndedBefore(beforeDay, after, limit) {
      let query = db
        .selectFrom('device_list_entries')
        .select('id')
        .where('list', '=', 'pairing')
        .where('end_date', '<', beforeDay)
        .where((eb) =>
          eb.or([eb('imsi_hash', 'is not', null), eb('imsi_cipher', 'is not', null), eb('msisdn_cipher', 'is not', null), eb('msisdn_hash', 'is not', null)]),
        );
      if (after !== null) query = query.where('id', '>', after);
      return pageOf(await query.orderBy('id').limit(limit).execute(), limit);
    },
    async anonymisePairings(ids) {
      if (!nonEmpty(ids)) return 0;
      const result = await db
        .updateTable('device_list_entries')
        .set({ imsi_hash: null, imsi_cipher: null, msisdn_cipher: null, msisdn_hash: null })
        .where('list', '=', 'pairing')
        .where('id', 'in', ids)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    pairingsOf(msisdnHashes) {
      if (!nonEmpty(msisdnHashes)) return Promise.resolve([]);
      return db
        .selectFrom('device_list_entries')
        .select(['id', 'key', 'imsi_cipher', 'msisdn_cipher', 'imsi_hash', 'msisdn_hash', 'home_network', 'start_date', 'end_date', 'upload_id'])
        .where('list', '=', 'pairing')
        .where('msisdn_hash', 'in', msisdnHashes)
        .orderBy('start_date')
        .orderBy('id')
        .execute();
    },
    async operatorsExceptingPairings(pairingKeys) {
      if (!nonEmpty(pairingKeys)) return [];
      const rows = await db
        .selectFrom('device_list_items')
        .select('operator_id')
        .distinct()
        .where('list_kind', '=', 'exception')
        .where('imsi_hash', 'in', pairingKeys)
        .orderBy('operator_id')
        .execute();
      return rows.map((r) => r.operator_id);
    },
  };
  return repository;
}
