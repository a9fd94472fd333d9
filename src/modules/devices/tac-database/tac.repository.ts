import { sql, type Kysely, type Selectable } from 'kysely';
import { createBulkInsert, dialectOf, withTransaction, type BulkValue, type Database, queriesOf, type Executor } from '../../../platform/db/index.ts';
import type { DeviceTacImportsTable, DeviceTacsTable } from '../devices.tables.ts';
import type { TacRecord } from './tac.ts';
import '../devices.tables.ts';

/** A stored TAC row; presenters shape it before anyone sees it. */
export type TacRow = Selectable<DeviceTacsTable>;

/** A stored import record. */
export type TacImportRow = Selectable<DeviceTacImportsTable>;

/** The TAC import being staged or replacing the table. */
export interface TacStaging {
  importId: string;
  startedAt: string;
  touchedAt: string;
  isAccepted: boolean;
}

/** What an accepted import will record once the table is replaced. */
export interface AcceptedTacImport {
  fileName: string;
  sha256: string;
  rowCount: number;
}

/** All SQL over the TAC database. */
export interface TacRepository {
  findByTac(tac: string): Promise<TacRow | undefined>;
  countTacs(): Promise<number>;
  latestImport(): Promise<TacImportRow | undefined>;
  /** Opens the staging of an import; false when another import holds it (one at a time). */
  startStaging(importId: string, now: string): Promise<boolean>;
  /** The import being staged or replacing the table, if any. */
  currentStaging(): Promise<TacStaging | undefined>;
  /** Stages a batch of TACs in a transaction of its own, TACs distinct. */
  stageTacs(importId: string, records: readonly TacRecord[], now: string): Promise<void>;
  /**
   * Accepts a staged import, with what `work` writes in the same transaction (the audit record):
   * from then on it replaces the table, whatever happens.
   */
  acceptStaging(importId: string, accepted: AcceptedTacImport, now: string, work: (trx: Kysely<Database>) => Promise<void>): Promise<void>;
  /**
   * Replaces the table over the next `limit` staged TACs of an accepted import in one transaction:
   * those staged are written over (or added), those of the range the file no longer has are
   * deleted, and how far it went is recorded, so that a replacement stopped anywhere resumes where
   * it stopped. Past the last staged TAC, deletes up to `limit` TACs the file no longer has.
   * Returns how many rows it wrote or deleted (0 when the table is the file's).
   */
  publishChunk(importId: string, limit: number, now: string): Promise<number>;
  /** Records the import and ends its staging, in one transaction. */
  finishImport(importId: string, importedAt: string): Promise<void>;
  /** Deletes at most `limit` staged TACs of an import that will not be published, in one transaction, and its staging once none is left; returns how many went. */
  discardChunk(importId: string, limit: number): Promise<number>;
  /** Whether an accepted import is replacing the table: it is a mix of the old and the new file until it ends. */
  isPublishing(): Promise<boolean>;
}

const TAC_COLUMNS = [
  'tac',
  'manufacturer',
  'brand',
  'model',
  'marketing_name',
  'device_type',
  'device_class',
  'bands',
  'has_2g',
  'has_3g',
  'has_4g',
  'has_5g',
  'allocation_date',
  'reporting_body',
  'operating_system',
  'import_id',
] as const;

// Always the same value: the unique column lets one TAC import stage at a time.
const SLOT = 'tac';

function stagingOf(row: { import_id: string; started_at: string; touched_at: string; accepted_at: string | null }): TacStaging {
  return { importId: row.import_id, startedAt: row.started_at, touchedAt: row.touched_at, isAccepted: row.accepted_at !== null };
}

