import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import { RETENTION_BATCH } from '../../../platform/privacy/retention-batches.ts';
import { queriesOf, withTransaction, type Executor } from '../../../platform/db/index.ts';
import type { LearnWorkshopEventsTable, LearnWorkshopFeedbackTable, LearnWorkshopRegistrationsTable, LearnWorkshopTextsTable } from './workshops.tables.ts';
import './workshops.tables.ts';

/** A stored event. */
export type WorkshopEventRow = Selectable<LearnWorkshopEventsTable>;
/** An event's text in one language. */
export type WorkshopTextRow = Selectable<LearnWorkshopTextsTable>;
/** A stored registration. */
export type RegistrationRow = Selectable<LearnWorkshopRegistrationsTable>;
/** A stored feedback answer. */
export type FeedbackRow = Selectable<LearnWorkshopFeedbackTable>;

/** What the public list filters on; each absent filter lets every event through. */
export interface EventFilter {
  states: readonly string[];
  /** Events ending at or after this instant (upcoming), or before it (past) when `isPast`. */
  now: string;
  isPast: boolean;
  region?: string | undefined;
  topic?: string | undefined;
  language?: string | undefined;
  arrangement?: string | undefined;
  limit: number;
}

/** Seats taken and people waiting for one event. */
export interface SeatCounts {
  confirmed: number;
  waiting: number;
}

/** All SQL of workshops. */
export interface WorkshopRepository {
  /** The executor, for the audit record, e-mails and texts of the same transaction. */
  readonly executor: Executor;
  inTransaction<T>(work: (repository: WorkshopRepository) => Promise<T>): Promise<T>;
  insertEvent(row: Insertable<LearnWorkshopEventsTable>, texts: readonly Insertable<LearnWorkshopTextsTable>[]): Promise<void>;
  /** Changes an event and replaces its texts. */
  updateEvent(id: string, patch: Updateable<LearnWorkshopEventsTable>, texts?: readonly Insertable<LearnWorkshopTextsTable>[]): Promise<void>;
  findEvent(id: string): Promise<WorkshopEventRow | undefined>;
  /** Takes the event's row for the rest of the transaction (PostgreSQL locks it; SQLite has one writer), so two registrations cannot both take the last seat. */
  lockEvent(id: string): Promise<WorkshopEventRow | undefined>;
  listEvents(filter: EventFilter): Promise<WorkshopEventRow[]>;
  /** How many published events have not ended, and how many people wait on their waiting lists: the staff dashboard's figures. */
  countComing(now: string): Promise<{ events: number; waiting: number }>;
  /** Every event, newest start first, for staff. */
  listAllEvents(limit: number): Promise<WorkshopEventRow[]>;
  /** The texts of these events, every language. */
  listTexts(eventIds: readonly string[]): Promise<WorkshopTextRow[]>;
  seatCounts(eventIds: readonly string[]): Promise<Map<string, SeatCounts>>;
  insertRegistration(row: Insertable<LearnWorkshopRegistrationsTable>): Promise<void>;
  findRegistrationByTokenHash(tokenHash: string): Promise<RegistrationRow | undefined>;
  /** Whether a registration still waiting or confirmed holds this contact for the event. */
  hasActiveRegistration(eventId: string, contactHash: string): Promise<boolean>;
  /** Moves a registration from one status to another; false when it was no longer in `from`. */
  moveRegistration(id: string, from: string, to: string, at: string | null): Promise<boolean>;
  /** The person waiting longest for the event, if any. */
  firstWaiting(eventId: string): Promise<RegistrationRow | undefined>;
  /** The event's registrations by status then order of arrival. */
  listRegistrations(eventId: string): Promise<RegistrationRow[]>;
  /** Sets who attended among the event's confirmed registrations; returns how many are marked. */
  setAttendance(eventId: string, attendedIds: readonly string[]): Promise<number>;
  /** Gives a registration a new private token (the old link stops working). */
  replaceToken(id: string, tokenHash: string): Promise<void>;
  /** Records that the registration gave its feedback; false when it already had. */
  markFeedbackGiven(id: string): Promise<boolean>;
  insertFeedback(row: Insertable<LearnWorkshopFeedbackTable>): Promise<void>;
  listFeedback(eventId: string): Promise<FeedbackRow[]>;
  /** Registrations not yet erased of events that ended before `before`, the `held` ones aside. */
  countEndedRegistrations(before: string, held: readonly string[]): Promise<number>;
  /** Erases one batch of those registrations (see {@link eraseRegistrations}) in one transaction; returns how many. */
  eraseEndedRegistrations(before: string, held: readonly string[], now: string): Promise<number>;
  /** Feedback answers with a comment of events that ended before `before`, the `held` ones aside. */
  countEndedComments(before: string, held: readonly string[]): Promise<number>;
  /** Drops the comments (a comment may name its writer) of one batch of those answers, ratings kept; returns how many. */
  eraseEndedComments(before: string, held: readonly string[]): Promise<number>;
  /** Registrations not yet erased under any of the contact hashes, with their event's times, oldest first. */
  findRegistrationsByContactHashes(contactHashes: readonly string[]): Promise<PersonRegistrationRow[]>;
  /**
   * Erases the name, contact and needs of registrations and empties their token and contact hash,
   * so nothing finds them again; the row stays, counted among the event's seats. Returns how many.
   */
  eraseRegistrations(ids: readonly string[], now: string): Promise<number>;
}

