/** The roaming rates of one plan in one destination, bound to the plan's operator. */
export interface RoamingRatesTable {
  plan_id: string;
  destination: string;
  operator_id: string;
  latest_version: number;
  first_published_at: string;
  /** When the operator last published this rate, changed or not. */
  last_confirmed_at: string;
}

/**
 * One version of a roaming rate; `record` is the validated rate as JSON, never changed. The period
 * columns say when it applies: `effective_to` is set once more, to the start of the version that
 * replaces it, so that versions of a rate never overlap.
 */
export interface RoamingRateVersionsTable {
  id: string;
  plan_id: string;
  destination: string;
  version: number;
  operator_id: string;
  import_id: string;
  effective_from: string;
  effective_to: string | null;
  published_at: string;
  content_hash: string;
  record: string;
}

/** One accepted roaming import: who sent it and what it changed. */
export interface RoamingImportsTable {
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

declare module '../../../platform/db/database.ts' {
  interface Database {
    roaming_rates: RoamingRatesTable;
    roaming_rate_versions: RoamingRateVersionsTable;
    roaming_imports: RoamingImportsTable;
  }
}
