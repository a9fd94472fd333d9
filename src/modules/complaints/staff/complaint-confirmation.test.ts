import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createComplaintServiceFor, type StaffActor } from '../index.ts';
import { COMPLAINTS_TEST_MODULES, createComplaintsTestApp } from '../testing/complaints-app.ts';
import { complaintSubmission } from '../testing/complaint-answers.ts';

// Issue 13 item 15: closing a case asks for confirmation, without JavaScript (a confirmation page),
// and so does every other action on the staff pages that cannot be taken back lightly.
const databases = openTestDatabases(allMigrations(COMPLAINTS_TEST_MODULES));

for (const database of databases.all) {
  describe(`confirming what cannot be undone (${database.dialect})`, () => {
    it("closes a case, closes one at assessment and erases a consumer's data only after a confirmation page", async () => {
      const { platform, app } = await createComplaintsTestApp(database, { 'OP-C-1': 'Confirm One' });
      const service = createComplaintServiceFor(platform);
      const fileOne = async (email: string) =>
        (
          await service.file(
            { type: 'system', id: null },
            complaintSubmission({
              operatorIds: ['OP-C-1'],
              description: 'Charged twice for the bundle.',
              consumer: { name: 'Confirm Person', email, language: 'en' },
            }),
          )
        ).cases[0]!.reference;
      const account = await buildStaffAccount(platform, { role: 'officer' });
      const officer: StaffActor = { actor: { type: 'user', id: account.id }, userId: account.id, role: 'officer' };
      const staff = createWebClient(app, '10.95.0.1');
      await signIn(staff, platform, account);
      const stageOf = async (reference: string) => (await service.staff.open(officer, reference)).stage;

      // Closing a referred case.
      const referred = await fileOne('close@example.org');
      await service.staff.assess(officer, referred, 'refer');
      const casePage = await staff.get(`/staff/complaints/${referred}`);
      assert.match(casePage.body, new RegExp(`<a [^>]*href="/staff/complaints/${referred}/close"`), 'the case page links to the confirmation');
      const unconfirmed = await staff.post(`/staff/complaints/${referred}/close`, {});
      assert.equal(unconfirmed.statusCode, 200);
      assert.match(unconfirmed.body, /name="confirm" value="yes"/, 'a post without confirmation shows the confirmation');
      assert.equal(await stageOf(referred), 'referred_to_operator', 'and closes nothing');
      const confirmPage = await staff.get(`/staff/complaints/${referred}/close`);
      assert.equal(confirmPage.statusCode, 200);
      assert.match(confirmPage.body, /<h1>Close case/);
      assert.match(confirmPage.body, new RegExp(`href="/staff/complaints/${referred}"`), 'a way back without closing');
      assert.equal((await staff.post(`/staff/complaints/${referred}/close`, { confirm: 'yes' })).statusCode, 303);
      assert.equal(await stageOf(referred), 'closed');
      assert.equal((await staff.get(`/staff/complaints/${referred}/close`)).statusCode, 409, 'a closed case cannot be closed again');

      // Closing at assessment, as outside the regulator's remit.
      const received = await fileOne('assess@example.org');
      await staff.get(`/staff/complaints/${received}`);
      const asked = await staff.post(`/staff/complaints/${received}/assess`, { next: 'close' });
      assert.equal(asked.statusCode, 200);
      assert.match(asked.body, /name="confirm" value="yes"/);
      assert.equal(await stageOf(received), 'received');
      assert.equal((await staff.post(`/staff/complaints/${received}/assess`, { next: 'close', confirm: 'yes' })).statusCode, 303);
      assert.equal(await stageOf(received), 'closed');
      const referring = await fileOne('refer@example.org');
      await staff.get(`/staff/complaints/${referring}`);
      assert.equal((await staff.post(`/staff/complaints/${referring}/assess`, { next: 'refer' })).statusCode, 303, 'referring needs no confirmation');

      // Erasing a consumer's personal data.
      const erased = await fileOne('erase.me@example.org');
      await staff.get('/staff/complaints/privacy');
      const eraseAsked = await staff.post('/staff/complaints/privacy', { email: 'erase.me@example.org', action: 'erase' });
      assert.equal(eraseAsked.statusCode, 200);
      assert.match(eraseAsked.body, /name="confirm" value="yes"/);
      assert.match(eraseAsked.body, /1 complaint/);
      assert.equal((await service.staff.open(officer, erased)).isErased, false, 'nothing erased yet');
      assert.equal((await staff.post('/staff/complaints/privacy', { email: 'erase.me@example.org', action: 'erase', confirm: 'yes' })).statusCode, 200);
      assert.equal((await service.staff.open(officer, erased)).isErased, true);
    });
  });
}
