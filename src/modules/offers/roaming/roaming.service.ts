import { Decimal } from 'decimal.js';
import type { Logger } from 'pino';
import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { calendarDay, minorUnitsOf } from '../catalogue/offer.service.ts';
import type { OfferRecord } from '../catalogue/offer-file.ts';
import { costRoaming, simulateBillShock, type BillShock, type RoamingCostLine, type TravelUsage } from './roaming-cost.ts';
import { ROAMING_FILE, validateRoamingRowsInSlices, type RoamingRateRecord } from './roaming-file.ts';
import type { RoamingRepository, RoamingVersionInEffect, RoamingVersionRow } from './roaming.repository.ts';
import { WORLD_ZONE, type RoamingSettings, type RoamingZone } from './roaming.settings.ts';
import { readTabularFile } from '../catalogue/tabular-file.ts';
import { importRevision, recordOfVersion, unknownOperatorProblem, versionedImportSteps, type FileImportRequest } from '../catalogue/versioned-import.ts';
import { fileProblem } from '../catalogue/file-messages.ts';

/** What the roaming service needs from the platform. */
export interface RoamingServiceDeps {
  repository: RoamingRepository;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  settings: RoamingSettings;
  /** The jurisdiction's currency (ISO 4217). */
  currency: string;
  /** The jurisdiction's country (ISO 3166-1 alpha-2): never a destination. */
  homeCountry: string;
  /** The jurisdiction's time zone: "today" and effective dates are its calendar days. */
  timeZone: string;
  /** Days after its last publication or confirmation when a rate is stale, as for offers (`freshnessDays`). */
  freshnessDays: number;
}

/** What an accepted roaming import changed. */
export interface RoamingImportReport {
  importId: string;
  rows: number;
  newRates: number;
  newVersions: number;
  /** Rates published again unchanged: only their "last updated" date moved. */
  confirmed: number;
}

/** Where a traveller goes: a country, a zone of the profile, or the rest of the world. */
export type Destination = { kind: 'country'; code: string } | { kind: 'zone'; zone: RoamingZone } | { kind: 'world' };

/** One plan's cost for a stay, with the rate that applied and the bill-shock points. */
export interface RoamingResult {
  planId: string;
  planName: string;
  operatorId: string;
  operatorName: string;
  /** The destination of the rate that applied: the country itself, a zone containing it, or `world`. */
  rateDestination: string;
  total: Decimal;
  lines: RoamingCostLine[];
  bundles: number;
  billShock: BillShock | null;
  lastUpdated: string;
}

/** The travel estimate: ranked results and what was left out. */
export interface RoamingEstimate {
  onDate: string;
  currency: string;
  destination: Destination;
  usage: TravelUsage;
  limit: string;
  alertShare: string;
  results: RoamingResult[];
  /** Plans with a rate for the destination that cannot serve the usage (a service with no price there). */
  ineligible: number;
  /** Plans whose rate for the destination is stale (not confirmed within `freshnessDays`): left out of the ranking. */
  stale: number;
  freshnessDays: number;
  /** Licensed operators none of whose current plans has a rate for the destination. */
  operatorsWithoutRates: { id: string; name: string }[];
}

/** Estimates kept until rates change, the day changes or newer ones push them out. */
const ESTIMATE_CACHE_SIZE = 256;