/** Builds the TAC repository over a Kysely instance. */
export function createTacRepository(executor: Executor): TacRepository {
  const db = queriesOf(executor);
  const staged = createBulkInsert(dialectOf(db), 'device_tac_staging', TAC_COLUMNS, (r: TacRecord & { importId: string }): BulkValue[] => [
    r.tac,
    r.manufacturer,
    r.brand,
    r.model,
    r.marketingName,
    r.deviceType,
    r.deviceClass,
    r.bands,
    r.radio.has2g,
    r.radio.has3g,
    r.radio.has4g,
    r.radio.has5g,
    r.allocationDate,
    r.reportingBody,
    r.operatingSystem,
    r.importId,
  ]);
  const columns = sql.join(TAC_COLUMNS.map((c) => sql.ref(c)));
  const current = () =>
    db.selectFrom('device_tac_stagings').select(['import_id', 'started_at', 'touched_at', 'accepted_at']).where('slot', '=', SLOT).executeTakeFirst();
  return {
    findByTac(tac) {
      return db.selectFrom('device_tacs').selectAll().where('tac', '=', tac).executeTakeFirst();
    },
    async countTacs() {
      const row = await db
        .selectFrom('device_tacs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    latestImport() {
      return db.selectFrom('device_tac_imports').selectAll().orderBy('imported_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    },
    async startStaging(importId, now) {
      const result = await db
        .insertInto('device_tac_stagings')
        .values({
          import_id: importId,
          slot: SLOT,
          started_at: now,
          touched_at: now,
          accepted_at: null,
          file_name: null,
          sha256: null,
          row_count: null,
          published_tac: null,
        })
        .onConflict((oc) => oc.column('slot').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async currentStaging() {
      const row = await current();
      return row === undefined ? undefined : stagingOf(row);
    },
    stageTacs(importId, records, now) {
      return withTransaction(db, async (trx) => {
        await staged.insert(
          trx,
          records.map((r) => ({ ...r, importId })),
        );
        await trx.updateTable('device_tac_stagings').set({ touched_at: now }).where('import_id', '=', importId).execute();
      });
    },
    acceptStaging(importId, accepted, now, work) {
      return withTransaction(db, async (trx) => {
        await trx
          .updateTable('device_tac_stagings')
          .set({ accepted_at: now, touched_at: now, file_name: accepted.fileName, sha256: accepted.sha256, row_count: accepted.rowCount })
          .where('import_id', '=', importId)
          .execute();
        await work(trx);
      });
    },
    publishChunk(importId, limit, now) {
      return withTransaction(db, async (trx) => {
        const staging = await trx
          .selectFrom('device_tac_stagings')
          .select(['accepted_at', 'published_tac'])
          .where('import_id', '=', importId)
          .executeTakeFirst();
        if (staging === undefined || staging.accepted_at === null) return 0;
        // TACs are 8 digits: every one sorts after the empty string.
        const after = staging.published_tac ?? '';
        const range = await trx
          .selectFrom('device_tac_staging')
          .select('tac')
          .where('import_id', '=', importId)
          .where('tac', '>', after)
          .orderBy('tac')
          .limit(limit)
          .execute();
        const last = range[range.length - 1]?.tac;
        if (last === undefined) {
          // Past the last TAC of the file: what the old table has beyond it goes, a chunk at a time.
          const beyond = trx.selectFrom('device_tacs').select('tac').where('tac', '>', after).where('import_id', '<>', importId).orderBy('tac').limit(limit);
          return Number((await trx.deleteFrom('device_tacs').where('tac', 'in', beyond).executeTakeFirst()).numDeletedRows);
        }
        await sql`insert into device_tacs (${columns}) select ${columns} from device_tac_staging s where s.import_id = ${importId} and s.tac > ${after} and s.tac <= ${last}
          on conflict (tac) do update set manufacturer = excluded.manufacturer, brand = excluded.brand, model = excluded.model, marketing_name = excluded.marketing_name,
            device_type = excluded.device_type, device_class = excluded.device_class, bands = excluded.bands, has_2g = excluded.has_2g, has_3g = excluded.has_3g,
            has_4g = excluded.has_4g, has_5g = excluded.has_5g, allocation_date = excluded.allocation_date, reporting_body = excluded.reporting_body,
            operating_system = excluded.operating_system, import_id = excluded.import_id`.execute(trx);
        // The old table's TACs of this range that the file does not have.
        await trx.deleteFrom('device_tacs').where('tac', '>', after).where('tac', '<=', last).where('import_id', '<>', importId).execute();
        await trx.deleteFrom('device_tac_staging').where('import_id', '=', importId).where('tac', '>', after).where('tac', '<=', last).execute();
        await trx.updateTable('device_tac_stagings').set({ published_tac: last, touched_at: now }).where('import_id', '=', importId).execute();
        return range.length;
      });
    },
    finishImport(importId, importedAt) {
      return withTransaction(db, async (trx) => {
        const staging = await trx
          .selectFrom('device_tac_stagings')
          .select(['file_name', 'sha256', 'row_count'])
          .where('import_id', '=', importId)
          .executeTakeFirst();
        if (staging === undefined) return;
        await trx
          .insertInto('device_tac_imports')
          .values({
            id: importId,
            file_name: staging.file_name ?? '',
            sha256: staging.sha256 ?? '',
            row_count: staging.row_count ?? 0,
            imported_at: importedAt,
          })
          .execute();
        await trx.deleteFrom('device_tac_staging').where('import_id', '=', importId).execute();
        await trx.deleteFrom('device_tac_stagings').where('import_id', '=', importId).execute();
      });
    },
    discardChunk(importId, limit) {
      return withTransaction(db, async (trx) => {
        const staging = await trx.selectFrom('device_tac_stagings').select('accepted_at').where('import_id', '=', importId).executeTakeFirst();
        // An accepted import replaces the table whatever happens: only its publishing ends it.
        if (staging?.accepted_at !== null && staging !== undefined) return 0;
        const batch = trx.selectFrom('device_tac_staging').select('tac').where('import_id', '=', importId).orderBy('tac').limit(limit);
        const deleted = Number(
          (await trx.deleteFrom('device_tac_staging').where('import_id', '=', importId).where('tac', 'in', batch).executeTakeFirst()).numDeletedRows,
        );
        if (deleted === 0) await trx.deleteFrom('device_tac_stagings').where('import_id', '=', importId).execute();
        return deleted;
      });
    },
    async isPublishing() {
      return (await db.selectFrom('device_tac_stagings').select('import_id').where('accepted_at', 'is not', null).limit(1).executeTakeFirst()) !== undefined;
    },
  };
}
