import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { startLoopbackSmsc, type LoopbackSmsc } from './loopback-smsc.ts';
import { openSmppLink, SmppLinkDownError, type InboundSms, type SmppLink, type SmppLinkOptions, type SmppLinkState } from './smpp-link.ts';
import { receiptMessageKey, sentMessageKey, type DeliveryReceipt } from './delivery-receipt.ts';
import { concatenationHeader, encodeSmsText } from './sms-text.ts';
import { until } from '../../../test/helpers/until.ts';

const quick = (smsc: LoopbackSmsc, overrides: Partial<SmppLinkOptions> = {}): SmppLinkOptions => ({
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
  ...overrides,
});

interface Heard {
  receipts: DeliveryReceipt[];
  messages: InboundSms[];
  states: SmppLinkState[];
}

function listen(
  failInbound = false,
): Heard & { onReceipt(r: DeliveryReceipt): Promise<void>; onMessage(m: InboundSms): Promise<void>; onStateChange(s: SmppLinkState): void } {
  const heard: Heard = { receipts: [], messages: [], states: [] };
  return {
    ...heard,
    onReceipt: (r) => {
      heard.receipts.push(r);
      return Promise.resolve();
    },
    onMessage: (m) => (failInbound ? Promise.reject(new Error('the database is away')) : (heard.messages.push(m), Promise.resolve())),
    onStateChange: (s) => heard.states.push(s),
  };
}

async function withLink(
  smsc: LoopbackSmsc,
  heard: ReturnType<typeof listen>,
  work: (link: SmppLink) => Promise<void>,
  overrides: Partial<SmppLinkOptions> = {},
) {
  const link = openSmppLink(quick(smsc, overrides), heard);
  try {
    await work(link);
  } finally {
    await link.close();
    await smsc.close();
  }
}

test('binds as a transceiver with good credentials; with bad ones it stays down and tries again later', async () => {
  const smsc = await startLoopbackSmsc();
  const heard = listen();
  await withLink(smsc, heard, async (link) => {
    await link.whenBound();
    assert.equal(link.state, 'bound');
    assert.deepEqual(smsc.binds, [{ systemId: 'kinga', accepted: true }]);
  });
  const strict = await startLoopbackSmsc({ password: 'other' });
  const refused = listen();
  await withLink(strict, refused, async (link) => {
    await until(() => strict.binds.length >= 2, 'a second bind attempt');
    assert.notEqual(link.state, 'bound');
    assert.ok(strict.binds.every((b) => !b.accepted));
    await assert.rejects(link.submit('+254712345678', 'hello', 1), SmppLinkDownError);
  });
});

test('a short text goes as one GSM 7-bit part asking for a receipt, and its receipt names its id', async () => {
  const smsc = await startLoopbackSmsc();
  const heard = listen();
  await withLink(smsc, heard, async (link) => {
    await link.whenBound();
    const result = await link.submit('+254712345678', 'Your phone 490154203237518 is not reported stolen.', 7);
    assert.equal(result.encoding, 'gsm7');
    assert.equal(result.messageIds.length, 1);
    assert.equal(smsc.received[0]?.to, '254712345678');
    assert.equal(smsc.received[0]?.from, '14422');
    assert.equal(smsc.received[0]?.dataCoding, 0);
    assert.equal(smsc.received[0]?.registeredDelivery, 1);
    assert.equal(smsc.received[0]?.text, 'Your phone 490154203237518 is not reported stolen.');
    await until(() => heard.receipts.length === 1, 'the receipt');
    assert.equal(heard.receipts[0]?.state, 'delivered');
    assert.equal(receiptMessageKey(heard.receipts[0]?.messageId ?? '', 'as-sent'), sentMessageKey(result.messageIds[0] ?? ''));
    await until(() => smsc.deliverAnswers.length === 1, 'the answer to the receipt');
    assert.deepEqual(smsc.deliverAnswers, [0]);
  });
});

