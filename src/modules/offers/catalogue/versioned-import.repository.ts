import type { Insertable, Kysely } from 'kysely';
import { inChunks, type Database } from '../../../platform/db/index.ts';
import type { VersionedImportsTable } from '../offers.tables.ts';
import '../offers.tables.ts';
import '../roaming/roaming.tables.ts';
import { createOperatorRepository, type OperatorRepository } from '../../../platform/operators/index.ts';

/** The tables of one kind of versioned entry: its imports, its entries (one per plan, or per plan and destination) and their versions. */
export type VersionedTables =
  | { imports: 'offer_imports'; entries: 'offer_plans'; versions: 'offer_versions' }
  | { imports: 'roaming_imports'; entries: 'roaming_rates'; versions: 'roaming_rate_versions' };

/**
 * The writes of an accepted import, in its transaction, for one kind of versioned entry: `K` is
 * what names an entry (a plan id, or a plan id and a destination).
 */
export interface VersionWrites<K, E, V> {
  insertImport(row: Insertable<VersionedImportsTable>): Promise<void>;
  insertEntries(rows: readonly E[]): Promise<void>;
  insertVersions(rows: readonly V[]): Promise<void>;
  /** Ends a version on the day the version replacing it takes effect. */
  closeVersion(key: K, version: number, effectiveTo: string): Promise<void>;
  /** Records a new latest version and the publication time of an entry that changed. */
  setLatestVersion(key: K, version: number, at: string): Promise<void>;
  /** Marks entries republished unchanged as confirmed now. */
  confirm(keys: readonly K[], at: string): Promise<void>;
}

/** The writes and the revision every versioned file's tables share, with the operator register's SQL. */
export interface VersionedImportSql<E, V> extends OperatorRepository, Pick<VersionWrites<never, E, V>, 'insertImport' | 'insertEntries' | 'insertVersions'> {
  /** Changes whenever an import is accepted: how many there are and the newest id. */
  importsRevision(): Promise<string>;
}

/**
 * The SQL of `tables` that offers and roaming rates share, over a database or a transaction. New
 * entries and versions are inserted in slices, so that one statement binds far fewer parameters
 * than SQLite and PostgreSQL allow.
 */
export function versionedImportSql<E extends Insertable<Database[VersionedTables['entries']]>, V extends Insertable<Database[VersionedTables['versions']]>>(
  db: Kysely<Database>,
  tables: VersionedTables,
): VersionedImportSql<E, V> {
  return {
    ...createOperatorRepository(db),

    async insertImport(row) {
      await db.insertInto(tables.imports).values(row).execute();
    },

    async insertEntries(rows) {
      for (const part of inChunks(rows, 200)) await db.insertInto(tables.entries).values(part).execute();
    },

    async insertVersions(rows) {
      for (const part of inChunks(rows, 100)) await db.insertInto(tables.versions).values(part).execute();
    },

    async importsRevision() {
      const row = await db
        .selectFrom(tables.imports)
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('last')])
        .executeTakeFirst();
      return `${Number(row?.n ?? 0)}:${row?.last ?? ''}`;
    },
  };
}

/** What `read` finds for the distinct ids among `planIds`, read a slice of `size` ids at a time so that one statement binds few parameters. */
export async function readByPlanIds<T>(planIds: readonly string[], size: number, read: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (const part of inChunks([...new Set(planIds)], size)) found.push(...(await read(part)));
  return found;
}
