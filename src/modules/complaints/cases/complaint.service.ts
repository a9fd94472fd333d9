import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Role } from '../../../platform/auth/index.ts';
import { deadlineOf, endOfLocalDay, localDateOf, type WorkCalendar } from '../../../platform/calendar.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { Conflict, Forbidden, Invalid, NotFound, type FieldProblem } from '../../../platform/http/errors.ts';
import { listValue, sizeValue, type Catalogs, type ListValue } from '../../../platform/i18n/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import { enqueueEmail } from '../../../platform/notify/index.ts';
import { canMove, type Party } from './complaint-stages.ts';
import {
  DEADLINE_STAGES,
  ESCALATION_STAGES,
  escalationOpensAtOf,
  isEscalationOpen,
  isKnownForLong,
  reviewWindowEndOf,
  stageDeadlineOf,
  type DeadlineStage,
} from '../deadlines/deadlines.ts';
import { newReference, parseReference } from './complaint-reference.ts';
import { checkSubmission, TEXT_LIMITS } from './complaint-validation.ts';
import { complaintProblem, refusal, stageTerm } from './complaint-messages.ts';
import type { CaseRecord, CaseRow, CaseSummaryRow, ComplaintRepository, DeadlineRow, FilingRow, PauseRow, QueueFilter } from './complaint.repository.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import { sniffMediaType } from '../../../platform/http/file-signature.ts';
import { safeFileName, shownFileName, typeChoice } from './complaint-file-name.ts';
import { computeQuarterStatistics, quarterRange, quartersBetween, type QuarterStatistics } from '../statistics/complaint-statistics.ts';
import { COMPLAINT_SERVICES } from './complaint.types.ts';
import { pageWindow, type CaseListPage, type CasePage, type ListRequest } from './complaint-list-page.ts';
import type {
  ComplaintStage,
  ComplaintSubmission,
  ComplaintsService,
  ConsumerCaseView,
  ConsumerComplaintView,
  ExtraSupportNeed,
  FiledComplaint,
  FilingAttachment,
  FilingOptions,
  StageDeadline,
  SurveyAnswers,
} from './complaint.types.ts';

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

/** What an operator sends: an answer, a proposed resolution, a disputed amount put on hold, or deadlock. */
export interface OperatorResponseInput {
  kind: 'response' | 'resolution' | 'deadlock' | 'amount_on_hold';
  text: string;
  /** Decimal string, for `amount_on_hold`. */
  amount?: string;
}

/** A case with its personal values decrypted, for staff and (without contacts) for its operator. */
export interface CaseDetail {
  reference: string;
  filingReference: string;
  operatorId: string;
  operatorName: string;
  service: string;
  category: string;
  stage: ComplaintStage;
  channel: string;
  /** For a filing by a consumer association: when the consumer's consent to act for them was recorded, else null. */
  onBehalfConsentAt: string | null;
  filedAt: string;
  language: string;
  isUntimely: boolean;
  isDeadlock: boolean;
  isErased: boolean;
  hasExtraSupport: boolean;
  extraSupport: ExtraSupportNeed[];
  extraSupportDetails: string | null;
  amountOnHold: string | null;
  assignedTo: string | null;
  consumer: { name: string; email: string | null; phone: string | null; accountNumber: string | null; serviceNumber: string | null };
  description: string;
  /** YYYY-MM-DD, when given. */
  problemStartedOn: string | null;
  desiredOutcome: string;
  priorContact: { contacted: boolean; date: string | null; operatorReference: string | null };
  deadlines: Array<StageDeadline & { startsAt: string; metAt: string | null; isMissed: boolean; isOpen: boolean }>;
  isClockStopped: boolean;
  escalationOpensAt: string;
  closedAt: string | null;
  /** Until when staff may reopen the closed case (later only an administrator); null while it is open. */
  reviewWindowEndsAt: string | null;
  history: Array<{ from: string | null; to: string; reason: string; actorType: string; at: string }>;
  messages: Array<{
    from: 'consumer' | 'regulator' | 'operator';
    text: string;
    at: string;
    isInformationRequest: boolean;
    answeredAt: string | null;
    isSharedWithOperator: boolean;
    isRefusalReason: boolean;
  }>;
  notes: Array<{ text: string; authorId: string | null; at: string }>;
  responses: Array<{ kind: string; text: string; amount: string | null; at: string }>;
  decisions: Array<{ outcome: string; text: string; at: string }>;
  implementations: Array<{ status: string; note: string; at: string }>;
  attachments: Array<{ id: string; fileName: string; mediaType: string; sizeBytes: number; at: string; by: string }>;
  survey: { satisfaction: number; wasEasy: number | null } | null;
}

/**
 * One case as its operator sees it, from the moment it was referred: only what the consent text
 * lists (`OPERATOR_SHARED_FIELDS`), never the consumer's e-mail address, contact phone,
 * why they need extra support, the regulator's notes or its messages with the consumer.
 */
export interface OperatorCaseView {
  reference: string;
  operatorName: string;
  service: string;
  category: string;
  stage: ComplaintStage;
  filedAt: string;
  referredAt: string;
  isUntimely: boolean;
  isDeadlock: boolean;
  isErased: boolean;
  /** That the consumer needs extra support (their deadlines are shorter), not why. */
  hasExtraSupport: boolean;
  amountOnHold: string | null;
  consumer: { name: string; accountNumber: string | null; serviceNumber: string | null };
  description: string;
  problemStartedOn: string | null;
  desiredOutcome: string;
  priorContact: { contacted: boolean; date: string | null; operatorReference: string | null };
  deadlines: CaseDetail['deadlines'];
  history: CaseDetail['history'];
  /** The operator's own messages and the consumer's addressed to it, their reason to refuse its answer included. */
  messages: Array<{ from: 'consumer' | 'regulator' | 'operator'; text: string; at: string; isRefusalReason: boolean }>;
  responses: CaseDetail['responses'];
  decisions: CaseDetail['decisions'];
  implementations: CaseDetail['implementations'];
  attachments: CaseDetail['attachments'];
}

