import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { createTempDir } from '../../../../test/helpers/temp-dir.ts';
import { createWebClient, type WebClient } from '../../../../test/helpers/staff.ts';
import { dateBoxes, postMultipart, type FormFile } from '../../../../test/helpers/forms.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule, createComplaintServiceFor, type ComplaintSubmission } from '../index.ts';

const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const smtp = await startSmtpServer();
after(() => smtp.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
// A Windows program's first bytes, named like a PDF and declared as one.
const FAKE_PDF = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

async function setup(database: (typeof databases.all)[number]) {
  const platform = await createTestPlatform(await database.fresh(), { modules, env: { SMTP_URL: smtp.url } });
  const offers = createOfferServiceFor(platform);
  await offers.addOperator({ type: 'system', id: null }, 'OP-T-1', 'Test Savanna');
  await offers.addOperator({ type: 'system', id: null }, 'OP-T-2', 'Test Baobab');
  const app = await buildApp(platform, modules);
  /** Runs the queued jobs (the e-mails) and returns the messages the SMTP server received for `to` since `since`. */
  const mailFor = async (to: string, since: number) => {
    await platform.jobs.runDue();
    return smtp.messages.slice(since).filter((m) => m.to.includes(to));
  };
  /** The follow code e-mailed to `to` since `since`, or '' when none came. */
  const followCodeFor = async (to: string, since: number) =>
    /Your code is ([0-9]{6})/.exec((await mailFor(to, since)).find((m) => /Your code is/.test(m.text ?? ''))?.text ?? '')?.[1] ?? '';
  const service = createComplaintServiceFor(platform);
  /** Files a web complaint in English through the service, with the fields a test cares about. */
  const fileComplaint = (
    fields: Pick<ComplaintSubmission, 'operatorIds' | 'service' | 'category' | 'description' | 'desiredOutcome'> & { name: string; email: string },
  ) => {
    const { name, email, ...rest } = fields;
    return service.file(
      { type: 'system', id: null },
      { ...rest, priorContact: { contacted: false }, consumer: { name, email, language: 'en' }, extraSupport: [], consent: true, channel: 'web' },
    );
  };
  return { platform, app, mailFor, followCodeFor, service, fileComplaint };
}

/** Posts the evidence page's form with one file (or none), as a browser without JavaScript does. */
const postEvidence = (app: App, client: WebClient, file: FormFile | null) =>
  postMultipart(app, client, '/complaints/new/evidence', { file, remoteAddress: '10.9.9.9' });

/** Answers one question page: opens it (for its anti-forgery token) and posts the fields. */
async function answer(client: WebClient, step: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
  const page = await client.get(`/complaints/new/${step}`);
  assert.equal(page.statusCode, 200, `GET ${step}`);
  return client.post(`/complaints/new/${step}`, fields);
}

/** The app, and a consumer's browser at `address` that chose `operatorIds` on the first question; `since` counts the e-mails sent before. */
async function startedDraft(database: (typeof databases.all)[number], address: string, operatorIds: string[]) {
  const { app, mailFor } = await setup(database);
  const client = createWebClient(app, address);
  const since = smtp.messages.length;
  await answer(client, 'operator', { operatorIds });
  return { app, mailFor, client, since };
}

/** A page's body without what differs between two renderings of the same answer: tokens and the typed reference. */
const comparable = (body: string, reference: string) => body.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(reference, 'REFERENCE');

for (const database of databases.all) {
  describe(`complaint web pages (${database.dialect})`, () => {
    it('files a complaint against two operators without JavaScript: one question per page, 422 with kept answers, check page, two linked cases, one e-mail', async () => {
      const { platform, app, mailFor, service } = await setup(database);
      const client = createWebClient(app, '10.1.1.1');
      const since = smtp.messages.length;

      assert.equal((await client.get('/complaints')).statusCode, 200);
      assert.match((await client.get('/complaints/new')).body, /href="\/complaints\/new\/operator"/);

      // Sent empty: 422, an error summary linking to the field, the inline error, and no cookie holding answers in the URL.
      const empty = await answer(client, 'operator', {});
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /class="error-summary"/);
      assert.match(empty.body, /<a href="#field-operatorIds">Select the provider your complaint is about<\/a>/);
      assert.match(empty.body, /id="field-operatorIds-error"/);
      assert.ok(client.cookies.get('kinga_complaint_draft'), 'the draft lives server-side under a cookie');
      assert.equal((await client.post('/complaints/new/operator', { operatorIds: ['OP-T-1', 'OP-T-2'] })).headers.location, '/complaints/new/service');

      // A date in three boxes: a missing month is named, the typed values come back.
      for (const step of ['service', 'problem', 'what-happened', 'outcome']) {
        const all: Record<string, Record<string, string>> = {
          service: { service: 'fixed_internet' },
          problem: { category: 'billing' },
          'what-happened': {
            description: 'Charged twice for my November data bundle.',
            problemStartDay: '2',
            problemStartMonth: '11',
            problemStartYear: '2026',
          },
          outcome: { desiredOutcome: 'A refund.' },
        };
        const fields = all[step] ?? {};
        assert.equal((await answer(client, step, fields)).statusCode, 303, step);
      }
      const badDate = await answer(client, 'operator-contact', { contacted: 'yes', contactDateDay: '31', contactDateMonth: '', contactDateYear: '2026' });
      assert.equal(badDate.statusCode, 422);
      assert.match(badDate.body, /The date must include a month/);
      assert.match(badDate.body, /name="contactDateDay" type="text" inputmode="numeric" value="31"/);
      assert.match(badDate.body, /value="yes" checked/);
      const future = await client.post('/complaints/new/operator-contact', { contacted: 'yes', ...dateBoxes('contactDate', '1', '1', '2030') });
      assert.match(future.body, /The date must be today or in the past/);
      assert.equal(
        (await client.post('/complaints/new/operator-contact', { contacted: 'yes', contactDateDay: '20', contactDateMonth: '11', contactDateYear: '2026' }))
          .statusCode,
        303,
      );

      const badEmail = await answer(client, 'your-details', { name: 'Amina Wanjiru', email: 'amina.example.org' });
      assert.equal(badEmail.statusCode, 422);
      assert.match(badEmail.body, /value="Amina Wanjiru"/, 'the other answers of the page are kept');
      assert.equal((await client.post('/complaints/new/your-details', { name: 'Amina Wanjiru', email: 'Amina@Example.org' })).statusCode, 303);
      assert.equal((await answer(client, 'support', { needsSupport: 'yes', extraSupport: ['financial_hardship'] })).statusCode, 303);

      await client.get('/complaints/new/evidence');
      assert.equal((await postEvidence(app, client, { name: 'bill.pdf', type: 'application/pdf', data: PDF })).statusCode, 303);
      await client.get('/complaints/new/evidence');
      await client.post('/complaints/new/evidence/continue');
      const noConsent = await answer(client, 'consent', {});
      assert.equal(noConsent.statusCode, 422);
      assert.equal((await client.post('/complaints/new/consent', { consent: 'yes' })).headers.location, '/complaints/new/check');

      // The draft's answers are encrypted at rest.
      const draftRow = await platform.db.kysely.selectFrom('complaint_drafts').selectAll().executeTakeFirstOrThrow();
      assert.doesNotMatch(JSON.stringify(draftRow), /Amina|example\.org|Charged twice/);

      const check = await client.get('/complaints/new/check');
      assert.equal(check.statusCode, 200);
      assert.match(check.body, /Test Savanna\nTest Baobab/);
      assert.match(check.body, /href="\/complaints\/new\/what-happened\?change=1"/);
      assert.match(check.body, /bill\.pdf/);
      // A change from the check page comes back to it.
      await client.get('/complaints/new/outcome?change=1');
      assert.equal(
        (await client.post('/complaints/new/outcome', { desiredOutcome: 'A refund of the second charge.', change: '1' })).headers.location,
        '/complaints/new/check',
      );

      await client.get('/complaints/new/check');
      const sent = await client.post('/complaints/new/check');
      assert.equal(sent.headers.location, '/complaints/new/sent');
      const confirmation = await client.get('/complaints/new/sent');
      assert.equal(confirmation.statusCode, 200);
      const filing = /class="reference" dir="ltr">(C-[0-9A-Z]{12}-[0-9A-Z])</.exec(confirmation.body)?.[1];
      assert.ok(filing, 'the filing reference is on screen');
      const cases = [...confirmation.body.matchAll(/<strong dir="ltr">(K-[0-9A-Z]{12}-[0-9A-Z])<\/strong>/g)].map((m) => m[1]);
      assert.equal(cases.length, 2, 'one linked case per operator');

      const view = await service.findForConsumer(filing);
      assert.deepEqual(view.cases.map((c) => c.reference).sort(), [...cases].sort());
      assert.equal(view.cases[0]?.desiredOutcome, 'A refund of the second charge.');
      const attachments = await platform.db.kysely.selectFrom('complaint_attachments').select(['content_enc', 'file_name_enc', 'media_type']).execute();
      assert.equal(attachments.length, 2, 'the file is attached to both cases');
      assert.ok(attachments.every((a) => a.media_type === 'application/pdf' && !a.content_enc.includes('PDF') && !a.file_name_enc.includes('bill')));
      assert.equal((await platform.db.kysely.selectFrom('complaint_draft_attachments').select('id').execute()).length, 0, 'the draft keeps no file once filed');

      const mails = await mailFor('amina@example.org', since);
      assert.equal(mails.length, 1, 'exactly one acknowledgement');
      assert.match(mails[0]?.text ?? '', new RegExp(filing));
      await app.close();
    });

    it('saves a draft, e-mails a reference and a code, and restores the draft in another browser; the first browser loses it', async () => {
      const { app, mailFor, client: first, since } = await startedDraft(database, '10.2.2.1', ['OP-T-2']);
      await answer(first, 'service', { service: 'pay_tv' });
      const saving = await answer(first, 'problem', { category: 'contract', action: 'save' });
      assert.equal(saving.headers.location, '/complaints/new/save?from=problem');
      await first.get('/complaints/new/save?from=problem');
      const refused = await first.post('/complaints/new/save', { email: 'nope' });
      assert.equal(refused.statusCode, 422);
      assert.equal((await first.post('/complaints/new/save', { email: 'Later@Example.org' })).headers.location, '/complaints/new/saved');
      const saved = await first.get('/complaints/new/saved');
      const reference = /class="reference" dir="ltr">(DR-[0-9A-Z-]+)</.exec(saved.body)?.[1];
      assert.ok(reference);

      const [mail] = await mailFor('later@example.org', since);
      assert.ok(mail, 'the code arrived by e-mail');
      assert.match(mail.text ?? '', new RegExp(reference));
      const code = /Code: ([0-9]{6})/.exec(mail.text ?? '')?.[1];
      assert.ok(code);

      const second = createWebClient(app, '10.2.2.2');
      await second.get('/complaints/resume');
      const resumed = await second.post('/complaints/resume', { reference: reference.toLowerCase(), code });
      assert.equal(resumed.statusCode, 303, resumed.body.slice(0, 1500));
      const next = await second.get('/complaints/new/check');
      assert.equal(next.headers.location, '/complaints/new/what-happened', 'the check page sends to the first unanswered question');
      const problem = await second.get('/complaints/new/problem');
      assert.match(problem.body, /value="contract" checked/, 'the saved answers are back');
      assert.match((await second.get('/complaints/new/operator')).body, /value="OP-T-2" checked/);
      assert.doesNotMatch((await first.get('/complaints/new/problem')).body, /value="contract" checked/, 'the first browser no longer opens it');

      // The code was used: it opens nothing a second time.
      const third = createWebClient(app, '10.2.2.3');
      await third.get('/complaints/resume');
      assert.equal((await third.post('/complaints/resume', { reference, code })).statusCode, 422);
      await app.close();
    });

    it('answers an unknown reference exactly as a wrong code, and locks both after five wrong codes', async () => {
      const { app, mailFor, client: owner, since } = await startedDraft(database, '10.3.3.1', ['OP-T-1']);
      await owner.get('/complaints/new/save');
      await owner.post('/complaints/new/save', { email: 'owner@example.org' });
      const reference = /class="reference" dir="ltr">(DR-[0-9A-Z-]+)</.exec((await owner.get('/complaints/new/saved')).body)?.[1] ?? '';
      const code = /Code: ([0-9]{6})/.exec((await mailFor('owner@example.org', since))[0]?.text ?? '')?.[1] ?? '';
      assert.ok(reference && code);
      const wrong = code === '000000' ? '111111' : '000000';
      const unknown = 'DR-AAAA-BBBB-CCCC';

      const attacker = createWebClient(app, '10.3.3.2');
      const bodies: { real: string[]; unknown: string[] } = { real: [], unknown: [] };
      for (let i = 0; i < 6; i += 1) {
        await attacker.get('/complaints/resume');
        const real = await attacker.post('/complaints/resume', { reference, code: wrong });
        await attacker.get('/complaints/resume');
        const none = await attacker.post('/complaints/resume', { reference: unknown, code: wrong });
        assert.equal(real.statusCode, 422);
        assert.equal(none.statusCode, 422);
        bodies.real.push(comparable(real.body, reference));
        bodies.unknown.push(comparable(none.body, unknown));
      }
      assert.deepEqual(bodies.real, bodies.unknown, 'the same answers, attempt after attempt');
      assert.match(bodies.real[0] ?? '', /do not match a saved complaint/);
      assert.match(bodies.real[5] ?? '', /Too many wrong tries/);
      await attacker.get('/complaints/resume');
      const locked = await attacker.post('/complaints/resume', { reference, code });
      assert.equal(locked.statusCode, 422, 'after five wrong codes even the right one is refused');
      assert.match(locked.body, /Too many wrong tries/);

      // A new code (asked for with the reference alone) goes to the owner, and the same answer is given for an unknown reference.
      await attacker.get('/complaints/resume');
      const asked = await attacker.post('/complaints/resume/new-code', { newCodeReference: reference });
      await attacker.get('/complaints/resume');
      const askedUnknown = await attacker.post('/complaints/resume/new-code', { newCodeReference: unknown });
      assert.equal(asked.headers.location, '/complaints/resume?sent=1');
      assert.equal(askedUnknown.headers.location, asked.headers.location);
      const fresh = /Code: ([0-9]{6})/.exec((await mailFor('owner@example.org', since)).at(-1)?.text ?? '')?.[1] ?? '';
      assert.notEqual(fresh, code);
      await owner.get('/complaints/resume');
      assert.equal((await owner.post('/complaints/resume', { reference, code: fresh })).statusCode, 303);
      await app.close();
    });

    it('refuses a file whose first bytes are not an allowed type, keeps the files and answers, and says why', async () => {
      const { app } = await setup(database);
      const client = createWebClient(app, '10.4.4.1');
      await answer(client, 'operator', { operatorIds: ['OP-T-1'] });
      await client.get('/complaints/new/evidence');
      assert.equal((await postEvidence(app, client, { name: 'bill.pdf', type: 'application/pdf', data: PDF })).statusCode, 303);
      await client.get('/complaints/new/evidence');
      const refused = await postEvidence(app, client, { name: 'invoice.pdf', type: 'application/pdf', data: FAKE_PDF });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /<a href="#field-file">The file must be PDF, PNG, or JPEG\. Its content shows it is not/);
      assert.match(refused.body, /bill\.pdf/, 'the file added before is still listed');
      assert.doesNotMatch(refused.body, /invoice\.pdf/);
      const none = await postEvidence(app, client, null);
      assert.equal(none.statusCode, 422);
      assert.match(none.body, /Choose a file to upload/);
      assert.match((await client.get('/complaints/new/operator')).body, /value="OP-T-1" checked/, 'the other answers are kept');

      // A file above the profile's limit is refused with the same page, not a failed request.
      const tooBig = await postEvidence(app, client, {
        name: 'scan.pdf',
        type: 'application/pdf',
        data: Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024, 0x20)]),
      });
      assert.equal(tooBig.statusCode, 422);
      assert.match(tooBig.body, /The file must be smaller than 5 megabytes/);
      assert.match(tooBig.body, /bill\.pdf/);
      await app.close();
    });

    it('follows a filing with a code from the e-mail, answers the same for an unknown reference, and lets the consumer write', async () => {
      const { platform, app, followCodeFor, fileComplaint } = await setup(database);
      const filed = await fileComplaint({
        operatorIds: ['OP-T-1'],
        service: 'mobile',
        category: 'billing',
        description: 'I was charged twice for my November bundle.',
        desiredOutcome: 'Refund the second charge.',
        name: 'Baraka Test',
        email: 'baraka@example.org',
      });
      const since = smtp.messages.length;
      const client = createWebClient(app, '10.5.5.1');
      await client.get('/complaints/follow');
      const empty = await client.post('/complaints/follow', {});
      assert.equal(empty.statusCode, 422);
      assert.equal((await client.post('/complaints/follow', { reference: filed.reference.toLowerCase() })).headers.location, '/complaints/follow/code');
      const codePage = await client.get('/complaints/follow/code');
      const code = await followCodeFor('baraka@example.org', since);
      assert.ok(code, 'the code arrived by e-mail');
      const wrong = code === '000000' ? '111111' : '000000';

      const stranger = createWebClient(app, '10.5.5.2');
      await stranger.get('/complaints/follow');
      assert.equal((await stranger.post('/complaints/follow', { reference: 'C-7K3M9Q2PXW4R-8' })).headers.location, '/complaints/follow/code');
      const strangerPage = await stranger.get('/complaints/follow/code');
      assert.equal(comparable(strangerPage.body, 'x'), comparable(codePage.body, 'x'), 'the code page is the same for an unknown reference');
      const strangerWrong = await stranger.post('/complaints/follow/code', { code: wrong });
      const ownerWrong = await client.post('/complaints/follow/code', { code: wrong });
      assert.equal(strangerWrong.statusCode, 422);
      assert.equal(comparable(strangerWrong.body, 'x'), comparable(ownerWrong.body, 'x'), 'a wrong code and an unknown reference answer alike');
      assert.equal((await stranger.get('/complaints/follow/case')).headers.location, '/complaints/follow');

      await client.get('/complaints/follow/code');
      assert.equal((await client.post('/complaints/follow/code', { code })).headers.location, '/complaints/follow/case');
      const filingPage = await client.get('/complaints/follow/case');
      assert.equal(filingPage.statusCode, 200);
      const caseReference = filed.cases[0]?.reference ?? '';
      assert.match(filingPage.body, new RegExp(caseReference));
      const casePage = await client.get(`/complaints/follow/case/${caseReference}`);
      assert.equal(casePage.statusCode, 200);
      assert.match(casePage.body, /Received/);
      const noText = await client.post(`/complaints/follow/case/${caseReference}/message`, { text: '  ' });
      assert.equal(noText.statusCode, 422);
      assert.match(noText.body, /Write your message/);
      const written = await client.post(`/complaints/follow/case/${caseReference}/message`, { text: 'My account number is 42.' });
      assert.equal(written.headers.location, `/complaints/follow/case/${caseReference}?done=sent`);
      assert.match((await client.get(`/complaints/follow/case/${caseReference}?done=sent`)).body, /My account number is 42\./);

      // The access is limited in time.
      platform.clock.advance(31 * 60_000);
      assert.equal((await client.get(`/complaints/follow/case/${caseReference}`)).headers.location, '/complaints/follow');
      await app.close();
    });

    it('lets the consumer refuse a proposed resolution, escalate, and answer the survey once the case is closed', async () => {
      const { platform, app, followCodeFor, service, fileComplaint } = await setup(database);
      const filed = await fileComplaint({
        operatorIds: ['OP-T-1'],
        service: 'fixed_internet',
        category: 'fault_repair',
        description: 'My fibre line has been down for two weeks.',
        desiredOutcome: 'Repair the line and refund the days without service.',
        name: 'Dalia Test',
        email: 'dalia@example.org',
      });
      const reference = filed.cases[0]?.reference ?? '';
      const officer = { actor: { type: 'user' as const, id: 'officer-1' }, userId: 'officer-1', role: 'officer' as const };
      await service.staff.assess(officer, reference, 'refer');
      await service.operator.respond({ actor: { type: 'token', id: 'token-1' }, operatorId: 'OP-T-1' }, reference, {
        kind: 'resolution',
        text: 'We offer a refund of ten days.',
      });

      const since = smtp.messages.length;
      const client = createWebClient(app, '10.8.8.1');
      await client.get('/complaints/follow');
      await client.post('/complaints/follow', { reference });
      const code = await followCodeFor('dalia@example.org', since);
      await client.get('/complaints/follow/code');
      assert.equal((await client.post('/complaints/follow/code', { code })).headers.location, '/complaints/follow/case');

      const proposed = await client.get(`/complaints/follow/case/${reference}`);
      assert.match(proposed.body, /We offer a refund of ten days\./);
      assert.match(proposed.body, new RegExp(`action="/complaints/follow/case/${reference}/accept"`));
      assert.equal(
        (await client.post(`/complaints/follow/case/${reference}/reject`, { reason: 'The offer is too small.' })).headers.location,
        `/complaints/follow/case/${reference}?done=rejected`,
      );
      const rejected = await client.get(`/complaints/follow/case/${reference}?done=rejected`);
      assert.match(rejected.body, /You refused the provider’s answer/);
      assert.match(rejected.body, new RegExp(`action="/complaints/follow/case/${reference}/escalate"`));
      assert.equal(
        (await client.post(`/complaints/follow/case/${reference}/escalate`)).headers.location,
        `/complaints/follow/case/${reference}?done=escalated`,
      );
      assert.equal((await service.findForConsumer(reference)).cases[0]?.stage, 'investigation');

      await service.staff.moveTo(officer, reference, 'closed');
      const closed = await client.get(`/complaints/follow/case/${reference}`);
      assert.match(closed.body, /name="satisfaction" type="radio" value="5"/);
      const noAnswer = await client.post(`/complaints/follow/case/${reference}/survey`, { comment: 'Slow.' });
      assert.equal(noAnswer.statusCode, 422);
      assert.match(noAnswer.body, /Select a number from 1 to 5/);
      assert.match(noAnswer.body, />Slow\.<\/textarea>/, 'the comment is kept');
      assert.equal(
        (await client.post(`/complaints/follow/case/${reference}/survey`, { satisfaction: '4', wasEasy: '5', comment: 'Slow but fair.' })).headers.location,
        `/complaints/follow/case/${reference}?done=survey`,
      );
      const survey = await platform.db.kysely.selectFrom('complaint_surveys').select(['satisfaction', 'was_easy', 'comment_enc']).executeTakeFirstOrThrow();
      assert.equal(Number(survey.satisfaction), 4);
      assert.equal(Number(survey.was_easy), 5);
      assert.doesNotMatch(survey.comment_enc ?? '', /Slow/);
      assert.match((await client.get(`/complaints/follow/case/${reference}`)).body, /you have answered the survey/);
      await app.close();
    });

    it('locks the follow code after five wrong tries, for a real and an unknown reference alike', async () => {
      const { app, followCodeFor, fileComplaint } = await setup(database);
      const filed = await fileComplaint({
        operatorIds: ['OP-T-2'],
        service: 'pay_tv',
        category: 'contract',
        description: 'The channels I pay for stopped in October.',
        desiredOutcome: 'Restore the channels.',
        name: 'Chege Test',
        email: 'chege@example.org',
      });
      const since = smtp.messages.length;
      const real = createWebClient(app, '10.6.6.1');
      const fake = createWebClient(app, '10.6.6.2');
      for (const [client, reference] of [
        [real, filed.reference],
        [fake, 'C-AAAAAAAAAAAA-0'],
      ] as const) {
        await client.get('/complaints/follow');
        await client.post('/complaints/follow', { reference });
      }
      const code = await followCodeFor('chege@example.org', since);
      assert.match(code, /^[0-9]{6}$/);
      const wrong = code === '000000' ? '111111' : '000000';
      const answers: string[][] = [[], []];
      for (let i = 0; i < 6; i += 1) {
        for (const [index, client] of [real, fake].entries()) {
          await client.get('/complaints/follow/code');
          answers[index]?.push(comparable((await client.post('/complaints/follow/code', { code: wrong })).body, 'x'));
        }
      }
      assert.deepEqual(answers[0], answers[1]);
      assert.match(answers[0]?.[5] ?? '', /Too many wrong tries/);
      await real.get('/complaints/follow/code');
      const locked = await real.post('/complaints/follow/code', { code });
      assert.equal(locked.statusCode, 422);
      assert.match(locked.body, /Too many wrong tries/);
      await app.close();
    });
  });
}

