import type { ColumnType } from 'kysely';

/**
 * A request to be told by e-mail or by text message when an offer changes: pending until the
 * address owner confirms it through the link sent to the address (or the number's owner types the
 * code texted to it), then active until unsubscribed. The address or number is kept encrypted,
 * with a keyed hash to find a repeated request; tokens are kept only as keyed hashes, except the
 * unsubscribe token, also kept encrypted because every later message carries it.
 */
export interface OfferSubscriptionsTable {
  id: string;
  plan_id: string;
  /** The address; for a subscription by text, the sealed empty text. */
  email_enc: string;
  /** The keyed hash of the address, or of the number (purpose `offer_subscriptions.phone`) for a subscription by text. */
  email_hash: string;
  channel: ColumnType<'email' | 'sms', 'email' | 'sms' | undefined, 'email' | 'sms'>;
  /** The number of a subscription by text, under the SMS outbox's keyed hash, so a STOP from it finds it. */
  phone_hash: ColumnType<string | null, string | null | undefined, string | null>;
  phone_enc: ColumnType<string | null, string | null | undefined, string | null>;
  /** The code texted to confirm, as a keyed hash, until it is confirmed. */
  code_hash: ColumnType<string | null, string | null | undefined, string | null>;
  code_expires_at: ColumnType<string | null, string | null | undefined, string | null>;
  code_attempts: ColumnType<number, number | undefined, number>;
  /** The newest version of the plan texted to this subscriber. */
  texted_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** The language the person subscribed in; every e-mail is written in it. */
  language: string;
  status: 'pending' | 'active';
  confirm_token_hash: string | null;
  unsubscribe_token_hash: string;
  unsubscribe_token_enc: string;
  created_at: string;
  /** When a pending subscription lapses; null once confirmed. */
  expires_at: string | null;
  confirmed_at: string | null;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    offer_subscriptions: OfferSubscriptionsTable;
  }
}
