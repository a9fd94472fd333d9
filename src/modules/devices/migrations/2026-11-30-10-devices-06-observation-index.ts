import type { Kysely } from 'kysely';

/**
 * Drops the index of observations on the IMEI alone: the (IMEI, last seen) index answers every
 * look-up by IMEI too, and each index costs every row a dump import adds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('device_observations_imei_idx').ifExists().execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
