import type { ModuleStaffLink } from '../../../platform/module.ts';
import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { createScamIdentifierRepository } from '../reputation/scam-identifier.repository.ts';
import { REVIEWER_ROLES } from '../scams.policy.ts';
import { scamsCoreOf } from '../scams.wiring.ts';
import { REVIEW_PATHS } from './review.paths.ts';
import { createReviewRepository } from './review.repository.ts';
import { createReviewService, type ReviewService } from './review.service.ts';

/** The review queue's link on the staff dashboard. */
export const reviewStaffLinks: readonly ModuleStaffLink[] = [
  {
    href: REVIEW_PATHS.queue,
    labelKey: 'scams.review.queue.title',
    descriptionKey: 'scams.review.queue.link',
    roles: REVIEWER_ROLES,
    async figures(platform) {
      const counts = await createReviewRepository(platform.db.kysely).countByState(['threshold_reached', 'under_review']);
      return [
        { messageKey: 'scams.review.figure.waiting', count: counts.threshold_reached ?? 0 },
        { messageKey: 'scams.review.figure.underReview', count: counts.under_review ?? 0 },
      ];
    },
  },
];

/** The staff's review service over the platform: its moves go through the module's one identifier states service. */
export function createReviewServiceFor(platform: Platform): ReviewService {
  return createReviewService({
    repository: createReviewRepository(platform.db.kysely),
    identifiers: createScamIdentifierRepository(platform.db.kysely),
    states: scamsCoreOf(platform).states,
    ...servicesOf(platform, 'audit', 'keyring', 'clock', 'ids'),
    settings: platform.settings.scams,
  });
}
