import type { Selectable, SqlBool } from 'kysely';

/** One USSD session of a gateway: its state encrypted, found by the keyed hash of the gateway and its session id. */
export interface ChannelUssdSessionsTable {
  id: string;
  /** Keyed hash of the gateway's name and its session id. */
  session_hash: string;
  /** Keyed hash of the caller's number, to resume a report when the same number dials again. */
  number_hash: string;
  gateway: string;
  /** The engine's state as encrypted JSON: it holds what the caller typed. */
  state_enc: string;
  /** The caller's inputs read so far: a gateway that repeats all of them (Africa's Talking) is read past them. */
  consumed: number;
  is_ended: SqlBool;
  created_at: string;
  updated_at: string;
}

/** A number's chosen language, by the keyed hash of the number. */
export interface ChannelLanguagePreferencesTable {
  number_hash: string;
  language: string;
  updated_at: string;
}

/** A stored USSD session. */
export type UssdSessionRow = Selectable<ChannelUssdSessionsTable>;

declare module '../../platform/db/database.ts' {
  interface Database {
    channel_ussd_sessions: ChannelUssdSessionsTable;
    channel_language_preferences: ChannelLanguagePreferencesTable;
  }
}
