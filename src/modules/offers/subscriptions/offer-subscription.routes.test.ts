import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { createWebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule, createOfferServiceFor } from '../index.ts';
import { DEMO_OFFERS_CSV } from '../demo/offers.demo.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const smtp = await startSmtpServer();
after(() => smtp.close());

const PLAN = 'M9900000001SVM10GB30000000';
const PUBLIC_URL = 'https://kinga.test';

/** The demo file's line of one plan with a new monthly price, as its operator would publish it. */
function repriced(price: string): string {
  const [header = '', ...lines] = readFileSync(DEMO_OFFERS_CSV, 'utf8').split(/\r?\n/);
  const line = lines.find((l) => l.startsWith(`${PLAN},`));
  assert.ok(line);
  return [header, line.replace(/^((?:[^,]*,){5})1000,/, `$1${price},`)].join('\r\n');
}

/** The path and query of the link after `label` in a mail, checked to belong to the site. */
function linkAfter(text: string, pattern: RegExp): string {
  const url = pattern.exec(text)?.[1];
  assert.ok(url, `no link matching ${pattern} in:\n${text}`);
  assert.ok(url.startsWith(PUBLIC_URL), url);
  return url.slice(PUBLIC_URL.length);
}

for (const database of databases.all) {
  test(`subscribe, confirm, hear of a new version in one's language, then unsubscribe in one click, over real SMTP [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const platform = await createTestPlatform(db, { modules: [offersModule], env: { SMTP_URL: smtp.url, PUBLIC_URL } });
    await offersModule.seedDemo?.(platform);
    const app = await buildApp(platform, [offersModule]);
    const first = smtp.messages.length;
    const mails = async (count: number) => {
      await platform.jobs.runDue();
      return (await smtp.waitFor(first + count)).slice(first);
    };

    // The offer page carries the form; subscribing answers the same page whatever the address.
    const browser = createWebClient(app, '10.1.0.1');
    const offer = await browser.get(`/offers/${PLAN}?lang=fr`);
    assert.match(offer.body, new RegExp(`action="/offers/${PLAN}/subscribe\\?lang=fr"`));
    const sent = await browser.post(`/offers/${PLAN}/subscribe?lang=fr`, { email: ' Amina@Example.org ' });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.match(sent.body, /Consultez votre messagerie/);

    const stored = await db.kysely.selectFrom('offer_subscriptions').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.status, 'pending');
    assert.doesNotMatch(JSON.stringify(stored), /amina/i, 'the address is encrypted at rest');

    const [confirmation] = await mails(1);
    assert.ok(confirmation);
    assert.deepEqual(confirmation.to, ['amina@example.org']);
    assert.match(confirmation.subject, /Confirmation : nouvelles de l’offre Monthly Combo 1000/);
    const confirmPath = linkAfter(confirmation.text ?? '', /ouvrez ce lien[^\n]*\n(\S+)/);
    assert.match(confirmPath, /^\/offers\/subscriptions\/confirm\?token=[A-Za-z0-9_-]{43}&lang=fr$/);
    assert.doesNotMatch(confirmation.text ?? '', /amina%40|amina@example\.org\S*\?/i, 'no address in any link');
    assert.match(confirmation.text ?? '', /annuler cette demande dès maintenant : https:\/\/kinga\.test\/offers\/subscriptions\/unsubscribe\?token=/);

    // Opening the link shows a button; only pressing it confirms.
    const confirmPage = await browser.get(confirmPath);
    assert.equal(confirmPage.statusCode, 200);
    assert.equal((await db.kysely.selectFrom('offer_subscriptions').select('status').executeTakeFirstOrThrow()).status, 'pending');
    const token = new URL(`${PUBLIC_URL}${confirmPath}`).searchParams.get('token') ?? '';
    const confirmed = await browser.post('/offers/subscriptions/confirm?lang=fr', { token });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.match(confirmed.body, /Abonnement confirmé/);
    assert.equal((await db.kysely.selectFrom('offer_subscriptions').select('status').executeTakeFirstOrThrow()).status, 'active');
    assert.equal((await browser.post('/offers/subscriptions/confirm?lang=fr', { token })).statusCode, 404, 'a confirmation link works once');

    // A second person subscribes in Arabic and confirms.
    const other = createWebClient(app, '10.1.0.2');
    await other.get(`/offers/${PLAN}?lang=ar`);
    assert.equal((await other.post(`/offers/${PLAN}/subscribe?lang=ar`, { email: 'baraka@example.org' })).statusCode, 200);
    const [arabicConfirmation] = (await mails(2)).slice(1);
    const arabicToken = new URL(`${PUBLIC_URL}${linkAfter(arabicConfirmation?.text ?? '', /(https:\/\/\S+\/confirm\S+)/)}`).searchParams.get('token') ?? '';
    await other.get(`/offers/subscriptions/confirm?token=${arabicToken}&lang=ar`);
    assert.equal((await other.post('/offers/subscriptions/confirm?lang=ar', { token: arabicToken })).statusCode, 200);

    // Asking again while subscribed: the same answer, and a reminder only to the address itself.
    const again = await browser.post(`/offers/${PLAN}/subscribe?lang=fr`, { email: 'amina@example.org' });
    assert.equal(again.statusCode, 200);
    assert.equal(
      again.body.replace(/name="_csrf" value="[^"]+"/g, ''),
      sent.body.replace(/name="_csrf" value="[^"]+"/g, ''),
      'the page never tells whether the address was subscribed',
    );
    const reminder = (await mails(3))[2];
    assert.match(reminder?.subject ?? '', /Vous suivez déjà l’offre/);

    // The operator publishes a new price: the import queues the notices with itself, the worker sends them.
    const report = await createOfferServiceFor(platform).importOffers({
      text: repriced('1200'),
      format: 'csv',
      operatorId: 'OP-DEMO-1',
      isLenient: false,
      source: 'api',
      actor: { type: 'system', id: null },
    });
    assert.equal(report.newVersions, 1);
    const changes = (await mails(5)).slice(3);
    const french = changes.find((m) => m.to[0] === 'amina@example.org');
    const arabic = changes.find((m) => m.to[0] === 'baraka@example.org');
    assert.ok(french && arabic);
    assert.equal(french.subject, 'L’offre Monthly Combo 1000 a changé');
    assert.match(french.text ?? '', /Savanna Mobile a publié la version 3 de l’offre Monthly Combo 1000/);
    assert.match(french.text ?? '', /Ce qui change : Prix\n/);
    assert.match(french.text ?? '', /Nouveau prix : 1\s200,00\sKES pour 30 jours/);
    assert.match(french.text ?? '', /Prix précédent : 1\s000,00\sKES pour 30 jours/);
    assert.match(french.text ?? '', new RegExp(`https://kinga\\.test/offers/${PLAN}\\?on=\\d{4}-\\d{2}-\\d{2}&lang=fr`));
    assert.match(arabic.subject, /^تغيّر العرض/);
    assert.match(arabic.text ?? '', /السعر الجديد:/);
    assert.match(arabic.text ?? '', /ما الذي تغيّر: السعر\n/);
    assert.match(arabic.text ?? '', /1,200\.00/);
    const newVersion = await app.inject({ url: linkAfter(french.text ?? '', /nouvelle version : (\S+)/), headers: { accept: 'text/html' } });
    assert.equal(newVersion.statusCode, 200);
    assert.match(newVersion.body, /version 3/);

    // One click on the link in the e-mail ends it; the next change is sent to the other subscriber only.
    const unsubscribe = await app.inject({ url: linkAfter(french.text ?? '', /ne plus recevoir ces courriels : (\S+)/), headers: { accept: 'text/html' } });
    assert.equal(unsubscribe.statusCode, 200);
    assert.match(unsubscribe.body, /Vous ne recevrez plus de courriels/);
    assert.equal(
      (await app.inject({ url: linkAfter(french.text ?? '', /ne plus recevoir ces courriels : (\S+)/), headers: { accept: 'text/html' } })).statusCode,
      404,
    );
    await createOfferServiceFor(platform).importOffers({
      text: repriced('1300'),
      format: 'csv',
      operatorId: 'OP-DEMO-1',
      isLenient: false,
      source: 'api',
      actor: { type: 'system', id: null },
    });
    const last = (await mails(6)).slice(5);
    assert.deepEqual(
      last.map((m) => m.to[0]),
      ['baraka@example.org'],
    );
    await platform.jobs.runDue();
    assert.equal(smtp.messages.length, first + 6, 'nothing more was sent');
  });

  test(`confirmation mails to one typed address are limited in the database, shared by every process, without the page saying so [${database.dialect}]`, async () => {
    // Issue 13 item 5 (class): the form e-mails an address the requester typed, so it counts per
    // recipient and per client address in the platform's shared limiter, not in one process's memory.
    const db = await database.fresh();
    const env = { SMTP_URL: smtp.url, PUBLIC_URL, CODE_SENDS_PER_ADDRESS: '2', CODE_SENDS_PER_NETWORK_ADDRESS: '4' };
    const platform = await createTestPlatform(db, { modules: [offersModule], env });
    await offersModule.seedDemo?.(platform);
    const victim = `victim-${database.dialect}@example.org`;
    const first = smtp.messages.length;

    // Three people, from three networks, each type the same address: the page is the same every time.
    const pages: string[] = [];
    for (const address of ['10.5.0.1', '10.5.0.2', '10.5.0.3']) {
      const app = await buildApp(platform, [offersModule]);
      const browser = createWebClient(app, address);
      await browser.get(`/offers/${PLAN}`);
      const sent = await browser.post(`/offers/${PLAN}/subscribe`, { email: address === '10.5.0.2' ? ` ${victim.toUpperCase()} ` : victim });
      assert.equal(sent.statusCode, 200, sent.body);
      pages.push(sent.body.replace(/name="_csrf" value="[^"]+"/g, ''));
    }
    assert.equal(new Set(pages).size, 1, 'past the limit the page says nothing different');
    await platform.jobs.runDue();
    await smtp.waitFor(first + 2);
    await platform.jobs.runDue();
    assert.deepEqual(smtp.messages.slice(first).filter((m) => m.to.includes(victim)).length, 2, 'the third request sent nothing');

    // Two processes (two apps over one database) share the count of one client address.
    const one = createWebClient(await buildApp(platform, [offersModule]), '10.6.0.1');
    const two = createWebClient(await buildApp(platform, [offersModule]), '10.6.0.1');
    await one.get(`/offers/${PLAN}`);
    await two.get(`/offers/${PLAN}`);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await (i % 2 === 0 ? one : two).post(`/offers/${PLAN}/subscribe`, { email: `n${i}-${database.dialect}@example.org` })).statusCode);
    assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
    const refused = await two.post(`/offers/${PLAN}/subscribe`, { email: `late-${database.dialect}@example.org` });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.headers['retry-after'] ?? '', /^\d+$/);
  });

  test(`the subscribe form refuses a wrong address with 422 and keeps it, and is rate limited per client [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule], env: { PUBLIC_URL, CODE_SENDS_PER_NETWORK_ADDRESS: '10' } });
    await offersModule.seedDemo?.(platform);
    const app = await buildApp(platform, [offersModule]);
    const browser = createWebClient(app, '10.2.0.1');
    await browser.get(`/offers/${PLAN}`);
    const wrong = await browser.post(`/offers/${PLAN}/subscribe`, { email: 'not an address' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /href="#field-email">Enter an e-mail address such as name@example.org/);
    assert.match(wrong.body, /value="not an address"/);
    const noCsrf = await browser.post(`/offers/${PLAN}/subscribe`, { email: 'a@example.org', _csrf: 'forged' });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((await browser.post('/offers/M0000000000NOPE00000000000/subscribe', { email: 'a@example.org' })).statusCode, 404);
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i += 1) status = (await browser.post(`/offers/${PLAN}/subscribe`, { email: `p${i}@example.org` })).statusCode;
    assert.equal(status, 429, 'the limit per client address (CODE_SENDS_PER_NETWORK_ADDRESS, 10 here)');
    const elsewhere = createWebClient(app, '10.2.0.2');
    await elsewhere.get(`/offers/${PLAN}`);
    assert.equal((await elsewhere.post(`/offers/${PLAN}/subscribe`, { email: 'q@example.org' })).statusCode, 200);
  });
}
