import type { FieldProblem } from '../http/errors.ts';
import type { Translate } from '../i18n/index.ts';
import type { FormState } from '../web/components.tsx';
import type { Account } from './account-admin.service.ts';
import type { ApiTokenInfo } from './api-token.service.ts';
import type { FieldIssue } from './auth.shared.ts';

/** An account as the user list shows it. */
export interface AccountView {
  id: string;
  /** Only for viewers who may see e-mail addresses (administrators). */
  email: string | null;
  displayName: string;
  roleKey: string;
  operatorId: string | null;
  organisation: string | null;
  isActive: boolean;
  hasMfa: boolean;
  lastLoginAt: string | null;
}

/** An API token as the token list shows it. */
export interface TokenView {
  id: string;
  name: string;
  /** The visible start of the token, to tell tokens apart. */
  hint: string;
  operatorId: string | null;
  permissions: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  status: 'active' | 'revoked' | 'expired';
}

/** Shapes an account for a list; the e-mail address only when `isEmailShown`. */
export function presentAccount(account: Account, isEmailShown: boolean): AccountView {
  return {
    id: account.id,
    email: isEmailShown ? account.email : null,
    displayName: account.displayName,
    roleKey: `role.${account.role}`,
    operatorId: account.operatorId,
    organisation: account.organisation,
    isActive: account.isActive,
    hasMfa: account.hasMfa,
    lastLoginAt: account.lastLoginAt,
  };
}

/** Shapes a token for a list, with its status at `now`. */
export function presentToken(token: ApiTokenInfo, now: Date): TokenView {
  const isExpired = token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime();
  return {
    id: token.id,
    name: token.name,
    hint: `kinga_${token.prefix}_…`,
    operatorId: token.operatorId,
    permissions: token.permissions,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    status: token.revokedAt !== null ? 'revoked' : isExpired ? 'expired' : 'active',
  };
}

/** Translates a service's field issues into the problems a form shows. */
export function presentIssues(issues: readonly FieldIssue[], t: Translate): FieldProblem[] {
  return issues.map((issue) => ({ field: issue.field, message: t(issue.messageKey, issue.values) }));
}

/** A form to re-render: the submitted values minus secrets, with translated problems. */
export function presentForm(values: Record<string, string | undefined>, keptFields: readonly string[], problems: FieldProblem[]): FormState {
  const kept: Record<string, string> = {};
  for (const name of keptFields) {
    const value = values[name];
    if (value !== undefined) kept[name] = value;
  }
  return { values: kept, problems };
}
