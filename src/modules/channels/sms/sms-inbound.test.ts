import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { allMigrations } from '../../../platform/create.ts';
import { encodeSmsText, encodingOf, planSms, smsUnits, DATA_CODING } from '../../../platform/sms/sms-text.ts';
import type { Platform } from '../../../platform/platform.ts';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';
import { CHANNELS_TEST_MODULES, createChannelsTestApp } from '../testing/channels-platform.ts';
import { createSmsInboundServiceFor, startSmsWorker } from '../channels.wiring.ts';
import { runningSmsChannel } from './sms-channel.ts';
import { until } from '../../../../test/helpers/until.ts';
import { filedScamReports } from '../../../../test/helpers/scam-reports.ts';

const databases = openTestDatabases(allMigrations(CHANNELS_TEST_MODULES));
const PHONE = '254712345678';
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
});

/** The demo's SMS side on loopback: `send` texts from a phone and resolves with the replies the phone received. */
async function phoneOf(platform: Platform) {
  const worker = await startSmsWorker(platform, { isDemo: true });
  stops.push(() => worker.stop());
  const smsc = runningSmsChannel(platform)?.demoSmsc;
  assert.ok(smsc, 'the demo runs an SMS centre on loopback');
  return {
    stop: () => worker.stop(),
    async send(text: string, from = PHONE, to = '14422'): Promise<string[]> {
      const before = smsc.received.filter((part) => part.to === from).length;
      const encoding = encodingOf(text);
      const answers = await smsc.sendInbound(from, to, [{ shortMessage: encodeSmsText(text, encoding), dataCoding: DATA_CODING[encoding] }]);
      assert.deepEqual(answers, [0], 'the SMS centre is told the text arrived');
      await until(() => smsc.received.filter((part) => part.to === from).length > before, `a reply to "${text}"`);
      // A reply of several parts arrives part by part: wait for its last.
      await until(async () => (await outboxTexts(platform)).every((sms) => sms.state !== 'queued'), 'every reply sent');
      await new Promise((resolve) => setTimeout(resolve, 50));
      return smsc.received
        .filter((part) => part.to === from)
        .slice(before)
        .map((part) => part.text);
    },
  };
}

