import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import { dialectOf, type Database, type Dialect } from '../../platform/db/index.ts';
import type { DeviceDumpImportsTable, DeviceListName, DeviceListStagingTable, DeviceListUploadsTable } from './operator-data.tables.ts';
import './operator-data.tables.ts';

/** A stored dump import record. */
export type DumpImportRow = Selectable<DeviceDumpImportsTable>;

/** A stored list upload record. */
export type ListUploadRow = Selectable<DeviceListUploadsTable>;

/** One observation to merge: its keyed tuple hash, sealed personal values, and the dates seen. */
export interface ObservationValues {
  observationKey: string;
  imeiKey: string;
  imsiCipher: string | null;
  msisdnCipher: string | null;
  imsiHash: string | null;
  homeNetwork: string | null;
  rat: string | null;
  operatorId: string;
  firstSeen: string;
  lastSeen: string;
}

/** A sighting of an observation that may already be stored: its key, the dates seen and the radio technology. */
export type ObservationSighting = Pick<ObservationValues, 'observationKey' | 'firstSeen' | 'lastSeen' | 'rat'>;

/** Writes inside one dump import's transaction. */
export interface DumpWriter {
  /** The transaction, for the audit record that must commit with the import. */
  readonly trx: Kysely<Database>;
  /** Which of these observation keys are stored (by an earlier import or earlier in this one). */
  findObservations(keys: readonly string[]): Promise<Set<string>>;
  /**
   * Notes sightings of stored observations, in file order, in a table of this transaction only;
   * {@link DumpWriter.mergeSightings} applies them all at once, one update per observation.
   */
  stageSightings(rows: readonly ObservationSighting[]): Promise<void>;
  /** Inserts new observations and widens the dates of known ones; keys must be distinct within one call. */
  upsertObservations(rows: readonly ObservationValues[], importId: string, newIds: () => string): Promise<void>;
  /**
   * Widens the days of each observation sighted (earliest first seen, latest last seen), sets the
   * last technology given and the import, and drops the staged sightings; returns the observations updated.
   */
  mergeSightings(importId: string): Promise<number>;
  recordImport(row: DumpImportRow): Promise<void>;
}

/** A list row staged for comparison with the current list. */
export type StagedListRow = Omit<DeviceListStagingTable, 'upload_id'>;

/** Writes inside one list upload's transaction. */
export interface ListWriter {
  readonly trx: Kysely<Database>;
  stage(uploadId: string, rows: readonly StagedListRow[]): Promise<void>;
  /** Delta rows that cannot apply: an add of an entry already current, a remove of one that is not. */
  findDeltaConflicts(list: DeviceListName, uploadId: string, limit: number): Promise<Array<{ line: number; change_type: 'add' | 'remove' }>>;
  /** Ends current entries absent from the staged file (full) or named by a remove (delta); returns how many ended. */
  endEntries(list: DeviceListName, uploadId: string, mode: 'full' | 'delta', today: string): Promise<number>;
  /** Starts entries staged (full: those not already current; delta: the adds); returns how many started. */
  startEntries(list: DeviceListName, uploadId: string, mode: 'full' | 'delta', today: string): Promise<number>;
  countStaged(uploadId: string): Promise<number>;
  clearStaging(uploadId: string): Promise<void>;
  recordUpload(row: ListUploadRow): Promise<void>;
}

/** All SQL over operator dumps, observations and reference lists. */
export interface OperatorDataRepository {
  findDumpImport(operatorId: string, sha256: string): Promise<DumpImportRow | undefined>;
  /** The operator's latest imports, newest first. */
  latestDumpImports(operatorId: string, limit: number): Promise<DumpImportRow[]>;
  /** Imports of one operator, or of all when null, newest first. */
  listDumpImports(operatorId: string | null, limit: number): Promise<DumpImportRow[]>;
  importDump<T>(work: (writer: DumpWriter) => Promise<T>): Promise<T>;
  /** Runs `work` in a transaction of its own, for an audit record that goes with no other change. */
  audited(work: (trx: Kysely<Database>) => Promise<void>): Promise<void>;
  countObservations(): Promise<number>;
  /** Clears the personal columns of observations last seen before `cutoff` (ISO date); returns how many. */
  anonymiseObservationsBefore(cutoff: string): Promise<number>;
  applyListUpload<T>(work: (writer: ListWriter) => Promise<T>): Promise<T>;
  listUploads(limit: number): Promise<ListUploadRow[]>;
  /** Current entries of each list. */
  countCurrentEntries(): Promise<Array<{ list: DeviceListName; n: number }>>;
}

