import { createHash } from 'node:crypto';
import type { Clock } from '../../../platform/clock.ts';
import type { OfferRecord } from '../catalogue/offer-file.ts';
import type { OfferRepository, VersionWithPlan } from '../catalogue/offer.repository.ts';
import { calendarDay, minorUnitsOf, type OffersOnDate } from '../catalogue/offer.service.ts';
import { recordOfVersion } from '../catalogue/versioned-import.ts';
import type { ComparableOffer } from '../comparison/ranking.ts';
import type { CostRules } from '../comparison/tariff-cost.ts';
import type { OfferSettings } from '../offers.settings.ts';
import { isCalendarDate } from '../shared/date-fields.ts';
import { englishOf, InvalidRequest, keyedProblem } from '../shared/offer-messages.ts';
import { measureAffordability, type BasketAffordability } from './affordability.ts';
import type { AffordabilityRepository } from './affordability.repository.ts';
import type { AffordabilitySettings } from './affordability.settings.ts';

/** The catalogue this capability speaks, beside its code. */
const MESSAGES = new URL('./locales/', import.meta.url);

/** What the affordability service needs. */
export interface AffordabilityDeps {
  offers: OfferRepository;
  publications: AffordabilityRepository;
  clock: Clock;
  settings: OfferSettings;
  affordability: AffordabilitySettings;
  currency: string;
  timeZone: string;
  /**
   * The offers in effect today, read once and cached by the offers service until an import, a new
   * operator, a new day or a freshness change; every request of today's measure reads them here
   * instead of parsing every version again.
   */
  currentOffers: () => Promise<OffersOnDate>;
}

/** The affordability measure on a date. */
export interface AffordabilityReport {
  onDate: string;
  /** True when the date is today: offers' freshness is then exact (see docs/offers/affordability-method.md). */
  isToday: boolean;
  currency: string;
  rules: CostRules;
  settings: AffordabilitySettings;
  baskets: BasketAffordability[];
}

const DAY_MS = 86_400_000;
/** Measures kept: today's and a few past dates people look at. */
const MEASURE_CACHE_SIZE = 32;

function hashOf(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\n');
  return hash.digest('hex');
}

/** The affordability measure of the price baskets, today or on a past date, over the stored versions. */
export function createAffordabilityService(deps: AffordabilityDeps) {
  const { offers: repository, publications, clock, settings, affordability: affordabilitySettings, currency } = deps;
  const rules: CostRules = { prepaidRule: settings.prepaidRule, minorUnits: minorUnitsOf(currency) };
  const today = () => calendarDay(clock.now(), deps.timeZone);
  const known = new Map(settings.baskets.map((b) => [b.id, b]));
  const measuredBaskets = affordabilitySettings.baskets.flatMap(({ basketId, targets }) => {
    const basket = known.get(basketId);
    return basket ? [{ basket, targets }] : [];
  });
  const measures = new Map<string, BasketAffordability[]>();
  // Today's offers are the same array until they change, so today's measure is kept with it.
  let todayMeasure: { offers: readonly ComparableOffer[]; operators: OffersOnDate['operators']; measured: BasketAffordability[] } | undefined;

  /**
   * The newest version of each plan in effect on `onDate` among those published by `at`, and
   * whether it was stale at `at`. The last confirmation before `at` is known exactly when it is the
   * plan's latest; otherwise the last publication of a version before `at` stands for it.
   */
  async function offersOn(onDate: string, at: string): Promise<OffersOnDate> {
    const newest = new Map<string, VersionWithPlan>();
    for (const row of await repository.listVersionsInEffect(onDate)) {
      if (row.published_at > at) continue;
      const seen = newest.get(row.plan_id);
      if (!seen || row.version > seen.version) newest.set(row.plan_id, row);
    }
    const isPast = [...newest.values()].some((row) => row.last_confirmed_at > at);
    const published = isPast ? await publications.latestPublicationByPlan(at) : new Map<string, string>();
    const cutoff = new Date(Date.parse(at) - settings.freshnessDays * DAY_MS).toISOString();
    const offers = [...newest.values()].map((row): ComparableOffer => {
      const confirmed = row.last_confirmed_at <= at ? row.last_confirmed_at : (published.get(row.plan_id) ?? row.published_at);
      return {
        record: recordOfVersion<OfferRecord>(row),
        operatorName: row.operator_name,
        lastUpdated: confirmed,
        isStale: confirmed < cutoff,
        version: row.version,
      };
    });
    const operators = (await repository.listOperators()).map((o) => ({ id: o.licence_id, name: o.name }));
    return { onDate, offers, operators };
  }

  /** The offers in effect now, from the offers service's cache. */
  const offersNow = deps.currentOffers;

  const measure = (current: OffersOnDate) =>
    measureAffordability({ offers: current.offers, operators: current.operators, baskets: measuredBaskets, settings: affordabilitySettings, rules, currency });

  return {
    /**
     * The affordability of each basket on `asOf` (YYYY-MM-DD, today when absent), computed from
     * the versions in effect and published by the end of that day.
     */
    async affordability(asOf?: string): Promise<AffordabilityReport> {
      const onDate = today();
      const wanted = asOf?.trim() || onDate;
      const refuse = (code: string, name: string) =>
        new InvalidRequest(
          [keyedProblem(MESSAGES, 'asOf', `offers.affordability.error.${name}`)],
          code,
          englishOf(MESSAGES, `offers.affordability.error.${name}Detail`),
        );
      if (!isCalendarDate(wanted)) throw refuse('AFFORDABILITY_DATE_INVALID', 'isoDate');
      if (wanted > onDate) throw refuse('AFFORDABILITY_DATE_FUTURE', 'future');
      const isToday = wanted === onDate;
      if (isToday) {
        const current = await offersNow();
        if (todayMeasure?.offers !== current.offers || todayMeasure.operators !== current.operators) {
          todayMeasure = { offers: current.offers, operators: current.operators, measured: measure(current) };
        }
        return { onDate: wanted, isToday, currency, rules, settings: affordabilitySettings, baskets: todayMeasure.measured };
      }
      const current = await offersOn(wanted, `${wanted}T23:59:59.999Z`);
      // The measure depends only on which versions are in effect, which are stale, and the operators.
      const key = hashOf([
        wanted,
        ...current.offers.map((o) => `${o.record.planId}:${o.version}:${o.isStale ? 1 : 0}`),
        ...current.operators.map((o) => `${o.id}=${o.name}`),
      ]);
      const cached = measures.get(key);
      const measured = cached ?? measure(current);
      if (!cached) {
        if (measures.size >= MEASURE_CACHE_SIZE) {
          const oldest = measures.keys().next().value;
          if (oldest !== undefined) measures.delete(oldest);
        }
        measures.set(key, measured);
      }
      return { onDate: wanted, isToday, currency, rules, settings: affordabilitySettings, baskets: measured };
    },
  };
}

/** The affordability service. */
export type AffordabilityService = ReturnType<typeof createAffordabilityService>;
