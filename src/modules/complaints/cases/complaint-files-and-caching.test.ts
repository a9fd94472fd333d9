import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import { createComplaintServiceFor, type ComplaintSubmission, type StaffActor } from '../index.ts';
import { safeFileName } from './complaint-file-name.ts';
import { COMPLAINTS_TEST_MODULES, createComplaintsTestApp } from '../testing/complaints-app.ts';
import { complaintSubmission } from '../testing/complaint-answers.ts';

// Issue 13 item 4: stored attachments keep a safe name, and complaint answers with personal data are never cached.
const databases = openTestDatabases(allMigrations(COMPLAINTS_TEST_MODULES));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

const submission = (): ComplaintSubmission =>
  complaintSubmission({
    operatorIds: ['OP-F-1'],
    description: 'Charged twice for the same bundle in November.',
    desiredOutcome: 'Refund the second charge.',
    consumer: { name: 'Files Tester', email: 'files.tester@example.org', language: 'en' },
  });

async function setup(database: (typeof databases.all)[number]) {
  const { platform, app } = await createComplaintsTestApp(database, { 'OP-F-1': 'Files One' });
  const service = createComplaintServiceFor(platform);
  const admin = await buildStaffAccount(platform, { role: 'admin' });
  const staffActor: StaffActor = { actor: { type: 'user', id: admin.id }, userId: admin.id, role: 'admin' };
  const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
  const created = await auth.createToken(
    { kind: 'system' },
    { name: 'files', operatorId: 'OP-F-1', permissions: ['complaints:read', 'complaints:respond'], expiresInDays: '', createdBy: admin.id },
  );
  assert.ok(created.ok);
  const staff = createWebClient(app, '10.30.0.1');
  await signIn(staff, platform, admin);
  const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-F-1' });
  const portal = createWebClient(app, '10.30.0.2');
  await signIn(portal, platform, agent);
  return { platform, app, service, staffActor, bearer: { authorization: `Bearer ${created.value.plaintext}` }, staff, portal };
}

/** Posts one file as a browser without JavaScript does. */
async function postFile(app: App, client: WebClient, url: string, file: { name: string; type: string; data: Buffer }): Promise<LightMyRequestResponse> {
  const boundary = '----KingaFilesBoundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken ?? ''}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const cookie = [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  const response = await app.inject({
    method: 'POST',
    url,
    remoteAddress: '10.30.0.9',
    headers: { accept: 'text/html', cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  for (const set of response.cookies) client.cookies.set(set.name, set.value);
  return response;
}

describe('attachment names', () => {
  it("takes the extension of the verified type, never the uploader's", () => {
    assert.equal(safeFileName('invoice.html', 'application/pdf'), 'invoice.pdf');
    assert.equal(safeFileName('scan.JPEG', 'image/jpeg'), 'scan.jpg');
    assert.equal(safeFileName('photo.png', 'image/png'), 'photo.png');
    assert.equal(safeFileName('../../etc/passwd', 'application/pdf'), 'passwd.pdf');
    assert.equal(safeFileName('C:\\Users\\me\\bill.svg', 'image/png'), 'bill.png');
    assert.equal(safeFileName('.htaccess', 'application/pdf'), 'htaccess.pdf');
    assert.equal(safeFileName('', 'image/png'), 'attachment.png');
    assert.equal(safeFileName('reçu de mars.html', 'application/pdf'), 'reçu de mars.pdf');
    assert.equal(safeFileName('a\u202Efdp.exe', 'application/pdf'), 'afdp.pdf', 'no bidi control hides the real extension');
    assert.equal(safeFileName(`${'x'.repeat(300)}.pdf`, 'application/pdf').length, 104);
  });
});

for (const database of databases.all) {
  describe(`complaint files and caching (${database.dialect})`, () => {
    it("stores and serves an operator's and a consumer's uploads under a name and type taken from the file's signature", async () => {
      const { app, service, staffActor, staff, portal } = await setup(database);
      const consumer = createWebClient(app, '10.30.0.3');
      await consumer.get('/complaints/new/evidence');
      assert.equal((await postFile(app, consumer, '/complaints/new/evidence', { name: 'statement.html', type: 'text/html', data: PDF })).statusCode, 303);
      const evidence = await consumer.get('/complaints/new/evidence');
      assert.match(evidence.body, /statement\.pdf/);
      assert.doesNotMatch(evidence.body, /statement\.html/);

      const filed = await service.file({ type: 'system', id: null }, submission());
      const reference = filed.cases[0]!.reference;
      await service.staff.assess(staffActor, reference, 'refer');
      await portal.get(`/staff/operator/complaints/${reference}`);
      assert.equal(
        (
          await postFile(app, portal, `/staff/operator/complaints/${reference}/attachments`, {
            name: 'reply.html',
            type: 'application/octet-stream',
            data: PNG,
          })
        ).statusCode,
        303,
      );
      const detail = await service.staff.open(staffActor, reference);
      assert.deepEqual(
        detail.attachments.map((a) => [a.fileName, a.mediaType]),
        [['reply.png', 'image/png']],
      );
      const download = await staff.get(`/staff/complaints/${reference}/attachments/${detail.attachments[0]!.id}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'image/png');
      assert.equal(download.headers['content-disposition'], 'attachment; filename="reply.png"');
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
    });

    it('sends Cache-Control: no-store with every complaint answer that carries personal data', async () => {
      const { app, service, staffActor, bearer, staff, portal } = await setup(database);
      const { channel: _channel, ...body } = submission();
      const filedAnswer = await app.inject({ method: 'POST', url: '/api/v1/complaints', payload: body });
      const refused = await app.inject({ method: 'POST', url: '/api/v1/complaints', payload: { ...body, consent: false } });
      const reference = (filedAnswer.json().cases as Array<{ reference: string }>)[0]!.reference;
      await service.staff.assess(staffActor, reference, 'refer');
      const answers: Record<string, LightMyRequestResponse> = {
        'POST /api/v1/complaints 201': filedAnswer,
        'POST /api/v1/complaints 422': refused,
        'GET /api/v1/operator/complaints': await app.inject({ method: 'GET', url: '/api/v1/operator/complaints', headers: bearer }),
        'GET /api/v1/operator/complaints/:reference': await app.inject({ method: 'GET', url: `/api/v1/operator/complaints/${reference}`, headers: bearer }),
        'GET /api/v1/operator/complaints/:reference 404': await app.inject({
          method: 'GET',
          url: '/api/v1/operator/complaints/K-000000000000-0',
          headers: bearer,
        }),
        'POST /api/v1/operator/complaints/:reference/responses': await app.inject({
          method: 'POST',
          url: `/api/v1/operator/complaints/${reference}/responses`,
          headers: bearer,
          payload: { kind: 'response', text: 'We refunded it.' },
        }),
        'GET /staff/complaints/:reference': await staff.get(`/staff/complaints/${reference}`),
        'GET /staff/complaints': await staff.get('/staff/complaints'),
        'GET /staff/operator/complaints/:reference': await portal.get(`/staff/operator/complaints/${reference}`),
        'GET /staff/operator/complaints': await portal.get('/staff/operator/complaints'),
      };
      for (const [route, answer] of Object.entries(answers)) {
        assert.ok(answer.statusCode < 500, route);
        assert.equal(answer.headers['cache-control'], 'no-store', route);
      }
    });
  });
}
