import type { KingaModule } from '../../platform/module.ts';
import { scamsMigrations } from './migrations/index.ts';
import { scamsSettings } from './scams.settings.ts';
import { registerLookupRoutes } from './lookup/scam-lookup.routes.tsx';
import { APPEALS_STAFF_LINK, registerAppealRoutes } from './appeals/appeal.routes.tsx';
import { registerScamRetentionJob } from './retention/scam-retention.jobs.ts';
import { registerScamOpenDataRoutes } from './open-data/scam-open-data.routes.ts';

export type { ScamsSettings } from './scams.settings.ts';

/** Scams and fraud: reports from the public, the reputation of numbers, sender ids and links, review, operators' action and appeals (issue 17). */
export const scamsModule: KingaModule = {
  name: 'scams',
  migrations: scamsMigrations,
  settings: scamsSettings,
  staffLinks: [APPEALS_STAFF_LINK],
  jobs(platform) {
    registerScamRetentionJob(platform);
  },
  routes(app, platform) {
    registerLookupRoutes(app, platform);
    registerAppealRoutes(app, platform);
    registerScamOpenDataRoutes(app, platform);
  },
};
