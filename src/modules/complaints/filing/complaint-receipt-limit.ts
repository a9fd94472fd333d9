/**
 * The limit on the receipts a filing e-mails to the address typed in it (through the API or the
 * web form): counted in the send limits shared by every sender of mail to a typed address, per
 * address, so nobody can flood someone's mailbox through Kinga, and per network address, so one
 * machine cannot file without end.
 */
import { RateLimited } from '../../../platform/http/errors.ts';
import type { SendLimiter } from '../../../platform/notify/index.ts';
import { refusal } from '../cases/complaint-messages.ts';

/** The code of the refusal, a 429 with Retry-After. */
export const RECEIPTS_LIMITED = 'COMPLAINT_RECEIPTS_LIMITED';

/**
 * Counts one receipt to `recipient` asked for from `networkAddress`; past either limit throws
 * {@link RateLimited}. The address was typed, so saying that it was refused reveals nothing.
 */
export async function admitReceipt(sendLimits: SendLimiter, networkAddress: string, recipient: string): Promise<void> {
  const verdict = await sendLimits.admit({ networkAddress, recipient });
  if (!verdict.isAllowed) throw new RateLimited(verdict.retryAfterSeconds, RECEIPTS_LIMITED, refusal('receiptsLimited'));
}
