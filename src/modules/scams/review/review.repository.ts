import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import { createScamIdentifierRepository, type ScamIdentifierRepository } from '../reputation/scam-identifier.repository.ts';

/** One identifier of the queue, with its counts. */
export interface QueueRow {
  id: string;
  kind: string;
  state: string;
  valueEnc: string;
  isProtected: boolean;
  isInternationalised: boolean;
  stateChangedAt: string;
  reports: number;
  reporters: number;
  lateReports: number;
  campaignId: string | null;
}

/** One report naming an identifier, as reviewers read it (never the reporter's number). */
export interface EvidenceReportRow {
  id: string;
  reference: string;
  role: string;
  channel: string;
  medium: string;
  category: string;
  occurredAt: string;
  filedAt: string;
  isLate: boolean;
  textEnc: string | null;
  campaignId: string | null;
  screenshotType: string | null;
}

/** A link a report carried, sealed. */
export interface EvidenceLinkRow {
  reportId: string;
  urlEnc: string;
}

/** An event of an identifier's history, with the sealed name of the staff member who made it. */
export interface HistoryRow {
  fromState: string;
  toState: string;
  actorType: string;
  actorNameEnc: string | null;
  reason: string;
  at: string;
}

/** One reviewer's decision of a round, with their sealed name. */
export interface ReviewRow {
  reviewerId: string;
  reviewerNameEnc: string | null;
  decision: string;
  isSenior: boolean;
  reason: string;
  createdAt: string;
}

/** A campaign as reviewers see it. */
export interface CampaignRow {
  id: string;
  sampleEnc: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  reports: number;
}

/** One identifier a campaign's instances name, with its counts within the campaign. */
export interface CampaignIdentifierRow {
  id: string;
  kind: string;
  state: string;
  valueEnc: string;
  isProtected: boolean;
  isInternationalised: boolean;
  reports: number;
  reporters: number;
}

/** A decision to store for a round (replacing the same reviewer's earlier one). */
export interface NewReview {
  id: string;
  identifierId: string;
  round: number;
  reviewerId: string;
  decision: 'confirm' | 'reject';
  isSenior: boolean;
  reason: string;
  at: string;
}

/** The filters of the queue. */
export interface QueueFilter {
  states: readonly string[];
  kind: string | null;
  limit: number;
  offset: number;
}

/** All SQL of the staff's review of reported identifiers. */
export interface ReviewRepository {
  /** Runs `work` in one transaction, with this repository and the identifiers' bound to it. */
  inTransaction<T>(work: (repository: ReviewRepository, identifiers: ScamIdentifierRepository, tx: Transaction) => Promise<T>): Promise<T>;
  /** Identifiers in `states` (and of `kind`), oldest state change first. */
  listQueue(filter: QueueFilter): Promise<QueueRow[]>;
  /** How many identifiers the filter finds. */
  countQueue(filter: Omit<QueueFilter, 'limit' | 'offset'>): Promise<number>;
  /** How many identifiers are in each of `states`. */
  countByState(states: readonly string[]): Promise<Record<string, number>>;
  /** The counts of one identifier's reports. */
  countsOf(identifierId: string): Promise<{ reports: number; reporters: number; lateReports: number }>;
  /** The newest `limit` reports naming the identifier, newest first. */
  listReports(identifierId: string, limit: number): Promise<EvidenceReportRow[]>;
  /** The links the given reports carried (still within retention). */
  listLinks(reportIds: readonly string[]): Promise<EvidenceLinkRow[]>;
  /** The campaigns of the identifier's reports, largest first. */
  listCampaignsOf(identifierId: string): Promise<CampaignRow[]>;
  listHistory(identifierId: string): Promise<HistoryRow[]>;
  listRound(identifierId: string, round: number): Promise<ReviewRow[]>;
  /**
   * Holds the identifier for the rest of the transaction when it is still under review at
   * `version` (a write that changes nothing takes the row's lock on PostgreSQL); false otherwise.
   */
  holdUnderReview(identifierId: string, version: number): Promise<boolean>;
  /** Stores a decision; the same reviewer deciding again in the round replaces theirs. */
  saveReview(review: NewReview): Promise<void>;
  /** The screenshot of a report, while its content is kept. */
  findScreenshot(reportId: string): Promise<{ mediaType: string; contentEnc: string } | undefined>;
  findCampaign(campaignId: string): Promise<CampaignRow | undefined>;
  /** The identifiers a campaign's instances name, most reported first. */
  listCampaignIdentifiers(campaignId: string, limit: number): Promise<CampaignIdentifierRow[]>;
}

const count = (value: string | number | bigint | null | undefined) => Number(value ?? 0);
const truth = (value: unknown) => value === true || value === 1 || value === '1';

