import type { Migrations } from '../../../platform/db/index.ts';
import * as tables from './2026-12-24-60-scams-01-tables.ts';
import * as channelReports from './2026-12-25-60-scams-02-channel-reports.ts';

/** The scams module's migrations; names sort after the other modules'. */
export const scamsMigrations: Migrations = {
  '2026-12-24-60-scams-01-tables': tables,
  '2026-12-25-60-scams-02-channel-reports': channelReports,
};
