import type { Insertable, Selectable, Updateable } from 'kysely';
import { withTransaction, queriesOf, type Executor } from '../../../platform/db/index.ts';
import type { PrivacyRequestArchivesTable, PrivacyRequestEventsTable, PrivacyRequestSessionsTable, PrivacyRequestsTable } from './requests.tables.ts';
import './requests.tables.ts';

/** A stored data-subject request. */
export type PrivacyRequestRow = Selectable<PrivacyRequestsTable>;
/** A stored event of a request. */
export type PrivacyRequestEventRow = Selectable<PrivacyRequestEventsTable>;
/** A stored public session. */
export type PrivacyRequestSessionRow = Selectable<PrivacyRequestSessionsTable>;
/** A stored access archive. */
export type PrivacyRequestArchiveRow = Selectable<PrivacyRequestArchivesTable>;
/** A request as the staff list shows it: no personal value. */
export type PrivacyRequestSummaryRow = Pick<
  PrivacyRequestRow,
  'id' | 'reference' | 'type' | 'channel' | 'state' | 'received_on' | 'current_due_on' | 'is_extended' | 'paused_since'
>;

/** The states in which a request still waits for an answer. */
export const OPEN_STATES = ['awaitingIdentity', 'received', 'inProgress', 'extended'] as const;