// SQLite allows 32,766 bound parameters and PostgreSQL 65,535: 11 columns x 1,000 rows stays under both.
const WRITE_CHUNK = 1000;
// Observation writes of a dump import: 12 parameters x 2,500 rows and 5 x 5,000 stay under both limits.
const OBSERVATION_INSERT_CHUNK = 2500;
const OBSERVATION_STAGE_CHUNK = 5000;
const OBSERVATION_LOOKUP_CHUNK = 5000;
/** Sightings of stored observations during one dump import; a temporary table, gone with the transaction. */
const SIGHTINGS = 'device_dump_sightings';
const OBSERVATION_COLUMNS = ['id', 'observation_key', 'imei_key', 'imsi_cipher', 'msisdn_cipher', 'imsi_hash', 'home_network', 'rat', 'operator_id', 'first_seen', 'last_seen', 'import_id'] as const;

/**
 * Splits `total` rows into statements of `max` rows and, for the rest, of powers of two: a few
 * shapes of statement whatever the counts, so the connection's cache of prepared statements holds
 * a dozen large statements rather than one per batch.
 */
export function chunkSizes(total: number, max: number): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left >= max) {
    sizes.push(max);
    left -= max;
  }
  for (let size = 2 ** Math.floor(Math.log2(max)); left > 0; size /= 2) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/**
 * The SQL of the statements a dump import repeats millions of times, written once per row count
 * and dialect: building them through the query builder costs more than running them, and the same
 * text lets the SQLite connection reuse its prepared statement.
 */
function observationStatements(dialect: Dialect) {
  const placeholders = (rows: number, columns: number): string => {
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r += 1) {
      const marks: string[] = [];
      for (let c = 0; c < columns; c += 1) marks.push(dialect === 'postgres' ? `$${(n += 1)}` : '?');
      tuples.push(`(${marks.join(',')})`);
    }
    return tuples.join(',');
  };
  const inserts = new Map<number, string>();
  const stages = new Map<number, string>();
  const lookups = new Map<number, string>();
  const cached = (cache: Map<number, string>, rows: number, make: () => string): string => {
    let text = cache.get(rows);
    if (text === undefined) {
      text = make();
      cache.set(rows, text);
    }
    return text;
  };
  return {
    insert(rows: number): string {
      // Text dates in ISO form compare in order on both databases.
      return cached(
        inserts,
        rows,
        () =>
          `insert into device_observations (${OBSERVATION_COLUMNS.join(', ')}) values ${placeholders(rows, OBSERVATION_COLUMNS.length)} ` +
          'on conflict (observation_key) do update set ' +
          'first_seen = case when excluded.first_seen < device_observations.first_seen then excluded.first_seen else device_observations.first_seen end, ' +
          'last_seen = case when excluded.last_seen > device_observations.last_seen then excluded.last_seen else device_observations.last_seen end, ' +
          'rat = coalesce(excluded.rat, device_observations.rat), import_id = excluded.import_id',
      );
    },
    lookup(rows: number): string {
      return cached(lookups, rows, () => `select observation_key from device_observations where observation_key in ${placeholders(1, rows)}`);
    },
    stage(rows: number): string {
      return cached(stages, rows, () => `insert into ${SIGHTINGS} (n, k, f, l, r) values ${placeholders(rows, 5)}`);
    },
    createStaging: `create temporary table if not exists ${SIGHTINGS} (n integer primary key, k text not null, f text not null, l text not null, r text)`,
    // Per observation: the earliest and latest days, and the technology of its last sighting that gave one.
    merge:
      `with g as (select k, min(f) as f, max(l) as l, max(case when r is not null then n end) as rn from ${SIGHTINGS} group by k), ` +
      `v as (select g.k, g.f, g.l, s.r from g left join ${SIGHTINGS} s on s.n = g.rn) ` +
      'update device_observations set ' +
      'first_seen = case when v.f < device_observations.first_seen then v.f else device_observations.first_seen end, ' +
      'last_seen = case when v.l > device_observations.last_seen then v.l else device_observations.last_seen end, ' +
      `rat = coalesce(v.r, device_observations.rat), import_id = ${dialect === 'postgres' ? '$1' : '?'} ` +
      'from v where device_observations.observation_key = v.k',
  };
}

