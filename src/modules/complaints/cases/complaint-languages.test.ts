import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTokenIssuer } from '../../../../test/helpers/api-tokens.ts';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { englishSentencesIn } from '../../../../test/helpers/english-sentences.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import { termValue } from '../../../platform/i18n/index.ts';
import type { MailMessage, Mailer } from '../../../platform/notify/index.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule, createComplaintServiceFor, type StaffActor } from '../index.ts';
import { complaintApiBody } from '../testing/complaint-answers.ts';
import { checkSubmission } from './complaint-validation.ts';
import { checkQuarterFigures, parseSubscriberCsv } from '../subscribers/complaint-subscribers.ts';

// Issue 13 item 10 (class): every refusal of the complaints module a person reads (the filing
// API, the operator API, the subscriber API, the pages' error answers) is said in the reader's
// language from the module's catalogues; nothing English is left in Chinese or Arabic.
const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));

interface Problem {
  title: string;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}

/** The problem of an answer, checked to be worded wholly in `language`: no English sentence, and Content-Language says so. */
function saidIn(reply: LightMyRequestResponse, language: string, what: string): Problem {
  assert.match(String(reply.headers['content-type']), /^application\/problem\+json/, what);
  const problem = reply.json<Problem>();
  assert.equal(reply.headers['content-language'], language, `${what}: ${reply.body}`);
  const words = [problem.detail, ...(problem.errors ?? []).map((e) => e.message)].join('\n');
  if (language === 'zh' || language === 'ar' || language === 'ru') assert.deepEqual(englishSentencesIn(words), [], `${what}: ${words}`);
  return problem;
}

/** Sends `payload` to `url` with the API token `authorization`, asking for answers in `language`. */
function sendAs(app: App, authorization: string, language: string, method: 'POST' | 'PUT', url: string, payload: object): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, payload, headers: { authorization, 'accept-language': language } });
}

const filing = (overrides: Record<string, unknown> = {}) => ({
  ...complaintApiBody({
    operatorIds: ['OP-L-1'],
    description: '两次收取同一流量包的费用。',
    desiredOutcome: '退款。',
    priorContact: { contacted: true, date: '2026-11-25' },
    consumer: { name: '王芳', email: 'wang@example.org', language: 'zh' },
  }),
  ...overrides,
});

async function setup(database: (typeof databases.all)[number]) {
  const sent: MailMessage[] = [];
  const mailer: Mailer = { send: async (m: MailMessage) => void sent.push(m), close: async () => undefined };
  const platform = await createTestPlatform(await database.fresh(), {
    modules,
    mailer,
    env: { CODE_SENDS_PER_NETWORK_ADDRESS: '1000', CODE_SENDS_PER_ADDRESS: '1000' },
  });
  await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-L-1', 'Lugha One');
  await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-L-2', 'Lugha Two');
  const app = await buildApp(platform, modules);
  const { admin, token: issue } = await createTokenIssuer(platform, 'languages');
  const token = async (operatorId: string, permissions: string[]) => `Bearer ${await issue(operatorId, permissions)}`;
  const system: StaffActor = { actor: { type: 'system', id: null }, userId: admin.id, role: 'admin' };
  return { platform, app, admin, token, system, sent, service: createComplaintServiceFor(platform) };
}

