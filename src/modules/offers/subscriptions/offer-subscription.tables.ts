/**
 * A request to be told by e-mail when an offer changes: pending until the address owner confirms
 * it through the link sent to the address, then active until unsubscribed. The address is kept
 * encrypted, with a keyed hash to find a repeated request; tokens are kept only as keyed hashes,
 * except the unsubscribe token, also kept encrypted because every later e-mail carries it.
 */
export interface OfferSubscriptionsTable {
  id: string;
  plan_id: string;
  email_enc: string;
  email_hash: string;
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
