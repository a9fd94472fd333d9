import { queriesOf, type Executor } from '../../../platform/db/index.ts';
import type { ScamChannelImportRow } from './channel-import.tables.ts';
import './channel-import.tables.ts';

/** All SQL of the reports the channels module left to import. */
export interface ChannelImportRepository {
  /** The oldest `limit` reports still to import. */
  oldest(limit: number): Promise<ScamChannelImportRow[]>;
  /** Removes a report once the intake took it or refused it. */
  remove(id: string): Promise<void>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createChannelImportRepository(executor: Executor): ChannelImportRepository {
  const db = queriesOf(executor);
  return {
    async oldest(limit) {
      const rows = await db.selectFrom('scam_channel_imports').selectAll().orderBy('created_at').orderBy('id').limit(limit).execute();
      return rows.map((row) => ({ ...row, created_at: new Date(row.created_at).toISOString() }));
    },
    async remove(id) {
      await db.deleteFrom('scam_channel_imports').where('id', '=', id).execute();
    },
  };
}
