import { createHash } from 'node:crypto';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import { type Transaction } from '../../../platform/db/index.ts';
import { AppError, Invalid, type FieldProblem } from '../../../platform/http/errors.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { OperatorRepository } from '../../../platform/operators/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { EntryVersionColumns, VersionedEntryColumns } from '../offers.tables.ts';
import type { VersionWrites } from './versioned-import.repository.ts';
import { DEFAULT_UPLOAD_LIMITS } from '../../../platform/upload-limits.ts';
import { fileProblem, plainProblem, sayFileProblem, type FileProblem } from './file-messages.ts';
import { englishOf } from '../shared/offer-messages.ts';

/** The catalogue this capability speaks, beside its code. */
const MESSAGES = new URL('./locales/', import.meta.url);

/** Where an import came from. */
export type ImportSource = 'cli' | 'api' | 'portal' | 'demo';

/** A file to import all or nothing: an offer file or a roaming rate file. */
export interface FileImportRequest {
  text: string;
  format: 'csv' | 'json';
  /** Fills empty operator_id cells and rejects rows of any other operator. */
  operatorId?: string;
  /**
   * True when `operatorId` comes from the credential (a token issued for an operator, or an
   * operator agent's account) rather than from regulator staff naming it: rows for another
   * operator are then forbidden (403), not merely wrong.
   */
  isOperatorBound?: boolean;
  source: ImportSource;
  actor: Actor;
}

/** What a versioned entry (an offer, a roaming rate) holds in common. */
export interface VersionedRecord {
  planId: string;
  operatorId: string;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  /** YYYY-MM-DD, exclusive; null while open-ended. */
  effectiveTo: string | null;
}

/** The latest version of an entry already published. */
export interface VersionState {
  latest_version: number;
  content_hash: string;
  /** The day the latest version takes effect, YYYY-MM-DD. */
  latest_from: string;
  /** The day the latest version stops applying (exclusive), YYYY-MM-DD; null while open-ended. */
  latest_to: string | null;
}

/** An entry of the file that gets a new version: its first (`version` 1) or a changed one. */
export interface NewVersion<R> {
  record: R;
  version: number;
  hash: string;
}

/** A canonical hash of an entry's content; the start date is left out so that republishing unchanged is a confirmation. */
export function contentHash(record: { effectiveFrom: string }): string {
  const { effectiveFrom: _ignored, ...rest } = record;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

/**
 * Sorts the valid entries of a file into new versions and confirmations: an entry whose content
 * hashes as its latest version is confirmed; any other gets the next version number.
 */
export function sortVersions<R extends { effectiveFrom: string }>(
  records: readonly R[],
  latestOf: (record: R) => Pick<VersionState, 'latest_version' | 'content_hash'> | undefined,
): { versions: NewVersion<R>[]; confirmed: R[] } {
  const versions: NewVersion<R>[] = [];
  const confirmed: R[] = [];
  for (const record of records) {
    const hash = contentHash(record);
    const latest = latestOf(record);
    if (latest && latest.content_hash === hash) confirmed.push(record);
    else versions.push({ record, version: (latest?.latest_version ?? 0) + 1, hash });
  }
  return { versions, confirmed };
}

/** Where a row of the file is, to name it in a problem. */
export interface RowPlace {
  line: number;
  fieldOf(column: string): string;
}

/**
 * The problems of new versions that would rewrite what was published. A change of a published
 * entry takes effect today or later (what a page showed for a past day stays what it showed), and
 * never before the entry's latest version (so that versions follow one another without overlap).
 * `subject` names the entry in the message: a plan id, or a plan id and a destination.
 */
export function checkVersionStarts<R extends VersionedRecord>(
  versions: readonly NewVersion<R>[],
  stateOf: (record: R) => VersionState | undefined,
  today: string,
  placeOf: (record: R) => RowPlace | undefined,
  naming: { entry: 'offer' | 'rate'; subject: (record: R) => string },
): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const { record, version } of versions) {
    const state = stateOf(record);
    const place = placeOf(record);
    if (!state || version === 1 || !place) continue;
    const from = record.effectiveFrom;
    const field = place.fieldOf('effective_from');
    const subject = naming.subject(record);
    // A latest version scheduled for a later day sets the earliest start; otherwise today does.
    const isScheduled = state.latest_from > today;
    if (from >= (isScheduled ? state.latest_from : today)) continue;
    problems.push(
      isScheduled
        ? fileProblem(field, place.line, 'offers.import.period.beforeLatest', { from, latestFrom: state.latest_from, version: state.latest_version, subject })
        : fileProblem(field, place.line, 'offers.import.period.past', { from, today, entry: naming.entry, subject }),
    );
  }
  return problems;
}

