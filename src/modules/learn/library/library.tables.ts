/** The states of a library document: submitted, taken into review, then published or rejected; a published one may be withdrawn. */
export const LIBRARY_STATES = ['submitted', 'in_review', 'published', 'rejected', 'withdrawn'] as const;

/** One state of a library document. */
export type LibraryState = (typeof LIBRARY_STATES)[number];

/** A document of the good-practice library with its Dublin Core-style metadata. */
export interface LearnLibraryDocumentsTable {
  id: string;
  state: LibraryState;
  title: string;
  issuer: string;
  /** W3C date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as Dublin Core recommends. */
  issued: string;
  /** The document's own language (BCP 47, such as `pt` or `zh-Hans`). */
  language: string;
  doc_type: string;
  topic: string;
  /** ISO 3166-1 alpha-2, or null for an international or regional text. */
  country: string | null;
  licence: string;
  abstract: string;
  link: string | null;
  /** The text of the document when the submitter gave it, for search only. */
  full_text: string | null;
  /** Who submitted it: a member of staff (`staff`) or an invited contributor (`contributor`). */
  source: 'staff' | 'contributor';
  submitted_by: string | null;
  /** The invitation a contributor answered; cleared when the retention job deletes it. */
  invitation_id: string | null;
  submitted_at: string;
  state_changed_at: string;
  published_at: string | null;
  /** Why it was rejected or withdrawn, as the reviewer wrote it. */
  decision_reason: string | null;
  version: number;
}

/** The title and abstract of a document said in another language. */
export interface LearnLibraryTranslationsTable {
  document_id: string;
  language: string;
  title: string;
  abstract: string;
}

/** The PDF of a document, its type checked by signature, sealed as attachments are. */
export interface LearnLibraryFilesTable {
  document_id: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content_enc: string;
  created_at: string;
}

/** An invitation to contribute one document; the link's token is stored as its keyed hash, the person's name and address sealed. */
export interface LearnLibraryInvitationsTable {
  id: string;
  token_hash: string;
  name_enc: string;
  email_enc: string;
  /** The language the invitation was written in, and the contributor's answers will be. */
  language: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  document_id: string | null;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    learn_library_documents: LearnLibraryDocumentsTable;
    learn_library_translations: LearnLibraryTranslationsTable;
    learn_library_files: LearnLibraryFilesTable;
    learn_library_invitations: LearnLibraryInvitationsTable;
  }
}
