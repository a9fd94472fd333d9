import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

/** Reads one process-wide setting, such as when the demo data was loaded. */
export async function findMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('kinga_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Writes one process-wide setting. */
export async function saveMeta(db: Kysely<Database>, key: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('kinga_meta')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}