/**
 * The end a new version gives the version it replaces: its own start, when the replaced version
 * would otherwise still apply then. Undefined for a first version, or when the replaced one ended earlier.
 */
export function closingOf<R extends VersionedRecord>(
  next: NewVersion<R>,
  state: VersionState | undefined,
): { version: number; effectiveTo: string } | undefined {
  if (!state || next.version === 1) return undefined;
  const from = next.record.effectiveFrom;
  if (state.latest_to !== null && state.latest_to <= from) return undefined;
  return { version: state.latest_version, effectiveTo: from };
}

/** A valid row of a file: its entry and where it stands in the file. */
export interface PlacedRecord<R> extends RowPlace {
  record: R;
}

/**
 * Sorts the valid rows of a file into new versions and confirmations ({@link sortVersions}) and
 * adds to `problems` those of new versions that would rewrite what was published ({@link checkVersionStarts}).
 */
export function sortCheckedVersions<R extends VersionedRecord>(
  rows: readonly PlacedRecord<R>[],
  stateOf: (record: R) => VersionState | undefined,
  today: string,
  naming: { entry: 'offer' | 'rate'; subject: (record: R) => string },
  problems: FileProblem[],
): { versions: NewVersion<R>[]; confirmed: R[] } {
  const sorted = sortVersions(
    rows.map((r) => r.record),
    stateOf,
  );
  const placeOf = new Map(rows.map((r) => [r.record, r]));
  problems.push(...checkVersionStarts(sorted.versions, stateOf, today, (record) => placeOf.get(record), naming));
  return sorted;
}

/** What the shared service steps need of a versioned file's import: its words, its extra columns and the platform. */
export interface VersionedImportConfig<R extends VersionedRecord, XE, XV, K extends string> {
  audit: AuditLog;
  ids: IdGenerator;
  clock: Clock;
  /** The file's columns, to list problems in their order. */
  columns: readonly string[];
  /** The error code of a rejected file, and the audit actions of an accepted and a refused import. */
  rejectedCode: string;
  importedAction: string;
  refusedAction: string;
  /** The audit entity of an accepted import, and its detail that counts new entries. */
  entityType: string;
  newEntriesKey: K;
  /** The columns of an entry's row beyond what every versioned entry has (a plan's service type, a rate's destination). */
  entryColumnsOf(record: R): XE;
  /** The columns of a version's row beyond {@link versionRowOf}'s. */
  versionColumnsOf(record: R): XV;
}

/** An accepted import to write: the file's sorted entries and what it names. */
export interface AcceptedImport<R extends VersionedRecord> {
  request: FileImportRequest;
  sorted: { versions: NewVersion<R>[]; confirmed: R[] };
  stateOf: (record: R) => VersionState | undefined;
  /** The operators the file names, and how many valid rows it has. */
  operatorIds: ReadonlySet<string>;
  rows: number;
  /** Called with the entries that got a version after their first, before the audit entry, in the same transaction. */
  onChanged?: (changed: readonly NewVersion<R>[]) => Promise<void>;
}

