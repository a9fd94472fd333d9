import { Type } from '@sinclair/typebox';

/** Settings of offer subscriptions, from `modules.offers.subscriptions` in the jurisdiction profile. */
export interface SubscriptionSettings {
  /** Days a subscription waits for its confirmation before it lapses (the retention schedule then deletes it). */
  pendingDays: number;
  /** Minutes the code texted to confirm a subscription by text message stays valid. */
  codeMinutes: number;
}

/**
 * The `subscriptions` block of `modules.offers`, with the defaults documented in
 * docs/offers/staff-guide.md. A setting that no longer exists says what replaced it, so that a
 * profile still setting it is stopped rather than left to believe the setting holds.
 */
export const SubscriptionsBlock = Type.Object(
  {
    pendingDays: Type.Integer({
      minimum: 1,
      maximum: 60,
      default: 7,
      description: 'Days a subscription waits for its confirmation before it lapses; the retention schedule (offers.priceAlerts) then deletes it.',
    }),
    codeMinutes: Type.Integer({
      minimum: 5,
      maximum: 60,
      default: 15,
      description: 'Minutes the code texted to confirm a subscription by text message stays valid.',
    }),
    subscribeLimitPerHour: Type.Optional(
      Type.Never({
        errorMessage:
          'no longer used: subscribe requests count in the limits shared by every process, per e-mail address (CODE_SENDS_PER_ADDRESS) and per client address (CODE_SENDS_PER_NETWORK_ADDRESS); remove it',
      }),
    ),
  },
  { additionalProperties: false, default: {}, keyErrorMessage: 'unknown setting (known: pendingDays, codeMinutes)' },
);
