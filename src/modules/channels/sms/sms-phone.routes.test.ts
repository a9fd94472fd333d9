import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { CHANNELS_TEST_MODULES, createChannelsTestApp } from '../testing/channels-platform.ts';
import { startSmsWorker } from '../channels.wiring.ts';
import { runningSmsChannel } from './sms-channel.ts';

const databases = openTestDatabases(allMigrations(CHANNELS_TEST_MODULES));
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
});

/** The texts of the conversation on a page, oldest first: whether sent or received, and the text. */
function conversationOf(html: string): { direction: string; text: string }[] {
  const list = /<ol data-sms-conversation[^>]*>(.*?)<\/ol>/s.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li data-sms="([a-z]+)"[^>]*>.*?<p dir="auto">(.*?)<\/p><\/li>/gs)].map((m) => ({
    direction: m[1] ?? '',
    text: (m[2] ?? '')
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/&amp;/g, '&')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&quot;/g, '"'),
  }));
}

for (const database of databases.all) {
  test(`${database.dialect}: "Try texts" sends a KYM text into the demo's SMS centre and shows Kinga's reply under it, in the phone's order`, async () => {
    const { app, platform } = await createChannelsTestApp(database);
    const worker = await startSmsWorker(platform, { isDemo: true });
    stops.push(() => worker.stop());
    const smsc = runningSmsChannel(platform)?.demoSmsc;
    assert.ok(smsc);

    const anonymous = await app.inject({ method: 'GET', url: '/staff/channels/sms/phone', headers: { accept: 'text/html' } });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /sign-?in|login/);
    const consumer = createWebClient(app);
    await signIn(consumer, platform, await buildStaffAccount(platform, { role: 'operator_agent' }));
    assert.notEqual((await consumer.get('/staff/channels/sms/phone')).statusCode, 200, 'an operator is not the regulator’s staff');

    const web = createWebClient(app);
    await signIn(web, platform, await buildStaffAccount(platform, { role: 'officer' }));
    assert.match((await web.get('/staff')).body, /href="\/staff\/channels\/sms\/phone"/);
    assert.match((await web.get('/staff/channels/ussd')).body, /href="\/staff\/channels\/sms\/phone"/);
    const page = await web.get('/staff/channels/sms/phone');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<option value="14422" selected>14422<\/option>/);
    assert.match(page.body, /<option value="7726">7726<\/option>/);
    assert.match(page.body, /<code dir="auto">KYM 490154203237518<\/code>/, 'the English keywords of the profile as examples');
    assert.match((await web.get('/staff/channels/sms/phone?lang=fr')).body, /<code dir="auto">VERIF 490154203237518<\/code>/);
    await web.get('/staff/channels/sms/phone?lang=en');

    const sent = await web.post('/staff/channels/sms/phone', { number: '+254 712 345678', shortCode: '14422', text: 'KYM 352099001761481' });
    assert.equal(sent.statusCode, 200);
    const conversation = conversationOf(sent.body);
    assert.equal(conversation.length, 2, sent.body);
    assert.deepEqual(conversation[0], { direction: 'sent', text: 'KYM 352099001761481' });
    assert.equal(conversation[1]?.direction, 'received');
    assert.match(conversation[1]?.text ?? '', /352099001761481.*Samsung/is);
    // The phone's reply is the one the SMS centre received for that number.
    assert.equal(smsc.received.filter((part) => part.to === '254712345678').at(-1)?.text, conversation[1]?.text);
    assert.doesNotMatch(sent.body, /<textarea[^>]*>KYM/, 'the box empties once sent');

    // A reply in two UCS-2 parts shows as one text, as the phone joins them.
    const arabic = conversationOf(
      (await web.post('/staff/channels/sms/phone', { number: '+254712345670', shortCode: '14422', text: 'فحص 352099001761481' })).body,
    );
    assert.equal(smsc.received.filter((part) => part.to === '254712345670').length, 2, 'the Arabic verdict takes two parts');
    assert.deepEqual(
      arabic.map((text) => text.direction),
      ['sent', 'received'],
    );
    assert.match(arabic[1]?.text ?? '', /352099001761481.*Samsung Galaxy A15/s);

    // A scam forwarded to the scam short code: the two steps show in order.
    await web.post('/staff/channels/sms/phone', { number: '+254712345678', shortCode: '7726', text: 'You won! Pay 100 KES to claim' });
    const second = await web.post('/staff/channels/sms/phone', { number: '0712 345678', shortCode: '7726', text: '+254 799 000 111' });
    assert.deepEqual(
      conversationOf(second.body).map((text) => text.direction),
      ['sent', 'received', 'sent', 'received', 'sent', 'received'],
    );
    assert.match(conversationOf(second.body)[3]?.text ?? '', /number or name that sent/i);
    assert.match(conversationOf(second.body)[5]?.text ?? '', /thank/i);

    // Refresh shows the same conversation, sends nothing, and keeps the number out of the URL.
    assert.match(second.body, /<input type="hidden" name="number" value="\+254712345678"/);
    const before = smsc.received.length;
    const refreshed = await web.post('/staff/channels/sms/phone', { number: '+254712345678', shortCode: '7726', refresh: '1' });
    assert.equal(refreshed.statusCode, 200);
    assert.equal(conversationOf(refreshed.body).length, 6);
    assert.equal(smsc.received.length, before);
    // Another number's conversation is its own.
    const other = await web.post('/staff/channels/sms/phone', { number: '+254712000111', refresh: '1' });
    assert.match(other.body, /has not sent or received any text yet/);

    const empty = await web.post('/staff/channels/sms/phone', { number: '+254712345678', shortCode: '14422', text: '  ' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Enter the text to send/);
    const long = await web.post('/staff/channels/sms/phone', { number: '+254712345678', shortCode: '14422', text: 'x'.repeat(481) });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /480 characters or fewer/);
    const fixed = await web.post('/staff/channels/sms/phone', { number: '+254 20 2222222', shortCode: '14422', text: 'HELP' });
    assert.equal(fixed.statusCode, 422);
    assert.match(fixed.body, /only mobile phones send texts/);
    const unknownCode = await web.post('/staff/channels/sms/phone', { number: '+254712345679', shortCode: '999', text: 'HELP' });
    assert.equal(unknownCode.statusCode, 200);
    assert.equal(smsc.received.at(-1)?.from, '14422', 'a short code not offered is sent to the main one');
    await worker.stop();
    await app.close();
  });

  test(`${database.dialect}: without the demo's SMS centre "Try texts" says so and offers nothing to send`, async () => {
    const { app, platform } = await createChannelsTestApp(database);
    const web = createWebClient(app);
    await signIn(web, platform, await buildStaffAccount(platform, { role: 'admin' }));
    const page = await web.get('/staff/channels/sms/phone');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /has no demo SMS centre/);
    assert.doesNotMatch(page.body, /<textarea|name="text"/);
    const posted = await web.post('/staff/channels/sms/phone', { number: '+254712345678', shortCode: '14422', text: 'HELP' });
    assert.equal(posted.statusCode, 409);
    assert.match(posted.body, /has no demo SMS centre/);
    assert.equal((await platform.db.kysely.selectFrom('sms_inbound').selectAll().execute()).length, 0);
    await app.close();
  });
}