for (const database of databases.all) {
  describe(`complaint refusals in the reader's language (${database.dialect})`, () => {
    it('the filing API names each wrong field in Chinese, Arabic and Russian, lists said as each language lists them', async () => {
      const { app, platform } = await setup(database);
      const wrong = filing({
        operatorIds: ['OP-NOPE'],
        service: 'space',
        category: 'nope',
        description: 'short',
        consent: false,
        consumer: { name: '', email: 'x', phone: 'call me', language: 'xx' },
        extraSupport: ['magic'],
      });
      const english = (await app.inject({ method: 'POST', url: '/api/v1/complaints', payload: wrong })).json<Problem>();
      for (const language of ['zh', 'ar', 'ru']) {
        const reply = await app.inject({ method: 'POST', url: '/api/v1/complaints', payload: wrong, headers: { 'accept-language': language } });
        assert.equal(reply.statusCode, 422);
        const problem = saidIn(reply, language, `POST /api/v1/complaints in ${language}`);
        assert.equal(problem.title, 'COMPLAINT_INVALID');
        assert.deepEqual(
          problem.errors?.map((e) => e.field),
          english.errors?.map((e) => e.field),
          'the same fields, in the same order',
        );
      }
      const t = platform.catalogs.translator('zh');
      const zh = (await app.inject({ method: 'POST', url: '/api/v1/complaints', payload: wrong, headers: { 'accept-language': 'zh' } })).json<Problem>();
      // The services are listed as Chinese lists them, with its comma and its "or".
      assert.match(zh.errors?.find((e) => e.field === 'service')?.message ?? '', /mobile、fixed_internet、pay_tv或other/);
      assert.equal(zh.detail, t('complaints.refusal.invalid'));
    });

    it('the operator API says a token bound to no operator, a missing case, a closed case and a wrong answer in the language asked for', async () => {
      const { app, token, service, system } = await setup(database);
      const regulator = await token('', ['complaints:read', 'complaints:respond']);
      const operator = await token('OP-L-1', ['complaints:read', 'complaints:respond']);
      const notBound = await app.inject({ url: '/api/v1/operator/complaints', headers: { authorization: regulator, 'accept-language': 'ar' } });
      assert.equal(notBound.statusCode, 403);
      assert.equal(saidIn(notBound, 'ar', 'a regulator token on the operator API').title, 'TOKEN_NOT_OPERATOR');

      const missing = await app.inject({ url: '/api/v1/operator/complaints/K-ABCDEFGH', headers: { authorization: operator, 'accept-language': 'zh' } });
      assert.equal(missing.statusCode, 404);
      assert.equal(saidIn(missing, 'zh', 'a case that does not exist').title, 'COMPLAINT_NOT_FOUND');

      const filed = await service.file({ type: 'system', id: null }, { ...filing(), channel: 'api' });
      const reference = filed.cases[0]?.reference ?? '';
      await service.staff.assess(system, reference, 'refer');
      const empty = await sendAs(app, operator, 'zh', 'POST', `/api/v1/operator/complaints/${reference}/responses`, {
        kind: 'amount_on_hold',
        text: ' ',
        amount: 'lots',
      });
      assert.equal(empty.statusCode, 422);
      assert.deepEqual(
        saidIn(empty, 'zh', 'an answer without text').errors?.map((e) => e.field),
        ['text', 'amount'],
      );
      const blank = await sendAs(app, operator, 'ru', 'POST', `/api/v1/operator/complaints/${reference}/messages`, { text: '' });
      assert.equal(blank.statusCode, 422);
      saidIn(blank, 'ru', 'an empty message');

      await service.staff.moveTo(system, reference, 'closed');
      const closed = await sendAs(app, operator, 'zh', 'POST', `/api/v1/operator/complaints/${reference}/messages`, { text: '您好' });
      assert.equal(closed.statusCode, 409);
      assert.equal(saidIn(closed, 'zh', 'a message on a closed case').title, 'COMPLAINT_CLOSED');
      const late = await sendAs(app, operator, 'ar', 'POST', `/api/v1/operator/complaints/${reference}/responses`, { kind: 'response', text: '您好' });
      assert.equal(late.statusCode, 409);
      assert.equal(saidIn(late, 'ar', 'an answer to a closed case').title, 'COMPLAINT_TRANSITION_REFUSED');
    });

    it('the subscriber API says an operator token and wrong figures in the language asked for', async () => {
      const { app, token } = await setup(database);
      const operator = await token('OP-L-1', ['complaints:subscribers']);
      const regulator = await token('', ['complaints:subscribers']);
      const body = {
        figures: [
          { operatorId: 'OP-NOPE', service: 'mobile', subscribers: 10 },
          { operatorId: 'OP-L-1', service: 'other', subscribers: -3 },
          { operatorId: 'OP-L-1', service: 'mobile', subscribers: 1.5 },
        ],
      };
      const theirs = await sendAs(app, operator, 'zh', 'PUT', '/api/v1/complaints/subscribers/2026-Q3', body);
      assert.equal(theirs.statusCode, 403);
      assert.equal(saidIn(theirs, 'zh', 'an operator token').title, 'TOKEN_NOT_REGULATOR');
      const wrong = await sendAs(app, regulator, 'ar', 'PUT', '/api/v1/complaints/subscribers/2031-Q1', body);
      assert.equal(wrong.statusCode, 422);
      assert.deepEqual(
        saidIn(wrong, 'ar', 'wrong figures').errors?.map((e) => e.field),
        ['quarter', '/figures/0/operatorId', '/figures/1/service', '/figures/1/subscribers', '/figures/2/subscribers'],
      );
    });

    it('a page that cannot do what was asked says why in its language, not only that something is wrong', async () => {
      const { app, platform, service, system } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, { ...filing(), channel: 'api' });
      const reference = filed.cases[0]?.reference ?? '';
      await service.staff.assess(system, reference, 'close');
      const client = createWebClient(app, '10.98.0.1');
      await signIn(client, platform, await buildStaffAccount(platform, { role: 'officer' }));
      const page = await client.get(`/staff/complaints/${reference}/close?lang=ar`);
      assert.equal(page.statusCode, 409);
      const text = page.body.replace(/<[^>]*>/g, ' ');
      assert.ok(
        text.includes(
          platform.catalogs.translator('ar')('complaints.refusal.move', {
            stage: termValue('complaints.stage.closed'),
            to: termValue('complaints.stage.closed'),
          }),
        ),
        'the page names why the case cannot be closed',
      );
    });

    it("the receipt e-mail lists the case references as the consumer's language lists them", async () => {
      const { platform, service, sent } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, { ...filing({ operatorIds: ['OP-L-1', 'OP-L-2'] }), channel: 'api' });
      await platform.jobs.runDue();
      const [one, two] = filed.cases.map((c) => c.reference);
      const receipt = sent.find((m) => m.to === 'wang@example.org');
      assert.ok(receipt, 'a receipt was sent');
      assert.ok(receipt.text.includes(`${one}和${two}`), receipt.text);
    });

    it("pages list file types and say sizes and lists as the reader's language does, never joined or measured in English", async () => {
      const { app, platform, service, system } = await setup(database);
      // The consumer's evidence step: "PDF、PNG或JPEG", "5兆字节", never "PDF, PNG, JPEG" and "5 MB".
      const consumer = createWebClient(app, '10.98.0.2');
      await consumer.get('/complaints/new/operator?lang=zh');
      await consumer.post('/complaints/new/operator', { operatorIds: ['OP-L-1'] });
      const evidence = await consumer.get('/complaints/new/evidence?lang=zh');
      assert.equal(evidence.statusCode, 200);
      assert.match(evidence.body, /PDF、PNG或JPEG/);
      assert.match(evidence.body, /5兆字节/);
      assert.doesNotMatch(evidence.body, /\bMB\b|PDF, PNG/);

      // The staff case page names the consumer's needs as one list of the page's language.
      const filed = await service.file({ type: 'system', id: null }, { ...filing({ extraSupport: ['disability', 'language'] }), channel: 'api' });
      const reference = filed.cases[0]?.reference ?? '';
      const officer = createWebClient(app, '10.98.0.3');
      await signIn(officer, platform, await buildStaffAccount(platform, { role: 'officer' }));
      const t = platform.catalogs.translator('zh');
      const staffPage = await officer.get(`/staff/complaints/${reference}?lang=zh`);
      assert.ok(
        staffPage.body.includes(`${t('complaints.extraSupport.disability')}和${t('complaints.extraSupport.language')}`),
        'the needs joined with the Chinese "and"',
      );

      // The operator's case page says the size limit with the unit's Arabic name and lists the types with its "or".
      await service.staff.assess(system, reference, 'refer');
      const agent = createWebClient(app, '10.98.0.4');
      await signIn(agent, platform, await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-L-1' }));
      const operatorPage = await agent.get(`/staff/operator/complaints/${reference}?lang=ar`);
      assert.equal(operatorPage.statusCode, 200);
      assert.match(operatorPage.body, /5 ميغابايت/);
      assert.match(operatorPage.body, /PDF أو PNG أو JPEG/);
    });
  });
}

