import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFinalState, parseDeliveryReceipt, receiptMessageKey, sentMessageKey } from './delivery-receipt.ts';

test("a receipt's text gives the message id, the state, the error and when it ended", () => {
  const text = 'id:0123456789 sub:001 dlvrd:001 submit date:2612071230 done date:2612071231 stat:DELIVRD err:000 text:Your phone 4901';
  assert.deepEqual(parseDeliveryReceipt(text), { messageId: '0123456789', state: 'delivered', error: '000', doneAt: '2612071231' });
  assert.equal(parseDeliveryReceipt('id:7 stat:UNDELIV err:011')?.state, 'undeliverable');
  assert.equal(parseDeliveryReceipt('ID:7 STAT:expired')?.state, 'expired', 'names and words in any case');
  assert.equal(parseDeliveryReceipt('id:7 stat:WHATEVER')?.state, 'unknown');
  assert.equal(parseDeliveryReceipt('hello, this is not a receipt'), undefined);
  assert.equal(parseDeliveryReceipt('id: stat:DELIVRD'), undefined);
});

test('the receipted_message_id and message_state options win over the text', () => {
  assert.deepEqual(parseDeliveryReceipt('id:1 stat:ENROUTE', { receiptedMessageId: 'ab12', messageState: 2 }), { messageId: 'ab12', state: 'delivered' });
  assert.deepEqual(parseDeliveryReceipt('', { receiptedMessageId: '99', messageState: 8 }), { messageId: '99', state: 'rejected' });
  assert.equal(isFinalState('delivered'), true);
  assert.equal(isFinalState('enroute'), false);
  assert.equal(isFinalState('accepted'), false);
});

test('a receipt finds its message whether the centre writes the id in hex, in decimal or with leading zeros', () => {
  assert.equal(receiptMessageKey('000000001A2B', 'as-sent'), sentMessageKey('1a2b'));
  assert.equal(receiptMessageKey('6699', 'sent-hex-receipt-decimal'), sentMessageKey('1A2B'));
  assert.equal(receiptMessageKey('00006699', 'sent-hex-receipt-decimal'), sentMessageKey('00001a2b'));
  assert.equal(receiptMessageKey('1a2b', 'sent-decimal-receipt-hex'), sentMessageKey('6699'));
  assert.equal(receiptMessageKey('zz', 'sent-decimal-receipt-hex'), undefined);
  assert.equal(receiptMessageKey('1a2b', 'sent-hex-receipt-decimal'), undefined);
  assert.equal(receiptMessageKey('0', 'as-sent'), '0');
  const big = 'ffffffffffffffffffffffff';
  assert.equal(receiptMessageKey(BigInt(`0x${big}`).toString(10), 'sent-hex-receipt-decimal'), big);
});
