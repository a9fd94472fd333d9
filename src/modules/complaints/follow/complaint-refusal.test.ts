import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { Invalid } from '../../../platform/http/errors.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule, createComplaintServiceFor, type StaffActor } from '../index.ts';
import { complaintSubmission } from '../testing/complaint-answers.ts';

// Issue 13 item 15: refusing a proposed resolution asks why, and the reason reaches the regulator and the provider.
const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const smtp = await startSmtpServer();
after(() => smtp.close());

for (const database of databases.all) {
  describe(`refusing a proposed resolution (${database.dialect})`, () => {
    it('asks the consumer why, keeps the case as it was without a reason, and shows the reason to staff and the operator', async () => {
      const platform = await createTestPlatform(await database.fresh(), { modules, env: { SMTP_URL: smtp.url } });
      await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-R-9', 'Refusal Mobile');
      const app = await buildApp(platform, modules);
      const service = createComplaintServiceFor(platform);
      const account = await buildStaffAccount(platform, { role: 'officer' });
      const officer: StaffActor = { actor: { type: 'user', id: account.id }, userId: account.id, role: 'officer' };
      const email = `refusal.${database.dialect}@example.org`;
      const filed = await service.file(
        { type: 'system', id: null },
        complaintSubmission({
          operatorIds: ['OP-R-9'],
          description: 'Charged twice for my data bundle.',
          desiredOutcome: 'A full refund.',
          consumer: { name: 'Refusal Tester', email, language: 'en' },
        }),
      );
      const reference = filed.cases[0]!.reference;
      await service.staff.assess(officer, reference, 'refer');
      const operator = { actor: { type: 'token' as const, id: 'token-r' }, operatorId: 'OP-R-9' };
      await service.operator.respond(operator, reference, { kind: 'resolution', text: 'We offer half of the amount back.' });

      await assert.rejects(service.consumerReject(reference, '  '), (error: unknown) => error instanceof Invalid && error.problems[0]?.field === 'reason');

      const client = createWebClient(app, '10.60.0.1');
      const since = smtp.messages.length;
      await client.get('/complaints/follow');
      await client.post('/complaints/follow', { reference: filed.reference });
      await platform.jobs.runDue();
      const mails = await smtp.waitFor(since + 1);
      const code =
        /Your code is ([0-9]{6})/.exec(
          mails
            .slice(since)
            .filter((m) => m.to.includes(email))
            .map((m) => m.text ?? '')
            .join('\n'),
        )?.[1] ?? '';
      await client.get('/complaints/follow/code');
      await client.post('/complaints/follow/code', { code });

      const page = await client.get(`/complaints/follow/case/${reference}`);
      assert.match(
        page.body,
        new RegExp(`<form method="post" action="/complaints/follow/case/${reference}/reject"[^>]*>(?:(?!</form>).)*name="reason"`, 's'),
        'the refusal form asks why',
      );
      const withoutReason = await client.post(`/complaints/follow/case/${reference}/reject`, { reason: '' });
      assert.equal(withoutReason.statusCode, 422);
      assert.match(withoutReason.body, /<a href="#field-reason">Say why you refuse the provider’s answer<\/a>/);
      assert.equal((await service.findForConsumer(reference)).cases[0]?.stage, 'resolution_proposed', 'nothing changed');

      const refused = await client.post(`/complaints/follow/case/${reference}/reject`, { reason: 'Half is not enough: I paid twice.' });
      assert.equal(refused.headers.location, `/complaints/follow/case/${reference}?done=rejected`);
      assert.equal((await service.findForConsumer(reference)).cases[0]?.stage, 'rejected');

      const staff = createWebClient(app, '10.60.0.2');
      await signIn(staff, platform, account);
      const staffPage = await staff.get(`/staff/complaints/${reference}`);
      assert.match(staffPage.body, /Reason for refusing the provider’s answer/);
      assert.match(staffPage.body, /Half is not enough: I paid twice\./);
      const seen = await service.operator.open(operator, reference);
      assert.deepEqual(
        seen.messages.map((m) => [m.from, m.text, m.isRefusalReason]),
        [['consumer', 'Half is not enough: I paid twice.', true]],
      );
    });
  });
}
