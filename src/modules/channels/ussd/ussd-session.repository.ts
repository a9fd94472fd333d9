import { queriesOf, type Executor } from '../../../platform/db/index.ts';
import type { ChannelUssdSessionsTable, UssdSessionRow } from '../channels.tables.ts';
import type { Insertable } from 'kysely';
import '../channels.tables.ts';

/** All SQL of USSD sessions. */
export interface UssdSessionRepository {
  findBySessionHash(sessionHash: string): Promise<UssdSessionRow | undefined>;
  /** Inserts a session; false when a retry of the same callback inserted it first. */
  insertSession(row: Insertable<ChannelUssdSessionsTable>): Promise<boolean>;
  updateSession(id: string, changes: Pick<UssdSessionRow, 'state_enc' | 'consumed' | 'is_ended' | 'updated_at'>): Promise<void>;
  /** The number's latest session not ended, touched at or after `since`. */
  findUnfinished(numberHash: string, since: string): Promise<UssdSessionRow | undefined>;
  endSession(id: string, at: string): Promise<void>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createUssdSessionRepository(executor: Executor): UssdSessionRepository {
  const db = queriesOf(executor);
  return {
    findBySessionHash(sessionHash) {
      return db.selectFrom('channel_ussd_sessions').selectAll().where('session_hash', '=', sessionHash).executeTakeFirst();
    },
    async insertSession(row) {
      const result = await db
        .insertInto('channel_ussd_sessions')
        .values(row)
        .onConflict((oc) => oc.column('session_hash').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async updateSession(id, changes) {
      await db.updateTable('channel_ussd_sessions').set(changes).where('id', '=', id).execute();
    },
    findUnfinished(numberHash, since) {
      return db
        .selectFrom('channel_ussd_sessions')
        .selectAll()
        .where('number_hash', '=', numberHash)
        .where('is_ended', '=', false)
        .where('updated_at', '>=', since)
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
    async endSession(id, at) {
      await db.updateTable('channel_ussd_sessions').set({ is_ended: true, updated_at: at }).where('id', '=', id).execute();
    },
  };
}
