import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Actor, AuditLog } from '../../platform/audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { Invalid, type FieldProblem } from '../../platform/http/errors.ts';
import type { IdGenerator } from '../../platform/ids.ts';
import { readTacHeader, readTacLine, type TacHeader, type TacRecord } from './tac.ts';
import type { TacRepository } from './tac.repository.ts';

/** What a finished import reports. */
export interface TacImportResult {
  importId: string;
  fileName: string;
  rows: number;
  sha256: string;
}

/** Progress of a long import, in lines read. */
export type TacImportProgress = (linesRead: number) => void;

/** Most problems one report lists; the total is still counted. */
export const MAX_REPORTED_PROBLEMS = 1000;
const BATCH = 2000;

/**
 * Imports a GSMA TAC database file, streamed line by line so memory does not grow with the file
 * (only the set of TACs seen, to find duplicates). The file replaces the whole table in one
 * transaction: any bad line and nothing changes; the report names every bad line and field.
 */
export async function importTacFile(
  deps: { repository: TacRepository; audit: AuditLog; clock: Clock; ids: IdGenerator },
  input: { stream: Readable; fileName: string; actor: Actor; onProgress?: TacImportProgress },
): Promise<TacImportResult> {
  const hash = createHash('sha256');
  input.stream.on('data', (chunk: Buffer | string) => hash.update(chunk));
  // The iterator is made before the first await: readline drops lines that arrive before it exists.
  const lines = createInterface({ input: input.stream, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const importId = deps.ids();

  return deps.repository.replaceAll(async (writer) => {
    const problems: FieldProblem[] = [];
    let problemCount = 0;
    const report = (found: readonly FieldProblem[]) => {
      problemCount += found.length;
      for (const p of found) if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(p);
    };
    const firstLineOf = new Map<string, number>();
    let header: TacHeader | undefined;
    let lineNumber = 0;
    let rows = 0;
    let batch: TacRecord[] = [];

    for (let next = await lines.next(); next.done !== true; next = await lines.next()) {
      const line = next.value;
      lineNumber += 1;
      if (lineNumber % 100_000 === 0) input.onProgress?.(lineNumber);
      if (header === undefined) {
        const read = readTacHeader(line);
        if (read.problems.length > 0) {
          report(read.problems);
          break;
        }
        header = read.header;
        continue;
      }
      if (line.trim() === '') continue;
      const result = readTacLine(header, line, lineNumber);
      if ('problems' in result) {
        report(result.problems);
        continue;
      }
      const seenOn = firstLineOf.get(result.record.tac);
      if (seenOn !== undefined) {
        report([{ line: lineNumber, field: 'TAC', message: `TAC ${result.record.tac} already appears on line ${seenOn}.` }]);
        continue;
      }
      firstLineOf.set(result.record.tac, lineNumber);
      rows += 1;
      // Once a line is wrong the import will roll back, so only the checking goes on.
      if (problemCount > 0) continue;
      batch.push(result.record);
      if (batch.length >= BATCH) {
        await writer.insertTacs(batch, importId);
        batch = [];
      }
    }
    // A header that failed ends the reading early; the rest of the file is not needed.
    await lines.return?.();
    input.stream.destroy();
    input.onProgress?.(lineNumber);
    if (header === undefined && problemCount === 0) report([{ line: 1, field: 'file', message: 'The file is empty; a TAC database starts with a header line.' }]);
    else if (rows === 0 && problemCount === 0) report([{ line: 2, field: 'file', message: 'The file has a header but no TAC lines; importing it would empty the TAC database.' }]);
    if (problemCount > 0) {
      const shown = problemCount > problems.length ? ` (the first ${problems.length} are listed)` : '';
      throw new Invalid(problems, 'TAC_FILE_INVALID', `${problemCount} problem(s) in ${input.fileName}${shown}; nothing was imported.`);
    }
    await writer.insertTacs(batch, importId);
    const sha256 = hash.digest('hex');
    await writer.recordImport({ id: importId, file_name: input.fileName, sha256, row_count: rows, imported_at: deps.clock.now().toISOString() });
    await deps.audit.record(writer.trx, {
      actor: input.actor,
      action: 'devices.tac.imported',
      entityType: 'device_tac_import',
      entityId: importId,
      details: { rows, sha256 },
    });
    return { importId, fileName: input.fileName, rows, sha256 };
  });
}
