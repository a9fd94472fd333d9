import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError, Invalid, type KeyedProblem } from '../../../platform/http/errors.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { CsvSyntaxError, readCsvRecords } from './dump-csv.ts';
import { checkProblem, dumpMessage, sayDumpMessage, type DumpMessage } from './dump-messages.ts';
import { devicesProblem, devicesRefusal } from '../device-messages.ts';
import { DumpTally, daysIn, isUncleanImsi, parseDumpFileName, readDumpHeader, refusedByName, type DumpFileName, type DumpReport } from './dump-checks.ts';
import type { DumpImportRow, OperatorDataRepository, StagedObservation } from './operator-dumps.repository.ts';
import type { DumpSettings } from './operator-dumps.settings.ts';
import { combineRatMasks } from './rat.ts';

/** The catalogue beside this code: its English words are what the API and the command line say. */
const CATALOGUE = new URL('./locales/', import.meta.url);

/** The keyring contexts and hash purposes of observation columns; other readers of the table use the same. */
export const OBSERVATION_CRYPTO = {
  imsiContext: 'device_observations.imsi',
  msisdnContext: 'device_observations.msisdn',
  /** keyring.hash(imsi, IMSI_HASH_PURPOSE): also the pairing list's `imsi_hash`. */
  imsiHashPurpose: 'device-imsi',
  /** keyring.hash(msisdn, MSISDN_HASH_PURPOSE): also the pairing list's `msisdn_hash`. */
  msisdnHashPurpose: 'device-msisdn',
  observationPurpose: 'device-observation',
} as const;

/** A dump that failed a check: nothing was imported; each failed check and each wrong line is a problem said from its key. */
export class DumpRejected extends Invalid {
  constructor(readonly report: DumpReport) {
    const failed = report.checks.filter((c) => !c.isPassed);
    super(
      [...failed.map(checkProblem), ...report.problems],
      'DUMP_REJECTED',
      devicesRefusal(CATALOGUE, 'devices.dumps.refusal.rejected', { file: report.fileName, count: failed.length }),
    );
  }
}

/**
 * A file for another operator than the one the uploader is tied to (an operator's token or agent):
 * refused as forbidden, not as a faulty file, naming the field that names the other operator.
 */
export class DumpForOtherOperator extends AppError {
  constructor(
    readonly field: 'fileName' | 'file',
    readonly named: string,
    readonly operatorId: string,
  ) {
    const said = dumpMessage(field === 'file' ? 'operator.otherOperatorInside' : 'operator.otherOperator', { named, operator: operatorId });
    const message = sayDumpMessage(said);
    // The detail and the problem carry the message's key, so the API says them in the reader's language.
    const problem: KeyedProblem = { field, message, key: said.key, values: said.values };
    super('DUMP_OTHER_OPERATOR', 403, 'error.forbidden', { ...said, english: message }, [problem]);
  }
}

/** What an accepted upload led to. */
export type DumpImportOutcome =
  | { status: 'imported'; importId: string; report: DumpReport; sha256: string }
  /** The same file (same SHA-256) was already imported for this operator: nothing changed. */
  | { status: 'duplicate'; importId: string; acceptedAt: string; sha256: string };

/** What the import needs. */
export interface DumpImportDeps {
  repository: OperatorDataRepository;
  keyring: Keyring;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
  settings: DumpSettings;
  isKnownOperator(operatorId: string): Promise<boolean>;
}

/** One file to import: a CSV or a zip holding one, already on disk (uploads are spooled first). */
export interface DumpImportInput {
  path: string;
  /** The name the operator gave the file; it carries the operator and the period. */
  fileName: string;
  operatorId: string;
  /** The uploader is tied to the operator (its token or agent account): a file naming another is forbidden, not merely refused. */
  isOperatorBound?: boolean;
  actor: Actor;
  /** Called with the rows read so far, every 100,000 rows. */
  onProgress?: (rows: number) => void;
}

/** Distinct observations held before they are written; bounds memory whatever the file size. */
export const DUMP_WRITE_BATCH = 10_000;

