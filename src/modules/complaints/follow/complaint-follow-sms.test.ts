import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { createWebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { planSms } from '../../../platform/sms/sms-text.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule, createComplaintServiceFor, type ComplaintSubmission } from '../index.ts';

const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const smtp = await startSmtpServer();
after(() => smtp.close());

const MOBILE = '+254712345678';
const HOST = 'kinga.test';

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const platform = await createTestPlatform(await database.fresh(), {
    modules,
    logger,
    env: { SMTP_URL: smtp.url, PUBLIC_URL: `https://${HOST}`, ...env },
  });
  await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-S-1', 'Test Savanna');
  const app = await buildApp(platform, modules);
  const service = createComplaintServiceFor(platform);
  const base: ComplaintSubmission = {
    operatorIds: ['OP-S-1'],
    service: 'mobile',
    category: 'billing',
    description: 'I was charged twice for my November bundle.',
    desiredOutcome: 'Refund the second charge.',
    priorContact: { contacted: false },
    consumer: { name: 'Wanjiku Test', email: '', phone: '0712 345 678', contactBy: 'sms', language: 'en' },
    extraSupport: [],
    consent: true,
    channel: 'web',
  };
  /** The follow codes texted to the mobile number, oldest first. */
  const followCodes = async () => (await outboxTexts(platform, MOBILE)).filter((m) => m.purpose === 'complaints.follow-code');
  return { platform, app, service, base, logs, followCodes };
}

/** The six digits of a code text's origin-bound last line. */
const codeOf = (text: string | undefined) => /\n@[^ ]+ #([0-9]{6})$/.exec(text ?? '')?.[1] ?? '';

