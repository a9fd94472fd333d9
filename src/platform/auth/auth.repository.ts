import { sql, type Insertable, type Selectable } from 'kysely';
import { withTransaction, queriesOf, type Executor, transactionOf, type Transaction } from '../db/index.ts';
import type { ApiTokensTable, LoginThrottleTable, SessionsTable, UsersTable } from '../db/platform.tables.ts';
import { createOperatorDirectory } from '../operators/index.ts';

/** A row of `users` as stored (personal values encrypted). */
export type UserRow = Selectable<UsersTable>;
/** A row of `sessions`. */
export type SessionRow = Selectable<SessionsTable>;
/** A row of `api_tokens`. */
export type ApiTokenRow = Selectable<ApiTokensTable>;
/** A row of `login_throttle`. */
export type ThrottleRow = Selectable<LoginThrottleTable>;

/** A session with the account it belongs to, as the authentication hook reads it. */
export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
}

/** Every SQL statement of accounts, sessions, API tokens and sign-in throttling. */
export interface AuthRepository {
  /** Runs `work` in one transaction; `trx` is for the audit log, which must commit with the change. */
  inTransaction<T>(work: (repository: AuthRepository, tx: Transaction) => Promise<T>): Promise<T>;

  findUserById(id: string): Promise<UserRow | undefined>;
  /** True when the operator register (the `operators` table every module names operators from) holds this licence id. */
  isKnownOperator(licenceId: string): Promise<boolean>;
  findUserByEmailHash(emailHash: string): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  insertUser(row: Insertable<UsersTable>): Promise<void>;
  /** Returns false when the account did not exist or was already disabled. */
  deactivateUser(id: string, now: string): Promise<boolean>;
  setPassword(id: string, passwordHash: string, isTemporary: boolean, now: string): Promise<void>;
  /** Stores a new, unconfirmed TOTP secret and forgets the last used step. */
  setTotpSecret(id: string, secretEnc: string | null, now: string): Promise<void>;
  confirmTotp(id: string, step: number, now: string): Promise<void>;
  /** Records a used step; false when that step or a later one was already used (a replay or a race). */
  claimTotpStep(id: string, step: number): Promise<boolean>;
  markSignedIn(id: string, now: string): Promise<void>;

  insertSession(row: Insertable<SessionsTable>): Promise<void>;
  findSessionByTokenHash(tokenHash: string): Promise<SessionWithUser | undefined>;
  touchSession(id: string, now: string): Promise<void>;
  /** Marks the second factor done and replaces the token, so a token seen before sign-in is worthless after. */
  verifySession(id: string, tokenHash: string, now: string, expiresAt: string): Promise<void>;
  deleteSession(id: string): Promise<void>;
  deleteSessionsOfUser(userId: string): Promise<void>;
  deleteOtherSessions(userId: string, keepSessionId: string): Promise<void>;
  deleteSessionsBefore(expiresAt: string, idleSince: string): Promise<number>;

  insertApiToken(row: Insertable<ApiTokensTable>): Promise<void>;
  findApiTokenByHash(tokenHash: string): Promise<ApiTokenRow | undefined>;
  findApiTokenById(id: string): Promise<ApiTokenRow | undefined>;
  /** Every token, or those of one operator, newest first. */
  listApiTokens(operatorId?: string): Promise<ApiTokenRow[]>;
  /** Returns false when the token was already revoked. */
  revokeApiToken(id: string, now: string): Promise<boolean>;
  touchApiToken(id: string, now: string): Promise<void>;

  findThrottles(keyHashes: readonly string[]): Promise<ThrottleRow[]>;
  /**
   * Counts one failure for a key in the current window (a window older than `windowStart`
   * starts again at one) and locks the key until `lockUntil` once `maxFailures` is reached.
   */
  recordFailure(keyHash: string, now: string, windowStart: string, maxFailures: number, lockUntil: string): Promise<ThrottleRow>;
  clearThrottle(keyHash: string): Promise<void>;
  /** Deletes counters whose window started before `windowStart` and that hold no lock after `now`; returns how many. */
  deleteStaleThrottles(windowStart: string, now: string): Promise<number>;
}

