import type { KingaModule } from '../../platform/module.ts';
import { privacyMigrations } from './migrations/index.ts';
import { privacySettings } from './privacy.settings.ts';
import { registerRetentionJob } from './retention/retention.jobs.ts';
import { registerPrivacyCommands } from './retention/retention.cli.ts';
import { seedRetentionDemo } from './retention/retention.demo.ts';
import { retentionRecordKinds } from './retention/retention-kinds.ts';
import { RETENTION_FOOTER_LINK, RETENTION_STAFF_LINK, registerRetentionRoutes } from './retention/retention.routes.tsx';

export type { PrivacySettings } from './privacy.settings.ts';
export { heldIdsFor } from './retention/retention.wiring.ts';

/**
 * Personal data (issue 19): people's requests to see, correct, erase, restrict or take away their
 * data, the one retention schedule of every kind of record, and what Kinga keeps and why.
 */
export const privacyModule: KingaModule = {
  name: 'privacy',
  migrations: privacyMigrations,
  settings: privacySettings,
  commands: registerPrivacyCommands,
  staffLinks: [RETENTION_STAFF_LINK],
  footerLinks: [RETENTION_FOOTER_LINK],
  routes(app, platform) {
    registerRetentionRoutes(app, platform);
  },
  jobs(platform) {
    registerRetentionJob(platform);
  },
  seedDemo: seedRetentionDemo,
  recordKinds: (platform) => retentionRecordKinds(platform),
};
