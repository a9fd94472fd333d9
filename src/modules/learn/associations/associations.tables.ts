import type { Selectable } from 'kysely';

/**
 * One consumer or end-user association of the directory. What it says of itself (descriptions,
 * areas, languages, contact, services, recognition, location) is one JSON document, validated by
 * `readAssociationProfile`, so an entry and a proposal to change it hold the same shape.
 */
export interface LearnAssociationsTable {
  id: string;
  name: string;
  /** The profile as JSON (`AssociationProfile` without the name). */
  profile_json: string;
  /** `published` or `unpublished`. */
  state: string;
  created_at: string;
  updated_at: string;
  /** Moved by every change, so that two editors saving at once cannot both win. */
  version: number;
}

/** An account with the `association_rep` role linked to the entry it may propose changes to. */
export interface LearnAssociationRepsTable {
  /** One entry per account. */
  user_id: string;
  association_id: string;
  linked_at: string;
  linked_by: string;
}

/** A change a representative proposed to their entry, waiting for staff or decided. */
export interface LearnAssociationProposalsTable {
  id: string;
  association_id: string;
  proposed_by: string;
  proposed_at: string;
  /** The whole proposed profile (name included) as JSON. */
  profile_json: string;
  /** `pending`, `approved` or `rejected`. */
  state: string;
  decided_by: string | null;
  decided_at: string | null;
}

/** A stored association. */
export type LearnAssociationRow = Selectable<LearnAssociationsTable>;
/** A stored proposal. */
export type LearnAssociationProposalRow = Selectable<LearnAssociationProposalsTable>;

declare module '../../../platform/db/database.ts' {
  interface Database {
    learn_associations: LearnAssociationsTable;
    learn_association_reps: LearnAssociationRepsTable;
    learn_association_proposals: LearnAssociationProposalsTable;
  }
}
