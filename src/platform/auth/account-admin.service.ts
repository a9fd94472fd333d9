import type { Actor } from '../audit/index.ts';
import { Conflict, Forbidden, NotFound, platformMessage } from '../http/errors.ts';
import type { UserRow } from './auth.repository.ts';
import { canManageUsers, type Caller } from './auth.policy.ts';
import { actorFor, isRole, iso, OPERATOR_ID_PATTERN, type AuthServiceDeps, type AuthShared, type FieldIssue, type Outcome } from './auth.shared.ts';
import { isEmailShaped, normaliseEmail } from './credential.ts';
import { generatePassword, MIN_PASSWORD_LENGTH, passwordProblem } from './password.ts';
import type { Role } from './principal.ts';

/** A staff account with its personal values decrypted; presenters decide what to show. */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  /** One of {@link ROLES}; kept as stored so an unknown value is shown rather than guessed. */
  role: string;
  operatorId: string | null;
  organisation: string | null;
  isActive: boolean;
  hasMfa: boolean;
  isPasswordTemporary: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** The fields of a new account. */
export interface NewAccountInput {
  email: string;
  displayName: string;
  role: string;
  operatorId: string;
  organisation: string;
}

/** A demo account with a known password and TOTP secret. */
export interface DemoAccountInput {
  email: string;
  displayName: string;
  role: Role;
  operatorId: string | null;
  organisation: string | null;
  password: string;
  totpSecret: string;
}

const MAX_NAME_LENGTH = 200;