/** What the sweep did; each number counts cases. */
export interface SweepReport {
  escalatedUntimely: number;
  toldEntitled: number;
  regulatorOverdue: number;
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

const ERASED = '[erased]';
const CONSUMER_VISIBLE_RESPONSE_KINDS = new Set(['response', 'resolution', 'deadlock']);
const SURVEY_STAGES: readonly ComplaintStage[] = ['accepted', 'decision', 'implemented', 'closed'];
// The regulator's own steps before a case can reach the operator; none is visited again.
const PRE_REFERRAL_STAGES: readonly string[] = ['received', 'assessed'];
const DAY_MS = 86_400_000;
const SURVEY_COMMENT_MAX = 2000;
const DECISION_OUTCOMES: readonly string[] = ['upheld', 'partly_upheld', 'not_upheld'];

/** The full complaint service: the consumer's part (see {@link ComplaintsService}), staff, operators and the deadline sweep. */
export type FullComplaintService = ReturnType<typeof createComplaintService>;

/** Builds the complaint service. */
export function createComplaintService(deps: ComplaintServiceDeps) {
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

  async function presentConsumer(record: CaseRecord): Promise<ConsumerCaseView> {
    const c = record.case;
    const now = nowIso();
    const open = record.deadlines.find((d) => d.met_at === null);
    const isWaiting = record.pauses.some((p) => p.to_at === null);
    const lastResponse = [...record.responses].reverse().find((r) => CONSUMER_VISIBLE_RESPONSE_KINDS.has(r.kind));
    const decision = record.decisions.at(-1);
    const canDecide = c.stage === 'operator_responded' || c.stage === 'resolution_proposed';
    const escalationOpen = isEscalationOpen(c, now);
    return {
      reference: c.reference,
      filingReference: record.filing.reference,
      operatorId: c.operator_id,
      operatorName: await operatorName(c.operator_id),
      service: c.service,
      category: c.category,
      stage: c.stage,
      filedAt: c.filed_at,
      language: record.filing.language,
      description: decText(c.description_enc, 'description'),
      desiredOutcome: decText(c.desired_outcome_enc, 'desired_outcome'),
      currentDeadline: open && !isWaiting ? { stage: open.stage, dueAt: open.due_at } : null,
      deadlines: record.deadlines.map((d) => ({ stage: d.stage, dueAt: d.due_at })),
      isWaitingForConsumer: isWaiting,
      operatorResponse: lastResponse
        ? {
            kind: lastResponse.kind === 'resolution' ? 'resolution' : lastResponse.kind === 'deadlock' ? 'deadlock' : 'response',
            text: decText(lastResponse.text_enc, 'response'),
            at: lastResponse.created_at,
          }
        : null,
      decision: decision ? { outcome: decision.outcome, text: decText(decision.text_enc, 'decision'), at: decision.decided_at } : null,
      messages: record.messages.map((m) => ({
        from: m.sender,
        text: decText(m.text_enc, 'message'),
        at: m.created_at,
        isInformationRequest: Boolean(m.is_information_request),
        isSharedWithOperator: Boolean(m.is_shared_with_operator),
        isRefusalReason: m.purpose === 'refusal',
      })),
      stageHistory: record.history.map((h) => ({ stage: h.to_stage, at: h.at })),
      can: {
        accept: canDecide,
        reject: canDecide,
        escalate: (ESCALATION_STAGES.includes(c.stage) && escalationOpen) || c.stage === 'rejected',
        survey: SURVEY_STAGES.includes(c.stage) && record.survey === undefined,
        message: c.stage !== 'closed',
        messageOperator: c.stage !== 'closed' && c.referred_at !== null,
      },
      isEscalationOpen: escalationOpen,
      escalationOpensAt: c.is_deadlock ? (record.responses.find((r) => r.kind === 'deadlock')?.created_at ?? c.escalation_opens_at) : c.escalation_opens_at,
      hasSurvey: record.survey !== undefined,
    };
  }

  async function presentDetail(record: CaseRecord, includeContacts: boolean): Promise<CaseDetail> {
    const c = record.case;
    const f = record.filing;
    const extra = dec(f.extra_support_enc, 'extra_support');
    return {
      reference: c.reference,
      filingReference: f.reference,
      operatorId: c.operator_id,
      operatorName: await operatorName(c.operator_id),
      service: c.service,
      category: c.category,
      stage: c.stage,
      channel: f.channel,
      onBehalfConsentAt: f.on_behalf_consent ? f.consent_at : null,
      filedAt: c.filed_at,
      language: f.language,
      isUntimely: Boolean(c.is_untimely),
      isDeadlock: Boolean(c.is_deadlock),
      isErased: f.erased_at !== null,
      hasExtraSupport: Boolean(c.has_extra_support),
      extraSupport: extra && extra !== ERASED ? (JSON.parse(extra) as ExtraSupportNeed[]) : [],
      extraSupportDetails: includeContacts ? dec(f.extra_support_details_enc, 'extra_support_details') : null,
      amountOnHold: c.amount_on_hold,
      assignedTo: c.assigned_to,
      consumer: {
        name: decText(f.consumer_name_enc, 'consumer_name'),
        email: includeContacts ? dec(f.consumer_email_enc, 'consumer_email') : null,
        phone: includeContacts ? dec(f.consumer_phone_enc, 'consumer_phone') : null,
        accountNumber: dec(f.consumer_account_enc, 'consumer_account'),
        serviceNumber: dec(f.service_number_enc, 'service_number'),
      },
      description: decText(c.description_enc, 'description'),
      problemStartedOn: c.problem_started_on,
      desiredOutcome: decText(c.desired_outcome_enc, 'desired_outcome'),
      priorContact: {
        contacted: Boolean(c.has_prior_contact),
        date: c.prior_contact_date,
        operatorReference: dec(c.prior_operator_reference_enc, 'prior_operator_reference'),
      },
      deadlines: record.deadlines.map((d) => ({
        stage: d.stage,
        dueAt: d.due_at,
        startsAt: d.starts_at,
        metAt: d.met_at,
        isMissed: Boolean(d.is_missed),
        isOpen: d.met_at === null,
      })),
      isClockStopped: record.pauses.some((p) => p.to_at === null),
      escalationOpensAt: c.escalation_opens_at,
      closedAt: c.closed_at,
      reviewWindowEndsAt: c.closed_at === null ? null : reviewWindowEndOf(settings, calendar, c.closed_at),
      history: record.history.map((h) => ({ from: h.from_stage, to: h.to_stage, reason: h.reason, actorType: h.actor_type, at: h.at })),
      messages: record.messages.map((m) => ({
        from: m.sender,
        text: decText(m.text_enc, 'message'),
        at: m.created_at,
        isInformationRequest: Boolean(m.is_information_request),
        answeredAt: m.answered_at,
        isSharedWithOperator: Boolean(m.is_shared_with_operator),
        isRefusalReason: m.purpose === 'refusal',
      })),
      notes: includeContacts ? record.notes.map((n) => ({ text: decText(n.text_enc, 'note'), authorId: n.author_id, at: n.created_at })) : [],
      responses: record.responses.map((r) => ({ kind: r.kind, text: decText(r.text_enc, 'response'), amount: r.amount, at: r.created_at })),
      decisions: record.decisions.map((d) => ({ outcome: d.outcome, text: decText(d.text_enc, 'decision'), at: d.decided_at })),
      implementations: record.implementations.map((i) => ({ status: i.status, note: decText(i.note_enc, 'implementation'), at: i.at })),
      attachments: record.attachments.map((a) => ({
        id: a.id,
        fileName: shownFileName(decText(a.file_name_enc, 'attachment_name'), a.media_type),
        mediaType: a.media_type,
        sizeBytes: a.size_bytes,
        at: a.created_at,
        by: a.actor_type,
      })),
      survey: record.survey ? { satisfaction: record.survey.satisfaction, wasEasy: record.survey.was_easy } : null,
    };
  }

  /** The operator's view of a referred case: an allow-list of the fields the consent text names. */
  async function presentOperator(record: CaseRecord): Promise<OperatorCaseView> {
    const c = record.case;
    const f = record.filing;
    const referredAt = c.referred_at ?? c.filed_at;
    return {
      reference: c.reference,
      operatorName: await operatorName(c.operator_id),
      service: c.service,
      category: c.category,
      stage: c.stage,
      filedAt: c.filed_at,
      referredAt,
      isUntimely: Boolean(c.is_untimely),
      isDeadlock: Boolean(c.is_deadlock),
      isErased: f.erased_at !== null,
      hasExtraSupport: Boolean(c.has_extra_support),
      amountOnHold: c.amount_on_hold,
      consumer: {
        name: decText(f.consumer_name_enc, 'consumer_name'),
        accountNumber: dec(f.consumer_account_enc, 'consumer_account'),
        serviceNumber: dec(f.service_number_enc, 'service_number'),
      },
      description: decText(c.description_enc, 'description'),
      problemStartedOn: c.problem_started_on,
      desiredOutcome: decText(c.desired_outcome_enc, 'desired_outcome'),
      priorContact: {
        contacted: Boolean(c.has_prior_contact),
        date: c.prior_contact_date,
        operatorReference: dec(c.prior_operator_reference_enc, 'prior_operator_reference'),
      },
      deadlines: record.deadlines
        .filter((d) => !PRE_REFERRAL_STAGES.includes(d.stage))
        .map((d) => ({ stage: d.stage, dueAt: d.due_at, startsAt: d.starts_at, metAt: d.met_at, isMissed: Boolean(d.is_missed), isOpen: d.met_at === null })),
      history: record.history
        .filter((h) => !PRE_REFERRAL_STAGES.includes(h.to_stage))
        .map((h) => ({ from: h.from_stage, to: h.to_stage, reason: h.reason, actorType: h.actor_type, at: h.at })),
      messages: record.messages
        .filter((m) => Boolean(m.is_shared_with_operator))
        .map((m) => ({ from: m.sender, text: decText(m.text_enc, 'message'), at: m.created_at, isRefusalReason: m.purpose === 'refusal' })),
      responses: record.responses.map((r) => ({ kind: r.kind, text: decText(r.text_enc, 'response'), amount: r.amount, at: r.created_at })),
      decisions: record.decisions.map((d) => ({ outcome: d.outcome, text: decText(d.text_enc, 'decision'), at: d.decided_at })),
      implementations: record.implementations.map((i) => ({ status: i.status, note: decText(i.note_enc, 'implementation'), at: i.at })),
      attachments: record.attachments.map((a) => ({
        id: a.id,
        fileName: shownFileName(decText(a.file_name_enc, 'attachment_name'), a.media_type),
        mediaType: a.media_type,
        sizeBytes: a.size_bytes,
        at: a.created_at,
        by: a.actor_type,
      })),
    };
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

  /** Every problem of a submission, against today's operators, categories and languages. */
  async function problemsOf(submission: ComplaintSubmission, now: Date): Promise<FieldProblem[]> {
    const operators = await deps.listOperators();
    return checkSubmission(submission, {
      operatorIds: new Set(operators.map((o) => o.id)),
      categories: settings.categories,
      languages: deps.languages,
      today: localDateOf(now, calendar.timeZone),
    });
  }

  async function fileSubmission(
    actor: Actor,
    submission: ComplaintSubmission,
    attachments: readonly FilingAttachment[] = [],
    options: FilingOptions = {},
  ): Promise<FiledComplaint> {
    const now = clock.now();
    const problems = await problemsOf(submission, now);
    if (problems.length > 0) throw new Invalid(problems, 'COMPLAINT_INVALID', refusal('invalid'));
    const at = now.toISOString();
    const email = submission.consumer.email.trim();
    // Counted only once the filing is valid, and before its transaction, which on SQLite holds the only connection.
    await options.admitReceipt?.(email);
    const hasExtraSupport = submission.extraSupport.length > 0;
    const filingId = ids();
    const filing: FilingRow = {
      id: filingId,
      reference: newReference('C'),
      channel: submission.channel,
      consumer_name_enc: enc(submission.consumer.name.trim(), 'consumer_name'),
      consumer_email_enc: enc(email, 'consumer_email'),
      consumer_email_hash: emailHash(email),
      consumer_phone_enc: submission.consumer.phone?.trim() ? enc(submission.consumer.phone.trim(), 'consumer_phone') : null,
      consumer_account_enc: submission.consumer.accountNumber?.trim() ? enc(submission.consumer.accountNumber.trim(), 'consumer_account') : null,
      service_number_enc: submission.consumer.serviceNumber?.trim() ? enc(submission.consumer.serviceNumber.trim(), 'service_number') : null,
      language: submission.consumer.language,
      extra_support_enc: hasExtraSupport ? enc(JSON.stringify([...new Set(submission.extraSupport)]), 'extra_support') : null,
      extra_support_details_enc: submission.extraSupportDetails?.trim() ? enc(submission.extraSupportDetails.trim(), 'extra_support_details') : null,
      consent_at: at,
      on_behalf_consent: submission.onBehalfConsentRecorded === true,
      filed_by_type: actor.type,
      filed_by_id: actor.id,
      created_at: at,
      erased_at: null,
    };
    const escalationOpensAt = escalationOpensAtOf(settings, calendar, now).toISOString();
    const isReferredAtFiling = settings.directReferral && !(hasExtraSupport && settings.extraSupportSkipsReferral);
    const result: FiledComplaint = { reference: filing.reference, cases: [] };
    await inTx(async (repo) => {
      await repo.insertFiling(filing);
      for (const operatorId of submission.operatorIds) {
        const row: CaseRow = {
          id: ids(),
          reference: newReference('K'),
          filing_id: filingId,
          operator_id: operatorId,
          service: submission.service,
          category: submission.category,
          stage: 'received',
          description_enc: enc(submission.description.trim(), 'description'),
          desired_outcome_enc: enc(submission.desiredOutcome.trim(), 'desired_outcome'),
          has_prior_contact: submission.priorContact.contacted,
          prior_contact_date: submission.priorContact.contacted && submission.priorContact.date ? submission.priorContact.date : null,
          prior_operator_reference_enc:
            submission.priorContact.contacted && submission.priorContact.operatorReference?.trim()
              ? enc(submission.priorContact.operatorReference.trim(), 'prior_operator_reference')
              : null,
          problem_started_on: submission.problemStartedOn ? submission.problemStartedOn : null,
          has_extra_support: hasExtraSupport,
          is_untimely: false,
          is_deadlock: false,
          amount_on_hold: null,
          assigned_to: null,
          filed_at: at,
          stage_entered_at: at,
          escalation_opens_at: escalationOpensAt,
          escalation_notified_at: null,
          closed_at: null,
          referred_at: null,
          version: 1,
          updated_at: at,
        };
        await repo.insertCase(row);
        await repo.insertHistory({
          id: ids(),
          case_id: row.id,
          from_stage: null,
          to_stage: 'received',
          reason: `filed_${submission.channel}`,
          actor_type: actor.type,
          actor_id: actor.id,
          at,
        });
        let deadline = await openDeadline(repo, row, 'received', at);
        let current: CaseRow = row;
        if (isReferredAtFiling) {
          // The profile sends complaints to the operator at once; the consumer was told so before consenting.
          const assessed = await move(repo, row, 'assessed', 'system', actor, 'direct_referral', {}, false);
          current = await move(repo, assessed, 'referred_to_operator', 'system', actor, 'direct_referral', {}, false);
          deadline = (await repo.listDeadlinesOf([row.id])).find((d) => d.met_at === null) ?? null;
        }
        for (const file of attachments) await insertAttachment(repo, row.id, file, actor, at);
        result.cases.push({
          reference: row.reference,
          operatorId,
          stage: current.stage,
          deadlines: deadline ? [{ stage: deadline.stage, dueAt: deadline.due_at }] : [],
        });
      }
      await audit.record(repo.executor, {
        actor,
        action: 'complaints.filing.created',
        entityType: 'complaint_filing',
        entityId: filingId,
        details: { channel: submission.channel, cases: submission.operatorIds.length, hasExtraSupport },
      });
      const language = languageOf(filing.language);
      await mailConsumer(repo, filing, isReferredAtFiling ? 'filedReferred' : 'filed', {
        reference: filing.reference,
        // The case references as the consumer's language lists them.
        cases: listValue(result.cases.map((c) => c.reference)),
        due: result.cases[0]?.deadlines[0] ? formatDate(result.cases[0].deadlines[0].dueAt, language) : '-',
      });
      if (options.inTransaction) await options.inTransaction(repo.executor, result);
    });
    return result;
  }

  async function consumerMove(reference: string, to: ComplaintStage, allowedFrom: readonly ComplaintStage[], reason: string): Promise<ConsumerCaseView> {
    const consumer: Actor = { type: 'system', id: null };
    return inTx(async (repo) => {
      const c = await findCase(repo, reference);
      if (!allowedFrom.includes(c.stage)) throw new Conflict('COMPLAINT_TRANSITION_REFUSED', refusal('stage', { stage: stageTerm(c.stage) }));
      const moved = await move(repo, c, to, 'consumer', consumer, reason);
      return presentConsumer(await repo.loadCase(moved));
    });
  }

  const consumer: ComplaintsService = {
    file: fileSubmission,

    async findForConsumer(reference) {
      await ensureOperators();
      const parsed = parseReference(reference);
      if (parsed?.startsWith('C-')) {
        const filing = await repository.findFilingByReference(parsed);
        if (filing) {
          const cases = await repository.listCasesOfFiling(filing.id);
          return { reference: filing.reference, cases: await Promise.all(cases.map(async (c) => presentConsumer(await repository.loadCase(c)))) };
        }
      }
      const c = await findCase(repository, reference);
      const view = await presentConsumer(await repository.loadCase(c));
      return { reference: view.filingReference, cases: [view] } satisfies ConsumerComplaintView;
    },

    async contactFor(reference) {
      const parsed = parseReference(reference);
      let filing = parsed?.startsWith('C-') ? await repository.findFilingByReference(parsed) : undefined;
      if (!filing) filing = await repository.findFilingById((await findCase(repository, reference)).filing_id);
      if (!filing || filing.erased_at !== null) throw new NotFound('COMPLAINT_NOT_FOUND', refusal('notFound'));
      return {
        email: decText(filing.consumer_email_enc, 'consumer_email'),
        name: decText(filing.consumer_name_enc, 'consumer_name'),
        language: filing.language,
      };
    },

    consumerAccept: (reference) => consumerMove(reference, 'accepted', ['operator_responded', 'resolution_proposed'], 'consumer_accepted'),
    async consumerReject(reference, reason) {
      const because = checkText('reason', reason, TEXT_LIMITS.refusalReason);
      return inTx(async (repo) => {
        const c = await findCase(repo, reference);
        if (c.stage !== 'operator_responded' && c.stage !== 'resolution_proposed')
          throw new Conflict('COMPLAINT_TRANSITION_REFUSED', refusal('stage', { stage: stageTerm(c.stage) }));
        // The reason answers the operator's proposal: the operator reads it, as the consent text says of messages addressed to it.
        await repo.insertMessage({
          id: ids(),
          case_id: c.id,
          sender: 'consumer',
          author_id: null,
          text_enc: enc(because, 'message'),
          is_information_request: false,
          answered_at: null,
          is_shared_with_operator: true,
          purpose: 'refusal',
          created_at: nowIso(),
        });
        const moved = await move(repo, c, 'rejected', 'consumer', { type: 'system', id: null }, 'consumer_rejected');
        return presentConsumer(await repo.loadCase(moved));
      });
    },

    async consumerEscalate(reference) {
      return inTx(async (repo) => {
        const c = await findCase(repo, reference);
        const isAllowed = c.stage === 'rejected' || (ESCALATION_STAGES.includes(c.stage) && isEscalationOpen(c, nowIso()));
        if (!isAllowed) throw new Conflict('COMPLAINT_ESCALATION_NOT_OPEN', refusal('escalationNotOpen'));
        const moved = await move(repo, c, 'investigation', 'consumer', { type: 'system', id: null }, 'consumer_escalated');
        return presentConsumer(await repo.loadCase(moved));
      });
    },

    async recordSurvey(reference, answers: SurveyAnswers) {
      const scale = (v: unknown) => Number.isInteger(v) && Number(v) >= 1 && Number(v) <= 5;
      const problems: FieldProblem[] = [];
      if (!scale(answers.satisfaction)) problems.push(complaintProblem('satisfaction', 'satisfactionRange'));
      if (answers.wasEasy !== undefined && !scale(answers.wasEasy)) problems.push(complaintProblem('wasEasy', 'scaleRange'));
      if (answers.comment !== undefined && answers.comment.length > SURVEY_COMMENT_MAX)
        problems.push(complaintProblem('comment', 'textLong', { max: SURVEY_COMMENT_MAX }));
      if (problems.length > 0) throw new Invalid(problems);
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        if (!SURVEY_STAGES.includes(c.stage)) throw new Conflict('COMPLAINT_SURVEY_NOT_OPEN', refusal('surveyNotOpen'));
        const isNew = await repo.insertSurvey({
          case_id: c.id,
          satisfaction: answers.satisfaction,
          was_easy: answers.wasEasy ?? null,
          comment_enc: answers.comment?.trim() ? enc(answers.comment.trim(), 'survey_comment') : null,
          created_at: nowIso(),
        });
        if (!isNew) throw new Conflict('COMPLAINT_SURVEY_DONE', refusal('surveyDone'));
      });
    },

    async consumerMessage(reference, text, audience = 'regulator') {
      const body = checkText('text', text);
      if (audience !== 'regulator' && audience !== 'operator')
        throw new Invalid([complaintProblem('to', 'audienceUnknown', { audiences: listValue(['regulator', 'operator'], 'or') })]);
      return inTx(async (repo) => {
        const c = await findCase(repo, reference);
        if (c.stage === 'closed') throw new Conflict('COMPLAINT_CLOSED', refusal('closed'));
        if (audience === 'operator' && c.referred_at === null) throw new Invalid([complaintProblem('to', 'operatorNotYet')]);
        const at = nowIso();
        await repo.insertMessage({
          id: ids(),
          case_id: c.id,
          sender: 'consumer',
          author_id: null,
          text_enc: enc(body, 'message'),
          is_information_request: false,
          answered_at: null,
          is_shared_with_operator: audience === 'operator',
          purpose: null,
          created_at: at,
        });
        const answered = await repo.answerInformationRequests(c.id, at);
        if (answered > 0) await restartClock(repo, c.id, at);
        await audit.record(repo.executor, {
          actor: { type: 'system', id: null },
          action: 'complaints.message.consumer',
          entityType: 'complaint_case',
          entityId: c.id,
          details: { answeredRequests: answered, audience },
        });
        return presentConsumer(await repo.loadCase((await repo.findCaseById(c.id))!));
      });
    },
  };

