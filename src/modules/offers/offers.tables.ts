// Offers name their operator by its licence id in the operator register.
import '../../platform/operators/operators.tables.ts';

/** A plan id, bound for ever to the operator that first published it. */
export interface OfferPlansTable {
  plan_id: string;
  operator_id: string;
  service_type: 'mobile' | 'fixed';
  latest_version: number;
  first_published_at: string;
  /** When the operator last published this plan, changed or not; freshness counts from here. */
  last_confirmed_at: string;
}

/**
 * One version of an offer; `record` is the validated offer as JSON, never changed. The period
 * columns say when the version applies: `effective_to` is set once more, to the start of the
 * version that replaces it, so that versions of a plan never overlap.
 */
export interface OfferVersionsTable {
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

/** One accepted import: who sent it and what it changed. */
export interface OfferImportsTable {
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

declare module '../../platform/db/database.ts' {
  interface Database {
    offer_plans: OfferPlansTable;
    offer_versions: OfferVersionsTable;
    offer_imports: OfferImportsTable;
  }
}
