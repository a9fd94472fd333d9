import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canMove, nextStages, TRANSITIONS, type Party } from './complaint-stages.ts';
import { COMPLAINT_STAGES, type ComplaintStage } from './complaint.types.ts';

describe('the transition table', () => {
  const allowed: Array<[ComplaintStage, ComplaintStage, Party]> = [
    ['received', 'assessed', 'staff'],
    ['received', 'closed', 'staff'],
    ['assessed', 'referred_to_operator', 'staff'],
    ['assessed', 'investigation', 'staff'],
    ['assessed', 'closed', 'staff'],
    ['referred_to_operator', 'operator_responded', 'operator'],
    ['referred_to_operator', 'resolution_proposed', 'operator'],
    ['referred_to_operator', 'investigation', 'system'],
    ['referred_to_operator', 'investigation', 'consumer'],
    ['referred_to_operator', 'closed', 'staff'],
    ['operator_responded', 'resolution_proposed', 'operator'],
    ['operator_responded', 'accepted', 'consumer'],
    ['operator_responded', 'rejected', 'consumer'],
    ['operator_responded', 'investigation', 'consumer'],
    ['operator_responded', 'closed', 'staff'],
    ['resolution_proposed', 'accepted', 'consumer'],
    ['resolution_proposed', 'rejected', 'consumer'],
    ['resolution_proposed', 'investigation', 'consumer'],
    ['resolution_proposed', 'closed', 'staff'],
    ['accepted', 'implemented', 'operator'],
    ['accepted', 'closed', 'staff'],
    ['rejected', 'investigation', 'consumer'],
    ['rejected', 'closed', 'staff'],
    ['investigation', 'decision', 'staff'],
    ['investigation', 'closed', 'staff'],
    ['decision', 'implemented', 'operator'],
    ['decision', 'implemented', 'staff'],
    ['decision', 'closed', 'staff'],
    ['implemented', 'closed', 'staff'],
    ['closed', 'investigation', 'staff'],
  ];
  for (const [from, to, by] of allowed) {
    it(`lets ${by} move a case from ${from} to ${to}`, () => {
      assert.equal(canMove(from, to, by), true);
    });
  }

  it('lists every allowed move above and no other', () => {
    const listed = new Set(allowed.map(([from, to]) => `${from}>${to}`));
    for (const from of COMPLAINT_STAGES) for (const { to } of TRANSITIONS[from]) assert.ok(listed.has(`${from}>${to}`), `${from} > ${to} is tested`);
  });

  const refused: Array<[ComplaintStage, ComplaintStage, Party, string]> = [
    ['received', 'referred_to_operator', 'staff', 'skips the assessment'],
    ['received', 'decision', 'staff', 'skips to a decision'],
    ['referred_to_operator', 'accepted', 'consumer', 'accepts before any answer'],
    ['referred_to_operator', 'operator_responded', 'consumer', 'the consumer answers for the operator'],
    ['resolution_proposed', 'accepted', 'operator', 'the operator accepts for the consumer'],
    ['investigation', 'decision', 'operator', 'the operator decides'],
    ['investigation', 'referred_to_operator', 'staff', 'goes back to the operator'],
    ['decision', 'investigation', 'staff', 'revisits the investigation without reopening'],
    ['implemented', 'decision', 'staff', 'revisits the decision'],
    ['closed', 'received', 'staff', 'starts again from the beginning'],
    ['closed', 'investigation', 'consumer', 'the consumer reopens'],
    ['closed', 'investigation', 'operator', 'the operator reopens'],
    ['accepted', 'rejected', 'consumer', 'changes an acceptance into a rejection'],
  ];
  for (const [from, to, by, why] of refused) {
    it(`refuses ${from} to ${to} by ${by}: ${why}`, () => {
      assert.equal(canMove(from, to, by), false);
    });
  }

  it('gives no stage a move to itself', () => {
    for (const from of COMPLAINT_STAGES) assert.ok(!nextStages(from, 'staff').includes(from));
  });
});
