import { SMS_NUMBER_CONTEXT, SMS_TEXT_CONTEXT } from '../../src/platform/sms/index.ts';
import type { Platform } from '../../src/platform/platform.ts';

/** A queued or sent text, opened. */
export interface OpenedSms {
  id: string;
  to: string;
  text: string;
  purpose: string;
  state: string;
}

/** The texts in the SMS outbox, oldest first, opened with the platform's keyring; only those to `to` when given. */
export async function outboxTexts(platform: Platform, to?: string): Promise<OpenedSms[]> {
  let query = platform.db.kysely.selectFrom('sms_messages').select(['id', 'to_enc', 'text_enc', 'purpose', 'state', 'to_hash']);
  if (to !== undefined) query = query.where('to_hash', '=', platform.sms.hashNumber(to));
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    to: platform.keyring.decrypt(row.to_enc, SMS_NUMBER_CONTEXT),
    text: platform.keyring.decrypt(row.text_enc, SMS_TEXT_CONTEXT),
    purpose: row.purpose,
    state: row.state,
  }));
}