describe('complaint problems carry their message keys', () => {
  it('every problem of a submission and of a subscriber file or request carries a key, so that any reader gets it in their language', () => {
    const problems = checkSubmission(
      {
        operatorIds: ['X', 'X', 'Y', 'Z', 'W', 'V'],
        service: 'space' as never,
        category: 'x',
        description: 'x',
        desiredOutcome: '',
        priorContact: { contacted: true, date: '2099-01-01', operatorReference: 'r'.repeat(99) },
        problemStartedOn: 'soon',
        consumer: { name: '', email: '', phone: 'x', accountNumber: 'a'.repeat(99), serviceNumber: 'y', language: 'xx' },
        extraSupport: ['magic'] as never[],
        extraSupportDetails: 'd'.repeat(2000),
        consent: false,
        channel: 'fax' as never,
        onBehalfConsentRecorded: false,
      },
      { operatorIds: new Set(['Y']), categories: ['billing'], languages: ['en', 'zh'], today: '2026-12-01', country: 'KE' },
    );
    const file = parseSubscriberCsv('operator_id,service,quarter,subscribers,extra\n', { operatorIds: new Set(['OP']), currentQuarter: '2026-Q4' });
    const rows = parseSubscriberCsv(
      'operator_id,service,quarter,subscribers\nNOPE,tv,2026-Q9,-1\nOP,mobile,2026-Q4,\nOP,mobile,2026-Q3,"1,5"\nOP,mobile,2026-Q3,1\nOP,mobile,2026-Q3,2\n',
      { operatorIds: new Set(['OP']), currentQuarter: '2026-Q4' },
    );
    const csv = parseSubscriberCsv('operator_id,service,quarter,subscribers\n"OP,mobile\n', { operatorIds: new Set(['OP']), currentQuarter: '2026-Q4' });
    const api = checkQuarterFigures(
      '2031-Q1',
      [
        { operatorId: 'OP', service: 'mobile', subscribers: 1 },
        { operatorId: 'OP', service: 'mobile', subscribers: 1 },
      ],
      { operatorIds: new Set(['OP']), currentQuarter: '2026-Q4' },
    );
    const all = [...problems, ...file.problems, ...rows.problems, ...csv.problems, ...api.problems];
    assert.ok(all.length >= 30, `${all.length} problems`);
    const unkeyed = all.filter((p) => !('key' in p && typeof p.key === 'string'));
    assert.deepEqual(unkeyed, []);
  });
});
