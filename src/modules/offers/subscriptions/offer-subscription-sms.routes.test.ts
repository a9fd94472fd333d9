import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { createWebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { planSms } from '../../../platform/sms/sms-text.ts';
import { offersModule, createOfferServiceFor } from '../index.ts';
import { DEMO_OFFERS_CSV } from '../demo/offers.demo.ts';
import { createOfferSubscriptionServiceFor } from './offer-subscription.wiring.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const PLAN = 'M9900000001SVM10GB30000000';
const PUBLIC_URL = 'https://kinga.test';
const NUMBER = '+254722000111';

/** The demo file's line of one plan with a new monthly price, as its operator would publish it. */
function repriced(price: string): string {
  const [header = '', ...lines] = readFileSync(DEMO_OFFERS_CSV, 'utf8').split(/\r?\n/);
  const line = lines.find((l) => l.startsWith(`${PLAN},`));
  assert.ok(line);
  return [header, line.replace(/^((?:[^,]*,){5})1000,/, `$1${price},`)].join('\r\n');
}

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule], logger, env: { PUBLIC_URL, ...env } });
  await offersModule.seedDemo?.(platform);
  // The demo's own imports queue their notices; they run before anyone subscribes.
  await platform.jobs.runDue();
  const app = await buildApp(platform, [offersModule]);
  const publish = async (price: string) => {
    await createOfferServiceFor(platform).importOffers({
      text: repriced(price),
      format: 'csv',
      operatorId: 'OP-DEMO-1',
      isLenient: false,
      source: 'api',
      actor: { type: 'system', id: null },
    });
    await platform.jobs.runDue();
  };
  return { platform, app, logLines, publish };
}

/** The code in the newest text to `to`, read from its origin-bound last line. */
async function lastCode(platform: Awaited<ReturnType<typeof setup>>['platform'], to: string) {
  const text = (await outboxTexts(platform, to)).at(-1);
  assert.ok(text);
  const code = /\n@kinga\.test #([0-9]{6})$/.exec(text.text)?.[1];
  assert.ok(code, text.text);
  return { text, code };
}

