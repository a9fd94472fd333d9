import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Role } from '../../../platform/auth/index.ts';
import { deadlineOf, type WorkCalendar } from '../../../platform/calendar.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { Conflict, Invalid, NotFound } from '../../../platform/http/errors.ts';
import type { Catalogs, ListValue } from '../../../platform/i18n/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import { enqueueEmail } from '../../../platform/notify/index.ts';
import { sniffMediaType } from '../../../platform/http/file-signature.ts';
import { canMove, type Party } from './complaint-stages.ts';
import { DEADLINE_STAGES, isKnownForLong, stageDeadlineOf, type DeadlineStage } from '../deadlines/deadlines.ts';
import { parseReference } from './complaint-reference.ts';
import { TEXT_LIMITS } from './complaint-validation.ts';
import { complaintProblem, refusal, stageTerm } from './complaint-messages.ts';
import type { CaseRow, ComplaintRepository, DeadlineRow, FilingRow, PauseRow } from './complaint.repository.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import { safeFileName, typeChoice } from './complaint-file-name.ts';
import { pageWindow, type CaseListPage, type CasePage, type ListRequest } from './complaint-list-page.ts';
import type { ComplaintStage, FilingAttachment } from './complaint.types.ts';

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
  listOperators(): Promise<Array<{ id: string; name: string }>>;
  /** The consumer's follow page, named in e-mails. */
  followUrl: string;
}

/** What an erased filing's personal values read as. */
export const ERASED = '[erased]';

/** The shared case workflow every audience's service is built from (see {@link createCaseWorkflow}). */
export type CaseWorkflow = ReturnType<typeof createCaseWorkflow>;

/**
 * Builds the case workflow the audiences share: sealing and reading personal values, operator
 * names, the transaction, `move` with its history, deadlines, audit entry and e-mail, the
 * deadlines' clock, attachments, finding a case and one page of a list.
 */
