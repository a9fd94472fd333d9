import type { KingaModule } from '../../platform/module.ts';
import { learnMigrations } from './migrations/index.ts';
import { learnSettings } from './learn.settings.ts';
import { registerLibraryRoutes } from './library/library.routes.tsx';
import { registerLibraryRetentionJob } from './library/library.jobs.ts';
import { LIBRARY_STAFF_LINK } from './library/library.wiring.ts';
import { seedLibraryDemo } from './library/library.demo.ts';

export type { LearnSettings, GuideTopic } from './learn.settings.ts';
export { GUIDE_TOPICS } from './learn.settings.ts';

/** Learning and taking part: rights guides, digital-skills courses, workshops, the good-practice library and consumer associations (issue 18). */
export const learnModule: KingaModule = {
  name: 'learn',
  migrations: learnMigrations,
  settings: learnSettings,
  staffLinks: [LIBRARY_STAFF_LINK],
  async routes(app, platform) {
    await registerLibraryRoutes(app, platform);
  },
  jobs(platform) {
    registerLibraryRetentionJob(platform);
  },
  async seedDemo(platform) {
    await seedLibraryDemo(platform);
  },
};
