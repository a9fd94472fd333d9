import type { Kysely } from 'kysely';
import { withTransaction, type Database } from '../../../platform/db/index.ts';
import '../../../platform/sms/index.ts';
import '../channels.tables.ts';
import '../sms/sms-conversations.tables.ts';

/** A USSD session as an access archive gives it back, still sealed. */
export interface SealedUssdSession {
  id: string;
  gateway: string;
  state_enc: string;
  is_ended: boolean;
  created_at: string;
  updated_at: string;
}

/** A text sent to a number, still sealed. */
export interface SealedOutboundText {
  id: string;
  purpose: string;
  to_enc: string;
  text_enc: string;
  state: string;
  created_at: string;
  finished_at: string | null;
}

/** A text received from a number, still sealed. */
export interface SealedInboundText {
  id: string;
  from_enc: string;
  to_address: string;
  text_enc: string;
  state: string;
  received_at: string;
}

/** A row keyed by a number's hash, with its time. */
export interface KeyedRow {
  number_hash: string;
  at: string;
}

/** All SQL of the channels' kinds of record: USSD sessions, language choices, conversations by text, and the SMS outbox, inbox and opt-outs. */
export interface ChannelsPrivacyRepository {
  /** USSD sessions untouched since `cutoff`. */
  dueUssdSessions(cutoff: string, afterId: string | null, limit: number): Promise<string[]>;
  deleteUssdSessions(ids: readonly string[]): Promise<void>;
  /** Language choices not made again since `cutoff`, by number hash. */
  dueLanguagePreferences(cutoff: string, afterHash: string | null, limit: number): Promise<string[]>;
  deleteLanguagePreferences(hashes: readonly string[]): Promise<void>;
  /** Conversations by text untouched since `cutoff`, by number hash. */
  dueConversations(cutoff: string, afterHash: string | null, limit: number): Promise<string[]>;
  deleteConversations(hashes: readonly string[]): Promise<void>;
  /** Texts sent, queued before `cutoff` and finished (delivered or failed): one still waiting is kept until it is. */
  dueOutbound(cutoff: string, afterId: string | null, limit: number): Promise<string[]>;
  /** Deletes these texts sent, with their parts. */
  deleteOutbound(ids: readonly string[]): Promise<void>;
  /** Texts received before `cutoff` and handled or failed. */
  dueInbound(cutoff: string, afterId: string | null, limit: number): Promise<string[]>;
  deleteInbound(ids: readonly string[]): Promise<void>;
  /** Opt-outs made before `cutoff`, by number hash. */
  dueOptOuts(cutoff: string, afterHash: string | null, limit: number): Promise<string[]>;
  deleteOptOuts(hashes: readonly string[]): Promise<void>;
  /** The USSD sessions of a number's hashes, oldest first. */
  ussdSessionsOf(hashes: readonly string[]): Promise<SealedUssdSession[]>;
  /** The language choices of a number's hashes, with the language. */
  languagePreferencesOf(hashes: readonly string[]): Promise<(KeyedRow & { language: string })[]>;
  /** The conversations by text of a number's hashes, still sealed. */
  conversationsOf(hashes: readonly string[]): Promise<(KeyedRow & { state_enc: string; expires_at: string })[]>;
  /** The texts sent to a number's hashes, oldest first. */
  outboundTo(hashes: readonly string[]): Promise<SealedOutboundText[]>;
  /** The texts received from a number's hashes, oldest first. */
  inboundFrom(hashes: readonly string[]): Promise<SealedInboundText[]>;
  /** The opt-outs of a number's hashes. */
  optOutsOf(hashes: readonly string[]): Promise<KeyedRow[]>;
}

const after = (key: string | null) => key ?? '';

