import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createWorkshopsTestApp, eventInput, queuedMails, tokenIn, WORKSHOPS_TEST_MODULES } from '../testing/workshops-platform.ts';
import { createWorkshopServiceFor } from './workshop.wiring.ts';
import { instantOf } from './workshop.service.ts';
import { runKindNow } from '../testing/learn-kinds.ts';

const databases = openTestDatabases(allMigrations(WORKSHOPS_TEST_MODULES));
const smtp = await startSmtpServer();
after(() => smtp.close());

const staff = { userId: 'staff-1' };
const person = (name: string, contact: string, needs = '') => ({ name, contact, needs, consent: 'yes' });

async function auditActions(platform: Platform) {
  const rows = await platform.db.kysely.selectFrom('audit_log').select('action').orderBy('seq').execute();
  return rows.map((r) => r.action);
}

for (const database of databases.all) {
  const { dialect } = database;

  test(`staff write, publish and change an event; the public sees it once published, and a change bumps only the calendar revision [${dialect}]`, async () => {
    const { platform } = await createWorkshopsTestApp(database);
    const service = createWorkshopServiceFor(platform);

    const bad = await service.createEvent(staff, eventInput({ texts: {}, region: 'KE-99', date: '2026-02-30', capacity: '0', arrangements: ['teleport'] }));
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.problem === 'invalid');
    assert.deepEqual(
      bad.issues.map((i) => i.field),
      ['title_en', 'region', 'date', 'capacity', 'arrangements'],
    );
    const online = await service.createEvent(staff, eventInput({ placeKind: 'online', onlineLink: 'javascript:alert(1)' }));
    assert.ok(!online.ok && online.problem === 'invalid' && online.issues[0]?.field === 'onlineLink');

    const created = await service.createEvent(staff, eventInput());
    assert.ok(created.ok);
    assert.deepEqual(await service.list({}, 'en', false), [], 'a draft is not public');
    assert.equal(await service.event(created.id, 'en'), undefined);
    assert.ok((await service.updateEvent(staff, created.id, eventInput({ capacity: '3' }))).ok);
    assert.equal((await service.forEdit(created.id, 'en'))?.event.sequence, 0, 'a draft keeps revision 0');

    assert.ok((await service.publish(staff, created.id)).ok);
    const listed = await service.list({}, 'fr', false);
    assert.equal(listed.length, 1);
    assert.equal(listed[0]?.title, 'Argent mobile en sécurité');
    assert.equal(listed[0]?.startsAt, '2026-12-20T07:00:00.000Z', '10:00 in Nairobi is 07:00 UTC');
    const russian = await service.event(created.id, 'ru');
    assert.equal(russian?.isTranslated, false);
    assert.equal(russian?.textLanguage, 'en');

    assert.ok((await service.updateEvent(staff, created.id, eventInput({ startTime: '10:30' }))).ok);
    assert.equal((await service.event(created.id, 'en'))?.sequence, 1);
    assert.deepEqual(await queuedMails(platform), [], 'a change sends nothing');

    assert.equal((await service.list({ region: 'KE-28' }, 'en', false)).length, 0);
    assert.equal((await service.list({ arrangement: 'signLanguage' }, 'en', false)).length, 1);
    assert.equal((await service.list({ arrangement: 'captions' }, 'en', false)).length, 0);
    assert.equal((await service.list({ language: 'en', topic: 'mobileMoney' }, 'en', false)).length, 1);
    assert.equal((await service.list({}, 'en', true)).length, 0, 'not past yet');

    assert.deepEqual(await auditActions(platform), ['learn.workshop.created', 'learn.workshop.changed', 'learn.workshop.published', 'learn.workshop.changed']);
  });

  test(`registration: a seat, then the waiting list, then full; personal data sealed; confirmation by e-mail with the calendar entry or by SMS [${dialect}]`, async () => {
    const { platform } = await createWorkshopsTestApp(database);
    const service = createWorkshopServiceFor(platform);
    const created = await service.createEvent(staff, eventInput({ capacity: '2' }));
    assert.ok(created.ok);
    await service.publish(staff, created.id);

    const invalid = await service.register(created.id, { name: '', contact: 'not-an-address@', needs: 'x'.repeat(1001), consent: '' }, 'en');
    assert.ok(!invalid.ok && invalid.problem === 'invalid');
    assert.deepEqual(
      invalid.issues.map((i) => i.key),
      [
        'learn.workshops.register.error.nameMissing',
        'learn.workshops.register.error.email',
        'learn.workshops.register.error.needsLong',
        'learn.workshops.register.error.consent',
      ],
    );

    assert.deepEqual(await service.register(created.id, person('Wanjiru Kamau', 'Wanjiru@Example.org', 'Step-free seat'), 'fr'), {
      ok: true,
      status: 'confirmed',
    });
    assert.deepEqual(await service.register(created.id, person('Otieno Ouma', '0712 345 678'), 'en'), { ok: true, status: 'confirmed' });
    assert.deepEqual(await service.register(created.id, person('Achieng Atieno', 'achieng@example.org'), 'en'), { ok: true, status: 'waiting' });
    assert.deepEqual(await service.register(created.id, person('Someone Again', 'wanjiru@example.org'), 'en'), { ok: false, problem: 'already' });
    assert.deepEqual(await service.register(created.id, person('Baraka', 'baraka@example.org'), 'en'), { ok: true, status: 'waiting' });
    assert.deepEqual(await service.register(created.id, person('Late Comer', 'late@example.org'), 'en'), { ok: false, problem: 'full' });
    assert.deepEqual(await service.register('no-such-event', person('A', 'a@example.org'), 'en'), { ok: false, problem: 'notFound' });

    const rows = await platform.db.kysely.selectFrom('learn_workshop_registrations').selectAll().orderBy('registered_at').orderBy('id').execute();
    const stored = JSON.stringify(rows);
    for (const plain of ['Wanjiru', 'wanjiru@example.org', '+254712345678', 'Step-free']) assert.equal(stored.includes(plain), false, `${plain} is sealed`);

    const mails = await queuedMails(platform);
    assert.equal(mails.length, 3, 'two e-mail contacts waiting or confirmed, and one confirmed');
    const [first] = mails;
    assert.equal(first?.to, 'wanjiru@example.org');
    assert.equal(first?.subject, 'Votre place : Argent mobile en sécurité');
    assert.match(first?.text ?? '', /Community Hall, 4 Moi Avenue, Nairobi/);
    const ics = first?.attachments?.[0];
    assert.equal(ics?.contentType, 'text/calendar; charset=UTF-8; method=PUBLISH');
    assert.match(
      (ics?.content ?? '').replace(/\r\n /g, ''),
      /DESCRIPTION;LANGUAGE=fr:Comment déjouer la fraude à la carte SIM\.\\n\\nAdresse : Community Hall\\, 4 Moi Avenue\\, Nairobi/,
    );
    assert.match(ics?.content ?? '', /DTSTART;TZID=Africa\/Nairobi:20261220T100000/);
    assert.equal(mails[1]?.attachments, undefined, 'the waiting list gets no calendar entry');
    const texts = await outboxTexts(platform, '+254712345678');
    assert.equal(texts.length, 1);
    assert.match(texts[0]?.text ?? '', /^Your seat at "Safe mobile money" is booked: .*Community Hall.* To cancel: http/);

    const view = await service.ownRegistration(tokenIn(first?.text ?? ''), 'en');
    assert.equal(view?.status, 'confirmed');
    assert.equal(view?.canCancel, true);
    assert.equal(await service.ownRegistration('guessed-token', 'en'), undefined);
  });

  test(`the confirmation reaches a real SMTP server with its .ics attachment [${dialect}]`, async () => {
    const { platform } = await createWorkshopsTestApp(database, { SMTP_URL: smtp.url });
    const service = createWorkshopServiceFor(platform);
    const created = await service.createEvent(staff, eventInput());
    assert.ok(created.ok);
    await service.publish(staff, created.id);
    const before = smtp.messages.length;
    await service.register(created.id, person('Fatuma Hassan', `fatuma-${dialect}@example.org`), 'en');
    await platform.jobs.runDue();
    const message = (await smtp.waitFor(before + 1)).find((m) => m.to[0] === `fatuma-${dialect}@example.org`);
    assert.ok(message);
    assert.equal(message.subject, 'Your seat: Safe mobile money');
    assert.equal(message.attachments.length, 1);
    assert.equal(message.attachments[0]?.filename, `workshop-${created.id}.ics`);
    const calendar = message.attachments[0]?.content.toString('utf8') ?? '';
    assert.match(calendar, /^BEGIN:VCALENDAR\r\n/);
    assert.match(calendar, /METHOD:PUBLISH/);
    assert.match(calendar, /SEQUENCE:0/);
    assert.match(calendar.replace(/\r\n /g, ''), /Address: Community Hall\\, 4 Moi Avenue\\, Nairobi/);
    await platform.mailer.close();
  });

  test(`cancelling a seat gives it to the first person waiting, who is told with a new link; the event's cancellation tells everyone [${dialect}]`, async () => {
    const { platform } = await createWorkshopsTestApp(database);
    const service = createWorkshopServiceFor(platform);
    const created = await service.createEvent(staff, eventInput({ capacity: '1' }));
    assert.ok(created.ok);
    await service.publish(staff, created.id);
    await service.register(created.id, person('Kamau Njoroge', 'kamau@example.org'), 'en');
    await service.register(created.id, person('Halima Ali', '0722 000 111'), 'en');
    assert.deepEqual(await service.register(created.id, person('Zawadi Chebet', 'zawadi@example.org'), 'es'), { ok: false, problem: 'full' });
    const kamauToken = tokenIn((await queuedMails(platform))[0]?.text ?? '');

    assert.deepEqual(await service.cancelRegistration(kamauToken), { ok: true, promoted: true });
    assert.deepEqual(await service.cancelRegistration(kamauToken), { ok: false, problem: 'already' });
    const halima = await outboxTexts(platform, '+254722000111');
    assert.equal(halima.length, 2);
    assert.match(halima[1]?.text ?? '', /^A seat is free for you at "Safe mobile money"/);
    const halimaToken = tokenIn(halima[1]?.text ?? '');
    assert.notEqual(halimaToken, tokenIn(halima[0]?.text ?? ''));
    assert.equal(await service.ownRegistration(tokenIn(halima[0]?.text ?? ''), 'en'), undefined, 'the old link no longer works');
    assert.equal((await service.ownRegistration(halimaToken, 'en'))?.status, 'confirmed');
    assert.deepEqual(await service.register(created.id, person('Zawadi Chebet', 'zawadi@example.org'), 'es'), { ok: true, status: 'waiting' });

    const cancelled = await service.cancelEvent(staff, created.id);
    assert.deepEqual(cancelled, { ok: true, told: 2 });
    const mails = await queuedMails(platform);
    const zawadi = mails.filter((m) => m.to === 'zawadi@example.org');
    assert.equal(zawadi.at(-1)?.subject, 'Cancelado: Safe mobile money');
    assert.match(zawadi.at(-1)?.attachments?.[0]?.content ?? '', /STATUS:CANCELLED/);
    assert.match(zawadi.at(-1)?.attachments?.[0]?.content ?? '', /SEQUENCE:1/);
    assert.match((await outboxTexts(platform, '+254722000111'))[2]?.text ?? '', /is cancelled/);
    assert.deepEqual(await service.register(created.id, person('New', 'new@example.org'), 'en'), { ok: false, problem: 'cancelled' });

    const feed = await service.feed({ region: 'KE-30' }, 'en', 'DCA workshops', 'https://kinga.example/learn/workshops/feed.ics?region=KE-30');
    assert.match(feed, /STATUS:CANCELLED/);
    assert.doesNotMatch(feed, /Halima|Zawadi/);
    assert.ok((await auditActions(platform)).includes('learn.workshop.registration_promoted'));
  });

  test(`registration closes before the start; after the event attendees give anonymous feedback once; retention erases personal data [${dialect}]`, async () => {
    const { platform } = await createWorkshopsTestApp(database);
    const service = createWorkshopServiceFor(platform);
    const created = await service.createEvent(staff, eventInput({ capacity: '5' }));
    assert.ok(created.ok);
    await service.publish(staff, created.id);
    await service.register(created.id, person('Njeri Wambui', 'njeri@example.org'), 'en');
    await service.register(created.id, person('Mutua Kilonzo', 'mutua@example.org'), 'en');
    const start = instantOf('2026-12-20', '10:00', 'Africa/Nairobi').getTime();
    platform.clock.set(new Date(start - 60 * 60_000));
    assert.deepEqual(await service.register(created.id, person('Late', 'late@example.org'), 'en'), { ok: false, problem: 'closed' });

    const registrations = await service.registrations(created.id);
    assert.deepEqual(
      registrations.map((r) => r.name),
      ['Njeri Wambui', 'Mutua Kilonzo'],
    );
    assert.deepEqual(await service.requestFeedback(staff, created.id), { ok: false, problem: 'notAllowed' });
    assert.ok((await service.markAttendance(staff, created.id, [registrations[0]?.id ?? ''])).ok);
    platform.clock.set(new Date(start + 3 * 3_600_000));
    assert.deepEqual(await service.requestFeedback(staff, created.id), { ok: true, asked: 1 });
    assert.deepEqual(await service.requestFeedback(staff, created.id), { ok: false, problem: 'already' });
    const ask = (await queuedMails(platform)).at(-1);
    assert.equal(ask?.to, 'njeri@example.org');
    assert.equal(ask?.subject, 'How was “Safe mobile money”?');
    const token = tokenIn(ask?.text ?? '');
    assert.equal((await service.ownRegistration(token, 'en'))?.canGiveFeedback, true);
    assert.ok(!((await service.giveFeedback(token, { rating: '9', comment: '' })) as { ok: boolean }).ok);
    assert.deepEqual(await service.giveFeedback(token, { rating: '4', comment: 'Clear and useful' }), { ok: true });
    assert.deepEqual(await service.giveFeedback(token, { rating: '5', comment: '' }), { ok: false, problem: 'already' });
    const results = await service.feedbackResults(created.id);
    assert.deepEqual(results, { count: 1, average: 4, byRating: [0, 0, 0, 1, 0], comments: ['Clear and useful'] });
    const feedbackRow = await platform.db.kysely.selectFrom('learn_workshop_feedback').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(Object.keys(feedbackRow).sort(), ['comment', 'event_id', 'given_on', 'id', 'rating'], 'nothing links feedback to a person');

    assert.equal((await service.list({}, 'en', true)).length, 1, 'listed among past events');
    platform.clock.set(new Date(start + 89 * 86_400_000));
    assert.equal(await runKindNow(platform, 'learn.workshopRegistrations'), 0);
    assert.equal(await runKindNow(platform, 'learn.workshopFeedback'), 0);
    platform.clock.set(new Date(start + 91 * 86_400_000));
    assert.equal(await runKindNow(platform, 'learn.workshopRegistrations', { dryRun: true }), 2, 'a dry run counts');
    assert.equal((await service.ownRegistration(token, 'en'))?.hasGivenFeedback, true, 'and changes nothing');
    assert.equal(await runKindNow(platform, 'learn.workshopRegistrations'), 2);
    assert.equal(await runKindNow(platform, 'learn.workshopRegistrations'), 0);
    assert.equal(await runKindNow(platform, 'learn.workshopFeedback'), 1, 'the one comment goes');
    const erased = await platform.db.kysely.selectFrom('learn_workshop_registrations').selectAll().orderBy('registered_at').execute();
    assert.ok(erased.every((r) => r.name_enc === null && r.contact_enc === null && r.contact_hash === '' && r.erased_at !== null));
    assert.equal(await service.ownRegistration(token, 'en'), undefined);
    assert.deepEqual(await service.feedbackResults(created.id), { count: 1, average: 4, byRating: [0, 0, 0, 1, 0], comments: [] });
  });

  test(`registrations arriving together never take more seats than there are [${dialect}]`, async () => {
    const { platform } = await createWorkshopsTestApp(database);
    const service = createWorkshopServiceFor(platform);
    const created = await service.createEvent(staff, eventInput({ capacity: '2' }));
    assert.ok(created.ok);
    await service.publish(staff, created.id);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => service.register(created.id, person(`Person ${i}`, `person${i}@example.org`), 'en')),
    );
    const said = outcomes.map((o) => (o.ok ? o.status : o.problem)).sort();
    assert.deepEqual(said, ['confirmed', 'confirmed', 'full', 'full', 'full', 'full', 'waiting', 'waiting']);
    const counts = await platform.db.kysely
      .selectFrom('learn_workshop_registrations')
      .select('status')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('status')
      .orderBy('status')
      .execute();
    assert.deepEqual(
      counts.map((c) => [c.status, Number(c.n)]),
      [
        ['confirmed', 2],
        ['waiting', 2],
      ],
    );
  });
}
