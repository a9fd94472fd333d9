import { createCaseWorkflow, type ComplaintServiceDeps } from './case-workflow.ts';
import { createComplaintFilingService } from '../filing/complaint-filing.service.ts';
import { createConsumerCaseService } from '../follow/consumer-case.service.ts';
import { createStaffService } from '../staff/staff.service.ts';
import { createAssociationService } from '../staff/association.service.ts';
import { createOperatorService } from '../operator-portal/operator.service.ts';
import { createSweep } from '../deadlines/sweep.service.ts';
import { createStatisticsService } from '../statistics/complaint-statistics.service.ts';

/** The full complaint service: the consumer's part (`ComplaintsService`), staff, operators and the deadline sweep. */
export type FullComplaintService = ReturnType<typeof createComplaintService>;

/** Builds the complaint service: each audience's part over one shared case workflow. */
export function createComplaintService(deps: ComplaintServiceDeps) {
  const workflow = createCaseWorkflow(deps);
  const filing = createComplaintFilingService(workflow);
  const consumer = createConsumerCaseService(workflow, filing);
  const { statistics, statisticsQuarters } = createStatisticsService(workflow);
  return {
    ...consumer,
    consumer,
    staff: createStaffService(workflow, filing),
    operator: createOperatorService(workflow),
    association: createAssociationService(workflow),
    sweep: createSweep(workflow),
    statistics,
    statisticsQuarters,
    operatorNames: workflow.operatorNames,
  };
}