/**
 * Staged rows written, or merged, per transaction. On SQLite a transaction holds the one
 * connection, and each of its statements the event loop: 5,000 rows take about a tenth of a
 * second. Smaller transactions hold it less long but cost more in all, as each commit writes again
 * the index pages its rows touch (2,000 rows made a 150,000-row import about a third slower).
 */
export const STAGE_TRANSACTION_ROWS = 5000;

/** Observations hashed or encrypted between two yields to the event loop (each takes a few microseconds). */
const YIELD_EVERY = 500;

/** Rows read and checked between two yields to the event loop (each takes about a microsecond). */
const READ_YIELD_EVERY = 2000;

/** An observation read from the file and not yet written: its values in clear, held in memory only. */
interface HeldObservation {
  tuple: string;
  /** The keyed hash of the tuple, computed when the batch is written. */
  observationKey: string;
  imeiKey: string;
  imsi: string | null;
  msisdn: string | null;
  homeNetwork: string | null;
  ratMask: number | null;
  firstSeen: string;
  lastSeen: string;
}

/**
 * Stages held observations in a transaction of their own: only those neither stored nor staged
 * earlier by this import are encrypted, and carry their sealed values; the others are staged as
 * sightings that widen the days when the import is published. In a month's dump most rows repeat
 * an observation, so most rows cost neither encryption nor an update.
 */
async function stageHeld(deps: DumpImportDeps, held: Iterable<HeldObservation>, importId: string, nextNumber: () => number): Promise<void> {
  const { keyring, repository } = deps;
  const batch: HeldObservation[] = [];
  for (const h of held) {
    h.observationKey = keyring.hash(h.tuple, OBSERVATION_CRYPTO.observationPurpose);
    batch.push(h);
    if (batch.length % YIELD_EVERY === 0) await yieldToEventLoop();
  }
  if (batch.length === 0) return;
  const known = await repository.findKnownObservations(
    importId,
    batch.map((h) => h.observationKey),
  );
  const imsiHashes = new Map<string, string>();
  let rows: StagedObservation[] = [];
  for (const h of batch) {
    const isNew = !known.has(h.observationKey);
    let imsiHash: string | null = null;
    if (isNew && h.imsi !== null) {
      imsiHash = imsiHashes.get(h.imsi) ?? keyring.hash(h.imsi, OBSERVATION_CRYPTO.imsiHashPurpose);
      imsiHashes.set(h.imsi, imsiHash);
    }
    rows.push({
      n: nextNumber(),
      observationKey: h.observationKey,
      isNew,
      imeiKey: h.imeiKey,
      imsiCipher: isNew && h.imsi !== null ? keyring.encrypt(h.imsi, OBSERVATION_CRYPTO.imsiContext) : null,
      msisdnCipher: isNew && h.msisdn !== null ? keyring.encrypt(h.msisdn, OBSERVATION_CRYPTO.msisdnContext) : null,
      imsiHash,
      msisdnHash: isNew && h.msisdn !== null ? keyring.hash(h.msisdn, OBSERVATION_CRYPTO.msisdnHashPurpose) : null,
      isImsiUnclean: h.imsi !== null && isUncleanImsi(h.imsi),
      homeNetwork: h.homeNetwork,
      ratMask: h.ratMask,
      firstSeen: h.firstSeen,
      lastSeen: h.lastSeen,
    });
    if (rows.length % YIELD_EVERY === 0) await yieldToEventLoop();
    if (rows.length === STAGE_TRANSACTION_ROWS) {
      await repository.stageObservations(importId, rows, deps.clock.now().toISOString());
      rows = [];
    }
  }
  if (rows.length > 0) await repository.stageObservations(importId, rows, deps.clock.now().toISOString());
}

/**
 * Lets other requests run. The import's work is many short synchronous steps (hashing,
 * encrypting, and on SQLite each statement); a few hundred at a time keeps every page answering.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Imports an operator dump, in the manner of DIRBS: the name must name this operator and a
 * period; the rows are streamed once, counted for the checks and staged in short transactions, so
 * that no import holds the database for long. When every check passes the import is accepted and
 * published: its staged rows are merged into the observations, again in short transactions. When
 * any fails, the staging is dropped and {@link DumpRejected} carries the report. Nothing staged is
 * read by anyone else, so a crash while the file is read leaves nothing published; an accepted
 * import a crash stopped is finished by {@link settleAbandonedDumps}. A file already imported for
 * the operator (same SHA-256) changes nothing.
 */
