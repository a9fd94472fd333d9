import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTENT_ACTORS as A } from '../testing/content-platform.ts';
import { mayActOnContent, mayPublish, type ContentAction } from './content.policy.ts';

const ACTIONS: readonly ContentAction[] = ['create', 'save', 'submit', 'return', 'publish', 'archive', 'restore'];

for (const action of ACTIONS) {
  test(`${action}: editors, officers, administrators and Kinga itself may; operators' agents and associations may not`, () => {
    assert.deepEqual(
      [A.editor, A.officer, A.admin, A.system, A.operatorAgent, A.associationRep].map((actor) => mayActOnContent(actor, action)),
      [true, true, true, true, false, false],
    );
  });
}

test('publish: an editor publishes only words another saved (four eyes); officers and administrators publish any', () => {
  assert.equal(mayPublish(A.editor, 'user-editor-1'), false);
  assert.equal(mayPublish(A.editor, 'user-editor-2'), true);
  assert.equal(mayPublish(A.officer, 'user-officer-1'), true);
  assert.equal(mayPublish(A.admin, 'user-admin-1'), true);
  assert.equal(mayPublish(A.system, 'system'), true);
  assert.equal(mayPublish(A.operatorAgent, 'user-editor-1'), false);
  assert.equal(mayPublish(A.associationRep, 'user-editor-1'), false);
});