/** The service steps that offers and roaming rates share: publishing an accepted file and refusing another. */
export function versionedImportSteps<R extends VersionedRecord, XE, XV, K extends string>(config: VersionedImportConfig<R, XE, XV, K>) {
  return {
    /** Sorts a file's valid rows into new versions and confirmations, adding the problems of their starts ({@link sortCheckedVersions}). */
    sortChecked(
      rows: readonly PlacedRecord<R>[],
      stateOf: (record: R) => VersionState | undefined,
      today: string,
      naming: { entry: 'offer' | 'rate'; subject: (record: R) => string },
      problems: FileProblem[],
    ) {
      return sortCheckedVersions(rows, stateOf, today, naming, problems);
    },

    /**
     * The operators the file names (its rows' and the import's own) and those of them that exist in
     * `register`, read in the import's transaction; see {@link findKnownOperators}.
     */
    async knownOperators(
      register: Pick<OperatorRepository, 'findOperator'>,
      rowOperatorIds: readonly string[],
      request: FileImportRequest,
      problems: FileProblem[],
    ): Promise<{ operatorIds: Set<string>; known: Set<string> }> {
      const operatorIds = new Set(rowOperatorIds);
      if (request.operatorId) operatorIds.add(request.operatorId);
      const known = await findKnownOperators(operatorIds, request, async (id) => (await register.findOperator(id)) !== undefined, problems);
      return { operatorIds, known };
    },

    /**
     * Writes an accepted import in the transaction `trx` through `writes`, its repository bound to
     * it: its row, the first version of new entries, each new version (closing the one it
     * replaces), the confirmations and the audit entry.
     */
    async publish(
      trx: Transaction,
      writes: VersionWrites<R, VersionedEntryColumns & XE, EntryVersionColumns & XV>,
      accepted: AcceptedImport<R>,
    ): Promise<{ importId: string; rows: number; newVersions: number; confirmed: number } & Record<K, number>> {
      const { request, sorted, stateOf } = accepted;
      const at = config.clock.now().toISOString();
      const importId = config.ids();
      const versions = sorted.versions.map((v) => ({ ...versionRowOf(v, config.ids(), importId, at), ...config.versionColumnsOf(v.record) }));
      const entries = sorted.versions
        .filter((v) => v.version === 1)
        .map(({ record }) => ({
          plan_id: record.planId,
          operator_id: record.operatorId,
          latest_version: 1,
          first_published_at: at,
          last_confirmed_at: at,
          ...config.entryColumnsOf(record),
        }));
      const changed = sorted.versions.filter((v) => v.version > 1);
      const counts = { newVersions: versions.length, confirmed: sorted.confirmed.length };
      await writes.insertImport(importRowOf(request, importId, at, { operatorIds: accepted.operatorIds, rows: accepted.rows, ...counts }));
      await writes.insertEntries(entries);
      for (const next of sorted.versions) {
        const closing = closingOf(next, stateOf(next.record));
        if (closing) await writes.closeVersion(next.record, closing.version, closing.effectiveTo);
      }
      await writes.insertVersions(versions);
      for (const next of changed) await writes.setLatestVersion(next.record, next.version, at);
      if (changed.length > 0 && accepted.onChanged) await accepted.onChanged(changed);
      await writes.confirm(sorted.confirmed, at);
      const changes = { rows: accepted.rows, [config.newEntriesKey]: entries.length, ...counts } as {
        rows: number;
        newVersions: number;
        confirmed: number;
      } & Record<K, number>;
      await config.audit.record(trx, {
        actor: request.actor,
        action: config.importedAction,
        entityType: config.entityType,
        entityId: importId,
        details: { source: request.source, ...changes, operatorId: request.operatorId ?? null },
      });
      return { importId, ...changes };
    },

    /**
     * Throws the error of a refused file. When an operator's credential sent rows of another
     * operator, the attempt is kept in the audit log (though nothing was written) and the error is
     * a 403; otherwise it is every problem of the file.
     */
    async refuse(
      problems: readonly FileProblem[],
      request: FileImportRequest,
      inTransaction: <T>(work: (repository: unknown, tx: Transaction) => Promise<T>) => Promise<T>,
    ): Promise<never> {
      const refusal = otherOperatorRefusal(problems, request, config.columns);
      if (!refusal) throw fileRejection(problems, config.columns, config.rejectedCode);
      await inTransaction((_tx, trx) =>
        config.audit.record(trx, {
          actor: request.actor,
          action: config.refusedAction,
          entityType: 'operator',
          entityId: request.operatorId ?? null,
          details: { source: request.source, rows: refusal.fileProblems.length },
        }),
      );
      throw refusal;
    },
  };
}

