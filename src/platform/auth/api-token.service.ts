import { Forbidden, NotFound, platformMessage } from '../http/errors.ts';
import type { ApiTokenRow } from './auth.repository.ts';
import { canAccessToken, canManageTokens, tokenListScope, tokenScopeFor, type Caller } from './auth.policy.ts';
import { actorFor, iso, OPERATOR_ID_PATTERN, TOUCH_INTERVAL_MS, type AuthServiceDeps, type AuthShared, type FieldIssue, type Outcome } from './auth.shared.ts';
import { isApiTokenShaped, newApiToken, sha256 } from './credential.ts';
import { grantablePermissions, isPermission } from './permissions.ts';
import type { Principal } from './principal.ts';

/** An API token as lists show it; the secret itself is never kept. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  operatorId: string | null;
  permissions: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The result of checking a bearer token. */
export type TokenCheckResult =
  { kind: 'valid'; principal: Extract<Principal, { kind: 'token' }> } | { kind: 'refused' } | { kind: 'locked'; retryAfterSeconds: number };

/** The fields of a new API token. */
export interface NewTokenInput {
  name: string;
  operatorId: string;
  permissions: readonly string[];
  /** Days until it stops working; empty for a token that lasts until revoked. */
  expiresInDays: string;
  /** The account recorded as its creator, when the server's own command creates it. */
  createdBy?: string;
}