/** All SQL of data-subject requests. */
export interface RequestRepository {
  readonly executor: Executor;
  inTransaction<T>(work: (repository: RequestRepository) => Promise<T>): Promise<T>;
  insertRequest(row: Insertable<PrivacyRequestsTable>, hashes: readonly string[]): Promise<void>;
  findRequest(id: string): Promise<PrivacyRequestRow | undefined>;
  findByReference(reference: string): Promise<PrivacyRequestRow | undefined>;
  updateRequest(id: string, patch: Updateable<PrivacyRequestsTable>): Promise<void>;
  /** Requests by due date (then reference), optionally of one state and one type. */
  listRequests(filter: { state?: string | undefined; type?: string | undefined; limit: number }): Promise<PrivacyRequestSummaryRow[]>;
  /** Ids of the requests any of whose identity hashes is among `hashes`, oldest first. */
  findIdsByHashes(hashes: readonly string[]): Promise<string[]>;
  /** Open requests due on or before `through` (local dates), by due date: what staff are reminded of. */
  listOpenDueBy(through: string): Promise<PrivacyRequestSummaryRow[]>;
  countOpenDueBetween(from: string, through: string): Promise<number>;
  countOpenDueBefore(before: string): Promise<number>;
  listPendingErasures(): Promise<PrivacyRequestRow[]>;
  /** Adds an event after the request's last one. */
  insertEvent(row: Omit<Insertable<PrivacyRequestEventsTable>, 'seq'>): Promise<void>;
  listEvents(requestId: string): Promise<PrivacyRequestEventRow[]>;
  upsertArchive(row: Insertable<PrivacyRequestArchivesTable>): Promise<void>;
  findArchive(requestId: string): Promise<PrivacyRequestArchiveRow | undefined>;
  /** Deletes (or, in a dry run, counts) the archives created before `before`, but the held ones. */
  deleteArchivesBefore(before: string, heldIds: ReadonlySet<string>, dryRun: boolean): Promise<number>;
  /**
   * Replaces what identifies the person of every request closed before `before` (but the held
   * ones) by `blanks` and deletes its identity hashes, its archive and its events' notes; counts
   * only, in a dry run. An anonymised request's `identity_enc` is empty.
   */
  anonymiseClosedBefore(before: string, heldIds: ReadonlySet<string>, dryRun: boolean): Promise<number>;
  /** Deletes (or, in a dry run, counts) every request closed before `before` but the held ones, with its hashes, events and archive. */
  deleteClosedBefore(before: string, heldIds: ReadonlySet<string>, dryRun: boolean): Promise<number>;
  /** The sealed addresses of the active accounts of these roles, by id. */
  listStaffEmails(roles: readonly string[]): Promise<{ id: string; email_enc: string }[]>;
  insertSession(row: Insertable<PrivacyRequestSessionsTable>): Promise<void>;
  findSessionByTokenHash(tokenHash: string): Promise<PrivacyRequestSessionRow | undefined>;
  recordCodeAttempt(id: string, attempts: number, isVerified: boolean): Promise<void>;
  deleteSession(id: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;
}

const SUMMARY = ['id', 'reference', 'type', 'channel', 'state', 'received_on', 'current_due_on', 'is_extended', 'paused_since'] as const;

/** Builds the repository over a Kysely instance or transaction. */
export function createRequestRepository(executor: Executor): RequestRepository {
  const db = queriesOf(executor);
  const closedBefore = (before: string, heldIds: ReadonlySet<string>) => {
    let query = db.selectFrom('privacy_requests').select('id').where('closed_at', '<', before).where('identity_enc', '<>', '');
    if (heldIds.size > 0) query = query.where('id', 'not in', [...heldIds]);
    return query;
  };
  return {
    executor: db,
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createRequestRepository(tx)));
    },
    async insertRequest(row, hashes) {
      await db.insertInto('privacy_requests').values(row).execute();
      const unique = [...new Set(hashes)];
      if (unique.length > 0)
        await db
          .insertInto('privacy_request_identities')
          .values(unique.map((value_hash) => ({ request_id: row.id, value_hash })))
          .execute();
    },
    findRequest: (id) => db.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirst(),
    findByReference: (reference) => db.selectFrom('privacy_requests').selectAll().where('reference', '=', reference).executeTakeFirst(),
    async updateRequest(id, patch) {
      await db.updateTable('privacy_requests').set(patch).where('id', '=', id).execute();
    },
    listRequests({ state, type, limit }) {
      let query = db.selectFrom('privacy_requests').select(SUMMARY);
      if (state) query = query.where('state', '=', state);
      if (type) query = query.where('type', '=', type);
      return query.orderBy('current_due_on').orderBy('reference').limit(limit).execute();
    },
    async findIdsByHashes(hashes) {
      if (hashes.length === 0) return [];
      const rows = await db
        .selectFrom('privacy_requests as r')
        .select('r.id')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('privacy_request_identities as i')
              .select('i.request_id')
              .whereRef('i.request_id', '=', 'r.id')
              .where('i.value_hash', 'in', [...hashes]),
          ),
        )
        .orderBy('r.created_at')
        .orderBy('r.id')
        .execute();
      return rows.map((r) => r.id);
    },
    listOpenDueBy: (through) =>
      db
        .selectFrom('privacy_requests')
        .select(SUMMARY)
        .where('state', 'in', [...OPEN_STATES])
        .where('current_due_on', '<=', through)
        .orderBy('current_due_on')
        .orderBy('reference')
        .execute(),
    async countOpenDueBetween(from, through) {
      const row = await db
        .selectFrom('privacy_requests')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('state', 'in', [...OPEN_STATES])
        .where('current_due_on', '>=', from)
        .where('current_due_on', '<=', through)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async countOpenDueBefore(before) {
      const row = await db
        .selectFrom('privacy_requests')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('state', 'in', [...OPEN_STATES])
        .where('current_due_on', '<', before)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    listPendingErasures: () =>
      db.selectFrom('privacy_requests').selectAll().where('is_erasure_pending', '=', true).orderBy('created_at').orderBy('id').execute(),
    async insertEvent(row) {
      const last = await db
        .selectFrom('privacy_request_events')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('request_id', '=', row.request_id)
        .executeTakeFirst();
      await db
        .insertInto('privacy_request_events')
        .values({ ...row, seq: Number(last?.seq ?? 0) + 1 })
        .execute();
    },
    listEvents: (requestId) => db.selectFrom('privacy_request_events').selectAll().where('request_id', '=', requestId).orderBy('seq').execute(),
    async upsertArchive(row) {
      await db.deleteFrom('privacy_request_archives').where('request_id', '=', row.request_id).execute();
      await db.insertInto('privacy_request_archives').values(row).execute();
    },
    findArchive: (requestId) => db.selectFrom('privacy_request_archives').selectAll().where('request_id', '=', requestId).executeTakeFirst(),
    async deleteArchivesBefore(before, heldIds, dryRun) {
      let query = db.selectFrom('privacy_request_archives').select('request_id').where('created_at', '<', before);
      if (heldIds.size > 0) query = query.where('request_id', 'not in', [...heldIds]);
      const ids = (await query.execute()).map((r) => r.request_id);
      if (dryRun || ids.length === 0) return ids.length;
      await db.deleteFrom('privacy_request_archives').where('request_id', 'in', ids).execute();
      return ids.length;
    },
    async anonymiseClosedBefore(before, heldIds, dryRun) {
      const ids = (await closedBefore(before, heldIds).execute()).map((r) => r.id);
      if (dryRun || ids.length === 0) return ids.length;
      await db.updateTable('privacy_requests').set({ identity_enc: '', details_enc: '', contact_enc: '', answer_enc: null }).where('id', 'in', ids).execute();
      await db.deleteFrom('privacy_request_identities').where('request_id', 'in', ids).execute();
      await db.deleteFrom('privacy_request_archives').where('request_id', 'in', ids).execute();
      await db.updateTable('privacy_request_events').set({ note_enc: null }).where('request_id', 'in', ids).execute();
      return ids.length;
    },
    listStaffEmails: (roles) =>
      db
        .selectFrom('users')
        .select(['id', 'email_enc'])
        .where('role', 'in', [...roles])
        .where('is_active', '=', true)
        .orderBy('id')
        .execute(),
    async deleteClosedBefore(before, heldIds, dryRun) {
      let query = db.selectFrom('privacy_requests').select('id').where('closed_at', '<', before);
      if (heldIds.size > 0) query = query.where('id', 'not in', [...heldIds]);
      const ids = (await query.execute()).map((r) => r.id);
      if (dryRun || ids.length === 0) return ids.length;
      // Children first: SQLite enforces the foreign keys' cascade only when told to.
      for (const table of ['privacy_request_identities', 'privacy_request_events', 'privacy_request_archives'] as const)
        await db.deleteFrom(table).where('request_id', 'in', ids).execute();
      await db.deleteFrom('privacy_requests').where('id', 'in', ids).execute();
      return ids.length;
    },
    async insertSession(row) {
      await db.insertInto('privacy_request_sessions').values(row).execute();
    },
    findSessionByTokenHash: (tokenHash) => db.selectFrom('privacy_request_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    async recordCodeAttempt(id, attempts, isVerified) {
      await db.updateTable('privacy_request_sessions').set({ attempts, is_verified: isVerified }).where('id', '=', id).execute();
    },
    async deleteSession(id) {
      await db.deleteFrom('privacy_request_sessions').where('id', '=', id).execute();
    },
    async deleteExpiredSessions(now) {
      const result = await db.deleteFrom('privacy_request_sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
