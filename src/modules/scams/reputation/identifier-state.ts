/**
 * The life of a reported identifier, as a pure rule: its states, the moves between them, and when
 * the reviewers of a round have decided. Nothing here reads a clock or a database.
 *
 * reported → threshold reached → under review → confirmed or rejected → (appealed → confirmed
 * again when the appeal is upheld, cleared when it is overturned); a confirmed identifier may also
 * be cleared by staff (a number reassigned). A rejected or cleared identifier reported again by
 * enough people reaches the threshold again.
 */

/** Every state of an identifier, in the order of its life. */
export const IDENTIFIER_STATES = ['reported', 'threshold_reached', 'under_review', 'confirmed', 'rejected', 'appealed', 'cleared'] as const;

/** One state of an identifier. */
export type IdentifierState = (typeof IDENTIFIER_STATES)[number];

/** The moves allowed from each state. */
const MOVES: Readonly<Record<IdentifierState, readonly IdentifierState[]>> = {
  reported: ['threshold_reached', 'under_review'],
  threshold_reached: ['under_review'],
  under_review: ['confirmed', 'rejected'],
  confirmed: ['appealed', 'cleared'],
  rejected: ['threshold_reached', 'under_review'],
  appealed: ['confirmed', 'cleared'],
  cleared: ['threshold_reached', 'under_review'],
};

/** Narrows a stored string to a state. */
export function isIdentifierState(value: string): value is IdentifierState {
  return (IDENTIFIER_STATES as readonly string[]).includes(value);
}

/** Whether an identifier may move from `from` to `to`. */
export function canMove(from: IdentifierState, to: IdentifierState): boolean {
  return MOVES[from].includes(to);
}

/** The states an identifier may move to from `from`. */
export function movesFrom(from: IdentifierState): readonly IdentifierState[] {
  return MOVES[from];
}

/** Whether the identifier is on the list sent to operators and banks (confirmed, and still while its appeal is heard). */
export function isListed(state: IdentifierState): boolean {
  return state === 'confirmed' || state === 'appealed';
}

/** A reviewer's decision in a round. */
export interface ReviewDecision {
  reviewerId: string;
  decision: 'confirm' | 'reject';
  isSenior: boolean;
}

/** What the reviews of a round amount to. */
export type RoundOutcome = { decided: 'confirmed' | 'rejected' } | { decided: null; needs: 'agreement' | 'senior' | 'reviewers'; agreeing: number };

/**
 * Whether the reviews of one round decide: a senior reviewer's decision alone does; otherwise
 * `reviewersToDecide` distinct reviewers who all agree. Reviewers who disagree leave it for a
 * senior. A protected identifier (a bank's published number, the regulator's short code: likely
 * spoofed) is confirmed only by a senior reviewer; it may be rejected like any other.
 */
export function roundOutcome(reviews: readonly ReviewDecision[], rule: { reviewersToDecide: number; isProtected: boolean }): RoundOutcome {
  const byReviewer = new Map<string, ReviewDecision>();
  for (const review of reviews) byReviewer.set(review.reviewerId, review);
  const latest = [...byReviewer.values()];
  const senior = latest.find((r) => r.isSenior);
  if (senior) return { decided: senior.decision === 'confirm' ? 'confirmed' : 'rejected' };
  const confirms = latest.filter((r) => r.decision === 'confirm').length;
  const rejects = latest.length - confirms;
  if (confirms > 0 && rejects > 0) return { decided: null, needs: 'senior', agreeing: Math.max(confirms, rejects) };
  if (rejects >= rule.reviewersToDecide) return { decided: 'rejected' };
  if (confirms >= rule.reviewersToDecide) return rule.isProtected ? { decided: null, needs: 'senior', agreeing: confirms } : { decided: 'confirmed' };
  return { decided: null, needs: latest.length === 0 ? 'reviewers' : 'agreement', agreeing: latest.length };
}
