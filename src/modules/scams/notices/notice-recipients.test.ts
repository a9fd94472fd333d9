import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noticeRecipients } from './notice-recipients.ts';

const routes = [
  { name: 'op-1', operator: 'OP-1', prefixes: ['25470', '25471'] },
  { name: 'op-2', operator: 'OP-2', prefixes: ['25473'] },
  { name: 'op-3', operator: 'OP-3', prefixes: ['25477'] },
  { name: 'nobody', prefixes: ['25479'] },
];
const register = ['OP-1', 'OP-2', 'OP-3'];

test('a number: its own operator originates, the reporters operators (ported ones by the porting table) terminate, each once', () => {
  assert.deepEqual(
    noticeRecipients({
      kind: 'number',
      originatingOperator: 'OP-1',
      reporterNumbers: ['+254700000001', '+254730000002', '+254710000003', '+254790000004', '+254730000005'],
      portedRoutes: new Map([['+254710000003', 'op-3']]),
      routes,
      register,
    }),
    [
      { operatorId: 'OP-1', role: 'originating' },
      { operatorId: 'OP-2', role: 'terminating' },
      { operatorId: 'OP-3', role: 'terminating' },
    ],
  );
});

test('the originating operator that also terminates gets one notice; an operator outside the register none', () => {
  assert.deepEqual(
    noticeRecipients({ kind: 'number', originatingOperator: 'OP-9', reporterNumbers: ['+254700000001'], portedRoutes: new Map(), routes, register }),
    [{ operatorId: 'OP-1', role: 'terminating' }],
  );
  assert.deepEqual(
    noticeRecipients({ kind: 'number', originatingOperator: 'OP-1', reporterNumbers: ['+254700000001'], portedRoutes: new Map(), routes, register }),
    [{ operatorId: 'OP-1', role: 'originating' }],
  );
});

test('a sender id or a domain: every operator of the register terminates, none originates', () => {
  for (const kind of ['senderId', 'domain'])
    assert.deepEqual(
      noticeRecipients({ kind, originatingOperator: 'OP-1', reporterNumbers: ['+254700000001'], portedRoutes: new Map(), routes, register }),
      register.map((operatorId) => ({ operatorId, role: 'terminating' })),
    );
});
