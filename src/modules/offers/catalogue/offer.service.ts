import type { Logger } from 'pino';
import type { Transaction } from '../../../platform/db/index.ts';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { OperatorRegister } from '../../../platform/operators/index.ts';
import { OFFER_FILE, validateOfferRowsInSlices, type OfferRecord } from './offer-file.ts';
import type { OfferRepository, OperatorRow, VersionWithPlan } from './offer.repository.ts';
import type { OfferSettings } from '../offers.settings.ts';
import { rankOffers, type ComparableOffer, type Ranking } from '../comparison/ranking.ts';
import { filterKey, isOfferKept, NO_FILTER, type OfferFilter } from '../comparison/offer-filter.ts';
import type { CostRules, UsageProfile } from '../comparison/tariff-cost.ts';
import { readTabularFile } from './tabular-file.ts';
import { importRevision, recordOfVersion, unknownOperatorProblem, versionedImportSteps, type FileImportRequest } from './versioned-import.ts';
import { fileProblem, type FileProblem } from './file-messages.ts';
import { englishOf, SHARED_MESSAGES } from '../shared/offer-messages.ts';

/** The offers in effect on a day, with each one's freshness as it was then, and the licensed operators. */
export interface OffersOnDate {
  onDate: string;
  offers: ComparableOffer[];
  operators: { id: string; name: string }[];
}

/** What the offers service needs from the platform. */
export interface OfferServiceDeps {
  repository: OfferRepository;
  /** The platform's operator register, where operators are added. */
  operators: OperatorRegister;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  settings: OfferSettings;
  /** The jurisdiction's currency (ISO 4217). */
  currency: string;
  /** The jurisdiction's time zone: "today" and effective dates are its calendar days. */
  timeZone: string;
  /**
   * Called inside an import's transaction with the plans that got a new version, so that follow-up
   * work (queuing notices to subscribers) commits with the import, or not at all.
   */
  onNewVersions?: (tx: Transaction, changes: readonly { planId: string; version: number }[]) => Promise<void>;
}

/** An offer file to import. */
export interface ImportRequest extends FileImportRequest {
  isLenient: boolean;
}

/** What an accepted import changed. */
export interface ImportReport {
  importId: string;
  rows: number;
  newPlans: number;
  newVersions: number;
  /** Offers published again unchanged: only their "last updated" date moved. */
  confirmed: number;
  /** Accepted with a warning (a short plan id in lenient mode); pages say them from their keys. */
  warnings: FileProblem[];
}

/** What the comparison answers for one profile. */
export interface Comparison {
  ranking: Ranking;
  currency: string;
  /** The calendar day whose offers were compared, YYYY-MM-DD. */
  onDate: string;
  /** Licensed operators with no current offer at all. */
  operatorsWithoutOffers: { id: string; name: string }[];
  /** The name of every offer in effect by plan id, so that add-ons are shown by name. */
  planNames: ReadonlyMap<string, string>;
  /** What the ranking kept besides the usage: social tariffs, accessibility features. */
  filter: OfferFilter;
}

/** One offer as it stood on a date, with the list of its versions. */
export interface OfferOnDate {
  current: VersionWithPlan & { parsed: OfferRecord };
  versions: VersionWithPlan[];
  isStale: boolean;
}

/** The offers in effect today, as read once and kept until they change. */
export interface CurrentOffers {
  /** Changes when an import is accepted or the day changes. */
  key: string;
  /** Today, YYYY-MM-DD. */
  onDate: string;
  /** When the next fresh offer turns stale (milliseconds); the offers are read again then. */
  validUntil: number;
  offers: ComparableOffer[];
  operators: OperatorRow[];
  /** The licensed operators by licence id and name. */
  licensed: { id: string; name: string }[];
  /** The name of each offer by plan id (its plan name, and its tier when it has one). */
  planNames: ReadonlyMap<string, string>;
}

