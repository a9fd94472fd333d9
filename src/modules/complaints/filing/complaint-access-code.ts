import type { Keyring } from '../../../platform/crypto/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { decoyOneTimeCodeHash, generateOneTimeCode, hashOneTimeCode, judgeOneTimeCode } from '../../../platform/one-time-codes.ts';
import type { AnswerIssue } from './complaint-draft.ts';
import type { FilingRepository } from './filing.repository.ts';
import type { ComplaintAccessCodesTable } from './filing.tables.ts';

/** What a consumer's one-time code opens: a saved draft, or a filing to follow. */
type AccessCodePurpose = ComplaintAccessCodesTable['purpose'];

/**
 * Stores a new one-time code of `purpose` for `subject` (a keyed hash of a reference) and returns
 * it. With `isReal` false it stores a code nobody knows, so an unknown reference is refused and
 * counted exactly like a wrong code. The newest code is the one judged: older ones stop working.
 */
export async function issueAccessCode(
  repo: FilingRepository,
  deps: { keyring: Keyring; ids: IdGenerator },
  code: { purpose: AccessCodePurpose; subject: string; isReal: boolean; createdAt: string; expiresAt: string },
): Promise<string> {
  const typed = generateOneTimeCode();
  await repo.insertCode({
    id: deps.ids(),
    purpose: code.purpose,
    subject_hash: code.subject,
    code_hash: code.isReal ? hashOneTimeCode(deps.keyring, code.purpose, code.subject, typed) : decoyOneTimeCodeHash(deps.keyring, code.purpose, code.subject),
    attempts: 0,
    created_at: code.createdAt,
    expires_at: code.expiresAt,
  });
  return typed;
}

/**
 * Judges a typed code against the newest code of `purpose` for `subject`. A malformed or locked
 * code comes back with its issue; otherwise `isRight` says whether it matched, and `countAttempt`
 * records a refused try (the caller may refuse a right code too, such as for a draft gone since).
 */
export async function judgeAccessCode(
  repo: FilingRepository,
  keyring: Keyring,
  input: { purpose: AccessCodePurpose; subject: string; typed: string; now: Date; maxAttempts: number },
): Promise<{ issue: AnswerIssue } | { issue?: undefined; isRight: boolean; countAttempt(): Promise<void> }> {
  const stored = await repo.latestCode(input.purpose, input.subject);
  const verdict = judgeOneTimeCode({
    keyring,
    purpose: input.purpose,
    subject: input.subject,
    stored: stored ? { codeHash: stored.code_hash, attempts: stored.attempts, expiresAt: stored.expires_at } : undefined,
    typed: input.typed,
    now: input.now,
    maxAttempts: input.maxAttempts,
  });
  if (verdict === 'malformed') return { issue: { field: 'code', messageKey: 'complaints.web.error.codeFormat' } };
  if (verdict === 'locked') return { issue: { field: 'code', messageKey: 'complaints.web.error.codeLocked' } };
  return {
    isRight: verdict === 'ok',
    async countAttempt() {
      if (stored) await repo.recordCodeAttempt(stored.id, stored.attempts + 1);
    },
  };
}
