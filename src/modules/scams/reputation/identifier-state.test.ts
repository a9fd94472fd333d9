import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canMove, IDENTIFIER_STATES, isListed, roundOutcome, type ReviewDecision } from './identifier-state.ts';

const rule = { reviewersToDecide: 2, isProtected: false };
const review = (reviewerId: string, decision: ReviewDecision['decision'], isSenior = false): ReviewDecision => ({ reviewerId, decision, isSenior });

test('the life of an identifier: reported, threshold reached, under review, confirmed, appealed, then cleared', () => {
  const path = ['reported', 'threshold_reached', 'under_review', 'confirmed', 'appealed', 'cleared'] as const;
  path.slice(1).forEach((to, i) => assert.ok(canMove(path[i] ?? 'reported', to), `${path[i]} → ${to}`));
  assert.ok(canMove('appealed', 'confirmed'), 'an appeal upheld keeps it confirmed');
  assert.ok(canMove('rejected', 'threshold_reached'), 'reported again after a rejection');
});

test('no identifier is confirmed without a review, nor cleared without being listed first', () => {
  for (const from of IDENTIFIER_STATES) if (from !== 'under_review' && from !== 'appealed') assert.equal(canMove(from, 'confirmed'), false, from);
  assert.equal(canMove('reported', 'cleared'), false);
  assert.equal(canMove('under_review', 'appealed'), false);
});

test('listed while confirmed and while its appeal is heard', () => {
  assert.deepEqual(
    IDENTIFIER_STATES.filter((s) => isListed(s)),
    ['confirmed', 'appealed'],
  );
});

test('two reviewers who agree decide; one alone does not', () => {
  assert.deepEqual(roundOutcome([review('a', 'confirm')], rule), { decided: null, needs: 'agreement', agreeing: 1 });
  assert.deepEqual(roundOutcome([review('a', 'confirm'), review('b', 'confirm')], rule), { decided: 'confirmed' });
  assert.deepEqual(roundOutcome([review('a', 'reject'), review('b', 'reject')], rule), { decided: 'rejected' });
});

test('the same reviewer twice counts once, by their latest decision', () => {
  assert.deepEqual(roundOutcome([review('a', 'confirm'), review('a', 'confirm')], rule), { decided: null, needs: 'agreement', agreeing: 1 });
  assert.deepEqual(roundOutcome([review('a', 'confirm'), review('b', 'reject'), review('b', 'confirm')], rule), { decided: 'confirmed' });
});

test('reviewers who disagree leave it to a senior, whose one decision is enough', () => {
  assert.deepEqual(roundOutcome([review('a', 'confirm'), review('b', 'reject')], rule), { decided: null, needs: 'senior', agreeing: 1 });
  assert.deepEqual(roundOutcome([review('a', 'confirm'), review('b', 'reject'), review('c', 'reject', true)], rule), { decided: 'rejected' });
  assert.deepEqual(roundOutcome([review('s', 'confirm', true)], rule), { decided: 'confirmed' });
});

test('a protected identifier (likely spoofed) is confirmed only by a senior, and may be rejected by two', () => {
  const protectedRule = { reviewersToDecide: 2, isProtected: true };
  assert.deepEqual(roundOutcome([review('a', 'confirm'), review('b', 'confirm')], protectedRule), { decided: null, needs: 'senior', agreeing: 2 });
  assert.deepEqual(roundOutcome([review('s', 'confirm', true)], protectedRule), { decided: 'confirmed' });
  assert.deepEqual(roundOutcome([review('a', 'reject'), review('b', 'reject')], protectedRule), { decided: 'rejected' });
});

test('a profile asking for three reviewers needs three', () => {
  const three = { reviewersToDecide: 3, isProtected: false };
  assert.equal(roundOutcome([review('a', 'confirm'), review('b', 'confirm')], three).decided, null);
  assert.deepEqual(roundOutcome([review('a', 'confirm'), review('b', 'confirm'), review('c', 'confirm')], three), { decided: 'confirmed' });
});
