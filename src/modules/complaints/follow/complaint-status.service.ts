import { parseReference } from '../cases/complaint-reference.ts';
import type { ComplaintRepository } from '../cases/complaint.repository.ts';
import type { ComplaintStage } from '../cases/complaint.types.ts';

/** What anyone holding a reference may learn of a case: its stage and when its current answer is due, nothing personal. */
export interface ComplaintStatus {
  reference: string;
  stage: ComplaintStage;
  /** The end of the open deadline (UTC ISO 8601), or null when none runs or the clock waits for the consumer. */
  dueAt: string | null;
  isWaitingForConsumer: boolean;
}

/** The status of a complaint by its reference, for channels without a session (USSD, SMS). */
export interface ComplaintStatusService {
  /**
   * The status of the case a reference names, or of each case of a filing (one per operator), in
   * the order of their references; empty when the reference is malformed or unknown, alike, so
   * that the answer tells nothing about references one does not hold.
   */
  statusOf(typed: string): Promise<ComplaintStatus[]>;
}

/** Builds the service over the complaint repository. */
export function createComplaintStatusService(deps: { repository: ComplaintRepository }): ComplaintStatusService {
  const { repository } = deps;
  return {
    async statusOf(typed) {
      const reference = parseReference(typed.slice(0, 64));
      if (reference === null) return [];
      let cases;
      if (reference.startsWith('K-')) {
        const found = await repository.findCaseByReference(reference);
        cases = found ? [found] : [];
      } else {
        const filing = await repository.findFilingByReference(reference);
        cases = filing ? await repository.listCasesOfFiling(filing.id) : [];
      }
      if (cases.length === 0) return [];
      const deadlines = await repository.listDeadlinesOf(cases.map((c) => c.id));
      const statuses: ComplaintStatus[] = [];
      for (const c of [...cases].sort((a, b) => a.reference.localeCompare(b.reference))) {
        const pauses = await repository.listPauses(c.id);
        const isWaitingForConsumer = pauses.some((p) => p.to_at === null);
        const open = deadlines.find((d) => d.case_id === c.id && d.met_at === null);
        statuses.push({ reference: c.reference, stage: c.stage, dueAt: open && !isWaitingForConsumer ? open.due_at : null, isWaitingForConsumer });
      }
      return statuses;
    },
  };
}
