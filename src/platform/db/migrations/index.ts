import type { Migrations } from '../migrator.ts';
import * as platform from './2026-11-28-01-platform.ts';
import * as auth from './2026-11-28-02-auth.ts';

/** The platform's own migrations. */
export const platformMigrations: Migrations = {
  '2026-11-28-01-platform': platform,
  '2026-11-28-02-auth': auth,
};
