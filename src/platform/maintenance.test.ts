import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import { openTestDatabases } from '../../test/helpers/db.ts';
import { createTestPlatform } from '../../test/helpers/platform.ts';
import { parseAuditCheckpoints } from './audit/index.ts';
import { addRecurringJob, requestScheduledJobs, scheduleMaintenance } from './maintenance.ts';

const databases = openTestDatabases();

for (const database of databases.all) {
  test(`the daily clean-up runs once a day, however many processes ask [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    const schedules = [scheduleMaintenance(platform), scheduleMaintenance(platform)];
    await Promise.all(schedules.map((schedule) => schedule.firstAsked));
    schedules.forEach((schedule) => schedule.stop());
    assert.equal(await platform.jobs.runDue(), 1, 'one clean-up job for the day, though two processes asked');
    const left = await platform.db.kysely.selectFrom('jobs').select(['type', 'status']).execute();
    assert.deepEqual(left, [{ type: 'platform.maintenance', status: 'done' }]);
  });

  test(`a recurring job is asked for once in each of its periods, however many processes ask [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    platform.jobs.register('demo.sweep', async () => undefined);
    addRecurringJob(platform, 'demo.sweep', 15 * 60_000);
    const sweeps = async () => (await platform.db.kysely.selectFrom('jobs').select('id').where('type', '=', 'demo.sweep').execute()).length;
    const ask = async () => {
      await Promise.all([requestScheduledJobs(platform), requestScheduledJobs(platform)]);
    };
    await ask();
    assert.equal(await sweeps(), 1, 'one sweep for the quarter hour, though two processes asked');
    platform.clock.advance(10 * 60_000);
    await ask();
    platform.clock.advance(5 * 60_000);
    await ask();
    assert.equal(await sweeps(), 2, 'the next quarter hour gets its own');
  });
}

for (const database of databases.all) {
  test(`the daily clean-up logs a checkpoint of the audit chain that verify accepts later [${database.dialect}]`, async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString('utf8');
        done();
      },
    });
    const platform = await createTestPlatform(await database.fresh(), { logger: pino({ level: 'info' }, sink) });
    for (const action of ['offer.imported', 'offer.published']) {
      await platform.db.kysely.transaction().execute((trx) => platform.audit.record(trx, { actor: { type: 'system', id: null }, action, entityType: 'offer' }));
    }
    await requestScheduledJobs(platform);
    assert.equal(await platform.jobs.runDue(), 1);
    const { checkpoints } = parseAuditCheckpoints(logged);
    assert.equal(checkpoints.length, 1, logged);
    assert.equal(checkpoints[0]?.seq, 2);
    assert.deepEqual(await platform.audit.verify(platform.db.kysely, { checkpoints }), { isIntact: true, entries: 2 });
  });
}
