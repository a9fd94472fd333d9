import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { outboxTexts } from '../../../test/helpers/sms-outbox.ts';
import { withTransaction } from '../db/index.ts';
import { createSmsOutboxRepository } from './sms-outbox.repository.ts';
import { SmsMessageError } from './sms-outbox.ts';

const databases = openTestDatabases();
const NUMBER = '+254712345678';

for (const database of databases.all) {
  test(`${database.dialect}: a text queued in a transaction leaves only if the transaction commits, sealed at rest`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    await assert.rejects(
      withTransaction(platform.db.kysely, async (tx) => {
        await platform.sms.enqueue(tx, { to: NUMBER, text: 'Kept?', purpose: 'test' });
        throw new Error('the change fails');
      }),
      /the change fails/,
    );
    assert.deepEqual(await outboxTexts(platform), []);
    await withTransaction(platform.db.kysely, (tx) => platform.sms.enqueue(tx, { to: NUMBER, text: 'Your code is 123456', purpose: 'test' }));
    const [sent] = await outboxTexts(platform, NUMBER);
    assert.equal(sent?.text, 'Your code is 123456');
    assert.equal(sent?.state, 'queued');
    const row = await platform.db.kysely.selectFrom('sms_messages').selectAll().executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(row), /123456|712345678/);
    assert.equal(row.part_count, 1);
    assert.equal(row.encoding, 'gsm7');
  });

  test(`${database.dialect}: an optional text to a number that texted STOP is not queued; a code still is`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    const repository = createSmsOutboxRepository(platform.db.kysely);
    await repository.setOptedOut(platform.db.kysely, platform.sms.hashNumber(NUMBER), platform.clock.now().toISOString());
    assert.equal(await platform.sms.enqueue(platform.db.kysely, { to: NUMBER, text: 'Prices changed', purpose: 'alert', isOptional: true }), undefined);
    await platform.sms.enqueue(platform.db.kysely, { to: NUMBER, text: 'Your code is 123456', purpose: 'code' });
    await platform.sms.enqueue(platform.db.kysely, { to: '+254712345670', text: 'Prices changed', purpose: 'alert', isOptional: true });
    assert.deepEqual((await outboxTexts(platform)).map((sms) => sms.purpose).sort(), ['alert', 'code']);
    // Inside a caller's transaction too: on SQLite a read outside it would wait for its one connection forever.
    await withTransaction(platform.db.kysely, async (tx) => {
      assert.equal(await platform.sms.enqueue(tx, { to: NUMBER, text: 'Prices changed', purpose: 'alert', isOptional: true }), undefined);
    });
    await repository.setOptedOut(platform.db.kysely, platform.sms.hashNumber(NUMBER), null);
    assert.ok(await platform.sms.enqueue(platform.db.kysely, { to: NUMBER, text: 'Prices changed', purpose: 'alert', isOptional: true }));
  });

  test(`${database.dialect}: a number not in E.164 form or an empty text is refused before anything is stored`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    await assert.rejects(platform.sms.enqueue(platform.db.kysely, { to: '0712345678', text: 'Hello', purpose: 'test' }), SmsMessageError);
    await assert.rejects(platform.sms.enqueue(platform.db.kysely, { to: NUMBER, text: '  ', purpose: 'test' }), SmsMessageError);
    await assert.rejects(platform.sms.enqueue(platform.db.kysely, { to: NUMBER, text: 'x'.repeat(153 * 256), purpose: 'test' }), SmsMessageError);
    assert.deepEqual(await outboxTexts(platform), []);
  });

  test(`${database.dialect}: a claimed text is held from other senders; a three-part text is delivered only when its three receipts are`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    const repository = createSmsOutboxRepository(platform.db.kysely);
    const id = await platform.sms.enqueue(platform.db.kysely, { to: NUMBER, text: 'word '.repeat(80), purpose: 'test' });
    const now = platform.clock.now().toISOString();
    const lockedUntil = new Date(platform.clock.now().getTime() + 60_000).toISOString();
    const [claimed] = await repository.claimDue({ routes: ['r1'], now, lockedUntil, limit: 10 });
    assert.equal(claimed?.id, id);
    assert.equal(claimed?.part_count, 3);
    assert.deepEqual(await repository.claimDue({ routes: ['r1'], now, lockedUntil, limit: 10 }), [], 'a second sender finds nothing to take');
    await repository.markSubmitted({ id, route: 'r1', now, parts: [1, 2, 3].map((partNumber) => ({ partNumber, smscKey: `k${partNumber}` })) });
    for (const key of ['k1', 'k3']) assert.equal(await repository.applyReceipt({ route: 'r1', smscKey: key, isDelivered: true, now }), id);
    assert.equal((await repository.findMessage(id))?.state, 'submitted', 'two parts of three are not a delivered text');
    assert.equal(await repository.applyReceipt({ route: 'r2', smscKey: 'k2', isDelivered: true, now }), undefined, 'an id is matched on its own route only');
    await repository.applyReceipt({ route: 'r1', smscKey: 'k2', isDelivered: true, now });
    assert.equal((await repository.findMessage(id))?.state, 'delivered');
  });

  test(`${database.dialect}: receipts of one text's parts applied at once still deliver it`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    const repository = createSmsOutboxRepository(platform.db.kysely);
    for (let round = 0; round < 5; round += 1) {
      const id = await platform.sms.enqueue(platform.db.kysely, { to: NUMBER, text: 'word '.repeat(80), purpose: 'test' });
      const now = platform.clock.now().toISOString();
      await repository.markSubmitted({ id, route: 'r1', now, parts: [1, 2, 3].map((partNumber) => ({ partNumber, smscKey: `c${round}-${partNumber}` })) });
      await Promise.all([1, 2, 3].map((n) => repository.applyReceipt({ route: 'r1', smscKey: `c${round}-${n}`, isDelivered: true, now })));
      assert.equal((await repository.findMessage(id))?.state, 'delivered');
    }
  });

  test(`${database.dialect}: one part that finally fails fails the text`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    const repository = createSmsOutboxRepository(platform.db.kysely);
    const id = await platform.sms.enqueue(platform.db.kysely, { to: NUMBER, text: 'word '.repeat(40), purpose: 'test' });
    const now = platform.clock.now().toISOString();
    await repository.markSubmitted({ id, route: 'r1', now, parts: [1, 2].map((partNumber) => ({ partNumber, smscKey: `f${partNumber}` })) });
    await repository.applyReceipt({ route: 'r1', smscKey: 'f1', isDelivered: false, now });
    await repository.applyReceipt({ route: 'r1', smscKey: 'f2', isDelivered: true, now });
    assert.equal((await repository.findMessage(id))?.state, 'failed');
  });
}
