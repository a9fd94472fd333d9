import { isIntegerIn, isPlainObject } from '../../../platform/value-checks.ts';

/** Settings of offer subscriptions, from `modules.offers.subscriptions` in the jurisdiction profile. */
export interface SubscriptionSettings {
  /** Days a subscription waits for its confirmation before it is deleted. */
  pendingDays: number;
}

/** The defaults documented in docs/offers/staff-guide.md. */
export const DEFAULT_SUBSCRIPTION_SETTINGS: SubscriptionSettings = { pendingDays: 7 };

const LIMITS: Record<keyof SubscriptionSettings, [number, number]> = { pendingDays: [1, 60] };

/**
 * Settings that no longer exist, with what replaced them: a profile that still sets one is
 * stopped with that sentence rather than left to believe the setting holds.
 */
const RETIRED: Readonly<Record<string, string>> = {
  subscribeLimitPerHour:
    'no longer used: subscribe requests count in the limits shared by every process, per e-mail address (CODE_SENDS_PER_ADDRESS) and per client address (CODE_SENDS_PER_NETWORK_ADDRESS); remove it',
};

/** Checks `modules.offers.subscriptions` and returns every problem as "/modules/offers/subscriptions/<field>: ...". */
export function checkSubscriptionSettings(settings: Readonly<Record<string, unknown>> | undefined): string[] {
  const block = settings?.['subscriptions'];
  if (block === undefined) return [];
  const at = (path: string, message: string) => `/modules/offers/subscriptions${path}: ${message}`;
  if (!isPlainObject(block)) return [at('', 'must be an object')];
  const problems: string[] = [];
  for (const key of Object.keys(block)) {
    const retired = RETIRED[key];
    if (retired !== undefined) problems.push(at(`/${key}`, retired));
    else if (!(key in LIMITS)) problems.push(at(`/${key}`, `unknown setting (known: ${Object.keys(LIMITS).join(', ')})`));
  }
  for (const [key, [min, max]] of Object.entries(LIMITS)) {
    const value = block[key];
    if (value !== undefined && !isIntegerIn(value, min, max)) problems.push(at(`/${key}`, `must be a whole number from ${min} to ${max}`));
  }
  return problems;
}

/** The settings in force: the profile's values over the defaults. Call only after {@link checkSubscriptionSettings} passed. */
export function resolveSubscriptionSettings(settings: Readonly<Record<string, unknown>> | undefined): SubscriptionSettings {
  const block = (settings?.['subscriptions'] ?? {}) as Record<string, unknown>;
  return { pendingDays: typeof block['pendingDays'] === 'number' ? block['pendingDays'] : DEFAULT_SUBSCRIPTION_SETTINGS.pendingDays };
}
