import type { Clock } from '../../../platform/clock.ts';
import { repeatUntilDone } from '../../../platform/event-loop.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import type { QualityImportRepository } from './quality-import.repository.ts';
import { qualityMessage } from './quality-messages.ts';

/**
 * Rows an import writes per transaction. On SQLite a transaction holds the one connection, so
 * every other request's read waits for it: 5,000 measurements take a few tens of milliseconds.
 * Smaller transactions hold it less long but cost more in all, each commit writing again the
 * index pages its rows touch.
 */
export const QUALITY_STAGE_ROWS = 10_000;

/** An import untouched this long was left by a stopped process: a live one touches its staging with every batch. */
export const STALE_QUALITY_IMPORT_MS = 30 * 60_000;

/** The hourly job that deletes what stopped processes left of quality imports. */
export const SETTLE_QUALITY_IMPORTS_JOB = 'quality.imports.settle';

/** Staged rows deleted per transaction. */
const DISCARD_ROWS = 5000;

/** Deletes the rows an import wrote and its staging, a short transaction at a time; a published import is left as it is. */
export async function discardQualityImport(imports: QualityImportRepository, importId: string): Promise<void> {
  await repeatUntilDone(() => imports.discardChunk(importId, DISCARD_ROWS));
}

/**
 * Deletes what stopped processes left of measurement and KPI imports: rows written by an import
 * whose staging nobody touched for {@link STALE_QUALITY_IMPORT_MS}, never published (an import is
 * published in the one transaction that ends its staging). Returns how many imports.
 */
export async function settleAbandonedQualityImports(deps: { imports: QualityImportRepository; clock: Clock }): Promise<number> {
  const stale = await deps.imports.listStale(new Date(deps.clock.now().getTime() - STALE_QUALITY_IMPORT_MS).toISOString());
  for (const importId of stale) await discardQualityImport(deps.imports, importId);
  return stale.length;
}

/**
 * The error of an import whose staging was deleted while it was written, taken for one a stopped
 * process left: 409, since the sender can send the file again, told in the sender's language.
 */
export class ImportAbandoned extends Conflict {
  constructor(importId: string) {
    super('QUALITY_IMPORT_ABANDONED', qualityMessage('quality.import.abandoned', { importId }));
    this.name = 'ImportAbandoned';
  }
}
