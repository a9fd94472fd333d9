import { createHash } from 'node:crypto';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { measureAffordability, type BasketAffordability } from '../affordability/affordability.ts';
import { checkCompliance, type OperatorCompliance } from '../compliance/compliance.ts';
import type { ExportedVersion } from '../catalogue/offer-export.ts';
import type { OfferRecord } from '../catalogue/offer-file.ts';
import type { OfferReportingRepository, HistoryCursor } from './offer-reporting.repository.ts';
import type { OfferReportingSettings } from './offer-reporting.settings.ts';
import type { OfferSettings } from '../offers.settings.ts';
import type { OfferRepository, VersionWithPlan } from '../catalogue/offer.repository.ts';
import { calendarDay, minorUnitsOf } from '../catalogue/offer.service.ts';
import { recordOfVersion } from '../catalogue/versioned-import.ts';
import type { ComparableOffer } from '../comparison/ranking.ts';
import type { CostRules } from '../comparison/tariff-cost.ts';
import { isCalendarDate } from '../shared/date-fields.ts';
import { englishOf, InvalidRequest, keyedProblem } from '../shared/offer-messages.ts';

/** The affordability page's catalogue, which words a refused date. */
const AFFORDABILITY_MESSAGES = new URL('../affordability/locales/', import.meta.url);

/** What the reporting service needs. */
export interface OfferReportingDeps {
  offers: OfferRepository;
  reporting: OfferReportingRepository;
  audit: AuditLog;
  clock: Clock;
  settings: OfferSettings;
  reportingSettings: OfferReportingSettings;
  currency: string;
  timeZone: string;
  /**
   * The offers in effect today, read once and cached by the offers service until an import, a new
   * operator, a new day or a freshness change; every request of today's measure, the compliance
   * view and the current export reads them here instead of parsing every version again.
   */
  currentOffers: () => Promise<OffersOnDate>;
  /** Versions per read of the history export; tests make it small to cross pages. */
  historyPageSize?: number;
}

/** The offers in effect on a day, with each one's freshness as it was then, and the licensed operators. */
export interface OffersOnDate {
  onDate: string;
  offers: ComparableOffer[];
  operators: { id: string; name: string }[];
}

/** The affordability measure on a date. */
export interface AffordabilityReport {
  onDate: string;
  /** True when the date is today: offers' freshness is then exact (see docs/offers/affordability-method.md). */
  isToday: boolean;
  currency: string;
  rules: CostRules;
  settings: OfferReportingSettings['affordability'];
  baskets: BasketAffordability[];
}

/** The compliance view of every operator, today. */
export interface ComplianceReport {
  onDate: string;
  freshnessDays: number;
  mandatoryFields: readonly string[];
  operators: OperatorCompliance[];
  /** Licensed operators with no current (fresh) offer at all. */
  operatorsWithoutCurrentOffers: { id: string; name: string }[];
}

const DAY_MS = 86_400_000;
/** Versions per read of the history export: memory stays flat however long the history. */
const HISTORY_PAGE_SIZE = 500;
/** Measures kept: today's and a few past dates people look at. */
const MEASURE_CACHE_SIZE = 32;

function hashOf(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\n');
  return hash.digest('hex');
}

