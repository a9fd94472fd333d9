import type { Selectable } from 'kysely';
import { inChunks, withTransaction, queriesOf, transactionOf, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { OfferPlansTable, OfferVersionsTable } from '../offers.tables.ts';
import '../offers.tables.ts';
import type { OperatorRepository } from '../../../platform/operators/index.ts';
import { readByPlanIds, versionedImportSql, type VersionWrites } from './versioned-import.repository.ts';

export type { OperatorRow } from '../../../platform/operators/index.ts';
/** A plan row. */
export type PlanRow = Selectable<OfferPlansTable>;
/** A version row. */
export type VersionRow = Selectable<OfferVersionsTable>;

/** A version with its plan's freshness and its operator's name, as the comparison and the pages read it. */
export interface VersionWithPlan extends VersionRow {
  last_confirmed_at: string;
  operator_name: string;
}

/** A plan with the hash and period of its latest version, to tell a changed offer from a confirmed one and close the version it replaces. */
export interface PlanState {
  plan_id: string;
  operator_id: string;
  latest_version: number;
  content_hash: string;
  latest_from: string;
  latest_to: string | null;
}

// Bound parameters per statement stay far below SQLite's and PostgreSQL's limits.
const CHUNK = 500;

/** All SQL of the offer catalogue, named for intent, with the operator register's. */
export interface OfferRepository extends OperatorRepository, VersionWrites<{ planId: string }, PlanRow, VersionRow> {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: OfferRepository, tx: Transaction) => Promise<T>): Promise<T>;
  findPlanStates(planIds: readonly string[]): Promise<PlanState[]>;
  listVersionsInEffect(date: string): Promise<VersionWithPlan[]>;
  listVersionsOfPlan(planId: string): Promise<VersionWithPlan[]>;
  revision(): Promise<string>;
  countOffers(): Promise<number>;
}

/** Creates the repository over a database or a transaction. */
export function createOfferRepository(executor: Executor): OfferRepository {
  const db = queriesOf(executor);
  // Versions with their plan's confirmation date and operator name, as every listing reads them.
  const versionsWithPlan = () =>
    db
      .selectFrom('offer_versions as v')
      .innerJoin('offer_plans as p', 'p.plan_id', 'v.plan_id')
      .innerJoin('operators as o', 'o.licence_id', 'v.operator_id')
      .selectAll('v')
      .select(['p.last_confirmed_at', 'o.name as operator_name']);
  const shared = versionedImportSql<PlanRow, VersionRow>(db, { imports: 'offer_imports', entries: 'offer_plans', versions: 'offer_versions' });
  const repository: OfferRepository = {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(tx === db ? repository : createOfferRepository(tx), transactionOf(tx)));
    },

    ...shared,

    /** The plans among `planIds` that exist, with the hash of their latest version. */
    findPlanStates(planIds: readonly string[]): Promise<PlanState[]> {
      return readByPlanIds(planIds, CHUNK, (part) =>
        db
          .selectFrom('offer_plans as p')
          .innerJoin('offer_versions as v', (join) => join.onRef('v.plan_id', '=', 'p.plan_id').onRef('v.version', '=', 'p.latest_version'))
          .select(['p.plan_id', 'p.operator_id', 'p.latest_version', 'v.content_hash', 'v.effective_from as latest_from', 'v.effective_to as latest_to'])
          .where('p.plan_id', 'in', part)
          .execute(),
      );
    },

    async setLatestVersion({ planId }, version, at) {
      await db.updateTable('offer_plans').set({ latest_version: version, last_confirmed_at: at }).where('plan_id', '=', planId).execute();
    },

    async closeVersion({ planId }, version, effectiveTo) {
      await db.updateTable('offer_versions').set({ effective_to: effectiveTo }).where('plan_id', '=', planId).where('version', '=', version).execute();
    },

    async confirm(plans, at) {
      for (const part of inChunks(
        plans.map((p) => p.planId),
        CHUNK,
      ))
        await db.updateTable('offer_plans').set({ last_confirmed_at: at }).where('plan_id', 'in', part).execute();
    },

    /**
     * Every version in effect on `date` (YYYY-MM-DD): one per plan, since a new version closes the
     * one it replaces (the service still keeps the newest of each plan).
     */
    listVersionsInEffect(date: string): Promise<VersionWithPlan[]> {
      return versionsWithPlan()
        .where('v.effective_from', '<=', date)
        .where((eb) => eb.or([eb('v.effective_to', 'is', null), eb('v.effective_to', '>', date)]))
        .execute();
    },

    /** The versions of one plan, oldest first. */
    listVersionsOfPlan(planId: string): Promise<VersionWithPlan[]> {
      return versionsWithPlan().where('v.plan_id', '=', planId).orderBy('v.version').execute();
    },

    /**
     * Changes whenever an import is accepted (every change of offers is one) or an operator is
     * added or renamed (cached offers carry the operator list), so caches key on it.
     */
    async revision(): Promise<string> {
      return `${await shared.importsRevision()}|${await shared.operatorsRevision()}`;
    },

    async countOffers(): Promise<number> {
      const row = await db
        .selectFrom('offer_plans')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
  return repository;
}