/** Builds the repository over the database. */
export function createChannelsPrivacyRepository(db: Kysely<Database>): ChannelsPrivacyRepository {
  const none = (keys: readonly string[]) => keys.length === 0;
  return {
    async dueUssdSessions(cutoff, afterId, limit) {
      const rows = await db
        .selectFrom('channel_ussd_sessions')
        .select('id')
        .where('updated_at', '<', cutoff)
        .where('id', '>', after(afterId))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async deleteUssdSessions(ids) {
      if (!none(ids)) await db.deleteFrom('channel_ussd_sessions').where('id', 'in', ids).execute();
    },
    async dueLanguagePreferences(cutoff, afterHash, limit) {
      const rows = await db
        .selectFrom('channel_language_preferences')
        .select('number_hash')
        .where('updated_at', '<', cutoff)
        .where('number_hash', '>', after(afterHash))
        .orderBy('number_hash')
        .limit(limit)
        .execute();
      return rows.map((r) => r.number_hash);
    },
    async deleteLanguagePreferences(hashes) {
      if (!none(hashes)) await db.deleteFrom('channel_language_preferences').where('number_hash', 'in', hashes).execute();
    },
    async dueConversations(cutoff, afterHash, limit) {
      const rows = await db
        .selectFrom('channel_sms_conversations')
        .select('number_hash')
        .where('updated_at', '<', cutoff)
        .where('number_hash', '>', after(afterHash))
        .orderBy('number_hash')
        .limit(limit)
        .execute();
      return rows.map((r) => r.number_hash);
    },
    async deleteConversations(hashes) {
      if (!none(hashes)) await db.deleteFrom('channel_sms_conversations').where('number_hash', 'in', hashes).execute();
    },
    async dueOutbound(cutoff, afterId, limit) {
      const rows = await db
        .selectFrom('sms_messages')
        .select('id')
        .where('created_at', '<', cutoff)
        .where('state', 'in', ['delivered', 'failed'])
        .where('id', '>', after(afterId))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async deleteOutbound(ids) {
      if (none(ids)) return;
      await withTransaction(db, async (tx) => {
        // Parts first: SQLite enforces the cascade only where foreign keys are switched on.
        await tx.deleteFrom('sms_parts').where('message_id', 'in', ids).execute();
        await tx.deleteFrom('sms_messages').where('id', 'in', ids).execute();
      });
    },
    async dueInbound(cutoff, afterId, limit) {
      const rows = await db
        .selectFrom('sms_inbound')
        .select('id')
        .where('received_at', '<', cutoff)
        .where('state', '!=', 'new')
        .where('id', '>', after(afterId))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async deleteInbound(ids) {
      if (!none(ids)) await db.deleteFrom('sms_inbound').where('id', 'in', ids).execute();
    },
    async dueOptOuts(cutoff, afterHash, limit) {
      const rows = await db
        .selectFrom('sms_opt_outs')
        .select('number_hash')
        .where('opted_out_at', '<', cutoff)
        .where('number_hash', '>', after(afterHash))
        .orderBy('number_hash')
        .limit(limit)
        .execute();
      return rows.map((r) => r.number_hash);
    },
    async deleteOptOuts(hashes) {
      if (!none(hashes)) await db.deleteFrom('sms_opt_outs').where('number_hash', 'in', hashes).execute();
    },
    async ussdSessionsOf(hashes) {
      if (none(hashes)) return [];
      const rows = await db
        .selectFrom('channel_ussd_sessions')
        .select(['id', 'gateway', 'state_enc', 'is_ended', 'created_at', 'updated_at'])
        .where('number_hash', 'in', hashes)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ ...r, is_ended: Boolean(r.is_ended) }));
    },
    async languagePreferencesOf(hashes) {
      if (none(hashes)) return [];
      return db
        .selectFrom('channel_language_preferences')
        .select(['number_hash', 'updated_at as at', 'language'])
        .where('number_hash', 'in', hashes)
        .orderBy('number_hash')
        .execute();
    },
    async conversationsOf(hashes) {
      if (none(hashes)) return [];
      return db
        .selectFrom('channel_sms_conversations')
        .select(['number_hash', 'updated_at as at', 'state_enc', 'expires_at'])
        .where('number_hash', 'in', hashes)
        .orderBy('number_hash')
        .execute();
    },
    async outboundTo(hashes) {
      if (none(hashes)) return [];
      return db
        .selectFrom('sms_messages')
        .select(['id', 'purpose', 'to_enc', 'text_enc', 'state', 'created_at', 'finished_at'])
        .where('to_hash', 'in', hashes)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
    async inboundFrom(hashes) {
      if (none(hashes)) return [];
      return db
        .selectFrom('sms_inbound')
        .select(['id', 'from_enc', 'to_address', 'text_enc', 'state', 'received_at'])
        .where('from_hash', 'in', hashes)
        .orderBy('received_at')
        .orderBy('id')
        .execute();
    },
    async optOutsOf(hashes) {
      if (none(hashes)) return [];
      return db.selectFrom('sms_opt_outs').select(['number_hash', 'opted_out_at as at']).where('number_hash', 'in', hashes).orderBy('number_hash').execute();
    },
  };
}
