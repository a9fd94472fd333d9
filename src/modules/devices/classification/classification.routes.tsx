import type { App } from '../../../platform/module.ts';
import { requireUser } from '../../../platform/auth/index.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { PageQuery } from '../theft-reports/theft-report.schemas.ts';
import { STAFF_REPORT_ROLES } from '../devices.policy.ts';
import type { DeviceListService } from '../lists/device-list.service.ts';
import type { Condition } from './classification-rules.ts';
import type { ClassificationService } from './classification.service.ts';
import { ClassificationOverviewPage } from './classification.views.tsx';
import { CLASSIFICATION_PATHS } from './classification.paths.ts';

/** Registers the staff's classification overview: the conditions in effect, the latest run and the latest lists. */
export function registerClassificationRoutes(
  app: App,
  deps: { lists: DeviceListService; classification: ClassificationService; conditions: readonly Condition[] },
): void {
  const staff = { preHandler: requireUser(...STAFF_REPORT_ROLES) };
  app.get(CLASSIFICATION_PATHS.staffOverview, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) => {
    const [lastRun, listRun] = await Promise.all([deps.classification.latestRun(), deps.lists.latestRun()]);
    return sendPage(
      reply,
      <ClassificationOverviewPage ctx={app.pageContext(request, reply)} conditions={deps.conditions} lastRun={lastRun} listRun={listRun} />,
    );
  });
}