describe('know your rights', () => {
  it("renders the profile's deadlines as text and links to start, resume and follow, in Arabic too", async () => {
    const database = databases.all[0];
    assert.ok(database);
    const { app } = await setup(database);
    const client = createWebClient(app, '10.7.7.1');
    const page = await client.get('/complaints');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /within 2 working days/);
    assert.match(
      page.body,
      /within 15 working days \(7 working days if you need extra support; 20 working days if the problem started more than 24 months before your complaint\)/,
    );
    assert.doesNotMatch(page.body, /next working day/);
    assert.match(page.body, /8 weeks after you made the complaint/);
    for (const href of ['/complaints/new', '/complaints/resume', '/complaints/follow']) assert.match(page.body, new RegExp(`href="${href}"`));
    const arabic = await client.get('/complaints?lang=ar');
    assert.match(arabic.body, /dir="rtl"/);
    assert.match(arabic.body, /يومَي عمل/);
    await app.close();
  });

  // Issue 14 item 9: the rules the profile can now express are told to the consumer in words.
  it("says when a calendar-day time limit moves past a weekend or holiday, and gives the stage's days without the late-awareness rule", async () => {
    const database = databases.all[0];
    assert.ok(database);
    const demo = JSON.parse(readFileSync(new URL('../../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
      modules: Record<string, Record<string, unknown>>;
    };
    const { lateAwarenessMonths: _withoutLateRule, ...demoComplaints } = demo.modules['complaints'] ?? {};
    const complaints = { ...demoComplaints, lastDayOnNonBusinessDay: 'next_business_day', deadlines: { investigation: { days: 60, count: 'calendar' } } };
    const file = join(createTempDir('complaints-profile'), 'profile.json');
    writeFileSync(file, JSON.stringify({ ...demo, modules: { ...demo.modules, complaints } }));
    const platform = await createTestPlatform(await database.fresh(), { modules, env: { KINGA_JURISDICTION: file } });
    const app = await buildApp(platform, modules);
    const client = createWebClient(app, '10.7.7.2');
    const page = await client.get('/complaints');
    assert.match(page.body, /we investigate within 60 days\./);
    assert.match(page.body, /within 15 working days \(7 working days if you need extra support\)/);
    assert.match(page.body, /When a time limit would end on a weekend or a public holiday, it ends on the next working day\./);
    const french = await client.get('/complaints?lang=fr');
    assert.match(french.body, /jour ouvré suivant/);
    await app.close();
  });
});
