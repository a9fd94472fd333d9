import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { Transaction } from '../../../platform/db/index.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { enqueueEmail, type SendLimiter } from '../../../platform/notify/index.ts';
import { generateOneTimeCode, hashOneTimeCode, judgeOneTimeCode, randomReference, oneTimeCodeIssue } from '../../../platform/one-time-codes.ts';
import { maskNumber, oneTimeCodeSmsText, type SmsOutbox } from '../../../platform/sms/index.ts';
import { readSender } from '../reporting/scam-evidence.ts';
import type { IdentifierStates } from '../reputation/identifier-states.service.ts';
import { createScamIdentifierRepository } from '../reputation/scam-identifier.repository.ts';
import { SEALED } from '../shared/sealed-contexts.ts';
import { identifierValueHash } from '../shared/identifier-hash.ts';
import type { AppealRepository, AppealWithIdentifier } from './appeal.repository.ts';

/** A problem of an appeal form: the field and the message key. */
export interface AppealIssue {
  field: string;
  messageKey: string;
}

/** What an appeal step answers. */
export type AppealOutcome<T> = { ok: true; value: T } | { ok: false; issues: AppealIssue[] } | { ok: false; isCheckMissing: true };

/** An appeal as staff read it, its personal values opened. */
export interface AppealView {
  id: string;
  reference: string;
  number: string;
  statement: string;
  contact: string | null;
  state: string;
  identifierState: string;
  filedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
}

/** The holder's appeal and the staff's decision. */
export interface AppealService {
  /** Sends a code by text to a listed number; answers the token the browser keeps in a cookie. */
  start(input: { number: string; t: Translate; networkAddress: string }): Promise<AppealOutcome<{ token: string }>>;
  /** The number a live check's code went to, masked; undefined without a live check. */
  checkedNumber(token: string | undefined): Promise<{ maskedNumber: string; isVerified: boolean } | undefined>;
  confirm(input: { token: string | undefined; code: string }): Promise<AppealOutcome<null>>;
  /** Stores the appeal of a proved holder and moves the number to appealed. */
  file(input: { token: string | undefined; statement: string; contact: string; language: string; t: Translate }): Promise<AppealOutcome<{ reference: string }>>;
  listOpen(): Promise<AppealView[]>;
  find(id: string): Promise<AppealView | undefined>;
  /** Upholds (the number stays confirmed) or overturns (it is cleared) an open appeal, and tells the appellant. */
  decide(input: {
    id: string;
    actor: Actor;
    decision: 'uphold' | 'overturn';
    reason: string;
  }): Promise<{ ok: true } | { ok: false; problem: 'notFound' | 'decided' | 'reason' }>;
}

/** What the appeal service needs. */
export interface AppealDeps {
  repository: AppealRepository;
  states: IdentifierStates;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  jobs: JobQueue;
  sms: SmsOutbox;
  sendLimits: SendLimiter;
  publicUrl: string;
  country: string;
  settings: { codeMinutes: number; codeAttempts: number; appealHours: number };
  /** The catalogue's words in an appellant's language, for the decision told later. */
  translator(language: string): Translate;
}

const CODE_PURPOSE = 'scam-holder';
const CHECK_PURPOSE = 'holder';
/** The purposes of the texts a holder receives. */
export const APPEAL_SMS_PURPOSE = { code: 'scams.appeal-code', filed: 'scams.appeal-filed', decided: 'scams.appeal-decided' } as const;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The longest statement kept: room for a full account, not for a file pasted in. */
export const STATEMENT_MAX_LENGTH = 4000;

/** The keyed hash under which a check's browser token is stored. */
export function hashCheckToken(keyring: Keyring, token: string): string {
  return keyring.hash(token, 'scam_number_checks.token');
}

