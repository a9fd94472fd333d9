import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { queriesOf, transactionOf, type Database, type Executor, type Transaction } from '../db/index.ts';
import type { SmsInboundTable, SmsMessagesTable } from './sms.tables.ts';
import './sms.tables.ts';

/** A queued text as the sender reads it. */
export type SmsMessageRow = Selectable<SmsMessagesTable>;

/** A received text as its handler reads it. */
export type SmsInboundRow = Selectable<SmsInboundTable>;

/** Counts of one route's texts by state, for staff pages and `/metrics`. */
export interface RouteCounts {
  route: string | null;
  state: SmsMessagesTable['state'];
  messages: number;
}

/** Every SQL statement of the SMS outbox and inbox. */
export interface SmsOutboxRepository {
  insertMessage(executor: Executor, row: Insertable<SmsMessagesTable>): Promise<void>;
  /**
   * Takes up to `limit` queued texts due by `now` whose route is one of `routes` (or not chosen
   * yet), holding them until `lockedUntil` so that no other process sends them meanwhile.
   */
  claimDue(input: { routes: readonly string[]; now: string; lockedUntil: string; limit: number }): Promise<SmsMessageRow[]>;
  /** Records that the SMS centre took every part of a text, with each part's id. */
  markSubmitted(input: { id: string; route: string; now: string; parts: { partNumber: number; smscKey: string }[] }): Promise<void>;
  /** Puts a text back in the queue for `nextAttemptAt` (its link went down, the centre was busy). */
  release(input: { id: string; route: string | null; nextAttemptAt: string; error: string }): Promise<void>;
  /** Gives a text up for good. */
  markFailed(input: { id: string; route: string | null; now: string; error: string }): Promise<void>;
  /**
   * Applies a receipt to the part the SMS centre numbered `smscKey` on `route`: the text is
   * delivered once every part is, and failed as soon as one part finally fails. Returns the text's
   * id, or undefined when no part has that id.
   */
  applyReceipt(input: { route: string; smscKey: string; isDelivered: boolean; now: string }): Promise<string | undefined>;
  findMessage(id: string): Promise<SmsMessageRow | undefined>;
  /** The newest texts first (only those in `state` when given), for staff logs. */
  listMessages(input: { limit: number; before?: string; state?: SmsMessagesTable['state'] }): Promise<SmsMessageRow[]>;
  countByRouteAndState(since: string): Promise<RouteCounts[]>;
  /** How many texts wait, and since when the oldest submitted part has waited for its receipt. */
  queueDepth(): Promise<{ queued: number; oldestUnreceiptedAt: string | null }>;
  insertInbound(row: Insertable<SmsInboundTable>): Promise<void>;
  /** Received texts not yet handled and not held by another process, oldest first. */
  listNewInbound(limit: number, now: string): Promise<SmsInboundRow[]>;
  /** Holds a received text for one handler until `lockedUntil`; false when another process holds it or it was handled. */
  claimInbound(id: string, now: string, lockedUntil: string): Promise<boolean>;
  /** Texts received from a number since `since`, for a per-number limit. */
  countInboundFrom(fromHash: string, since: string): Promise<number>;
  /** Whether the number texted STOP; read through `executor`, the caller's transaction when it holds one (SQLite has one connection). */
  isOptedOut(executor: Executor, numberHash: string): Promise<boolean>;
  setOptedOut(executor: Executor, numberHash: string, optedOutAt: string | null): Promise<void>;
  markInbound(executor: Executor, input: { id: string; state: SmsInboundTable['state']; now: string }): Promise<void>;
  /** The route a ported number now belongs to, by the number's keyed hash. */
  portedRouteOf(numberHash: string): Promise<string | undefined>;
  /**
   * Replaces the porting table with `entries` in one transaction, in which `also` writes what must
   * commit with it (the audit entry); returns how many numbers the table holds.
   */
  replacePorting(entries: readonly { numberHash: string; route: string }[], now: string, also?: (tx: Transaction) => Promise<void>): Promise<number>;
}

