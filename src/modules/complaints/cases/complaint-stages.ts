import type { ComplaintStage } from './complaint.types.ts';

/** Who moves a case: regulator staff, the operator, the consumer, or Kinga itself (deadline jobs). */
export type Party = 'staff' | 'operator' | 'consumer' | 'system';

/**
 * Every allowed move of a case and who may make it. Anything not listed is refused: no stage is
 * skipped and none is visited again, except reopening a closed case for a new investigation.
 */
export const TRANSITIONS: Readonly<Record<ComplaintStage, ReadonlyArray<{ to: ComplaintStage; by: readonly Party[] }>>> = {
  received: [
    { to: 'assessed', by: ['staff', 'system'] },
    { to: 'closed', by: ['staff'] },
  ],
  assessed: [
    { to: 'referred_to_operator', by: ['staff', 'system'] },
    // Extra-support cases may go straight to the regulator when the profile says so.
    { to: 'investigation', by: ['staff', 'system'] },
    { to: 'closed', by: ['staff'] },
  ],
  referred_to_operator: [
    { to: 'operator_responded', by: ['operator'] },
    { to: 'resolution_proposed', by: ['operator'] },
    // Deadlock, an untimely operator, or the consumer's escalation once entitled.
    { to: 'investigation', by: ['staff', 'system', 'consumer', 'operator'] },
    { to: 'closed', by: ['staff'] },
  ],
  operator_responded: [
    { to: 'resolution_proposed', by: ['operator'] },
    { to: 'accepted', by: ['consumer'] },
    { to: 'rejected', by: ['consumer'] },
    { to: 'investigation', by: ['staff', 'consumer', 'operator'] },
    { to: 'closed', by: ['staff'] },
  ],
  resolution_proposed: [
    { to: 'accepted', by: ['consumer'] },
    { to: 'rejected', by: ['consumer'] },
    { to: 'investigation', by: ['staff', 'consumer', 'operator'] },
    { to: 'closed', by: ['staff'] },
  ],
  accepted: [
    { to: 'implemented', by: ['operator', 'staff'] },
    { to: 'closed', by: ['staff', 'system'] },
  ],
  rejected: [
    { to: 'investigation', by: ['staff', 'consumer', 'system'] },
    { to: 'closed', by: ['staff'] },
  ],
  investigation: [
    { to: 'decision', by: ['staff'] },
    { to: 'closed', by: ['staff'] },
  ],
  decision: [
    { to: 'implemented', by: ['operator', 'staff'] },
    { to: 'closed', by: ['staff'] },
  ],
  implemented: [{ to: 'closed', by: ['staff', 'system'] }],
  // Reopening: within the review window by staff, later only by an administrator (checked by the service).
  closed: [{ to: 'investigation', by: ['staff'] }],
};

/** True when `by` may move a case from `from` to `to`. */
export function canMove(from: ComplaintStage, to: ComplaintStage, by: Party): boolean {
  return TRANSITIONS[from].some((t) => t.to === to && t.by.includes(by));
}

/** The stages `by` may move a case to from `from`. */
export function nextStages(from: ComplaintStage, by: Party): ComplaintStage[] {
  return TRANSITIONS[from].filter((t) => t.by.includes(by)).map((t) => t.to);
}

/** Stages where the case waits for the operator. */
export const OPERATOR_STAGES: readonly ComplaintStage[] = ['referred_to_operator', 'operator_responded', 'resolution_proposed', 'accepted', 'decision'];

/** True once a case has reached an end (it may still be reopened). */
export function isClosedStage(stage: ComplaintStage): boolean {
  return stage === 'closed';
}
