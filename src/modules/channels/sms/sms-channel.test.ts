import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from '@sinclair/typebox/value';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import type { KingaModule } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createSmsOutboxRepository, SmsSettingsSchema, startLoopbackSmsc, type SmsSettings } from '../../../platform/sms/index.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import { runningSmsChannel } from './sms-channel.ts';
import { registerSmsMetrics } from './sms.metrics.ts';
import { registerSmsRoutesFor, startSmsWorkerFor } from './sms.wiring.ts';
import { until } from '../../../../test/helpers/until.ts';

const databases = openTestDatabases();

function smsSettings(overrides: Partial<SmsSettings> = {}): SmsSettings {
  const defaults = Value.Default(SmsSettingsSchema, {}) as SmsSettings;
  return {
    ...defaults,
    routes: [
      { name: 'alpha', operator: 'OP-ALPHA', prefixes: ['2547'], urlVariable: 'SMPP_URL_ALPHA', receiptIds: 'as-sent', maxPerSecond: 500, gsm7DataCoding: 0 },
    ],
    pollSeconds: 0.05,
    reconnectInitialSeconds: 0.1,
    ...overrides,
  };
}

/** A module holding only the SMS pieces, as the channels module wires them. */
function smsModule(sms: SmsSettings): KingaModule {
  return {
    name: 'sms-test',
    routes: (app, platform) => registerSmsRoutesFor(app, platform, sms),
    metrics: registerSmsMetrics,
  };
}

const queue = (platform: Platform, to: string, text: string) =>
  withTransaction(platform.db.kysely, (tx) => platform.sms.enqueue(tx, { to, text, purpose: 'test' }));

for (const database of databases.all) {
  test(`${database.dialect}: the demo binds a route the environment does not give to an SMS centre on loopback, and its texts are delivered`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    const worker = await startSmsWorkerFor(platform, smsSettings(), { isDemo: true, env: {} });
    try {
      await queue(platform, '+254712345678', 'Karibu');
      await until(async () => (await outboxTexts(platform))[0]?.state === 'delivered', 'delivery in the demo');
      assert.deepEqual(
        runningSmsChannel(platform)?.demoSmsc?.received.map((part) => [part.to, part.text]),
        [['254712345678', 'Karibu']],
      );
    } finally {
      await worker.stop();
    }
    assert.equal(runningSmsChannel(platform), undefined);
  });

  test(`${database.dialect}: outside the demo a route without its address sends nothing and its texts wait; with it, they leave`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    await queue(platform, '+254712345678', 'Waiting');
    const idle = await startSmsWorkerFor(platform, smsSettings(), { isDemo: false, env: {} });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(
      (await outboxTexts(platform)).map((sms) => sms.state),
      ['queued'],
    );
    await idle.stop();
    const smsc = await startLoopbackSmsc({ systemId: 'kinga', password: 's3cret/+' });
    const worker = await startSmsWorkerFor(platform, smsSettings(), {
      isDemo: false,
      env: { SMPP_URL_ALPHA: `smpp://kinga:${encodeURIComponent('s3cret/+')}@127.0.0.1:${smsc.port}` },
    });
    try {
      await until(async () => (await outboxTexts(platform))[0]?.state === 'delivered', 'delivery once the address is given');
      assert.deepEqual(
        smsc.received.map((part) => part.text),
        ['Waiting'],
      );
    } finally {
      await worker.stop();
      await smsc.close();
    }
  });

  test(`${database.dialect}: staff see delivery per route and per operator and masked numbers, never a text; others are sent to sign in`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    const sms = smsSettings();
    const app = await buildApp(platform, [smsModule(sms)]);
    const repository = createSmsOutboxRepository(platform.db.kysely);
    const delivered = await queue(platform, '+254712345678', 'Your code is 481516');
    const failed = await queue(platform, '+254712345679', 'Your code is 234234');
    const now = platform.clock.now().toISOString();
    await repository.markSubmitted({ id: delivered, route: 'alpha', now, parts: [{ partNumber: 1, smscKey: 'a1' }] });
    await repository.markSubmitted({ id: failed, route: 'alpha', now, parts: [{ partNumber: 1, smscKey: 'a2' }] });
    await repository.applyReceipt({ route: 'alpha', smscKey: 'a1', isDelivered: true, now });
    await repository.applyReceipt({ route: 'alpha', smscKey: 'a2', isDelivered: false, now });

    const anonymous = await app.inject({ method: 'GET', url: '/staff/channels/sms' });
    assert.equal(anonymous.statusCode, 303);
    const client = createWebClient(app);
    await signIn(client, platform, await buildStaffAccount(platform, { role: 'officer' }));
    const page = await client.get('/staff/channels/sms?lang=fr');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Livraison par route/);
    assert.match(page.body, /OP-ALPHA/);
    assert.match(page.body, /50\s?%/);
    assert.match(page.body, /\+254 •+78/);
    assert.doesNotMatch(page.body, /481516|234234|712345678/);
    assert.match(page.body, /l’accusé de réception indique qu’il n’a pas été livré/);
    await app.close();
  });

  test(`${database.dialect}: /metrics gives the queue depth and the receipt lag`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    const app = await buildApp(platform, [smsModule(smsSettings())]);
    await queue(platform, '+254712345678', 'One');
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    assert.match(metrics.body, /^kinga_sms_queue_depth 1$/m);
    assert.match(metrics.body, /^kinga_sms_receipt_lag_seconds 0$/m);
    await app.close();
  });
}
