import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { CHANNELS_TEST_MODULES, createChannelsTestApp } from '../testing/channels-platform.ts';

const databases = openTestDatabases(allMigrations(CHANNELS_TEST_MODULES));

/** The lines of the phone's screen on a simulator page. */
function screenOf(html: string): string[] {
  const block = /<div[^>]*data-ussd-screen="[a-z]+"[^>]*>(.*?)<\/div>/s.exec(html)?.[1] ?? '';
  return [...block.matchAll(/<p>(.*?)<\/p>/gs)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'"));
}

for (const database of databases.all) {
  test(`the staff's USSD simulator plays the issue's transcript without a script, one page per send, in the caller's language [${database.dialect}]`, async () => {
    const { app, platform } = await createChannelsTestApp(database);
    const anonymous = await app.inject({ method: 'GET', url: '/staff/channels/ussd', headers: { accept: 'text/html' } });
    assert.notEqual(anonymous.statusCode, 200);
    const web = createWebClient(app);
    await signIn(web, platform, await buildStaffAccount(platform, { role: 'officer' }));
    const dashboard = await web.get('/staff');
    assert.match(dashboard.body, /href="\/staff\/channels\/ussd"/);
    const page = await web.get('/staff/channels/ussd');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<option value="\*384\*1564#" selected>/);

    const dialled = await web.post('/staff/channels/ussd', { number: '+254 712 345678', serviceCode: '*384*1564#' });
    assert.equal(dialled.statusCode, 200);
    assert.deepEqual(screenOf(dialled.body).slice(0, 2), ['Consumer help:', '1 Check a phone (IMEI)']);
    const sessionId = /name="sessionId" value="([0-9a-f-]{36})"/.exec(dialled.body)?.[1] ?? '';
    assert.notEqual(sessionId, '');
    const send = (input: string) => web.post('/staff/channels/ussd', { number: '+254 712 345678', serviceCode: '*384*1564#', sessionId, input });
    assert.deepEqual(screenOf((await send('1')).body), ['Enter the IMEI (dial *#06# to see it):']);
    assert.deepEqual(screenOf((await send('490154203237519')).body), ['The last digit does not match: a digit is wrong. Enter the IMEI again:']);
    const verdict = await send('490154203237518');
    assert.deepEqual(screenOf(verdict.body), ['IMEI 490154203237518: Unknown model.']);
    assert.match(verdict.body, /data-ussd-screen="end"/);
    assert.doesNotMatch(verdict.body, /name="sessionId"/, 'an ended session is not continued');

    // The caller's language is the screen's, whatever the page's.
    const fr = await web.post('/staff/channels/ussd?lang=ar', { number: '+254 712 345678', serviceCode: '*384*1564#' });
    const frSession = /name="sessionId" value="([0-9a-f-]{36})"/.exec(fr.body)?.[1] ?? '';
    await web.post('/staff/channels/ussd', { number: '+254 712 345678', serviceCode: '*384*1564#', sessionId: frSession, input: '5' });
    const chosen = await web.post('/staff/channels/ussd?lang=ar', { number: '+254 712 345678', serviceCode: '*384*1564#', sessionId: frSession, input: '3' });
    assert.match(chosen.body, /<div lang="ar" dir="rtl" data-ussd-screen="end"><p>حُفظت اللغة.<\/p>/);

    const wrong = await web.post('/staff/channels/ussd?lang=en', { number: '12', serviceCode: '*384*1564#' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Enter a valid mobile number/);
    const fixed = await web.post('/staff/channels/ussd', { number: '+254 20 2222222', serviceCode: '*384*1564#' });
    assert.equal(fixed.statusCode, 422);
    assert.match(fixed.body, /Enter a mobile number: USSD is only dialled from mobile phones/);
    await app.close();
  });
}
