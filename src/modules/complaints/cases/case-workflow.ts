import type { Logger } from 'pino';
import type { Actor, AuditEntry, AuditLog } from '../../../platform/audit/index.ts';
import type { Role } from '../../../platform/auth/index.ts';
import type { WorkCalendar } from '../../../platform/calendar.ts';
import type { Clock } from '../../../platform/clock.ts';
import { type Transaction } from '../../../platform/db/index.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { Conflict, Invalid, NotFound } from '../../../platform/http/errors.ts';
import type { Catalogs, ListValue } from '../../../platform/i18n/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import { enqueueEmail } from '../../../platform/notify/index.ts';
import { type SmsOutbox } from '../../../platform/sms/index.ts';
import { createOperatorDirectory, type OperatorDirectory } from '../../../platform/operators/index.ts';
import { canMove, type Party } from './complaint-stages.ts';
import { createCaseClock } from '../deadlines/case-clock.ts';
import { createCaseAttachments } from './case-attachments.ts';
import { parseReference } from './complaint-reference.ts';
import { TEXT_LIMITS } from './complaint-validation.ts';
import { complaintProblem, refusal, stageTerm } from './complaint-messages.ts';
import type { CaseRecord, CaseRow, ComplaintRepository, FilingRow } from './complaint.repository.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import { pageWindow, type CaseListPage, type CasePage, type ListRequest } from './complaint-list-page.ts';
import type { ComplaintStage } from './complaint.types.ts';
import { ERASED, readComplaintCase, type ComplaintCase } from './complaint-case.ts';

/** A regulator staff member acting on cases: the audit actor and the role (reopening late needs admin). */
export interface StaffActor {
  actor: Actor;
  userId: string;
  role: Role;
}

/** An operator acting on its own cases, through its portal account or an API token. */
export interface OperatorActor {
  actor: Actor;
  operatorId: string;
}

/** Everything the complaint service needs, injected. */
export interface ComplaintServiceDeps {
  repository: ComplaintRepository;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  jobs: JobQueue;
  catalogs: Catalogs;
  logger: Logger;
  settings: ComplaintsSettings;
  calendar: WorkCalendar;
  languages: readonly Language[];
  defaultLanguage: Language;
  /** The platform's operator register, read afresh on each call. */
  operators: OperatorDirectory;
  /** The consumer's follow page, named in e-mails. */
  followUrl: string;
  /** The SMS outbox: receipts and notices to a consumer who chose to be reached by text message. */
  sms: SmsOutbox;
  /** The profile's country (ISO 3166-1 alpha-2), for mobile numbers typed without a country code. */
  country: string;
  /** The small-cell rule of every published dataset (`modules.opendata.smallestCount`). */
  smallestCount: number;
}

/** The shared case workflow every audience's service is built from (see {@link createCaseWorkflow}). */
export type CaseWorkflow = ReturnType<typeof createCaseWorkflow>;

/**
 * Builds the case workflow the audiences share: sealing and reading personal values, operator
 * names from the platform's register, the transaction, `move` with its history, deadlines, audit entry and e-mail, the
 * deadlines' clock (`deadlines/case-clock.ts`), attachments (`case-attachments.ts`), finding a case and one page of a list.
 */
