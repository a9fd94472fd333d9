import { fileURLToPath } from 'node:url';
import type { KingaModule } from '../../platform/module.ts';
import { learnMigrations } from './migrations/index.ts';
import { learnSettings } from './learn.settings.ts';
import { CONTENT_STAFF_LINKS, registerContentStaffRoutes } from './content/content-staff.routes.tsx';
import { COURSES_STAFF_LINK, registerCourseRoutes } from './courses/courses.routes.tsx';
import { seedCoursesDemo } from './courses/courses.demo.ts';

export type { LearnSettings, GuideTopic } from './learn.settings.ts';
export { GUIDE_TOPICS } from './learn.settings.ts';
export { createContentServiceFor } from './content/content.wiring.ts';
export type { ContentService, PublishedText } from './content/content.service.ts';

/** Learning and taking part: rights guides, digital-skills courses, workshops, the good-practice library and consumer associations (issue 18). */
export const learnModule: KingaModule = {
  name: 'learn',
  migrations: learnMigrations,
  settings: learnSettings,
  staffLinks: [...CONTENT_STAFF_LINKS, COURSES_STAFF_LINK],
  async routes(app, platform) {
    registerContentStaffRoutes(app, platform);
    await registerCourseRoutes(app, platform);
  },
  async seedDemo(platform) {
    await seedCoursesDemo(platform);
  },
  // Style sheets and scripts of every capability of learn, served at /assets/learn/.
  assetsDir: fileURLToPath(new URL('./assets/', import.meta.url)),
};