const PROFILE_CACHE_SIZE = 256;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date (YYYY-MM-DD) in a time zone. */
export function calendarDay(at: Date, timeZone: string): string {
  // Building a DateTimeFormat costs far more than using one; the comparison asks on every request.
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** The number of digits after the decimal point of a currency. */
export function minorUnitsOf(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Operators, the national offer file, and the comparison. */
export function createOfferService(deps: OfferServiceDeps) {
  const { repository, audit, clock, ids, logger, settings, currency } = deps;
  const rules: CostRules = { prepaidRule: settings.prepaidRule, minorUnits: minorUnitsOf(currency) };
  const eligibilityIds: ReadonlySet<string> = new Set(settings.socialTariffs.eligibility.map((c) => c.id));
  let offersCache: CurrentOffers | undefined;
  const rankingCache = new Map<string, Comparison>();
  const revision = importRevision(() => repository.revision());
  const steps = versionedImportSteps({
    audit,
    ids,
    clock,
    columns: OFFER_FILE.columns,
    rejectedCode: 'OFFER_FILE_REJECTED',
    importedAction: 'offers.imported',
    refusedAction: 'offers.import_refused',
    entityType: 'offer_import',
    newEntriesKey: 'newPlans',
    entryColumnsOf: (record: OfferRecord) => ({ service_type: record.serviceType }),
    versionColumnsOf: () => ({}),
  });

  const today = () => calendarDay(clock.now(), deps.timeZone);
  const freshnessMs = settings.freshnessDays * 86_400_000;
  const staleBefore = () => new Date(clock.now().getTime() - freshnessMs).toISOString();

  /**
   * The offers in effect today. Read again only when offers change (a new import), the day
   * changes, or the next fresh offer turns stale; one cheap query per call tells which.
   */
  async function currentOffers(): Promise<CurrentOffers> {
    const onDate = today();
    const now = clock.now().getTime();
    const key = `${await revision.at(now)}|${onDate}`;
    if (offersCache?.key === key && now < offersCache.validUntil) return offersCache;
    const cutoff = staleBefore();
    const newest = new Map<string, VersionWithPlan>();
    for (const row of await repository.listVersionsInEffect(onDate)) {
      const seen = newest.get(row.plan_id);
      if (!seen || row.version > seen.version) newest.set(row.plan_id, row);
    }
    let validUntil = Number.POSITIVE_INFINITY;
    const offers = [...newest.values()].map((row) => {
      const isStale = row.last_confirmed_at < cutoff;
      if (!isStale) validUntil = Math.min(validUntil, Date.parse(row.last_confirmed_at) + freshnessMs);
      return { record: recordOfVersion<OfferRecord>(row), operatorName: row.operator_name, lastUpdated: row.last_confirmed_at, isStale, version: row.version };
    });
    const operators = await repository.listOperators();
    const planNames = new Map(offers.map(({ record }) => [record.planId, [record.servicePlanName, record.tierPlanName].filter(Boolean).join(' · ')]));
    offersCache = { key, onDate, validUntil, offers, operators, licensed: operators.map((o) => ({ id: o.licence_id, name: o.name })), planNames };
    rankingCache.clear();
    return offersCache;
  }

  return {
    /** Adds a licensed operator; its licence id is what offer files and tokens name. */
    async addOperator(actor: Actor, licenceId: string, name: string): Promise<OperatorRow> {
      return deps.operators.add(actor, licenceId, name).finally(() => {
        // Cached offers carry the operator list: a new operator is listed without waiting for an import.
        offersCache = undefined;
      });
    },

    /** How many plans were ever published. */
    countOffers(): Promise<number> {
      return repository.countOffers();
    },

    /** Every operator, by licence id. */
    listOperators(): Promise<OperatorRow[]> {
      return repository.listOperators();
    },

    /**
     * Validates a whole offer file and applies it in one transaction, or rejects it whole with
     * every problem ({line, field, message}) in an {@link Invalid} error. A changed offer gets a
     * new version, which starts today or later (never before the plan's latest version) and closes
     * the version it replaces; an unchanged one is confirmed (its "last updated" date moves).
     */
    async importOffers(request: ImportRequest): Promise<ImportReport> {
      const onDate = today();
      const parsed = await readTabularFile(request.text, request.format, OFFER_FILE);
      const validation = await validateOfferRowsInSlices(parsed.rows, {
        isLenient: request.isLenient,
        currency,
        today: onDate,
        eligibilityIds,
        ...(request.operatorId ? { operatorId: request.operatorId } : {}),
      });
      const problems = [...parsed.problems, ...validation.problems];
      const offers = validation.offers;
      const report = await repository.inTransaction(async (tx, trx) => {
        // Checks against what exists run inside the transaction, so a concurrent import cannot slip between check and write.
        const { operatorIds, known } = await steps.knownOperators(
          tx,
          offers.map((o) => o.record.operatorId),
          request,
          problems,
        );
        const fileIds = new Set(offers.map((o) => o.record.planId));
        const states = new Map(
          (await tx.findPlanStates([...fileIds, ...offers.flatMap((o) => (o.record.addonOf ? [o.record.addonOf] : []))])).map((s) => [s.plan_id, s]),
        );
        for (const { line, record, fieldOf } of offers) {
          if (!known.has(record.operatorId) && record.operatorId !== request.operatorId) {
            problems.push(unknownOperatorProblem(fieldOf('operator_id'), line, record.operatorId));
          }
          const state = states.get(record.planId);
          if (state && state.operator_id !== record.operatorId) {
            problems.push(
              fileProblem(fieldOf('unique_plan_id'), line, 'offers.import.planId.otherOperator', { planId: record.planId, operator: state.operator_id }),
            );
          }
          if (record.addonOf !== null) {
            const base = states.get(record.addonOf);
            if (!base && !fileIds.has(record.addonOf))
              problems.push(fileProblem(fieldOf('addon_of'), line, 'offers.import.addon.unknown', { planId: record.addonOf }));
            else if (base && base.operator_id !== record.operatorId)
              problems.push(fileProblem(fieldOf('addon_of'), line, 'offers.import.addon.otherOperator', { planId: record.addonOf }));
          }
        }
        const sorted = steps.sortChecked(
          offers,
          (record) => states.get(record.planId),
          onDate,
          { entry: 'offer', subject: (record) => record.planId },
          problems,
        );
        if (problems.length > 0) return null;

        const published = await steps.publish(trx, tx, {
          request,
          sorted,
          stateOf: (record) => states.get(record.planId),
          operatorIds,
          rows: offers.length,
          onChanged: async (changed) =>
            deps.onNewVersions?.(
              trx,
              changed.map((v) => ({ planId: v.record.planId, version: v.version })),
            ),
        });
        return { ...published, warnings: validation.warnings };
      });
      if (!report) return steps.refuse(problems, request, repository.inTransaction);
      revision.invalidate();
      logger.info({ importId: report.importId, rows: report.rows, newVersions: report.newVersions }, 'offers imported');
      return report;
    },

    /**
     * Ranks the offers in effect today for a profile, among those the filter keeps; the answer is
     * cached until offers change or a minute passes.
     */
    async compare(profile: UsageProfile, isStaleIncluded: boolean, filter: OfferFilter = NO_FILTER): Promise<Comparison> {
      const current = await currentOffers();
      const cacheKey = `${current.key}|${JSON.stringify(profile)}|${isStaleIncluded}|${filterKey(filter)}`;
      const cached = rankingCache.get(cacheKey);
      if (cached) return cached;
      const kept = filter === NO_FILTER ? current.offers : current.offers.filter((o) => isOfferKept(o.record, filter));
      const ranking = rankOffers(kept, profile, rules, isStaleIncluded);
      // Add-ons are never ranked alone: an operator with current add-ons but no current plan has nothing here.
      const withOffers = new Set(current.offers.filter((o) => !o.isStale && o.record.addonOf === null).map((o) => o.record.operatorId));
      const comparison: Comparison = {
        ranking,
        currency,
        onDate: today(),
        operatorsWithoutOffers: current.operators.filter((o) => !withOffers.has(o.licence_id)).map((o) => ({ id: o.licence_id, name: o.name })),
        planNames: current.planNames,
        filter,
      };
      if (rankingCache.size >= PROFILE_CACHE_SIZE) {
        const oldest = rankingCache.keys().next().value;
        if (oldest !== undefined) rankingCache.delete(oldest);
      }
      rankingCache.set(cacheKey, comparison);
      return comparison;
    },

    /**
     * The offers in effect today with their freshness, and the licensed operators: the same cached
     * read the comparison uses, shared with the affordability measure, the compliance view and the
     * exports. The result is the same object until offers, operators, the day or a freshness change.
     */
    offersInEffect: currentOffers,

    /**
     * The social tariffs in effect today (stale ones too, marked: they are still published), by
     * operator name, then plan name, then plan id: a neutral order, as the comparison's is.
     */
    async socialTariffs(): Promise<{ onDate: string; tariffs: ComparableOffer[] }> {
      const current = await currentOffers();
      const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      const tariffs = current.offers
        .filter((o) => o.record.isSocialTariff && o.record.addonOf === null)
        .sort(
          (a, b) => text(a.operatorName, b.operatorName) || text(a.record.servicePlanName, b.record.servicePlanName) || text(a.record.planId, b.record.planId),
        );
      return { onDate: current.onDate, tariffs };
    },

    /** What an offer said on a date (YYYY-MM-DD; today by default), with its versions. */
    async offerOn(planId: string, date?: string): Promise<OfferOnDate> {
      const onDate = date ?? today();
      const versions = await repository.listVersionsOfPlan(planId);
      if (versions.length === 0) throw new NotFound('OFFER_NOT_FOUND', englishOf(SHARED_MESSAGES, 'offers.error.notFoundDetail'));
      // Versions never overlap, so at most one applies on a day (the newest, should stored rows disagree).
      const chosen = versions.filter((v) => v.effective_from <= onDate && (v.effective_to === null || v.effective_to > onDate)).at(-1);
      if (!chosen) throw new NotFound('OFFER_NOT_IN_EFFECT', englishOf(SHARED_MESSAGES, 'offers.error.notInEffectDetail', { date: onDate }));
      return { current: { ...chosen, parsed: recordOfVersion<OfferRecord>(chosen) }, versions, isStale: chosen.last_confirmed_at < staleBefore() };
    },

    /** Today's calendar day in the jurisdiction, YYYY-MM-DD. */
    today,
    /** The settings in force, for pages that list presets and baskets. */
    settings,
    rules,
  };
}

/** The offers service. */
export type OfferService = ReturnType<typeof createOfferService>;