/** API tokens: checking a bearer token on each machine request, and issuing, listing and revoking tokens for administrators and operator agents. */
export function createApiTokenService(deps: AuthServiceDeps, shared: AuthShared) {
  const { repository, audit, clock, logger } = deps;
  const { tokenAddressThrottle, lockedFor, countFailure } = shared;

  function toTokenInfo(row: ApiTokenRow): ApiTokenInfo {
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      operatorId: row.operator_id,
      permissions: parsePermissions(row.permissions),
      createdBy: row.created_by,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
    };
  }

  return {
    /** Checks a bearer token; unknown, revoked and expired tokens are refused alike and counted per address. */
    async authenticateToken(token: string, ip: string): Promise<TokenCheckResult> {
      const ipKey = tokenAddressThrottle(ip);
      const waitSeconds = await lockedFor([ipKey]);
      if (waitSeconds > 0) return { kind: 'locked', retryAfterSeconds: waitSeconds };
      const row = isApiTokenShaped(token) ? await repository.findApiTokenByHash(sha256(token)) : undefined;
      const now = clock.now();
      if (!row || row.revoked_at !== null || (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime())) {
        logger.warn({ tokenId: row?.id ?? null }, 'API token refused');
        const lockSeconds = await countFailure([ipKey]);
        return lockSeconds > 0 ? { kind: 'locked', retryAfterSeconds: lockSeconds } : { kind: 'refused' };
      }
      if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_INTERVAL_MS) await repository.touchApiToken(row.id, iso(now));
      return { kind: 'valid', principal: { kind: 'token', tokenId: row.id, operatorId: row.operator_id, permissions: parsePermissions(row.permissions) } };
    },

    /** The tokens the caller may see: all for administrators, their operator's for an operator agent. */
    async listTokens(caller: Caller): Promise<ApiTokenInfo[]> {
      if (!canManageTokens(caller)) throw new Forbidden('TOKEN_MANAGEMENT_FORBIDDEN');
      return (await repository.listApiTokens(tokenListScope(caller))).map(toTokenInfo);
    },

    /** Issues an API token; its plaintext is returned once and only its hash is kept. */
    async createToken(caller: Caller, input: NewTokenInput): Promise<Outcome<{ token: ApiTokenInfo; plaintext: string }>> {
      if (!canManageTokens(caller)) throw new Forbidden('TOKEN_MANAGEMENT_FORBIDDEN');
      const issues: FieldIssue[] = [];
      const name = input.name.trim();
      if (name === '') issues.push({ field: 'name', messageKey: 'staff.tokens.nameMissing' });
      else if (name.length > 100) issues.push({ field: 'name', messageKey: 'staff.users.nameTooLong', values: { max: 100 } });
      const requestedOperator = input.operatorId.trim() || null;
      const createdBy = caller.kind === 'user' ? caller.userId : (input.createdBy ?? '');
      const creator = caller.kind === 'user' ? undefined : await repository.findUserById(createdBy);
      if (caller.kind !== 'user' && !creator) issues.push({ field: 'createdBy', messageKey: 'staff.tokens.creatorUnknown' });
      // A token issued on the server on behalf of an operator agent is bound as the agent's own would be.
      const agentOperator = creator?.role === 'operator_agent' ? creator.operator_id : undefined;
      const scope =
        agentOperator === undefined
          ? tokenScopeFor(caller, requestedOperator)
          : requestedOperator === null || requestedOperator === agentOperator
            ? agentOperator
            : false;
      if (requestedOperator !== null && !OPERATOR_ID_PATTERN.test(requestedOperator))
        issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorInvalid' });
      else if (scope === false) issues.push({ field: 'operatorId', messageKey: 'staff.tokens.operatorNotYours' });
      // A token reads and writes one operator's data: that operator must be in the register, whether
      // it was typed or is the issuing agent's own, as an operator agent's account must.
      else if (scope !== null && !(await repository.isKnownOperator(scope))) issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorUnknown' });
      const permissions = [...new Set(input.permissions)];
      const grantable: readonly string[] = grantablePermissions(caller.kind === 'user' ? caller.role : (creator?.role ?? 'admin'));
      const notGrantable = permissions.find((p) => isPermission(p) && !grantable.includes(p));
      if (permissions.length === 0) issues.push({ field: 'permissions', messageKey: 'staff.tokens.permissionsMissing' });
      else if (!permissions.every(isPermission)) issues.push({ field: 'permissions', messageKey: 'staff.tokens.permissionUnknown' });
      else if (notGrantable !== undefined)
        issues.push({ field: 'permissions', messageKey: 'staff.tokens.permissionNotYours', values: { permission: notGrantable } });
      const days = input.expiresInDays.trim();
      if (days !== '' && !(/^\d{1,4}$/.test(days) && Number(days) >= 1 && Number(days) <= 3650)) {
        issues.push({ field: 'expiresInDays', messageKey: 'staff.tokens.expiryInvalid', values: { max: 3650 } });
      }
      if (issues.length > 0 || scope === false) return { ok: false, issues };

      const now = clock.now();
      const { token, prefix } = newApiToken();
      const row: ApiTokenRow = {
        id: deps.ids(),
        token_hash: sha256(token),
        prefix,
        name,
        created_by: createdBy,
        operator_id: scope,
        permissions: JSON.stringify(permissions.sort()),
        created_at: iso(now),
        expires_at: days === '' ? null : iso(new Date(now.getTime() + Number(days) * 86_400_000)),
        last_used_at: null,
        revoked_at: null,
      };
      await repository.inTransaction(async (tx, trx) => {
        await tx.insertApiToken(row);
        await audit.record(trx, {
          actor: actorFor(caller),
          action: 'api_token.created',
          entityType: 'api_token',
          entityId: row.id,
          details: { operatorId: row.operator_id, permissions: permissions.join(' '), expiresAt: row.expires_at, createdById: createdBy },
        });
      });
      logger.info({ tokenId: row.id, operatorId: row.operator_id }, 'API token created');
      return { ok: true, value: { token: toTokenInfo(row), plaintext: token } };
    },

    /** Revokes a token at once; a token the caller may not see is reported as not found. */
    async revokeToken(caller: Caller, tokenId: string): Promise<void> {
      if (!canManageTokens(caller)) throw new Forbidden('TOKEN_MANAGEMENT_FORBIDDEN');
      const row = await repository.findApiTokenById(tokenId);
      if (!row || !canAccessToken(caller, row.operator_id)) throw new NotFound('TOKEN_NOT_FOUND', platformMessage('error.tokenNotFound.detail'));
      await repository.inTransaction(async (tx, trx) => {
        if (!(await tx.revokeApiToken(row.id, iso(clock.now())))) return;
        await audit.record(trx, {
          actor: actorFor(caller),
          action: 'api_token.revoked',
          entityType: 'api_token',
          entityId: row.id,
          details: { operatorId: row.operator_id },
        });
      });
      logger.info({ tokenId: row.id }, 'API token revoked');
    },
  };
}

function parsePermissions(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}
