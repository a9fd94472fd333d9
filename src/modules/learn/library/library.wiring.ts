import type { ModuleStaffLink } from '../../../platform/module.ts';
import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { createSearchRepository } from '../../../platform/search/index.ts';
import type { Role } from '../../../platform/auth/index.ts';
import { LIBRARY_PATHS } from './library.paths.ts';
import { createLibraryRepository } from './library.repository.ts';
import { createLibraryService, type LibraryService, type LibraryServiceDeps } from './library.service.ts';

/** Who runs the library: the regulator's content editors, officers and administrators. */
export const LIBRARY_STAFF_ROLES: readonly Role[] = ['editor', 'officer', 'admin'];

/** The library's link on the staff dashboard, with what waits for review. */
export const LIBRARY_STAFF_LINK: ModuleStaffLink = {
  href: LIBRARY_PATHS.staff,
  labelKey: 'learn.library.staff.title',
  descriptionKey: 'learn.library.staff.link',
  roles: LIBRARY_STAFF_ROLES,
  async figures(platform) {
    const waiting = await createLibraryRepository(platform.db.kysely).countByStates(['submitted', 'in_review']);
    return [{ messageKey: 'learn.library.staff.figure.waiting', count: waiting }];
  },
};

/** The library service over a platform; `overrides` replace its dependencies (the demo names its documents). */
export function createLibraryServiceFor(platform: Platform, overrides: Partial<LibraryServiceDeps> = {}): LibraryService {
  return createLibraryService({
    repository: createLibraryRepository(platform.db.kysely),
    search: createSearchRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'audit', 'jobs', 'clock', 'ids', 'catalogs'),
    settings: platform.settings.learn.library,
    publicUrl: platform.config.publicUrl,
    authority: platform.config.jurisdiction.authority.name,
    ...overrides,
  });
}
