import type { Migrations } from '../../../platform/db/index.ts';
import * as retention from './2026-12-27-80-privacy-01-retention.ts';
import * as requests from './2026-12-27-80-privacy-02-requests.ts';
import * as erasures from './2026-12-27-80-privacy-03-erasures.ts';

/** The privacy module's migrations (`2026-12-27-80-privacy-NN-what`); names sort after the other modules'. */
export const privacyMigrations: Migrations = {
  '2026-12-27-80-privacy-01-retention': retention,
  '2026-12-27-80-privacy-02-requests': requests,
  '2026-12-27-80-privacy-03-erasures': erasures,
};