export async function importDump(deps: DumpImportDeps, input: DumpImportInput): Promise<DumpImportOutcome> {
  const { repository, settings } = deps;
  const name = parseDumpFileName(input.fileName);
  if ('problem' in name) return reject(deps, input, refusedByName(input.fileName, input.operatorId, 'fileName', name.problem));
  if (name.operatorId !== input.operatorId) {
    const report = refusedByName(
      input.fileName,
      input.operatorId,
      'operator',
      dumpMessage('operator.otherOperator', { named: name.operatorId, operator: input.operatorId }),
    );
    if (input.isOperatorBound) return refuse(deps, input, report, new DumpForOtherOperator('fileName', name.operatorId, input.operatorId));
    return reject(deps, input, report);
  }
  if (!(await deps.isKnownOperator(input.operatorId))) {
    return reject(deps, input, refusedByName(input.fileName, input.operatorId, 'operator', dumpMessage('operator.unknown', { operator: input.operatorId })));
  }

  const sha256 = await sha256Of(input.path);
  const known = await repository.findDumpImport(input.operatorId, sha256);
  if (known) return { status: 'duplicate', importId: known.id, acceptedAt: known.accepted_at, sha256 };

  const previous = await repository.latestDumpImports(input.operatorId, settings.volumeHistory);
  const previousDailyAverage =
    previous.length === 0 ? null : previous.reduce((sum, p) => sum + p.row_count / daysIn(p.period_start, p.period_end), 0) / previous.length;
  const today = deps.clock.now().toISOString().slice(0, 10);
  const importId = deps.ids();
  const source = await openCsv(input.path, name, settings);
  const namedInside = 'problem' in source ? source.namedOperator : undefined;
  if (namedInside !== undefined && input.isOperatorBound) {
    const report = refusedByName(
      input.fileName,
      input.operatorId,
      'operator',
      dumpMessage('operator.otherOperatorInside', { named: namedInside, operator: input.operatorId }),
    );
    return refuse(deps, input, report, new DumpForOtherOperator('file', namedInside, input.operatorId));
  }
  let isAccepted = false;

  try {
    await repository.startStaging(importId, input.operatorId, deps.clock.now().toISOString());
    let tally: DumpTally | undefined;
    // Keyed by the tuple in clear: the keyed hash is computed once per held observation, not per row.
    let pending = new Map<string, HeldObservation>();
    let staged = 0;
    const nextNumber = () => (staged += 1);
    const flush = async () => {
      if (pending.size === 0) return;
      const held = pending.values();
      pending = new Map();
      await stageHeld(deps, held, importId, nextNumber);
    };
    const fallbackTally = () => new DumpTally(settings, { start: name.periodStart, end: name.periodEnd }, today, 4);
    if ('problem' in source) {
      tally = fallbackTally();
      tally.fileProblem('file', 1, source.problem);
    } else {
      // A damaged archive fails while it is read: that is the file's fault, reported like a bad line.
      let sourceError: Error | undefined;
      source.stream.on('error', (error) => {
        sourceError = error;
      });
      try {
        records: for await (const chunk of readCsvRecords(source.stream)) {
          for (const { fields, line } of chunk) {
            if (tally === undefined) {
              const header = readDumpHeader(fields);
              if ('problem' in header) {
                tally = fallbackTally();
                tally.fileProblem('header', line, header.problem);
                break records;
              }
              tally = new DumpTally(settings, { start: name.periodStart, end: name.periodEnd }, today, header.columns);
              continue;
            }
            if (tally.rows >= settings.maxRows) {
              tally.fileProblem('file', line, dumpMessage('limit.rows', { max: settings.maxRows, line }));
              break records;
            }
            const seen = tally.add(fields, line);
            if (tally.rows % 100_000 === 0) input.onProgress?.(tally.rows);
            if (tally.rows % READ_YIELD_EVERY === 0) await yieldToEventLoop();
            // Once a line cannot be read the import will be refused, so only the counting goes on.
            if (seen === null || tally.hasFormatErrors) continue;
            const tuple = `${seen.imeiKey}\u0000${seen.imsi ?? ''}\u0000${seen.msisdn ?? ''}\u0000${input.operatorId}`;
            const held = pending.get(tuple);
            if (held) {
              if (seen.date < held.firstSeen) held.firstSeen = seen.date;
              if (seen.date > held.lastSeen) held.lastSeen = seen.date;
              // Every generation seen counts, as DIRBS ORs the codes of every row (operator_data_importer.py:953-976).
              held.ratMask = combineRatMasks(held.ratMask, seen.ratMask);
              continue;
            }
            pending.set(tuple, {
              tuple,
              observationKey: '',
              imeiKey: seen.imeiKey,
              imsi: seen.imsi,
              msisdn: seen.msisdn,
              homeNetwork: seen.homeNetwork,
              ratMask: seen.ratMask,
              firstSeen: seen.date,
              lastSeen: seen.date,
            });
            if (pending.size >= DUMP_WRITE_BATCH) await flush();
          }
        }
      } catch (error) {
        tally ??= fallbackTally();
        if (error instanceof CsvSyntaxError) tally.fileProblem('file', error.line, error.problem);
        else if (error === sourceError && sourceError !== undefined)
          tally.fileProblem('file', undefined, dumpMessage('unreadable', { detail: sourceError.message }));
        else throw error;
      } finally {
        source.close();
      }
      if (tally === undefined) {
        tally = fallbackTally();
        tally.fileProblem('file', 1, dumpMessage('empty'));
      }
    }
    input.onProgress?.(tally.rows);
    const report = tally.report({ fileName: input.fileName, operatorId: input.operatorId, previousDailyAverage });
    if (!report.isAccepted) throw new DumpRejected(report);
    await flush();
    const row: DumpImportRow = {
      id: importId,
      operator_id: input.operatorId,
      file_name: input.fileName,
      file_sha256: sha256,
      period_start: name.periodStart,
      period_end: name.periodEnd,
      row_count: report.rows,
      accepted_at: deps.clock.now().toISOString(),
      report: JSON.stringify(report),
      actor: actorText(input.actor),
      published_at: null,
    };
    // From here the import will be published whatever happens: should this process stop, the hourly job finishes it.
    await repository.acceptDumpImport(row, (trx) =>
      deps.audit.record(trx, {
        actor: input.actor,
        action: 'devices.dump.imported',
        entityType: 'device_dump_import',
        entityId: importId,
        details: { operatorId: input.operatorId, rows: report.rows, kept: report.keptRows, periodStart: name.periodStart, periodEnd: name.periodEnd },
      }),
    );
    isAccepted = true;
    await publishAcceptedDump(deps, importId, input.operatorId);
    return { status: 'imported' as const, importId, report, sha256 };
  } catch (error) {
    if (!isAccepted) await repository.discardStaging(importId);
    if (error instanceof DumpRejected) return reject(deps, input, error.report);
    // The same file sent twice at once: the unique (operator, SHA-256) lets one in; the other is a duplicate.
    const raced = isAccepted ? undefined : await repository.findDumpImport(input.operatorId, sha256);
    if (raced) return { status: 'duplicate', importId: raced.id, acceptedAt: raced.accepted_at, sha256 };
    throw error;
  } finally {
    if (!('problem' in source)) source.close();
  }
}

