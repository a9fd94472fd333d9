import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';
import type { Actor, AuditLog } from '../../platform/audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { Invalid, type FieldProblem } from '../../platform/http/errors.ts';
import type { IdGenerator } from '../../platform/ids.ts';
import { CsvSyntaxError, readCsvRecords } from './dump-csv.ts';
import { dumpMessage, plainProblem, type DumpMessage } from './dump-messages.ts';
import { DumpTally, daysIn, describeCheck, parseDumpFileName, readDumpHeader, refusedByName, type DumpFileName, type DumpReport } from './dump-checks.ts';
import type { DumpImportRow, DumpWriter, ObservationValues, OperatorDataRepository } from './operator-data.repository.ts';
import type { DumpSettings } from './operator-data.settings.ts';

/** The keyring contexts and hash purposes of observation columns; other readers of the table use the same. */
export const OBSERVATION_CRYPTO = {
  imsiContext: 'device_observations.imsi',
  msisdnContext: 'device_observations.msisdn',
  /** keyring.hash(imsi, IMSI_HASH_PURPOSE): also the pairing list's `imsi_hash`. */
  imsiHashPurpose: 'device-imsi',
  observationPurpose: 'device-observation',
} as const;

/** A dump that failed a check: nothing was imported; the report names each failed check (its problems in English only for the API). */
export class DumpRejected extends Invalid {
  constructor(readonly report: DumpReport) {
    const failed = report.checks.filter((c) => !c.isPassed);
    const problems: FieldProblem[] = [...failed.map((c) => ({ field: c.code, message: describeCheck(c) })), ...report.problems.map(plainProblem)];
    super(problems, 'DUMP_REJECTED', `${report.fileName} was rejected (${failed.map((c) => c.code).join(', ')}); nothing was imported.`);
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
  actor: Actor;
  /** Called with the rows read so far, every 100,000 rows. */
  onProgress?: (rows: number) => void;
}

/** Distinct observations held before they are written; bounds memory whatever the file size. */
export const DUMP_WRITE_BATCH = 10_000;

/** An observation read from the file and not yet written: its values in clear, held in memory only. */
interface HeldObservation {
  tuple: string;
  /** The keyed hash of the tuple, computed when the batch is written. */
  observationKey: string;
  imeiKey: string;
  imsi: string | null;
  msisdn: string | null;
  homeNetwork: string | null;
  rat: string | null;
  firstSeen: string;
  lastSeen: string;
}

/**
 * Writes held observations: only new ones are encrypted and inserted; sightings of those already
 * stored (by an earlier import or an earlier batch of this one) are staged, and widen the stored
 * days once per observation at the end of the file ({@link DumpWriter.mergeSightings}). In a
 * month's dump most rows repeat an observation, so most rows cost neither encryption nor an update.
 */
async function writeHeld(writer: DumpWriter, keyring: Keyring, held: Iterable<HeldObservation>, importId: string, operatorId: string, newIds: () => string): Promise<void> {
  const batch: HeldObservation[] = [];
  for (const h of held) {
    h.observationKey = keyring.hash(h.tuple, OBSERVATION_CRYPTO.observationPurpose);
    batch.push(h);
  }
  if (batch.length === 0) return;
  const known = await writer.findObservations(batch.map((h) => h.observationKey));
  await writer.stageSightings(batch.filter((h) => known.has(h.observationKey)));
  const imsiHashes = new Map<string, string>();
  const fresh: ObservationValues[] = [];
  for (const h of batch) {
    if (known.has(h.observationKey)) continue;
    let imsiHash: string | null = null;
    if (h.imsi !== null) {
      imsiHash = imsiHashes.get(h.imsi) ?? keyring.hash(h.imsi, OBSERVATION_CRYPTO.imsiHashPurpose);
      imsiHashes.set(h.imsi, imsiHash);
    }
    fresh.push({
      observationKey: h.observationKey,
      imeiKey: h.imeiKey,
      imsiCipher: h.imsi === null ? null : keyring.encrypt(h.imsi, OBSERVATION_CRYPTO.imsiContext),
      msisdnCipher: h.msisdn === null ? null : keyring.encrypt(h.msisdn, OBSERVATION_CRYPTO.msisdnContext),
      imsiHash,
      homeNetwork: h.homeNetwork,
      rat: h.rat,
      operatorId,
      firstSeen: h.firstSeen,
      lastSeen: h.lastSeen,
    });
  }
  if (fresh.length > 0) await writer.upsertObservations(fresh, importId, newIds);
}

/**
 * Imports an operator dump, in the manner of DIRBS: the name must name this operator and a
 * period; the rows are streamed once, counted for the checks and merged into observations inside
 * one transaction; when any check fails the transaction rolls back and {@link DumpRejected} carries
 * the report. A file already imported for the operator (same SHA-256) changes nothing.
 */
export async function importDump(deps: DumpImportDeps, input: DumpImportInput): Promise<DumpImportOutcome> {
  const { repository, keyring, settings } = deps;
  const name = parseDumpFileName(input.fileName);
  if ('problem' in name) return reject(deps, input, refusedByName(input.fileName, input.operatorId, 'fileName', name.problem));
  if (name.operatorId !== input.operatorId) {
    return reject(deps, input, refusedByName(input.fileName, input.operatorId, 'operator', dumpMessage('operator.otherOperator', { named: name.operatorId, operator: input.operatorId })));
  }
  if (!(await deps.isKnownOperator(input.operatorId))) {
    return reject(deps, input, refusedByName(input.fileName, input.operatorId, 'operator', dumpMessage('operator.unknown', { operator: input.operatorId })));
  }

  const sha256 = await sha256Of(input.path);
  const known = await repository.findDumpImport(input.operatorId, sha256);
  if (known) return { status: 'duplicate', importId: known.id, acceptedAt: known.accepted_at, sha256 };

  const previous = await repository.latestDumpImports(input.operatorId, settings.volumeHistory);
  const previousDailyAverage = previous.length === 0 ? null : previous.reduce((sum, p) => sum + p.row_count / daysIn(p.period_start, p.period_end), 0) / previous.length;
  const today = deps.clock.now().toISOString().slice(0, 10);
  const importId = deps.ids();
  const source = await openCsv(input.path, name, settings);

  try {
    return await repository.importDump(async (writer) => {
      let tally: DumpTally | undefined;
      // Keyed by the tuple in clear: the keyed hash is computed once per held observation, not per row.
      let pending = new Map<string, HeldObservation>();
      // Row ids derive from the import id: one random id per import rather than one per row.
      let rowNumber = 0;
      const nextRowId = () => `${importId}.${(rowNumber += 1)}`;
      const flush = async () => {
        if (pending.size === 0) return;
        const held = pending.values();
        pending = new Map();
        await writeHeld(writer, keyring, held, importId, input.operatorId, nextRowId);
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
              // Once a line cannot be read the import will be refused, so only the counting goes on.
              if (seen === null || tally.hasFormatErrors) continue;
              const tuple = `${seen.imeiKey}\u0000${seen.imsi ?? ''}\u0000${seen.msisdn ?? ''}\u0000${input.operatorId}`;
              const held = pending.get(tuple);
              if (held) {
                if (seen.date < held.firstSeen) held.firstSeen = seen.date;
                if (seen.date > held.lastSeen) held.lastSeen = seen.date;
                if (seen.rat !== null) held.rat = seen.rat;
                continue;
              }
              pending.set(tuple, { tuple, observationKey: '', imeiKey: seen.imeiKey, imsi: seen.imsi, msisdn: seen.msisdn, homeNetwork: seen.homeNetwork, rat: seen.rat, firstSeen: seen.date, lastSeen: seen.date });
              if (pending.size >= DUMP_WRITE_BATCH) await flush();
            }
          }
        } catch (error) {
          tally ??= fallbackTally();
          if (error instanceof CsvSyntaxError) tally.fileProblem('file', error.line, error.problem);
          else if (error === sourceError && sourceError !== undefined) tally.fileProblem('file', undefined, dumpMessage('unreadable', { detail: sourceError.message }));
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
      await writer.mergeSightings(importId);
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
      };
      await writer.recordImport(row);
      await deps.audit.record(writer.trx, {
        actor: input.actor,
        action: 'devices.dump.imported',
        entityType: 'device_dump_import',
        entityId: importId,
        details: { operatorId: input.operatorId, rows: report.rows, kept: report.keptRows, periodStart: name.periodStart, periodEnd: name.periodEnd },
      });
      return { status: 'imported' as const, importId, report, sha256 };
    });
  } catch (error) {
    if (error instanceof DumpRejected) return reject(deps, input, error.report);
    // The same file sent twice at once: the unique (operator, SHA-256) lets one in; the other is a duplicate.
    const raced = await repository.findDumpImport(input.operatorId, sha256);
    if (raced) return { status: 'duplicate', importId: raced.id, acceptedAt: raced.accepted_at, sha256 };
    throw error;
  }
}