/** Builds the operator data repository over a Kysely instance. */
export function createOperatorDataRepository(db: Kysely<Database>): OperatorDataRepository {
  return {
    findDumpImport(operatorId, sha256) {
      return db.selectFrom('device_dump_imports').selectAll().where('operator_id', '=', operatorId).where('file_sha256', '=', sha256).executeTakeFirst();
    },
    latestDumpImports(operatorId, limit) {
      return db.selectFrom('device_dump_imports').selectAll().where('operator_id', '=', operatorId).orderBy('accepted_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },
    listDumpImports(operatorId, limit) {
      let query = db.selectFrom('device_dump_imports').selectAll();
      if (operatorId !== null) query = query.where('operator_id', '=', operatorId);
      return query.orderBy('accepted_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },
    importDump(work) {
      const dialect = dialectOf(db);
      const statements = observationStatements(dialect);
      let isStaging = false;
      let sightings = 0;
      return db.transaction().execute((trx) =>
        work({
          trx,
          async findObservations(keys) {
            const found = new Set<string>();
            let i = 0;
            for (const size of chunkSizes(keys.length, OBSERVATION_LOOKUP_CHUNK)) {
              const chunk = keys.slice(i, (i += size));
              const query = CompiledQuery.raw(statements.lookup(chunk.length), chunk) as CompiledQuery<{ observation_key: string }>;
              for (const row of (await trx.executeQuery(query)).rows) found.add(row.observation_key);
            }
            return found;
          },
          async stageSightings(rows) {
            if (rows.length === 0) return;
            if (!isStaging) {
              await trx.executeQuery(CompiledQuery.raw(statements.createStaging));
              // Left by an earlier import on this connection that failed after its commit: never read again.
              await trx.executeQuery(CompiledQuery.raw(`delete from ${SIGHTINGS}`));
              isStaging = true;
            }
            let i = 0;
            for (const size of chunkSizes(rows.length, OBSERVATION_STAGE_CHUNK)) {
              const chunk = rows.slice(i, (i += size));
              const parameters: Array<string | number | null> = [];
              for (const r of chunk) parameters.push((sightings += 1), r.observationKey, r.firstSeen, r.lastSeen, r.rat);
              await trx.executeQuery(CompiledQuery.raw(statements.stage(chunk.length), parameters));
            }
          },
          async mergeSightings(importId) {
            if (!isStaging) return 0;
            // PostgreSQL never analyses a temporary table by itself; the join needs its size.
            if (dialect === 'postgres') await trx.executeQuery(CompiledQuery.raw(`analyze ${SIGHTINGS}`));
            const result = await trx.executeQuery(CompiledQuery.raw(statements.merge, [importId]));
            await trx.executeQuery(CompiledQuery.raw(`drop table ${SIGHTINGS}`));
            isStaging = false;
            return Number(result.numAffectedRows ?? 0n);
          },
          async upsertObservations(rows, importId, newIds) {
            let i = 0;
            for (const size of chunkSizes(rows.length, OBSERVATION_INSERT_CHUNK)) {
              const chunk = rows.slice(i, (i += size));
              const parameters: Array<string | null> = [];
              for (const r of chunk) {
                parameters.push(newIds(), r.observationKey, r.imeiKey, r.imsiCipher, r.msisdnCipher, r.imsiHash, r.homeNetwork, r.rat, r.operatorId, r.firstSeen, r.lastSeen, importId);
              }
              await trx.executeQuery(CompiledQuery.raw(statements.insert(chunk.length), parameters));
            }
          },
          async recordImport(row) {
            await trx.insertInto('device_dump_imports').values(row).execute();
          },
        }),
      );
    },
    audited(work) {
      return db.transaction().execute(work);
    },
    async countObservations() {
      const row = await db.selectFrom('device_observations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async anonymiseObservationsBefore(cutoff) {
      const result = await db
        .updateTable('device_observations')
        .set({ observation_key: null, imsi_cipher: null, msisdn_cipher: null, imsi_hash: null })
        .where('last_seen', '<', cutoff)
        .where((eb) => eb.or([eb('observation_key', 'is not', null), eb('imsi_cipher', 'is not', null), eb('msisdn_cipher', 'is not', null), eb('imsi_hash', 'is not', null)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    applyListUpload(work) {
      return db.transaction().execute((trx) => {
        const staged = (uploadId: string) => trx.selectFrom('device_list_staging as s').where('s.upload_id', '=', uploadId);
        // Whether the list holds an open entry with the staged line's key and IMSI.
        const isCurrent = (eb: ExpressionBuilder<Database & { s: DeviceListStagingTable }, 's'>, list: DeviceListName) =>
          eb.exists(
            eb
              .selectFrom('device_list_entries as e')
              .select(sql<number>`1`.as('one'))
              .where('e.list', '=', list)
              .where('e.end_date', 'is', null)
              .whereRef('e.key', '=', 's.key')
              .where(sql<boolean>`coalesce(e.imsi_hash, '') = s.imsi_hash`),
          );
        return work({
          trx,
          async stage(uploadId, rows) {
            for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
              const values = rows.slice(i, i + WRITE_CHUNK).map((r) => ({ ...r, upload_id: uploadId }));
              // A key given twice counts once: the first line wins.
              await trx.insertInto('device_list_staging').values(values).onConflict((oc) => oc.columns(['upload_id', 'key', 'imsi_hash']).doNothing()).execute();
            }
          },
          async findDeltaConflicts(list, uploadId, limit) {
            return staged(uploadId)
              .select(['s.line', 's.change_type'])
              .where((eb) => eb.or([eb.and([eb('s.change_type', '=', 'add'), isCurrent(eb, list)]), eb.and([eb('s.change_type', '=', 'remove'), eb.not(isCurrent(eb, list))])]))
              .orderBy('s.line')
              .limit(limit)
              .execute();
          },
          async endEntries(list, uploadId, mode, today) {
            const inFile = staged(uploadId)
              .select(sql<number>`1`.as('one'))
              .where(sql<boolean>`s.key = device_list_entries.key and s.imsi_hash = coalesce(device_list_entries.imsi_hash, '')`);
            const result = await trx
              .updateTable('device_list_entries')
              .set({ end_date: today, ended_by_upload_id: uploadId })
              .where('list', '=', list)
              .where('end_date', 'is', null)
              .where((eb) => (mode === 'full' ? eb.not(eb.exists(inFile)) : eb.exists(inFile.where('s.change_type', '=', 'remove'))))
              .executeTakeFirst();
            return Number(result.numUpdatedRows);
          },
          async startEntries(list, uploadId, mode, today) {
            let source = staged(uploadId)
              .select([
                sql<string>`s.upload_id || '.' || cast(s.line as text)`.as('id'),
                sql<string>`${list}`.as('list'),
                's.key',
                sql<string | null>`nullif(s.imsi_hash, '')`.as('imsi_hash'),
                's.reason',
                's.source',
                sql<string>`${today}`.as('start_date'),
                's.upload_id',
              ])
              .where('s.change_type', '=', 'add');
            if (mode === 'full') source = source.where((eb) => eb.not(isCurrent(eb, list)));
            const result = await trx
              .insertInto('device_list_entries')
              .columns(['id', 'list', 'key', 'imsi_hash', 'reason', 'source', 'start_date', 'upload_id'])
              .expression(source)
              .executeTakeFirst();
            return Number(result.numInsertedOrUpdatedRows ?? 0n);
          },
          async countStaged(uploadId) {
            const row = await staged(uploadId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
            return Number(row?.n ?? 0);
          },
          async clearStaging(uploadId) {
            await trx.deleteFrom('device_list_staging').where('upload_id', '=', uploadId).execute();
          },
          async recordUpload(row) {
            await trx.insertInto('device_list_uploads').values(row).execute();
          },
        });
      });
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
