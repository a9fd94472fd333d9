import { sql, type Selectable } from 'kysely';
import { queriesOf, type Executor } from '../db/index.ts';
import type { SendCountersTable } from '../db/platform.tables.ts';

/** A counter as it stands after one more send was counted. */
export type SendCounterRow = Selectable<SendCountersTable>;

/** Every SQL statement of the send limits. */
export interface SendLimitsRepository {
  /**
   * Counts one more send under `keyHash` in the window that started after `windowStart` (an older
   * window starts again at one, at `now`) and answers the counter as it now stands.
   */
  countSend(keyHash: string, now: string, windowStart: string): Promise<SendCounterRow>;
}

/** Creates the repository over a database or a transaction. */
export function createSendLimitsRepository(executor: Executor): SendLimitsRepository {
  const db = queriesOf(executor);
  return {
    async countSend(keyHash, now, windowStart) {
      // One statement, so two requests arriving together both count on either database.
      const isOld = sql<boolean>`send_counters.window_started_at <= ${windowStart}`;
      return db
        .insertInto('send_counters')
        .values({ key_hash: keyHash, sends: 1, window_started_at: now })
        .onConflict((oc) =>
          oc.column('key_hash').doUpdateSet({
            sends: sql<number>`case when ${isOld} then 1 else send_counters.sends + 1 end`,
            window_started_at: sql<string>`case when ${isOld} then ${now} else send_counters.window_started_at end`,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },
  };
}
