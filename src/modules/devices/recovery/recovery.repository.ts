import { withTransaction, queriesOf, type Executor } from '../../../platform/db/index.ts';
import '../classification/classification.tables.ts';
import '../devices.tables.ts';

/** A trace alert as the staff page lists it: no IMSI, no subscriber. */
export interface TraceAlertRow {
  id: string;
  report_id: string | null;
  request_id: string | null;
  operator_id: string;
  seen_on: string;
  created_on: string;
  acknowledged_at: string | null;
}

/** A report as recovery reads it: its reference, status and the reporter's sealed contacts. */
export interface RecoveryReportRow {
  id: string;
  request_id: string;
  status: string;
  notify_by: 'email' | 'sms';
  email_enc: string;
  contact_phone_enc: string | null;
}

const REPORT_COLUMNS = ['id', 'request_id', 'status', 'notify_by', 'email_enc', 'contact_phone_enc'] as const;

/** All SQL of recoveries and trace alerts. */
export interface RecoveryRepository {
  readonly executor: Executor;
  inTransaction<T>(work: (repository: RecoveryRepository) => Promise<T>): Promise<T>;
  findReportByRequestId(requestId: string): Promise<(RecoveryReportRow & { email_hash: string }) | undefined>;
  findReportById(id: string): Promise<RecoveryReportRow | undefined>;
  isRecovered(reportId: string): Promise<boolean>;
  /** Records a recovery; false when the report was already recovered. */
  insertRecovery(row: { report_id: string; recovered_at: string; recovered_on: string; recovered_by: string }): Promise<boolean>;
  listAlerts(limit: number): Promise<TraceAlertRow[]>;
  acknowledgeAlert(id: string, at: string, by: string): Promise<boolean>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createRecoveryRepository(executor: Executor): RecoveryRepository {
  const db = queriesOf(executor);
  const repository: RecoveryRepository = {
    executor: db,
    inTransaction: (work) => withTransaction(db, (tx) => work(createRecoveryRepository(tx))),
    findReportByRequestId: (requestId) =>
      db
        .selectFrom('device_theft_reports')
        .select([...REPORT_COLUMNS, 'email_hash'])
        .where('request_id', '=', requestId)
        .executeTakeFirst(),
    findReportById: (id) => db.selectFrom('device_theft_reports').select(REPORT_COLUMNS).where('id', '=', id).executeTakeFirst(),
    async isRecovered(reportId) {
      return (await db.selectFrom('device_report_recoveries').select('report_id').where('report_id', '=', reportId).executeTakeFirst()) !== undefined;
    },
    async insertRecovery(row) {
      const result = await db
        .insertInto('device_report_recoveries')
        .values(row)
        .onConflict((oc) => oc.column('report_id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    listAlerts(limit) {
      return db
        .selectFrom('device_trace_alerts as a')
        .leftJoin('device_theft_reports as r', 'r.id', 'a.report_id')
        .select(['a.id', 'a.report_id', 'r.request_id', 'a.operator_id', 'a.seen_on', 'a.created_on', 'a.acknowledged_at'])
        .orderBy('a.created_at', 'desc')
        .limit(limit)
        .execute();
    },
    async acknowledgeAlert(id, at, by) {
      const result = await db
        .updateTable('device_trace_alerts')
        .set({ acknowledged_at: at, acknowledged_by: by })
        .where('id', '=', id)
        .where('acknowledged_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
  return repository;
}
