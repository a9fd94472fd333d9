import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { createTimeSlicer, repeatUntilDone } from '../../../platform/event-loop.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { LineTooLongError, readTextLines } from '../../../platform/text-lines.ts';
import { InvalidFile, ProblemList } from '../../../platform/upload-limits.ts';
import { MAX_RECORD_CHARS } from '../operator-dumps/dump-csv.ts';
import { readTacHeader, readTacLine, type TacHeader, type TacRecord } from './tac.ts';
import type { TacRepository, TacStaging } from './tac.repository.ts';

/** What a finished import reports. */
export interface TacImportResult {
  importId: string;
  fileName: string;
  rows: number;
  sha256: string;
}

/** Progress of a long import, in lines read. */
export type TacImportProgress = (linesRead: number) => void;

/** What a TAC import needs. */
export interface TacImportDeps {
  repository: TacRepository;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
}

/** Most problems one report lists; the total is still counted. */
export const MAX_REPORTED_PROBLEMS = 100;

/**
 * TACs staged, or replaced in the table, per transaction. On SQLite a transaction holds the one
 * connection, so every other request's read waits for it: 5,000 TACs take a few tens of milliseconds.
 */
export const TAC_STAGE_ROWS = 5000;

/** An import untouched this long was left by a stopped process: a live one touches its staging with every batch. */
export const STALE_TAC_STAGING_MS = 30 * 60_000;

/** Another TAC import holds the staging: two replacing the table at once would each delete the other's TACs. */
export class TacImportRunning extends Conflict {
  constructor(staging: TacStaging) {
    super(
      'TAC_IMPORT_RUNNING',
      `Another TAC import, started at ${staging.startedAt}, is ${staging.isAccepted ? 'replacing the TAC database' : 'being read'}; nothing was imported. Try again when it has ended; one whose process stopped is settled by the hourly job 30 minutes after it last moved.`,
    );
  }
}

/** Feeds every chunk of `stream` to `hash` on its way to the reader. */
async function* hashing(stream: AsyncIterable<Buffer | string>, hash: Hash): AsyncGenerator<Buffer | string> {
  for await (const chunk of stream) {
    hash.update(chunk);
    yield chunk;
  }
}

/**
 * Imports a GSMA TAC database file. Lines are read as a stream within a bound (a line over 64 KiB
 * is not read: the import stops there), checked, and staged in short transactions, so that memory
 * does not grow with the file (only the set of TACs seen, to find duplicates) and other requests
 * keep reading the database. Any bad line and nothing changes: the report lists the first 100
 * problems with their line and field, and counts them all. A good file is accepted, then replaces
 * the whole table TAC range by TAC range, again in short transactions; should the process stop,
 * the hourly settling ({@link settleAbandonedTacImports}) finishes it. One import at a time.
 */
