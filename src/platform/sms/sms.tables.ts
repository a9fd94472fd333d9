/** Rows of the SMS tables; instants are ISO 8601 strings in UTC, numbers and texts sealed by the keyring. */

/** Where an outbound text is: waiting for its link, handed to the SMS centre, or finished. */
export type SmsMessageState = 'queued' | 'submitted' | 'delivered' | 'failed';

/** One text Kinga sends: queued in the caller's transaction, sent once its route's link is bound. */
export interface SmsMessagesTable {
  id: string;
  /** What the text is for (`complaints.follow-code`, `channels.reply`): logs and rates group by it. */
  purpose: string;
  /** Keyed hash of the E.164 number, for a person's messages and per-number limits. */
  to_hash: string;
  to_enc: string;
  text_enc: string;
  encoding: 'gsm7' | 'ucs2';
  part_count: number;
  /** The route it was (or will be) sent on; null until the sender chooses one. */
  route: string | null;
  state: SmsMessageState;
  attempts: number;
  next_attempt_at: string;
  /** A sender process holds the message until then; another may take it after. */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  submitted_at: string | null;
  finished_at: string | null;
}

/** One part of a sent text as the SMS centre numbered it, so that its receipt finds it. */
export interface SmsPartsTable {
  message_id: string;
  part_number: number;
  route: string;
  /** The SMS centre's id in the form receipts are matched by (`sentMessageKey`). */
  smsc_key: string;
  state: 'submitted' | 'delivered' | 'failed';
  submitted_at: string;
  receipt_at: string | null;
}

/** One text received from a phone, stored before the SMS centre is told it arrived. */
export interface SmsInboundTable {
  id: string;
  route: string;
  from_hash: string;
  from_enc: string;
  /** The short code or number it was sent to. */
  to_address: string;
  text_enc: string;
  state: 'new' | 'handled' | 'failed';
  attempts: number;
  received_at: string;
  handled_at: string | null;
  /** A process handles the text until then; another may take it after (migration 03). */
  locked_until: string | null;
}

/** A number that texted STOP: it gets no optional text (alerts) again until it texts START. */
export interface SmsOptOutsTable {
  number_hash: string;
  opted_out_at: string;
}

/** A number ported to another operator, under its keyed hash: its texts leave by that operator's route. */
export interface SmsPortedNumbersTable {
  number_hash: string;
  route: string;
  updated_at: string;
}

declare module '../db/database.ts' {
  interface Database {
    sms_messages: SmsMessagesTable;
    sms_parts: SmsPartsTable;
    sms_inbound: SmsInboundTable;
    sms_ported_numbers: SmsPortedNumbersTable;
    sms_opt_outs: SmsOptOutsTable;
  }
}
