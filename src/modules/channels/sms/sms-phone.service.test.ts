import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { startLoopbackSmsc } from '../../../platform/sms/index.ts';
import { openSmppLink, type InboundSms } from '../../../platform/sms/smpp-link.ts';
import { createSmsPhoneService } from './sms-phone.service.ts';

/** A peer bound to the loopback SMS centre as Kinga binds: it hears what the phone sends, and answers when told. */
async function boundPeer() {
  const smsc = await startLoopbackSmsc();
  const heard: InboundSms[] = [];
  const link = openSmppLink(
    {
      host: '127.0.0.1',
      port: smsc.port,
      systemId: 'kinga',
      password: 'secret',
      sourceAddr: '14422',
      enquireLinkSeconds: 30,
      reconnectInitialSeconds: 0.05,
      reconnectMaxSeconds: 0.2,
      maxPerSecond: 5000,
      responseSeconds: 5,
      logger: pino({ level: 'silent' }),
    },
    {
      onMessage: async (message) => {
        heard.push(message);
      },
      onReceipt: async () => undefined,
      onStateChange: () => undefined,
    },
  );
  await link.whenBound();
  return {
    smsc,
    heard,
    link,
    close: async () => {
      await link.close();
      await smsc.close();
    },
  };
}

test('a text from the phone arrives whole (a long one in parts), and the conversation keeps the phone’s order, a late reply before the next text', async () => {
  const peer = await boundPeer();
  try {
    const phone = createSmsPhoneService({ smsc: peer.smsc, replyWaitMs: 150, pollMs: 10 });
    const long = 'SCAM ' + 'Your parcel is held at the depot, pay the fee now. '.repeat(4);
    // Nobody answers within the wait: the page says no reply yet, and shows the text sent.
    const first = await phone.send('+254712345678', '7726', long.trim());
    assert.equal(first.kind, 'no-reply-yet');
    assert.deepEqual(peer.heard, [{ from: '254712345678', to: '7726', text: long.trim() }], 'the parts are joined by the bound side as one text');
    assert.deepEqual(first.conversation, [{ direction: 'sent', peer: '7726', text: long.trim() }]);

    // A reply in three UCS-2 parts comes late: it shows once, whole, after the text it answers.
    const reply = 'شكرًا لك. أرسل الآن الرقم أو الاسم الذي أرسل إليك هذه الرسالة، حتى نتمكن من متابعة البلاغ. '.repeat(2).trim();
    assert.equal((await peer.link.submit('+254712345678', reply, 7)).messageIds.length, 3);
    await peer.link.submit('+254799999999', 'Another phone’s text', 8);
    assert.deepEqual(phone.conversation('+254712345678'), [
      { direction: 'sent', peer: '7726', text: long.trim() },
      { direction: 'received', peer: '14422', text: reply },
    ]);

    // The next text is answered at once: the page has the reply without waiting out its bound.
    const answering = phone.send('+254712345678', '7726', '+254 799 000 111');
    setTimeout(() => void peer.link.submit('+254712345678', 'Thank you.', 9), 20);
    const second = await answering;
    assert.equal(second.kind, 'replied');
    assert.deepEqual(
      second.conversation.map((text) => `${text.direction}: ${text.text.slice(0, 10)}`),
      [`sent: ${long.slice(0, 10)}`, `received: ${reply.slice(0, 10)}`, 'sent: +254 799 0', 'received: Thank you.'],
    );
    assert.deepEqual(phone.conversation('+254799999999'), [{ direction: 'received', peer: '14422', text: 'Another phone’s text' }]);
  } finally {
    await peer.close();
  }
});

test('with no link bound to the SMS centre the text is not taken and the conversation leaves it out', async () => {
  const smsc = await startLoopbackSmsc();
  try {
    const phone = createSmsPhoneService({ smsc, replyWaitMs: 5000 });
    const result = await phone.send('+254712345678', '14422', 'HELP');
    assert.deepEqual(result, { kind: 'not-taken', conversation: [] });
  } finally {
    await smsc.close();
  }
});
