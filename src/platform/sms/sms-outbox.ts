import type { Clock } from '../clock.ts';
import type { Keyring } from '../crypto/index.ts';
import type { Executor } from '../db/index.ts';
import type { IdGenerator } from '../ids.ts';
import { stripFallback } from '../i18n/index.ts';
import { MAX_PARTS, planSms, type SmsPlan } from './sms-text.ts';
import type { SmsOutboxRepository } from './sms-outbox.repository.ts';

/** The keyring contexts the outbox seals numbers and texts with. */
export const SMS_NUMBER_CONTEXT = 'sms.number';
export const SMS_TEXT_CONTEXT = 'sms.text';

/** The keyed-hash purpose of a phone number, the same for texts sent and received, so a person's messages are found together. */
export const SMS_NUMBER_HASH = 'sms.number';

/** A text to send. */
export interface OutgoingSms {
  /** E.164, as `readMobileNumber` gives it. */
  to: string;
  text: string;
  /** What the text is for, such as `complaints.follow-code`: logs and delivery rates group by it. */
  purpose: string;
  /** The route to send it on (a reply leaves by the route its question came in on); by the number's prefix when absent. */
  route?: string;
  /** An alert the person may refuse: not queued for a number that texted STOP. Codes and replies are never optional. */
  isOptional?: boolean;
}

/** Queues texts to phones; the channels capability's sender takes them to an SMS centre. */
export interface SmsOutbox {
  /**
   * Queues a text inside the caller's transaction, so it leaves only if the change commits; the
   * number and the text are sealed at rest. Returns the text's id, or undefined for an optional
   * text to a number that opted out.
   */
  enqueue(executor: Executor, message: OutgoingSms & { isOptional?: false }): Promise<string>;
  enqueue(executor: Executor, message: OutgoingSms): Promise<string | undefined>;
  /** The keyed hash every SMS table keeps a number under. */
  hashNumber(e164: string): string;
  /**
   * Calls `listener` shortly after each text is queued in this process, so a sender here need not
   * wait for its next poll (a text queued in an open transaction is seen once it commits; until then
   * the poll finds it). Returns the function that stops the calls.
   */
  onQueued(listener: () => void): () => void;
}

/** A text that cannot be sent at all: not E.164, empty, or longer than a concatenated message may be. */
export class SmsMessageError extends Error {}

const E164 = /^\+[1-9][0-9]{6,14}$/;

/** How long after a text is queued the listeners hear of it. */
const QUEUED_NOTICE_MS = 5;

/** Creates the outbox over its repository. */
export function createSmsOutbox(deps: { repository: SmsOutboxRepository; keyring: Keyring; clock: Clock; ids: IdGenerator }): SmsOutbox {
  const { repository, keyring, clock, ids } = deps;
  const hashNumber = (e164: string) => keyring.hash(e164, SMS_NUMBER_HASH);
  const listeners = new Set<() => void>();
  let isNotifying = false;
  const notify = () => {
    // One call for texts queued together; after a few milliseconds, so the caller's transaction has likely committed.
    if (isNotifying || listeners.size === 0) return;
    isNotifying = true;
    setTimeout(() => {
      isNotifying = false;
      for (const listener of listeners) listener();
    }, QUEUED_NOTICE_MS).unref();
  };
  async function enqueue(executor: Executor, message: OutgoingSms & { isOptional?: false }): Promise<string>;
  async function enqueue(executor: Executor, message: OutgoingSms): Promise<string | undefined>;
  async function enqueue(executor: Executor, message: OutgoingSms): Promise<string | undefined> {
    if (!E164.test(message.to)) throw new SmsMessageError('A text is sent only to a number in E.164 form.');
    // Marks of text that fell back to English are for pages; a phone would show them as they are.
    const text = stripFallback(message.text);
    if (text.trim() === '') throw new SmsMessageError('A text needs something to say.');
    const plan = planOrRefuse(text);
    const toHash = hashNumber(message.to);
    if (message.isOptional === true && (await repository.isOptedOut(executor, toHash))) return undefined;
    const id = ids();
    const now = clock.now().toISOString();
    await repository.insertMessage(executor, {
      id,
      purpose: message.purpose,
      to_hash: toHash,
      to_enc: keyring.encrypt(message.to, SMS_NUMBER_CONTEXT),
      text_enc: keyring.encrypt(text, SMS_TEXT_CONTEXT),
      encoding: plan.encoding,
      part_count: plan.parts.length,
      route: message.route ?? null,
      state: 'queued',
      attempts: 0,
      next_attempt_at: now,
      locked_until: null,
      last_error: null,
      created_at: now,
      submitted_at: null,
      finished_at: null,
    });
    notify();
    return id;
  }
  return {
    hashNumber,
    enqueue,
    onQueued(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function planOrRefuse(text: string): SmsPlan {
  try {
    return planSms(text);
  } catch (error) {
    if (error instanceof RangeError) throw new SmsMessageError(`A text is at most ${MAX_PARTS} parts.`);
    throw error;
  }
}