/** The affordability measure, the compliance view and the open data exports, over the stored versions. */
export function createOfferReportingService(deps: OfferReportingDeps) {
  const { offers: repository, reporting, audit, clock, settings, reportingSettings, currency } = deps;
  const rules: CostRules = { prepaidRule: settings.prepaidRule, minorUnits: minorUnitsOf(currency) };
  const today = () => calendarDay(clock.now(), deps.timeZone);
  const pageSize = deps.historyPageSize ?? HISTORY_PAGE_SIZE;
  const known = new Map(settings.baskets.map((b) => [b.id, b]));
  const measuredBaskets = reportingSettings.affordability.baskets.flatMap(({ basketId, targets }) => {
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
    const published = isPast ? await reporting.latestPublicationByPlan(at) : new Map<string, string>();
    const cutoff = new Date(Date.parse(at) - settings.freshnessDays * DAY_MS).toISOString();
    const offers = [...newest.values()].map((row): ComparableOffer => {
      const confirmed = row.last_confirmed_at <= at ? row.last_confirmed_at : (published.get(row.plan_id) ?? row.published_at);
      return { record: recordOfVersion<OfferRecord>(row), operatorName: row.operator_name, lastUpdated: confirmed, isStale: confirmed < cutoff, version: row.version };
    });
    const operators = (await repository.listOperators()).map((o) => ({ id: o.licence_id, name: o.name }));
    return { onDate, offers, operators };
  }

  /** The offers in effect now, from the offers service's cache. */
  const offersNow = deps.currentOffers;

  const measure = (current: OffersOnDate) => measureAffordability({ offers: current.offers, operators: current.operators, baskets: measuredBaskets, settings: reportingSettings.affordability, rules, currency });

  return {
    /**
     * The affordability of each basket on `asOf` (YYYY-MM-DD, today when absent), computed from
     * the versions in effect and published by the end of that day.
     */
    async affordability(asOf?: string): Promise<AffordabilityReport> {
      const onDate = today();
      const wanted = asOf?.trim() || onDate;
      const refuse = (code: string, name: string) =>
        new InvalidRequest([keyedProblem(AFFORDABILITY_MESSAGES, 'asOf', `offers.affordability.error.${name}`)], code, englishOf(AFFORDABILITY_MESSAGES, `offers.affordability.error.${name}Detail`));
      if (!isCalendarDate(wanted)) throw refuse('AFFORDABILITY_DATE_INVALID', 'isoDate');
      if (wanted > onDate) throw refuse('AFFORDABILITY_DATE_FUTURE', 'future');
      const isToday = wanted === onDate;
      if (isToday) {
        const current = await offersNow();
        if (todayMeasure?.offers !== current.offers || todayMeasure.operators !== current.operators) {
          todayMeasure = { offers: current.offers, operators: current.operators, measured: measure(current) };
        }
        return { onDate: wanted, isToday, currency, rules, settings: reportingSettings.affordability, baskets: todayMeasure.measured };
      }
      const current = await offersOn(wanted, `${wanted}T23:59:59.999Z`);
      // The measure depends only on which versions are in effect, which are stale, and the operators.
      const key = hashOf([wanted, ...current.offers.map((o) => `${o.record.planId}:${o.version}:${o.isStale ? 1 : 0}`), ...current.operators.map((o) => `${o.id}=${o.name}`)]);
      const cached = measures.get(key);
      const measured = cached ?? measure(current);
      if (!cached) {
        if (measures.size >= MEASURE_CACHE_SIZE) {
          const oldest = measures.keys().next().value;
          if (oldest !== undefined) measures.delete(oldest);
        }
        measures.set(key, measured);
      }
      return { onDate: wanted, isToday, currency, rules, settings: reportingSettings.affordability, baskets: measured };
    },

    /** The compliance of every operator's offers in effect today; the look-up is audited. */
    async compliance(actor: Actor): Promise<ComplianceReport> {
      const current = await offersNow();
      const operators = checkCompliance(current.offers, current.operators, reportingSettings.compliance);
      await repository.transaction((_tx, trx) =>
        audit.record(trx, { actor, action: 'offers.compliance.viewed', entityType: 'offer_compliance', details: { operators: operators.length, findings: operators.reduce((n, o) => n + o.findings.length + (o.operatorFinding ? 1 : 0), 0) } }),
      );
      return {
        onDate: current.onDate,
        freshnessDays: settings.freshnessDays,
        mandatoryFields: reportingSettings.compliance.mandatoryFields,
        operators,
        operatorsWithoutCurrentOffers: operators.filter((o) => o.currentOffers === 0).map((o) => ({ id: o.operatorId, name: o.operatorName })),
      };
    },

    /** Every offer in effect today (stale ones too: they are still published), by plan id. */
    async currentOffers(): Promise<{ onDate: string; records: OfferRecord[] }> {
      const current = await offersNow();
      const records = current.offers.map((o) => o.record).sort((a, b) => (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0));
      return { onDate: current.onDate, records };
    },

    /** Every version ever published, by plan id then version, read page by page. */
    async *historyVersions(): AsyncGenerator<ExportedVersion> {
      let cursor: HistoryCursor | null = null;
      for (;;) {
        const page = await reporting.listVersionPage(cursor, pageSize);
        for (const row of page) yield { record: recordOfVersion<OfferRecord>(row), version: row.version, publishedAt: row.published_at };
        const last = page.at(-1);
        if (!last || page.length < pageSize) return;
        cursor = { planId: last.plan_id, version: last.version };
      }
    },

    /** The licence every export is published under. */
    licence: reportingSettings.openData.licence,
    today,
    /** The current instant, ISO 8601, as exports stamp it. */
    now: () => clock.now().toISOString(),
    rules,
  };
}

/** The reporting service. */
export type OfferReportingService = ReturnType<typeof createOfferReportingService>;