for (const database of databases.all) {
  describe(`a complaint filed and followed with a mobile number only (${database.dialect})`, () => {
    it('texts the receipt and the follow code to the number on file, opens the filing with it, and e-mails nothing', async () => {
      const { platform, app, service, base, logs, followCodes } = await setup(database);
      const mailsBefore = smtp.messages.length;
      const filed = await service.file({ type: 'system', id: null }, base);
      const receipts = await outboxTexts(platform, MOBILE);
      assert.deepEqual(
        receipts.map((m) => [m.to, m.purpose]),
        [[MOBILE, 'complaints.receipt']],
        'one receipt, to the number read into E.164',
      );
      assert.match(receipts[0]?.text ?? '', new RegExp(`Your complaint ${filed.reference} is received\\. Follow it at https://${HOST}/complaints/follow`));
      const row = await platform.db.kysely.selectFrom('complaint_filings').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.contact_by, 'sms');
      assert.equal(row.consumer_phone_hash, platform.keyring.hash(MOBILE, 'complaints.phone'));
      assert.doesNotMatch(JSON.stringify(row), /712345678|712 345 678/, 'the number is sealed at rest');

      const client = createWebClient(app, '10.7.7.1');
      const start = await client.get('/complaints/follow');
      assert.match(start.body, /e-mail address or the mobile number you chose/);
      assert.equal((await client.post('/complaints/follow', { reference: filed.reference })).headers.location, '/complaints/follow/code');
      const codePage = await client.get('/complaints/follow/code');
      assert.match(codePage.body, /autocomplete="one-time-code"/);
      const [text] = await followCodes();
      assert.ok(text, 'the code was texted');
      const code = codeOf(text.text);
      assert.match(code, /^[0-9]{6}$/);
      assert.match(
        text.text,
        new RegExp(`^Your code to follow your complaint is ${code}\\. It is valid for 15 minutes\\.\n\n@${HOST.replace('.', '\\.')} #${code}$`),
      );
      const plan = planSms(text.text);
      assert.deepEqual([plan.encoding, plan.parts.length], ['gsm7', 1], 'one GSM-7 segment');

      const wrong = await client.post('/complaints/follow/code', { code: code === '000000' ? '111111' : '000000' });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /Check the e-mail or the text message/);
      assert.equal((await client.post('/complaints/follow/code', { code })).headers.location, '/complaints/follow/case');
      const page = await client.get('/complaints/follow/case');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(filed.cases[0]?.reference ?? 'missing'));

      assert.equal(smtp.messages.length, mailsBefore, 'no e-mail at all');
      await platform.jobs.runDue();
      assert.equal(smtp.messages.length, mailsBefore);
      const logged = logs.join('\n');
      assert.match(logged, /complaint follow code texted/);
      assert.match(logged, /\+254 •••••••78/, 'the number is logged masked');
      assert.doesNotMatch(logged, /712345678|712 345 678|0712/, 'never whole');
      await app.close();
    });

    it('refuses an expired code, and texts no code past the send limit of the number', async () => {
      const { platform, app, service, base, followCodes } = await setup(database, { CODE_SENDS_PER_ADDRESS: '2' });
      const filed = await service.file({ type: 'system', id: null }, base);
      const first = createWebClient(app, '10.7.8.1');
      await first.get('/complaints/follow');
      await first.post('/complaints/follow', { reference: filed.reference });
      const code = codeOf((await followCodes())[0]?.text);
      platform.clock.advance(16 * 60_000);
      await first.get('/complaints/follow/code');
      const expired = await first.post('/complaints/follow/code', { code });
      assert.equal(expired.statusCode, 422, 'a code past its 15 minutes opens nothing');
      assert.equal((await first.get('/complaints/follow/case')).headers.location, '/complaints/follow');

      // Asked from two more machines: the second code is the number's last within the window.
      for (const address of ['10.7.8.2', '10.7.8.3']) {
        const other = createWebClient(app, address);
        await other.get('/complaints/follow');
        assert.equal((await other.post('/complaints/follow', { reference: filed.reference })).headers.location, '/complaints/follow/code');
      }
      assert.equal((await followCodes()).length, 2, 'the limit per number holds: no third code');
      await app.close();
    });

    it('files through the API with a mobile number and no e-mail address, and texts the receipt', async () => {
      const { platform, app, base } = await setup(database);
      const { channel: _channel, ...body } = base;
      const filed = await app.inject({ method: 'POST', url: '/api/v1/complaints', remoteAddress: '10.7.9.1', payload: body });
      assert.equal(filed.statusCode, 201, filed.body);
      const reference = filed.json<{ reference: string }>().reference;
      assert.deepEqual(
        (await outboxTexts(platform, MOBILE)).map((m) => [m.purpose, m.text.includes(reference)]),
        [['complaints.receipt', true]],
      );
      const noEmail = await app.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        remoteAddress: '10.7.9.1',
        payload: { ...body, consumer: { ...body.consumer, contactBy: 'email' } },
      });
      assert.equal(noEmail.statusCode, 422, 'e-mail chosen without an address');
      assert.match(noEmail.body, /consumer\.email/);
      await app.close();
    });

    it('refuses a submission by text message without a mobile number, or with a fixed line, and needs no e-mail address then', async () => {
      const { service, base, app } = await setup(database);
      const refusedFor = async (phone: string) => {
        try {
          await service.file({ type: 'system', id: null }, { ...base, consumer: { ...base.consumer, phone } });
          return [];
        } catch (error) {
          return ((error as { problems?: Array<{ field: string; key?: string }> }).problems ?? []).map((p) => `${p.field} ${p.key ?? ''}`);
        }
      };
      assert.deepEqual(await refusedFor(''), ['consumer.phone complaints.problem.mobileMissing']);
      assert.deepEqual(await refusedFor('12'), ['consumer.phone complaints.problem.mobileInvalid']);
      assert.deepEqual(await refusedFor('020 222 2222'), ['consumer.phone complaints.problem.mobileNotMobile']);
      assert.deepEqual(await refusedFor('+254 712-345-678'), []);
      await app.close();
    });
  });
}
