import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import './sms-conversations.tables.ts';

/** A stored conversation as read back: its sealed state. */
export interface StoredConversation {
  stateEnc: string;
  expiresAt: string;
}

/** All SQL of the conversations by text. */
export interface SmsConversationRepository {
  /** Runs `work` in one transaction, for the reply, the conversation and the received text's state to commit together. */
  inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** The conversation of a number, unless it expired by `now`. */
  find(numberHash: string, now: string): Promise<StoredConversation | undefined>;
  save(executor: Executor, numberHash: string, stateEnc: string, expiresAt: string, now: string): Promise<void>;
  clear(executor: Executor, numberHash: string): Promise<void>;
}

/** Builds the repository over a Kysely instance. */
export function createSmsConversationRepository(executor: Executor): SmsConversationRepository {
  const db = queriesOf(executor);
  return {
    inTransaction: (work) => withTransaction(db, (trx) => work(transactionOf(trx))),
    async find(numberHash, now) {
      const row = await db
        .selectFrom('channel_sms_conversations')
        .select(['state_enc', 'expires_at'])
        .where('number_hash', '=', numberHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row === undefined ? undefined : { stateEnc: row.state_enc, expiresAt: row.expires_at };
    },
    async save(executor, numberHash, stateEnc, expiresAt, now) {
      await queriesOf(executor)
        .insertInto('channel_sms_conversations')
        .values({ number_hash: numberHash, state_enc: stateEnc, expires_at: expiresAt, updated_at: now })
        .onConflict((oc) => oc.column('number_hash').doUpdateSet({ state_enc: stateEnc, expires_at: expiresAt, updated_at: now }))
        .execute();
    },
    async clear(executor, numberHash) {
      await queriesOf(executor).deleteFrom('channel_sms_conversations').where('number_hash', '=', numberHash).execute();
    },
  };
}
