import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Role } from '../../../platform/auth/index.ts';
import { CALENDAR_CONTENT_TYPE } from './icalendar.ts';
import { createWorkshopsTestApp, eventInput, queuedMails, tokenIn, WORKSHOPS_TEST_MODULES } from '../testing/workshops-platform.ts';
import { createWorkshopServiceFor } from './workshop.wiring.ts';

const databases = openTestDatabases(allMigrations(WORKSHOPS_TEST_MODULES));

let address = 10;
async function staffClient(app: App, platform: Platform, role: Role): Promise<WebClient> {
  address += 1;
  const client = createWebClient(app, `10.8.0.${address}`);
  const account = await buildStaffAccount(platform, { role });
  const signed = await signIn(client, platform, account);
  assert.equal(signed.statusCode, 303, 'signed in');
  return client;
}

async function publishedEvent(platform: Platform, overrides: Parameters<typeof eventInput>[0] = {}): Promise<string> {
  const service = createWorkshopServiceFor(platform);
  const created = await service.createEvent({ userId: 'staff-1' }, eventInput(overrides));
  assert.ok(created.ok);
  assert.ok((await service.publish({ userId: 'staff-1' }, created.id)).ok);
  return created.id;
}

for (const database of databases.all) {
  const { dialect } = database;

  test(`the public list, an event page, registration through the form and the private link, in the reader's language [${dialect}]`, async () => {
    const { platform, app } = await createWorkshopsTestApp(database);
    const id = await publishedEvent(platform);
    const visitor = createWebClient(app, '10.8.1.1');

    const list = await visitor.get('/learn/workshops?lang=fr');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /<html lang="fr"/);
    assert.match(list.body, /Argent mobile en sécurité/);
    assert.match(list.body, /href="\/learn\/workshops\/feed\.ics\?region=KE-30"/);
    assert.match(list.body, /Interprétation en langue des signes/);
    const filtered = await visitor.get('/learn/workshops?region=KE-28&lang=en');
    assert.doesNotMatch(filtered.body, /Safe mobile money/);
    const hostile = await visitor.get('/learn/workshops?region=%3Cscript%3E&topic=x&language=zz&arrangement=1');
    assert.equal(hostile.statusCode, 200);
    assert.doesNotMatch(hostile.body, /<script>/);

    const page = await visitor.get(`/learn/workshops/${id}?lang=ru`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<div class="content" lang="en"><p>How to stop <strong>SIM-swap<\/strong> fraud\.<\/p>/);
    assert.match(page.body, /Это описание ещё не переведено/);
    assert.equal((await visitor.get('/learn/workshops/does-not-exist')).statusCode, 404);
    for (const hostilePath of [
      '/learn/workshops/%3Cscript%3E',
      `/learn/workshops/registration/${'x'.repeat(500)}`,
      '/learn/workshops/feed.ics?region=a&region=b',
    ]) {
      const answer = await visitor.get(hostilePath);
      assert.ok(answer.statusCode >= 400 && answer.statusCode < 500, `${hostilePath} is refused, not a server error: ${answer.statusCode}`);
      assert.doesNotMatch(answer.body, /<script>/);
    }
    await visitor.get(`/learn/workshops/${id}?lang=en`);

    const refused = await visitor.post(`/learn/workshops/${id}/register`, { name: 'Amina', contact: '12', needs: '', consent: '' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Enter a mobile number in the right form/);
    assert.match(refused.body, /value="Amina"/);

    const registered = await visitor.post(`/learn/workshops/${id}/register`, {
      name: 'Amina Mohamed',
      contact: 'amina@example.org',
      needs: 'Front row',
      consent: 'yes',
    });
    assert.equal(registered.statusCode, 200);
    assert.match(registered.body, /Your seat is booked/);
    assert.doesNotMatch(registered.body, /amina@example\.org/, 'the contact is not shown back');
    const again = await visitor.post(`/learn/workshops/${id}/register`, { name: 'Amina Mohamed', contact: 'AMINA@example.org', needs: '', consent: 'yes' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already registered/);

    const token = tokenIn((await queuedMails(platform))[0]?.text ?? '');
    const own = await visitor.get(`/learn/workshops/registration/${token}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.headers['referrer-policy'], 'no-referrer');
    assert.match(own.body, /Your seat is confirmed/);
    assert.equal((await visitor.get('/learn/workshops/registration/not-a-token')).statusCode, 404);
    const cancelled = await visitor.post(`/learn/workshops/registration/${token}/cancel`, {});
    assert.equal(cancelled.statusCode, 200);
    assert.match(cancelled.body, /Your registration is cancelled/);
    assert.equal((await visitor.post(`/learn/workshops/registration/${token}/cancel`, {})).statusCode, 409);
    assert.equal((await visitor.post(`/learn/workshops/registration/${token}/feedback`, { rating: '5' })).statusCode, 409);
  });

  test(`a full event says so, a cancelled one says so, and the feed is a calendar [${dialect}]`, async () => {
    const { platform, app } = await createWorkshopsTestApp(database);
    const id = await publishedEvent(platform, { capacity: '1' });
    const service = createWorkshopServiceFor(platform);
    const visitor = createWebClient(app, '10.8.1.2');
    // The form read while seats were free: its anti-forgery token is what a browser would post with later.
    assert.match((await visitor.get(`/learn/workshops/${id}`)).body, /name="contact"/);
    await service.register(id, { name: 'A', contact: 'a@example.org', needs: '', consent: 'yes' }, 'en');
    await service.register(id, { name: 'B', contact: 'b@example.org', needs: '', consent: 'yes' }, 'en');
    const page = await visitor.get(`/learn/workshops/${id}`);
    assert.match(page.body, /This workshop is full and its waiting list is full too\./);
    assert.doesNotMatch(page.body, /name="contact"/);

    const feed = await visitor.get('/learn/workshops/feed.ics?region=KE-30&topic=mobileMoney');
    assert.equal(feed.statusCode, 200);
    assert.equal(feed.headers['content-type'], CALENDAR_CONTENT_TYPE);
    assert.match(feed.body, /X-WR-CALNAME:DCA workshops/);
    assert.match(feed.body, /SUMMARY;LANGUAGE=en:Safe mobile money/);
    const other = await visitor.get('/learn/workshops/feed.ics?region=KE-17');
    assert.doesNotMatch(other.body, /BEGIN:VEVENT/);

    await service.cancelEvent({ userId: 'staff-1' }, id);
    const after = await visitor.get(`/learn/workshops/${id}`);
    assert.match(after.body, /This workshop has been cancelled/);
    const late = await visitor.post(`/learn/workshops/${id}/register`, { name: 'C', contact: 'c@example.org', needs: '', consent: 'yes' });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /cancelled, so no one can register/);
  });

  test(`staff pages: editors, officers and admins only; operator agents and association representatives get 403, the public is sent to sign in [${dialect}]`, async () => {
    const { platform, app } = await createWorkshopsTestApp(database);
    const id = await publishedEvent(platform);
    const paths = [
      '/staff/learn/workshops',
      '/staff/learn/workshops/new',
      `/staff/learn/workshops/${id}`,
      `/staff/learn/workshops/${id}/registrations`,
      `/staff/learn/workshops/${id}/registrations.csv`,
      `/staff/learn/workshops/${id}/feedback`,
    ];
    const anonymous = createWebClient(app, '10.8.1.3');
    for (const path of paths) {
      const response = await anonymous.get(path);
      assert.equal(response.statusCode, 303, path);
      assert.equal(response.headers.location, '/staff/sign-in');
    }
    for (const role of ['operator_agent', 'association_rep'] as const) {
      const client = await staffClient(app, platform, role);
      for (const path of paths) assert.equal((await client.get(path)).statusCode, 403, `${role} ${path}`);
      assert.equal((await client.post(`/staff/learn/workshops/${id}/cancel`, {})).statusCode, 403, `${role} cannot cancel`);
    }
    for (const role of ['editor', 'officer', 'admin'] as const) {
      const client = await staffClient(app, platform, role);
      for (const path of paths) assert.equal((await client.get(path)).statusCode, 200, `${role} ${path}`);
      const dashboard = await client.get('/staff');
      assert.match(dashboard.body, /href="\/staff\/learn\/workshops"/, `${role} sees the link on the dashboard`);
      assert.match(dashboard.body, /1 event coming/);
    }
  });

  test(`an editor writes, publishes and cancels an event through the pages; registrations, attendance and the audited CSV export [${dialect}]`, async () => {
    const { platform, app } = await createWorkshopsTestApp(database);
    const editor = await staffClient(app, platform, 'editor');
    await editor.get('/staff/learn/workshops/new');
    const invalid = await editor.post('/staff/learn/workshops/new', { title_en: '', description_en: '', heldLanguage: 'en', date: 'soon' });
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /Write the title and description in at least one language/);

    const created = await editor.post('/staff/learn/workshops/new', {
      title_en: 'Checking a phone before you buy it',
      description_en: 'Dial *#06# and check the IMEI.',
      title_ar: 'فحص الهاتف قبل شرائه',
      description_ar: 'اطلب ‎*#06#‎ وتحقق من رقم IMEI.',
      heldLanguage: 'en',
      topic: 'phones',
      audience: 'youth',
      placeKind: 'venue',
      region: 'KE-17',
      address: 'Social Hall, Oginga Odinga Road, Kisumu',
      onlineLink: '',
      date: '2026-12-18',
      startTime: '09:30',
      endTime: '11:30',
      capacity: '30',
      arrangements: ['stepFree', 'easyRead'],
    });
    assert.equal(created.statusCode, 303);
    const eventPath = String(created.headers.location);
    const id = eventPath.split('/').at(-1) ?? '';
    const editPage = await editor.get(eventPath);
    assert.match(editPage.body, /value="Checking a phone before you buy it"/);
    assert.match(editPage.body, /value="easyRead"[^>]*checked/);
    assert.equal((await editor.post(`${eventPath}/publish`, {})).statusCode, 303);
    const visitor = createWebClient(app, '10.8.1.4');
    const arabic = await visitor.get(`/learn/workshops/${id}?lang=ar`);
    assert.match(arabic.body, /<html lang="ar" dir="rtl"/);
    assert.match(arabic.body, /فحص الهاتف قبل شرائه/);
    // Registered from the Arabic page: the language the person is written to in.
    await visitor.post(`/learn/workshops/${id}/register`, { name: 'Otieno Ouma', contact: '0712 345 678', needs: 'Wheelchair', consent: 'yes' });

    const registrations = await editor.get(`${eventPath}/registrations`);
    assert.match(registrations.body, /Otieno Ouma/);
    assert.match(registrations.body, /\+254712345678/);
    assert.match(registrations.body, /This page and its export hold personal data/);
    const registrationId = /name="attended" value="([^"]+)"/.exec(registrations.body)?.[1] ?? '';
    const marked = await editor.post(`${eventPath}/attendance`, { attended: registrationId });
    assert.match(marked.body, /1 person marked as present/);

    const csv = await editor.get(`${eventPath}/registrations.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /personal-data\.csv/);
    assert.equal(csv.headers['cache-control'], 'no-store');
    assert.match(csv.body, /^Status,Registered on,Name,Contact by,Contact,Needs,Language,Attended\r\n/);
    assert.match(csv.body, /Seat confirmed,[^,]+,Otieno Ouma,phone,\+254712345678,Wheelchair,ar,Yes\r\n/);
    const audit = await platform.db.kysely.selectFrom('audit_log').select(['action', 'actor_type']).where('action', '=', 'learn.workshop.exported').execute();
    assert.deepEqual(audit, [{ action: 'learn.workshop.exported', actor_type: 'user' }]);

    assert.equal((await editor.post(`${eventPath}/cancel`, {})).statusCode, 303);
    assert.match((await editor.get(eventPath)).body, /State: Cancelled\./);
    const sms = await platform.db.kysely.selectFrom('sms_messages').select('purpose').orderBy('created_at').orderBy('id').execute();
    assert.deepEqual(
      sms.map((s) => s.purpose),
      ['learn.workshop-confirmed', 'learn.workshop-cancelled'],
    );
  });
}