/** Builds the appeal service. */
export function createAppealService(deps: AppealDeps): AppealService {
  const { repository, keyring, clock } = deps;

  const liveCheck = async (token: string | undefined) => {
    if (!token || token.length > 100) return undefined;
    const check = await repository.findCheckByTokenHash(hashCheckToken(keyring, token), CHECK_PURPOSE);
    if (!check) return undefined;
    const now = clock.now().toISOString();
    // A proved holder has `appealHours` from the proof to write the appeal; an unproved check lives as long as its code.
    const until = check.verified_at ? new Date(Date.parse(check.verified_at) + deps.settings.appealHours * 3_600_000).toISOString() : check.expires_at;
    if (until <= now) return undefined;
    return check;
  };

  const view = (row: AppealWithIdentifier): AppealView => ({
    id: row.id,
    reference: row.reference,
    number: keyring.decrypt(row.identifier_value_enc, SEALED.identifierValue),
    statement: row.statement_enc === '' ? '' : keyring.decrypt(row.statement_enc, SEALED.appealStatement),
    contact: row.contact_enc === null ? null : keyring.decrypt(row.contact_enc, SEALED.appealContact),
    state: row.state,
    identifierState: row.identifier_state,
    filedAt: row.filed_at,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
  });

  return {
    async start({ number, t, networkAddress }) {
      const read = readSender(number.slice(0, 40), deps.country);
      if (!read.ok || read.sender.kind !== 'number')
        return {
          ok: false,
          issues: [
            { field: 'number', messageKey: read.ok || read.problem === 'invalid' ? 'scams.appeals.error.numberInvalid' : 'scams.appeals.error.numberMissing' },
          ],
        };
      const e164 = read.sender.value;
      const identifier = await repository.findIdentifierByHash(identifierValueHash(keyring, 'number', e164));
      if (identifier?.state === 'appealed') return { ok: false, issues: [{ field: 'number', messageKey: 'scams.appeals.error.alreadyAppealed' }] };
      if (identifier?.state !== 'confirmed') return { ok: false, issues: [{ field: 'number', messageKey: 'scams.appeals.error.notListed' }] };
      await deps.sendLimits.admitTyped({ networkAddress, recipient: e164 });
      const now = clock.now();
      const id = deps.ids();
      const token = randomBytes(32).toString('base64url');
      const code = generateOneTimeCode();
      await repository.inTransaction(async (trx, tx) => {
        await trx.insertCheck({
          id,
          token_hash: hashCheckToken(keyring, token),
          purpose: CHECK_PURPOSE,
          number_hash: deps.sms.hashNumber(e164),
          number_enc: keyring.encrypt(e164, SEALED.checkedNumber),
          code_hash: hashOneTimeCode(keyring, CODE_PURPOSE, id, code),
          attempts: 0,
          sent_at: now.toISOString(),
          expires_at: new Date(now.getTime() + deps.settings.codeMinutes * 60_000).toISOString(),
          verified_at: null,
        });
        const message = t('scams.appeals.sms.code', { code, minutes: deps.settings.codeMinutes });
        await deps.sms.enqueue(tx, { to: e164, text: oneTimeCodeSmsText(message, deps.publicUrl, code), purpose: APPEAL_SMS_PURPOSE.code });
      });
      return { ok: true, value: { token } };
    },

    async checkedNumber(token) {
      const check = await liveCheck(token);
      if (!check) return undefined;
      return { maskedNumber: maskNumber(keyring.decrypt(check.number_enc, SEALED.checkedNumber)), isVerified: check.verified_at !== null };
    },

    async confirm({ token, code }) {
      const check = await liveCheck(token);
      if (!check) return { ok: false, isCheckMissing: true };
      if (check.verified_at) return { ok: true, value: null };
      const verdict = judgeOneTimeCode({
        keyring,
        purpose: CODE_PURPOSE,
        subject: check.id,
        stored: { codeHash: check.code_hash, attempts: check.attempts, expiresAt: check.expires_at },
        typed: code,
        now: clock.now(),
        maxAttempts: deps.settings.codeAttempts,
      });
      const ended = oneTimeCodeIssue(verdict, 'scams.appeals.error');
      if (ended) return { ok: false, issues: [ended] };
      const isRight = verdict === 'ok';
      await repository.recordAttempt(check.id, check.attempts + 1, isRight ? clock.now().toISOString() : null);
      return isRight ? { ok: true, value: null } : { ok: false, issues: [{ field: 'code', messageKey: 'scams.appeals.error.codeWrong' }] };
    },

    async file({ token, statement, contact, language, t }) {
      const check = await liveCheck(token);
      if (!check?.verified_at) return { ok: false, isCheckMissing: true };
      const text = statement.trim();
      const address = contact.trim().toLowerCase();
      const issues: AppealIssue[] = [];
      if (text === '') issues.push({ field: 'statement', messageKey: 'scams.appeals.error.statementMissing' });
      else if (text.length > STATEMENT_MAX_LENGTH) issues.push({ field: 'statement', messageKey: 'scams.appeals.error.statementTooLong' });
      if (address !== '' && (address.length > 320 || !EMAIL_PATTERN.test(address)))
        issues.push({ field: 'contact', messageKey: 'scams.appeals.error.contactInvalid' });
      if (issues.length > 0) return { ok: false, issues };
      const e164 = keyring.decrypt(check.number_enc, SEALED.checkedNumber);
      const identifier = await repository.findIdentifierByHash(identifierValueHash(keyring, 'number', e164));
      if (!identifier || identifier.state !== 'confirmed') return { ok: false, issues: [{ field: 'statement', messageKey: 'scams.appeals.error.notListed' }] };
      const at = clock.now().toISOString();
      const reference = randomReference('SA');
      const outcome = await repository.inTransaction(async (trx, tx: Transaction) => {
        const moved = await deps.states.moveIn(createScamIdentifierRepository(tx), tx, {
          identifierId: identifier.id,
          to: 'appealed',
          actor: { type: 'system', id: null },
          reason: 'appealFiled',
          note: `appeal ${reference}`,
          expectedFrom: 'confirmed',
        });
        if (!moved.ok) return false;
        await trx.insertAppeal({
          id: deps.ids(),
          reference,
          identifier_id: identifier.id,
          statement_enc: keyring.encrypt(text, SEALED.appealStatement),
          contact_enc: address === '' ? null : keyring.encrypt(address, SEALED.appealContact),
          language,
          state: 'open',
          filed_at: at,
          decided_at: null,
          decided_by: null,
          decision_reason: null,
        });
        await trx.spendCheck(check.id);
        await deps.sms.enqueue(tx, { to: e164, text: t('scams.appeals.sms.filed', { reference }), purpose: APPEAL_SMS_PURPOSE.filed });
        return true;
      });
      if (!outcome) return { ok: false, issues: [{ field: 'statement', messageKey: 'scams.appeals.error.alreadyAppealed' }] };
      return { ok: true, value: { reference } };
    },

    async listOpen() {
      return (await repository.listAppeals('open')).map(view);
    },

    async find(id) {
      if (id.length > 100) return undefined;
      const row = await repository.findAppeal(id);
      return row ? view(row) : undefined;
    },

    async decide({ id, actor, decision, reason }) {
      const why = reason.trim();
      if (why === '' || why.length > 2000) return { ok: false, problem: 'reason' };
      const appeal = await repository.findAppeal(id);
      if (!appeal) return { ok: false, problem: 'notFound' };
      if (appeal.state !== 'open') return { ok: false, problem: 'decided' };
      const isUpheld = decision === 'uphold';
      const at = clock.now().toISOString();
      return repository.inTransaction(async (trx, tx) => {
        const isDecided = await trx.decideAppeal(id, { state: isUpheld ? 'upheld' : 'overturned', at, by: actor.id ?? actor.type, reason: why });
        if (!isDecided) return { ok: false, problem: 'decided' } as const;
        const moved = await deps.states.moveIn(createScamIdentifierRepository(tx), tx, {
          identifierId: appeal.identifier_id,
          to: isUpheld ? 'confirmed' : 'cleared',
          actor,
          reason: isUpheld ? 'appealUpheld' : 'appealOverturned',
          note: why,
          expectedFrom: 'appealed',
        });
        if (!moved.ok) throw new Error(`appeal ${appeal.reference}: the identifier could not move (${moved.problem})`);
        const t = deps.translator(appeal.language);
        const words = isUpheld ? 'upheld' : 'overturned';
        const number = keyring.decrypt(appeal.identifier_value_enc, SEALED.identifierValue);
        await deps.sms.enqueue(tx, { to: number, text: t(`scams.appeals.sms.${words}`, { reference: appeal.reference }), purpose: APPEAL_SMS_PURPOSE.decided });
        if (appeal.contact_enc !== null)
          await enqueueEmail(deps.jobs, tx, {
            to: keyring.decrypt(appeal.contact_enc, SEALED.appealContact),
            subject: t('scams.appeals.mail.subject', { reference: appeal.reference }),
            text: t(`scams.appeals.mail.${words}`, { reference: appeal.reference, reason: why }),
          });
        return { ok: true } as const;
      });
    },
  };
}