export function createCaseWorkflow(deps: ComplaintServiceDeps) {
  const { repository, keyring, clock, ids, audit, jobs, catalogs, calendar, logger } = deps;
  const enc = (value: string, context: string) => keyring.encrypt(value, `complaints.${context}`);
  const dec = (sealed: string | null, context: string): string | null => {
    if (sealed === null) return null;
    if (sealed === ERASED) return ERASED;
    return keyring.decrypt(sealed, `complaints.${context}`);
  };
  const decText = (sealed: string, context: string): string => dec(sealed, context) ?? '';
  const emailHash = (email: string) => keyring.hash(email.trim().toLowerCase(), 'complaints.email');
  const phoneHash = (e164: string) => keyring.hash(e164, 'complaints.phone');
  const nowIso = () => clock.now().toISOString();
  /**
   * An operator's name as people read it (its licence id when the register lacks it). Inside a
   * transaction it is read through `tx`: on SQLite a query outside the transaction would wait for it forever.
   */
  const operatorName = async (id: string, tx?: Transaction): Promise<string> =>
    (await (tx === undefined ? deps.operators : createOperatorDirectory(tx)).nameOf(id)) ?? id;
  /** Runs `work` in one transaction: `repo` is bound to it, and `tx` is for the audit log and the job queue only. */
  const inTx = <T>(work: (repo: ComplaintRepository, tx: Transaction) => Promise<T>): Promise<T> => repository.inTransaction(work);
  /** Audits a look-up that changed nothing (a list, a case, an export), in a transaction of its own. */
  const auditRead = (entry: AuditEntry): Promise<void> => inTx((_repo, tx) => audit.record(tx, entry));
  const languageOf = (value: string): Language => deps.languages.find((l) => l === value) ?? deps.defaultLanguage;
  const formatDate = (iso: string, language: string) =>
    new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: calendar.timeZone }).format(new Date(iso));

  /** Sends one of the module's e-mails to the consumer of a filing, in their language, inside the transaction. */
  async function mailConsumer(tx: Transaction, filing: FilingRow, event: string, values: Record<string, string | ListValue>): Promise<void> {
    if (filing.erased_at !== null) return;
    const language = languageOf(filing.language);
    const t = catalogs.translator(language);
    const reference = String(values['reference'] ?? '');
    if (filing.contact_by === 'sms') {
      const mobile = dec(filing.consumer_phone_enc, 'consumer_phone');
      if (mobile === null || mobile === ERASED) return;
      // A text is short: the receipt names the filing, any other event only says there is news and where to read it.
      const isReceipt = event === 'filed' || event === 'filedReferred';
      await deps.sms.enqueue(tx, {
        to: mobile,
        text: t(isReceipt ? 'complaints.sms.filed' : 'complaints.sms.update', { reference, url: deps.followUrl }),
        purpose: isReceipt ? 'complaints.receipt' : 'complaints.notice',
      });
      logger.info({ filingId: filing.id, event }, 'complaint text queued');
      return;
    }
    const to = decText(filing.consumer_email_enc, 'consumer_email');
    await enqueueEmail(jobs, tx, {
      to,
      subject: t(`complaints.mail.${event}.subject`, values),
      text: `${t(`complaints.mail.${event}.body`, values)}\n\n${t('complaints.mail.follow', { url: deps.followUrl, reference })}`,
    });
    logger.info({ filingId: filing.id, event }, 'complaint e-mail queued');
  }

  const { openDeadline, settleDueDates, restartClock } = createCaseClock(deps);

  /**
   * Moves a case to `to`, checked against the transition table, and records it: the stage history,
   * the deadlines, the audit log and an e-mail to the consumer, all in the caller's transaction.
   */
  async function move(
    repo: ComplaintRepository,
    tx: Transaction,
    caseRow: CaseRow,
    to: ComplaintStage,
    party: Party,
    actor: Actor,
    reason: string,
    extra: Partial<CaseRow> = {},
    isMailed = true,
  ): Promise<CaseRow> {
    if (!canMove(caseRow.stage, to, party)) {
      throw new Conflict('COMPLAINT_TRANSITION_REFUSED', refusal('move', { stage: stageTerm(caseRow.stage), to: stageTerm(to) }));
    }
    const at = nowIso();
    const changes: Partial<CaseRow> = { ...extra, stage: to, stage_entered_at: at, updated_at: at };
    if (to === 'closed') changes.closed_at = at;
    // From this instant, and not before, the operator may see the case.
    if (to === 'referred_to_operator' && caseRow.referred_at === null) changes.referred_at = at;
    if (!(await repo.updateCase(caseRow.id, caseRow.version, changes))) throw new Conflict('COMPLAINT_CHANGED', refusal('changed'));
    await repo.insertHistory({
      id: ids(),
      case_id: caseRow.id,
      from_stage: caseRow.stage,
      to_stage: to,
      reason,
      actor_type: actor.type,
      actor_id: actor.id,
      at,
    });
    // A deadline whose clock stands still cannot pass meanwhile: it closes against the day the running pause gives it.
    const pauses = await repo.listPauses(caseRow.id);
    if (pauses.some((p) => p.to_at === null)) await settleDueDates(repo, caseRow.id, at, pauses);
    await repo.closeOpenDeadlines(caseRow.id, at);
    // A closed case waits for no answer: a clock left stopped would freeze the deadline of a reopened one.
    if (to === 'closed') await repo.endOpenPauses(caseRow.id, at);
    const moved: CaseRow = { ...caseRow, ...changes, version: caseRow.version + 1 };
    const deadline = await openDeadline(repo, moved, to, at);
    await audit.record(tx, {
      actor,
      action: 'complaints.case.moved',
      entityType: 'complaint_case',
      entityId: caseRow.id,
      details: { from: caseRow.stage, to, reason },
    });
    const filing = isMailed ? await repo.findFilingById(caseRow.filing_id) : undefined;
    if (filing) {
      const language = languageOf(filing.language);
      const t = catalogs.translator(language);
      await mailConsumer(tx, filing, 'stage', {
        reference: caseRow.reference,
        operator: await operatorName(caseRow.operator_id, tx),
        stage: t(`complaints.stage.${to}`),
        due: deadline ? formatDate(deadline.due_at, language) : '-',
      });
    }
    return moved;
  }

  async function findCase(repo: ComplaintRepository, reference: string): Promise<CaseRow> {
    const parsed = parseReference(reference);
    const found = parsed ? await repo.findCaseByReference(parsed) : undefined;
    if (!found) throw new NotFound('COMPLAINT_NOT_FOUND', refusal('notFound'));
    return found;
  }

  async function findOperatorCase(repo: ComplaintRepository, operatorId: string, reference: string): Promise<CaseRow> {
    const found = await findCase(repo, reference);
    // Another operator's case, and one the regulator has not referred yet, answer exactly as a
    // missing one: the consumer agreed to share the complaint only once it is referred.
    if (found.operator_id !== operatorId || found.referred_at === null) throw new NotFound('COMPLAINT_NOT_FOUND', refusal('notFound'));
    return found;
  }

  function checkText(field: string, text: string, max: number = TEXT_LIMITS.message): string {
    const trimmed = typeof text === 'string' ? text.trim() : '';
    if (trimmed.length === 0) throw new Invalid([complaintProblem(field, 'textMissing')]);
    if (trimmed.length > max) throw new Invalid([complaintProblem(field, 'textLong', { max })]);
    return trimmed;
  }

  const { insertAttachment, readAttachmentOf } = createCaseAttachments({ ...deps, enc, decText, auditRead });

  /** A stored case with its personal values decrypted, read outside a transaction; contacts and staff notes only when `includeContacts`. */
  async function readCase(record: CaseRecord, includeContacts: boolean): Promise<ComplaintCase> {
    return readComplaintCase({ dec, decText, settings: deps.settings, calendar }, record, await operatorName(record.case.operator_id), includeContacts);
  }

  /**
   * One page of a list: counted first, so a page past the end shows the last one. The look-up is
   * audited as `lookUp.action`, with the rows and the page shown besides its `details`.
   */
  async function listedPage<Row>(
    lookUp: Pick<AuditEntry, 'actor' | 'action' | 'details'>,
    request: ListRequest,
    count: () => Promise<number>,
    list: (page: CasePage) => Promise<Row[]>,
  ): Promise<CaseListPage<Row>> {
    const total = await count();
    const { page, pages, casePage } = pageWindow(request, total);
    const listed = { ...request, page, pages, total, rows: await list(casePage) };
    await auditRead({ ...lookUp, entityType: 'complaint_case', details: { ...lookUp.details, rows: listed.rows.length, page: listed.page } });
    return listed;
  }

  return {
    ...deps,
    enc,
    dec,
    decText,
    emailHash,
    phoneHash,
    nowIso,
    operatorName,
    inTx,
    auditRead,
    languageOf,
    formatDate,
    mailConsumer,
    openDeadline,
    move,
    findCase,
    findOperatorCase,
    checkText,
    restartClock,
    insertAttachment,
    readAttachmentOf,
    listedPage,
    readCase,
    /** Every operator's name by licence id, read afresh from the register: one read for a page that names many. */
    operatorNames: async (): Promise<Map<string, string>> => new Map((await deps.operators.list()).map((o) => [o.id, o.name])),
  };
}
