import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canAccessToken, canManageTokens, canManageUsers, canSeeEmails, staffLinksFor, tokenListScope, tokenScopeFor, type Caller } from './auth.policy.ts';
import type { Role } from './principal.ts';

function user(role: Role, operatorId: string | null = null, isMfaVerified = true): Caller {
  return { kind: 'user', userId: 'u1', sessionId: 's1', role, operatorId, displayName: 'X', isMfaVerified };
}
const system: Caller = { kind: 'system' };
const token: Caller = { kind: 'token', tokenId: 't1', operatorId: 'OP-1', permissions: ['offers:write'] };

test('only administrators and the server command manage accounts and see e-mail addresses', () => {
  assert.equal(canManageUsers(user('admin')), true);
  assert.equal(canManageUsers(system), true);
  for (const role of ['officer', 'operator_agent', 'association_rep'] as const) assert.equal(canManageUsers(user(role, 'OP-1')), false, role);
  assert.equal(canManageUsers(token), false);
  assert.equal(canSeeEmails(user('officer')), false);
});

test('nothing is allowed before the second factor', () => {
  assert.equal(canManageUsers(user('admin', null, false)), false);
  assert.equal(canManageTokens(user('admin', null, false)), false);
});

test('administrators scope tokens freely; an operator agent only to their own operator', () => {
  assert.equal(tokenScopeFor(user('admin'), 'OP-9'), 'OP-9');
  assert.equal(tokenScopeFor(user('admin'), null), null);
  assert.equal(tokenScopeFor(user('operator_agent', 'OP-1'), null), 'OP-1');
  assert.equal(tokenScopeFor(user('operator_agent', 'OP-1'), 'OP-1'), 'OP-1');
  assert.equal(tokenScopeFor(user('operator_agent', 'OP-1'), 'OP-2'), false);
  assert.equal(tokenScopeFor(user('operator_agent', null), null), false, 'an agent without an operator issues nothing');
  assert.equal(tokenScopeFor(user('officer'), null), false);
  assert.equal(tokenScopeFor(token, 'OP-1'), false, 'a token cannot issue tokens');
});

test('an operator agent sees and revokes only their operator’s tokens', () => {
  assert.equal(canAccessToken(user('operator_agent', 'OP-1'), 'OP-1'), true);
  assert.equal(canAccessToken(user('operator_agent', 'OP-1'), 'OP-2'), false);
  assert.equal(canAccessToken(user('operator_agent', 'OP-1'), null), false);
  assert.equal(canAccessToken(user('admin'), null), true);
  assert.equal(tokenListScope(user('operator_agent', 'OP-1')), 'OP-1');
  assert.equal(tokenListScope(user('admin')), undefined);
});

test('the dashboard links follow the role', () => {
  const hrefs = (role: Role, operatorId: string | null = null) => staffLinksFor(role, user(role, operatorId)).map((l) => l.href);
  assert.deepEqual(hrefs('admin'), ['/staff/users', '/staff/tokens', '/staff/password']);
  assert.deepEqual(hrefs('operator_agent', 'OP-1'), ['/staff/tokens', '/staff/password']);
  assert.deepEqual(hrefs('officer'), ['/staff/password']);
  assert.deepEqual(hrefs('association_rep'), ['/staff/password']);
});
