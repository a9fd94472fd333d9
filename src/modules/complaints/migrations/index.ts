import type { Migrations } from '../../../platform/db/index.ts';
import * as cases from './2026-11-30-30-complaints-01-cases.ts';
import * as drafts from './2026-11-30-30-complaints-02-drafts.ts';
import * as referral from './2026-12-20-30-complaints-03-referral.ts';
import * as problemDetails from './2026-12-20-30-complaints-04-problem-details.ts';
import * as refusalReasons from './2026-12-20-30-complaints-05-refusal-reasons.ts';
import * as mobileContact from './2026-12-22-30-complaints-06-mobile-contact.ts';

/** The complaints module's migrations; names sort after the platform's and the other modules'. */
export const complaintsMigrations: Migrations = {
  '2026-11-30-30-complaints-01-cases': cases,
  '2026-11-30-30-complaints-02-drafts': drafts,
  '2026-12-20-30-complaints-03-referral': referral,
  '2026-12-20-30-complaints-04-problem-details': problemDetails,
  '2026-12-20-30-complaints-05-refusal-reasons': refusalReasons,
  '2026-12-22-30-complaints-06-mobile-contact': mobileContact,
};