  /** One page of a list: counted first, so a page past the end shows the last one. */
  async function listedPage<Row>(request: ListRequest, count: () => Promise<number>, list: (page: CasePage) => Promise<Row[]>): Promise<CaseListPage<Row>> {
    const total = await count();
    const { page, pages, casePage } = pageWindow(request, total);
    return { ...request, page, pages, total, rows: await list(casePage) };
  }

  async function staffChange<T>(who: StaffActor, reference: string, action: string, work: (repo: ComplaintRepository, c: CaseRow) => Promise<T>): Promise<T> {
    return inTx(async (repo) => {
      const c = await findCase(repo, reference);
      const result = await work(repo, c);
      await audit.record(repo.executor, { actor: who.actor, action: `complaints.case.${action}`, entityType: 'complaint_case', entityId: c.id });
      return result;
    });
  }

  const staff = {
    /**
     * Files a complaint received by phone, post or in person, or by an association on a consumer's
     * behalf. `formProblems` are those the form found itself (a date typed wrong): they are refused
     * together with every problem of the submission, so the form names them all at once.
     */
    async fileOnBehalf(who: StaffActor, submission: ComplaintSubmission, formProblems: readonly FieldProblem[] = []): Promise<FiledComplaint> {
      if (who.role === 'association_rep' && submission.channel !== 'association')
        throw new Forbidden('COMPLAINT_CHANNEL_FORBIDDEN', refusal('channelForbidden'));
      const problems = [...formProblems, ...(await problemsOf(submission, clock.now()))];
      if (who.role !== 'association_rep' && !['phone', 'post', 'in_person'].includes(submission.channel))
        problems.push(complaintProblem('channel', 'staffChannel'));
      if (problems.length > 0) throw new Invalid(problems, 'COMPLAINT_INVALID', refusal('invalid'));
      return fileSubmission(who.actor, submission);
    },

    /** One page of the regulator's queue, filtered and sorted; every look-up is audited. */
    async listQueue(
      who: StaffActor,
      filter: Omit<QueueFilter, 'overdueAt'> & { isOverdue?: boolean },
      request: ListRequest,
    ): Promise<CaseListPage<CaseSummaryRow>> {
      const { isOverdue, ...rest } = filter;
      const scope: QueueFilter = { ...rest, ...(isOverdue ? { overdueAt: nowIso() } : {}) };
      const listed = await listedPage(
        request,
        () => repository.countQueue(scope),
        (page) => repository.listQueue(scope, page),
      );
      await inTx((repo) =>
        audit.record(repo.executor, {
          actor: who.actor,
          action: 'complaints.queue.listed',
          entityType: 'complaint_case',
          details: { rows: listed.rows.length, page: listed.page },
        }),
      );
      return listed;
    },

    /** Every case of a filing reference (the one the consumer was given), or the one case of a case reference; each look-up audited. */
    async openFiling(who: StaffActor, reference: string): Promise<{ reference: string; cases: CaseDetail[] }> {
      const parsed = parseReference(reference);
      const filing = parsed?.startsWith('C-') ? await repository.findFilingByReference(parsed) : undefined;
      if (!filing) {
        const detail = await staff.open(who, reference);
        return { reference: detail.filingReference, cases: [detail] };
      }
      const cases = await repository.listCasesOfFiling(filing.id);
      const details: CaseDetail[] = [];
      for (const c of cases) details.push(await staff.open(who, c.reference));
      return { reference: filing.reference, cases: details };
    },

    /** One case with its personal values, audited. */
    async open(who: StaffActor, reference: string): Promise<CaseDetail> {
      await ensureOperators();
      const c = await findCase(repository, reference);
      await inTx((repo) => audit.record(repo.executor, { actor: who.actor, action: 'complaints.case.viewed', entityType: 'complaint_case', entityId: c.id }));
      return presentDetail(await repository.loadCase(c), true);
    },

    async assign(who: StaffActor, reference: string, assigneeId: string): Promise<void> {
      await staffChange(who, reference, 'assigned', async (repo, c) => {
        await repo.insertAssignment({ id: ids(), case_id: c.id, assignee_id: assigneeId, assigned_by: who.userId, at: nowIso() });
        if (!(await repo.updateCase(c.id, c.version, { assigned_to: assigneeId, updated_at: nowIso() })))
          throw new Conflict('COMPLAINT_CHANGED', refusal('changed'));
      });
    },

    async addNote(who: StaffActor, reference: string, text: string): Promise<void> {
      const body = checkText('note', text);
      await staffChange(who, reference, 'noted', (repo, c) =>
        repo.insertNote({ id: ids(), case_id: c.id, author_id: who.userId, text_enc: enc(body, 'note'), created_at: nowIso() }),
      );
    },

    /** Asks the consumer for information: the clock of the open deadline stops until they answer. */
    async askConsumer(who: StaffActor, reference: string, text: string): Promise<void> {
      const body = checkText('question', text);
      await staffChange(who, reference, 'information_requested', async (repo, c) => {
        if (c.stage === 'closed') throw new Conflict('COMPLAINT_CLOSED', refusal('closed'));
        const at = nowIso();
        await repo.insertMessage({
          id: ids(),
          case_id: c.id,
          sender: 'regulator',
          author_id: who.userId,
          text_enc: enc(body, 'message'),
          is_information_request: true,
          answered_at: null,
          is_shared_with_operator: false,
          purpose: null,
          created_at: at,
        });
        const record = await repo.loadCase(c);
        if (!record.pauses.some((p) => p.to_at === null))
          await repo.insertPause({ id: ids(), case_id: c.id, from_at: at, to_at: null, reason: 'information_request' });
        await mailConsumer(repo, record.filing, 'question', { reference: c.reference });
      });
    },

    /** Sends a message to the consumer without stopping the clock. */
    async messageConsumer(who: StaffActor, reference: string, text: string): Promise<void> {
      const body = checkText('message', text);
      await staffChange(who, reference, 'messaged', async (repo, c) => {
        await repo.insertMessage({
          id: ids(),
          case_id: c.id,
          sender: 'regulator',
          author_id: who.userId,
          text_enc: enc(body, 'message'),
          is_information_request: false,
          answered_at: null,
          is_shared_with_operator: false,
          purpose: null,
          created_at: nowIso(),
        });
        const filing = await repo.findFilingById(c.filing_id);
        if (filing) await mailConsumer(repo, filing, 'message', { reference: c.reference });
      });
    },

    /** Assesses a received case: refer it to the operator, investigate at once, or close it. */
    async assess(who: StaffActor, reference: string, next: 'refer' | 'investigate' | 'close'): Promise<void> {
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        const assessed = await move(repo, c, 'assessed', 'staff', who.actor, 'assessed');
        if (next === 'refer') {
          if (assessed.has_extra_support && settings.extraSupportSkipsReferral)
            await move(repo, assessed, 'investigation', 'staff', who.actor, 'extra_support_skips_referral');
          else await move(repo, assessed, 'referred_to_operator', 'staff', who.actor, 'referred');
        } else if (next === 'investigate') await move(repo, assessed, 'investigation', 'staff', who.actor, 'investigated_directly');
        else await move(repo, assessed, 'closed', 'staff', who.actor, 'closed_at_assessment');
      });
    },

    /** Moves a case to another stage, as the transition table allows staff. */
    async moveTo(who: StaffActor, reference: string, to: ComplaintStage, reason = 'staff'): Promise<void> {
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        await move(repo, c, to, 'staff', who.actor, reason);
      });
    },

    /** Records the regulator's decision on an investigated case; its implementation deadline starts. */
    async decide(who: StaffActor, reference: string, outcome: 'upheld' | 'partly_upheld' | 'not_upheld', text: string): Promise<void> {
      if (!DECISION_OUTCOMES.includes(outcome))
        throw new Invalid([complaintProblem('outcome', 'outcomeUnknown', { outcomes: listValue(DECISION_OUTCOMES, 'or') })]);
      const body = checkText('text', text);
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        await repo.insertDecision({ id: ids(), case_id: c.id, outcome, text_enc: enc(body, 'decision'), decided_by: who.userId, decided_at: nowIso() });
        // The operator must carry out a decision that upholds the complaint: from now on it sees the case.
        const referral = outcome !== 'not_upheld' && c.referred_at === null ? { referred_at: nowIso() } : {};
        const decided = await move(repo, c, 'decision', 'staff', who.actor, `decision_${outcome}`, referral);
        // Nothing to implement when the complaint was not upheld.
        if (outcome === 'not_upheld') await move(repo, decided, 'closed', 'staff', who.actor, 'not_upheld');
      });
    },

    /** Records a step of carrying out a decision or an accepted resolution; `done` moves the case to implemented. */
    async trackImplementation(who: StaffActor, reference: string, status: 'pending' | 'partial' | 'done', note: string): Promise<void> {
      const body = checkText('note', note);
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        await repo.insertImplementation({
          id: ids(),
          case_id: c.id,
          status,
          note_enc: enc(body, 'implementation'),
          actor_type: who.actor.type,
          actor_id: who.actor.id,
          at: nowIso(),
        });
        if (status === 'done') await move(repo, c, 'implemented', 'staff', who.actor, 'implemented');
        else
          await audit.record(repo.executor, {
            actor: who.actor,
            action: 'complaints.case.implementation_tracked',
            entityType: 'complaint_case',
            entityId: c.id,
            details: { status },
          });
      });
    },

    /**
     * Reopens a closed case for a new investigation: staff within the review window, later only
     * an administrator; the audit entry says which.
     */
    async reopen(who: StaffActor, reference: string): Promise<void> {
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        if (c.stage !== 'closed' || c.closed_at === null) throw new Conflict('COMPLAINT_NOT_CLOSED', refusal('notClosed'));
        const isLate = nowIso() > reviewWindowEndOf(settings, calendar, c.closed_at);
        if (isLate && who.role !== 'admin') throw new Forbidden('COMPLAINT_REVIEW_WINDOW_ENDED', refusal('reviewWindowEnded'));
        await move(repo, c, 'investigation', 'staff', who.actor, isLate ? 'reopened_late_by_admin' : 'reopened', { closed_at: null });
        await audit.record(repo.executor, {
          actor: who.actor,
          action: 'complaints.case.reopened',
          entityType: 'complaint_case',
          entityId: c.id,
          details: { isLate, role: who.role },
        });
      });
    },

    /** Everything stored about a consumer, found by their e-mail address, for a data access request; audited. */
    async exportConsumerData(
      who: StaffActor,
      email: string,
    ): Promise<{ filings: Array<{ reference: string; channel: string; createdAt: string; cases: CaseDetail[] }> }> {
      await ensureOperators();
      const filings = await repository.listFilingsByEmailHash(emailHash(email));
      const out = [];
      for (const f of filings) {
        const cases = await repository.listCasesOfFiling(f.id);
        out.push({
          reference: f.reference,
          channel: f.channel,
          createdAt: f.created_at,
          cases: await Promise.all(cases.map(async (c) => presentDetail(await repository.loadCase(c), true))),
        });
      }
      await inTx((repo) =>
        audit.record(repo.executor, {
          actor: who.actor,
          action: 'complaints.consumer.exported',
          entityType: 'complaint_filing',
          details: { filings: filings.length },
        }),
      );
      return { filings: out };
    },

    /** How many filings an e-mail address has, to say what an erasure would reach; audited as a look-up. */
    async countConsumerFilings(who: StaffActor, email: string): Promise<number> {
      const filings = await repository.listFilingsByEmailHash(emailHash(email));
      await inTx((repo) =>
        audit.record(repo.executor, {
          actor: who.actor,
          action: 'complaints.consumer.counted',
          entityType: 'complaint_filing',
          details: { filings: filings.length },
        }),
      );
      return filings.length;
    },

    /** Erases a consumer's personal data and free text; stages, dates, operators and categories stay for statistics. Audited. */
    async eraseConsumerData(who: StaffActor, email: string): Promise<number> {
      const hash = emailHash(email);
      return inTx(async (repo) => {
        const filings = await repo.listFilingsByEmailHash(hash);
        for (const f of filings) {
          await repo.eraseFiling(f.id, ERASED, nowIso());
          await audit.record(repo.executor, { actor: who.actor, action: 'complaints.consumer.erased', entityType: 'complaint_filing', entityId: f.id });
        }
        return filings.length;
      });
    },

    /** The content of an attachment, for staff; audited. */
    async readAttachment(who: StaffActor, reference: string, attachmentId: string) {
      const c = await findCase(repository, reference);
      return readAttachmentOf(c, attachmentId, who.actor);
    },
  };

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

  const operator = {
    /** The operator's referred cases with their open deadline; nothing of another operator, nothing not referred yet. */
    async list(who: OperatorActor, request: ListRequest): Promise<CaseListPage<CaseSummaryRow & { deadlines: StageDeadline[] }>> {
      const listed = await listedPage(
        request,
        () => repository.countForOperator(who.operatorId),
        (page) => repository.listForOperator(who.operatorId, page),
      );
      const deadlines = await repository.listDeadlinesOf(listed.rows.map((r) => r.id));
      await inTx((repo) =>
        audit.record(repo.executor, {
          actor: who.actor,
          action: 'complaints.operator.listed',
          entityType: 'complaint_case',
          details: { operatorId: who.operatorId, rows: listed.rows.length, page: listed.page },
        }),
      );
      // Deadlines from the referral on, as the operator's view of one case shows them.
      const shown = deadlines.filter((d) => !PRE_REFERRAL_STAGES.includes(d.stage));
      return {
        ...listed,
        rows: listed.rows.map((r) => ({ ...r, deadlines: shown.filter((d) => d.case_id === r.id).map((d) => ({ stage: d.stage, dueAt: d.due_at })) })),
      };
    },

    /** One of the operator's referred cases, with only the shared fields; another operator's case, or one not referred yet, is not found. */
    async open(who: OperatorActor, reference: string): Promise<OperatorCaseView> {
      await ensureOperators();
      const c = await findOperatorCase(repository, who.operatorId, reference);
      await inTx((repo) =>
        audit.record(repo.executor, { actor: who.actor, action: 'complaints.operator.viewed', entityType: 'complaint_case', entityId: c.id }),
      );
      return presentOperator(await repository.loadCase(c));
    },

    /** The operator answers: a response, a proposed resolution, deadlock, or a disputed amount put on hold. */
    async respond(who: OperatorActor, reference: string, input: OperatorResponseInput): Promise<OperatorCaseView> {
      const kinds = ['response', 'resolution', 'deadlock', 'amount_on_hold'];
      const problems: FieldProblem[] = [];
      if (!kinds.includes(input.kind)) problems.push(complaintProblem('kind', 'responseKindUnknown', { kinds: listValue(kinds, 'or') }));
      const text = typeof input.text === 'string' ? input.text.trim() : '';
      if (text.length === 0) problems.push(complaintProblem('text', 'answerMissing'));
      else if (text.length > TEXT_LIMITS.message) problems.push(complaintProblem('text', 'textLong', { max: TEXT_LIMITS.message }));
      if (input.kind === 'amount_on_hold' && !(typeof input.amount === 'string' && /^\d{1,12}(\.\d{1,4})?$/.test(input.amount)))
        problems.push(complaintProblem('amount', 'amountInvalid'));
      if (problems.length > 0) throw new Invalid(problems, 'COMPLAINT_RESPONSE_INVALID', refusal('responseInvalid'));
      await inTx(async (repo) => {
        let c = await findOperatorCase(repo, who.operatorId, reference);
        const at = nowIso();
        await repo.insertResponse({
          id: ids(),
          case_id: c.id,
          kind: input.kind,
          text_enc: enc(text, 'response'),
          amount: input.kind === 'amount_on_hold' ? (input.amount ?? null) : null,
          actor_type: who.actor.type,
          actor_id: who.actor.id,
          created_at: at,
        });
        if (input.kind === 'response') {
          c = await move(repo, c, 'operator_responded', 'operator', who.actor, 'operator_responded');
        } else if (input.kind === 'resolution') {
          c = await move(repo, c, 'resolution_proposed', 'operator', who.actor, 'resolution_proposed');
        } else if (input.kind === 'deadlock') {
          if (c.stage === 'referred_to_operator')
            c = await move(repo, c, 'operator_responded', 'operator', who.actor, 'deadlock', { is_deadlock: true, escalation_opens_at: at });
          else if (ESCALATION_STAGES.includes(c.stage)) {
            if (!(await repo.updateCase(c.id, c.version, { is_deadlock: true, escalation_opens_at: at, updated_at: at })))
              throw new Conflict('COMPLAINT_CHANGED', refusal('changed'));
          } else throw new Conflict('COMPLAINT_TRANSITION_REFUSED', refusal('stage', { stage: stageTerm(c.stage) }));
          await audit.record(repo.executor, { actor: who.actor, action: 'complaints.case.deadlock', entityType: 'complaint_case', entityId: c.id });
          // The consumer may escalate at once; the sweep tells them, exactly once.
        } else {
          if (c.stage === 'closed') throw new Conflict('COMPLAINT_CLOSED', refusal('closed'));
          if (!(await repo.updateCase(c.id, c.version, { amount_on_hold: input.amount ?? null, updated_at: at })))
            throw new Conflict('COMPLAINT_CHANGED', refusal('changed'));
          await audit.record(repo.executor, { actor: who.actor, action: 'complaints.case.amount_on_hold', entityType: 'complaint_case', entityId: c.id });
        }
      });
      return operator.open(who, reference);
    },

    /** The operator writes to the consumer about a referred case (the regulator reads it too); the consumer is told by e-mail. */
    async messageConsumer(who: OperatorActor, reference: string, text: string): Promise<OperatorCaseView> {
      const body = checkText('message', text);
      await inTx(async (repo) => {
        const c = await findOperatorCase(repo, who.operatorId, reference);
        if (c.stage === 'closed') throw new Conflict('COMPLAINT_CLOSED', refusal('closed'));
        await repo.insertMessage({
          id: ids(),
          case_id: c.id,
          sender: 'operator',
          author_id: who.actor.id,
          text_enc: enc(body, 'message'),
          is_information_request: false,
          answered_at: null,
          is_shared_with_operator: true,
          purpose: null,
          created_at: nowIso(),
        });
        await audit.record(repo.executor, { actor: who.actor, action: 'complaints.message.operator', entityType: 'complaint_case', entityId: c.id });
        const filing = await repo.findFilingById(c.filing_id);
        if (filing) await mailConsumer(repo, filing, 'operatorMessage', { reference: c.reference, operator: await operatorName(c.operator_id) });
      });
      return operator.open(who, reference);
    },

    /** The operator reports that it carried out the accepted resolution or the decision. */
    async implemented(who: OperatorActor, reference: string, note: string): Promise<void> {
      const body = checkText('note', note);
      await inTx(async (repo) => {
        const c = await findOperatorCase(repo, who.operatorId, reference);
        await repo.insertImplementation({
          id: ids(),
          case_id: c.id,
          status: 'done',
          note_enc: enc(body, 'implementation'),
          actor_type: who.actor.type,
          actor_id: who.actor.id,
          at: nowIso(),
        });
        await move(repo, c, 'implemented', 'operator', who.actor, 'operator_implemented');
      });
    },

    /** Attaches evidence: the type must be allowed by the profile and match the file's first bytes; stored encrypted. */
    async attach(who: OperatorActor, reference: string, file: { fileName: string; declaredType: string; content: Buffer }): Promise<string> {
      const problems: FieldProblem[] = [];
      const name = file.fileName.trim().slice(0, 200);
      if (file.content.length === 0) problems.push(complaintProblem('file', 'fileMissing'));
      else if (file.content.length > settings.attachments.maxBytes)
        problems.push(complaintProblem('file', 'fileTooLarge', { size: sizeValue(settings.attachments.maxBytes) }));
      const sniffed = sniffMediaType(file.content);
      if (file.content.length > 0 && (sniffed === null || !settings.attachments.types.includes(sniffed)))
        problems.push(complaintProblem('file', 'fileType', { types: typeChoice(settings.attachments.types) }));
      else if (sniffed !== null && file.declaredType !== '' && file.declaredType !== 'application/octet-stream' && file.declaredType !== sniffed)
        problems.push(complaintProblem('file', 'fileTypeMismatch', { declared: file.declaredType.slice(0, 60), sniffed }));
      if (problems.length > 0 || sniffed === null) throw new Invalid(problems, 'COMPLAINT_ATTACHMENT_INVALID', refusal('attachmentInvalid'));
      return inTx(async (repo) => {
        const c = await findOperatorCase(repo, who.operatorId, reference);
        return insertAttachment(repo, c.id, { fileName: name, mediaType: sniffed, content: file.content }, who.actor, nowIso());
      });
    },

    async readAttachment(who: OperatorActor, reference: string, attachmentId: string) {
      const c = await findOperatorCase(repository, who.operatorId, reference);
      return readAttachmentOf(c, attachmentId, who.actor);
    },
  };

  const association = {
    /** The cases filed by the association of `who` (its representatives' filings), with their stage and open deadline; audited. */
    async list(who: StaffActor, request: ListRequest): Promise<CaseListPage<CaseSummaryRow>> {
      const listed = await listedPage(
        request,
        () => repository.countFiledByAssociationOf(who.userId),
        (page) => repository.listFiledByAssociationOf(who.userId, page),
      );
      await inTx((repo) =>
        audit.record(repo.executor, {
          actor: who.actor,
          action: 'complaints.association.listed',
          entityType: 'complaint_case',
          details: { rows: listed.rows.length, page: listed.page },
        }),
      );
      return listed;
    },
  };

  /**
   * The periodic sweep, idempotent: operators past their deadline make their case untimely and
   * it goes to the regulator's investigation; consumers whose right to escalate opened are told
   * once; regulator deadlines that passed are marked missed (for the queue).
   */
  async function sweep(): Promise<SweepReport> {
    const now = nowIso();
    const system: Actor = { type: 'system', id: null };
    const report: SweepReport = { escalatedUntimely: 0, toldEntitled: 0, regulatorOverdue: 0 };
    for (const lapsed of await repository.listLapsedDeadlines(['referred_to_operator'], now)) {
      const isMoved = await inTx(async (repo) => {
        const c = await repo.findCaseById(lapsed.case_id);
        if (!c || c.stage !== 'referred_to_operator') return false;
        await move(repo, c, 'investigation', 'system', system, 'operator_untimely', { is_untimely: true });
        return true;
      });
      if (isMoved) report.escalatedUntimely += 1;
    }
    for (const lapsed of await repository.listLapsedDeadlines(['received', 'investigation', 'decision'], now)) {
      await repository.markDeadlineMissed(lapsed.id);
      report.regulatorOverdue += 1;
    }
    for (const c of await repository.listEscalationDue(ESCALATION_STAGES, now, 500)) {
      const isTold = await inTx(async (repo) => {
        if (!(await repo.markEscalationNotified(c.id, now))) return false;
        const filing = await repo.findFilingById(c.filing_id);
        if (filing)
          await mailConsumer(repo, filing, c.is_deadlock ? 'deadlock' : 'entitled', { reference: c.reference, operator: await operatorName(c.operator_id) });
        await audit.record(repo.executor, {
          actor: system,
          action: 'complaints.case.escalation_opened',
          entityType: 'complaint_case',
          entityId: c.id,
          details: { isDeadlock: Boolean(c.is_deadlock) },
        });
        return true;
      });
      if (isTold) report.toldEntitled += 1;
    }
    if (report.escalatedUntimely + report.toldEntitled + report.regulatorOverdue > 0) logger.info({ ...report }, 'complaints sweep done');
    return report;
  }

  const SETTLED = new Set(['accepted', 'decision', 'implemented', 'closed']);

  /** The published statistics of a quarter (`2026-Q4`, local dates of the jurisdiction), with disclosure control. */
  async function statistics(quarter: string): Promise<QuarterStatistics> {
    const range = quarterRange(quarter);
    if (!range) throw new Invalid([complaintProblem('quarter', 'quarterInvalid')]);
    const dayBefore = new Date(Date.parse(`${range.from}T12:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
    const from = new Date(endOfLocalDay(dayBefore, calendar.timeZone).getTime() + 1).toISOString();
    const to = endOfLocalDay(range.to, calendar.timeZone).toISOString();
    const rows = await repository.listForStatistics(from, to);
    const subscribers = await repository.listSubscribers(quarter);
    const operators = await deps.listOperators();
    return computeQuarterStatistics({
      quarter,
      cases: rows.map((r) => {
        const settled = r.history.find((h) => SETTLED.has(h.to_stage));
        const answer = [...r.history].reverse().find((h) => h.to_stage === 'accepted' || h.to_stage === 'rejected');
        return {
          operatorId: r.operator_id,
          service: r.service,
          category: r.category,
          daysToResolution: settled ? (Date.parse(settled.at) - Date.parse(r.filed_at)) / DAY_MS : null,
          isWithinDeadlines: r.missed === 0,
          isEscalated: r.history.some((h) => h.to_stage === 'investigation'),
          consumerAnswer: answer ? (answer.to_stage === 'accepted' ? 'accepted' : 'rejected') : null,
        };
      }),
      subscribers: subscribers.map((s) => ({ operatorId: s.operator_id, service: s.service, subscribers: s.subscribers })),
      operatorIds: operators.map((o) => o.id),
      services: [...COMPLAINT_SERVICES],
      categories: settings.categories,
      threshold: settings.disclosureThreshold,
    });
  }

  /** The quarters that have complaints, newest first (the current one when there is none). */
  async function statisticsQuarters(): Promise<string[]> {
    const span = await repository.filingSpan();
    const today = localDateOf(clock.now(), calendar.timeZone);
    if (!span) return quartersBetween(today, today);
    return quartersBetween(localDateOf(new Date(span.first), calendar.timeZone), localDateOf(new Date(span.last), calendar.timeZone));
  }

  return {
    ...consumer,
    consumer,
    staff,
    operator,
    association,
    sweep,
    statistics,
    statisticsQuarters,
    operatorNames: async () => {
      await ensureOperators();
      return new Map(operatorNames?.names ?? []);
    },
  };
}