export function createCaseWorkflow(deps: ComplaintServiceDeps) {
  const { repository, keyring, clock, ids, audit, jobs, catalogs, settings, calendar, logger } = deps;
  const enc = (value: string, context: string) => keyring.encrypt(value, `complaints.${context}`);
  const dec = (sealed: string | null, context: string): string | null => {
    if (sealed === null) return null;
    if (sealed === ERASED) return ERASED;
    return keyring.decrypt(sealed, `complaints.${context}`);
  };
  const decText = (sealed: string, context: string): string => dec(sealed, context) ?? '';
  const emailHash = (email: string) => keyring.hash(email.trim().toLowerCase(), 'complaints.email');
  const nowIso = () => clock.now().toISOString();
  let operatorNames: { names: Map<string, string>; at: number } | undefined;
  // Read before a transaction opens: on SQLite a query outside the transaction would wait for it forever.
  const ensureOperators = async () => {
    if (operatorNames && Date.now() - operatorNames.at < 60_000) return;
    operatorNames = { names: new Map((await deps.listOperators()).map((o) => [o.id, o.name])), at: Date.now() };
  };
  const operatorName = async (id: string) => operatorNames?.names.get(id) ?? id;
  const inTx = async <T>(work: (repo: ComplaintRepository) => Promise<T>): Promise<T> => {
    await ensureOperators();
    return repository.inTransaction(work);
  };
  const languageOf = (value: string): Language => deps.languages.find((l) => l === value) ?? deps.defaultLanguage;
  const formatDate = (iso: string, language: string) =>
    new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: calendar.timeZone }).format(new Date(iso));

  /** Sends one of the module's e-mails to the consumer of a filing, in their language, inside the transaction. */
  async function mailConsumer(repo: ComplaintRepository, filing: FilingRow, event: string, values: Record<string, string | ListValue>): Promise<void> {
    if (filing.erased_at !== null) return;
    const language = languageOf(filing.language);
    const t = catalogs.translator(language);
    const to = decText(filing.consumer_email_enc, 'consumer_email');
    await enqueueEmail(jobs, repo.executor, {
      to,
      subject: t(`complaints.mail.${event}.subject`, values),
      text: `${t(`complaints.mail.${event}.body`, values)}\n\n${t('complaints.mail.follow', { url: deps.followUrl, reference: String(values['reference'] ?? '') })}`,
    });
    logger.info({ filingId: filing.id, event }, 'complaint e-mail queued');
  }

  /** Opens the deadline of `stage`, when it has one. */
  async function openDeadline(
    repo: ComplaintRepository,
    caseRow: Pick<CaseRow, 'id' | 'has_extra_support' | 'problem_started_on' | 'filed_at'>,
    stage: ComplaintStage,
    at: string,
  ): Promise<DeadlineRow | null> {
    if (!(DEADLINE_STAGES as readonly string[]).includes(stage)) return null;
    const setting = stageDeadlineOf(settings, stage as DeadlineStage, {
      hasExtraSupport: Boolean(caseRow.has_extra_support),
      isKnownForLong: isKnownForLong(settings, calendar, caseRow.problem_started_on, new Date(caseRow.filed_at)),
    });
    const row: DeadlineRow = {
      id: ids(),
      case_id: caseRow.id,
      stage,
      starts_at: at,
      days: setting.days,
      count: setting.count,
      due_at: deadlineOf(calendar, new Date(at), setting.days, setting.count, { lastDay: settings.lastDayOnNonBusinessDay }).toISOString(),
      met_at: null,
      is_missed: false,
    };
    await repo.insertDeadline(row);
    return row;
  }

  /**
   * Moves a case to `to`, checked against the transition table, and records it: the stage history,
   * the deadlines, the audit log and an e-mail to the consumer, all in the caller's transaction.
   */
  async function move(
    repo: ComplaintRepository,
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
    await audit.record(repo.executor, {
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
      await mailConsumer(repo, filing, 'stage', {
        reference: caseRow.reference,
        operator: await operatorName(caseRow.operator_id),
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

  /**
   * Gives the open deadlines of a case the due day their pauses make, a pause still running
   * counted up to `at`: each pause clipped to the deadline's start, so days before a stage began
   * never move its deadline.
   */
  async function settleDueDates(repo: ComplaintRepository, caseId: string, at: string, pauses: readonly PauseRow[]): Promise<void> {
    for (const d of (await repo.listDeadlinesOf([caseId])).filter((x) => x.met_at === null)) {
      const clipped = pauses
        .filter((p) => (p.to_at ?? at) > d.starts_at)
        .map((p) => ({ from: new Date(p.from_at < d.starts_at ? d.starts_at : p.from_at), to: p.to_at === null ? null : new Date(p.to_at) }));
      const due = deadlineOf(calendar, new Date(d.starts_at), d.days, d.count === 'calendar' ? 'calendar' : 'business', {
        pauses: clipped,
        now: new Date(at),
        lastDay: settings.lastDayOnNonBusinessDay,
      });
      if (due.toISOString() !== d.due_at) await repo.updateDeadlineDue(d.id, due.toISOString());
    }
  }

  /** Restarts a stopped clock: ends the pauses and pushes the open deadlines back by the days they stood still. */
  async function restartClock(repo: ComplaintRepository, caseId: string, at: string): Promise<void> {
    const ended = await repo.endOpenPauses(caseId, at);
    if (ended > 0) await settleDueDates(repo, caseId, at, await repo.listPauses(caseId));
  }

  /**
   * Stores an attachment of a case, encrypted, and audits it; returns its id. The stored type and
   * the name's extension come from the file's first bytes, whatever the uploader called it.
   */
  async function insertAttachment(repo: ComplaintRepository, caseId: string, file: FilingAttachment, actor: Actor, at: string): Promise<string> {
    const sniffed = sniffMediaType(file.content);
    if (sniffed === null || !settings.attachments.types.includes(sniffed))
      throw new Invalid(
        [complaintProblem('file', 'fileType', { types: typeChoice(settings.attachments.types) })],
        'COMPLAINT_ATTACHMENT_INVALID',
        refusal('attachmentInvalid'),
      );
    const id = ids();
    await repo.insertAttachment({
      id,
      case_id: caseId,
      file_name_enc: enc(safeFileName(file.fileName, sniffed), 'attachment_name'),
      media_type: sniffed,
      size_bytes: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content_enc: keyring.encrypt(file.content.toString('base64'), 'complaints.attachment'),
      actor_type: actor.type,
      actor_id: actor.id,
      created_at: at,
    });
    await audit.record(repo.executor, {
      actor,
      action: 'complaints.attachment.added',
      entityType: 'complaint_case',
      entityId: caseId,
      details: { attachmentId: id, sizeBytes: file.content.length, mediaType: sniffed },
    });
    return id;
  }

  async function readAttachmentOf(c: CaseRow, attachmentId: string, actor: Actor) {
    const found = await repository.findAttachment(c.id, attachmentId);
    if (!found) throw new NotFound('COMPLAINT_ATTACHMENT_NOT_FOUND', refusal('attachmentNotFound'));
    await inTx((repo) =>
      audit.record(repo.executor, { actor, action: 'complaints.attachment.read', entityType: 'complaint_case', entityId: c.id, details: { attachmentId } }),
    );
    const content = Buffer.from(keyring.decrypt(found.content_enc, 'complaints.attachment'), 'base64');
    // Served as what its bytes are, under a name that says so; unknown bytes only as a download of unknown type.
    const sniffed = sniffMediaType(content);
    return {
      fileName: sniffed ? safeFileName(decText(found.file_name_enc, 'attachment_name'), sniffed) : 'attachment',
      mediaType: sniffed ?? 'application/octet-stream',
      content,
    };
  }

  /** One page of a list: counted first, so a page past the end shows the last one. */
  async function listedPage<Row>(request: ListRequest, count: () => Promise<number>, list: (page: CasePage) => Promise<Row[]>): Promise<CaseListPage<Row>> {
    const total = await count();
    const { page, pages, casePage } = pageWindow(request, total);
    return { ...request, page, pages, total, rows: await list(casePage) };
  }

  return {
    ...deps,
    enc,
    dec,
    decText,
    emailHash,
    nowIso,
    ensureOperators,
    operatorName,
    inTx,
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
    /** The operators' names by id, as the cache holds them. */
    operatorNames: async () => {
      await ensureOperators();
      return new Map(operatorNames?.names ?? []);
    },
  };
}
