import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerAfricasTalking, answerHubtel, isServiceCodeOf, readAfricasTalking, readHubtel, shortcutInputs } from './ussd-gateways.ts';

test("Africa's Talking: every input so far is read from text, and the answer is CON or END", () => {
  assert.deepEqual(
    readAfricasTalking({ sessionId: 'ATUid_1', serviceCode: '*384*1564#', phoneNumber: '+254712345678', networkCode: '63902', text: '1*4901' }),
    {
      kind: 'input',
      sessionId: 'ATUid_1',
      rawNumber: '+254712345678',
      serviceCode: '*384*1564#',
      inputs: { kind: 'all', text: '1*4901' },
    },
  );
  // No text at all is the first callback of a session.
  assert.deepEqual(readAfricasTalking({ sessionId: 'a', serviceCode: '*1#', phoneNumber: '254712345678' })?.kind, 'input');
  for (const bad of [
    null,
    [],
    'text',
    { serviceCode: '*1#', phoneNumber: '+254712345678' },
    { sessionId: 'a b', serviceCode: '*1#', phoneNumber: '+254712345678' },
  ])
    assert.equal(readAfricasTalking(bad), undefined, JSON.stringify(bad));
  assert.equal(answerAfricasTalking({ text: 'Choose:\n1 Check', isEnd: false }), 'CON Choose:\n1 Check');
  assert.equal(answerAfricasTalking({ text: 'Done.', isEnd: true }), 'END Done.');
});

test('Hubtel-style JSON: initiation carries no input, a response its newest input, release and timeout end the session', () => {
  const base = { SessionId: 'h-1', Mobile: '233244123456', ServiceCode: '*713*64#' };
  assert.deepEqual(readHubtel({ ...base, Type: 'Initiation', Message: '*713*64#' }), {
    kind: 'input',
    sessionId: 'h-1',
    rawNumber: '233244123456',
    serviceCode: '*713*64#',
    inputs: { kind: 'newest', input: null },
    clientState: '',
  });
  assert.deepEqual(readHubtel({ ...base, Type: 'Response', Message: '2', ClientState: 'k' }), {
    kind: 'input',
    sessionId: 'h-1',
    rawNumber: '233244123456',
    serviceCode: '*713*64#',
    inputs: { kind: 'newest', input: '2' },
    clientState: 'k',
  });
  assert.deepEqual(readHubtel({ ...base, Type: 'Timeout' }), { kind: 'release', sessionId: 'h-1', rawNumber: '233244123456' });
  assert.equal(readHubtel({ ...base, Type: 'Launch' }), undefined);
  assert.equal(readHubtel({ ...base, Type: 'Response', Message: 'x'.repeat(1001) }), undefined);
  assert.deepEqual(answerHubtel({ text: 'Done.', isEnd: true }, 's'), {
    Type: 'Release',
    Message: 'Done.',
    ClientState: 's',
    Label: 'Kinga',
    DataType: 'input',
    FieldType: 'text',
  });
});

test('a shortcut of the service code is the same service, its extra choices the first inputs', () => {
  assert.equal(isServiceCodeOf('*384*1564#', '*384*1564#'), true);
  assert.equal(isServiceCodeOf('*384*1564*1*2#', '*384*1564#'), true);
  assert.equal(isServiceCodeOf('*384*15640#', '*384*1564#'), false);
  assert.equal(isServiceCodeOf('*384#', '*384*1564#'), false);
  assert.equal(shortcutInputs('*384*1564*1*2#', '*384*1564#'), '1*2');
  assert.equal(shortcutInputs('*384*1564#', '*384*1564#'), '');
  assert.equal(shortcutInputs('*999#', '*384*1564#'), '');
});
