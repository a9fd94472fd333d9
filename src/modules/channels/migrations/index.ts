import type { Migrations } from '../../../platform/db/index.ts';
import * as tables from './2026-12-22-50-channels-01-tables.ts';

/** The channels module's migrations; names sort after the other modules'. */
export const channelsMigrations: Migrations = {
  '2026-12-22-50-channels-01-tables': tables,
};