/** Account administration, for administrators and the server's own commands: list, create, disable, reset the second factor, seed demo accounts. */
export function createAccountAdminService(deps: AuthServiceDeps, shared: AuthShared) {
  const { repository, audit, clock, keyring, passwords, logger } = deps;
  const { emailHashOf } = shared;

  function toAccount(row: UserRow): Account {
    return {
      id: row.id,
      email: keyring.decrypt(row.email_enc, 'users.email'),
      displayName: keyring.decrypt(row.display_name_enc, 'users.display_name'),
      role: row.role,
      operatorId: row.operator_id,
      organisation: row.organisation,
      isActive: Boolean(row.is_active),
      hasMfa: row.totp_confirmed_at !== null,
      isPasswordTemporary: Boolean(row.is_password_temporary),
      createdAt: row.created_at,
      lastLoginAt: row.last_login_at,
    };
  }

  function checkNewAccount(input: NewAccountInput): { issues: FieldIssue[]; role: Role | null } {
    const issues: FieldIssue[] = [];
    const email = input.email.trim();
    if (email === '') issues.push({ field: 'email', messageKey: 'staff.users.emailMissing' });
    else if (!isEmailShaped(email)) issues.push({ field: 'email', messageKey: 'staff.users.emailInvalid' });
    const name = input.displayName.trim();
    if (name === '') issues.push({ field: 'displayName', messageKey: 'staff.users.nameMissing' });
    else if (name.length > MAX_NAME_LENGTH) issues.push({ field: 'displayName', messageKey: 'staff.users.nameTooLong', values: { max: MAX_NAME_LENGTH } });
    const role = isRole(input.role) ? input.role : null;
    if (!role) issues.push({ field: 'role', messageKey: 'staff.users.roleMissing' });
    const operatorId = input.operatorId.trim();
    if (role === 'operator_agent' && operatorId === '') issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorMissing' });
    else if (operatorId !== '' && role !== 'operator_agent') issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorOnlyForAgents' });
    else if (operatorId !== '' && !OPERATOR_ID_PATTERN.test(operatorId)) issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorInvalid' });
    const organisation = input.organisation.trim();
    if (role === 'association_rep' && organisation === '') issues.push({ field: 'organisation', messageKey: 'staff.users.organisationMissing' });
    else if (organisation.length > MAX_NAME_LENGTH)
      issues.push({ field: 'organisation', messageKey: 'staff.users.nameTooLong', values: { max: MAX_NAME_LENGTH } });
    return { issues, role };
  }

  /** Inserts a checked account and its audit entry in one transaction; false when the e-mail is taken. */
  async function insertAccount(
    actor: Actor,
    account: { email: string; displayName: string; role: Role; operatorId: string | null; organisation: string | null },
    secrets: { passwordHash: string; isPasswordTemporary: boolean; totpSecret: string | null },
    extraDetails: Record<string, string | number | boolean | null> = {},
  ): Promise<UserRow | null> {
    const emailHash = emailHashOf(account.email);
    const now = iso(clock.now());
    const row: UserRow = {
      id: deps.ids(),
      email_hash: emailHash,
      email_enc: keyring.encrypt(normaliseEmail(account.email), 'users.email'),
      display_name_enc: keyring.encrypt(account.displayName.trim(), 'users.display_name'),
      role: account.role,
      operator_id: account.operatorId,
      organisation: account.organisation,
      password_hash: secrets.passwordHash,
      totp_secret_enc: secrets.totpSecret ? keyring.encrypt(secrets.totpSecret, 'users.totp_secret') : null,
      totp_confirmed_at: secrets.totpSecret ? now : null,
      totp_last_step: null,
      is_active: true,
      created_at: now,
      updated_at: now,
      last_login_at: null,
      is_password_temporary: secrets.isPasswordTemporary,
    };
    return repository.inTransaction(async (tx, trx) => {
      if (await tx.findUserByEmailHash(emailHash)) return null;
      await tx.insertUser(row);
      await audit.record(trx, {
        actor,
        action: 'user.created',
        entityType: 'user',
        entityId: row.id,
        details: { role: row.role, operatorId: row.operator_id, ...extraDetails },
      });
      logger.info({ userId: row.id, role: row.role }, 'account created');
      return row;
    });
  }

  return {
    /** Every account, for administrators. */
    async listAccounts(caller: Caller): Promise<Account[]> {
      if (!canManageUsers(caller)) throw new Forbidden('USER_MANAGEMENT_FORBIDDEN');
      return (await repository.listUsers()).map(toAccount);
    },

    /** The account of an id, for administrators. */
    async findAccount(caller: Caller, userId: string): Promise<Account | null> {
      if (!canManageUsers(caller)) throw new Forbidden('USER_MANAGEMENT_FORBIDDEN');
      const row = await repository.findUserById(userId);
      return row ? toAccount(row) : null;
    },

    /** Creates an account with a temporary password, shown once, that must be replaced at first sign-in. */
    async createAccount(caller: Caller, input: NewAccountInput): Promise<Outcome<{ account: Account; temporaryPassword: string }>> {
      if (!canManageUsers(caller)) throw new Forbidden('USER_MANAGEMENT_FORBIDDEN');
      const { issues, role } = checkNewAccount(input);
      // An operator agent answers one operator's complaints: that operator must be in the register.
      const operatorId = input.operatorId.trim();
      if (role === 'operator_agent' && !issues.some((i) => i.field === 'operatorId') && !(await repository.isKnownOperator(operatorId)))
        issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorUnknown' });
      if (issues.length > 0 || !role) return { ok: false, issues };
      const temporaryPassword = generatePassword();
      const row = await insertAccount(
        actorFor(caller),
        {
          email: input.email,
          displayName: input.displayName,
          role,
          operatorId: input.operatorId.trim() || null,
          organisation: input.organisation.trim() || null,
        },
        { passwordHash: await passwords.hash(temporaryPassword), isPasswordTemporary: true, totpSecret: null },
      );
      if (!row) return { ok: false, issues: [{ field: 'email', messageKey: 'staff.users.emailTaken' }] };
      return { ok: true, value: { account: toAccount(row), temporaryPassword } };
    },

    /**
     * Creates an administrator from the server's command line. Without a password one is
     * generated, printed once, and must be replaced at first sign-in.
     */
    async createAdministrator(input: {
      email: string;
      displayName: string;
      password?: string | undefined;
    }): Promise<Outcome<{ account: Account; password: string; isGenerated: boolean }>> {
      const { issues } = checkNewAccount({ email: input.email, displayName: input.displayName, role: 'admin', operatorId: '', organisation: '' });
      if (input.password !== undefined) {
        const problem = passwordProblem(input.password, input.email);
        if (problem) issues.push({ field: 'password', messageKey: problem, values: { min: MIN_PASSWORD_LENGTH } });
      }
      if (issues.length > 0) return { ok: false, issues };
      const password = input.password ?? generatePassword();
      const row = await insertAccount(
        { type: 'system', id: null },
        { email: input.email, displayName: input.displayName, role: 'admin', operatorId: null, organisation: null },
        { passwordHash: await passwords.hash(password), isPasswordTemporary: input.password === undefined, totpSecret: null },
        { via: 'cli' },
      );
      if (!row) return { ok: false, issues: [{ field: 'email', messageKey: 'staff.users.emailTaken' }] };
      return { ok: true, value: { account: toAccount(row), password, isGenerated: input.password === undefined } };
    },

    /** Creates a demo account unless its e-mail address exists; returns whether it was created. */
    async seedDemoAccount(input: DemoAccountInput): Promise<boolean> {
      if (await repository.findUserByEmailHash(emailHashOf(input.email))) return false;
      const row = await insertAccount(
        { type: 'system', id: null },
        input,
        { passwordHash: await passwords.hash(input.password), isPasswordTemporary: false, totpSecret: input.totpSecret },
        { isDemo: true },
      );
      return row !== null;
    },

    /** Disables an account and ends its sessions; its API tokens stay, since they belong to the operator. */
    async disableAccount(caller: Caller, userId: string): Promise<void> {
      if (!canManageUsers(caller)) throw new Forbidden('USER_MANAGEMENT_FORBIDDEN');
      if (caller.kind === 'user' && caller.userId === userId) throw new Conflict('USER_DISABLE_SELF', platformMessage('error.userDisableSelf.detail'));
      await repository.inTransaction(async (tx, trx) => {
        if (!(await tx.findUserById(userId))) throw new NotFound('USER_NOT_FOUND', platformMessage('error.userNotFound.detail'));
        if (!(await tx.deactivateUser(userId, iso(clock.now())))) return;
        await tx.deleteSessionsOfUser(userId);
        await audit.record(trx, { actor: actorFor(caller), action: 'user.disabled', entityType: 'user', entityId: userId });
      });
      logger.info({ userId }, 'account disabled');
    },

    /** Forgets an account's authenticator, so its next sign-in enrols a new one, and ends its sessions. */
    async resetMfa(caller: Caller, userId: string): Promise<void> {
      if (!canManageUsers(caller)) throw new Forbidden('USER_MANAGEMENT_FORBIDDEN');
      await repository.inTransaction(async (tx, trx) => {
        if (!(await tx.findUserById(userId))) throw new NotFound('USER_NOT_FOUND', platformMessage('error.userNotFound.detail'));
        await tx.setTotpSecret(userId, null, iso(clock.now()));
        await tx.deleteSessionsOfUser(userId);
        await audit.record(trx, { actor: actorFor(caller), action: 'user.mfa_reset', entityType: 'user', entityId: userId });
      });
      logger.info({ userId }, 'second factor reset');
    },
  };
}
