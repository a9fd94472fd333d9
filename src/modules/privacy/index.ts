import type { KingaModule } from '../../platform/module.ts';
import { privacyMigrations } from './migrations/index.ts';
import { privacySettings } from './privacy.settings.ts';
import { registerRetentionJob } from './retention/retention.jobs.ts';
import { registerPrivacyCommands } from './retention/retention.cli.ts';
import { seedRetentionDemo } from './retention/retention.demo.ts';
import { retentionRecordKinds } from './retention/retention-kinds.ts';
import { RETENTION_FOOTER_LINK, RETENTION_STAFF_LINK, registerRetentionRoutes } from './retention/retention.routes.tsx';
import { requestsPartOf } from './requests/requests.module.ts';
import { createFulfilment } from './fulfil/fulfil.wiring.ts';

export type { PrivacySettings } from './privacy.settings.ts';
export { heldIdsFor } from './retention/retention.wiring.ts';

// Requests are answered by the fulfilment of access and erasure, which reads every module's kinds.
const requests = requestsPartOf((platform) => createFulfilment(platform));

/**
 * Personal data (issue 19): people's requests to see, correct, erase, restrict or take away their
 * data, the one retention schedule of every kind of record, and what Kinga keeps and why.
 */
export const privacyModule: KingaModule = {
  name: 'privacy',
  migrations: privacyMigrations,
  settings: privacySettings,
  commands: registerPrivacyCommands,
  nav: requests.nav,
  staffLinks: [...requests.staffLinks, RETENTION_STAFF_LINK],
  footerLinks: [RETENTION_FOOTER_LINK],
  routes(app, platform) {
    registerRetentionRoutes(app, platform);
    requests.routes(app, platform);
  },
  jobs(platform) {
    registerRetentionJob(platform);
    requests.jobs(platform);
  },
  recordKinds: (platform) => [...retentionRecordKinds(platform), ...requests.recordKinds(platform)],
  async seedDemo(platform) {
    await requests.seedDemo(platform);
    // After the requests' demo, so that the recorded runs see every kind's records as a real night would.
    await seedRetentionDemo(platform);
  },
};
