import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { createWebClient, type WebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { planSms } from '../../../platform/sms/sms-text.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule, createComplaintServiceFor } from '../index.ts';

const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const smtp = await startSmtpServer();
after(() => smtp.close());

const MOBILE = '+254722000111';
const HOST = 'kinga.test';

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const platform = await createTestPlatform(await database.fresh(), { modules, logger, env: { SMTP_URL: smtp.url, PUBLIC_URL: `https://${HOST}`, ...env } });
  await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-M-1', 'Test Savanna');
  const app = await buildApp(platform, modules);
  return { platform, app, logs, service: createComplaintServiceFor(platform) };
}

/** Opens a question page (for its anti-forgery token) and posts its fields. */
async function answer(client: WebClient, step: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
  assert.equal((await client.get(`/complaints/new/${step}`)).statusCode, 200, `GET ${step}`);
  return client.post(`/complaints/new/${step}`, fields);
}

/** The six digits of a code text's origin-bound last line. */
const codeOf = (text: string | undefined) => /\n@kinga\.test #([0-9]{6})$/.exec(text ?? '')?.[1] ?? '';

for (const database of databases.all) {
  describe(`filing and saving a complaint on the web with a mobile number only (${database.dialect})`, () => {
    it('files without an e-mail address, the contact chosen on the form, and texts the receipt; every page works without JavaScript', async () => {
      const { platform, app, service, logs } = await setup(database);
      const mailsBefore = smtp.messages.length;
      const client = createWebClient(app, '10.6.1.1');
      await answer(client, 'operator', { operatorIds: ['OP-M-1'] });
      await answer(client, 'service', { service: 'mobile' });
      await answer(client, 'problem', { category: 'billing' });
      await answer(client, 'what-happened', {
        description: 'Charged twice for one bundle.',
        problemStartDay: '2',
        problemStartMonth: '11',
        problemStartYear: '2026',
      });
      await answer(client, 'outcome', { desiredOutcome: 'A refund.' });
      await answer(client, 'operator-contact', { contacted: 'no' });
      const page = await client.get('/complaints/new/your-details');
      assert.match(page.body, /<legend[^>]*>How should we contact you\?/);
      assert.match(page.body, /name="contactBy" type="radio" value="email" checked/, 'e-mail until the consumer chooses otherwise');
      assert.match(page.body, /name="phone" type="tel" value autocomplete="tel"/);
      // Texts chosen: a fixed line and no number are refused, no address is asked for.
      const fixed = await client.post('/complaints/new/your-details', { name: 'Achieng Test', contactBy: 'sms', phone: '020 222 2222' });
      assert.equal(fixed.statusCode, 422);
      assert.match(fixed.body, /<a href="#field-phone">This number cannot receive text messages\. Enter a mobile number<\/a>/);
      assert.match(fixed.body, /name="contactBy" type="radio" value="sms" checked/, 'the choice is kept');
      assert.doesNotMatch(fixed.body, /Enter your e-mail address/);
      const none = await client.post('/complaints/new/your-details', { name: 'Achieng Test', contactBy: 'sms', phone: '' });
      assert.match(none.body, /Enter your mobile number to get text messages/);
      assert.equal((await client.post('/complaints/new/your-details', { name: 'Achieng Test', contactBy: 'sms', phone: '0722 000 111' })).statusCode, 303);
      await answer(client, 'support', { needsSupport: 'no' });
      await client.get('/complaints/new/evidence');
      await client.post('/complaints/new/evidence/continue');
      await answer(client, 'consent', { consent: 'yes' });
      const check = await client.get('/complaints/new/check');
      assert.match(check.body, /<dt>Contact by<\/dt>\s*<dd dir="auto">By text message \(SMS\) to my mobile phone<\/dd>/);
      assert.equal((await client.post('/complaints/new/check')).headers.location, '/complaints/new/sent');
      const sent = await client.get('/complaints/new/sent');
      const reference = /class="reference" dir="ltr">(C-[0-9A-Z]{12}-[0-9A-Z])</.exec(sent.body)?.[1] ?? '';
      assert.ok(reference);
      assert.match(sent.body, /by e-mail or by text message, as you chose/);
      const texts = await outboxTexts(platform, MOBILE);
      assert.deepEqual(
        texts.map((m) => m.purpose),
        ['complaints.receipt'],
      );
      assert.match(texts[0]?.text ?? '', new RegExp(reference));
      assert.equal((await service.contactFor(reference)).mobile, MOBILE, 'the number on file, in E.164');
      await platform.jobs.runDue();
      assert.equal(smtp.messages.length, mailsBefore, 'no e-mail');
      assert.doesNotMatch(logs.join('\n'), /722000111|722 000 111/, 'no number in the logs');
      await app.close();
    });

    it('saves a draft with its code by text, resumes it in another browser, refuses a wrong code, and texts a new code to the same number', async () => {
      const { platform, app, logs } = await setup(database);
      const first = createWebClient(app, '10.6.2.1');
      await answer(first, 'operator', { operatorIds: ['OP-M-1'] });
      assert.equal((await answer(first, 'service', { service: 'mobile', action: 'save' })).headers.location, '/complaints/new/save?from=service');
      const save = await first.get('/complaints/new/save?from=service');
      assert.match(save.body, /name="contactBy" type="radio" value="sms"/);
      assert.match(save.body, /name="phone" type="tel"/);
      const bad = await first.post('/complaints/new/save', { contactBy: 'sms', phone: '12' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /Enter a mobile number such as 0712 345 678/);
      assert.equal((await first.post('/complaints/new/save', { contactBy: 'sms', phone: '+254 722 000 111' })).headers.location, '/complaints/new/saved');
      const saved = await first.get('/complaints/new/saved');
      assert.match(saved.body, /We have sent you this reference and a code by text message/);
      const reference = /class="reference" dir="ltr">(DR-[0-9A-Z-]+)</.exec(saved.body)?.[1] ?? '';
      assert.ok(reference);
      const [text] = await outboxTexts(platform, MOBILE);
      assert.equal(text?.purpose, 'complaints.draft-code');
      const code = codeOf(text?.text);
      assert.match(code, /^[0-9]{6}$/);
      assert.match(
        text?.text ?? '',
        new RegExp(`^Complaint ${reference} is saved\\. To continue, enter this reference and the code ${code}\\.\n\n@kinga\\.test #${code}$`),
      );
      assert.deepEqual([planSms(text?.text ?? '').encoding, planSms(text?.text ?? '').parts.length], ['gsm7', 1]);
      const row = await platform.db.kysely.selectFrom('complaint_drafts').select(['email_enc', 'phone_enc', 'phone_hash']).executeTakeFirstOrThrow();
      assert.equal(row.email_enc, null);
      assert.equal(row.phone_hash, platform.sms.hashNumber(MOBILE));
      assert.doesNotMatch(row.phone_enc ?? '', /722/);

      const second = createWebClient(app, '10.6.2.2');
      const resumePage = await second.get('/complaints/resume');
      assert.match(resumePage.body, /autocomplete="one-time-code"/);
      const wrong = await second.post('/complaints/resume', { reference, code: code === '000000' ? '111111' : '000000' });
      assert.equal(wrong.statusCode, 422);
      assert.equal((await second.post('/complaints/resume', { reference, code })).statusCode, 303);
      assert.match((await second.get('/complaints/new/operator')).body, /value="OP-M-1" checked/, 'the saved answers are back');

      // A new code goes to the number the draft was saved with.
      const third = createWebClient(app, '10.6.2.3');
      await third.get('/complaints/resume');
      assert.equal((await third.post('/complaints/resume/new-code', { newCodeReference: reference })).headers.location, '/complaints/resume?sent=1');
      const again = await outboxTexts(platform, MOBILE);
      assert.deepEqual(
        again.map((m) => m.purpose),
        ['complaints.draft-code', 'complaints.draft-code'],
      );
      const fresh = codeOf(again[1]?.text);
      assert.notEqual(fresh, code);
      await third.get('/complaints/resume');
      assert.equal((await third.post('/complaints/resume', { reference, code: fresh })).statusCode, 303);
      assert.doesNotMatch(logs.join('\n'), /722000111|722 000 111/, 'no number in the logs');
      await app.close();
    });

    it('refuses a save by text past the send limit of the number, with a 429', async () => {
      const { platform, app } = await setup(database, { CODE_SENDS_PER_ADDRESS: '1' });
      for (const [address, status] of [
        ['10.6.3.1', 303],
        ['10.6.3.2', 429],
      ] as const) {
        const client = createWebClient(app, address);
        await answer(client, 'operator', { operatorIds: ['OP-M-1'] });
        await client.get('/complaints/new/save');
        assert.equal((await client.post('/complaints/new/save', { contactBy: 'sms', phone: '0722000111' })).statusCode, status, address);
      }
      assert.equal((await outboxTexts(platform, MOBILE)).length, 1);
      await app.close();
    });
  });
}
