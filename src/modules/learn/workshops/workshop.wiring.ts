import type { ModuleStaffLink } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Role } from '../../../platform/auth/index.ts';
import { createWorkshopRepository } from './workshop.repository.ts';
import { createWorkshopService, type WorkshopService } from './workshop.service.ts';
import { WORKSHOP_PATHS } from './workshop.paths.ts';

/** Who manages workshops: the regulator's content editors, officers and administrators. */
export const WORKSHOP_STAFF_ROLES: readonly Role[] = ['editor', 'officer', 'admin'];

/** The workshops link on the staff dashboard. */
export const WORKSHOP_STAFF_LINKS: readonly ModuleStaffLink[] = [
  {
    href: WORKSHOP_PATHS.staffList,
    labelKey: 'learn.workshops.staff.title',
    descriptionKey: 'learn.workshops.staff.link',
    roles: WORKSHOP_STAFF_ROLES,
    async figures(platform) {
      const { events, waiting } = await createWorkshopRepository(platform.db.kysely).countComing(platform.clock.now().toISOString());
      return [
        { messageKey: 'learn.workshops.staff.figure.coming', count: events },
        { messageKey: 'learn.workshops.staff.figure.waiting', count: waiting },
      ];
    },
  },
];

/** The workshops service over a platform. */
export function createWorkshopServiceFor(platform: Platform): WorkshopService {
  const { jurisdiction, publicUrl } = platform.config;
  return createWorkshopService({
    repository: createWorkshopRepository(platform.db.kysely),
    keyring: platform.keyring,
    clock: platform.clock,
    ids: platform.ids,
    audit: platform.audit,
    jobs: platform.jobs,
    sms: platform.sms,
    translator: (language) => platform.catalogs.translator(language),
    settings: platform.settings.learn.workshops,
    timeZone: jurisdiction.timeZone,
    country: jurisdiction.country,
    publicUrl,
    organizer: { name: jurisdiction.authority.name, email: jurisdiction.contacts.email },
  });
}
