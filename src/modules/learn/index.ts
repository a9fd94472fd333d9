import type { KingaModule } from '../../platform/module.ts';
import { learnMigrations } from './migrations/index.ts';
import { learnSettings } from './learn.settings.ts';
import { ASSOCIATIONS_NAV, ASSOCIATIONS_STAFF_LINKS, registerAssociationJobs, registerAssociationRoutes } from './associations/associations.routes.tsx';
import { seedAssociationsDemo } from './associations/associations.demo.ts';

export type { LearnSettings, GuideTopic } from './learn.settings.ts';
export { GUIDE_TOPICS } from './learn.settings.ts';

/** Learning and taking part: rights guides, digital-skills courses, workshops, the good-practice library and consumer associations (issue 18). */
export const learnModule: KingaModule = {
  name: 'learn',
  migrations: learnMigrations,
  settings: learnSettings,
  nav: [ASSOCIATIONS_NAV],
  staffLinks: [...ASSOCIATIONS_STAFF_LINKS],
  routes(app, platform) {
    registerAssociationRoutes(app, platform);
  },
  jobs(platform) {
    registerAssociationJobs(platform);
  },
  async seedDemo(platform) {
    await seedAssociationsDemo(platform);
  },
};
