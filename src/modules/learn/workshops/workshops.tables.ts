import type { SqlBool } from 'kysely';

/** A workshop or seminar. */
export interface LearnWorkshopEventsTable {
  id: string;
  /** `draft`, `published` or `cancelled`. */
  state: string;
  /** The calendar revision: one more at every change once published. */
  sequence: number;
  /** The language the event is held in (one of the six). */
  held_language: string;
  /** The language its texts were first written in, shown where the reader's is missing. */
  source_language: string;
  topic: string;
  audience: string;
  /** `venue` or `online`. */
  place_kind: string;
  /** The region code of a venue (the settings' regions); null online. */
  region: string | null;
  address: string | null;
  online_link: string | null;
  starts_at: string;
  ends_at: string;
  capacity: number;
  /** The arrangements offered, their keys joined by commas in the settings' order. */
  arrangements: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  cancelled_at: string | null;
  /** When the attendees were asked for feedback. */
  feedback_sent_at: string | null;
}

/** An event's title and description in one language. */
export interface LearnWorkshopTextsTable {
  event_id: string;
  language: string;
  title: string;
  /** Markdown (or plain text, which is Markdown too). */
  description: string;
}

/** A person's registration: personal values sealed, the contact found by its keyed hash. */
export interface LearnWorkshopRegistrationsTable {
  id: string;
  event_id: string;
  /** `confirmed`, `waiting` or `cancelled`. */
  status: string;
  /** Place in the order of arrival, for the waiting list. */
  registered_at: string;
  name_enc: string | null;
  /** `email` or `phone`. */
  contact_kind: string;
  contact_enc: string | null;
  /** Keyed hash of the contact (purpose `learn_workshop_registrations.contact`), to refuse a second registration; empty once erased. */
  contact_hash: string;
  needs_enc: string | null;
  /** The language the person registered in: what they are written to in. */
  language: string;
  /** Keyed hash of the private link's token; the token itself is only in the message. */
  token_hash: string;
  attended: SqlBool;
  feedback_given: SqlBool;
  cancelled_at: string | null;
  erased_at: string | null;
}

/** One attendee's feedback, kept without a link to who gave it. */
export interface LearnWorkshopFeedbackTable {
  id: string;
  event_id: string;
  rating: number;
  comment: string | null;
  /** The day only, so that the order of answers does not name who gave them. */
  given_on: string;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    learn_workshop_events: LearnWorkshopEventsTable;
    learn_workshop_texts: LearnWorkshopTextsTable;
    learn_workshop_registrations: LearnWorkshopRegistrationsTable;
    learn_workshop_feedback: LearnWorkshopFeedbackTable;
  }
}
