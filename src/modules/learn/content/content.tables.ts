import type { Selectable } from 'kysely';

/** A guide, a course or a lesson: what exists once, whatever languages it is written in. */
export interface LearnItemsTable {
  id: string;
  /** `guide`, `course` or `lesson` (see `CONTENT_KINDS`). */
  kind: string;
  /** Its address, unique per kind. */
  slug: string;
  /** A guide's topic (a `GuideTopic`); null for courses and lessons. */
  topic: string | null;
  /** A lesson's course; null otherwise. */
  parent_id: string | null;
  /** Its place among its siblings (a course's lessons, a topic's guides), from 0. */
  position: number;
  /** The language it is first written in, shown when the reader's is missing. */
  source_language: string;
  created_at: string;
  /** The account id of who created it, or `system`. */
  created_by: string;
}

/** One item in one language and variant: the working copy staff edit, and the copy readers see. */
export interface LearnTextsTable {
  id: string;
  item_id: string;
  language: string;
  /** `standard` or `easy` (easy-read). */
  variant: string;
  title: string;
  summary: string;
  /** Markdown. */
  body: string;
  legal_basis: string;
  /** `YYYY-MM-DD`, or null before anyone reviewed it. */
  last_reviewed: string | null;
  /** `draft`, `in_review`, `published` or `archived` (see `TEXT_STATES`). */
  state: string;
  /** Counts the changes: the number of the newest version row. */
  version: number;
  /** Why a reviewer returned it to draft, until the next change. */
  review_note: string | null;
  /** When and by whom the working copy's words last changed (the four-eyes rule reads `saved_by`). */
  saved_at: string;
  saved_by: string;
  updated_at: string;
  updated_by: string;
  /** The last published copy, null while none is public (never published, or archived). */
  published_title: string | null;
  published_summary: string | null;
  /** Sanitised HTML rendered from the body when published. */
  published_html: string | null;
  published_legal_basis: string | null;
  published_last_reviewed: string | null;
  published_at: string | null;
  published_by: string | null;
}

/** One change of a text, with the whole working copy as it stood after it. */
export interface LearnTextVersionsTable {
  id: string;
  text_id: string;
  version: number;
  /** `created`, `saved`, `submitted`, `returned`, `published`, `archived` or `restored`. */
  change: string;
  /** A reviewer's note when returning, or the version restored. */
  note: string | null;
  actor: string;
  at: string;
  state: string;
  title: string;
  summary: string;
  body: string;
  legal_basis: string;
  last_reviewed: string | null;
}

/** A stored item. */
export type LearnItemRow = Selectable<LearnItemsTable>;
/** A stored text. */
export type LearnTextRow = Selectable<LearnTextsTable>;
/** A stored version of a text. */
export type LearnTextVersionRow = Selectable<LearnTextVersionsTable>;

declare module '../../../platform/db/database.ts' {
  interface Database {
    learn_items: LearnItemsTable;
    learn_texts: LearnTextsTable;
    learn_text_versions: LearnTextVersionsTable;
  }
}
