import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createCommandRunner } from '../../../../test/helpers/command-runner.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { createTempDir } from '../../../../test/helpers/temp-dir.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import { InvalidFile } from '../../../platform/upload-limits.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createSmsOutboxRepository, startLoopbackSmsc } from '../../../platform/sms/index.ts';
import { registerChannelsCommands } from '../channels.cli.ts';
import { importPortingFile, PORTING_FILE_LIMITS } from './porting-import.service.ts';
import { startSmsWorkerFor } from './sms.wiring.ts';
import { until } from '../../../../test/helpers/until.ts';

const databases = openTestDatabases();

function depsOf(platform: Platform): Parameters<typeof importPortingFile>[0] {
  const repository = createSmsOutboxRepository(platform.db.kysely);
  return {
    replacePorting: (entries, now, also) => repository.replacePorting(entries, now, also),
    hashNumber: (e164) => platform.sms.hashNumber(e164),
    audit: platform.audit,
    clock: platform.clock,
  };
}

const input = (text: string | string[], limits = {}) => ({
  stream: Readable.from(Array.isArray(text) ? text : [text]),
  fileName: 'porting.csv',
  country: 'KE',
  routes: ['op-demo-1', 'op-demo-2'],
  actor: { type: 'system' as const, id: null },
  limits: { ...PORTING_FILE_LIMITS, ...limits },
});

for (const database of databases.all) {
  test(`${database.dialect}: a text to a ported number leaves by the route the porting file gives, others by their prefix`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    const { run } = createCommandRunner(platform, registerChannelsCommands);
    const path = join(createTempDir('porting'), 'porting.csv');
    // 0712 345678 is in op-demo-1's prefix 25471; the file ports it to op-demo-2.
    writeFileSync(path, 'number,route\n0712 345678,op-demo-2\n');
    await run('sms', 'porting', path);

    const one = await startLoopbackSmsc({ systemId: 'kinga', password: 'one' });
    const two = await startLoopbackSmsc({ systemId: 'kinga', password: 'two' });
    const sms = platform.settings.channels.sms;
    const worker = await startSmsWorkerFor(
      platform,
      { ...sms, pollSeconds: 0.05, routes: sms.routes.map((route) => ({ ...route, receiptIds: 'as-sent' as const })) },
      {
        isDemo: false,
        env: { SMPP_URL_OP_DEMO_1: `smpp://kinga:one@127.0.0.1:${one.port}`, SMPP_URL_OP_DEMO_2: `smpp://kinga:two@127.0.0.1:${two.port}` },
      },
    );
    try {
      await withTransaction(platform.db.kysely, async (tx) => {
        await platform.sms.enqueue(tx, { to: '+254712345678', text: 'ported', purpose: 'test' });
        await platform.sms.enqueue(tx, { to: '+254712345679', text: 'by prefix', purpose: 'test' });
      });
      await until(async () => (await outboxTexts(platform)).every((text) => text.state === 'delivered'), 'both texts delivered');
      assert.deepEqual(
        one.received.map((part) => [part.to, part.text]),
        [['254712345679', 'by prefix']],
      );
      assert.deepEqual(
        two.received.map((part) => [part.to, part.text]),
        [['254712345678', 'ported']],
      );
    } finally {
      await worker.stop();
      await one.close();
      await two.close();
    }
  });

  test(`${database.dialect}: a porting file past its bounds in rows or bytes is refused and changes nothing`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    const deps = depsOf(platform);
    const good = await importPortingFile(deps, input('number,route\n+254712000001,op-demo-2\n'));
    assert.deepEqual(good.byRoute, [
      { route: 'op-demo-1', numbers: 0 },
      { route: 'op-demo-2', numbers: 1 },
    ]);

    const rows = ['number,route', '+254712000002,op-demo-1', '+254712000003,op-demo-1', '+254712000004,op-demo-1'].join('\n');
    await assert.rejects(importPortingFile(deps, input(rows, { maxRows: 2 })), (error: unknown) => {
      assert.ok(error instanceof InvalidFile);
      assert.deepEqual(error.problems, [
        { line: 4, field: 'file', message: 'The file has more than 2 numbers; split it, or remove numbers that are no longer ported.' },
      ]);
      return true;
    });

    // Measured before reading when the size is known, and counted while reading when it is not.
    await assert.rejects(importPortingFile(deps, { ...input(rows, { maxBytes: 40 }), bytes: 80 }), (error: unknown) => {
      assert.ok(error instanceof InvalidFile);
      assert.match(error.problems[0]?.message ?? '', /^The file is 80 bytes; a porting file may be at most 40 bytes\./);
      return true;
    });
    await assert.rejects(importPortingFile(deps, input(rows.split(/(?<=\n)/), { maxBytes: 40 })), (error: unknown) => {
      assert.ok(error instanceof InvalidFile);
      assert.match(error.problems.at(-1)?.message ?? '', /^The file is larger than 40 bytes; the file was read no further\./);
      return true;
    });
    assert.equal(await createSmsOutboxRepository(platform.db.kysely).portedRouteOf(platform.sms.hashNumber('+254712000001')), 'op-demo-2');
  });
}
