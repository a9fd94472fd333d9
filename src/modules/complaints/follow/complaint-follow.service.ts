import { randomBytes } from 'node:crypto';
import { AppError } from '../../../platform/http/errors.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import { enqueueEmail, sendRefusal, type TypedAddressMailDeps } from '../../../platform/notify/index.ts';
import { normaliseReference } from '../../../platform/one-time-codes.ts';
import { maskNumber, oneTimeCodeSmsText, type SmsOutbox } from '../../../platform/sms/index.ts';
import { issueAccessCode, judgeAccessCode } from '../filing/complaint-access-code.ts';
import { parseReference } from '../cases/complaint-reference.ts';
import type { ComplaintsService, ConsumerCaseView, ConsumerComplaintView, ConsumerContact } from '../cases/complaint.types.ts';
import type { AnswerIssue } from '../filing/complaint-draft.ts';
import type { FilingRepository, FollowSessionRow } from '../filing/filing.repository.ts';

/** How long codes and access last on the follow pages. */
export interface FollowSettings {
  /** Minutes a one-time code stays valid. */
  codeMinutes: number;
  /** Minutes a browser may see the filing once the code was right. */
  accessMinutes: number;
}

/** Defaults: a code read from a phone within a quarter of an hour, half an hour to read and answer. */
export const DEFAULT_FOLLOW_SETTINGS: FollowSettings = { codeMinutes: 15, accessMinutes: 30 };

/** What a follow step answers. */
export type FollowOutcome<T> = { ok: true; value: T } | { ok: false; issues: AnswerIssue[] } | { ok: false; isSessionMissing: true };

/** The consumer following a filing: a one-time code to the address or mobile number given when filing, then a limited access. */
export interface ComplaintFollowService {
  /**
   * Starts following a reference: sends a code when the reference exists, and otherwise stores a
   * decoy, so both answer the same way. Returns the token the browser keeps. Too many codes asked
   * from `networkAddress` are refused with a `RateLimited` error.
   */
  start(reference: string, t: Translate, networkAddress: string): Promise<{ ok: true; value: { token: string } } | { ok: false; issues: AnswerIssue[] }>;
  /** Checks the code; a right one opens the filing to this browser for a limited time. */
  confirm(token: string | undefined, code: string): Promise<FollowOutcome<null>>;
  /** The filing the browser may see, or undefined when it may not (no code yet, or the access ended). */
  view(token: string | undefined): Promise<ConsumerComplaintView | undefined>;
  /** Runs a consumer action on one case of the filing the browser may see; undefined when it may not. */
  onCase<T>(token: string | undefined, caseReference: string, action: (reference: string, view: ConsumerCaseView) => Promise<T>): Promise<T | undefined>;
  /** Ends the browser's access. */
  end(token: string | undefined): Promise<void>;
}

// Enough to mistype twice or thrice, too few to guess one code in a million.
const MAX_CODE_ATTEMPTS = 5;
// Codes one reference may be sent in an hour: each starts its own five attempts.
const MAX_CODES_PER_HOUR = 3;
// The wait for the code: long enough to open the mailbox, short enough to be forgotten safely.
const PENDING_MINUTES = 60;