/** A staging untouched this long was abandoned by a stopped process: a live import touches it with every batch. */
export const STALE_STAGING_MS = 30 * 60_000;

/** The hourly job that finishes, or removes, what stopped processes left in the staging area. */
export const SETTLE_DUMPS_JOB = 'devices.dumps.settle';

/** Merges the staged rows of an accepted import into the observations, chunk by chunk, then marks it published. */
export async function publishAcceptedDump(deps: Pick<DumpImportDeps, 'repository' | 'clock'>, importId: string, operatorId: string): Promise<void> {
  while ((await deps.repository.publishStagedChunk(importId, operatorId, STAGE_TRANSACTION_ROWS, deps.clock.now().toISOString())) > 0) {
    // Each chunk commits on its own; other requests are served between them.
    await yieldToEventLoop();
  }
  await deps.repository.finishDumpImport(importId, deps.clock.now().toISOString());
}

/**
 * Settles the stagings a stopped process left: an accepted import is published (its rows are
 * merged from where the merge stopped), a file still being read when the process stopped is
 * deleted, never published. Returns how many of each.
 */
export async function settleAbandonedDumps(deps: Pick<DumpImportDeps, 'repository' | 'clock'>): Promise<{ published: number; discarded: number }> {
  const before = new Date(deps.clock.now().getTime() - STALE_STAGING_MS).toISOString();
  let published = 0;
  let discarded = 0;
  for (const stale of await deps.repository.listStaleStagings(before)) {
    if (stale.isAccepted) {
      await publishAcceptedDump(deps, stale.importId, stale.operatorId);
      published += 1;
    } else {
      await deps.repository.discardStaging(stale.importId);
      discarded += 1;
    }
  }
  return { published, discarded };
}

