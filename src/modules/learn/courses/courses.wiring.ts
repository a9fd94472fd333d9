import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { createContentServiceFor } from '../content/content.wiring.ts';
import { createCoursesRepository } from './courses.repository.ts';
import { createCoursesService, type CoursesService } from './courses.service.ts';

/** The courses service over a platform, for the routes and the demo. */
export function createCoursesServiceFor(platform: Platform): CoursesService {
  return createCoursesService({
    repository: createCoursesRepository(platform.db.kysely),
    content: createContentServiceFor(platform),
    ...servicesOf(platform, 'audit', 'clock', 'ids'),
    languages: platform.config.jurisdiction.languages,
    settings: platform.settings.learn.courses,
  });
}
