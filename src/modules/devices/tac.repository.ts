import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/index.ts';
import type { DeviceTacImportsTable, DeviceTacsTable } from './devices.tables.ts';
import type { TacRecord } from './tac.ts';
import './devices.tables.ts';

/** A stored TAC row; presenters shape it before anyone sees it. */
export type TacRow = Selectable<DeviceTacsTable>;

/** A stored import record. */
export type TacImportRow = Selectable<DeviceTacImportsTable>;

/** Writes inside one import's transaction. */
export interface TacWriter {
  /** The transaction, for the audit record that must commit with the import. */
  readonly trx: Kysely<Database>;
  insertTacs(records: readonly TacRecord[], importId: string): Promise<void>;
  recordImport(row: TacImportRow): Promise<void>;
}

/** All SQL over the TAC database. */
export interface TacRepository {
  findByTac(tac: string): Promise<TacRow | undefined>;
  countTacs(): Promise<number>;
  latestImport(): Promise<TacImportRow | undefined>;
  /**
   * Empties the TAC table and runs `work` in the same transaction: the new file replaces the old
   * one entirely, or (when `work` throws) nothing changes and readers never see a half table.
   */
  replaceAll<T>(work: (writer: TacWriter) => Promise<T>): Promise<T>;
}

// Under SQLite's default limit of 32,766 bound parameters (17 columns a row) and PostgreSQL's 65,535.
const INSERT_CHUNK = 1000;

/** Builds the TAC repository over a Kysely instance. */
export function createTacRepository(db: Kysely<Database>): TacRepository {
  return {
    findByTac(tac) {
      return db.selectFrom('device_tacs').selectAll().where('tac', '=', tac).executeTakeFirst();
    },
    async countTacs() {
      const row = await db.selectFrom('device_tacs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    latestImport() {
      return db.selectFrom('device_tac_imports').selectAll().orderBy('imported_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    },
    replaceAll(work) {
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('device_tacs').execute();
        return work({
          trx,
          async insertTacs(records, importId) {
            for (let i = 0; i < records.length; i += INSERT_CHUNK) {
              const values = records.slice(i, i + INSERT_CHUNK).map((r) => ({
                tac: r.tac,
                manufacturer: r.manufacturer,
                brand: r.brand,
                model: r.model,
                marketing_name: r.marketingName,
                device_type: r.deviceType,
                device_class: r.deviceClass,
                bands: r.bands,
                has_2g: r.radio.has2g,
                has_3g: r.radio.has3g,
                has_4g: r.radio.has4g,
                has_5g: r.radio.has5g,
                allocation_date: r.allocationDate,
                reporting_body: r.reportingBody,
                operating_system: r.operatingSystem,
                import_id: importId,
              }));
              await trx.insertInto('device_tacs').values(values).execute();
            }
          },
          async recordImport(row) {
            await trx.insertInto('device_tac_imports').values(row).execute();
          },
        });
      });
    },
  };
}
