import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { Transaction } from '../../../platform/db/index.ts';
import type { ScamIdentifierRow } from '../scams.tables.ts';
import { canMove, isIdentifierState, type IdentifierState } from './identifier-state.ts';
import type { ScamIdentifierRepository } from './scam-identifier.repository.ts';

/** Why an identifier moved, as a code the audit log keeps (the free-text note stays with the identifier's events). */
export const MOVE_REASONS = [
  'threshold',
  'reviewOpened',
  'reviewersConfirmed',
  'reviewersRejected',
  'appealFiled',
  'appealUpheld',
  'appealOverturned',
  'staffCleared',
  'reportedAgain',
] as const;

/** One reason code of a move. */
export type MoveReason = (typeof MOVE_REASONS)[number];

/** A move that was made: what listeners (notices, news to reporters) act on, inside its transaction. */
export interface IdentifierMoved {
  identifier: ScamIdentifierRow;
  from: IdentifierState;
  to: IdentifierState;
  actor: Actor;
  reason: MoveReason;
  at: string;
}

/** Acts on a move in the transaction that made it, so that what it writes commits with the move or not at all. */
export type IdentifierMoveListener = (tx: Transaction, moved: IdentifierMoved) => Promise<void>;

/** A move asked for. */
export interface MoveRequest {
  identifierId: string;
  to: IdentifierState;
  actor: Actor;
  reason: MoveReason;
  /** The reviewer's or staff member's words, kept with the identifier's history. */
  note?: string;
  /** The state the caller saw: the move is refused when the identifier has left it since. */
  expectedFrom?: IdentifierState;
}

/** What a move came to. */
export type MoveResult = { ok: true; identifier: ScamIdentifierRow; from: IdentifierState } | { ok: false; problem: 'notFound' | 'notAllowed' | 'conflict' };

/** The one way an identifier's state changes: checked against the rule, recorded as an event and in the audit log. */
export interface IdentifierStates {
  /** Moves an identifier in a transaction of its own. */
  move(request: MoveRequest): Promise<MoveResult>;
  /** Moves an identifier inside the caller's transaction (`repository` bound to it). */
  moveIn(repository: ScamIdentifierRepository, tx: Transaction, request: MoveRequest): Promise<MoveResult>;
  /** Adds a listener called after every move, in its transaction. */
  onMove(listener: IdentifierMoveListener): void;
}

/** What a move sets besides the state. */
function marksOf(from: IdentifierState, to: IdentifierState, at: string): NonNullable<Parameters<ScamIdentifierRepository['move']>[0]['marks']> {
  switch (to) {
    case 'threshold_reached':
      return { threshold_reached_at: at };
    // An appeal upheld keeps the date it was first confirmed: the public says "confirmed since".
    case 'confirmed':
      return from === 'appealed' ? {} : { confirmed_at: at, cleared_at: null };
    case 'cleared':
      return { cleared_at: at, confirmed_at: null };
    default:
      return {};
  }
}

/** Builds the service. */
export function createIdentifierStates(deps: { repository: ScamIdentifierRepository; audit: AuditLog; clock: Clock; ids: IdGenerator }): IdentifierStates {
  const listeners: IdentifierMoveListener[] = [];

  async function moveIn(repository: ScamIdentifierRepository, tx: Transaction, request: MoveRequest): Promise<MoveResult> {
    const row = await repository.findById(request.identifierId);
    if (!row) return { ok: false, problem: 'notFound' };
    const from = row.state;
    if (!isIdentifierState(from)) throw new Error(`scam identifier ${row.id} has an unknown state "${from}"`);
    if (request.expectedFrom !== undefined && request.expectedFrom !== from) return { ok: false, problem: 'conflict' };
    if (!canMove(from, request.to)) return { ok: false, problem: 'notAllowed' };
    const at = deps.clock.now().toISOString();
    const eventId = deps.ids();
    const moved = await repository.move({
      id: row.id,
      version: row.version,
      to: request.to,
      at,
      marks: marksOf(from, request.to, at),
      event: { id: eventId, from_state: from, actor_type: request.actor.type, actor_id: request.actor.id, reason: request.note?.trim() || request.reason },
    });
    if (!moved) return { ok: false, problem: 'conflict' };
    await deps.audit.record(tx, {
      actor: request.actor,
      action: `scams.identifier.${request.to}`,
      entityType: 'scam_identifier',
      entityId: row.id,
      details: { from, to: request.to, reason: request.reason, eventId },
    });
    const identifier = (await repository.findById(row.id)) ?? row;
    for (const listener of listeners) await listener(tx, { identifier, from, to: request.to, actor: request.actor, reason: request.reason, at });
    return { ok: true, identifier, from };
  }

  return {
    move(request) {
      return deps.repository.inTransaction((repository, tx) => moveIn(repository, tx, request));
    },
    moveIn,
    onMove(listener) {
      listeners.push(listener);
    },
  };
}
