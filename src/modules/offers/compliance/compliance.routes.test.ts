import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../index.ts';
import { createDemoOffersApp } from '../testing/api-app.ts';

const databases = openTestDatabases(allMigrations([offersModule]));

for (const database of databases.all) {
  test(`the compliance view is for officers and administrators, lists findings linked to offers and links the exports [${database.dialect}]`, async () => {
    const { platform, app } = await createDemoOffersApp(database);
    assert.equal((await createWebClient(app).get('/staff/offers/compliance')).statusCode, 303);
    const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-DEMO-1' });
    const agentClient = createWebClient(app, '10.3.3.1');
    await signIn(agentClient, platform, agent);
    assert.equal((await agentClient.get('/staff/offers/compliance')).statusCode, 403);

    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const client = createWebClient(app, '10.3.3.2');
    await signIn(client, platform, officer);
    const dashboard = await client.get('/staff');
    assert.match(dashboard.body, /href="\/staff\/offers\/compliance"/);
    const page = await client.get('/staff/offers/compliance');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Offer compliance/);
    // Pwani Mobile's three offers are stale and it has no current offer; Kilima's fibre promotion has no end date.
    assert.match(page.body, /1 licensed operator has no current offer:/);
    assert.match(page.body, /Pwani Mobile/);
    // Its section says why it is a finding, never "No finding".
    const pwani = /<section[^>]*aria-labelledby="operator-OP-DEMO-4">(.*?)<\/section>/s.exec(page.body)?.[1] ?? '';
    assert.match(pwani, /All 3 of its offers in effect are stale: none was published or confirmed in the last 14 days/);
    assert.doesNotMatch(pwani, /No finding/);
    assert.match(page.body, /<td>all stale<\/td>/);
    assert.match(page.body, /href="\/offers\/F9900000003KLFIB5000000000\?lang=en"/);
    assert.match(page.body, /promotion without an end date/);
    assert.match(page.body, /href="\/api\/v1\/offers\/export\/current\.csv"/);
    assert.match(page.body, /href="https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/" rel="license"/);
    const arabic = await client.get('/staff/offers/compliance?lang=ar');
    assert.match(arabic.body, /امتثال العروض/);
    const french = await client.get('/staff/offers/compliance?lang=fr');
    assert.match(french.body, /Conformité des offres/);
  });

  test(`the compliance view joins names, ids and lists with each language's own punctuation [${database.dialect}]`, async () => {
    const { platform, app } = await createDemoOffersApp(database);
    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const client = createWebClient(app, '10.3.3.3');
    await signIn(client, platform, officer);
    const chinese = (await client.get('/staff/offers/compliance?lang=zh')).body;
    assert.match(
      chinese,
      /<span dir="auto">Kilima Fibre 50<\/span>（<code dir="ltr">F9900000003KLFIB5000000000<\/code>）<\/a>：促销未注明结束日期：<code dir="ltr">effective_to<\/code>/,
    );
    assert.match(
      chinese,
      /<code dir="ltr">customer_support_phone<\/code>和<code dir="ltr">customer_support_web<\/code>。<\/p>/,
      'a Chinese list and full stop',
    );
    const french = (await client.get('/staff/offers/compliance?lang=fr')).body;
    assert.match(french, /<\/code>\)<\/a> : promotion sans date de fin : <code dir="ltr">effective_to<\/code>/);
    assert.match(french, /<code dir="ltr">customer_support_phone<\/code> et <code dir="ltr">customer_support_web<\/code>\.<\/p>/);
    const english = (await client.get('/staff/offers/compliance?lang=en')).body;
    assert.match(english, /1 licensed operator has no current offer: <span dir="auto">Pwani Mobile<\/span> \(<code dir="ltr">OP-DEMO-4<\/code>\)\.<\/p>/);
  });
}
