import { CompiledQuery, sql, type ExpressionBuilder, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import {
  columnTypes,
  dialectOf,
  inChunks,
  withTransaction,
  type Database,
  type Dialect,
  queriesOf,
  type Executor,
  transactionOf,
  type Transaction,
} from '../../../platform/db/index.ts';
import type { DeviceDumpImportsTable, DeviceListStagingTable, DeviceListUploadsTable } from './operator-dumps.tables.ts';
import type { DeviceListName } from './reference-lists.ts';
import './operator-dumps.tables.ts';

/** A stored dump import record. */
export type DumpImportRow = Selectable<DeviceDumpImportsTable>;

/** A stored list upload record. */
export type ListUploadRow = Selectable<DeviceListUploadsTable>;

/** One observation of a batch, as it waits in the staging area until the import is accepted. */
export interface StagedObservation {
  /** Its place in the import, from 1 in the order of the file: merging follows it. */
  n: number;
  observationKey: string;
  /** The first sighting of an observation not stored yet: it carries the sealed values. Otherwise a sighting that widens the days. */
  isNew: boolean;
  imeiKey: string;
  imsiCipher: string | null;
  msisdnCipher: string | null;
  imsiHash: string | null;
  /** keyring.hash(msisdn, 'device-msisdn'), as a pairing's: how a person's mobile number finds the observation. */
  msisdnHash: string | null;
  /** The IMSI is not 14 or 15 digits (DIRBS's unclean IMSI). */
  isImsiUnclean: boolean;
  homeNetwork: string | null;
  ratMask: number | null;
  firstSeen: string;
  lastSeen: string;
}

/** An import whose staging no one has touched for a while: abandoned by a crash, while read (`isAccepted` false) or while merged. */
export interface StaleStaging {
  importId: string;
  operatorId: string;
  isAccepted: boolean;
}
/** A list row staged for comparison with the current list. */
export type StagedListRow = Omit<DeviceListStagingTable, 'upload_id'>;

/** What applying a staged list changed. */
export interface ListChanges {
  added: number;
  removed: number;
}

/** What an accepted upload is applied with and recorded as. */
export interface AcceptedListUpload {
  list: DeviceListName;
  mode: 'full' | 'delta';
  /** The day its entries start and end on. */
  applyDate: string;
  fileName: string;
  rowCount: number;
  /** JSON of the uploader, for the audit record written when the upload is recorded. */
  actor: string;
  /** How the upload record names the uploader. */
  actorText: string;
}

/** All SQL over operator dumps, observations and reference lists. */
export interface OperatorDataRepository {
  findDumpImport(operatorId: string, sha256: string): Promise<DumpImportRow | undefined>;
  /** The operator's latest imports, newest first. */
  latestDumpImports(operatorId: string, limit: number): Promise<DumpImportRow[]>;
  /** Imports of one operator, or of all when null, newest first. */
  listDumpImports(operatorId: string | null, limit: number): Promise<DumpImportRow[]>;
  /** Opens the staging of an import. */
  startStaging(importId: string, operatorId: string, now: string): Promise<void>;
  /** Which of these observation keys are stored, or were staged earlier by this import. */
  findKnownObservations(importId: string, keys: readonly string[]): Promise<Set<string>>;
  /** Stages one batch in a transaction of its own, keys distinct within the batch. */
  stageObservations(importId: string, rows: readonly StagedObservation[], now: string): Promise<void>;
  /** Drops the staging of an import that will not be published. */
  discardStaging(importId: string): Promise<void>;
  /** Records an accepted import, not published yet, with what `work` writes in the same transaction (the audit record). */
  acceptDumpImport(row: DumpImportRow, work: (trx: Kysely<Database>) => Promise<void>): Promise<void>;
  /**
   * Merges the next `limit` staged rows of an accepted import into the observations in one
   * transaction that also records how far the merge went, so a merge stopped anywhere resumes
   * where it stopped; returns how many rows it merged (0 when none is left).
   */
  publishStagedChunk(importId: string, operatorId: string, limit: number, now: string): Promise<number>;
  /** Marks an accepted import published and drops its staging, in one transaction. */
  finishDumpImport(importId: string, publishedAt: string): Promise<void>;
  /** Whether an import still has a staging (being read or merged). */
  isStaging(importId: string): Promise<boolean>;
  /** Stagings not touched since `before`, oldest first. */
  listStaleStagings(before: string): Promise<StaleStaging[]>;
  /** Whether an accepted import is still being merged: the observations are not complete until it ends. */
  isAnyDumpPublishing(): Promise<boolean>;
  /** Runs `work` in one transaction with a repository bound to it; `trx` is for the audit log (a refusal's record goes with no other change). */
  inTransaction<T>(work: (repository: OperatorDataRepository, tx: Transaction) => Promise<T>): Promise<T>;
  countObservations(): Promise<number>;
  /** Clears the personal columns of observations last seen before `cutoff` (ISO date); returns how many. */
  anonymiseObservationsBefore(cutoff: string): Promise<number>;
  /** Clears the IMSI, the MSISDN and their hashes from pairings that left the list before `cutoff`; returns how many. */
  anonymisePairingsEndedBefore(cutoff: string): Promise<number>;
  /** Opens the staging of a list upload. */
  startListStaging(uploadId: string, now: string): Promise<void>;
  /** Stages rows of a list upload in a transaction of their own; a key given twice counts once (the first line wins). */
  stageListRows(uploadId: string, rows: readonly StagedListRow[], now: string): Promise<void>;
  /** Delta rows that cannot apply: an add of an entry already current, a remove of one that is not. */
  findDeltaConflicts(list: DeviceListName, uploadId: string, limit: number): Promise<Array<{ line: number; change_type: 'add' | 'remove' }>>;
  /**
   * Accepts a staged upload, which from then on is applied whatever happens, and holds its list:
   * false when another upload of the list is being applied (one at a time).
   */
  acceptListUpload(uploadId: string, accepted: AcceptedListUpload, now: string): Promise<boolean>;
  /**
   * Applies the next chunk of an accepted upload in one transaction that also records how far it
   * went: first the current entries it ends (full: those absent from the file, `limit` entries
   * looked at; delta: those its removes name), then the entries it starts (full: those not already
   * current; delta: its adds), `limit` staged lines at a time. Returns 0 once the whole upload is applied.
   */
  applyListChunk(uploadId: string, limit: number, now: string): Promise<number>;
  /**
   * Records an applied upload (its row in `device_list_uploads`, with what `work` writes in the same
   * transaction: the audit record, given the uploader as accepted) and frees its list; returns what it changed.
   */
  recordListUpload(
    uploadId: string,
    work: (trx: Kysely<Database>, row: ListUploadRow, actor: string) => Promise<void>,
    createdAt: string,
  ): Promise<ListChanges>;
  /** Deletes at most `limit` staged rows of an upload in one transaction, and its staging once none is left; returns how many rows went. An accepted upload not recorded yet is left alone. */
  discardListStaging(uploadId: string, limit: number): Promise<number>;
  /** List uploads whose staging was not touched since `before`: abandoned by a stopped process, while read or while applied. */
  listStaleListStagings(before: string): Promise<Array<{ uploadId: string; isBeingApplied: boolean }>>;
  /** Whether an accepted upload is being applied: its list is a mix of the old and the new until it ends. */
  isAnyListApplying(): Promise<boolean>;
  listUploads(limit: number): Promise<ListUploadRow[]>;
  /** Current entries of each list. */
  countCurrentEntries(): Promise<Array<{ list: DeviceListName; n: number }>>;
}

// SQLite allows 32,766 bound parameters and PostgreSQL 65,535: 12 columns x 1,000 rows stays under both.
const WRITE_CHUNK = 1000;
// Staging writes of a dump import: 13 parameters x 2,000 rows and 5,000 keys stay under both limits.
const STAGE_CHUNK = 2000;
const OBSERVATION_LOOKUP_CHUNK = 5000;
const STAGING_COLUMNS = [
  'n',
  'observation_key',
  'is_new',
  'imei_key',
  'imsi_cipher',
  'msisdn_cipher',
  'imsi_hash',
  'msisdn_hash',
  'is_imsi_unclean',
  'home_network',
  'rat_mask',
  'first_seen',
  'last_seen',
] as const;

/**
 * The table an import stages its rows in. It is made when the import starts and dropped when it
 * ends, in the manner of a temporary table but across transactions, and so not part of the
 * schema; its name comes from the import's id, checked to hold nothing but letters, digits and dashes.
 */
export function stagingTableOf(importId: string): string {
  if (!/^[0-9A-Za-z-]{1,40}$/.test(importId)) throw new Error('An import id names its staging table: letters, digits and dashes only.');
  return `device_dump_staging_${importId.replaceAll('-', '_').toLowerCase()}`;
}

/**
 * The SQL of the statements an import repeats for every batch, written once per row count and
 * dialect: building them through the query builder costs more than running them, and the same
 * text lets the SQLite connection reuse its prepared statement.
 */
function stagingStatements(dialect: Dialect, table: string) {
  const mark = (n: number) => (dialect === 'postgres' ? `$${n}` : '?');
  const placeholders = (rows: number, columns: number): string => {
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r += 1) {
      const marks: string[] = [];
      for (let c = 0; c < columns; c += 1) marks.push(mark((n += 1)));
      tuples.push(`(${marks.join(',')})`);
    }
    return tuples.join(',');
  };
  const stages = new Map<number, string>();
  const lookups = new Map<number, string>();
  const stagedLookups = new Map<number, string>();
  const cached = (cache: Map<number, string>, rows: number, make: () => string): string => {
    let text = cache.get(rows);
    if (text === undefined) {
      text = make();
      cache.set(rows, text);
    }
    return text;
  };
  return {
    stage: (rows: number) =>
      cached(stages, rows, () => `insert into ${table} (${STAGING_COLUMNS.join(', ')}) values ${placeholders(rows, STAGING_COLUMNS.length)}`),
    lookup: (rows: number) => cached(lookups, rows, () => `select observation_key from device_observations where observation_key in ${placeholders(1, rows)}`),
    stagedLookup: (rows: number) => cached(stagedLookups, rows, () => `select observation_key from ${table} where observation_key in ${placeholders(1, rows)}`),
  };
}