/** Records the refusal (codes and counts only) and throws the report. */
async function reject(deps: DumpImportDeps, input: DumpImportInput, report: DumpReport): Promise<never> {
  return refuse(deps, input, report, new DumpRejected(report));
}

/** Records a refusal (codes and counts only) and throws `error`. */
async function refuse(deps: DumpImportDeps, input: DumpImportInput, report: DumpReport, error: AppError): Promise<never> {
  await deps.repository.inTransaction((_tx, trx) =>
    deps.audit.record(trx, {
      actor: input.actor,
      action: 'devices.dump.rejected',
      entityType: 'device_dump_import',
      entityId: null,
      details: {
        operatorId: input.operatorId,
        rows: report.rows,
        failed: report.checks
          .filter((c) => !c.isPassed)
          .map((c) => c.code)
          .join(','),
      },
    }),
  );
  throw error;
}

/** How the audit and the import record name who uploaded. */
export function actorText(actor: Actor): string {
  return actor.id === null ? actor.type : `${actor.type}:${actor.id}`;
}

/** The SHA-256 of a file, read in chunks. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A readable CSV, or why not; `namedOperator` when the CSV inside an archive is named for another operator. */
type CsvSource = { stream: Readable; close(): void } | { problem: DumpMessage; namedOperator?: string };

/**
 * The CSV of a dump: the file itself, or the one CSV inside a zip, named like the zip. Whatever
 * is wrong with an archive (an entry that leaves its folder, an absolute path, a damaged
 * directory) is the file's fault and answered as a problem, and the archive is closed on every
 * path but the one that hands its stream over, so that no descriptor outlives the upload.
 */
