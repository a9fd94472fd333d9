import type { Insertable, Selectable } from 'kysely';
import { withTransaction, queriesOf, type Executor } from '../../../platform/db/index.ts';
import type { DeviceReportSessionsTable, DeviceTheftReportFilesTable, DeviceTheftReportsTable } from '../devices.tables.ts';
import '../devices.tables.ts';

/** A stored report session. */
export type ReportSessionRow = Selectable<DeviceReportSessionsTable>;
/** A stored theft report. */
export type TheftReportRow = Selectable<DeviceTheftReportsTable>;
/** A report as the staff list shows it: no personal values, only how many IMEIs. */
export type TheftReportSummaryRow = Pick<TheftReportRow, 'id' | 'request_id' | 'status' | 'submitted_at' | 'decided_at'> & { imei_count: number };
/** A report's police report file without its content, for the staff page. */
export type PoliceReportFileInfoRow = Pick<Selectable<DeviceTheftReportFilesTable>, 'name_enc' | 'media_type' | 'size_bytes' | 'created_at'>;

/** All SQL of lost and stolen reports. */
export interface TheftReportRepository {
  /** The executor of this repository, for the audit record and the e-mail job of the same transaction. */
  readonly executor: Executor;
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: TheftReportRepository) => Promise<T>): Promise<T>;
  insertSession(row: Insertable<DeviceReportSessionsTable>): Promise<void>;
  findSessionByTokenHash(tokenHash: string): Promise<ReportSessionRow | undefined>;
  recordCodeAttempt(id: string, attempts: number, isVerified: boolean): Promise<void>;
  deleteSession(id: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;
  insertReport(row: Insertable<DeviceTheftReportsTable>, imeis: readonly { key: string; raw: string }[]): Promise<void>;
  listReports(limit: number): Promise<TheftReportSummaryRow[]>;
  findReport(id: string): Promise<{ report: TheftReportRow; imeis: { imei_key: string; imei_raw: string }[] } | undefined>;
  /** Moves a submitted report to its decision; returns false when it was no longer submitted. */
  decideReport(id: string, status: 'verified' | 'rejected', decidedAt: string, decidedBy: string): Promise<boolean>;
  insertPoliceReportFile(row: Insertable<DeviceTheftReportFilesTable>): Promise<void>;
  /** The report's police report file without its content, or undefined when none was uploaded. */
  findPoliceReportFileInfo(reportId: string): Promise<PoliceReportFileInfoRow | undefined>;
  /** The report's police report file with the report's request id, which its download name carries. */
  findPoliceReportFile(reportId: string): Promise<(Selectable<DeviceTheftReportFilesTable> & { request_id: string }) | undefined>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createTheftReportRepository(executor: Executor): TheftReportRepository {
  const db = queriesOf(executor);
  const repository: TheftReportRepository = {
    executor: db,
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createTheftReportRepository(tx)));
    },
    async insertSession(row) {
      await db.insertInto('device_report_sessions').values(row).execute();
    },
    findSessionByTokenHash(tokenHash) {
      return db.selectFrom('device_report_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    async recordCodeAttempt(id, attempts, isVerified) {
      await db.updateTable('device_report_sessions').set({ attempts, is_verified: isVerified }).where('id', '=', id).execute();
    },
    async deleteSession(id) {
      await db.deleteFrom('device_report_sessions').where('id', '=', id).execute();
    },
    async deleteExpiredSessions(now) {
      const result = await db.deleteFrom('device_report_sessions').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async insertReport(row, imeis) {
      await db.insertInto('device_theft_reports').values(row).execute();
      if (imeis.length > 0) {
        await db
          .insertInto('device_theft_report_imeis')
          .values(imeis.map((i) => ({ report_id: row.id, imei_key: i.key, imei_raw: i.raw })))
          .execute();
      }
    },
    listReports(limit) {
      return db
        .selectFrom('device_theft_reports as r')
        .leftJoin('device_theft_report_imeis as i', 'i.report_id', 'r.id')
        .select(['r.id', 'r.request_id', 'r.status', 'r.submitted_at', 'r.decided_at'])
        .select((eb) => eb.fn.count<number>('i.imei_key').as('imei_count'))
        .groupBy(['r.id', 'r.request_id', 'r.status', 'r.submitted_at', 'r.decided_at'])
        .orderBy('r.submitted_at', 'desc')
        .limit(limit)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, imei_count: Number(r.imei_count) })));
    },
    async findReport(id) {
      const report = await db.selectFrom('device_theft_reports').selectAll().where('id', '=', id).executeTakeFirst();
      if (!report) return undefined;
      const imeis = await db.selectFrom('device_theft_report_imeis').select(['imei_key', 'imei_raw']).where('report_id', '=', id).orderBy('imei_key').execute();
      return { report, imeis };
    },
    async decideReport(id, status, decidedAt, decidedBy) {
      const result = await db
        .updateTable('device_theft_reports')
        .set({ status, decided_at: decidedAt, decided_by: decidedBy })
        .where('id', '=', id)
        .where('status', '=', 'submitted')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertPoliceReportFile(row) {
      await db.insertInto('device_theft_report_files').values(row).execute();
    },
    findPoliceReportFileInfo(reportId) {
      return db
        .selectFrom('device_theft_report_files')
        .select(['name_enc', 'media_type', 'size_bytes', 'created_at'])
        .where('report_id', '=', reportId)
        .executeTakeFirst();
    },
    findPoliceReportFile(reportId) {
      return db
        .selectFrom('device_theft_report_files as f')
        .innerJoin('device_theft_reports as r', 'r.id', 'f.report_id')
        .selectAll('f')
        .select('r.request_id')
        .where('f.report_id', '=', reportId)
        .executeTakeFirst();
    },
  };
  return repository;
}
