import { actorOf, requireUser } from '../../../platform/auth/index.ts';
import type { App } from '../../../platform/module.ts';
import { sendPage } from '../../../platform/web/render.ts';
import type { OpenDataLicence } from '../catalogue/open-data.settings.ts';
import { COMPLIANCE_ROLES } from './compliance.policy.ts';
import type { ComplianceService } from './compliance.service.ts';
import { StaffPageQuery } from './compliance.schemas.ts';
import { CompliancePage } from './compliance.views.tsx';

/** Registers the staff compliance view of operators' offers, which links the exports published under `licence`. */
export function registerComplianceRoutes(app: App, service: ComplianceService, licence: OpenDataLicence): void {
  app.get('/staff/offers/compliance', { preHandler: requireUser(...COMPLIANCE_ROLES), schema: { querystring: StaffPageQuery } }, async (request, reply) => {
    const report = await service.compliance(actorOf(request));
    return sendPage(reply, <CompliancePage ctx={app.pageContext(request, reply)} report={report} licence={licence} />);
  });
}
