import type { KingaModule } from '../../../platform/module.ts';
import type { Fulfilment } from '../fulfil/fulfilment.ts';
import { seedRequestsDemo } from './requests.demo.ts';
import { registerRequests } from './request.routes.tsx';
import { registerRequestJobs, requestKindsOf, requestStaffLink } from './requests.wiring.ts';

/**
 * What the requests capability adds to the privacy module, over the fulfilment of access and
 * erasure. When the module wires in `createFulfilment(platform)` from `fulfil/`, it passes it here.
 */
export function requestsPartOf(fulfilmentOf: (platform: Parameters<NonNullable<KingaModule['jobs']>>[0]) => Fulfilment) {
  return {
    nav: [{ href: '/privacy/requests', labelKey: 'privacy.requests.nav' }],
    staffLinks: [requestStaffLink()],
    routes: (app, platform) => registerRequests(app, platform, fulfilmentOf(platform)),
    jobs: (platform) => registerRequestJobs(platform, fulfilmentOf(platform)),
    recordKinds: (platform) => requestKindsOf(platform),
    seedDemo: (platform) => seedRequestsDemo(platform),
  } satisfies Partial<KingaModule>;
}