export async function importTacFile(
  deps: TacImportDeps,
  input: { stream: Readable; fileName: string; actor: Actor; onProgress?: TacImportProgress },
): Promise<TacImportResult> {
  const { repository } = deps;
  const importId = deps.ids();
  const nowIso = () => deps.clock.now().toISOString();
  await claimStaging(deps, importId);
  let isAccepted = false;
  try {
    const hash = createHash('sha256');
    const problems = new ProblemList(MAX_REPORTED_PROBLEMS);
    const firstLineOf = new Map<string, number>();
    const slicer = createTimeSlicer();
    let header: TacHeader | undefined;
    let lastLine = 0;
    let rows = 0;
    let batch: TacRecord[] = [];
    try {
      reading: for await (const lines of readTextLines(hashing(input.stream, hash), { maxLineChars: MAX_RECORD_CHARS })) {
        for (const { text, line } of lines) {
          lastLine = line;
          if (line % 100_000 === 0) input.onProgress?.(line);
          // A file read from memory arrives as one chunk: checking its lines must still let other requests in.
          await slicer.pause();
          if (header === undefined) {
            const read = readTacHeader(text);
            if (read.problems.length > 0) {
              for (const p of read.problems) problems.add(p);
              break reading;
            }
            header = read.header;
            continue;
          }
          if (text.trim() === '') continue;
          const result = readTacLine(header, text, line);
          if ('problems' in result) {
            for (const p of result.problems) problems.add(p);
            continue;
          }
          const seenOn = firstLineOf.get(result.record.tac);
          if (seenOn !== undefined) {
            problems.add({ line, field: 'TAC', message: `TAC ${result.record.tac} already appears on line ${seenOn}.` });
            continue;
          }
          firstLineOf.set(result.record.tac, line);
          rows += 1;
          // Once a line is wrong nothing will be imported, so only the checking goes on.
          if (!problems.isEmpty) continue;
          batch.push(result.record);
          if (batch.length >= TAC_STAGE_ROWS) {
            await repository.stageTacs(importId, batch, nowIso());
            batch = [];
          }
        }
      }
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw error;
      problems.add({
        line: error.line,
        field: 'line',
        message: `Line ${error.line} is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters; a line of the TAC database is a few hundred. The file was read no further.`,
      });
    }
    // A header that failed, or a line too long, ends the reading early; the rest of the file is not needed.
    input.stream.destroy();
    input.onProgress?.(lastLine);
    if (header === undefined && problems.isEmpty)
      problems.add({ line: 1, field: 'file', message: 'The file is empty; a TAC database starts with a header line.' });
    else if (rows === 0 && problems.isEmpty)
      problems.add({ line: 2, field: 'file', message: 'The file has a header but no TAC lines; importing it would empty the TAC database.' });
    if (!problems.isEmpty) {
      const shown = problems.total > problems.listed.length ? ` (the first ${problems.listed.length} are listed)` : '';
      throw new InvalidFile(
        problems.total,
        problems.listed,
        'TAC_FILE_INVALID',
        `${problems.total} problem(s) in ${input.fileName}${shown}; nothing was imported.`,
      );
    }
    if (batch.length > 0) await repository.stageTacs(importId, batch, nowIso());
    const sha256 = hash.digest('hex');
    // From here the file replaces the table whatever happens: should this process stop, the hourly job finishes it.
    await repository.acceptStaging(importId, { fileName: input.fileName, sha256, rowCount: rows }, nowIso(), (trx) =>
      deps.audit.record(trx, {
        actor: input.actor,
        action: 'devices.tac.imported',
        entityType: 'device_tac_import',
        entityId: importId,
        details: { rows, sha256 },
      }),
    );
    isAccepted = true;
    await publishAcceptedTacs(deps, importId);
    return { importId, fileName: input.fileName, rows, sha256 };
  } catch (error) {
    if (!isAccepted) await discardTacStaging(repository, importId);
    throw error;
  }
}

/** Takes the staging for `importId`, settling first one a stopped process left; {@link TacImportRunning} when a live import holds it. */
async function claimStaging(deps: TacImportDeps, importId: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await deps.repository.startStaging(importId, deps.clock.now().toISOString())) return;
    const holder = await deps.repository.currentStaging();
    if (holder === undefined) continue;
    if (!isStale(deps.clock, holder)) throw new TacImportRunning(holder);
    await settleAbandonedTacImports(deps);
  }
  const holder = await deps.repository.currentStaging();
  if (holder !== undefined) throw new TacImportRunning(holder);
  throw new Error('The TAC staging could not be taken although no import holds it.');
}

function isStale(clock: Clock, staging: TacStaging): boolean {
  return new Date(staging.touchedAt).getTime() < clock.now().getTime() - STALE_TAC_STAGING_MS;
}

/** Replaces the table with an accepted import's TACs, range by range, then records the import. */
export async function publishAcceptedTacs(deps: Pick<TacImportDeps, 'repository' | 'clock'>, importId: string): Promise<void> {
  await repeatUntilDone(() => deps.repository.publishChunk(importId, TAC_STAGE_ROWS, deps.clock.now().toISOString()));
  await deps.repository.finishImport(importId, deps.clock.now().toISOString());
}

/** Deletes what an import that will not be published staged, a short transaction at a time. */
async function discardTacStaging(repository: TacRepository, importId: string): Promise<void> {
  await repeatUntilDone(() => repository.discardChunk(importId, TAC_STAGE_ROWS));
}

/**
 * Settles the TAC import a stopped process left, once untouched for {@link STALE_TAC_STAGING_MS}:
 * an accepted one replaces the table from where it stopped, one still being read is deleted.
 */
export async function settleAbandonedTacImports(deps: Pick<TacImportDeps, 'repository' | 'clock'>): Promise<{ published: number; discarded: number }> {
  const staging = await deps.repository.currentStaging();
  if (staging === undefined || !isStale(deps.clock, staging)) return { published: 0, discarded: 0 };
  if (staging.isAccepted) {
    await publishAcceptedTacs(deps, staging.importId);
    return { published: 1, discarded: 0 };
  }
  await discardTacStaging(deps.repository, staging.importId);
  return { published: 0, discarded: 1 };
}
