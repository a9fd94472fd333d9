import type { Platform } from '../../../platform/platform.ts';
import type { SubjectIdentity } from '../../../platform/privacy/record-kinds.ts';
import { createOfferRepository } from '../catalogue/offer.repository.ts';
import { seedOfferDemo } from '../demo/offers.demo.ts';
import { createOfferSubscriptionServiceFor } from '../subscriptions/offer-subscription.wiring.ts';

/** A plan of the demo offers a seeded person subscribes to. */
export const SEEDED_PLAN = 'M9900000001SVM10GB30000000';

/**
 * Subscribes the person to price alerts of {@link SEEDED_PLAN} (the demo offers are seeded
 * when it is missing): by e-mail with their first address, and by text with their first mobile
 * number; both stay pending. Answers the plan id.
 */
export async function seedOffersPersonEverywhere(platform: Platform, identity: SubjectIdentity): Promise<{ planId: string }> {
  const offers = createOfferRepository(platform.db.kysely);
  if ((await offers.findPlanStates([SEEDED_PLAN])).length === 0) await seedOfferDemo(platform);
  const plan = { plan_id: SEEDED_PLAN };
  const subscriptions = createOfferSubscriptionServiceFor(platform);
  const email = identity.emails[0];
  const phone = identity.phones[0];
  if (email !== undefined) await subscriptions.subscribe({ planId: plan.plan_id, email, notifyBy: 'email', language: 'en', networkAddress: '192.0.2.10' });
  if (phone !== undefined)
    await subscriptions.subscribe({ planId: plan.plan_id, email: '', phone, notifyBy: 'sms', language: 'en', networkAddress: '192.0.2.10' });
  return { planId: plan.plan_id };
}
