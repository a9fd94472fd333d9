import type { DumpImportOutcome } from './dump-import.service.ts';
import type { DumpReport } from './dump-checks.ts';
import type { DumpImportRow, ListUploadRow } from './operator-dumps.repository.ts';
import type { DeviceListName } from './reference-lists.ts';
import type { DumpImportReply } from './operator-dumps.schemas.ts';

/** An accepted dump as pages list it: no SHA-256, no actor, no report body. */
export interface DumpImportView {
  id: string;
  operatorId: string;
  fileName: string;
  periodStart: string;
  periodEnd: string;
  rows: number;
  acceptedAt: string;
}

/** Shapes an import row for the portal's list. */
export function presentDumpImport(row: DumpImportRow): DumpImportView {
  return {
    id: row.id,
    operatorId: row.operator_id,
    fileName: row.file_name,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    rows: row.row_count,
    acceptedAt: row.accepted_at,
  };
}

/** A list upload as the staff page lists it. */
export interface ListUploadView {
  id: string;
  list: DeviceListName;
  mode: 'full' | 'delta';
  rows: number;
  added: number;
  removed: number;
  createdAt: string;
}

/** Shapes a list upload row. */
export function presentListUpload(row: ListUploadRow): ListUploadView {
  return { id: row.id, list: row.list, mode: row.mode, rows: row.row_count, added: row.added, removed: row.removed, createdAt: row.created_at };
}

/** The checks of a report as the API returns them. */
export function presentChecks(report: DumpReport): DumpImportReply['checks'] {
  return report.checks.map((c) => ({ code: c.code, passed: c.isPassed, measured: c.measured, limit: c.limit, unit: c.unit }));
}

/** The API's answer to an accepted or already imported dump. */
export function presentDumpOutcome(outcome: DumpImportOutcome): DumpImportReply {
  if (outcome.status === 'duplicate')
    return { status: 'duplicate', importId: outcome.importId, sha256: outcome.sha256, acceptedAt: outcome.acceptedAt, rows: null, keptRows: null, checks: [] };
  return {
    status: 'imported',
    importId: outcome.importId,
    sha256: outcome.sha256,
    acceptedAt: null,
    rows: outcome.report.rows,
    keptRows: outcome.report.keptRows,
    checks: presentChecks(outcome.report),
  };
}
