import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../platform/audit/index.ts';
import { sizeValue, type Translate } from '../../../platform/i18n/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { enqueueEmail, sendRefusal, type TypedAddressMailDeps } from '../../../platform/notify/index.ts';
import { normaliseReference, randomReference } from '../../../platform/one-time-codes.ts';
import { issueAccessCode, judgeAccessCode } from './complaint-access-code.ts';
import { maskNumber, oneTimeCodeSmsText, readMobileNumber, type SmsOutbox } from '../../../platform/sms/index.ts';
import { sniffMediaType } from '../../../platform/http/file-signature.ts';
import { safeFileName, shownFileName, typeChoice } from '../cases/complaint-file-name.ts';
import { refusal } from '../cases/complaint-messages.ts';
import { admitReceipt } from './complaint-receipt-limit.ts';
import type { ComplaintsService, FiledComplaint } from '../cases/complaint.types.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import { mobileProblemOf, toSubmission, type AnswerIssue, type DraftAnswers } from './complaint-draft.ts';
import type { FilingRepository, DraftRow } from './filing.repository.ts';

/** The most files one web complaint carries. */
export const MAX_ATTACHMENTS = 5;

/** A draft as the pages use it: its answers decrypted, its files without their content. */
export interface Draft {
  id: string;
  reference: string;
  answers: DraftAnswers;
  attachments: Array<{ id: string; name: string; mediaType: string; sizeBytes: number }>;
  /** UTC ISO 8601. */
  expiresAt: string;
  /** Where its save-and-come-back code went, once saved for later. */
  savedBy?: 'email' | 'sms';
}

/** The answer of a step that may fail on the consumer's input. */
export type DraftOutcome<T> = { ok: true; value: T } | { ok: false; issues: AnswerIssue[] };

/** The consumer's drafts: answers kept server-side, files, save and come back later, and filing. */
export interface ComplaintDraftService {
  /** The draft the browser's cookie names, unless it expired or was filed. */
  open(token: string | undefined): Promise<Draft | undefined>;
  /** A new empty draft and the token its browser keeps. */
  start(): Promise<{ token: string; draft: Draft }>;
  /** Stores a page's answers over the previous ones; the draft lives on from now. */
  saveAnswers(draft: Draft, patch: Partial<DraftAnswers>): Promise<Draft>;
  /** Checks a file by its first bytes and size and keeps it, encrypted. */
  addAttachment(draft: Draft, file: { filename: string; contentType: string; data: Buffer; isTooLarge: boolean }): Promise<DraftOutcome<null>>;
  removeAttachment(draft: Draft, attachmentId: string): Promise<void>;
  /**
   * E-mails the draft's reference and a one-time code to come back later from any browser, within
   * the platform's limits of codes per address and per client address (`networkAddress`).
   */
  saveForLater(draft: Draft, email: string, mail: DraftMail, networkAddress: string): Promise<DraftOutcome<{ reference: string; expiresAt: string }>>;
  /**
   * {@link saveForLater} by text message: the reference and the code go to the mobile number typed
   * (read in the profile's country), within the same limits per number and per client address.
   */
  saveForLaterByText(draft: Draft, phone: string, mail: DraftMail, networkAddress: string): Promise<DraftOutcome<{ reference: string; expiresAt: string }>>;
  /**
   * Gives the draft named by a reference to this browser when the code is right. A wrong code and a
   * reference that does not exist get the same issue, counted the same way.
   */
  resume(reference: string, code: string): Promise<DraftOutcome<{ token: string }>>;
  /**
   * Sends a new code for a saved draft; answers nothing either way, so nobody learns which
   * references exist, unless `networkAddress` asked for too many codes (a `RateLimited` error).
   */
  sendNewCode(reference: string, mail: DraftMail, networkAddress: string): Promise<void>;
  /**
   * Files the draft with its files through the complaint service and keeps only the references,
   * in one transaction; a draft filed already is refused with `Conflict` ({@link DRAFT_FILED}).
   * The receipt to the address typed counts against the send limits of it and of `networkAddress`:
   * past either, nothing is filed and `RateLimited` (`COMPLAINT_RECEIPTS_LIMITED`) is thrown.
   */
  submit(draft: Draft, language: string, networkAddress: string): Promise<FiledComplaint>;
  /** The filing a browser just submitted, for its confirmation page. */
  filedOf(token: string | undefined): Promise<FiledComplaint | undefined>;
}

/** What the draft e-mails need: the page's translator, a date formatter and the resume page's address. */
export interface DraftMail {
  t: Translate;
  formatDate(iso: string): string;
  resumeUrl: string;
}