/** Records the refusal (codes and counts only) and throws the report. */
async function reject(deps: DumpImportDeps, input: DumpImportInput, report: DumpReport): Promise<never> {
  await deps.repository.audited((trx) =>
    deps.audit.record(trx, {
      actor: input.actor,
      action: 'devices.dump.rejected',
      entityType: 'device_dump_import',
      entityId: null,
      details: { operatorId: input.operatorId, rows: report.rows, failed: report.checks.filter((c) => !c.isPassed).map((c) => c.code).join(',') },
    }),
  );
  throw new DumpRejected(report);
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

type CsvSource = { stream: Readable; close(): void } | { problem: DumpMessage };

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
    if ('problem' in inner || inner.extension !== 'csv' || inner.operatorId !== name.operatorId || inner.periodStart !== name.periodStart || inner.periodEnd !== name.periodEnd) {
      zip.close();
      return { problem: dumpMessage('zip.innerName', { expected: `${name.operatorId}_${name.periodStart.replaceAll('-', '')}_${name.periodEnd.replaceAll('-', '')}.csv`, actual: only.fileName }) };
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
    super([{ field: 'file', message: `The file is larger than ${Math.round(maxBytes / 1_048_576)} MB.` }], 'UPLOAD_TOO_LARGE', 'The file is too large.');
  }
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
