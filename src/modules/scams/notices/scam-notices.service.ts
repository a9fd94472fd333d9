import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { Executor, Transaction } from '../../../platform/db/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { IdentifierMoved } from '../reputation/identifier-states.service.ts';
import type { ScamNoticeRow } from '../scams.tables.ts';
import { noticeRecipients, type OperatorRoute } from './notice-recipients.ts';
import type { NoticeCountRow, NoticeListRow, ScamNoticeRepository } from './scam-notices.repository.ts';
import { SEALED } from '../shared/sealed-contexts.ts';

/** The answers an operator gives a notice. */
export const NOTICE_ANSWERS = ['blocked', 'disconnected', 'notOurNumber', 'dispute'] as const;

/** One answer to a notice. */
export type NoticeAnswer = (typeof NOTICE_ANSWERS)[number];

/** The longest note an answer may carry. */
export const NOTICE_NOTE_MAX = 1000;

const DAY_MS = 86_400_000;

/** Who reads or answers notices: an operator's agent or token (its own operator's only), or the regulator's staff (all). */
export type NoticeViewer = { actor: Actor; operatorId: string } | { actor: Actor; operatorId: null; isStaff: true };

/** A notice as pages, the API and the CSV file show it. */
export interface NoticeView {
  id: string;
  operatorId: string;
  identifier: { kind: string; value: string; state: string };
  kind: string;
  role: string;
  sentAt: string;
  dueAt: string;
  /** Unanswered past its due date, or answered after it. */
  isOverdue: boolean;
  answer: string | null;
  answerNote: string | null;
  answeredAt: string | null;
}

/** One operator's record on notices, for the staff view and dashboard. */
export interface OperatorNoticeCounts {
  operatorId: string;
  open: number;
  answered: number;
  overdueOpen: number;
  answeredLate: number;
  /** What counts against the operator: open past due plus answered late. */
  overdue: number;
}

/** What an answer came to. */
export type AnswerResult =
  | { ok: true; notice: NoticeView }
  | { ok: false; problem: 'notFound' }
  | { ok: false; problem: 'alreadyAnswered' }
  | { ok: false; problem: 'invalid'; field: 'answer' | 'note'; messageKey: string };

/** Notices to operators on confirmed and cleared identifiers, and their answers. */
export interface ScamNotices {
  /** The listener on identifier moves: block notices on confirmation, unblock notices on clearing, in the move's transaction. */
  onMoved(tx: Transaction, moved: IdentifierMoved): Promise<void>;
  /** Notices newest first: an operator's own, or for staff all (or one operator's). */
  list(viewer: NoticeViewer, filter?: { operatorId?: string; isOpenOnly?: boolean; limit?: number }): Promise<NoticeView[]>;
  /** One notice the viewer may see; undefined for another operator's. */
  find(viewer: NoticeViewer, id: string): Promise<NoticeView | undefined>;
  answer(viewer: NoticeViewer, id: string, input: { answer: string; note?: string }): Promise<AnswerResult>;
  /** Per operator of the register, notices open, answered and overdue, most overdue first. */
  counts(): Promise<OperatorNoticeCounts[]>;
}

/** What the service needs. */
export interface ScamNoticeDeps {
  db: Executor;
  /** The repository over the database or a transaction. */
  repositoryIn(executor: Executor): ScamNoticeRepository;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
  keyring: Keyring;
  deadlineDays: number;
  routes: readonly OperatorRoute[];
  /** The keyed hash the porting table keeps a number under. */
  hashNumber(e164: string): string;
  /** The operator ids of the register, read afresh. */
  register(executor: Executor): Promise<string[]>;
  /** The most notices one list returns. */
  listLimit?: number;
}

