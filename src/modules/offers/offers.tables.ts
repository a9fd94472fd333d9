// Offers name their operator by its licence id in the operator register.
import '../../platform/operators/operators.tables.ts';

/** What every versioned entry (a plan, a plan's roaming rate in a destination) records of its versions. */
export interface VersionedEntryColumns {
  plan_id: string;
  operator_id: string;
  latest_version: number;
  first_published_at: string;
  /** When the operator last published this entry, changed or not; freshness counts from here. */
  last_confirmed_at: string;
}

/** A plan id, bound for ever to the operator that first published it. */
export interface OfferPlansTable extends VersionedEntryColumns {
  service_type: 'mobile' | 'fixed';
}

/**
 * One version of a versioned entry; `record` is the validated entry as JSON, never changed. The
 * period columns say when the version applies: `effective_to` is set once more, to the start of
 * the version that replaces it, so that versions of an entry never overlap.
 */
export interface EntryVersionColumns {
  id: string;
  plan_id: string;
  version: number;
  operator_id: string;
  import_id: string;
  effective_from: string;
  effective_to: string | null;
  published_at: string;
  content_hash: string;
  record: string;
}

/** One version of an offer. */
export type OfferVersionsTable = EntryVersionColumns;

/** One accepted import of a versioned file (offers, roaming rates): who sent it and what it changed. */
export interface VersionedImportsTable {
  id: string;
  operator_id: string | null;
  source: string;
  format: string;
  row_count: number;
  new_versions: number;
  confirmed: number;
  actor_type: string;
  actor_id: string | null;
  created_at: string;
}

/** One accepted offer import. */
export type OfferImportsTable = VersionedImportsTable;

declare module '../../platform/db/database.ts' {
  interface Database {
    offer_plans: OfferPlansTable;
    offer_versions: OfferVersionsTable;
    offer_imports: OfferImportsTable;
  }
}