test('a long Arabic text goes as three UCS-2 parts with one reference, which join back to the text', async () => {
  const smsc = await startLoopbackSmsc();
  const heard = listen();
  const text = 'هاتفك المسجل برقم ٤٩٠١٥٤٢٠٣٢٣٧٥١٨ غير مبلغ عن سرقته. '.repeat(3).trim();
  await withLink(smsc, heard, async (link) => {
    await link.whenBound();
    const result = await link.submit('+254712345678', text, 200);
    assert.equal(result.encoding, 'ucs2');
    assert.equal(result.messageIds.length, 3);
    assert.equal(new Set(result.messageIds).size, 3);
    assert.ok(smsc.received.every((r) => r.dataCoding === 8 && (r.esmClass & 0x40) !== 0));
    const headers = smsc.received.map((r) => [...(r.udh[0] ?? [])]);
    assert.deepEqual(headers, [
      [0x00, 0x03, 200, 3, 1],
      [0x00, 0x03, 200, 3, 2],
      [0x00, 0x03, 200, 3, 3],
    ]);
    assert.equal(smsc.received.map((r) => r.text).join(''), text);
    await until(() => heard.receipts.length === 3, 'three receipts');
  });
});

test('a link cut by the network is bound again, and sends again', async () => {
  const smsc = await startLoopbackSmsc();
  const heard = listen();
  await withLink(smsc, heard, async (link) => {
    await link.whenBound();
    smsc.dropAll();
    await until(() => heard.states.includes('down'), 'the link to fall');
    await link.whenBound();
    await until(() => smsc.binds.length === 2, 'the second bind');
    const result = await link.submit('+254712345678', 'after the fall', 3);
    assert.equal(result.messageIds.length, 1);
    assert.deepEqual(
      heard.states.filter((s) => s !== 'connecting'),
      ['bound', 'down', 'bound'],
    );
  });
});

test('texts from phones reach the handler whole, and are acknowledged only once stored', async () => {
  const smsc = await startLoopbackSmsc();
  const heard = listen();
  await withLink(smsc, heard, async (link) => {
    await link.whenBound();
    assert.deepEqual(await smsc.sendInbound('254712345678', '14422', [{ shortMessage: encodeSmsText('KYM 490154203237518', 'gsm7'), dataCoding: 0 }]), [0]);
    const arabic = 'ك ي م ٤٩٠١٥٤٢٠٣٢٣٧٥١٨ '.repeat(4);
    const parts = [arabic.slice(0, 60), arabic.slice(60)].map((piece, i) => ({
      shortMessage: encodeSmsText(piece, 'ucs2'),
      dataCoding: 8,
      udh: concatenationHeader(9, 2, i + 1),
    }));
    assert.deepEqual(
      await smsc.sendInbound(
        '254700000001',
        '14422',
        [parts[1], parts[0]].filter((p) => p !== undefined),
      ),
      [0, 0],
    );
    assert.deepEqual(heard.messages, [
      { from: '254712345678', to: '14422', text: 'KYM 490154203237518' },
      { from: '254700000001', to: '14422', text: arabic },
    ]);
  });
  const failing = await startLoopbackSmsc();
  const broken = listen(true);
  await withLink(failing, broken, async (link) => {
    await link.whenBound();
    assert.deepEqual(await failing.sendInbound('254712345678', '14422', [{ shortMessage: encodeSmsText('STOP', 'gsm7'), dataCoding: 0 }]), [0x08]);
  });
});

test('1,000 texts and their 1,000 receipts are matched, with ids written in decimal with leading zeros', async () => {
  const smsc = await startLoopbackSmsc({ idBase: 'hex', receiptIdsInOtherBase: true, receiptIdWidth: 12 });
  const heard = listen();
  await withLink(smsc, heard, async (link) => {
    await link.whenBound();
    const sent = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const { messageIds } = await link.submit(`+2547${String(i).padStart(8, '0')}`, `Code ${i}`, i % 256);
      sent.set(sentMessageKey(messageIds[0] ?? ''), i);
    }
    await until(() => heard.receipts.length === 1000, '1,000 receipts', 30);
    const matched = new Set(heard.receipts.map((r) => sent.get(receiptMessageKey(r.messageId, 'sent-hex-receipt-decimal') ?? '')));
    assert.equal(matched.size, 1000);
    assert.equal(matched.has(undefined), false);
  });
});
