import { sql } from 'kysely';
import { queriesOf, withTransaction, type Executor } from '../db/index.ts';
import type { Database } from '../db/database.ts';
import type { Kysely } from 'kysely';
import { RETENTION_BATCH } from './retention-batches.ts';

/** The sealed empty values an anonymised staff account keeps in place of its address and name. */
export interface ErasedAccountValues {
  emailEnc: string;
  displayNameEnc: string;
}

/** A staff account as an access archive gives it back, still sealed. */
export interface StaffAccountRow {
  id: string;
  email_enc: string;
  display_name_enc: string;
  role: string;
  operator_id: string | null;
  organisation: string | null;
  is_active: boolean | number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  email_hash: string;
}

/** Every SQL statement of the platform's own kinds of record (sessions, jobs, counters, accounts, API tokens). */
export interface PlatformKindsRepository {
  /** Sessions that expired before `now` or were last seen before `before`. */
  countDueSessions(before: string, now: string, held: readonly string[]): Promise<number>;
  /** Deletes one batch of such sessions in one transaction; returns how many. */
  deleteDueSessions(before: string, now: string, held: readonly string[]): Promise<number>;
  /** Done or failed jobs that finished before `before`. */
  countDueJobs(before: string, held: readonly string[]): Promise<number>;
  deleteDueJobs(before: string, held: readonly string[]): Promise<number>;
  /** Send counters whose window started before `before` (the caller never passes a running window). */
  countDueSendCounters(before: string, held: readonly string[]): Promise<number>;
  deleteDueSendCounters(before: string, held: readonly string[]): Promise<number>;
  /** Sign-in failure counters whose window started before `before` and hold no lock after `now`. */
  countDueThrottles(before: string, now: string, held: readonly string[]): Promise<number>;
  deleteDueThrottles(before: string, now: string, held: readonly string[]): Promise<number>;
  /** API tokens revoked, or expired, before `before`. */
  countDueApiTokens(before: string, held: readonly string[]): Promise<number>;
  deleteDueApiTokens(before: string, held: readonly string[]): Promise<number>;
  /** Disabled, not yet anonymised accounts last changed before `before`. */
  countDueAccounts(before: string, held: readonly string[]): Promise<number>;
  /** Anonymises one batch of such accounts in one transaction; returns how many. */
  anonymiseDueAccounts(before: string, held: readonly string[], values: ErasedAccountValues, now: string): Promise<number>;
  /** Accounts whose e-mail hash is one of `emailHashes`, oldest first. */
  findAccounts(emailHashes: readonly string[]): Promise<StaffAccountRow[]>;
  /** Anonymises accounts by id and deletes their sessions, in one transaction; returns how many changed. */
  anonymiseAccounts(ids: readonly string[], values: ErasedAccountValues, now: string): Promise<number>;
}

// Keys of an anonymised account: a value no e-mail address hashes to, unique as the column must be.
const erasedHash = sql<string>`'erased:' || id`;

async function countOf(query: { executeTakeFirst(): Promise<{ n: string | number | bigint } | undefined> }): Promise<number> {
  return Number((await query.executeTakeFirst())?.n ?? 0);
}

