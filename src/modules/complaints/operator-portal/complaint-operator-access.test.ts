import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import type { MailMessage, Mailer } from '../../../platform/notify/index.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule, createComplaintServiceFor, type ComplaintSubmission, type StaffActor } from '../index.ts';
import { complaintSubmission } from '../testing/complaint-answers.ts';

// Issue 13 item 1: an operator reaches a case only once the regulator referred it, and sees only
// the fields the consent text names.
const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const DEMO_PROFILE = join(import.meta.dirname, '../../../../jurisdictions/demo.json');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A copy of the demo profile with these complaint settings. */
function profileWith(complaints: Record<string, unknown>): string {
  const profile = JSON.parse(readFileSync(DEMO_PROFILE, 'utf8')) as { modules: Record<string, Record<string, unknown>> };
  profile.modules = { ...profile.modules, complaints: { ...profile.modules['complaints'], ...complaints } };
  const file = join(mkdtempSync(join(tmpdir(), 'kinga-complaints-profile-')), 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

const submission = (overrides: Partial<ComplaintSubmission> = {}): ComplaintSubmission =>
  complaintSubmission({
    operatorIds: ['OP-A-1'],
    description: 'Charged twice for the same bundle in November.',
    desiredOutcome: 'Refund the second charge.',
    priorContact: { contacted: true, date: '2026-11-25', operatorReference: 'SV-77' },
    consumer: { name: 'Access Tester', email: 'access.tester@example.org', phone: '+254 711 000 111', accountNumber: 'ACC-9001', language: 'en' },
    extraSupport: ['disability'],
    extraSupportDetails: 'I use a screen reader and cannot read scanned letters.',
    ...overrides,
  });

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const mailer: Mailer = { send: async (_m: MailMessage) => undefined, close: async () => undefined };
  const platform = await createTestPlatform(await database.fresh(), { modules, mailer, env });
  const offers = createOfferServiceFor(platform);
  await offers.addOperator({ type: 'system', id: null }, 'OP-A-1', 'Access One');
  await offers.addOperator({ type: 'system', id: null }, 'OP-A-2', 'Access Two');
  const app = await buildApp(platform, modules);
  const service = createComplaintServiceFor(platform);
  const admin = await buildStaffAccount(platform, { role: 'admin' });
  const officer: StaffActor = { actor: { type: 'user', id: admin.id }, userId: admin.id, role: 'admin' };
  const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
  const created = await auth.createToken(
    { kind: 'system' },
    { name: 'access', operatorId: 'OP-A-1', permissions: ['complaints:read', 'complaints:respond'], expiresInDays: '', createdBy: admin.id },
  );
  assert.ok(created.ok);
  const bearer = { authorization: `Bearer ${created.value.plaintext}` };
  const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-A-1' });
  const portal = createWebClient(app, '10.20.0.1');
  await signIn(portal, platform, agent);
  return { platform, app, service, officer, bearer, portal };
}

/** Every way an operator agent or token reaches one case, and whether each let it through. */
async function reach(app: App, portal: WebClient, bearer: Record<string, string>, reference: string, attachmentId: string) {
  const list = await portal.get('/staff/operator/complaints');
  const apiList = await app.inject({ method: 'GET', url: '/api/v1/operator/complaints', headers: bearer });
  const page = await portal.get(`/staff/operator/complaints/${reference}`);
  const file = await portal.get(`/staff/operator/complaints/${reference}/attachments/${attachmentId}`);
  const api = await app.inject({ method: 'GET', url: `/api/v1/operator/complaints/${reference}`, headers: bearer });
  return {
    portalList: list.body.includes(reference),
    apiList: (apiList.json().cases as Array<{ reference: string }>).some((c) => c.reference === reference),
    portalCase: page.statusCode,
    portalAttachment: file.statusCode,
    apiCase: api.statusCode,
  };
}

/** Posts one PDF to the portal's evidence upload, as a browser without JavaScript does. */
async function upload(app: App, portal: WebClient, reference: string): Promise<number> {
  const boundary = '----KingaAccessBoundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${portal.csrfToken ?? ''}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const cookie = [...portal.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  const answer = await app.inject({
    method: 'POST',
    url: `/staff/operator/complaints/${reference}/attachments`,
    remoteAddress: '10.20.0.1',
    headers: { accept: 'text/html', cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  return answer.statusCode;
}

/** Every way an operator acts on a case; each answer's status. */
async function act(app: App, portal: WebClient, bearer: Record<string, string>, reference: string) {
  await portal.get('/staff/operator/complaints');
  return {
    portalRespond: (await portal.post(`/staff/operator/complaints/${reference}/responses`, { kind: 'response', text: 'We looked into it.' })).statusCode,
    portalImplemented: (await portal.post(`/staff/operator/complaints/${reference}/implemented`, { note: 'Done.' })).statusCode,
    portalMessage: (await portal.post(`/staff/operator/complaints/${reference}/messages`, { message: 'Hello.' })).statusCode,
    portalUpload: await upload(app, portal, reference),
    apiRespond: (
      await app.inject({
        method: 'POST',
        url: `/api/v1/operator/complaints/${reference}/responses`,
        headers: bearer,
        payload: { kind: 'response', text: 'We looked into it.' },
      })
    ).statusCode,
    apiMessage: (await app.inject({ method: 'POST', url: `/api/v1/operator/complaints/${reference}/messages`, headers: bearer, payload: { text: 'Hello.' } }))
      .statusCode,
  };
}

const HIDDEN = { portalList: false, apiList: false, portalCase: 404, portalAttachment: 404, apiCase: 404 };
const SHOWN = { portalList: true, apiList: true, portalCase: 200, portalAttachment: 200, apiCase: 200 };

for (const database of databases.all) {
  describe(`operator access to complaints (${database.dialect})`, () => {
    it('keeps a received, an assessed and a directly investigated case from the operator on every route, and opens it from referral', async () => {
      const { app, service, officer, bearer, portal } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, submission(), [{ fileName: 'bill.pdf', mediaType: 'application/pdf', content: PDF }]);
      const reference = filed.cases[0]!.reference;
      const attachmentId = (await service.staff.open(officer, reference)).attachments[0]!.id;

      assert.deepEqual(await reach(app, portal, bearer, reference, attachmentId), HIDDEN, 'received: not referred yet');
      assert.deepEqual(await act(app, portal, bearer, reference), {
        portalRespond: 404,
        portalImplemented: 404,
        portalMessage: 404,
        portalUpload: 404,
        apiRespond: 404,
        apiMessage: 404,
      });

      const direct = await service.file({ type: 'system', id: null }, submission());
      const directReference = direct.cases[0]!.reference;
      await service.staff.assess(officer, directReference, 'investigate');
      const directAttachment = 'none';
      const investigated = await reach(app, portal, bearer, directReference, directAttachment);
      assert.deepEqual({ ...investigated, portalAttachment: 404 }, HIDDEN, 'investigated by the regulator without referral');

      await service.staff.assess(officer, reference, 'refer');
      assert.deepEqual(await reach(app, portal, bearer, reference, attachmentId), SHOWN, 'referred');
    });

    it('shows the operator only the fields the consent text names, on the portal and in the API', async () => {
      const { app, service, officer, bearer, portal } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, submission());
      const reference = filed.cases[0]!.reference;
      await service.staff.addNote(officer, reference, 'Internal: the consumer called twice.');
      await service.staff.askConsumer(officer, reference, 'Which day were you charged the second time?');
      await service.consumerMessage(reference, 'On the 3rd, by the regulator only please.');
      await service.staff.assess(officer, reference, 'refer');

      const page = await portal.get(`/staff/operator/complaints/${reference}`);
      assert.equal(page.statusCode, 200);
      for (const shown of ['Access Tester', 'ACC-9001', 'Charged twice for the same bundle', 'Refund the second charge.', 'SV-77'])
        assert.ok(page.body.includes(shown), `the portal shows ${shown}`);
      for (const hidden of [
        'access.tester@example.org',
        '+254 711 000 111',
        'screen reader',
        'Disability',
        'Internal: the consumer',
        'Which day were you charged',
        'by the regulator only',
        filed.reference,
      ]) {
        assert.ok(!page.body.includes(hidden), `the portal hides ${hidden}`);
      }

      const api = await app.inject({ method: 'GET', url: `/api/v1/operator/complaints/${reference}`, headers: bearer });
      assert.equal(api.statusCode, 200);
      const text = api.body;
      for (const hidden of [
        'access.tester@example.org',
        '+254 711 000 111',
        'screen reader',
        'disability',
        'Internal: the consumer',
        'Which day were you charged',
        'by the regulator only',
        filed.reference,
      ]) {
        assert.ok(!text.includes(hidden), `the API hides ${hidden}`);
      }
      assert.equal(api.json().consumer.accountNumber, 'ACC-9001');
      assert.equal(api.json().hasExtraSupport, true, 'that the consumer needs extra support, not why');
      assert.deepEqual(
        (api.json().deadlines as Array<{ stage: string }>).map((d) => d.stage),
        ['referred_to_operator'],
        'the deadlines from the referral on',
      );
    });

    it('lists the fields that go to the operator on the consent page, the staff form and the rights page', async () => {
      const { app, platform } = await setup(database);
      const consumer = createWebClient(app, '10.20.0.9');
      const consent = await consumer.get('/complaints/new/consent');
      for (const field of ['your name', 'account', 'what happened', 'documents'])
        assert.match(consent.body, new RegExp(field), `the consent page names ${field}`);
      assert.match(consent.body, /once the regulator has checked/);
      assert.match(consent.body, /e-mail address and your contact phone number stay with the regulator/);
      const rights = await consumer.get('/complaints');
      assert.match(rights.body, /your account or service number/);
      const officer = await buildStaffAccount(platform, { role: 'officer' });
      const staff = createWebClient(app, '10.20.0.8');
      await signIn(staff, platform, officer);
      assert.match((await staff.get('/staff/complaints/new')).body, /once the regulator has checked/);
    });

    it('refers every case at filing when the profile asks for direct referral, and says so before the consumer consents', async () => {
      const { app, service, bearer, portal } = await setup(database, { KINGA_JURISDICTION: profileWith({ directReferral: true }) });
      const consent = await createWebClient(app, '10.20.0.7').get('/complaints/new/consent');
      assert.match(consent.body, /as soon as you send it/);
      const filed = await service.file({ type: 'system', id: null }, submission({ extraSupport: [] }));
      const reference = filed.cases[0]!.reference;
      assert.equal(filed.cases[0]!.stage, 'referred_to_operator');
      assert.deepEqual(
        filed.cases[0]!.deadlines.map((d) => d.stage),
        ['referred_to_operator'],
      );
      const reached = await reach(app, portal, bearer, reference, 'none');
      assert.deepEqual({ ...reached, portalAttachment: 200 }, SHOWN);
    });
  });
}