async function openCsv(path: string, name: DumpFileName, settings: DumpSettings): Promise<CsvSource> {
  const maxBytes = settings.maxUncompressedMegabytes * 1_048_576;
  if (name.extension === 'csv') {
    const bytes = (await stat(path)).size;
    if (bytes > maxBytes) return { problem: dumpMessage('limit.uncompressed', { megabytes: megabytesOf(bytes), max: settings.maxUncompressedMegabytes }) };
    const stream = createReadStream(path);
    return { stream, close: () => stream.destroy() };
  }
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch {
    return { problem: dumpMessage('zip.unreadable') };
  }
  try {
    const csvs: yauzl.Entry[] = [];
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/') || entry.fileName.startsWith('__MACOSX/')) continue;
      csvs.push(entry);
    }
    const only = csvs[0];
    if (csvs.length !== 1 || only === undefined) {
      zip.close();
      return { problem: dumpMessage('zip.fileCount', { count: csvs.length }) };
    }
    const inner = parseDumpFileName(only.fileName.split('/').pop() ?? '');
    if (!('problem' in inner) && inner.operatorId !== name.operatorId) {
      zip.close();
      return { problem: dumpMessage('operator.otherOperatorInside', { named: inner.operatorId, operator: name.operatorId }), namedOperator: inner.operatorId };
    }
    if ('problem' in inner || inner.extension !== 'csv' || inner.periodStart !== name.periodStart || inner.periodEnd !== name.periodEnd) {
      zip.close();
      return {
        problem: dumpMessage('zip.innerName', {
          expected: `${name.operatorId}_${name.periodStart.replaceAll('-', '')}_${name.periodEnd.replaceAll('-', '')}.csv`,
          actual: only.fileName,
        }),
      };
    }
    // Judged on the sizes the archive declares: the reader refuses an entry that inflates past its declared size.
    if (only.uncompressedSize > maxBytes) {
      zip.close();
      return { problem: dumpMessage('limit.unzipped', { megabytes: megabytesOf(only.uncompressedSize), max: settings.maxUncompressedMegabytes }) };
    }
    const ratio = only.uncompressedSize / Math.max(1, only.compressedSize);
    if (ratio > settings.maxCompressionRatio) {
      zip.close();
      return { problem: dumpMessage('limit.ratio', { ratio: Math.round(ratio), max: settings.maxCompressionRatio }) };
    }
    const stream = await zip.openReadStreamPromise(only);
    return {
      stream,
      close: () => {
        stream.destroy();
        zip.close();
      },
    };
  } catch (error) {
    zip.close();
    return { problem: zipProblemOf(error) };
  }
}

/** Megabytes with one decimal, for messages about sizes. */
function megabytesOf(bytes: number): number {
  return Math.round((bytes / 1_048_576) * 10) / 10;
}

/**
 * What a zip reader's refusal means for the person who sent the archive. The reader names an
 * entry that would leave the folder it is extracted to, or an absolute path, in these words;
 * anything else it refuses is a damaged directory or entry.
 */
function zipProblemOf(error: unknown): DumpMessage {
  const message = error instanceof Error ? error.message : String(error);
  const outside = /^invalid relative path: (.*)$/s.exec(message);
  if (outside) return dumpMessage('zip.entryOutside', { name: (outside[1] ?? '').slice(0, 200) });
  const absolute = /^absolute path: (.*)$/s.exec(message);
  if (absolute) return dumpMessage('zip.entryAbsolute', { name: (absolute[1] ?? '').slice(0, 200) });
  return dumpMessage('zip.damaged', { detail: message.slice(0, 200) });
}

/** A spooled upload: its path on disk and how to remove it. */
export interface SpooledUpload {
  path: string;
  bytes: number;
  remove(): Promise<void>;
}

/** An upload larger than the profile allows. */
export class UploadTooLarge extends Invalid {
  constructor(maxBytes: number) {
    const values = { megabytes: Math.round(maxBytes / 1_048_576) };
    super(
      [devicesProblem(CATALOGUE, 'file', undefined, 'devices.dumps.fileTooLarge', values)],
      'UPLOAD_TOO_LARGE',
      devicesRefusal(CATALOGUE, 'devices.dumps.refusal.tooLarge'),
    );
  }
}

/** The folder uploads are spooled to, under the data folder. */
export function spoolDirOf(dataDir: string): string {
  return join(dataDir, 'spool');
}

/**
 * Removes what a stopped process left in the spool folder: uploads spooled longer ago than
 * `olderThan` (an upload is removed as soon as it ends); returns how many.
 */
export async function removeStaleSpool(spoolDir: string, olderThan: Date): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(spoolDir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const path = join(spoolDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || info.mtime >= olderThan) continue;
    await rm(path, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/**
 * Writes an upload stream to a private temporary file under `spoolDir` (created readable by the
 * owner only), so that a zip can be read (its directory is at the end) and the file hashed before
 * it is parsed; memory stays flat, the size is capped.
 */
export async function spoolUpload(stream: Readable, maxBytes: number, spoolDir: string): Promise<SpooledUpload> {
  await mkdir(spoolDir, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(spoolDir, 'upload-'));
  const path = join(dir, 'upload');
  const remove = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new UploadTooLarge(maxBytes));
      return done(null, chunk);
    },
  });
  try {
    await pipeline(stream, cap, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await remove();
    throw error;
  }
  return { path, bytes, remove };
}