/** A person's registration with the times of its event. */
export type PersonRegistrationRow = RegistrationRow & { starts_at: string; ends_at: string };

function endedRegistrations(db: Kysely<Database>, before: string, held: readonly string[]) {
  let query = db
    .selectFrom('learn_workshop_registrations')
    .where('erased_at', 'is', null)
    .where('event_id', 'in', db.selectFrom('learn_workshop_events').select('id').where('ends_at', '<', before));
  if (held.length > 0) query = query.where('id', 'not in', held);
  return query;
}

function endedComments(db: Kysely<Database>, before: string, held: readonly string[]) {
  let query = db
    .selectFrom('learn_workshop_feedback')
    .where('comment', 'is not', null)
    .where('event_id', 'in', db.selectFrom('learn_workshop_events').select('id').where('ends_at', '<', before));
  if (held.length > 0) query = query.where('id', 'not in', held);
  return query;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createWorkshopRepository(executor: Executor): WorkshopRepository {
  const db = queriesOf(executor);
  const repository: WorkshopRepository = {
    executor: db,
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createWorkshopRepository(tx)));
    },
    async insertEvent(row, texts) {
      await db.insertInto('learn_workshop_events').values(row).execute();
      if (texts.length > 0)
        await db
          .insertInto('learn_workshop_texts')
          .values([...texts])
          .execute();
    },
    async updateEvent(id, patch, texts) {
      await db.updateTable('learn_workshop_events').set(patch).where('id', '=', id).execute();
      if (texts) {
        await db.deleteFrom('learn_workshop_texts').where('event_id', '=', id).execute();
        if (texts.length > 0)
          await db
            .insertInto('learn_workshop_texts')
            .values([...texts])
            .execute();
      }
    },
    findEvent(id) {
      return db.selectFrom('learn_workshop_events').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async lockEvent(id) {
      await db
        .updateTable('learn_workshop_events')
        .set({ capacity: sql<number>`capacity` })
        .where('id', '=', id)
        .execute();
      return db.selectFrom('learn_workshop_events').selectAll().where('id', '=', id).executeTakeFirst();
    },
    listEvents(filter) {
      let query = db
        .selectFrom('learn_workshop_events')
        .selectAll()
        .where('state', 'in', [...filter.states]);
      query = filter.isPast ? query.where('ends_at', '<', filter.now) : query.where('ends_at', '>=', filter.now);
      if (filter.region !== undefined) query = query.where('region', '=', filter.region);
      if (filter.topic !== undefined) query = query.where('topic', '=', filter.topic);
      if (filter.language !== undefined) query = query.where('held_language', '=', filter.language);
      if (filter.arrangement !== undefined) {
        const pattern = `%,${filter.arrangement},%`;
        query = query.where(sql<boolean>`(',' || arrangements || ',') like ${pattern}`);
      }
      return query
        .orderBy('starts_at', filter.isPast ? 'desc' : 'asc')
        .orderBy('id')
        .limit(filter.limit)
        .execute();
    },
    async countComing(now) {
      const coming = db.selectFrom('learn_workshop_events').select('id').where('state', '=', 'published').where('ends_at', '>=', now);
      const [events, waiting] = await Promise.all([
        db
          .selectFrom('learn_workshop_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('state', '=', 'published')
          .where('ends_at', '>=', now)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('learn_workshop_registrations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'waiting')
          .where('event_id', 'in', coming)
          .executeTakeFirstOrThrow(),
      ]);
      return { events: Number(events.n), waiting: Number(waiting.n) };
    },
    listAllEvents(limit) {
      return db.selectFrom('learn_workshop_events').selectAll().orderBy('starts_at', 'desc').orderBy('id').limit(limit).execute();
    },
    async listTexts(eventIds) {
      if (eventIds.length === 0) return [];
      return db
        .selectFrom('learn_workshop_texts')
        .selectAll()
        .where('event_id', 'in', [...eventIds])
        .orderBy('event_id')
        .orderBy('language')
        .execute();
    },
    async seatCounts(eventIds) {
      const counts = new Map<string, SeatCounts>(eventIds.map((id) => [id, { confirmed: 0, waiting: 0 }]));
      if (eventIds.length === 0) return counts;
      const rows = await db
        .selectFrom('learn_workshop_registrations')
        .select(['event_id', 'status'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('event_id', 'in', [...eventIds])
        .where('status', 'in', ['confirmed', 'waiting'])
        .groupBy(['event_id', 'status'])
        .execute();
      for (const row of rows) {
        const entry = counts.get(row.event_id);
        if (!entry) continue;
        if (row.status === 'confirmed') entry.confirmed = Number(row.n);
        else entry.waiting = Number(row.n);
      }
      return counts;
    },
    async insertRegistration(row) {
      await db.insertInto('learn_workshop_registrations').values(row).execute();
    },
    findRegistrationByTokenHash(tokenHash) {
      return db.selectFrom('learn_workshop_registrations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    async hasActiveRegistration(eventId, contactHash) {
      const row = await db
        .selectFrom('learn_workshop_registrations')
        .select('id')
        .where('event_id', '=', eventId)
        .where('contact_hash', '=', contactHash)
        .where('status', 'in', ['confirmed', 'waiting'])
        .executeTakeFirst();
      return row !== undefined;
    },
    async moveRegistration(id, from, to, at) {
      const result = await db
        .updateTable('learn_workshop_registrations')
        .set({ status: to, ...(to === 'cancelled' ? { cancelled_at: at } : {}) })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    firstWaiting(eventId) {
      return db
        .selectFrom('learn_workshop_registrations')
        .selectAll()
        .where('event_id', '=', eventId)
        .where('status', '=', 'waiting')
        .orderBy('registered_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
    },
    listRegistrations(eventId) {
      return db
        .selectFrom('learn_workshop_registrations')
        .selectAll()
        .where('event_id', '=', eventId)
        .orderBy(sql`case status when 'confirmed' then 0 when 'waiting' then 1 else 2 end`)
        .orderBy('registered_at')
        .orderBy('id')
        .execute();
    },
    async setAttendance(eventId, attendedIds) {
      await db.updateTable('learn_workshop_registrations').set({ attended: false }).where('event_id', '=', eventId).execute();
      if (attendedIds.length === 0) return 0;
      const result = await db
        .updateTable('learn_workshop_registrations')
        .set({ attended: true })
        .where('event_id', '=', eventId)
        .where('status', '=', 'confirmed')
        .where('id', 'in', [...attendedIds])
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async replaceToken(id, tokenHash) {
      await db.updateTable('learn_workshop_registrations').set({ token_hash: tokenHash }).where('id', '=', id).execute();
    },
    async markFeedbackGiven(id) {
      const result = await db
        .updateTable('learn_workshop_registrations')
        .set({ feedback_given: true })
        .where('id', '=', id)
        .where('feedback_given', '=', false)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertFeedback(row) {
      await db.insertInto('learn_workshop_feedback').values(row).execute();
    },
    listFeedback(eventId) {
      return db.selectFrom('learn_workshop_feedback').selectAll().where('event_id', '=', eventId).orderBy('given_on').orderBy('id').execute();
    },
    countEndedRegistrations: async (before, held) =>
      Number(
        (
          await endedRegistrations(db, before, held)
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      ),
    eraseEndedRegistrations: (before, held, now) =>
      withTransaction(db, async (tx) => {
        const ids = (await endedRegistrations(tx, before, held).select('id').orderBy('id').limit(RETENTION_BATCH).execute()).map((r) => r.id);
        return createWorkshopRepository(tx).eraseRegistrations(ids, now);
      }),
    countEndedComments: async (before, held) =>
      Number(
        (
          await endedComments(db, before, held)
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      ),
    eraseEndedComments: (before, held) =>
      withTransaction(db, async (tx) => {
        const ids = (await endedComments(tx, before, held).select('id').orderBy('id').limit(RETENTION_BATCH).execute()).map((r) => r.id);
        if (ids.length === 0) return 0;
        return Number((await tx.updateTable('learn_workshop_feedback').set({ comment: null }).where('id', 'in', ids).executeTakeFirst()).numUpdatedRows);
      }),
    async findRegistrationsByContactHashes(contactHashes) {
      if (contactHashes.length === 0) return [];
      return db
        .selectFrom('learn_workshop_registrations as r')
        .innerJoin('learn_workshop_events as e', 'e.id', 'r.event_id')
        .selectAll('r')
        .select(['e.starts_at', 'e.ends_at'])
        .where('r.contact_hash', 'in', contactHashes)
        .where('r.erased_at', 'is', null)
        .orderBy('r.registered_at')
        .orderBy('r.id')
        .execute();
    },
    async eraseRegistrations(ids, now) {
      if (ids.length === 0) return 0;
      const result = await db
        .updateTable('learn_workshop_registrations')
        .set({
          name_enc: null,
          contact_enc: null,
          needs_enc: null,
          contact_hash: '',
          // A token hash must stay unique: the row's id stands in for it, which no token hashes to.
          token_hash: sql<string>`'erased:' || id`,
          erased_at: now,
        })
        .where('id', 'in', ids)
        .where('erased_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
  return repository;
}
