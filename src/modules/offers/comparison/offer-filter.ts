import type { OfferRecord } from '../catalogue/offer-file.ts';

/** What a consumer asked the comparison to keep, besides what serves their usage. */
export interface OfferFilter {
  /** Only social tariffs. */
  isSocialOnly: boolean;
  /** With social tariffs only: criteria the consumer meets; a tariff qualifies when it names one, or names none (ask the operator). */
  eligibility: readonly string[];
  /** Only offers that describe features for users with disabilities. */
  isAccessibleOnly: boolean;
}

/** The comparison of every offer. */
export const NO_FILTER: OfferFilter = { isSocialOnly: false, eligibility: [], isAccessibleOnly: false };

/** Whether a consumer who meets the criteria of `filter` may be eligible for a plan, and it has what they asked for. Pure. */
export function isOfferKept(record: OfferRecord, filter: OfferFilter): boolean {
  // Add-ons are never ranked alone; they stay so that the plans kept can be topped up with them.
  if (record.addonOf !== null) return true;
  if (filter.isAccessibleOnly && record.accessibilityFeatures === null) return false;
  if (!filter.isSocialOnly) return true;
  if (!record.isSocialTariff) return false;
  const stated = record.socialTariffEligibility ?? [];
  return filter.eligibility.length === 0 || stated.length === 0 || stated.some((id) => filter.eligibility.includes(id));
}

/** A stable text of a filter, for cache keys. */
export function filterKey(filter: OfferFilter): string {
  return `${filter.isSocialOnly ? 's' : ''}${filter.isAccessibleOnly ? 'a' : ''}:${[...filter.eligibility].sort().join(',')}`;
}
