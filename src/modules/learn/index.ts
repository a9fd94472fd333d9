import { fileURLToPath } from 'node:url';
import type { KingaModule } from '../../platform/module.ts';
import { learnMigrations } from './migrations/index.ts';
import { learnSettings } from './learn.settings.ts';
import { learnRecordKinds } from './learn.privacy.ts';
import { registerLearnSearchRoutes } from './search/learn-search.routes.tsx';
import { CONTENT_STAFF_LINKS, registerContentStaffRoutes } from './content/content-staff.routes.tsx';
import { ASSOCIATIONS_STAFF_LINKS, registerAssociationRoutes } from './associations/associations.routes.tsx';
import { seedAssociationsDemo } from './associations/associations.demo.ts';
import { registerWorkshopRoutes } from './workshops/workshop.routes.tsx';
import { WORKSHOP_STAFF_LINKS } from './workshops/workshop.wiring.ts';
import { seedWorkshopsDemo } from './workshops/workshops.demo.ts';
import { registerGuideRoutes } from './guides/guides.routes.tsx';
import { seedGuidesDemo } from './guides/guides.demo.ts';
import { GUIDE_PATHS } from './guides/guides.paths.ts';
import { registerLibraryRoutes } from './library/library.routes.tsx';
import { LIBRARY_STAFF_LINK } from './library/library.wiring.ts';
import { seedLibraryDemo } from './library/library.demo.ts';
import { COURSES_STAFF_LINK, registerCourseRoutes } from './courses/courses.routes.tsx';
import { seedCoursesDemo } from './courses/courses.demo.ts';
import { learnDatasets } from './library/learn.datasets.ts';

export type { LearnSettings, GuideTopic } from './learn.settings.ts';
export { GUIDE_TOPICS } from './learn.settings.ts';
export { createContentServiceFor } from './content/content.wiring.ts';
export type { ContentService, PublishedText } from './content/content.service.ts';
export { RelatedGuide } from './guides/related-guide.views.tsx';
export { GUIDE_PATHS } from './guides/guides.paths.ts';

/** Learning and taking part: rights guides, digital-skills courses, workshops, the good-practice library and consumer associations (issue 18). */
export const learnModule: KingaModule = {
  name: 'learn',
  migrations: learnMigrations,
  settings: learnSettings,
  datasets: learnDatasets,
  // One entry for the whole module: its hub lists the guides, courses, workshops, library and associations.
  nav: [{ href: GUIDE_PATHS.hub, labelKey: 'learn.nav' }],
  staffLinks: [...CONTENT_STAFF_LINKS, COURSES_STAFF_LINK, ...WORKSHOP_STAFF_LINKS, LIBRARY_STAFF_LINK, ...ASSOCIATIONS_STAFF_LINKS],
  async routes(app, platform) {
    registerGuideRoutes(app, platform);
    registerContentStaffRoutes(app, platform);
    await registerCourseRoutes(app, platform);
    registerLearnSearchRoutes(app, platform);
    registerWorkshopRoutes(app, platform);
    await registerLibraryRoutes(app, platform);
    registerAssociationRoutes(app, platform);
  },
  recordKinds: learnRecordKinds,
  async seedDemo(platform) {
    await seedGuidesDemo(platform);
    await seedCoursesDemo(platform);
    await seedWorkshopsDemo(platform);
    await seedLibraryDemo(platform);
    await seedAssociationsDemo(platform);
  },
  // Style sheets and scripts of every capability of learn, served at /assets/learn/.
  assetsDir: fileURLToPath(new URL('./assets/', import.meta.url)),
};
