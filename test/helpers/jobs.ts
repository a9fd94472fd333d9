import { JOB_PAYLOAD_CONTEXT } from '../../src/platform/jobs/index.ts';
import type { Platform } from '../../src/platform/platform.ts';

/** The decrypted payloads of the queued jobs of one type, oldest first. */
export async function queuedJobPayloads(platform: Platform, type: string): Promise<unknown[]> {
  const rows = await platform.db.kysely.selectFrom('jobs').select('payload_enc').where('type', '=', type).orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => JSON.parse(platform.keyring.decrypt(row.payload_enc, JOB_PAYLOAD_CONTEXT)) as unknown);
}
