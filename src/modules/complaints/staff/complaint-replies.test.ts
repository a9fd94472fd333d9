import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule, createComplaintServiceFor, type StaffActor } from '../index.ts';
import { complaintSubmission } from '../testing/complaint-answers.ts';

// Issue 13 item 15: officers and operators reply to the consumer's messages, and the consumer is
// told by e-mail; the consumer chooses whether a message is also for the provider.
const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const smtp = await startSmtpServer();
after(() => smtp.close());

async function setup(database: (typeof databases.all)[number]) {
  const platform = await createTestPlatform(await database.fresh(), { modules, env: { SMTP_URL: smtp.url } });
  await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-M-1', 'Message Mobile');
  const app = await buildApp(platform, modules);
  const service = createComplaintServiceFor(platform);
  const admin = await buildStaffAccount(platform, { role: 'officer' });
  const officer: StaffActor = { actor: { type: 'user', id: admin.id }, userId: admin.id, role: 'officer' };
  const staff = createWebClient(app, '10.50.0.1');
  await signIn(staff, platform, admin);
  const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-M-1' });
  const portal = createWebClient(app, '10.50.0.2');
  await signIn(portal, platform, agent);
  const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
  const created = await auth.createToken(
    { kind: 'system' },
    { name: 'replies', operatorId: 'OP-M-1', permissions: ['complaints:read', 'complaints:respond'], expiresInDays: '', createdBy: admin.id },
  );
  assert.ok(created.ok);
  const email = `replies.${Math.random().toString(36).slice(2, 8)}@example.org`;
  const before = smtp.messages.length;
  const filed = await service.file(
    { type: 'system', id: null },
    complaintSubmission({
      operatorIds: ['OP-M-1'],
      description: 'Charged twice for my data bundle.',
      consumer: { name: 'Reply Tester', email, language: 'en' },
    }),
  );
  // The acknowledgement has arrived before any test counts the e-mails that follow it.
  await platform.jobs.runDue();
  await smtp.waitFor(before + 1);
  /** The e-mails the SMTP server received for the consumer since `since`, once the queue ran and `expected` of them arrived. */
  const mailSince = async (since: number, expected = 1) => {
    await platform.jobs.runDue();
    await smtp.waitFor(since + expected);
    return smtp.messages.slice(since).filter((m) => m.to.includes(email));
  };
  return {
    platform,
    app,
    service,
    officer,
    staff,
    portal,
    bearer: { authorization: `Bearer ${created.value.plaintext}` },
    email,
    reference: filed.cases[0]!.reference,
    filingReference: filed.reference,
    mailSince,
  };
}

/** A consumer browser following the filing with the code e-mailed to them. */
async function follow(
  app: App,
  filingReference: string,
  mailSince: (since: number, expected?: number) => Promise<Array<{ text: string | undefined }>>,
): Promise<WebClient> {
  const client = createWebClient(app, '10.50.0.9');
  const since = smtp.messages.length;
  await client.get('/complaints/follow');
  await client.post('/complaints/follow', { reference: filingReference });
  await client.get('/complaints/follow/code');
  const code = /Your code is ([0-9]{6})/.exec((await mailSince(since)).map((m) => m.text ?? '').join('\n'))?.[1] ?? '';
  assert.equal((await client.post('/complaints/follow/code', { code })).headers.location, '/complaints/follow/case');
  return client;
}

for (const database of databases.all) {
  describe(`replies to the consumer (${database.dialect})`, () => {
    it('lets an officer reply to the consumer from the case page, and e-mails the consumer', async () => {
      const { app, service, staff, reference, filingReference, mailSince } = await setup(database);
      await service.consumerMessage(reference, 'Did you receive my bill?');
      const page = await staff.get(`/staff/complaints/${reference}`);
      assert.match(page.body, new RegExp(`action="/staff/complaints/${reference}/message"`), 'the case page has a reply form');
      const empty = await staff.post(`/staff/complaints/${reference}/message`, { message: '' });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /href="#field-message"/);
      const since = smtp.messages.length;
      assert.equal((await staff.post(`/staff/complaints/${reference}/message`, { message: 'Yes, we have it; we are checking it.' })).statusCode, 303);
      const mails = await mailSince(since);
      assert.equal(mails.length, 1, 'one e-mail tells the consumer');
      assert.match(mails[0]?.subject ?? '', /a new message/);
      const consumer = await follow(app, filingReference, mailSince);
      assert.match((await consumer.get(`/complaints/follow/case/${reference}`)).body, /Yes, we have it; we are checking it\./);
    });

    it('lets the operator read the messages addressed to it and reply on the portal and through the API; the consumer is told each time', async () => {
      const { app, service, officer, portal, bearer, reference, filingReference, mailSince } = await setup(database);
      assert.equal(
        (await app.inject({ method: 'POST', url: `/api/v1/operator/complaints/${reference}/messages`, headers: bearer, payload: { text: 'Too early.' } }))
          .statusCode,
        404,
        'not before the referral',
      );
      await service.staff.assess(officer, reference, 'refer');
      const consumer = await follow(app, filingReference, mailSince);
      const casePage = await consumer.get(`/complaints/follow/case/${reference}`);
      assert.match(casePage.body, /name="to" type="radio" value="operator"/, 'once referred, the consumer chooses who reads a message');
      await consumer.post(`/complaints/follow/case/${reference}/message`, { text: 'For the regulator only: I am worried.', to: 'regulator' });
      await consumer.post(`/complaints/follow/case/${reference}/message`, { text: 'Dear provider, please refund me.', to: 'operator' });

      const seen = await portal.get(`/staff/operator/complaints/${reference}`);
      assert.match(seen.body, /Dear provider, please refund me\./);
      assert.doesNotMatch(seen.body, /For the regulator only/);
      const since = smtp.messages.length;
      assert.equal((await portal.post(`/staff/operator/complaints/${reference}/messages`, { message: 'We will refund you this week.' })).statusCode, 303);
      const byApi = await app.inject({
        method: 'POST',
        url: `/api/v1/operator/complaints/${reference}/messages`,
        headers: bearer,
        payload: { text: 'The refund left today.' },
      });
      assert.equal(byApi.statusCode, 201);
      assert.deepEqual(
        (byApi.json().messages as Array<{ from: string; text: string }>).map((m) => [m.from, m.text]),
        [
          ['consumer', 'Dear provider, please refund me.'],
          ['operator', 'We will refund you this week.'],
          ['operator', 'The refund left today.'],
        ],
      );
      const invalid = await app.inject({ method: 'POST', url: `/api/v1/operator/complaints/${reference}/messages`, headers: bearer, payload: { text: '   ' } });
      assert.equal(invalid.statusCode, 422);

      const mails = await mailSince(since, 2);
      assert.equal(mails.length, 2, 'an e-mail for each reply');
      assert.ok(
        mails.every((m) => /Message Mobile/.test(m.text ?? '')),
        'the e-mail names the provider that wrote',
      );
      const thread = (await consumer.get(`/complaints/follow/case/${reference}`)).body;
      assert.match(thread, /We will refund you this week\./);
      assert.match(thread, /The refund left today\./);
    });
  });
}
