import type { KingaModule } from '../../platform/module.ts';
import { learnMigrations } from './migrations/index.ts';
import { learnSettings } from './learn.settings.ts';
import { registerLearnSearchRoutes } from './search/learn-search.routes.tsx';
import { registerGuideRoutes } from './guides/guides.routes.tsx';
import { seedGuidesDemo } from './guides/guides.demo.ts';
import { GUIDE_PATHS } from './guides/guides.paths.ts';

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
  nav: [{ href: GUIDE_PATHS.hub, labelKey: 'learn.nav' }],
  routes(app, platform) {
    registerGuideRoutes(app, platform);
    registerLearnSearchRoutes(app, platform);
  },
  async seedDemo(platform) {
    await seedGuidesDemo(platform);
  },
};