/** Two RAT masks together, as SQL: what either gave, null only when both are null. */
function unionOfMasks(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<number | null> {
  return sql<number | null>`case when ${a} is null then ${b} when ${b} is null then ${a} else ${a} | ${b} end`;
}

/** Whether the list holds an open entry with the staged line's key, IMSI and MSISDN (a pairing is all three, as DIRBS's). */
function isCurrentEntry(eb: ExpressionBuilder<Database & { s: DeviceListStagingTable }, 's'>, list: DeviceListName) {
  return eb.exists(
    eb
      .selectFrom('device_list_entries as e')
      .select(sql<number>`1`.as('one'))
      .where('e.list', '=', list)
      .where('e.end_date', 'is', null)
      .whereRef('e.key', '=', 's.key')
      .where(sql<boolean>`coalesce(e.imsi_hash, '') = s.imsi_hash and coalesce(e.msisdn_hash, '') = s.msisdn_hash`),
  );
}

/**
 * Brings PostgreSQL's statistics of the list staging up to date. Its planner otherwise takes the
 * staging for a table of a row or two and checks every staged line against the entries one by one,
 * visiting the entries the same statement inserts: 80,000 lines took five minutes instead of a second.
 */
async function analyseListStaging(db: Kysely<Database>): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`analyze device_list_staging`.execute(db);
}

