/** A conversation by text that waits for the next text of a number: the action, its draft and what it holds, sealed. */
export interface ChannelSmsConversationsTable {
  /** Keyed hash of the E.164 number. */
  number_hash: string;
  /** JSON of the action, its draft, the language and a forwarded text, sealed. */
  state_enc: string;
  expires_at: string;
  updated_at: string;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    channel_sms_conversations: ChannelSmsConversationsTable;
  }
}