/** Builds the repository over a Kysely instance or transaction. */
export function createReviewRepository(executor: Executor): ReviewRepository {
  const db: Kysely<Database> = queriesOf(executor);

  function filtered(filter: Omit<QueueFilter, 'limit' | 'offset'>) {
    let query = db.selectFrom('scam_identifiers as i').where('i.state', 'in', [...filter.states]);
    if (filter.kind !== null) query = query.where('i.kind', '=', filter.kind);
    return query;
  }

  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createReviewRepository(tx), createScamIdentifierRepository(tx), transactionOf(tx)));
    },
    async listQueue(filter) {
      if (filter.states.length === 0) return [];
      const rows = await filtered(filter)
        .select((eb) => [
          'i.id',
          'i.kind',
          'i.state',
          'i.value_enc',
          'i.is_protected',
          'i.is_internationalised',
          'i.state_changed_at',
          eb
            .selectFrom('scam_report_targets as t')
            .whereRef('t.identifier_id', '=', 'i.id')
            .select((sub) => sub.fn.countAll().as('n'))
            .as('reports'),
          eb
            .selectFrom('scam_report_targets as t')
            .whereRef('t.identifier_id', '=', 'i.id')
            .select((sub) => sub.fn.count('t.reporter_hash').distinct().as('n'))
            .as('reporters'),
          eb
            .selectFrom('scam_report_targets as t')
            .whereRef('t.identifier_id', '=', 'i.id')
            .select(sql<number>`sum(case when t.is_late then 1 else 0 end)`.as('n'))
            .as('late'),
          eb
            .selectFrom('scam_report_targets as t')
            .innerJoin('scam_reports as r', 'r.id', 't.report_id')
            .whereRef('t.identifier_id', '=', 'i.id')
            .select((sub) => sub.fn.max('r.campaign_id').as('c'))
            .as('campaign_id'),
        ])
        .orderBy('i.state_changed_at')
        .orderBy('i.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        state: r.state,
        valueEnc: r.value_enc,
        isProtected: truth(r.is_protected),
        isInternationalised: truth(r.is_internationalised),
        stateChangedAt: r.state_changed_at,
        reports: count(r.reports),
        reporters: count(r.reporters),
        lateReports: count(r.late),
        campaignId: r.campaign_id ?? null,
      }));
    },
    async countQueue(filter) {
      if (filter.states.length === 0) return 0;
      const row = await filtered(filter)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return count(row?.n);
    },
    async countByState(states) {
      const counts: Record<string, number> = Object.fromEntries(states.map((s) => [s, 0]));
      if (states.length === 0) return counts;
      const rows = await db
        .selectFrom('scam_identifiers')
        .where('state', 'in', [...states])
        .select((eb) => ['state', eb.fn.countAll().as('n')])
        .groupBy('state')
        .orderBy('state')
        .execute();
      for (const row of rows) counts[row.state] = count(row.n);
      return counts;
    },
    async countsOf(identifierId) {
      const row = await db
        .selectFrom('scam_report_targets as t')
        .where('t.identifier_id', '=', identifierId)
        .select((eb) => [
          eb.fn.countAll().as('reports'),
          eb.fn.count('t.reporter_hash').distinct().as('reporters'),
          sql<number>`sum(case when t.is_late then 1 else 0 end)`.as('late'),
        ])
        .executeTakeFirst();
      return { reports: count(row?.reports), reporters: count(row?.reporters), lateReports: count(row?.late) };
    },
    async listReports(identifierId, limit) {
      const rows = await db
        .selectFrom('scam_report_targets as t')
        .innerJoin('scam_reports as r', 'r.id', 't.report_id')
        .leftJoin('scam_screenshots as s', (join) => join.onRef('s.report_id', '=', 'r.id').on('s.content_enc', 'is not', null))
        .where('t.identifier_id', '=', identifierId)
        .select([
          'r.id',
          'r.reference',
          't.role',
          'r.channel',
          'r.medium',
          'r.category',
          'r.occurred_at',
          'r.filed_at',
          'r.is_late',
          'r.text_enc',
          'r.campaign_id',
          's.media_type',
        ])
        .orderBy('r.filed_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        role: r.role,
        channel: r.channel,
        medium: r.medium,
        category: r.category,
        occurredAt: r.occurred_at,
        filedAt: r.filed_at,
        isLate: truth(r.is_late),
        textEnc: r.text_enc,
        campaignId: r.campaign_id,
        screenshotType: r.media_type ?? null,
      }));
    },
    async listLinks(reportIds) {
      if (reportIds.length === 0) return [];
      const rows = await db
        .selectFrom('scam_report_targets')
        .where('report_id', 'in', [...reportIds])
        .where('role', '=', 'link')
        .where('url_enc', 'is not', null)
        .select(['report_id', 'url_enc', 'identifier_id'])
        .orderBy('report_id')
        .orderBy('identifier_id')
        .execute();
      return rows.flatMap((r) => (r.url_enc === null ? [] : [{ reportId: r.report_id, urlEnc: r.url_enc }]));
    },
    async listCampaignsOf(identifierId) {
      const rows = await db
        .selectFrom('scam_campaigns as c')
        .where('c.id', 'in', (eb) =>
          eb
            .selectFrom('scam_report_targets as t')
            .innerJoin('scam_reports as r', 'r.id', 't.report_id')
            .where('t.identifier_id', '=', identifierId)
            .where('r.campaign_id', 'is not', null)
            .select('r.campaign_id'),
        )
        .selectAll()
        .orderBy('c.reports', 'desc')
        .orderBy('c.id')
        .limit(20)
        .execute();
      return rows.map(campaignOf);
    },
    async listHistory(identifierId) {
      const rows = await db
        .selectFrom('scam_identifier_events as e')
        .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'e.actor_id').on('e.actor_type', '=', 'user'))
        .where('e.identifier_id', '=', identifierId)
        .select(['e.from_state', 'e.to_state', 'e.actor_type', 'u.display_name_enc', 'e.reason', 'e.at', 'e.id'])
        .orderBy('e.at')
        .orderBy('e.id')
        .execute();
      return rows.map((r) => ({
        fromState: r.from_state,
        toState: r.to_state,
        actorType: r.actor_type,
        actorNameEnc: r.display_name_enc ?? null,
        reason: r.reason,
        at: r.at,
      }));
    },
    async listRound(identifierId, round) {
      const rows = await db
        .selectFrom('scam_reviews as v')
        .leftJoin('users as u', 'u.id', 'v.reviewer_id')
        .where('v.identifier_id', '=', identifierId)
        .where('v.round', '=', round)
        .select(['v.reviewer_id', 'u.display_name_enc', 'v.decision', 'v.is_senior', 'v.reason', 'v.created_at', 'v.id'])
        .orderBy('v.created_at')
        .orderBy('v.id')
        .execute();
      return rows.map((r) => ({
        reviewerId: r.reviewer_id,
        reviewerNameEnc: r.display_name_enc ?? null,
        decision: r.decision,
        isSenior: truth(r.is_senior),
        reason: r.reason,
        createdAt: r.created_at,
      }));
    },
    async holdUnderReview(identifierId, version) {
      const result = await db
        .updateTable('scam_identifiers')
        .set({ version })
        .where('id', '=', identifierId)
        .where('version', '=', version)
        .where('state', '=', 'under_review')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async saveReview(review) {
      await db
        .insertInto('scam_reviews')
        .values({
          id: review.id,
          identifier_id: review.identifierId,
          round: review.round,
          reviewer_id: review.reviewerId,
          decision: review.decision,
          is_senior: review.isSenior,
          reason: review.reason,
          created_at: review.at,
        })
        .onConflict((oc) =>
          oc
            .columns(['identifier_id', 'round', 'reviewer_id'])
            .doUpdateSet({ decision: review.decision, is_senior: review.isSenior, reason: review.reason, created_at: review.at }),
        )
        .execute();
    },
    async findScreenshot(reportId) {
      const row = await db.selectFrom('scam_screenshots').where('report_id', '=', reportId).select(['media_type', 'content_enc']).executeTakeFirst();
      if (!row || row.content_enc === null) return undefined;
      return { mediaType: row.media_type, contentEnc: row.content_enc };
    },
    async findCampaign(campaignId) {
      const row = await db.selectFrom('scam_campaigns').where('id', '=', campaignId).selectAll().executeTakeFirst();
      return row ? campaignOf(row) : undefined;
    },
    async listCampaignIdentifiers(campaignId, limit) {
      const rows = await db
        .selectFrom('scam_reports as r')
        .innerJoin('scam_report_targets as t', 't.report_id', 'r.id')
        .innerJoin('scam_identifiers as i', 'i.id', 't.identifier_id')
        .where('r.campaign_id', '=', campaignId)
        .groupBy(['i.id', 'i.kind', 'i.state', 'i.value_enc', 'i.is_protected', 'i.is_internationalised'])
        .select((eb) => [
          'i.id',
          'i.kind',
          'i.state',
          'i.value_enc',
          'i.is_protected',
          'i.is_internationalised',
          eb.fn.count('r.id').distinct().as('reports'),
          eb.fn.count('t.reporter_hash').distinct().as('reporters'),
        ])
        .orderBy('reports', 'desc')
        .orderBy('i.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        state: r.state,
        valueEnc: r.value_enc,
        isProtected: truth(r.is_protected),
        isInternationalised: truth(r.is_internationalised),
        reports: count(r.reports),
        reporters: count(r.reporters),
      }));
    },
  };
}

function campaignOf(row: { id: string; sample_enc: string | null; first_seen_at: string; last_seen_at: string; reports: number }): CampaignRow {
  return { id: row.id, sampleEnc: row.sample_enc, firstSeenAt: row.first_seen_at, lastSeenAt: row.last_seen_at, reports: Number(row.reports) };
}
