import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Keyring } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import type { IdGenerator } from '../ids.ts';
import type { JobQueue } from '../jobs/index.ts';
import { platformMessage, RateLimited } from '../http/errors.ts';
import { createSendLimitsRepository } from './send-limits.repository.ts';

/** How many messages one e-mail address may receive, and one client address ask for, in a window. */
export interface SendLimitSettings {
  perAddress: number;
  perNetworkAddress: number;
  windowMinutes: number;
}

/** Whether a message may be sent; when not, which limit was reached and for how long. */
export type SendVerdict = { isAllowed: true } | { isAllowed: false; isNetworkLimit: boolean; retryAfterSeconds: number };

/**
 * Limits the one-time codes and confirmation links Kinga e-mails to an address the requester
 * typed or named (a theft report's address, the address behind a complaint reference): per
 * recipient, so nobody can flood someone's mailbox through Kinga, and per client address, so one
 * machine cannot probe many references or addresses. Counters live in the database, so every
 * process of a cluster shares them, and are kept under keyed hashes, never the addresses.
 */
export interface SendLimiter {
  /**
   * Counts one request from `networkAddress` for a message to `recipient` (undefined when there is
   * nobody to send to, such as an unknown reference, which still counts for the client address).
   */
  admit(request: { networkAddress: string; recipient: string | undefined }): Promise<SendVerdict>;
  /**
   * {@link admit} for a recipient the requester typed: a refusal is thrown as {@link RateLimited}
   * (429 with Retry-After), since saying so reveals nothing the requester did not type.
   */
  admitTyped(request: { networkAddress: string; recipient: string }): Promise<void>;
}

/**
 * What a service needs to mail an address a person typed: keys to hash and seal it, the time, ids,
 * the job queue that sends the mail, a log, and the limits on such mail.
 */
export interface TypedAddressMailDeps {
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  jobs: JobQueue;
  logger: Logger;
  /** The platform's limits on mail sent to typed addresses, shared by every process. */
  sendLimits: SendLimiter;
}

/** The error every refusal is thrown as. */
export function sendRefusal(retryAfterSeconds: number): RateLimited {
  return new RateLimited(retryAfterSeconds, 'CODE_SENDS_LIMITED', platformMessage('error.codeSendsLimited.detail'));
}

/** Creates the limiter; `clock` must be real time, since a frozen demo clock would never end a window. */
export function createSendLimiter(deps: { db: Kysely<Database>; keyring: Keyring; clock: Clock; settings: SendLimitSettings }): SendLimiter {
  const { keyring, clock, settings } = deps;
  const repository = createSendLimitsRepository(deps.db);
  const windowMs = settings.windowMinutes * 60_000;

  const count = async (keyHash: string, limit: number): Promise<number> => {
    const now = clock.now();
    const row = await repository.countSend(keyHash, now.toISOString(), new Date(now.getTime() - windowMs).toISOString());
    if (row.sends <= limit) return 0;
    return Math.max(1, Math.ceil((Date.parse(row.window_started_at) + windowMs - now.getTime()) / 1000));
  };

  const limiter: SendLimiter = {
    async admit({ networkAddress, recipient }) {
      const networkWait = await count(keyring.hash(networkAddress, 'send-limit.network'), settings.perNetworkAddress);
      if (networkWait > 0) return { isAllowed: false, isNetworkLimit: true, retryAfterSeconds: networkWait };
      if (recipient === undefined) return { isAllowed: true };
      const recipientWait = await count(keyring.hash(recipient.trim().toLowerCase(), 'send-limit.recipient'), settings.perAddress);
      return recipientWait > 0 ? { isAllowed: false, isNetworkLimit: false, retryAfterSeconds: recipientWait } : { isAllowed: true };
    },

    async admitTyped(request) {
      const verdict = await limiter.admit(request);
      if (!verdict.isAllowed) throw sendRefusal(verdict.retryAfterSeconds);
    },
  };
  return limiter;
}