/** Creates the repository over the platform's database. */
export function createSmsOutboxRepository(db: Kysely<Database>): SmsOutboxRepository {
  return {
    async insertMessage(executor, row) {
      await queriesOf(executor).insertInto('sms_messages').values(row).execute();
    },

    async claimDue({ routes, now, lockedUntil, limit }) {
      return db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('sms_messages')
          .select('id')
          .where('state', '=', 'queued')
          .where('next_attempt_at', '<=', now)
          .where((eb) => eb.or([eb('route', 'is', null), ...(routes.length > 0 ? [eb('route', 'in', routes)] : [])]))
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(limit)
          .execute();
        if (due.length === 0) return [];
        const ids = due.map((row) => row.id);
        // The lock is taken only where no other process took it between the select and here.
        await trx
          .updateTable('sms_messages')
          .set({ locked_until: lockedUntil, attempts: sql`attempts + 1` })
          .where('id', 'in', ids)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
          .execute();
        return trx
          .selectFrom('sms_messages')
          .selectAll()
          .where('id', 'in', ids)
          .where('locked_until', '=', lockedUntil)
          .orderBy('next_attempt_at')
          .orderBy('id')
          .execute();
      });
    },

    async markSubmitted({ id, route, now, parts }) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('sms_messages')
          .set({ state: 'submitted', route, submitted_at: now, locked_until: null, last_error: null })
          .where('id', '=', id)
          .execute();
        if (parts.length > 0) {
          await trx
            .insertInto('sms_parts')
            .values(
              parts.map((part) => ({
                message_id: id,
                part_number: part.partNumber,
                route,
                smsc_key: part.smscKey,
                state: 'submitted' as const,
                submitted_at: now,
              })),
            )
            .execute();
        }
      });
    },

    async release({ id, route, nextAttemptAt, error }) {
      await db.updateTable('sms_messages').set({ route, next_attempt_at: nextAttemptAt, locked_until: null, last_error: error }).where('id', '=', id).execute();
    },

    async markFailed({ id, route, now, error }) {
      await db
        .updateTable('sms_messages')
        .set({ state: 'failed', route, finished_at: now, locked_until: null, last_error: error })
        .where('id', '=', id)
        .execute();
    },

    async applyReceipt({ route, smscKey, isDelivered, now }) {
      return db.transaction().execute(async (trx) => {
        const part = await trx
          .selectFrom('sms_parts')
          .select(['message_id', 'part_number'])
          .where('route', '=', route)
          .where('smsc_key', '=', smscKey)
          .orderBy('submitted_at', 'desc')
          .executeTakeFirst();
        if (part === undefined) return undefined;
        // The text's row is locked before its parts are counted: two receipts of one text applied at
        // once would otherwise each count the other's part as undelivered, and neither would finish it.
        await trx
          .updateTable('sms_messages')
          .set({ part_count: sql`part_count` })
          .where('id', '=', part.message_id)
          .execute();
        await trx
          .updateTable('sms_parts')
          .set({ state: isDelivered ? 'delivered' : 'failed', receipt_at: now })
          .where('message_id', '=', part.message_id)
          .where('part_number', '=', part.part_number)
          .execute();
        const message = await trx.selectFrom('sms_messages').select(['state', 'part_count']).where('id', '=', part.message_id).executeTakeFirst();
        if (message === undefined || message.state !== 'submitted') return part.message_id;
        if (!isDelivered) {
          await trx
            .updateTable('sms_messages')
            .set({ state: 'failed', finished_at: now, last_error: 'receipt-failed' })
            .where('id', '=', part.message_id)
            .execute();
          return part.message_id;
        }
        const delivered = await trx
          .selectFrom('sms_parts')
          .select((eb) => eb.fn.countAll<number>().as('parts'))
          .where('message_id', '=', part.message_id)
          .where('state', '=', 'delivered')
          .executeTakeFirstOrThrow();
        if (Number(delivered.parts) >= message.part_count) {
          await trx.updateTable('sms_messages').set({ state: 'delivered', finished_at: now }).where('id', '=', part.message_id).execute();
        }
        return part.message_id;
      });
    },

    findMessage: (id) => db.selectFrom('sms_messages').selectAll().where('id', '=', id).executeTakeFirst(),

    listMessages({ limit, before, state }) {
      let query = db.selectFrom('sms_messages').selectAll();
      if (before !== undefined) query = query.where('id', '<', before);
      if (state !== undefined) query = query.where('state', '=', state);
      return query.orderBy('id', 'desc').limit(limit).execute();
    },

    async countByRouteAndState(since) {
      const rows = await db
        .selectFrom('sms_messages')
        .select(['route', 'state', (eb) => eb.fn.countAll<number>().as('messages')])
        .where('created_at', '>=', since)
        .groupBy(['route', 'state'])
        .orderBy('route')
        .orderBy('state')
        .execute();
      return rows.map((row) => ({ route: row.route, state: row.state, messages: Number(row.messages) }));
    },

    async queueDepth() {
      const queued = await db
        .selectFrom('sms_messages')
        .select((eb) => eb.fn.countAll<number>().as('queued'))
        .where('state', '=', 'queued')
        .executeTakeFirstOrThrow();
      const oldest = await db
        .selectFrom('sms_parts')
        .select((eb) => eb.fn.min('submitted_at').as('oldest'))
        .where('state', '=', 'submitted')
        .executeTakeFirst();
      return { queued: Number(queued.queued), oldestUnreceiptedAt: (oldest?.oldest as string | null | undefined) ?? null };
    },

    async insertInbound(row) {
      await db.insertInto('sms_inbound').values(row).execute();
    },

    listNewInbound: (limit, now) =>
      db
        .selectFrom('sms_inbound')
        .selectAll()
        .where('state', '=', 'new')
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .orderBy('received_at')
        .orderBy('id')
        .limit(limit)
        .execute(),

    async claimInbound(id, now, lockedUntil) {
      const result = await db
        .updateTable('sms_inbound')
        .set({ locked_until: lockedUntil, attempts: sql`attempts + 1` })
        .where('id', '=', id)
        .where('state', '=', 'new')
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async countInboundFrom(fromHash, since) {
      const row = await db
        .selectFrom('sms_inbound')
        .select((eb) => eb.fn.countAll<number>().as('texts'))
        .where('from_hash', '=', fromHash)
        .where('received_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.texts);
    },

    async isOptedOut(executor, numberHash) {
      return (
        (await queriesOf(executor).selectFrom('sms_opt_outs').select('number_hash').where('number_hash', '=', numberHash).executeTakeFirst()) !== undefined
      );
    },

    async setOptedOut(executor, numberHash, optedOutAt) {
      const q = queriesOf(executor);
      if (optedOutAt === null) await q.deleteFrom('sms_opt_outs').where('number_hash', '=', numberHash).execute();
      else
        await q
          .insertInto('sms_opt_outs')
          .values({ number_hash: numberHash, opted_out_at: optedOutAt })
          .onConflict((oc) => oc.column('number_hash').doNothing())
          .execute();
    },

    async markInbound(executor, { id, state, now }) {
      await queriesOf(executor).updateTable('sms_inbound').set({ state, handled_at: now, locked_until: null }).where('id', '=', id).execute();
    },

    async portedRouteOf(numberHash) {
      const row = await db.selectFrom('sms_ported_numbers').select('route').where('number_hash', '=', numberHash).executeTakeFirst();
      return row?.route;
    },

    async replacePorting(entries, now, also) {
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('sms_ported_numbers').execute();
        for (let i = 0; i < entries.length; i += 500) {
          const chunk = entries.slice(i, i + 500);
          await trx
            .insertInto('sms_ported_numbers')
            .values(chunk.map((entry) => ({ number_hash: entry.numberHash, route: entry.route, updated_at: now })))
            .onConflict((oc) => oc.column('number_hash').doUpdateSet((eb) => ({ route: eb.ref('excluded.route') })))
            .execute();
        }
        await also?.(transactionOf(trx));
        return entries.length;
      });
    },
  };
}
