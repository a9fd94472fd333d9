import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import type { Clock } from '../clock.ts';
import { createKeyring, generateKeyMaterial } from '../crypto/index.ts';
import type { Db } from '../db/index.ts';
import { uuidv7 } from '../ids.ts';
import { backoffMs, createJobQueue } from './index.ts';
import type { JobQueue, JobQueueOptions } from './index.ts';

const databases = openTestDatabases();
const keyring = createKeyring(generateKeyMaterial());
const START = Date.parse('2026-12-23T10:00:00.000Z');
const HOUR = 3_600_000;

interface TestClock extends Clock {
  advance(ms: number): void;
}

function testClock(): TestClock {
  let at = START;
  return {
    now: () => new Date(at),
    advance(ms) {
      at += ms;
    },
  };
}

function captureLogs(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

function queueOn(db: Db, clock: Clock, logger: Logger = pino({ level: 'silent' }), options: JobQueueOptions = {}): JobQueue {
  return createJobQueue({ db, clock, ids: () => uuidv7(), keyring, logger }, options);
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

async function jobRow(db: Db, id: string) {
  return db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

test('backoff doubles from 20 seconds and stops growing at one hour plus jitter', () => {
  assert.equal(
    backoffMs(1, () => 0),
    20_000,
  );
  assert.equal(
    backoffMs(2, () => 0),
    40_000,
  );
  assert.equal(
    backoffMs(3, () => 0.5),
    84_000,
  );
  assert.equal(
    backoffMs(20, () => 0),
    HOUR,
  );
  assert.equal(
    backoffMs(20, () => 1),
    3_960_000,
  );
});

for (const { dialect, fresh } of databases.all) {
  test(`runs a due job once with its decrypted payload and keeps the payload encrypted at rest [${dialect}]`, async () => {
    const db = await fresh();
    const clock = testClock();
    const { logger, lines } = captureLogs();
    const jobs = queueOn(db, clock, logger);
    const seen: unknown[] = [];
    jobs.register<{ to: string; caseId: string }>('case.notify', async (payload, job) => {
      seen.push({ payload, attempt: job.attempt });
    });

    const id = await db.kysely.transaction().execute((trx) => jobs.enqueue(trx, 'case.notify', { to: 'amina@example.org', caseId: 'c-42' }));
    const stored = await jobRow(db, id);
    assert.equal(stored.status, 'pending');
    assert.equal(stored.max_attempts, 5);
    assert.equal(stored.payload_enc.includes('amina'), false);
    assert.equal(stored.payload_enc.includes('c-42'), false);

    assert.equal(await jobs.runDue(), 1);
    assert.deepEqual(seen, [{ payload: { to: 'amina@example.org', caseId: 'c-42' }, attempt: 1 }]);
    const done = await jobRow(db, id);
    assert.equal(done.status, 'done');
    assert.equal(done.attempts, 1);
    assert.equal(done.finished_at, '2026-12-23T10:00:00.000Z');
    assert.equal(done.locked_by, null);
    assert.equal(await jobs.runDue(), 0);
    assert.equal(
      lines.some((l) => l.includes('amina') || l.includes('c-42')),
      false,
    );
    assert.equal(
      lines.some((l) => l.includes(id)),
      true,
    );
  });

  test(`a job enqueued in a rolled-back transaction does not exist [${dialect}]`, async () => {
    const db = await fresh();
    const jobs = queueOn(db, testClock());
    await assert.rejects(
      db.kysely.transaction().execute(async (trx) => {
        await jobs.enqueue(trx, 'case.notify', {});
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const rows = await db.kysely.selectFrom('jobs').select('id').execute();
    assert.equal(rows.length, 0);
  });

  test(`a job waits for its runAt [${dialect}]`, async () => {
    const db = await fresh();
    const clock = testClock();
    const jobs = queueOn(db, clock);
    let runs = 0;
    jobs.register('deadline.check', async () => {
      runs += 1;
    });
    await jobs.enqueue(db.kysely, 'deadline.check', null, { runAt: new Date(START + 60_000) });
    assert.equal(await jobs.runDue(), 0);
    clock.advance(60_000);
    assert.equal(await jobs.runDue(), 1);
    assert.equal(runs, 1);
  });

  test(`a failing job is retried with growing backoff and ends failed after maxAttempts [${dialect}]`, async () => {
    const db = await fresh();
    const clock = testClock();
    const { logger, lines } = captureLogs();
    const jobs = queueOn(db, clock, logger);
    const attempts: number[] = [];
    jobs.register('mail.bounce', async (_payload, job) => {
      attempts.push(job.attempt);
      throw new Error('550 5.1.1 <amina@example.org>: Recipient address rejected');
    });
    const id = await jobs.enqueue(db.kysely, 'mail.bounce', { secret: 'payload-text' }, { maxAttempts: 3 });

    assert.equal(await jobs.runDue(), 1);
    let row = await jobRow(db, id);
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 1);
    const firstDelay = Date.parse(row.run_at) - START;
    assert.ok(firstDelay >= 20_000 && firstDelay <= 22_000, `first retry after ${firstDelay} ms`);
    assert.equal(row.last_error, '550 5.1.1 <[address]>: Recipient address rejected');
    assert.equal(await jobs.runDue(), 0, 'not due before its backoff has passed');

    clock.advance(firstDelay);
    assert.equal(await jobs.runDue(), 1);
    row = await jobRow(db, id);
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 2);
    const secondDelay = Date.parse(row.run_at) - (START + firstDelay);
    assert.ok(secondDelay >= 40_000 && secondDelay <= 44_000, `second retry after ${secondDelay} ms`);

    clock.advance(HOUR);
    assert.equal(await jobs.runDue(), 1);
    row = await jobRow(db, id);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 3);
    assert.equal(row.finished_at, clock.now().toISOString());
    assert.deepEqual(attempts, [1, 2, 3]);

    clock.advance(HOUR);
    assert.equal(await jobs.runDue(), 0, 'a failed job is never run again');
    assert.equal(
      lines.some((l) => l.includes('amina') || l.includes('payload-text')),
      false,
    );
  });

  test(`last_error keeps at most 500 characters of the message [${dialect}]`, async () => {
    const db = await fresh();
    const jobs = queueOn(db, testClock());
    jobs.register('noisy', async () => {
      throw new Error('x'.repeat(2000));
    });
    const id = await jobs.enqueue(db.kysely, 'noisy', null, { maxAttempts: 1 });
    await jobs.runDue();
    const row = await jobRow(db, id);
    assert.equal(row.status, 'failed');
    assert.equal(row.last_error?.length, 500);
  });

  test(`a job of an unknown type fails with a clear last_error [${dialect}]`, async () => {
    const db = await fresh();
    const jobs = queueOn(db, testClock());
    const id = await jobs.enqueue(db.kysely, 'report.unknown', null, { maxAttempts: 1 });
    assert.equal(await jobs.runDue(), 1);
    const row = await jobRow(db, id);
    assert.equal(row.status, 'failed');
    assert.equal(row.last_error, 'No handler is registered for job type "report.unknown".');
  });

  test(`a job whose worker died is taken over after its lease, and the late worker cannot overwrite it [${dialect}]`, async () => {
    const db = await fresh();
    const clock = testClock();
    const lease = { leaseMs: 60_000 };
    const crashed = queueOn(db, clock, undefined, { ...lease, workerId: 'worker-a' });
    const restarted = queueOn(db, clock, undefined, { ...lease, workerId: 'worker-b' });
    const started = deferred();
    const release = deferred();
    crashed.register('import.run', async () => {
      started.resolve();
      await release.promise;
      throw new Error('too late');
    });
    const ranBy: string[] = [];
    restarted.register('import.run', async (_payload, job) => {
      ranBy.push(`b:${job.attempt}`);
    });
    const id = await crashed.enqueue(db.kysely, 'import.run', { file: 'f-1' });

    const stuck = crashed.runDue(1);
    await started.promise;
    let row = await jobRow(db, id);
    assert.equal(row.status, 'running');
    assert.equal(row.locked_by, 'worker-a');
    assert.equal(row.locked_until, new Date(START + 60_000).toISOString());

    assert.equal(await restarted.runDue(), 0, 'the lease still holds');
    clock.advance(60_001);
    assert.equal(await restarted.runDue(), 1);
    assert.deepEqual(ranBy, ['b:2']);

    release.resolve();
    await stuck;
    row = await jobRow(db, id);
    assert.equal(row.status, 'done');
    assert.equal(row.attempts, 2);
    assert.equal(row.last_error, null);
  });

  test(`a job left running on its last attempt is failed instead of run again [${dialect}]`, async () => {
    const db = await fresh();
    const clock = testClock();
    const jobs = queueOn(db, clock);
    let runs = 0;
    jobs.register('poison', async () => {
      runs += 1;
    });
    const id = await jobs.enqueue(db.kysely, 'poison', null, { maxAttempts: 2 });
    await db.kysely
      .updateTable('jobs')
      .set({ status: 'running', attempts: 2, locked_by: 'dead-worker', locked_until: new Date(START - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    assert.equal(await jobs.runDue(), 1);
    const row = await jobRow(db, id);
    assert.equal(runs, 0);
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /worker stopped/);
  });

  test(`a uniqueKey adds the job only once [${dialect}]`, async () => {
    const db = await fresh();
    const jobs = queueOn(db, testClock());
    const first = await jobs.enqueue(db.kysely, 'deadline.remind', { caseId: 'c-1' }, { uniqueKey: 'remind:c-1' });
    const second = await db.kysely.transaction().execute((trx) => jobs.enqueue(trx, 'deadline.remind', { caseId: 'c-1' }, { uniqueKey: 'remind:c-1' }));
    const other = await jobs.enqueue(db.kysely, 'deadline.remind', { caseId: 'c-2' }, { uniqueKey: 'remind:c-2' });
    assert.equal(second, first);
    assert.notEqual(other, first);
    const rows = await db.kysely.selectFrom('jobs').select('unique_key').orderBy('unique_key').execute();
    assert.deepEqual(
      rows.map((r) => r.unique_key),
      ['remind:c-1', 'remind:c-2'],
    );
  });

  test(`two workers draining one table run every job exactly once [${dialect}]`, async () => {
    const db = await fresh();
    const clock = testClock();
    const runs = new Map<string, number>();
    const workers = ['w-1', 'w-2', 'w-3'].map((workerId) => {
      const q = queueOn(db, clock, undefined, { workerId });
      q.register('count', async (_payload, job) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        await new Promise((r) => setImmediate(r));
      });
      return q;
    });
    const first = workers[0];
    assert.ok(first);
    for (let i = 0; i < 30; i += 1) await first.enqueue(db.kysely, 'count', { i });
    const ran = await Promise.all(workers.map((w) => w.runDue()));
    assert.equal(
      ran.reduce((a, b) => a + b, 0),
      30,
    );
    assert.equal(runs.size, 30);
    assert.deepEqual([...new Set(runs.values())], [1]);
  });

  test(`start polls in the background and stop waits for the running job [${dialect}]`, async () => {
    const db = await fresh();
    const jobs = queueOn(db, testClock(), undefined, { pollMs: 20 });
    const started = deferred();
    const release = deferred();
    jobs.register('slow', async () => {
      started.resolve();
      await release.promise;
    });
    // The poll timer is unref'd by design, so the test holds the event loop open itself.
    const keepAlive = setInterval(() => undefined, 1000);
    try {
      jobs.start();
      const id = await jobs.enqueue(db.kysely, 'slow', null);
      await started.promise;
      let isStopped = false;
      const stopping = jobs.stop().then(() => {
        isStopped = true;
      });
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(isStopped, false, 'stop returned while a job was still running');
      release.resolve();
      await stopping;
      assert.equal((await jobRow(db, id)).status, 'done');
    } finally {
      clearInterval(keepAlive);
    }
  });
}
