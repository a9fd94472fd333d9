import type { Static } from '@sinclair/typebox';
import type { ImportResponse } from './offer.schemas.ts';
import type { ImportReport } from './offer.service.ts';

/** An accepted import as the API returns it. */
export function presentImport(report: ImportReport): Static<typeof ImportResponse> {
  return {
    importId: report.importId,
    rows: report.rows,
    newPlans: report.newPlans,
    newVersions: report.newVersions,
    confirmed: report.confirmed,
    warnings: report.warnings.map((w) => ({ field: w.field, message: w.message, ...(w.line === undefined ? {} : { line: w.line }) })),
  };
}
