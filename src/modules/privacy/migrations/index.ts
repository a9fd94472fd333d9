import type { Migrations } from '../../../platform/db/index.ts';

/** The privacy module's migrations (`2026-12-27-80-privacy-NN-what`); names sort after the other modules'. */
export const privacyMigrations: Migrations = {};
