import { isIntegerIn, isPlainObject } from '../../platform/value-checks.ts';

/** Settings of offer subscriptions, from `modules.offers.subscriptions` in the jurisdiction profile. */
export interface SubscriptionSettings {
  /** Days a subscription waits for its confirmation before it is deleted. */
  pendingDays: number;
  /** Subscribe requests one address (IP) may send per hour. */
  subscribeLimitPerHour: number;
}

/** The defaults documented in docs/offers/staff-guide.md. */
export const DEFAULT_SUBSCRIPTION_SETTINGS: SubscriptionSettings = { pendingDays: 7, subscribeLimitPerHour: 10 };

const LIMITS: Record<keyof SubscriptionSettings, [number, number]> = { pendingDays: [1, 60], subscribeLimitPerHour: [1, 10_000] };

/** Checks `modules.offers.subscriptions` and returns every problem as "/modules/offers/subscriptions/<field>: ...". */
export function checkSubscriptionSettings(settings: Readonly<Record<string, unknown>> | undefined): string[] {
  const block = settings?.['subscriptions'];
  if (block === undefined) return [];
  const at = (path: string, message: string) => `/modules/offers/subscriptions${path}: ${message}`;
  if (!isPlainObject(block)) return [at('', 'must be an object')];
  const problems: string[] = [];
  for (const key of Object.keys(block)) if (!(key in LIMITS)) problems.push(at(`/${key}`, `unknown setting (known: ${Object.keys(LIMITS).join(', ')})`));
  for (const [key, [min, max]] of Object.entries(LIMITS)) {
    const value = block[key];
    if (value !== undefined && !isIntegerIn(value, min, max)) problems.push(at(`/${key}`, `must be a whole number from ${min} to ${max}`));
  }
  return problems;
}

/** The settings in force: the profile's values over the defaults. Call only after {@link checkSubscriptionSettings} passed. */
export function resolveSubscriptionSettings(settings: Readonly<Record<string, unknown>> | undefined): SubscriptionSettings {
  const block = (settings?.['subscriptions'] ?? {}) as Record<string, unknown>;
  const pick = (key: keyof SubscriptionSettings) => (typeof block[key] === 'number' ? block[key] : DEFAULT_SUBSCRIPTION_SETTINGS[key]);
  return { pendingDays: pick('pendingDays'), subscribeLimitPerHour: pick('subscribeLimitPerHour') };
}