for (const database of databases.all) {
  test(`a mobile number subscribes with a texted code, hears of a new price by text, and stops by the link or by STOP [${database.dialect}]`, async () => {
    const { platform, app, logLines, publish } = await setup(database);
    const browser = createWebClient(app, '10.9.0.1');
    const offer = await browser.get(`/offers/${PLAN}`);
    assert.match(offer.body, /name="phone"/);
    const asked = await browser.post(`/offers/${PLAN}/subscribe?lang=en`, { email: '', phone: '0722 000 111' });
    assert.equal(asked.statusCode, 303, asked.body);
    assert.equal(asked.headers.location, `/offers/subscriptions/code?plan=${PLAN}&lang=en`, 'the number is never in the URL');
    const { text, code } = await lastCode(platform, NUMBER);
    assert.equal(text.purpose, 'offers.subscription-code');
    assert.match(text.text, new RegExp(`^${code} is your code to get a text when an offer changes\\. It expires in 15 minutes\\.`));
    assert.deepEqual([planSms(text.text).encoding, planSms(text.text).parts.length], ['gsm7', 1]);

    const codePage = await browser.get(asked.headers.location ?? '');
    assert.equal(codePage.statusCode, 200);
    assert.match(codePage.body, /autocomplete="one-time-code"/);
    assert.doesNotMatch(codePage.body, /722/);
    const wrong = await browser.post('/offers/subscriptions/code?lang=en', { code: code === '000000' ? '111111' : '000000', plan: PLAN });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /href="#field-code">This code is not right\. Check the text message and try again\./);
    const confirmed = await browser.post('/offers/subscriptions/code?lang=en', { code, plan: PLAN });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.match(confirmed.body, /You will receive a text message when this offer changes/);
    const row = await platform.db.kysely.selectFrom('offer_subscriptions').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.channel], ['active', 'sms']);
    assert.doesNotMatch(JSON.stringify(row), /722000111/, 'the number is sealed at rest');
    const before = (await outboxTexts(platform, NUMBER)).length;
    assert.equal((await browser.post('/offers/subscriptions/code?lang=en', { code, plan: PLAN })).statusCode, 303, 'the code works once');

    // A new price is texted once, even when the notice job runs again.
    await publish('1200');
    const alerts = (await outboxTexts(platform, NUMBER)).slice(before);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.purpose, 'offers.subscription-change');
    assert.match(alerts[0]?.text ?? '', /Savanna Mobile has changed the offer Monthly Combo 1000: KES 1,200\.00 for 30 days/);
    assert.deepEqual([planSms(alerts[0]?.text ?? '').encoding, planSms(alerts[0]?.text ?? '').parts.length], ['gsm7', 3], 'plain spaces keep it in GSM-7');
    assert.match(alerts[0]?.text ?? '', /reply STOP or open https:\/\/kinga\.test\/offers\/subscriptions\/unsubscribe\?token=/);
    const version = (await platform.db.kysely.selectFrom('offer_plans').select('latest_version').where('plan_id', '=', PLAN).executeTakeFirstOrThrow())
      .latest_version;
    await createOfferSubscriptionServiceFor(platform).notifyChanges([{ planId: PLAN, version }]);
    assert.equal((await outboxTexts(platform, NUMBER)).length, before + 1, 'a notice run again texts nothing twice');

    // The link in the text ends it.
    const link = /(https:\/\/kinga\.test\/offers\/subscriptions\/unsubscribe\S+)/.exec(alerts[0]?.text ?? '')?.[1] ?? '';
    const ended = await app.inject({ url: link.slice(PUBLIC_URL.length), headers: { accept: 'text/html' } });
    assert.equal(ended.statusCode, 200);
    assert.equal(await platform.db.kysely.selectFrom('offer_subscriptions').select('id').executeTakeFirst(), undefined);

    // Subscribed again, a STOP from the number ends it too; another number's subscription stays.
    const again = createWebClient(app, '10.9.0.2');
    await again.get(`/offers/${PLAN}`);
    await again.post(`/offers/${PLAN}/subscribe`, { phone: NUMBER });
    await again.post('/offers/subscriptions/code', { code: (await lastCode(platform, NUMBER)).code, plan: PLAN });
    const neighbour = createWebClient(app, '10.9.0.3');
    await neighbour.get(`/offers/${PLAN}`);
    await neighbour.post(`/offers/${PLAN}/subscribe`, { phone: '+254 733 000 222' });
    await neighbour.post('/offers/subscriptions/code', { code: (await lastCode(platform, '+254733000222')).code, plan: PLAN });
    assert.equal(await createOfferSubscriptionServiceFor(platform).stopTexts(NUMBER), 1);
    const left = await platform.db.kysely.selectFrom('offer_subscriptions').select(['status', 'phone_hash']).execute();
    assert.deepEqual(left, [{ status: 'active', phone_hash: platform.sms.hashNumber('+254733000222') }]);

    assert.doesNotMatch(logLines.join(''), /722 ?000 ?111|733 ?000 ?222/, 'no number in the logs');
    await app.close();
  });

  test(`a number asked for again, past its limit, or with a lapsed code answers the same way and texts no more than the limit [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database, { CODE_SENDS_PER_ADDRESS: '2' });
    const pages: string[] = [];
    for (const address of ['10.9.1.1', '10.9.1.2', '10.9.1.3']) {
      const browser = createWebClient(app, address);
      await browser.get(`/offers/${PLAN}`);
      const asked = await browser.post(`/offers/${PLAN}/subscribe`, { phone: '0722000111' });
      assert.equal(asked.statusCode, 303);
      pages.push(asked.headers.location ?? '');
    }
    assert.equal(new Set(pages).size, 1, 'the answer never tells whether the number was asked for before');
    assert.equal((await outboxTexts(platform, NUMBER)).length, 2, 'the third request sent nothing');

    const late = createWebClient(await buildApp(platform, [offersModule]), '10.9.1.4');
    await late.get(`/offers/${PLAN}`);
    await late.post(`/offers/${PLAN}/subscribe`, { phone: '+254 744 000 333' });
    const { code } = await lastCode(platform, '+254744000333');
    platform.clock.advance(16 * 60_000);
    await late.get(`/offers/subscriptions/code?plan=${PLAN}`);
    const expired = await late.post('/offers/subscriptions/code', { code, plan: PLAN });
    assert.equal(expired.statusCode, 422);
    assert.match(expired.body, /This code has expired/);
    assert.equal((await platform.db.kysely.selectFrom('offer_subscriptions').select('status').where('channel', '=', 'sms').execute()).length, 2);
    await app.close();
  });

  test(`the form says what is missing or wrong, keeping what was typed, and a confirmation link never confirms a subscription by text [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    const browser = createWebClient(app, '10.9.2.1');
    await browser.get(`/offers/${PLAN}`);
    const nothing = await browser.post(`/offers/${PLAN}/subscribe`, { email: '', phone: '' });
    assert.equal(nothing.statusCode, 422);
    assert.match(nothing.body, /Enter your e-mail address or your mobile number\./);
    const fixed = await browser.post(`/offers/${PLAN}/subscribe`, { phone: '020 2222222' });
    assert.match(fixed.body, /href="#field-phone">This is not a mobile number/);
    const both = await browser.post(`/offers/${PLAN}/subscribe`, { email: 'x@example.org', phone: '0722000111' });
    assert.equal(both.statusCode, 422);
    assert.match(both.body, /href="#field-notifyBy">Choose whether we tell you by e-mail or by text message\./);
    assert.match(both.body, /value="0722000111"/);
    assert.equal((await browser.get('/offers/subscriptions/code')).statusCode, 303, 'no request: back to the offers');
    assert.deepEqual(await outboxTexts(platform), []);

    // Both given, texts chosen: the code goes by text, and the cookie's token opens nothing by the e-mail link path.
    const chosen = await browser.post(`/offers/${PLAN}/subscribe`, { email: 'x@example.org', phone: '0722000111', notifyBy: 'sms' });
    assert.equal(chosen.statusCode, 303);
    const token = browser.cookies.get('kinga_offer_subscription') ?? '';
    assert.ok(token);
    assert.equal((await browser.get(`/offers/subscriptions/confirm?token=${token}`)).statusCode, 404);
    assert.equal((await browser.post('/offers/subscriptions/confirm', { token })).statusCode, 404);
    assert.equal((await platform.db.kysely.selectFrom('offer_subscriptions').select('status').executeTakeFirstOrThrow()).status, 'pending');
    await app.close();
  });
}

test('the subscription texts are in all six languages, the code text in one GSM-7 segment in the Latin-script ones', async () => {
  const database = databases.all[0];
  assert.ok(database);
  const { platform, app } = await setup(database);
  const codes = new Set<string>();
  const changes = new Set<string>();
  for (const language of ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const) {
    const t = platform.catalogs.translator(language);
    const message = t('offers.subscribe.sms.code', { code: '123456', minutes: 15 });
    codes.add(message);
    changes.add(t('offers.subscribe.sms.change', { operator: 'O', plan: 'P', price: '1', from: 'd', url: 'u', unsubscribeUrl: 'x' }));
    if (['en', 'fr', 'es'].includes(language)) {
      const plan = planSms(`${message}\n\n@kinga.example.org #123456`);
      assert.deepEqual([plan.encoding, plan.parts.length], ['gsm7', 1], `${language}: ${message}`);
    }
  }
  assert.equal(codes.size, 6);
  assert.equal(changes.size, 6);
  await app.close();
});
