import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/app.ts';
import { modules } from '../src/modules/index.ts';
import { createComplaintDraftServiceFor, createComplaintServiceFor } from '../src/modules/complaints/complaint-service-factory.ts';
import { allMigrations } from '../src/platform/create.ts';
import { AppError } from '../src/platform/http/errors.ts';
import { JOB_PAYLOAD_CONTEXT } from '../src/platform/jobs/index.ts';
import { EMAIL_JOB_TYPE } from '../src/platform/notify/index.ts';
import type { Platform } from '../src/platform/platform.ts';
import { openTestDatabases } from './helpers/db.ts';
import { createTestPlatform } from './helpers/platform.ts';
import { createWebClient } from './helpers/staff.ts';

// Issue 13 item 5: codes sent to an address the requester typed are limited per address and per network address.
const databases = openTestDatabases(allMigrations(modules));
const LIMITS = { CODE_SENDS_PER_ADDRESS: '3', CODE_SENDS_PER_NETWORK_ADDRESS: '4', CODE_SEND_WINDOW_MINUTES: '60', RATE_LIMIT_WRITES_PER_MINUTE: '100000' };
const HOUR = 3_600_000;

/** The recipients of every e-mail waiting in the queue, in the order they were queued. */
async function queuedRecipients(platform: Platform): Promise<string[]> {
  const jobs = await platform.db.kysely.selectFrom('jobs').select(['payload_enc', 'created_at', 'id']).where('type', '=', EMAIL_JOB_TYPE).orderBy('created_at').orderBy('id').execute();
  return jobs.map((job) => (JSON.parse(platform.keyring.decrypt(job.payload_enc, JOB_PAYLOAD_CONTEXT)) as { to: string }).to);
}

for (const { dialect, fresh } of databases.all) {
  test(`a theft report's codes to one typed address stop at the limit, from any network address [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh(), { modules, env: LIMITS });
    const app = await buildApp(platform, modules);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const client = createWebClient(app, `198.51.100.${i + 1}`);
      await client.get('/devices/report');
      statuses.push((await client.post('/devices/report', { email: 'victim@example.org' })).statusCode);
    }
    assert.deepEqual(statuses, [303, 303, 303, 429, 429]);
    assert.deepEqual(await queuedRecipients(platform), ['victim@example.org', 'victim@example.org', 'victim@example.org']);

    platform.clock.advance(HOUR + 1000);
    const later = createWebClient(app, '198.51.100.77');
    await later.get('/devices/report');
    assert.equal((await later.post('/devices/report', { email: 'victim@example.org' })).statusCode, 303, 'a new window, a new code');
    await app.close();
  });

  test(`one network address asking codes for many addresses is stopped, on every page that sends one [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh(), { modules, env: LIMITS });
    const app = await buildApp(platform, modules);
    const forms: Array<[string, (i: number) => Record<string, string>, string]> = [
      ['/devices/report', (i) => ({ email: `person${i}@example.org` }), '/devices/report'],
      ['/devices/recover', (i) => ({ requestId: `LS-0000000${i}` }), '/devices/recover'],
      ['/complaints/follow', (i) => ({ reference: `KE-2026-00000${i}` }), '/complaints/follow'],
      ['/complaints/resume/new-code', (i) => ({ newCodeReference: `DR-0000-0000-000${i}` }), '/complaints/resume'],
    ];
    for (const [index, [path, fields, page]] of forms.entries()) {
      const client = createWebClient(app, `203.0.113.${index + 1}`);
      await client.get(page);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await client.post(path, fields(i))).statusCode);
      assert.deepEqual(statuses, [303, 303, 303, 303, 429, 429], path);
      const refused = await client.post(path, fields(9));
      assert.ok(Number(refused.headers['retry-after']) > 0, `${path} says when to try again`);
    }
    await app.close();
  });

  test(`saving a complaint draft for later sends its code to a typed address within the same limits [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh(), { modules, env: LIMITS });
    const drafts = createComplaintDraftServiceFor(platform, createComplaintServiceFor(platform).consumer);
    const mail = { t: (key: string) => key, formatDate: (iso: string) => iso, resumeUrl: 'http://127.0.0.1/complaints/resume' };
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const { draft } = await drafts.start();
      try {
        const saved = await drafts.saveForLater(draft, 'victim@example.org', mail, `192.0.2.${i + 1}`);
        outcomes.push(saved.ok ? 'saved' : 'refused');
      } catch (error) {
        outcomes.push(error instanceof AppError ? String(error.status) : 'crashed');
      }
    }
    assert.deepEqual(outcomes, ['saved', 'saved', 'saved', '429']);
    assert.equal((await queuedRecipients(platform)).length, 3);
  });
}