/** Roaming rates: the all-or-nothing import with every version kept, the travel estimate and the bill-shock simulation. */
export function createRoamingService(deps: RoamingServiceDeps) {
  const { repository, audit, clock, ids, logger, settings, currency, homeCountry } = deps;
  const minorUnits = minorUnitsOf(currency);
  const zoneIds = new Set(settings.zones.map((z) => z.id));
  const today = () => calendarDay(clock.now(), deps.timeZone);
  let cache:
    | {
        key: string;
        validUntil: number;
        rates: RoamingVersionInEffect[];
        staleRates: ReadonlySet<RoamingVersionInEffect>;
        planNames: Map<string, string>;
        operators: { id: string; name: string }[];
      }
    | undefined;
  const freshnessMs = deps.freshnessDays * 86_400_000;
  const estimates = new Map<string, RoamingEstimate>();
  const revision = importRevision(() => repository.revision());
  const steps = versionedImportSteps({
    audit,
    ids,
    clock,
    columns: ROAMING_FILE.columns,
    rejectedCode: 'ROAMING_FILE_REJECTED',
    importedAction: 'offers.roaming.imported',
    refusedAction: 'offers.roaming.import_refused',
    entityType: 'roaming_import',
    newEntriesKey: 'newRates',
    entryColumnsOf: (record: RoamingRateRecord) => ({ destination: record.destination }),
    versionColumnsOf: (record: RoamingRateRecord) => ({ destination: record.destination }),
  });

  /**
   * The newest version in effect of every rate whose plan has an offer in effect today, and which of
   * them are stale; read again only when imports change, the day changes or a fresh rate turns stale.
   */
  async function ratesInEffect() {
    const onDate = today();
    const now = clock.now().getTime();
    const key = `${await revision.at(now)}|${onDate}`;
    if (cache?.key === key && now < cache.validUntil) return cache;
    estimates.clear();
    const plans = new Map<string, { version: number; name: string }>();
    for (const row of await repository.listPlanVersionsInEffect(onDate)) {
      const seen = plans.get(row.plan_id);
      if (!seen || row.version > seen.version) plans.set(row.plan_id, { version: row.version, name: (JSON.parse(row.record) as OfferRecord).servicePlanName });
    }
    const newest = new Map<string, RoamingVersionInEffect>();
    for (const row of await repository.listVersionsInEffect(onDate)) {
      if (!plans.has(row.plan_id)) continue;
      const id = `${row.plan_id} ${row.destination}`;
      const seen = newest.get(id);
      if (!seen || row.version > seen.version) newest.set(id, row);
    }
    const operators = (await repository.listOperators()).map((o) => ({ id: o.licence_id, name: o.name }));
    const cutoff = new Date(now - freshnessMs).toISOString();
    const staleRates = new Set<RoamingVersionInEffect>();
    let validUntil = Number.POSITIVE_INFINITY;
    for (const rate of newest.values()) {
      if (rate.last_confirmed_at < cutoff) staleRates.add(rate);
      else validUntil = Math.min(validUntil, Date.parse(rate.last_confirmed_at) + freshnessMs);
    }
    cache = {
      key,
      validUntil,
      staleRates,
      rates: [...newest.values()],
      planNames: new Map([...plans].map(([id, p]) => [id, p.name])),
      operators,
    };
    return cache;
  }

  /** How specific a rate's destination is for where the traveller goes: lower wins; undefined when it does not apply. */
  function specificity(rateDestination: string, destination: Destination): number | undefined {
    if (destination.kind === 'country') {
      if (rateDestination === destination.code) return 0;
      const zone = settings.zones.find((z) => z.id === rateDestination);
      // A smaller zone is more specific than a larger one that also holds the country.
      if (zone?.countries.includes(destination.code)) return 1 + zone.countries.length / 1000;
    }
    if (destination.kind === 'zone' && rateDestination === destination.zone.id) return 0;
    if (rateDestination === WORLD_ZONE) return 2;
    return undefined;
  }

  return {
    /**
     * Validates a whole roaming file and applies it in one transaction, or rejects it whole with
     * every problem ({line, field, message}) in an `Invalid` error. A changed rate gets a
     * new version, which starts today or later (never before the rate's latest version) and closes
     * the version it replaces; an unchanged one is confirmed.
     */
    async importRates(request: FileImportRequest): Promise<RoamingImportReport> {
      const onDate = today();
      const parsed = await readTabularFile(request.text, request.format, ROAMING_FILE);
      const validation = await validateRoamingRowsInSlices(parsed.rows, {
        currency,
        homeCountry,
        zoneIds,
        today: onDate,
        ...(request.operatorId ? { operatorId: request.operatorId } : {}),
      });
      const problems = [...parsed.problems, ...validation.problems];
      const { rates, references } = validation;
      const report = await repository.inTransaction(async (tx, trx) => {
        // Checks against what exists run inside the transaction, so a concurrent import cannot slip between check and write.
        const { operatorIds, known } = await steps.knownOperators(
          tx,
          references.map((r) => r.operatorId),
          request,
          problems,
        );
        const planIds = [...new Set(references.map((r) => r.planId))];
        const plans = new Map((await tx.findPlans(planIds)).map((p) => [p.plan_id, p]));
        for (const { line, planId, operatorId, fieldOf } of references) {
          if (!known.has(operatorId)) {
            if (operatorId !== request.operatorId) problems.push(unknownOperatorProblem(fieldOf('operator_id'), line, operatorId));
            continue;
          }
          // A row of another operator is already refused when the import names one; its plan says nothing more.
          if (request.operatorId && operatorId !== request.operatorId) continue;
          const plan = plans.get(planId);
          if (!plan) problems.push(fileProblem(fieldOf('unique_plan_id'), line, 'offers.import.roaming.planUnknown', { planId }));
          else if (plan.operator_id !== operatorId)
            problems.push(
              fileProblem(fieldOf('unique_plan_id'), line, 'offers.import.roaming.planOtherOperator', {
                planId,
                owner: plan.operator_id,
                operator: operatorId,
              }),
            );
          else if (plan.service_type !== 'mobile') problems.push(fileProblem(fieldOf('unique_plan_id'), line, 'offers.import.roaming.planFixed', { planId }));
        }
        if (problems.length > 0) return null;

        const states = new Map((await tx.findRateStates(planIds)).map((s) => [`${s.plan_id} ${s.destination}`, s]));
        const stateOf = (record: RoamingRateRecord) => states.get(`${record.planId} ${record.destination}`);
        const sorted = steps.sortChecked(rates, stateOf, onDate, { entry: 'rate', subject: (record) => `${record.planId} ${record.destination}` }, problems);
        if (problems.length > 0) return null;

        return steps.publish(trx, tx, { request, sorted, stateOf, operatorIds, rows: rates.length });
      });
      if (!report) return steps.refuse(problems, request, repository.inTransaction);
      revision.invalidate();
      logger.info({ importId: report.importId, rows: report.rows, newVersions: report.newVersions }, 'roaming rates imported');
      return report;
    },

    /**
     * The cost of a stay for every current plan with a rate for the destination (the country's
     * own, else the smallest zone holding it, else the rest of the world), ranked neutrally:
     * ascending total, ties by plan id. With the bill-shock points for the spending limit.
     */
    async estimate(destination: Destination, usage: TravelUsage, limit: string | null): Promise<RoamingEstimate> {
      const current = await ratesInEffect();
      const cacheKey = `${current.key}|${current.validUntil}|${JSON.stringify([destination, usage, limit])}`;
      const cached = estimates.get(cacheKey);
      if (cached) return cached;
      const chosen = new Map<string, { rate: RoamingVersionInEffect; rank: number }>();
      for (const rate of current.rates) {
        const rank = specificity(rate.destination, destination);
        if (rank === undefined) continue;
        const seen = chosen.get(rate.plan_id);
        if (!seen || rank < seen.rank) chosen.set(rate.plan_id, { rate, rank });
      }
      const appliedLimit = limit ?? settings.defaultLimit;
      const results: RoamingResult[] = [];
      let ineligible = 0;
      let stale = 0;
      for (const { rate } of chosen.values()) {
        // As with offers, a rate not confirmed within the freshness limit may no longer be true: it is not ranked.
        if (current.staleRates.has(rate)) {
          stale += 1;
          continue;
        }
        const record = recordOfVersion<RoamingRateRecord>(rate);
        const cost = costRoaming(record, usage, minorUnits);
        if (!cost.isEligible) {
          ineligible += 1;
          continue;
        }
        results.push({
          planId: rate.plan_id,
          planName: current.planNames.get(rate.plan_id) ?? rate.plan_id,
          operatorId: rate.operator_id,
          operatorName: rate.operator_name,
          rateDestination: rate.destination,
          total: cost.total,
          lines: cost.lines,
          bundles: cost.bundles,
          billShock: simulateBillShock(record, usage, appliedLimit, settings.alertShare, minorUnits),
          lastUpdated: rate.last_confirmed_at,
        });
      }
      // The published rule: ascending total, ties by plan id; nothing else moves a plan.
      results.sort((a, b) => a.total.comparedTo(b.total) || (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0));
      // An operator whose rate is only stale is counted in `stale`, not listed as having no rate.
      const withRates = new Set([...chosen.values()].map((c) => c.rate.operator_id));
      const estimate: RoamingEstimate = {
        onDate: today(),
        currency,
        destination,
        usage,
        limit: new Decimal(appliedLimit).toFixed(minorUnits),
        alertShare: settings.alertShare,
        results,
        ineligible,
        stale,
        freshnessDays: deps.freshnessDays,
        operatorsWithoutRates: current.operators.filter((o) => !withRates.has(o.id)),
      };
      if (estimates.size >= ESTIMATE_CACHE_SIZE) {
        const oldest = estimates.keys().next().value;
        if (oldest !== undefined) estimates.delete(oldest);
      }
      estimates.set(cacheKey, estimate);
      return estimate;
    },

    /** The versions of one rate, oldest first. */
    versionsOf(planId: string, destination: string): Promise<RoamingVersionRow[]> {
      return repository.listVersionsOfRate(planId, destination);
    },

    /** How many plan and destination pairs ever had a rate. */
    countRates(): Promise<number> {
      return repository.countRates();
    },

    /**
     * Every rate in effect today (stale ones too: they are still published) with when it was last
     * published or confirmed, by plan id then destination, for the open data export.
     */
    async currentRates(): Promise<{ onDate: string; rates: { record: RoamingRateRecord; version: number; lastUpdated: string; isStale: boolean }[] }> {
      const current = await ratesInEffect();
      const rates = current.rates
        .map((rate) => ({
          record: recordOfVersion<RoamingRateRecord>(rate),
          version: rate.version,
          lastUpdated: rate.last_confirmed_at,
          isStale: current.staleRates.has(rate),
        }))
        .sort((a, b) =>
          a.record.planId < b.record.planId
            ? -1
            : a.record.planId > b.record.planId
              ? 1
              : a.record.destination < b.record.destination
                ? -1
                : a.record.destination > b.record.destination
                  ? 1
                  : 0,
        );
      return { onDate: today(), rates };
    },

    /** Today's calendar day in the jurisdiction, YYYY-MM-DD. */
    today,
    settings,
    homeCountry,
    minorUnits,
  };
}

/** The roaming service. */
export type RoamingService = ReturnType<typeof createRoamingService>;
