import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/app.ts';
import { modules } from '../src/modules/index.ts';
import { createComplaintDraftServiceFor, createComplaintServiceFor } from '../src/modules/complaints/complaints.wiring.ts';
import { createOfferServiceFor } from '../src/modules/offers/index.ts';
import { complaintApiBody } from '../src/modules/complaints/testing/complaint-answers.ts';
import { allMigrations } from '../src/platform/create.ts';
import { AppError } from '../src/platform/http/errors.ts';
import { EMAIL_JOB_TYPE } from '../src/platform/notify/index.ts';
import type { Platform } from '../src/platform/platform.ts';
import { openTestDatabases } from './helpers/db.ts';
import { englishSentencesIn } from './helpers/english-sentences.ts';
import { queuedJobPayloads } from './helpers/jobs.ts';
import { createTestPlatform } from './helpers/platform.ts';
import { createWebClient } from './helpers/staff.ts';

// Issue 13 item 5: codes sent to an address the requester typed are limited per address and per network address.
const databases = openTestDatabases(allMigrations(modules));
const LIMITS = { CODE_SENDS_PER_ADDRESS: '3', CODE_SENDS_PER_NETWORK_ADDRESS: '4', CODE_SEND_WINDOW_MINUTES: '60', RATE_LIMIT_WRITES_PER_MINUTE: '100000' };
const HOUR = 3_600_000;

/** The recipients of every e-mail waiting in the queue, in the order they were queued. */
async function queuedRecipients(platform: Platform): Promise<string[]> {
  const payloads = await queuedJobPayloads(platform, EMAIL_JOB_TYPE);
  return payloads.map((payload) => (payload as { to: string }).to);
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

  test(`the complaints API e-mails its receipt to a typed address within the same limits, per address and per network address, refusing in the reader's language [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh(), { modules, env: LIMITS });
    await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-LIMIT-1', 'Limit One');
    const app = await buildApp(platform, modules);
    const complaint = (email: string) =>
      complaintApiBody({
        operatorIds: ['OP-LIMIT-1'],
        description: 'Charged twice for the same bundle this month.',
        desiredOutcome: 'A refund of the second charge.',
        consumer: { name: 'Receipt Reader', email, language: 'en' },
      });
    const file = (email: string, remoteAddress: string, language = 'en') =>
      app.inject({ method: 'POST', url: '/api/v1/complaints', remoteAddress, headers: { 'accept-language': language }, payload: complaint(email) });
    const receiptsTo = async (address: string) => (await queuedRecipients(platform)).filter((to) => to === address).length;

    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await file('victim@example.org', `198.51.100.${i + 1}`)).statusCode);
    assert.deepEqual(statuses, [201, 201, 201, 429], 'one typed address, from any network address');
    assert.equal(await receiptsTo('victim@example.org'), 3);
    const french = await file('victim@example.org', '198.51.100.9', 'fr');
    assert.equal(french.statusCode, 429);
    assert.match(String(french.headers['content-type']), /^application\/problem\+json/);
    assert.ok(Number(french.headers['retry-after']) > 0, 'says when to try again');
    assert.equal(french.headers['content-language'], 'fr');
    assert.equal(french.json<{ detail: string }>().detail, platform.catalogs.translator('fr')('complaints.refusal.receiptsLimited'));

    const many: number[] = [];
    for (let i = 0; i < 6; i += 1) many.push((await file(`person${i}@example.org`, '203.0.113.50', i === 5 ? 'zh' : 'en')).statusCode);
    assert.deepEqual(many, [201, 201, 201, 201, 429, 429], 'one network address, many typed addresses');
    const chinese = await file('person9@example.org', '203.0.113.50', 'zh');
    assert.equal(chinese.headers['content-language'], 'zh');
    assert.deepEqual(englishSentencesIn(chinese.json<{ detail: string }>().detail), []);
    assert.equal(await receiptsTo('person9@example.org'), 0);

    // A filing refused for its fields sends nothing, and so counts for nothing.
    const wrong = { ...complaint('careful@example.org'), operatorIds: ['OP-NOPE'] };
    for (let i = 0; i < 5; i += 1)
      assert.equal((await app.inject({ method: 'POST', url: '/api/v1/complaints', remoteAddress: '192.0.2.77', payload: wrong })).statusCode, 422);
    assert.equal((await file('careful@example.org', '192.0.2.77')).statusCode, 201);
    await app.close();
  });

  test(`a complaint sent through the web form counts its receipt in the same limits, and past them keeps the answers and says why in the page's language [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh(), { modules, env: LIMITS });
    await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-LIMIT-2', 'Limit Two');
    const app = await buildApp(platform, modules);
    const client = createWebClient(app, '198.51.100.200');
    const answer = async (step: string, fields: Record<string, string | string[]>) => {
      await client.get(`/complaints/new/${step}?lang=ar`);
      const answered = await client.post(`/complaints/new/${step}?lang=ar`, fields);
      assert.equal(answered.statusCode, 303, `${step}: ${answered.body.slice(0, 300)}`);
    };
    await answer('operator', { operatorIds: ['OP-LIMIT-2'] });
    await answer('service', { service: 'mobile' });
    await answer('problem', { category: 'billing' });
    await answer('what-happened', {
      description: 'Charged twice for the same data bundle.',
      problemStartDay: '14',
      problemStartMonth: '11',
      problemStartYear: '2026',
    });
    await answer('outcome', { desiredOutcome: 'A refund.' });
    await answer('operator-contact', { contacted: 'no' });
    await answer('your-details', { name: 'Web Reader', email: 'web.victim@example.org' });
    await answer('support', { needsSupport: 'no' });
    await client.get('/complaints/new/evidence?lang=ar');
    await client.post('/complaints/new/evidence/continue?lang=ar');
    await answer('consent', { consent: 'yes' });

    // The address already had its receipts through the API.
    const body = complaintApiBody({
      operatorIds: ['OP-LIMIT-2'],
      description: 'Charged twice for the same bundle.',
      consumer: { name: 'Web Reader', email: 'web.victim@example.org', language: 'en' },
    });
    for (let i = 0; i < 3; i += 1)
      assert.equal((await app.inject({ method: 'POST', url: '/api/v1/complaints', remoteAddress: `192.0.2.${i + 10}`, payload: body })).statusCode, 201);

    await client.get('/complaints/new/check?lang=ar');
    const refused = await client.post('/complaints/new/check?lang=ar');
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0, 'says when to try again');
    assert.ok(refused.body.includes(platform.catalogs.translator('ar')('complaints.refusal.receiptsLimited')), 'the page says why, in Arabic');
    assert.equal((await platform.db.kysely.selectFrom('complaint_filings').select('id').execute()).length, 3, 'nothing more was filed');
    assert.equal((await client.get('/complaints/new/check?lang=ar')).statusCode, 200, 'the answers are kept');
    await app.close();
  });
}