/** Creates the repository over a database or a transaction. */
export function createPlatformKindsRepository(executor: Executor): PlatformKindsRepository {
  const db = queriesOf(executor);

  const dueSessions = (q: Kysely<Database>, before: string, now: string, held: readonly string[]) => {
    let query = q.selectFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', before)]));
    if (held.length > 0) query = query.where('id', 'not in', held);
    return query;
  };
  const dueJobs = (q: Kysely<Database>, before: string, held: readonly string[]) => {
    let query = q.selectFrom('jobs').where('status', 'in', ['done', 'failed']).where('finished_at', '<', before);
    if (held.length > 0) query = query.where('id', 'not in', held);
    return query;
  };
  const dueCounters = (q: Kysely<Database>, before: string, held: readonly string[]) => {
    let query = q.selectFrom('send_counters').where('window_started_at', '<', before);
    if (held.length > 0) query = query.where('key_hash', 'not in', held);
    return query;
  };
  const dueThrottles = (q: Kysely<Database>, before: string, now: string, held: readonly string[]) => {
    let query = q
      .selectFrom('login_throttle')
      .where('window_started_at', '<', before)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]));
    if (held.length > 0) query = query.where('key_hash', 'not in', held);
    return query;
  };
  const dueTokens = (q: Kysely<Database>, before: string, held: readonly string[]) => {
    let query = q
      .selectFrom('api_tokens')
      .where((eb) => eb.or([eb('revoked_at', '<', before), eb.and([eb('revoked_at', 'is', null), eb('expires_at', '<', before)])]));
    if (held.length > 0) query = query.where('id', 'not in', held);
    return query;
  };
  const dueAccounts = (q: Kysely<Database>, before: string, held: readonly string[]) => {
    let query = q.selectFrom('users').where('is_active', '=', false).where('email_hash', 'not like', 'erased:%').where('updated_at', '<', before);
    if (held.length > 0) query = query.where('id', 'not in', held);
    return query;
  };
  const count = sql<number>`count(*)`.as('n');

  const anonymise = async (q: Kysely<Database>, ids: readonly string[], values: ErasedAccountValues, now: string): Promise<number> => {
    if (ids.length === 0) return 0;
    await q.deleteFrom('sessions').where('user_id', 'in', ids).execute();
    const result = await q
      .updateTable('users')
      .set({
        email_hash: erasedHash,
        email_enc: values.emailEnc,
        display_name_enc: values.displayNameEnc,
        // No password verifies against an empty hash, and no second factor is left to replay.
        password_hash: '',
        totp_secret_enc: null,
        totp_confirmed_at: null,
        totp_last_step: null,
        is_active: false,
        updated_at: now,
      })
      .where('id', 'in', ids)
      .where('email_hash', 'not like', 'erased:%')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  };

  return {
    countDueSessions: (before, now, held) => countOf(dueSessions(db, before, now, held).select(count)),
    deleteDueSessions: (before, now, held) =>
      withTransaction(db, async (tx) => {
        const ids = (await dueSessions(tx, before, now, held).select('id').orderBy('id').limit(RETENTION_BATCH).execute()).map((r) => r.id);
        if (ids.length === 0) return 0;
        return Number((await tx.deleteFrom('sessions').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
      }),
    countDueJobs: (before, held) => countOf(dueJobs(db, before, held).select(count)),
    deleteDueJobs: (before, held) =>
      withTransaction(db, async (tx) => {
        const ids = (await dueJobs(tx, before, held).select('id').orderBy('id').limit(RETENTION_BATCH).execute()).map((r) => r.id);
        if (ids.length === 0) return 0;
        return Number((await tx.deleteFrom('jobs').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
      }),
    countDueSendCounters: (before, held) => countOf(dueCounters(db, before, held).select(count)),
    deleteDueSendCounters: (before, held) =>
      withTransaction(db, async (tx) => {
        const keys = (await dueCounters(tx, before, held).select('key_hash').orderBy('key_hash').limit(RETENTION_BATCH).execute()).map((r) => r.key_hash);
        if (keys.length === 0) return 0;
        return Number((await tx.deleteFrom('send_counters').where('key_hash', 'in', keys).executeTakeFirst()).numDeletedRows);
      }),
    countDueThrottles: (before, now, held) => countOf(dueThrottles(db, before, now, held).select(count)),
    deleteDueThrottles: (before, now, held) =>
      withTransaction(db, async (tx) => {
        const keys = (await dueThrottles(tx, before, now, held).select('key_hash').orderBy('key_hash').limit(RETENTION_BATCH).execute()).map((r) => r.key_hash);
        if (keys.length === 0) return 0;
        return Number((await tx.deleteFrom('login_throttle').where('key_hash', 'in', keys).executeTakeFirst()).numDeletedRows);
      }),
    countDueApiTokens: (before, held) => countOf(dueTokens(db, before, held).select(count)),
    deleteDueApiTokens: (before, held) =>
      withTransaction(db, async (tx) => {
        const ids = (await dueTokens(tx, before, held).select('id').orderBy('id').limit(RETENTION_BATCH).execute()).map((r) => r.id);
        if (ids.length === 0) return 0;
        return Number((await tx.deleteFrom('api_tokens').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
      }),
    countDueAccounts: (before, held) => countOf(dueAccounts(db, before, held).select(count)),
    anonymiseDueAccounts: (before, held, values, now) =>
      withTransaction(db, async (tx) => {
        const ids = (await dueAccounts(tx, before, held).select('id').orderBy('id').limit(RETENTION_BATCH).execute()).map((r) => r.id);
        return anonymise(tx, ids, values, now);
      }),
    async findAccounts(emailHashes) {
      if (emailHashes.length === 0) return [];
      return db
        .selectFrom('users')
        .select([
          'id',
          'email_enc',
          'display_name_enc',
          'role',
          'operator_id',
          'organisation',
          'is_active',
          'created_at',
          'updated_at',
          'last_login_at',
          'email_hash',
        ])
        .where('email_hash', 'in', emailHashes)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
    anonymiseAccounts: (ids, values, now) => withTransaction(db, (tx) => anonymise(tx, ids, values, now)),
  };
}
