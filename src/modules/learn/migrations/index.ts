import type { Migrations } from '../../../platform/db/index.ts';
import * as content from './2026-12-26-70-learn-01-content.ts';
import * as workshops from './2026-12-26-70-learn-02-workshops.ts';
import * as library from './2026-12-26-70-learn-03-library.ts';
import * as associations from './2026-12-26-70-learn-04-associations.ts';
import * as courses from './2026-12-26-70-learn-05-courses.ts';

/** The learn module's migrations (`2026-12-26-70-learn-NN-what`); names sort after the other modules'. */
export const learnMigrations: Migrations = {
  '2026-12-26-70-learn-01-content': content,
  '2026-12-26-70-learn-02-workshops': workshops,
  '2026-12-26-70-learn-03-library': library,
  '2026-12-26-70-learn-04-associations': associations,
  '2026-12-26-70-learn-05-courses': courses,
};
