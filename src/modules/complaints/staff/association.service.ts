import type { CaseSummaryRow } from '../cases/complaint.repository.ts';
import type { CaseListPage, ListRequest } from '../cases/complaint-list-page.ts';
import type { CaseWorkflow, StaffActor } from '../cases/case-workflow.ts';

/** Builds an association's part: the cases its representatives filed. */
export function createAssociationService(w: CaseWorkflow) {
  const { repository, listedPage } = w;

  const association = {
    /** The cases filed by the association of `who` (its representatives' filings), with their stage and open deadline; audited. */
    async list(who: StaffActor, request: ListRequest): Promise<CaseListPage<CaseSummaryRow>> {
      return listedPage(
        { actor: who.actor, action: 'complaints.association.listed' },
        request,
        () => repository.countFiledByAssociationOf(who.userId),
        (page) => repository.listFiledByAssociationOf(who.userId, page),
      );
    },
  };

  return association;
}
