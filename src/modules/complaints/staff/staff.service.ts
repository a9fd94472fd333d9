import type { CaseWorkflow } from '../cases/case-workflow.ts';
import type { ComplaintFilingService } from '../filing/complaint-filing.service.ts';
import { createCaseDecisionService } from './case-decisions.service.ts';
import { createCaseHandlingService } from './case-handling.service.ts';
import { createConsumerDataService } from './consumer-data.service.ts';
import { createStaffQueueService } from './staff-queue.service.ts';

/** The regulator's part of the complaint service, as the staff pages use it: one object over the services by what staff do. */
export type StaffService = ReturnType<typeof createStaffService>;

/**
 * Builds the regulator's part of the complaint service: the queue and reading a case
 * (`staff-queue.service.ts`), working it (`case-handling.service.ts`), its steps and decision
 * (`case-decisions.service.ts`) and privacy requests (`consumer-data.service.ts`).
 */
export function createStaffService(w: CaseWorkflow, filing: ComplaintFilingService) {
  return {
    ...createStaffQueueService(w, filing),
    ...createCaseHandlingService(w),
    ...createCaseDecisionService(w),
    ...createConsumerDataService(w),
  };
}
