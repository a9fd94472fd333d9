import type { Selectable } from 'kysely';
import { withTransaction, queriesOf, transactionOf, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { RoamingRatesTable, RoamingRateVersionsTable } from './roaming.tables.ts';
import '../offers.tables.ts';
import './roaming.tables.ts';
import type { OperatorRepository } from '../../../platform/operators/index.ts';
import { readByPlanIds, versionedImportSql, type VersionWrites } from '../catalogue/versioned-import.repository.ts';

/** A roaming rate row (one plan in one destination). */
export type RoamingRateRow = Selectable<RoamingRatesTable>;
/** A roaming rate version row. */
export type RoamingVersionRow = Selectable<RoamingRateVersionsTable>;

/** A plan as a roaming import checks it: who owns it and whether it is mobile. */
export interface RoamingPlanRef {
  plan_id: string;
  operator_id: string;
  service_type: string;
}

/** A rate with the hash and period of its latest version, to tell a changed rate from a confirmed one and close the version it replaces. */
export interface RoamingRateState {
  plan_id: string;
  destination: string;
  latest_version: number;
  content_hash: string;
  latest_from: string;
  latest_to: string | null;
}

/** A version in effect with its rate's freshness and its operator's name. */
export interface RoamingVersionInEffect extends RoamingVersionRow {
  last_confirmed_at: string;
  operator_name: string;
}

/** The offer versions in effect of plans that have roaming rates: their names come from there. */
export interface PlanVersionRecord {
  plan_id: string;
  version: number;
  record: string;
}

const CHUNK = 400;

/** All SQL of roaming rates, named for intent, with the operator register's. */
export interface RoamingRepository extends OperatorRepository, VersionWrites<{ planId: string; destination: string }, RoamingRateRow, RoamingVersionRow> {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: RoamingRepository, tx: Transaction) => Promise<T>): Promise<T>;
  findPlans(planIds: readonly string[]): Promise<RoamingPlanRef[]>;
  findRateStates(planIds: readonly string[]): Promise<RoamingRateState[]>;
  listVersionsInEffect(date: string): Promise<RoamingVersionInEffect[]>;
  listVersionsOfRate(planId: string, destination: string): Promise<RoamingVersionRow[]>;
  listPlanVersionsInEffect(date: string): Promise<PlanVersionRecord[]>;
  countRates(): Promise<number>;
  revision(): Promise<string>;
}

/** Creates the roaming repository over a database or a transaction. */
export function createRoamingRepository(executor: Executor): RoamingRepository {
  const db = queriesOf(executor);
  const shared = versionedImportSql<RoamingRateRow, RoamingVersionRow>(db, {
    imports: 'roaming_imports',
    entries: 'roaming_rates',
    versions: 'roaming_rate_versions',
  });
  const offerImports = versionedImportSql(db, { imports: 'offer_imports', entries: 'offer_plans', versions: 'offer_versions' });
  const repository: RoamingRepository = {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(tx === db ? repository : createRoamingRepository(tx), transactionOf(tx)));
    },

    ...shared,

    /** The plans among `planIds` that were ever published, with their operator and service type. */
    findPlans(planIds: readonly string[]): Promise<RoamingPlanRef[]> {
      return readByPlanIds(planIds, CHUNK, (part) =>
        db.selectFrom('offer_plans').select(['plan_id', 'operator_id', 'service_type']).where('plan_id', 'in', part).execute(),
      );
    },

    /** Every rate of the given plans, with the hash of its latest version. */
    findRateStates(planIds: readonly string[]): Promise<RoamingRateState[]> {
      return readByPlanIds(planIds, CHUNK, (part) =>
        db
          .selectFrom('roaming_rates as r')
          .innerJoin('roaming_rate_versions as v', (join) =>
            join.onRef('v.plan_id', '=', 'r.plan_id').onRef('v.destination', '=', 'r.destination').onRef('v.version', '=', 'r.latest_version'),
          )
          .select(['r.plan_id', 'r.destination', 'r.latest_version', 'v.content_hash', 'v.effective_from as latest_from', 'v.effective_to as latest_to'])
          .where('r.plan_id', 'in', part)
          .execute(),
      );
    },

    async setLatestVersion({ planId, destination }, version, at) {
      await db
        .updateTable('roaming_rates')
        .set({ latest_version: version, last_confirmed_at: at })
        .where('plan_id', '=', planId)
        .where('destination', '=', destination)
        .execute();
    },

    async confirm(rates, at) {
      for (const { planId, destination } of rates) {
        await db.updateTable('roaming_rates').set({ last_confirmed_at: at }).where('plan_id', '=', planId).where('destination', '=', destination).execute();
      }
    },

    async closeVersion({ planId, destination }, version, effectiveTo) {
      await db
        .updateTable('roaming_rate_versions')
        .set({ effective_to: effectiveTo })
        .where('plan_id', '=', planId)
        .where('destination', '=', destination)
        .where('version', '=', version)
        .execute();
    },

    /** Every roaming version in effect on `date` (YYYY-MM-DD): one per rate, since a new version closes the one it replaces. */
    listVersionsInEffect(date: string): Promise<RoamingVersionInEffect[]> {
      return db
        .selectFrom('roaming_rate_versions as v')
        .innerJoin('roaming_rates as r', (join) => join.onRef('r.plan_id', '=', 'v.plan_id').onRef('r.destination', '=', 'v.destination'))
        .innerJoin('operators as o', 'o.licence_id', 'v.operator_id')
        .selectAll('v')
        .select(['r.last_confirmed_at', 'o.name as operator_name'])
        .where('v.effective_from', '<=', date)
        .where((eb) => eb.or([eb('v.effective_to', 'is', null), eb('v.effective_to', '>', date)]))
        .execute();
    },

    /** The versions of one rate, oldest first. */
    listVersionsOfRate(planId: string, destination: string): Promise<RoamingVersionRow[]> {
      return db
        .selectFrom('roaming_rate_versions')
        .selectAll()
        .where('plan_id', '=', planId)
        .where('destination', '=', destination)
        .orderBy('version')
        .execute();
    },

    /** The offer versions in effect on `date` of the plans that have roaming rates. */
    listPlanVersionsInEffect(date: string): Promise<PlanVersionRecord[]> {
      return db
        .selectFrom('offer_versions as v')
        .select(['v.plan_id', 'v.version', 'v.record'])
        .where('v.plan_id', 'in', (eb) => eb.selectFrom('roaming_rates').select('roaming_rates.plan_id'))
        .where('v.effective_from', '<=', date)
        .where((eb) => eb.or([eb('v.effective_to', 'is', null), eb('v.effective_to', '>', date)]))
        .execute();
    },

    async countRates(): Promise<number> {
      const row = await db
        .selectFrom('roaming_rates')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /**
     * Changes whenever a roaming or an offer import is accepted, or an operator is added or renamed
     * (cached rates carry the operator list), so caches key on it.
     */
    async revision(): Promise<string> {
      return `${await shared.importsRevision()}|${await offerImports.importsRevision()}|${await shared.operatorsRevision()}`;
    },
  };
  return repository;
}
