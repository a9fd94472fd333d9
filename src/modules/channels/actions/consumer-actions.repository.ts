import { queriesOf, type Executor } from '../../../platform/db/index.ts';
import '../channels.tables.ts';

/** All SQL of the consumer actions' own table: each number's language (scam reports go to the scams module). */
export interface ConsumerActionsRepository {
  languageOf(numberHash: string): Promise<string | undefined>;
  setLanguage(numberHash: string, language: string, at: string): Promise<void>;
  /** Deletes the preferences not set again since `before`; returns how many. */
  deleteLanguagesBefore(before: string): Promise<number>;
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
    async deleteLanguagesBefore(before) {
      const result = await db.deleteFrom('channel_language_preferences').where('updated_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
