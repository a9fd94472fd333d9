import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createComplaintServiceFor, type StaffActor } from '../index.ts';
import { COMPLAINTS_TEST_MODULES, createComplaintsTestApp } from '../testing/complaints-app.ts';
import { staffEntryForm } from '../testing/complaint-answers.ts';

const databases = openTestDatabases(allMigrations(COMPLAINTS_TEST_MODULES));
const MOBILE = '+254733000222';

for (const database of databases.all) {
  describe(`staff and a consumer reached by text message (${database.dialect})`, () => {
    it('files a complaint received by phone for a consumer without an e-mail address, then finds, exports and erases it by the mobile number', async () => {
      const { platform, app } = await createComplaintsTestApp(database, { 'OP-T-1': 'Text One' });
      const service = createComplaintServiceFor(platform);
      const account = await buildStaffAccount(platform, { role: 'officer' });
      const officer: StaffActor = { actor: { type: 'user', id: account.id }, userId: account.id, role: 'officer' };
      const staff = createWebClient(app, '10.96.0.1');
      await signIn(staff, platform, account);
      const form = await staff.get('/staff/complaints/new');
      assert.match(form.body, /<legend>How the consumer is reached<\/legend>/);
      assert.match(form.body, /name="contactBy" type="radio" value="email" checked/);
      const fields = staffEntryForm({
        channel: 'phone',
        operatorIds: 'OP-T-1',
        description: 'Charged twice for one bundle.',
        name: 'Baraka Caller',
        language: 'en',
      });
      const fixedLine = await staff.post('/staff/complaints/new', { ...fields, contactBy: 'sms', phone: '020 222 2222' });
      assert.equal(fixedLine.statusCode, 422);
      assert.match(fixedLine.body, /href="#field-phone"/);
      const filed = await staff.post('/staff/complaints/new', { ...fields, contactBy: 'sms', phone: '0733 000 222' });
      assert.equal(filed.statusCode, 201, filed.body.slice(0, 500));
      const reference = /C-[0-9A-Z]{12}-[0-9A-Z]/.exec(filed.body)?.[0] ?? '';
      assert.ok(reference);
      assert.deepEqual(
        (await outboxTexts(platform, MOBILE)).map((m) => [m.purpose, m.text.includes(reference)]),
        [['complaints.receipt', true]],
      );
      const caseReference = (await service.findForConsumer(reference)).cases[0]?.reference ?? '';
      const casePage = await staff.get(`/staff/complaints/${caseReference}`);
      assert.match(casePage.body, /\+254733000222/, 'staff see the number on file');

      // Each change of stage is texted as it would be e-mailed: assessed, then referred.
      await service.staff.assess(officer, caseReference, 'refer');
      const texts = await outboxTexts(platform, MOBILE);
      assert.deepEqual(
        texts.map((m) => m.purpose),
        ['complaints.receipt', 'complaints.notice', 'complaints.notice'],
      );
      assert.match(texts[1]?.text ?? '', new RegExp(`News on your complaint ${caseReference}\\. Read it at http`));

      await staff.get('/staff/complaints/privacy');
      const wrong = await staff.post('/staff/complaints/privacy', { email: '12345', action: 'export' });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /or a mobile number like 0712 345 678/);
      const exported = await staff.post('/staff/complaints/privacy', { email: '+254 733 000 222', action: 'export' });
      assert.equal(exported.statusCode, 200);
      const data = JSON.parse(exported.body) as { filings: Array<{ reference: string }> };
      assert.deepEqual(
        data.filings.map((f) => f.reference),
        [reference],
      );
      const asked = await staff.post('/staff/complaints/privacy', { email: '0733000222', action: 'erase' });
      assert.match(asked.body, /1 complaint/);
      assert.equal((await staff.post('/staff/complaints/privacy', { email: '0733000222', action: 'erase', confirm: 'yes' })).statusCode, 200);
      assert.equal((await service.staff.open(officer, caseReference)).isErased, true);
      const row = await platform.db.kysely.selectFrom('complaint_filings').select(['consumer_phone_enc', 'consumer_phone_hash']).executeTakeFirstOrThrow();
      assert.deepEqual(row, { consumer_phone_enc: null, consumer_phone_hash: null }, 'the number and its hash are gone');
      await app.close();
    });
  });
}
