import type { EntryVersionColumns, VersionedEntryColumns, VersionedImportsTable } from '../offers.tables.ts';

/** The roaming rates of one plan in one destination, bound to the plan's operator. */
export interface RoamingRatesTable extends VersionedEntryColumns {
  destination: string;
}

/** One version of a roaming rate (one plan in one destination). */
export interface RoamingRateVersionsTable extends EntryVersionColumns {
  destination: string;
}

/** One accepted roaming import. */
export type RoamingImportsTable = VersionedImportsTable;

declare module '../../../platform/db/database.ts' {
  interface Database {
    roaming_rates: RoamingRatesTable;
    roaming_rate_versions: RoamingRateVersionsTable;
    roaming_imports: RoamingImportsTable;
  }
}