/**
 * A stored version's record with the period it applies, from the version's columns: a version is
 * closed when a later one replaces it, and the columns, not the record as first published, say when.
 */
export function recordOfVersion<R extends VersionedRecord>(row: { record: string; effective_from: string; effective_to: string | null }): R {
  const record = JSON.parse(row.record) as R;
  return { ...record, effectiveFrom: row.effective_from, effectiveTo: row.effective_to };
}

/** The version row of a new version; only its end (`effective_to`) changes, once, when a later version replaces it. */
export function versionRowOf<R extends VersionedRecord>({ record, version, hash }: NewVersion<R>, id: string, importId: string, at: string) {
  return {
    id,
    plan_id: record.planId,
    version,
    operator_id: record.operatorId,
    import_id: importId,
    effective_from: record.effectiveFrom,
    effective_to: record.effectiveTo,
    published_at: at,
    content_hash: hash,
    record: JSON.stringify(record),
  };
}

/** The row of an accepted import: who sent it, for which operator, and what it changed. */
export function importRowOf(
  request: FileImportRequest,
  importId: string,
  at: string,
  counts: { operatorIds: ReadonlySet<string>; rows: number; newVersions: number; confirmed: number },
) {
  const { operatorIds } = counts;
  return {
    id: importId,
    operator_id: request.operatorId ?? (operatorIds.size === 1 ? ([...operatorIds][0] ?? null) : null),
    source: request.source,
    format: request.format,
    row_count: counts.rows,
    new_versions: counts.newVersions,
    confirmed: counts.confirmed,
    actor_type: request.actor.type,
    actor_id: request.actor.id,
    created_at: at,
  };
}

/**
 * The operators among `operatorIds` that exist. When the import itself names an operator that
 * does not, the whole file is refused with a problem that has no line.
 */
export async function findKnownOperators(
  operatorIds: Iterable<string>,
  request: FileImportRequest,
  isKnown: (id: string) => Promise<boolean>,
  problems: FileProblem[],
): Promise<Set<string>> {
  const known = new Set<string>();
  for (const id of operatorIds) if (await isKnown(id)) known.add(id);
  if (request.operatorId && !known.has(request.operatorId)) problems.push(unknownOperatorProblem('operator_id', undefined, request.operatorId));
  return known;
}

/** The problem of an operator that is not on the list. */
export function unknownOperatorProblem(field: string, line: number | undefined, operatorId: string): FileProblem {
  return fileProblem(field, line, 'offers.import.operator.unknown', { operator: operatorId });
}

/**
 * A rejected file: the API and the CLI show its problems in English ({field, line, message});
 * pages say each of `fileProblems` in the reader's language from its key.
 */
export class FileRejected extends Invalid {
  /** How many problems the file has; the API lists the first of them, and says this count as `errorCount`. */
  readonly problemCount: number;

  constructor(
    readonly fileProblems: readonly FileProblem[],
    code: string,
  ) {
    // The API lists the first problems only; `errorCount` says how many there are in all.
    super(
      fileProblems.slice(0, DEFAULT_UPLOAD_LIMITS.maxProblems).map(plainProblem),
      code,
      englishOf(MESSAGES, 'offers.import.file.rejectedDetail', { count: fileProblems.length }),
    );
    this.problemCount = fileProblems.length;
  }

  /** The listed problems said from their keys, the kind of value included, for an API answer in the reader's language. */
  override problemsIn(t: Translate): FieldProblem[] {
    return sayListed(this.fileProblems, this.problems.length, t);
  }
}