/** Builds the follow service over the consumer part of the complaint service. */
export function createComplaintFollowService(
  deps: TypedAddressMailDeps & {
    repository: FilingRepository;
    complaints: Pick<ComplaintsService, 'contactFor' | 'findForConsumer'>;
    settings: FollowSettings;
    /** The SMS outbox, for a consumer who chose to be reached by text message. */
    sms: SmsOutbox;
    /** Kinga's public address: a code's text ends with its host, so only Kinga's own site is offered the code. */
    publicUrl: string;
  },
): ComplaintFollowService {
  const { repository, keyring, clock, ids, jobs, logger, complaints, settings, sms } = deps;
  const tokenHash = (token: string) => keyring.hash(token, 'complaint_follow_sessions.token');
  const subjectOf = (reference: string) => keyring.hash(reference, 'complaint_follow.reference');
  const minutesFrom = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

  const liveSession = async (token: string | undefined): Promise<FollowSessionRow | undefined> => {
    if (!token) return undefined;
    const session = await repository.findFollowSessionByTokenHash(tokenHash(token));
    if (!session || Date.parse(session.expires_at) <= clock.now().getTime()) return undefined;
    return session;
  };

  const contactOf = async (reference: string): Promise<ConsumerContact | undefined> => {
    try {
      return await complaints.contactFor(reference);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return undefined;
      throw error;
    }
  };

  const viewOf = async (session: FollowSessionRow | undefined): Promise<ConsumerComplaintView | undefined> => {
    if (!session || !session.is_verified) return undefined;
    try {
      return await complaints.findForConsumer(session.reference);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return undefined;
      throw error;
    }
  };

  return {
    async start(reference, t, networkAddress) {
      const typed = normaliseReference(reference);
      if (typed === '') return { ok: false, issues: [{ field: 'reference', messageKey: 'complaints.web.error.referenceMissing' }] };
      if (typed.length > 40) return { ok: false, issues: [{ field: 'reference', messageKey: 'complaints.web.error.referenceFormat' }] };
      // The core's own reading of a reference (O for 0, check character); anything else is kept as typed and matches nothing.
      const canonical = parseReference(typed) ?? typed;
      const subject = subjectOf(canonical);
      const now = clock.now();
      const token = randomBytes(32).toString('base64url');
      const isUnderLimit = (await repository.countCodesSince('follow', subject, new Date(now.getTime() - 3_600_000).toISOString())) < MAX_CODES_PER_HOUR;
      const found = isUnderLimit ? await contactOf(canonical) : undefined;
      // Every request counts for the client address, whether the reference exists or not.
      // The code goes where the consumer chose, and the limit per recipient counts that address or number.
      const recipient = found === undefined ? undefined : found.contactBy === 'sms' ? found.mobile : found.email;
      const verdict = await deps.sendLimits.admit({ networkAddress, recipient });
      if (!verdict.isAllowed && verdict.isNetworkLimit) throw sendRefusal(verdict.retryAfterSeconds);
      // Past the address's limit no code is sent, exactly as for a reference that does not exist.
      const contact = verdict.isAllowed ? found : undefined;
      await repository.inTransaction(async (repo) => {
        if (isUnderLimit) {
          const code = await issueAccessCode(
            repo,
            { keyring, ids },
            { purpose: 'follow', subject, isReal: contact !== undefined, createdAt: now.toISOString(), expiresAt: minutesFrom(now, settings.codeMinutes) },
          );
          if (contact?.contactBy === 'sms' && contact.mobile !== undefined) {
            await sms.enqueue(repo.executor, {
              to: contact.mobile,
              text: oneTimeCodeSmsText(t('complaints.web.sms.followCode', { code, minutes: settings.codeMinutes }), deps.publicUrl, code),
              purpose: 'complaints.follow-code',
            });
            logger.info({ to: maskNumber(contact.mobile) }, 'complaint follow code texted');
          } else if (contact && contact.email !== '') {
            await enqueueEmail(jobs, repo.executor, {
              to: contact.email,
              subject: t('complaints.web.mail.followCodeSubject'),
              text: t('complaints.web.mail.followCodeBody', { code, minutes: settings.codeMinutes }),
            });
          }
        }
        await repo.insertFollowSession({
          id: ids(),
          token_hash: tokenHash(token),
          subject_hash: subject,
          reference: canonical,
          is_verified: false,
          created_at: now.toISOString(),
          expires_at: minutesFrom(now, PENDING_MINUTES),
        });
      });
      return { ok: true, value: { token } };
    },

    async confirm(token, code) {
      const session = await liveSession(token);
      if (!session) return { ok: false, isSessionMissing: true };
      if (session.is_verified) return { ok: true, value: null };
      const now = clock.now();
      const judged = await judgeAccessCode(repository, keyring, {
        purpose: 'follow',
        subject: session.subject_hash,
        typed: code,
        now,
        maxAttempts: MAX_CODE_ATTEMPTS,
      });
      if (judged.issue) return { ok: false, issues: [judged.issue] };
      if (!judged.isRight) {
        await judged.countAttempt();
        return { ok: false, issues: [{ field: 'code', messageKey: 'complaints.web.error.followWrong' }] };
      }
      await repository.inTransaction(async (repo) => {
        await repo.deleteCodes('follow', session.subject_hash);
        await repo.verifyFollowSession(session.id, minutesFrom(now, settings.accessMinutes));
      });
      logger.info({ followSessionId: session.id }, 'complaint follow access granted');
      return { ok: true, value: null };
    },

    async view(token) {
      return viewOf(await liveSession(token));
    },

    async onCase(token, caseReference, action) {
      const view = await viewOf(await liveSession(token));
      const found = view?.cases.find((c) => c.reference === caseReference);
      if (!found) return undefined;
      return action(found.reference, found);
    },

    async end(token) {
      const session = await liveSession(token);
      if (session) await repository.deleteFollowSession(session.id);
    },
  };
}
