import type { Migrations } from '../../../platform/db/index.ts';
import * as library from './2026-12-26-70-learn-03-library.ts';

/** The learn module's migrations (`2026-12-26-70-learn-NN-what`); names sort after the other modules'. */
export const learnMigrations: Migrations = {
  '2026-12-26-70-learn-03-library': library,
};