/** The first `count` file problems, each said in the language of `t`, keeping its key. */
function sayListed(fileProblems: readonly FileProblem[], count: number, t: Translate): FileProblem[] {
  return fileProblems.slice(0, count).map((p) => ({ ...p, message: sayFileProblem(t, p.key, p.values) }));
}

/** Problems by line and then in the order of the columns, so a report reads like the file. */
function inFileOrder(problems: readonly FileProblem[], columns: readonly string[]): FileProblem[] {
  // Keys computed once per problem: a hostile file has hundreds of thousands of problems, and a
  // comparison that looked the column up each time held the process for a second.
  const order = new Map(columns.map((column, index) => [column, index]));
  const keyed = problems.map((problem) => ({
    problem,
    line: problem.line ?? 0,
    column: order.get(problem.field.slice(problem.field.lastIndexOf('/') + 1)) ?? -1,
  }));
  keyed.sort((a, b) => a.line - b.line || a.column - b.column);
  return keyed.map((k) => k.problem);
}

/** The error of a rejected file: every problem, by line and then in the order of the columns, so a report reads like the file. */
export function fileRejection(problems: readonly FileProblem[], columns: readonly string[], code: string): FileRejected {
  return new FileRejected(inFileOrder(problems, columns), code);
}

/** The problems that say a row is another operator's: it names another operator, or a plan another operator published. */
export const OTHER_OPERATOR_KEYS: ReadonlySet<string> = new Set([
  'offers.import.operator.other',
  'offers.import.planId.otherOperator',
  'offers.import.roaming.planOtherOperator',
]);

/**
 * A file refused because an operator's credential sent rows of another operator (403): the API
 * and the CLI show each such row's problem in English; pages say them from their keys.
 */
export class FileForbidden extends AppError {
  /** How many rows are another operator's; the API lists the first of them, and says this count as `errorCount`. */
  readonly problemCount: number;

  constructor(
    readonly fileProblems: readonly FileProblem[],
    operatorId: string,
  ) {
    super(
      'OFFERS_OTHER_OPERATOR',
      403,
      'error.forbidden',
      englishOf(MESSAGES, 'offers.import.file.forbiddenDetail', { operator: operatorId, count: fileProblems.length }),
      fileProblems.slice(0, DEFAULT_UPLOAD_LIMITS.maxProblems).map(plainProblem),
    );
    this.problemCount = fileProblems.length;
  }

  /** The listed rows said from their keys, for an API answer in the reader's language. */
  override problemsIn(t: Translate): FieldProblem[] {
    return sayListed(this.fileProblems, this.problems.length, t);
  }
}

/**
 * The 403 error of a file that an operator's credential sent with rows of another operator, or
 * undefined when the import is not bound to an operator or has no such row.
 */
export function otherOperatorRefusal(problems: readonly FileProblem[], request: FileImportRequest, columns: readonly string[]): FileForbidden | undefined {
  if (!request.isOperatorBound || request.operatorId === undefined) return undefined;
  const forbidden = problems.filter((p) => OTHER_OPERATOR_KEYS.has(p.key));
  return forbidden.length === 0 ? undefined : new FileForbidden(inFileOrder(forbidden, columns), request.operatorId);
}

/**
 * How often a cache over imported data asks the database whether an import was accepted. An
 * import in this process is seen at once; one made by another process (the CLI, another server)
 * within this delay.
 */
const REVISION_CHECK_MS = 1000;

/** The revision of the imported data that caches key on, read again at most once per second and at once after an import here. */
export function importRevision(read: () => Promise<string>) {
  let revision = '';
  let checkedAt: number | undefined;
  return {
    /** The revision at `now` (milliseconds). */
    async at(now: number): Promise<string> {
      if (checkedAt === undefined || now - checkedAt >= REVISION_CHECK_MS || now < checkedAt) {
        revision = await read();
        checkedAt = now;
      }
      return revision;
    },
    /** Makes the next call read the revision: an import was just accepted. */
    invalidate(): void {
      checkedAt = undefined;
    },
  };
}
