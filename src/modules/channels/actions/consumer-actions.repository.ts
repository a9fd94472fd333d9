import { queriesOf, type Executor } from '../../../platform/db/index.ts';
import '../channels.tables.ts';

/** All SQL of the consumer actions' own table: each number's language (scam reports go to the scams module). */
export interface ConsumerActionsRepository {
  languageOf(numberHash: string): Promise<string | undefined>;
  setLanguage(numberHash: string, language: string, at: string): Promise<void>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createConsumerActionsRepository(executor: Executor): ConsumerActionsRepository {
  const db = queriesOf(executor);
  return {
    async languageOf(numberHash) {
      const row = await db.selectFrom('channel_language_preferences').select('language').where('number_hash', '=', numberHash).executeTakeFirst();
      return row?.language;
    },
    async setLanguage(numberHash, language, at) {
      await db
        .insertInto('channel_language_preferences')
        .values({ number_hash: numberHash, language, updated_at: at })
        .onConflict((oc) => oc.column('number_hash').doUpdateSet({ language, updated_at: at }))
        .execute();
    },
  };
}