// Enough to mistype twice or thrice, too few to guess one code in a million.
const MAX_CODE_ATTEMPTS = 5;
// New codes a reference may be sent in a day: each resets the attempts, so this bounds the guesses.
const MAX_CODES_PER_DAY = 5;
// The confirmation page reads the references for this long after filing, then the row goes.
const FILED_KEEP_MS = 60 * 60_000;
const DAY_MS = 86_400_000;
const CONSUMER: Actor = { type: 'system', id: null };

/** The error code of a draft submitted again after it was filed; its filing stands. */
export const DRAFT_FILED = 'COMPLAINT_DRAFT_FILED';

/** Builds the draft service. */
export function createComplaintDraftService(
  deps: TypedAddressMailDeps & {
    repository: FilingRepository;
    complaints: Pick<ComplaintsService, 'file'>;
    settings: Pick<ComplaintsSettings, 'attachments'>;
    /**
     * When a draft last changed at `from` stops opening: the end of the period of the retention
     * schedule's rule for drafts, whose nightly run then deletes it.
     */
    draftExpiry: (from: Date) => Date;
    /** The SMS outbox, for a consumer who saves to come back later by text message. */
    sms: SmsOutbox;
    /** Kinga's public address: a code's text ends with its host. */
    publicUrl: string;
    /** The profile's country (ISO 3166-1 alpha-2), for a number typed without its country code. */
    country: string;
  },
): ComplaintDraftService {
  const { repository, keyring, clock, ids, jobs, logger, settings, sms } = deps;
  const tokenHash = (token: string) => keyring.hash(token, 'complaint_drafts.token');
  const subjectOf = (reference: string) => keyring.hash(reference, 'complaint_drafts.reference');
  const nowIso = () => clock.now().toISOString();
  const expiryFrom = (now: Date) => deps.draftExpiry(now).toISOString();

  const present = async (row: DraftRow): Promise<Draft> => {
    const attachments = await repository.listAttachments(row.id);
    return {
      id: row.id,
      reference: row.reference,
      answers: JSON.parse(keyring.decrypt(row.answers_enc, 'complaint_drafts.answers')) as DraftAnswers,
      attachments: attachments.map((a) => ({
        id: a.id,
        name: shownFileName(keyring.decrypt(a.name_enc, 'complaint_draft_attachments.name'), a.media_type),
        mediaType: a.media_type,
        sizeBytes: a.size_bytes,
      })),
      expiresAt: row.expires_at,
      ...(row.phone_enc !== null ? { savedBy: 'sms' as const } : row.email_enc !== null ? { savedBy: 'email' as const } : {}),
    };
  };

  const liveDraft = async (row: DraftRow | undefined): Promise<DraftRow | undefined> => {
    if (!row || row.filed_json !== null || Date.parse(row.expires_at) <= clock.now().getTime()) return undefined;
    return row;
  };

  async function issueCode(repo: FilingRepository, subject: string, expiresAt: string, isReal: boolean): Promise<string> {
    // The older codes stop working but stay counted, so the day's limit of new codes holds.
    await repo.supersedeCodes('resume', subject, nowIso());
    return issueAccessCode(repo, { keyring, ids }, { purpose: 'resume', subject, isReal, createdAt: nowIso(), expiresAt });
  }

  function codeMail(mail: DraftMail, reference: string, code: string, expiresAt: string) {
    return {
      subject: mail.t('complaints.web.mail.savedSubject', { reference }),
      text: mail.t('complaints.web.mail.savedBody', { reference, code, until: mail.formatDate(expiresAt), url: mail.resumeUrl }),
    };
  }

  /** The text of a draft's code: short, in one segment where the language allows, ending with the origin-bound line. */
  function codeText(mail: DraftMail, reference: string, code: string) {
    return oneTimeCodeSmsText(mail.t('complaints.web.sms.savedCode', { reference, code }), deps.publicUrl, code);
  }

  return {
    async open(token) {
      if (!token) return undefined;
      const row = await liveDraft(await repository.findDraftByTokenHash(tokenHash(token)));
      return row ? present(row) : undefined;
    },

    async start() {
      const now = clock.now();
      const token = randomBytes(32).toString('base64url');
      const row: DraftRow = {
        id: ids(),
        reference: randomReference('DR'),
        token_hash: tokenHash(token),
        answers_enc: keyring.encrypt('{}', 'complaint_drafts.answers'),
        email_enc: null,
        phone_enc: null,
        phone_hash: null,
        filed_json: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        expires_at: expiryFrom(now),
      };
      await repository.insertDraft(row);
      logger.info({ draftId: row.id }, 'complaint draft started');
      return { token, draft: await present(row) };
    },

    async saveAnswers(draft, patch) {
      const answers: DraftAnswers = { ...draft.answers, ...patch };
      const now = clock.now();
      await repository.updateDraftAnswers(draft.id, keyring.encrypt(JSON.stringify(answers), 'complaint_drafts.answers'), now.toISOString());
      return { ...draft, answers };
    },

    async addAttachment(draft, file) {
      const field = 'file';
      if (draft.attachments.length >= MAX_ATTACHMENTS)
        return { ok: false, issues: [{ field, messageKey: 'complaints.web.error.fileTooMany', values: { max: MAX_ATTACHMENTS } }] };
      if (file.isTooLarge || file.data.length > settings.attachments.maxBytes) {
        return { ok: false, issues: [{ field, messageKey: 'complaints.web.error.fileTooLarge', values: { size: sizeValue(settings.attachments.maxBytes) } }] };
      }
      if (file.data.length === 0) return { ok: false, issues: [{ field, messageKey: 'complaints.web.error.fileMissing' }] };
      // The name and the browser's declared type prove nothing: only the first bytes decide.
      const sniffed = sniffMediaType(file.data);
      if (sniffed === null || !settings.attachments.types.includes(sniffed)) {
        return { ok: false, issues: [{ field, messageKey: 'complaints.web.error.fileType', values: { types: typeChoice(settings.attachments.types) } }] };
      }
      const name = safeFileName(file.filename, sniffed);
      const id = ids();
      await repository.insertAttachment({
        id,
        draft_id: draft.id,
        name_enc: keyring.encrypt(name, 'complaint_draft_attachments.name'),
        media_type: sniffed,
        size_bytes: file.data.length,
        content_enc: keyring.encrypt(file.data.toString('base64'), 'complaint_draft_attachments.content'),
        created_at: nowIso(),
      });
      logger.info({ draftId: draft.id, attachmentId: id }, 'complaint draft file added');
      return { ok: true, value: null };
    },

    async removeAttachment(draft, attachmentId) {
      await repository.deleteAttachment(draft.id, attachmentId);
    },

    async saveForLater(draft, email, mail, networkAddress) {
      const address = email.trim().toLowerCase();
      if (address === '') return { ok: false, issues: [{ field: 'email', messageKey: 'complaints.web.error.emailMissing' }] };
      if (address.length > 320 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address))
        return { ok: false, issues: [{ field: 'email', messageKey: 'complaints.web.error.emailInvalid' }] };
      await deps.sendLimits.admitTyped({ networkAddress, recipient: address });
      const now = clock.now();
      const expiresAt = expiryFrom(now);
      const subject = subjectOf(draft.reference);
      await repository.inTransaction(async (repo) => {
        await repo.updateDraftEmail(draft.id, keyring.encrypt(address, 'complaint_drafts.email'), now.toISOString());
        // The code lasts as long as the draft: the e-mail is how the consumer comes back, days later.
        const code = await issueCode(repo, subject, expiresAt, true);
        await enqueueEmail(jobs, repo.executor, { to: address, ...codeMail(mail, draft.reference, code, expiresAt) });
      });
      logger.info({ draftId: draft.id }, 'complaint draft saved for later');
      return { ok: true, value: { reference: draft.reference, expiresAt } };
    },

    async saveForLaterByText(draft, phone, mail, networkAddress) {
      const problem = mobileProblemOf(phone, deps.country);
      const read = readMobileNumber(phone, deps.country);
      if (problem !== undefined || !read.ok) return { ok: false, issues: [{ field: 'phone', messageKey: problem ?? 'complaints.web.error.mobileInvalid' }] };
      const mobile = read.e164;
      await deps.sendLimits.admitTyped({ networkAddress, recipient: mobile });
      const now = clock.now();
      const expiresAt = expiryFrom(now);
      const subject = subjectOf(draft.reference);
      await repository.inTransaction(async (repo) => {
        await repo.updateDraftPhone(draft.id, { enc: keyring.encrypt(mobile, 'complaint_drafts.phone'), hash: sms.hashNumber(mobile) }, now.toISOString());
        const code = await issueCode(repo, subject, expiresAt, true);
        await sms.enqueue(repo.executor, { to: mobile, text: codeText(mail, draft.reference, code), purpose: 'complaints.draft-code' });
      });
      logger.info({ draftId: draft.id, to: maskNumber(mobile) }, 'complaint draft saved for later by text');
      return { ok: true, value: { reference: draft.reference, expiresAt } };
    },

    async resume(reference, code) {
      const issues: AnswerIssue[] = [];
      const typed = normaliseReference(reference);
      if (typed === '') issues.push({ field: 'reference', messageKey: 'complaints.web.error.referenceMissing' });
      if (code.trim() === '') issues.push({ field: 'code', messageKey: 'complaints.web.error.codeMissing' });
      if (issues.length > 0) return { ok: false, issues };
      const subject = subjectOf(typed);
      const now = clock.now();
      return repository.inTransaction(async (repo) => {
        // An unknown reference gets a code nobody knows, so its attempts are counted like a real one's.
        if (!(await repo.latestCode('resume', subject))) await issueCode(repo, subject, expiryFrom(now), false);
        const judged = await judgeAccessCode(repo, keyring, { purpose: 'resume', subject, typed: code, now, maxAttempts: MAX_CODE_ATTEMPTS });
        if (judged.issue) return { ok: false, issues: [judged.issue] };
        const draft = judged.isRight ? await liveDraft(await repo.findDraftByReference(typed)) : undefined;
        if (!draft) {
          await judged.countAttempt();
          return { ok: false, issues: [{ field: 'code', messageKey: 'complaints.web.error.resumeWrong' }] };
        }
        const token = randomBytes(32).toString('base64url');
        await repo.updateDraftToken(draft.id, tokenHash(token), now.toISOString());
        await repo.deleteCodes('resume', subject);
        logger.info({ draftId: draft.id }, 'complaint draft resumed');
        return { ok: true, value: { token } };
      });
    },

    async sendNewCode(reference, mail, networkAddress) {
      const typed = normaliseReference(reference);
      if (typed === '') return;
      const subject = subjectOf(typed);
      const now = clock.now();
      // Counted outside the transaction below, which holds the only SQLite connection.
      const known = await liveDraft(await repository.findDraftByReference(typed));
      const recipientOf = (row: DraftRow | undefined): string | undefined => {
        if (row?.phone_enc) return keyring.decrypt(row.phone_enc, 'complaint_drafts.phone');
        return row?.email_enc ? keyring.decrypt(row.email_enc, 'complaint_drafts.email') : undefined;
      };
      const verdict = await deps.sendLimits.admit({ networkAddress, recipient: recipientOf(known) });
      if (!verdict.isAllowed && verdict.isNetworkLimit) throw sendRefusal(verdict.retryAfterSeconds);
      await repository.inTransaction(async (repo) => {
        if ((await repo.countCodesSince('resume', subject, new Date(now.getTime() - DAY_MS).toISOString())) >= MAX_CODES_PER_DAY) return;
        const draft = await liveDraft(await repo.findDraftByReference(typed));
        // Past the address's limit nothing is sent, exactly as for a reference that does not exist.
        if (!draft || (draft.email_enc === null && draft.phone_enc === null) || !verdict.isAllowed) {
          await issueCode(repo, subject, expiryFrom(now), false);
          return;
        }
        const code = await issueCode(repo, subject, draft.expires_at, true);
        if (draft.phone_enc !== null) {
          const to = keyring.decrypt(draft.phone_enc, 'complaint_drafts.phone');
          await sms.enqueue(repo.executor, { to, text: codeText(mail, draft.reference, code), purpose: 'complaints.draft-code' });
          return;
        }
        if (draft.email_enc === null) return;
        const to = keyring.decrypt(draft.email_enc, 'complaint_drafts.email');
        await enqueueEmail(jobs, repo.executor, { to, ...codeMail(mail, draft.reference, code, draft.expires_at) });
      });
    },

    async submit(draft, language, networkAddress) {
      const files = await repository.listAttachmentsWithContent(draft.id);
      const attachments = files.map((file) => ({
        fileName: keyring.decrypt(file.name_enc, 'complaint_draft_attachments.name'),
        mediaType: file.media_type,
        content: Buffer.from(keyring.decrypt(file.content_enc, 'complaint_draft_attachments.content'), 'base64'),
      }));
      const now = clock.now();
      // The draft is marked filed in the filing's own transaction: a crash between the two, or a
      // second submission racing the first, cannot file the complaint twice.
      const filed = await deps.complaints.file(CONSUMER, toSubmission(draft.answers, language), attachments, {
        admitReceipt: (recipient) => admitReceipt(deps.sendLimits, networkAddress, recipient),
        inTransaction: async (executor, result) => {
          const repo = repository.withExecutor(executor);
          const kept: FiledComplaint = {
            reference: result.reference,
            cases: result.cases.map((c) => ({ reference: c.reference, operatorId: c.operatorId, stage: c.stage, deadlines: c.deadlines })),
          };
          const isMarked = await repo.markDraftFiled(draft.id, JSON.stringify(kept), now.toISOString(), new Date(now.getTime() + FILED_KEEP_MS).toISOString());
          if (!isMarked) throw new Conflict(DRAFT_FILED, refusal('draftFiled'));
          await repo.deleteCodes('resume', subjectOf(draft.reference));
        },
      });
      logger.info({ draftId: draft.id, cases: filed.cases.length, files: files.length }, 'complaint draft filed');
      return filed;
    },

    async filedOf(token) {
      if (!token) return undefined;
      const row = await repository.findDraftByTokenHash(tokenHash(token));
      if (!row || row.filed_json === null || Date.parse(row.expires_at) <= clock.now().getTime()) return undefined;
      return JSON.parse(row.filed_json) as FiledComplaint;
    },
  };
}