/** Builds the service. */
export function createScamNotices(deps: ScamNoticeDeps): ScamNotices {
  const listLimit = deps.listLimit ?? 1000;
  const repository = deps.repositoryIn(deps.db);

  const present = (row: NoticeListRow, now: string): NoticeView => ({
    id: row.id,
    operatorId: row.operator_id,
    identifier: { kind: row.identifier_kind, value: deps.keyring.decrypt(row.identifier_value_enc, SEALED.identifierValue), state: row.identifier_state },
    kind: row.kind,
    role: row.role,
    sentAt: row.sent_at,
    dueAt: row.due_at,
    isOverdue: row.answered_at === null ? row.due_at < now : row.answered_at > row.due_at,
    answer: row.answer,
    answerNote: row.answer_note,
    answeredAt: row.answered_at,
  });

  const mayRead = (viewer: NoticeViewer, row: NoticeListRow) => viewer.operatorId === null || viewer.operatorId === row.operator_id;

  /** The reporters' numbers that can be opened; one that cannot is left out rather than stopping the confirmation. */
  function openNumbers(sealed: readonly string[]): string[] {
    const numbers: string[] = [];
    for (const value of sealed) {
      try {
        numbers.push(deps.keyring.decrypt(value, SEALED.reporterNumber));
      } catch {
        continue;
      }
    }
    return numbers;
  }

  async function send(tx: Transaction, moved: IdentifierMoved, kind: 'block' | 'unblock', recipients: ReadonlyArray<{ operatorId: string; role: string }>) {
    const inTx = deps.repositoryIn(tx);
    const dueAt = new Date(Date.parse(moved.at) + deps.deadlineDays * DAY_MS).toISOString();
    const rows: ScamNoticeRow[] = recipients.map((r) => ({
      id: deps.ids(),
      identifier_id: moved.identifier.id,
      operator_id: r.operatorId,
      role: r.role,
      kind,
      sent_at: moved.at,
      due_at: dueAt,
      answer: null,
      answer_note: null,
      answered_at: null,
      answered_by: null,
    }));
    await inTx.insert(rows);
    for (const row of rows)
      await deps.audit.record(tx, {
        actor: moved.actor,
        action: `scams.notice.${kind}`,
        entityType: 'scam_notice',
        entityId: row.id,
        details: { identifierId: row.identifier_id, operatorId: row.operator_id, role: row.role, dueAt },
      });
  }

  return {
    async onMoved(tx, moved) {
      if (moved.to === 'confirmed' && moved.from === 'under_review') {
        const inTx = deps.repositoryIn(tx);
        const numbers = openNumbers(await inTx.reporterNumbersOf(moved.identifier.id));
        const byHash = await inTx.portedRoutesOf(numbers.map((n) => deps.hashNumber(n)));
        const portedRoutes = new Map<string, string>();
        for (const number of numbers) {
          const route = byHash.get(deps.hashNumber(number));
          if (route !== undefined) portedRoutes.set(number, route);
        }
        const recipients = noticeRecipients({
          kind: moved.identifier.kind,
          originatingOperator: moved.identifier.operator_id,
          reporterNumbers: numbers,
          portedRoutes,
          routes: deps.routes,
          register: await deps.register(tx),
        });
        await send(tx, moved, 'block', recipients);
      } else if (moved.to === 'cleared' && (moved.from === 'appealed' || moved.from === 'confirmed')) {
        const blocked = await deps.repositoryIn(tx).blockedOperatorsOf(moved.identifier.id);
        const once = new Map<string, string>();
        for (const b of blocked) if (!once.has(b.operator_id)) once.set(b.operator_id, b.role);
        await send(
          tx,
          moved,
          'unblock',
          [...once].map(([operatorId, role]) => ({ operatorId, role })),
        );
      }
    },

    async list(viewer, filter = {}) {
      const operatorId = viewer.operatorId ?? filter.operatorId;
      const rows = await repository.list({
        ...(operatorId !== undefined ? { operatorId } : {}),
        ...(filter.isOpenOnly === true ? { isOpenOnly: true } : {}),
        limit: Math.min(filter.limit ?? listLimit, listLimit),
      });
      const now = deps.clock.now().toISOString();
      return rows.map((row) => present(row, now));
    },

    async find(viewer, id) {
      const row = await repository.findById(id);
      return row && mayRead(viewer, row) ? present(row, deps.clock.now().toISOString()) : undefined;
    },

    async answer(viewer, id, input) {
      if (!(NOTICE_ANSWERS as readonly string[]).includes(input.answer))
        return { ok: false, problem: 'invalid', field: 'answer', messageKey: 'scams.notices.problem.answerMissing' };
      const note = input.note?.trim() ?? '';
      if (note.length > NOTICE_NOTE_MAX) return { ok: false, problem: 'invalid', field: 'note', messageKey: 'scams.notices.problem.noteTooLong' };
      if (input.answer === 'dispute' && note === '') return { ok: false, problem: 'invalid', field: 'note', messageKey: 'scams.notices.problem.disputeNote' };
      return repository.inTransaction(async (inTx, tx) => {
        const row = await inTx.findById(id);
        if (!row || !mayRead(viewer, row)) return { ok: false, problem: 'notFound' } as const;
        const at = deps.clock.now().toISOString();
        const by = `${viewer.actor.type}:${viewer.actor.id ?? ''}`;
        if (!(await inTx.answer(id, { answer: input.answer, note: note === '' ? null : note, at, by })))
          return { ok: false, problem: 'alreadyAnswered' } as const;
        await deps.audit.record(tx, {
          actor: viewer.actor,
          action: 'scams.notice.answered',
          entityType: 'scam_notice',
          entityId: id,
          details: { operatorId: row.operator_id, answer: input.answer, isLate: at > row.due_at },
        });
        const answered = await inTx.findById(id);
        return { ok: true, notice: present(answered ?? row, at) } as const;
      });
    },

    async counts() {
      const now = deps.clock.now().toISOString();
      const rows = new Map<string, NoticeCountRow>((await repository.countsByOperator(now)).map((r) => [r.operator_id, r]));
      const operators = new Set([...(await deps.register(deps.db)), ...rows.keys()]);
      return [...operators]
        .map((operatorId) => {
          const r = rows.get(operatorId);
          const overdueOpen = r?.overdue_open ?? 0;
          const answeredLate = r?.answered_late ?? 0;
          return { operatorId, open: r?.open ?? 0, answered: r?.answered ?? 0, overdueOpen, answeredLate, overdue: overdueOpen + answeredLate };
        })
        .sort((a, b) => b.overdue - a.overdue || a.operatorId.localeCompare(b.operatorId));
    },
  };
}