/** Builds the operator data repository over a Kysely instance. */
export function createOperatorDataRepository(executor: Executor): OperatorDataRepository {
  const db = queriesOf(executor);
  const dialect = dialectOf(db);
  // The statements of the imports this repository is staging, by import.
  const statementCache = new Map<string, ReturnType<typeof stagingStatements>>();
  const statementsOf = (importId: string) => {
    let statements = statementCache.get(importId);
    if (statements === undefined) {
      statements = stagingStatements(dialect, stagingTableOf(importId));
      statementCache.set(importId, statements);
    }
    return statements;
  };
  return {
    findDumpImport(operatorId, sha256) {
      return db.selectFrom('device_dump_imports').selectAll().where('operator_id', '=', operatorId).where('file_sha256', '=', sha256).executeTakeFirst();
    },
    latestDumpImports(operatorId, limit) {
      return db
        .selectFrom('device_dump_imports')
        .selectAll()
        .where('operator_id', '=', operatorId)
        .orderBy('accepted_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },
    listDumpImports(operatorId, limit) {
      let query = db.selectFrom('device_dump_imports').selectAll();
      if (operatorId !== null) query = query.where('operator_id', '=', operatorId);
      return query.orderBy('accepted_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },
    startStaging(importId, operatorId, now) {
      const table = sql.table(stagingTableOf(importId));
      return withTransaction(db, async (trx) => {
        await trx
          .insertInto('device_dump_stagings')
          .values({ import_id: importId, operator_id: operatorId, started_at: now, touched_at: now, published_n: 0 })
          .execute();
        // `n` numbers the rows in file order (the row id on SQLite, so no second index); the key index answers "staged already?".
        await sql`create table ${table} (n integer primary key, observation_key text not null, is_new ${sql.raw(columnTypes(dialect).boolean)} not null, imei_key text not null,
          imsi_cipher text, msisdn_cipher text, imsi_hash text, msisdn_hash text, is_imsi_unclean ${sql.raw(columnTypes(dialect).boolean)} not null, home_network text, rat_mask integer, first_seen text not null, last_seen text not null)`.execute(
          trx,
        );
        await sql`create index ${sql.id(`${stagingTableOf(importId)}_key`)} on ${table} (observation_key)`.execute(trx);
      });
    },
    async findKnownObservations(importId, keys) {
      const statements = statementsOf(importId);
      const found = new Set<string>();
      for (const chunk of inChunks(keys, OBSERVATION_LOOKUP_CHUNK)) {
        for (const text of [statements.lookup(chunk.length), statements.stagedLookup(chunk.length)]) {
          const query = CompiledQuery.raw(text, chunk) as CompiledQuery<{ observation_key: string }>;
          for (const row of (await db.executeQuery(query)).rows) found.add(row.observation_key);
        }
      }
      return found;
    },
    stageObservations(importId, rows, now) {
      const statements = statementsOf(importId);
      return withTransaction(db, async (trx) => {
        for (const chunk of inChunks(rows, STAGE_CHUNK)) {
          const parameters: Array<string | number | boolean | null> = [];
          for (const r of chunk)
            parameters.push(
              r.n,
              r.observationKey,
              r.isNew,
              r.imeiKey,
              r.imsiCipher,
              r.msisdnCipher,
              r.imsiHash,
              r.msisdnHash,
              r.isImsiUnclean,
              r.homeNetwork,
              r.ratMask,
              r.firstSeen,
              r.lastSeen,
            );
          await trx.executeQuery(CompiledQuery.raw(statements.stage(chunk.length), parameters));
        }
        await trx.updateTable('device_dump_stagings').set({ touched_at: now }).where('import_id', '=', importId).execute();
      });
    },
    discardStaging(importId) {
      statementCache.delete(importId);
      return withTransaction(db, async (trx) => {
        await sql`drop table if exists ${sql.table(stagingTableOf(importId))}`.execute(trx);
        await trx.deleteFrom('device_dump_stagings').where('import_id', '=', importId).execute();
      });
    },
    acceptDumpImport(row, work) {
      return withTransaction(db, async (trx) => {
        await trx.insertInto('device_dump_imports').values(row).execute();
        await work(trx);
      });
    },
    publishStagedChunk(importId, operatorId, limit, now) {
      const table = sql.table(stagingTableOf(importId));
      return withTransaction(db, async (trx) => {
        const progress = await trx.selectFrom('device_dump_stagings').select('published_n').where('import_id', '=', importId).executeTakeFirst();
        if (progress === undefined) return 0;
        const lo = Number(progress.published_n) + 1;
        const hi = lo + limit - 1;
        const last = await sql<{ n: number | null }>`select max(n) as n from ${table}`.execute(trx);
        if (lo > Number(last.rows[0]?.n ?? 0)) return 0;
        // A staged row is new when the import first saw its key; another import may have stored the same key since.
        await sql`insert into device_observations (id, observation_key, imei_key, imsi_cipher, msisdn_cipher, imsi_hash, msisdn_hash, is_imsi_unclean, home_network, rat_mask, operator_id, first_seen, last_seen, import_id)
          select ${importId} || '.' || cast(s.n as text), s.observation_key, s.imei_key, s.imsi_cipher, s.msisdn_cipher, s.imsi_hash, s.msisdn_hash, s.is_imsi_unclean, s.home_network, s.rat_mask, cast(${operatorId} as text), s.first_seen, s.last_seen, cast(${importId} as text)
          from ${table} s where s.n >= ${lo} and s.n <= ${hi} and s.is_new = ${true}
          on conflict (observation_key) do update set
            first_seen = case when excluded.first_seen < device_observations.first_seen then excluded.first_seen else device_observations.first_seen end,
            last_seen = case when excluded.last_seen > device_observations.last_seen then excluded.last_seen else device_observations.last_seen end,
            rat_mask = ${unionOfMasks(sql`excluded.rat_mask`, sql`device_observations.rat_mask`)}, import_id = excluded.import_id`.execute(trx);
        // Per observation: the earliest and latest days, and every generation its sightings gave (a bit-wise OR no
        // aggregate of SQLite computes: the largest of each bit). Text dates in ISO form compare in order.
        await sql`with v as (select s.observation_key as k, min(s.first_seen) as f, max(s.last_seen) as l,
                max(s.rat_mask & 1) + max(s.rat_mask & 2) + max(s.rat_mask & 4) + max(s.rat_mask & 8) as m
              from ${table} s where s.n >= ${lo} and s.n <= ${hi} and s.is_new = ${false} group by s.observation_key)
          update device_observations set
            first_seen = case when v.f < device_observations.first_seen then v.f else device_observations.first_seen end,
            last_seen = case when v.l > device_observations.last_seen then v.l else device_observations.last_seen end,
            rat_mask = ${unionOfMasks(sql`v.m`, sql`device_observations.rat_mask`)}, import_id = ${importId}
          from v where device_observations.observation_key = v.k`.execute(trx);
        await trx.updateTable('device_dump_stagings').set({ published_n: hi, touched_at: now }).where('import_id', '=', importId).execute();
        return hi - lo + 1;
      });
    },
    finishDumpImport(importId, publishedAt) {
      statementCache.delete(importId);
      return withTransaction(db, async (trx) => {
        await trx.updateTable('device_dump_imports').set({ published_at: publishedAt }).where('id', '=', importId).execute();
        await sql`drop table if exists ${sql.table(stagingTableOf(importId))}`.execute(trx);
        await trx.deleteFrom('device_dump_stagings').where('import_id', '=', importId).execute();
      });
    },
    async isStaging(importId) {
      return (await db.selectFrom('device_dump_stagings').select('import_id').where('import_id', '=', importId).executeTakeFirst()) !== undefined;
    },
    async listStaleStagings(before) {
      const rows = await db
        .selectFrom('device_dump_stagings as s')
        .leftJoin('device_dump_imports as i', 'i.id', 's.import_id')
        .select(['s.import_id', 's.operator_id', 'i.id as accepted_id'])
        .where('s.touched_at', '<', before)
        .orderBy('s.started_at')
        .orderBy('s.import_id')
        .execute();
      return rows.map((r) => ({ importId: r.import_id, operatorId: r.operator_id, isAccepted: r.accepted_id !== null }));
    },
    async isAnyDumpPublishing() {
      return (await db.selectFrom('device_dump_imports').select('id').where('published_at', 'is', null).limit(1).executeTakeFirst()) !== undefined;
    },
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createOperatorDataRepository(tx), transactionOf(tx)));
    },
    async countObservations() {
      const row = await db
        .selectFrom('device_observations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async anonymiseObservationsBefore(cutoff) {
      const result = await db
        .updateTable('device_observations')
        .set({ observation_key: null, imsi_cipher: null, msisdn_cipher: null, imsi_hash: null, msisdn_hash: null })
        .where('last_seen', '<', cutoff)
        .where((eb) =>
          eb.or([
            eb('observation_key', 'is not', null),
            eb('imsi_cipher', 'is not', null),
            eb('msisdn_cipher', 'is not', null),
            eb('imsi_hash', 'is not', null),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async anonymisePairingsEndedBefore(cutoff) {
      const result = await db
        .updateTable('device_list_entries')
        .set({ imsi_hash: null, imsi_cipher: null, msisdn_cipher: null, msisdn_hash: null })
        .where('list', '=', 'pairing')
        .where('end_date', '<', cutoff)
        .where((eb) =>
          eb.or([eb('imsi_hash', 'is not', null), eb('imsi_cipher', 'is not', null), eb('msisdn_cipher', 'is not', null), eb('msisdn_hash', 'is not', null)]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async startListStaging(uploadId, now) {
      await db
        .insertInto('device_list_stagings')
        .values({ upload_id: uploadId, started_at: now, touched_at: now, row_count: 0, added: 0, removed: 0 })
        .execute();
    },
    stageListRows(uploadId, rows, now) {
      return withTransaction(db, async (trx) => {
        for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
          const values = rows.slice(i, i + WRITE_CHUNK).map((r) => ({ ...r, upload_id: uploadId }));
          await trx
            .insertInto('device_list_staging')
            .values(values)
            .onConflict((oc) => oc.columns(['upload_id', 'key', 'imsi_hash', 'msisdn_hash']).doNothing())
            .execute();
        }
        await trx.updateTable('device_list_stagings').set({ touched_at: now }).where('upload_id', '=', uploadId).execute();
      });
    },
    async findDeltaConflicts(list, uploadId, limit) {
      await analyseListStaging(db);
      return db
        .selectFrom('device_list_staging as s')
        .where('s.upload_id', '=', uploadId)
        .select(['s.line', 's.change_type'])
        .where((eb) =>
          eb.or([
            eb.and([eb('s.change_type', '=', 'add'), isCurrentEntry(eb, list)]),
            eb.and([eb('s.change_type', '=', 'remove'), eb.not(isCurrentEntry(eb, list))]),
          ]),
        )
        .orderBy('s.line')
        .limit(limit)
        .execute();
    },
    async acceptListUpload(uploadId, accepted, now) {
      await analyseListStaging(db);
      const isHeld = async () =>
        (await db.selectFrom('device_list_stagings').select('upload_id').where('applying_list', '=', accepted.list).executeTakeFirst()) !== undefined;
      if (await isHeld()) return false;
      try {
        const result = await db
          .updateTable('device_list_stagings')
          .set({
            accepted_at: now,
            touched_at: now,
            list: accepted.list,
            mode: accepted.mode,
            apply_date: accepted.applyDate,
            applying_list: accepted.list,
            phase: 'end',
            position_id: null,
            position_key: null,
            position_imsi: null,
            position_msisdn: null,
            file_name: accepted.fileName,
            row_count: accepted.rowCount,
            actor: JSON.stringify({ actor: accepted.actor, text: accepted.actorText }),
            added: 0,
            removed: 0,
          })
          .where('upload_id', '=', uploadId)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
      } catch (error) {
        // Another upload of the list was accepted between the check and the update: the unique index refused this one.
        if (await isHeld()) return false;
        throw error;
      }
    },
    applyListChunk(uploadId, limit, now) {
      return withTransaction(db, async (trx) => {
        const staging = await trx.selectFrom('device_list_stagings').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();
        if (staging === undefined || staging.accepted_at === null || staging.list === null || staging.apply_date === null) return 0;
        if (staging.phase !== 'end' && staging.phase !== 'add') return 0;
        const { list, apply_date: today } = staging;
        const progress = trx.updateTable('device_list_stagings').where('upload_id', '=', uploadId);
        if (staging.phase === 'end' && staging.mode === 'full') {
          // The current entries of the list in id order; those the file does not name end.
          const ids = (
            await trx
              .selectFrom('device_list_entries')
              .select('id')
              .where('list', '=', list)
              .where('end_date', 'is', null)
              .where('id', '>', staging.position_id ?? '')
              .orderBy('id')
              .limit(limit)
              .execute()
          ).map((r) => r.id);
          const last = ids[ids.length - 1];
          if (last === undefined) {
            await progress.set({ phase: 'add', touched_at: now }).execute();
            return 1;
          }
          const ended = await trx
            .updateTable('device_list_entries')
            .set({ end_date: today, ended_by_upload_id: uploadId })
            .where('id', 'in', ids)
            .where((eb) =>
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('device_list_staging as s')
                    .select(sql<number>`1`.as('one'))
                    .where('s.upload_id', '=', uploadId)
                    .whereRef('s.key', '=', 'device_list_entries.key')
                    .where(
                      sql<boolean>`s.imsi_hash = coalesce(device_list_entries.imsi_hash, '') and s.msisdn_hash = coalesce(device_list_entries.msisdn_hash, '')`,
                    ),
                ),
              ),
            )
            .executeTakeFirst();
          await progress.set({ position_id: last, removed: staging.removed + Number(ended.numUpdatedRows), touched_at: now }).execute();
          return ids.length;
        }
        // The staged lines in the order of what identifies them (key, IMSI hash, MSISDN hash: the staging's
        // key, so each line has its own place), a chunk at a time, from where the phase stopped.
        const after = { key: staging.position_key ?? '', imsi: staging.position_imsi ?? '', msisdn: staging.position_msisdn ?? '' };
        const range = await trx
          .selectFrom('device_list_staging')
          .select(['key', 'imsi_hash', 'msisdn_hash'])
          .where('upload_id', '=', uploadId)
          .where(sql<boolean>`(key, imsi_hash, msisdn_hash) > (${after.key}, ${after.imsi}, ${after.msisdn})`)
          .orderBy('key')
          .orderBy('imsi_hash')
          .orderBy('msisdn_hash')
          .limit(limit)
          .execute();
        const last = range[range.length - 1];
        if (last === undefined) {
          await progress
            .set(
              staging.phase === 'end'
                ? { phase: 'add', position_key: null, position_imsi: null, position_msisdn: null, touched_at: now }
                : { phase: 'done', touched_at: now },
            )
            .execute();
          return 1;
        }
        const inRange = sql<boolean>`(s.key, s.imsi_hash, s.msisdn_hash) > (${after.key}, ${after.imsi}, ${after.msisdn}) and (s.key, s.imsi_hash, s.msisdn_hash) <= (${last.key}, ${last.imsi_hash}, ${last.msisdn_hash})`;
        const position = { position_key: last.key, position_imsi: last.imsi_hash, position_msisdn: last.msisdn_hash };
        if (staging.phase === 'end') {
          const ended = await sql`update device_list_entries set end_date = ${today}, ended_by_upload_id = ${uploadId}
            from (select s.key, s.imsi_hash, s.msisdn_hash from device_list_staging s where s.upload_id = ${uploadId} and s.change_type = 'remove' and ${inRange}) r
            where device_list_entries.list = ${list} and device_list_entries.end_date is null and device_list_entries.key = r.key
              and coalesce(device_list_entries.imsi_hash, '') = r.imsi_hash and coalesce(device_list_entries.msisdn_hash, '') = r.msisdn_hash`.execute(trx);
          await progress.set({ ...position, removed: staging.removed + Number(ended.numAffectedRows ?? 0n), touched_at: now }).execute();
          return range.length;
        }
        let source = trx
          .selectFrom('device_list_staging as s')
          .select([
            sql<string>`s.upload_id || '.' || cast(s.line as text)`.as('id'),
            sql<string>`${list}`.as('list'),
            's.key',
            sql<string | null>`nullif(s.imsi_hash, '')`.as('imsi_hash'),
            's.imsi_cipher',
            's.msisdn_cipher',
            sql<string | null>`nullif(s.msisdn_hash, '')`.as('msisdn_hash'),
            's.home_network',
            's.reason',
            's.source',
            sql<string>`${today}`.as('start_date'),
            's.upload_id',
          ])
          .where('s.upload_id', '=', uploadId)
          .where('s.change_type', '=', 'add')
          .where(inRange);
        if (staging.mode === 'full') source = source.where((eb) => eb.not(isCurrentEntry(eb, list)));
        const started = await trx
          .insertInto('device_list_entries')
          .columns([
            'id',
            'list',
            'key',
            'imsi_hash',
            'imsi_cipher',
            'msisdn_cipher',
            'msisdn_hash',
            'home_network',
            'reason',
            'source',
            'start_date',
            'upload_id',
          ])
          .expression(source)
          .executeTakeFirst();
        await progress.set({ ...position, added: staging.added + Number(started.numInsertedOrUpdatedRows ?? 0n), touched_at: now }).execute();
        return range.length;
      });
    },
    recordListUpload(uploadId, work, createdAt) {
      return withTransaction(db, async (trx) => {
        const staging = await trx.selectFrom('device_list_stagings').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();
        if (staging === undefined || staging.list === null || staging.mode === null || staging.phase !== 'done')
          throw new Error(`The list upload ${uploadId} is not applied; it cannot be recorded.`);
        const uploader = JSON.parse(staging.actor ?? '{}') as { actor?: string; text?: string };
        const row: ListUploadRow = {
          id: uploadId,
          list: staging.list,
          mode: staging.mode,
          file_name: staging.file_name ?? '',
          row_count: Number(staging.row_count),
          added: Number(staging.added),
          removed: Number(staging.removed),
          actor: uploader.text ?? '',
          created_at: createdAt,
        };
        await trx.insertInto('device_list_uploads').values(row).execute();
        await work(trx, row, uploader.actor ?? '');
        await trx
          .updateTable('device_list_stagings')
          .set({ phase: 'recorded', applying_list: null, touched_at: createdAt })
          .where('upload_id', '=', uploadId)
          .execute();
        return { added: row.added, removed: row.removed };
      });
    },
    discardListStaging(uploadId, limit) {
      return withTransaction(db, async (trx) => {
        const staging = await trx.selectFrom('device_list_stagings').select(['accepted_at', 'phase']).where('upload_id', '=', uploadId).executeTakeFirst();
        // An accepted upload is applied whatever happens: only once it is recorded do its staged rows go.
        if (staging !== undefined && staging.accepted_at !== null && staging.phase !== 'recorded') return 0;
        const lines = trx.selectFrom('device_list_staging').select('line').where('upload_id', '=', uploadId).orderBy('line').limit(limit);
        const result = await trx.deleteFrom('device_list_staging').where('upload_id', '=', uploadId).where('line', 'in', lines).executeTakeFirst();
        const deleted = Number(result.numDeletedRows);
        if (deleted === 0) await trx.deleteFrom('device_list_stagings').where('upload_id', '=', uploadId).execute();
        return deleted;
      });
    },
    async listStaleListStagings(before) {
      const rows = await db
        .selectFrom('device_list_stagings')
        .select(['upload_id', 'accepted_at', 'phase'])
        .where('touched_at', '<', before)
        .orderBy('started_at')
        .orderBy('upload_id')
        .execute();
      return rows.map((r) => ({ uploadId: r.upload_id, isBeingApplied: r.accepted_at !== null && r.phase !== 'recorded' }));
    },
    async isAnyListApplying() {
      return (await db.selectFrom('device_list_stagings').select('upload_id').where('applying_list', 'is not', null).limit(1).executeTakeFirst()) !== undefined;
    },
    listUploads(limit) {
      return db.selectFrom('device_list_uploads').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },
    async countCurrentEntries() {
      const rows = await db
        .selectFrom('device_list_entries')
        .select(['list', (eb) => eb.fn.countAll<number>().as('n')])
        .where('end_date', 'is', null)
        .groupBy('list')
        .execute();
      return rows.map((r) => ({ list: r.list, n: Number(r.n) }));
    },
  };
}
