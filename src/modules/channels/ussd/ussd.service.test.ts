import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { CHANNELS_TEST_MODULES, createChannelsTestApp } from '../testing/channels-platform.ts';
import { createUssdServiceFor } from '../channels.wiring.ts';
import type { UssdCallback } from './ussd.service.ts';
import { filedScamReports } from '../../../../test/helpers/scam-reports.ts';

const databases = openTestDatabases(allMigrations(CHANNELS_TEST_MODULES));
const NUMBER = '+254712345678';
const MENU_EN = 'Consumer help:\n1 Check a phone (IMEI)\n2 Complaint status\n3 Report a lost or stolen phone\n4 Report a scam\n5 Language';

/** An Africa's Talking-style callback: every input so far joined by `*`. */
const at = (sessionId: string, text: string, number = NUMBER): UssdCallback => ({ gateway: 'test', sessionId, number, inputs: { kind: 'all', text } });

for (const database of databases.all) {
  test(`the issue's transcript: menu, IMEI asked, a wrong check digit asked again, then the verdict of the right one alone [${database.dialect}]`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const ussd = createUssdServiceFor(platform);
    const checksThisMonth = async () =>
      Number((await platform.db.kysely.selectFrom('device_check_counts').select('checks').where('month', '=', '2026-12').executeTakeFirst())?.checks ?? 0);
    const checksBefore = await checksThisMonth();
    const steps: Array<[string, string]> = [
      ['', `CON ${MENU_EN}`],
      ['1', 'CON Enter the IMEI (dial *#06# to see it):'],
      ['1*490154203237519', 'CON The last digit does not match: a digit is wrong. Enter the IMEI again:'],
      ['1*490154203237519*490154203237518', 'END IMEI 490154203237518: Unknown model.'],
    ];
    for (const [text, expected] of steps) {
      const answer = await ussd.handle(at('s-1', text), 5000);
      assert.equal(`${answer.isEnd ? 'END' : 'CON'} ${answer.text}`, expected, text);
    }
    // A known model, and all zeros refused although its check digit is right.
    await ussd.handle(at('s-2', ''), 5000);
    assert.equal((await ussd.handle(at('s-2', '1*000000000000000'), 5000)).text, 'No genuine phone has this number. Enter the IMEI again:');
    assert.equal(
      (await ussd.handle(at('s-2', '1*000000000000000*352099001761481'), 5000)).text,
      'IMEI 352099001761481: No problem found. Model: Samsung Galaxy A15.',
    );
    // The two verdicts count in the monthly statistics as checks on the page do (written within a second).
    await sleep(1200);
    assert.equal(await checksThisMonth(), checksBefore + 2);
  });

  test(`a repeated request re-renders the screen on show and replays nothing; a gateway's shorter text reads no input [${database.dialect}]`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const ussd = createUssdServiceFor(platform);
    await ussd.handle(at('s-1', ''), 5000);
    const asked = await ussd.handle(at('s-1', '2'), 5000);
    assert.equal(asked.text, 'Enter the complaint reference:');
    const again = await ussd.handle(at('s-1', '2'), 5000);
    assert.deepEqual(again, asked);
    const wrong = await ussd.handle(at('s-1', '2*K-0000'), 5000);
    assert.equal(wrong.text, 'No complaint has this reference. Check it and enter it again:');
    assert.deepEqual(await ussd.handle(at('s-1', '2'), 5000), wrong);
    const rows = await platform.db.kysely.selectFrom('channel_ussd_sessions').select(['state_enc', 'consumed']).execute();
    assert.deepEqual(
      rows.map((r) => r.consumed),
      [2],
    );
    assert.doesNotMatch(rows[0]?.state_enc ?? '', /K-0000/, 'the state is encrypted');
  });

  test(`a report left unfinished is offered again to the same number within the resume minutes, and filed [${database.dialect}]`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const ussd = createUssdServiceFor(platform);
    const reportsBefore = await platform.db.kysely.selectFrom('device_theft_reports').select(['request_id']).execute();
    await ussd.handle(at('s-1', ''), 5000);
    await ussd.handle(at('s-1', '3'), 5000);
    assert.equal((await ussd.handle(at('s-1', '3*352099001761481'), 5000)).text, 'Enter its second IMEI, or 1 if it has only one:');
    // The network drops the call; the same number dials again two minutes later.
    platform.clock.advance(2 * 60_000);
    const offered = await ussd.handle(at('s-2', ''), 5000);
    assert.equal(offered.text, 'Continue your report?\n1 Continue\n2 Start again');
    assert.equal((await ussd.handle(at('s-2', '1'), 5000)).text, 'Enter its second IMEI, or 1 if it has only one:');
    assert.equal((await ussd.handle(at('s-2', '1*1'), 5000)).text, 'Enter the police report reference:');
    const done = await ussd.handle(at('s-2', '1*1*OB/12/2026'), 5000);
    assert.equal(done.isEnd, true);
    assert.match(done.text, /^Report LS-[0-9A-Z]{8} received\./);
    const reports = await platform.db.kysely.selectFrom('device_theft_reports').select(['request_id']).orderBy('request_id').execute();
    assert.deepEqual(
      reports.map((r) => r.request_id).filter((id) => !reportsBefore.some((b) => b.request_id === id)),
      [/LS-[0-9A-Z]{8}/.exec(done.text)?.[0]],
    );
    // Another number, and the same number after the resume minutes, start at the menu.
    await ussd.handle(at('s-3', ''), 5000);
    await ussd.handle(at('s-3', '4'), 5000);
    await ussd.handle(at('s-3', '4*+254700000000'), 5000);
    assert.equal((await ussd.handle(at('s-4', '', '+254712345679'), 5000)).text, MENU_EN);
    platform.clock.advance(6 * 60_000);
    assert.equal((await ussd.handle(at('s-5', ''), 5000)).text, MENU_EN);
  });

  test(`the chosen language is kept for the number, and a scam report is filed through the scams intake [${database.dialect}]`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const ussd = createUssdServiceFor(platform);
    await ussd.handle(at('s-1', ''), 5000);
    const list = await ussd.handle(at('s-1', '5'), 5000);
    assert.equal(list.text, 'Choose your language:\n1 English\n2 Français\n3 العربية\n4 Español\n5 Русский\n6 中文');
    const saved = await ussd.handle(at('s-1', '5*2'), 5000);
    assert.deepEqual(saved, { text: 'Langue enregistrée.', isEnd: true, language: 'fr' });
    const menu = await ussd.handle(at('s-2', ''), 5000);
    assert.match(menu.text, /^Aide aux consommateurs :\n1 Vérifier un téléphone \(IMEI\)/);
    await ussd.handle(at('s-2', '4'), 5000);
    await ussd.handle(at('s-2', '4*MPESA-INFO'), 5000);
    const media = await ussd.handle(at('s-2', '4*MPESA-INFO*7'), 5000);
    assert.match(media.text, /^Choisissez 1, 2, 3 ou 4 :\n1 Appel\n2 SMS/, 'a number outside the list is asked again');
    await ussd.handle(at('s-2', '4*MPESA-INFO*7*2'), 5000);
    const thanks = await ussd.handle(at('s-2', '4*MPESA-INFO*7*2*You won 50000, send your PIN'), 5000);
    const reports = await filedScamReports(platform);
    assert.equal(reports.length, 1);
    const [report] = reports;
    assert.ok(report);
    assert.equal(thanks.text, `Merci. Votre signalement d'arnaque ${report.reference} est enregistré.`);
    assert.equal(thanks.isEnd, true);
    assert.match(report.reference, /^SC-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const { channel, medium, category, language, senderKind, sender, reporter, text, campaignReports } = report;
    assert.deepEqual(
      { channel, medium, category, language, senderKind, sender, reporter, text, campaignReports },
      {
        channel: 'ussd',
        medium: 'sms',
        category: 'other',
        language: 'fr',
        senderKind: 'senderId',
        sender: 'MPESA-INFO',
        reporter: NUMBER,
        text: 'You won 50000, send your PIN',
        campaignReports: 1,
      },
    );
    assert.ok(report.campaignId);
    // Sealed at rest: neither the text nor the numbers are readable in the row.
    const raw = await platform.db.kysely.selectFrom('scam_reports').selectAll().execute();
    assert.doesNotMatch(JSON.stringify(raw), /PIN|712345678|MPESA/);
    // The calling number was proved now: its first verification is now, so it counts only after the threshold's hours.
    const reporters = await platform.db.kysely.selectFrom('scam_reporters').selectAll().execute();
    assert.deepEqual(
      reporters.map((r) => new Date(r.first_verified_at).toISOString()),
      [report.filedAt],
    );
  });

  test(`a scam report with a hostile sender or text is answered on the screen, never failed, and files nothing wrong [${database.dialect}]`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const ussd = createUssdServiceFor(platform);
    await ussd.handle(at('s-1', ''), 5000);
    await ussd.handle(at('s-1', '4'), 5000);
    const asked = 'Enter a phone number, a short code or a sender name (up to 11 characters):';
    // A sender id longer than 11 characters, markup, and a number no network gives.
    assert.equal((await ussd.handle(at('s-1', '4*SUPERLONGSENDERNAME'), 5000)).text, asked);
    assert.equal((await ussd.handle(at('s-1', "4*SUPERLONGSENDERNAME*<script>'; drop table"), 5000)).text, asked);
    const ended = await ussd.handle(at('s-1', "4*SUPERLONGSENDERNAME*<script>'; drop table*+0000"), 5000);
    assert.equal(ended.isEnd, true);
    assert.match(ended.text, /too many|attempts/i);
    // A text too short is asked again; one of control characters and right-to-left marks is filed as typed, sealed.
    await ussd.handle(at('s-2', ''), 5000);
    await ussd.handle(at('s-2', '4'), 5000);
    await ussd.handle(at('s-2', '4*0799 000 222'), 5000);
    await ussd.handle(at('s-2', '4*0799 000 222*1'), 5000);
    assert.equal((await ussd.handle(at('s-2', '4*0799 000 222*1*ok'), 5000)).text, 'Enter at least 3 characters:');
    const odd = '\u202eniP ruoy dnes\u0000 كلمة السر';
    const done = await ussd.handle(at('s-2', `4*0799 000 222*1*ok*${odd}`), 5000);
    assert.equal(done.isEnd, true);
    assert.match(done.text, /^Thank you\. Your scam report SC-/);
    const reports = await filedScamReports(platform);
    assert.deepEqual(
      reports.map((r) => [r.senderKind, r.sender, r.channel, r.medium]),
      [['number', '+254799000222', 'ussd', 'call']],
    );
  });

  test(`a screen too long for the gateway is shown in pages turned with 98 and 0, and a closing screen's last page offers no way back [${database.dialect}]`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const ussd = createUssdServiceFor(platform);
    for (const text of ['', '5', '5*5']) await ussd.handle(at('s-1', text), 5000);
    // The menu in Russian is longer than one UCS-2 screen.
    const first = await ussd.handle(at('s-2', ''), 5000);
    assert.equal(first.language, 'ru');
    assert.match(first.text, /^Помощь потребителям:\n1 Проверить телефон \(IMEI\)\n.*\n98 Далее$/s);
    const second = await ussd.handle(at('s-2', '98'), 5000);
    assert.match(second.text, /\n0 Назад$/);
    assert.doesNotMatch(second.text, /98 Далее/);
    const items = [first, second].map((p) => p.text.replace(/\n(98 Далее|0 Назад)/g, '')).join('\n');
    assert.equal(items.split('\n').filter((line) => /^[1-5] /.test(line)).length, 5);
    assert.deepEqual(await ussd.handle(at('s-2', '98*0'), 5000), first);
    // The page keys turn pages; anything else answers the screen, whichever page is shown.
    assert.equal((await ussd.handle(at('s-2', '98*0*98*2'), 5000)).text, 'Введите номер жалобы:');
    for (const page of [first, second]) assert.ok(page.text.length <= 80, page.text);
    // The receipt of a report ends the session; in Russian it takes two pages, the last without "back".
    const steps = ['', '3', '3*352099001761481', '3*352099001761481*1'];
    for (const text of steps) await ussd.handle(at('s-4', text), 5000);
    const receipt = await ussd.handle(at('s-4', '3*352099001761481*1*OB/12/2026'), 5000);
    assert.equal(receipt.isEnd, false);
    assert.match(receipt.text, /^Заявление LS-[0-9A-Z]{8} принято\..*\n98 Далее$/s);
    const last = await ussd.handle(at('s-4', '3*352099001761481*1*OB/12/2026*98'), 5000);
    assert.equal(last.isEnd, true);
    assert.doesNotMatch(last.text, /Назад|Далее/);
  });

  test(`a callback that cannot finish within the budget says the service is busy, and callbacks past the per-number limit are refused on the phone [${database.dialect}]`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const ussd = createUssdServiceFor(platform);
    // The sessions table is held by another transaction, so the callback's work waits behind it.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let isLocked: () => void = () => undefined;
    const locked = new Promise<void>((resolve) => {
      isLocked = resolve;
    });
    const holder = platform.db.kysely.transaction().execute(async (trx) => {
      if (database.dialect === 'postgres') await sql`lock table channel_ussd_sessions in access exclusive mode`.execute(trx);
      isLocked();
      await held;
    });
    await locked;
    const started = performance.now();
    const busy = await ussd.handle(at('s-1', ''), 300);
    const elapsed = performance.now() - started;
    release();
    await holder;
    assert.deepEqual(busy, { text: 'Service busy. Please try again in a few minutes.', isEnd: true, language: 'en' });
    assert.ok(elapsed < 1500, `answered in ${elapsed} ms`);
    // The default allows 30 callbacks a minute per number.
    for (let i = 0; i < 29; i += 1) await ussd.handle(at('s-2', ''), 5000);
    assert.equal((await ussd.handle(at('s-2', ''), 5000)).text, 'Too many requests from this number. Please try again in a minute.');
    assert.equal((await ussd.handle(at('s-3', '', '+254712345679'), 5000)).text, MENU_EN);
    // Said in the language the caller chose.
    for (const text of ['', '5', '5*2']) await ussd.handle(at('s-4', text, '+254712345670'), 5000);
    for (let i = 0; i < 27; i += 1) await ussd.handle(at('s-5', '', '+254712345670'), 5000);
    assert.equal((await ussd.handle(at('s-5', '', '+254712345670'), 5000)).text, 'Trop de demandes depuis ce numéro. Veuillez réessayer dans une minute.');
    platform.clock.advance(60_000);
    assert.equal((await ussd.handle(at('s-2', ''), 5000)).text, MENU_EN);
  });
}