for (const database of databases.all) {
  test(`${database.dialect}: KYM and an IMEI, in any case, separators or Arabic-Indic digits, answer as the check does, in one segment`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const phone = await phoneOf(platform);
    for (const typed of ['KYM 352099001761481', 'kym:3520-9900-1761-481', 'IMEI ٣٥٢٠٩٩٠٠١٧٦١٤٨١']) {
      const reply = (await phone.send(typed)).join('');
      assert.match(reply, /352099001761481/, typed);
      assert.match(reply, /Samsung/i, typed);
      assert.equal(planSms(reply).parts.length, 1, `one segment: ${reply}`);
    }
    const wrong = (await phone.send('KYM 490154203237519')).join('');
    assert.match(wrong, /check digit|last digit/i);
    const zeros = (await phone.send('KYM 000000000000000')).join('');
    // All zeros passes Luhn but is no phone's number: refused as the web check refuses it, not checked.
    assert.equal(
      zeros,
      platform.catalogs
        .translator('en')('channels.actions.imei.notGenuine')
        .replace(/[\u2068\u2069]/g, ''),
    );
    await phone.stop();
  });

  test(`${database.dialect}: a French keyword answers in French; an unknown text gets the help in one segment`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const phone = await phoneOf(platform);
    const french = (await phone.send('verif 352099001761481')).join('');
    assert.match(french, /352099001761481/);
    assert.match(french, /[àéèêç]|IMEI/u);
    const help = await phone.send('hello?');
    assert.equal(help.length, 1);
    assert.match(help[0] ?? '', /KYM/);
    assert.equal(smsUnits(help[0] ?? '', 'gsm7'), smsUnits(help[0] ?? ''));
    await phone.stop();
  });

  test(`${database.dialect}: a forwarded scam asks for its sender, then is filed through the scams intake; the same text from many people is one campaign`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const phone = await phoneOf(platform);
    const scam = 'Your parcel is held. Pay 150 KES at https://parcel-ke.example.com/pay to release it';
    const [ask] = await phone.send(scam, PHONE, '7726');
    assert.match(ask ?? '', /number or name that sent/i);
    // A sender the intake cannot read is asked again; the forwarded text is kept meanwhile.
    const [again] = await phone.send('<b>not a sender at all</b>');
    assert.match(again ?? '', /up to 11 characters/);
    const [thanks] = await phone.send('+254 799 000 111');
    let reports = await filedScamReports(platform);
    assert.equal(reports.length, 1);
    const [first] = reports;
    assert.ok(first);
    assert.equal(thanks, `Thank you. Your scam report ${first.reference} was received.`);
    assert.deepEqual(
      [first.channel, first.medium, first.category, first.senderKind, first.sender, first.reporter, first.text, first.campaignReports],
      ['sms', 'sms', 'other', 'number', '+254799000111', `+${PHONE}`, scam, 1],
    );
    // The link is evidence keyed by its registrable domain.
    const domains = await platform.db.kysely.selectFrom('scam_identifiers').select(['kind', 'value_enc']).where('kind', '=', 'domain').execute();
    assert.deepEqual(
      domains.map((d) => platform.keyring.decrypt(d.value_enc, 'scam_identifiers.value')),
      ['example.com'],
    );
    // Two other people forward the same text, with another amount: one campaign of three.
    for (const [from, amount] of [
      ['254712345679', '990'],
      ['254712345680', '45'],
    ] as const) {
      await phone.send(scam.replace('150', amount), from, '7726');
      await phone.send('0799000111', from);
    }
    reports = await filedScamReports(platform);
    assert.equal(reports.length, 3);
    assert.equal(new Set(reports.map((r) => r.campaignId)).size, 1);
    assert.deepEqual(
      reports.map((r) => r.campaignReports),
      [3, 3, 3],
    );
    // With the keyword on the main short code, the same two steps; a sender id is its own kind.
    platform.clock.advance(60_000);
    await phone.send('SCAM You won a prize, call 0799 000 222');
    await phone.send('mpesa-info');
    reports = await filedScamReports(platform);
    assert.deepEqual(
      reports.map((r) => [r.senderKind, r.sender]),
      [
        ['number', '+254799000111'],
        ['number', '+254799000111'],
        ['number', '+254799000111'],
        ['senderId', 'MPESA-INFO'],
      ],
    );
    await phone.stop();
  });

  test(`${database.dialect}: STOP keeps optional texts away until START; a code still comes`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const phone = await phoneOf(platform);
    const [stopped] = await phone.send('stop');
    assert.match(stopped ?? '', /START/);
    const optional = await platform.sms.enqueue(platform.db.kysely, { to: `+${PHONE}`, text: 'Price alert', purpose: 'test', isOptional: true });
    assert.equal(optional, undefined);
    assert.ok(await platform.sms.enqueue(platform.db.kysely, { to: `+${PHONE}`, text: 'Your code is 123456', purpose: 'test' }));
    await phone.send('START');
    assert.ok(await platform.sms.enqueue(platform.db.kysely, { to: `+${PHONE}`, text: 'Price alert', purpose: 'test', isOptional: true }));
    await phone.stop();
  });

  test(`${database.dialect}: a number over its hourly limit gets no answer`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const inbound = createSmsInboundServiceFor(platform);
    const limit = platform.settings.channels.smsKeywords.perNumberPerHour;
    const now = platform.clock.now().toISOString();
    const from = '+254712000999';
    for (let i = 0; i <= limit; i += 1) {
      await platform.db.kysely
        .insertInto('sms_inbound')
        .values({
          id: platform.ids(),
          route: 'op-demo-1',
          from_hash: platform.sms.hashNumber(from),
          from_enc: platform.keyring.encrypt(from, 'sms.number'),
          to_address: '14422',
          text_enc: platform.keyring.encrypt('HELP', 'sms.text'),
          state: 'new',
          attempts: 0,
          received_at: now,
          handled_at: null,
          locked_until: null,
        })
        .execute();
      await inbound.handleWaiting();
    }
    assert.equal((await outboxTexts(platform, from)).length, limit, 'the text past the limit is not answered');
  });
}

test('the help text fits one GSM-7 segment in the Latin-script languages and one UCS-2 message in Arabic and Chinese', async () => {
  const [database] = databases.all;
  assert.ok(database);
  const { platform } = await createChannelsTestApp(database);
  const inbound = createSmsInboundServiceFor(platform);
  for (const language of SUPPORTED_LANGUAGES) {
    const help = inbound.helpText(language);
    const plan = planSms(help);
    if (['en', 'fr', 'es'].includes(language)) assert.deepEqual([plan.encoding, plan.parts.length], ['gsm7', 1], `${language}: ${help}`);
    else if (language === 'ru') assert.ok(plan.parts.length <= 2, `${language}: ${help}`);
    else assert.equal(plan.parts.length, 1, `${language}: ${help}`);
  }
});
