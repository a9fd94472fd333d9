import type { Actor } from '../../../platform/audit/index.ts';
import { ESCALATION_STAGES } from './deadlines.ts';
import type { CaseWorkflow } from '../cases/case-workflow.ts';

/** What the sweep did; each number counts cases. */
export interface SweepReport {
  escalatedUntimely: number;
  toldEntitled: number;
  regulatorOverdue: number;
}

/** Builds the deadline sweep over the shared case workflow. */
export function createSweep(w: CaseWorkflow): () => Promise<SweepReport> {
  const { repository, audit, logger, nowIso, operatorName, inTx, mailConsumer, move } = w;

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
      const isMoved = await inTx(async (repo, tx) => {
        const c = await repo.findCaseById(lapsed.case_id);
        if (!c || c.stage !== 'referred_to_operator') return false;
        await move(repo, tx, c, 'investigation', 'system', system, 'operator_untimely', { is_untimely: true });
        return true;
      });
      if (isMoved) report.escalatedUntimely += 1;
    }
    for (const lapsed of await repository.listLapsedDeadlines(['received', 'investigation', 'decision'], now)) {
      await repository.markDeadlineMissed(lapsed.id);
      report.regulatorOverdue += 1;
    }
    for (const c of await repository.listEscalationDue(ESCALATION_STAGES, now, 500)) {
      const isTold = await inTx(async (repo, tx) => {
        if (!(await repo.markEscalationNotified(c.id, now))) return false;
        const filing = await repo.findFilingById(c.filing_id);
        if (filing)
          await mailConsumer(tx, filing, c.is_deadlock ? 'deadlock' : 'entitled', { reference: c.reference, operator: await operatorName(c.operator_id, tx) });
        await audit.record(tx, {
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

  return sweep;
}
