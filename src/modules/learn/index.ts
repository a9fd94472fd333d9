import type { KingaModule } from '../../platform/module.ts';
import { learnMigrations } from './migrations/index.ts';
import { learnSettings } from './learn.settings.ts';
import { registerWorkshopRoutes } from './workshops/workshop.routes.tsx';
import { WORKSHOP_STAFF_LINKS, registerWorkshopJobs } from './workshops/workshop.wiring.ts';
import { seedWorkshopsDemo } from './workshops/workshops.demo.ts';

export type { LearnSettings, GuideTopic } from './learn.settings.ts';
export { GUIDE_TOPICS } from './learn.settings.ts';

/** Learning and taking part: rights guides, digital-skills courses, workshops, the good-practice library and consumer associations (issue 18). */
export const learnModule: KingaModule = {
  name: 'learn',
  migrations: learnMigrations,
  settings: learnSettings,
  staffLinks: [...WORKSHOP_STAFF_LINKS],
  routes(app, platform) {
    registerWorkshopRoutes(app, platform);
  },
  jobs(platform) {
    registerWorkshopJobs(platform);
  },
  async seedDemo(platform) {
    await seedWorkshopsDemo(platform);
  },
};