/** Creates the repository over a Kysely instance or transaction. */
export function createAuthRepository(executor: Executor): AuthRepository {
  const db = queriesOf(executor);
  const repository: AuthRepository = {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(tx === db ? repository : createAuthRepository(tx), transactionOf(tx)));
    },

    findUserById: (id) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    // The platform's operator directory is the one place that reads the operators table.
    isKnownOperator: (licenceId) => createOperatorDirectory(db).exists(licenceId),
    findUserByEmailHash: (emailHash) => db.selectFrom('users').selectAll().where('email_hash', '=', emailHash).executeTakeFirst(),
    listUsers: () => db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute(),
    async insertUser(row) {
      await db.insertInto('users').values(row).execute();
    },
    async deactivateUser(id, now) {
      const result = await db
        .updateTable('users')
        .set({ is_active: false, updated_at: now })
        .where('id', '=', id)
        .where('is_active', '=', true)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async setPassword(id, passwordHash, isTemporary, now) {
      await db.updateTable('users').set({ password_hash: passwordHash, is_password_temporary: isTemporary, updated_at: now }).where('id', '=', id).execute();
    },
    async setTotpSecret(id, secretEnc, now) {
      await db
        .updateTable('users')
        .set({ totp_secret_enc: secretEnc, totp_confirmed_at: null, totp_last_step: null, updated_at: now })
        .where('id', '=', id)
        .execute();
    },
    async confirmTotp(id, step, now) {
      await db.updateTable('users').set({ totp_confirmed_at: now, totp_last_step: step, updated_at: now }).where('id', '=', id).execute();
    },
    async claimTotpStep(id, step) {
      const result = await db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async markSignedIn(id, now) {
      await db.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute();
    },

    async insertSession(row) {
      await db.insertInto('sessions').values(row).execute();
    },
    async findSessionByTokenHash(tokenHash) {
      const session = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      if (!session) return undefined;
      const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
      return user ? { session, user } : undefined;
    },
    async touchSession(id, now) {
      await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
    },
    async verifySession(id, tokenHash, now, expiresAt) {
      await db
        .updateTable('sessions')
        .set({ is_mfa_verified: true, token_hash: tokenHash, last_seen_at: now, expires_at: expiresAt })
        .where('id', '=', id)
        .execute();
    },
    async deleteSession(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteSessionsOfUser(userId) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    async deleteOtherSessions(userId, keepSessionId) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
    },
    async deleteSessionsBefore(expiresAt, idleSince) {
      const result = await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', expiresAt), eb('last_seen_at', '<=', idleSince)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async insertApiToken(row) {
      await db.insertInto('api_tokens').values(row).execute();
    },
    findApiTokenByHash: (tokenHash) => db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    findApiTokenById: (id) => db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst(),
    listApiTokens: (operatorId) =>
      db
        .selectFrom('api_tokens')
        .selectAll()
        .$if(operatorId !== undefined, (q) => q.where('operator_id', '=', operatorId ?? ''))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute(),
    async revokeApiToken(id, now) {
      const result = await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async touchApiToken(id, now) {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },

    async findThrottles(keyHashes) {
      if (keyHashes.length === 0) return [];
      return db
        .selectFrom('login_throttle')
        .selectAll()
        .where('key_hash', 'in', [...keyHashes])
        .execute();
    },
    async recordFailure(keyHash, now, windowStart, maxFailures, lockUntil) {
      // One statement, so two failures arriving together both count on either database.
      const isOld = sql<boolean>`login_throttle.window_started_at <= ${windowStart}`;
      const row = await db
        .insertInto('login_throttle')
        .values({ key_hash: keyHash, failures: 1, window_started_at: now, locked_until: maxFailures <= 1 ? lockUntil : null })
        .onConflict((oc) =>
          oc.column('key_hash').doUpdateSet({
            failures: sql<number>`case when ${isOld} then 1 else login_throttle.failures + 1 end`,
            window_started_at: sql<string>`case when ${isOld} then ${now} else login_throttle.window_started_at end`,
            locked_until: sql<string | null>`case when ${isOld} then null else login_throttle.locked_until end`,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      if (row.failures < maxFailures || (row.locked_until !== null && row.locked_until >= lockUntil)) return row;
      await db.updateTable('login_throttle').set({ locked_until: lockUntil }).where('key_hash', '=', keyHash).execute();
      return { ...row, locked_until: lockUntil };
    },
    async clearThrottle(keyHash) {
      await db.deleteFrom('login_throttle').where('key_hash', '=', keyHash).execute();
    },
    async deleteStaleThrottles(windowStart, now) {
      const result = await db
        .deleteFrom('login_throttle')
        .where('window_started_at', '<=', windowStart)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
  return repository;
}
