import type { OperatorCase } from './operator-case.ts';

/** One of the operator's referred cases as its page shows it: what the operator may read, and which of its forms the stage opens. */
export interface OperatorCaseView extends OperatorCase {
  /** The case waits for the operator's answer, a resolution or a deadlock. */
  canAnswer: boolean;
  /** An accepted resolution or a decision waits to be carried out. */
  canImplement: boolean;
}

/** The operator's case page's view of a referred case. */
export function presentOperatorCaseView(c: OperatorCase): OperatorCaseView {
  return {
    ...c,
    canAnswer: ['referred_to_operator', 'operator_responded', 'resolution_proposed'].includes(c.stage),
    canImplement: c.stage === 'accepted' || c.stage === 'decision',
  };
}
