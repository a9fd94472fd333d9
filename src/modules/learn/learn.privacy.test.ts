import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { startSmtpServer } from '../../../test/helpers/smtp.ts';
import { allMigrations } from '../../platform/create.ts';
import type { SubjectIdentity } from '../../platform/privacy/record-kinds.ts';
import { kindNamed, runKindNow, seedLearnPersonEverywhere } from './testing/learn-kinds.ts';
import { createWorkshopsTestApp, eventInput, queuedMails, WORKSHOPS_TEST_MODULES } from './testing/workshops-platform.ts';
import { createWorkshopServiceFor } from './workshops/workshop.wiring.ts';
import { instantOf } from './workshops/workshop.service.ts';

const databases = openTestDatabases(allMigrations(WORKSHOPS_TEST_MODULES));
const smtp = await startSmtpServer();
after(() => smtp.close());

const staff = { userId: 'staff-1' };
const amina: SubjectIdentity = { emails: ['amina@example.org'], phones: [], deviceIds: [] };
const baraka: SubjectIdentity = { emails: ['baraka@example.org'], phones: [], deviceIds: [] };
const person = (name: string, contact: string) => ({ name, contact, needs: 'Step-free access', consent: 'yes' });

for (const database of databases.all) {
  const { dialect } = database;
  const setup = () => createWorkshopsTestApp(database, { SMTP_URL: smtp.url });

  test(`find gives a person their registrations and invitations, decrypted, and not another person's [${dialect}]`, async () => {
    const { platform } = await setup();
    const seeded = await seedLearnPersonEverywhere(platform, { emails: ['Amina@Example.org'], phones: [], deviceIds: [] });
    await seedLearnPersonEverywhere(platform, baraka);
    const registrations = await kindNamed(platform, 'learn.workshopRegistrations').subject?.find(amina);
    assert.deepEqual(
      registrations?.map((r) => r.id),
      seeded['learn.workshopRegistrations'],
    );
    assert.equal(registrations?.length, 1);
    assert.equal(registrations?.[0]?.fields.contact, 'amina@example.org');
    assert.equal(registrations?.[0]?.fields.name, 'Seeded Person');
    assert.equal(registrations?.[0]?.fields.needs, 'A seat near the door');
    const invitations = await kindNamed(platform, 'learn.libraryInvitations').subject?.find(amina);
    assert.equal(invitations?.length, 1);
    assert.deepEqual(
      invitations?.map((r) => r.id),
      seeded['learn.libraryInvitations'],
    );
    assert.equal(invitations?.[0]?.fields.email, 'Amina@Example.org');
    assert.deepEqual(await kindNamed(platform, 'learn.workshopRegistrations').subject?.find({ emails: ['nobody@example.org'], phones: [], deviceIds: [] }), []);
  });

  test(`erasing a seat at a workshop to come cancels it as the person would: the one waiting longest gets it [${dialect}]`, async () => {
    const { platform } = await setup();
    const service = createWorkshopServiceFor(platform);
    const created = await service.createEvent(staff, eventInput({ capacity: '1' }));
    assert.ok(created.ok);
    await service.publish(staff, created.id);
    assert.deepEqual(await service.register(created.id, person('Amina Odhiambo', 'amina@example.org'), 'en'), { ok: true, status: 'confirmed' });
    assert.deepEqual(await service.register(created.id, person('Baraka Mwangi', 'baraka@example.org'), 'en'), { ok: true, status: 'waiting' });
    const subject = kindNamed(platform, 'learn.workshopRegistrations').subject;
    assert.ok(subject);
    const [own] = await subject.find(amina);
    assert.ok(own);

    const now = platform.clock.now().toISOString();
    assert.deepEqual(await subject.erase(amina, { now, heldIds: new Set([own.id]) }), {
      outcomes: [{ id: own.id, result: 'kept', reason: 'legalHold' }],
      operatorIds: [],
    });
    assert.equal((await service.registrations(created.id)).find((r) => r.id === own.id)?.status, 'confirmed', 'a held seat stays');

    assert.deepEqual(await subject.erase(amina, { now, heldIds: new Set() }), { outcomes: [{ id: own.id, result: 'anonymised' }], operatorIds: [] });
    assert.deepEqual(await subject.find(amina), [], 'nothing is found by the address after');
    assert.deepEqual(await subject.erase(amina, { now, heldIds: new Set() }), { outcomes: [], operatorIds: [] }, 'erasing again finds nothing');
    const row = await platform.db.kysely.selectFrom('learn_workshop_registrations').selectAll().where('id', '=', own.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.name_enc, row.contact_enc, row.needs_enc, row.contact_hash], ['cancelled', null, null, null, '']);
    const [promoted] = await subject.find(baraka);
    assert.equal(promoted?.fields.status, 'confirmed', 'the person waiting got the seat');
    const mails = await queuedMails(platform);
    assert.equal(mails.at(-1)?.to, 'baraka@example.org', 'and was told');
  });

  test(`erasing a registration to a past workshop anonymises it, found by mobile number too [${dialect}]`, async () => {
    const { platform } = await setup();
    const service = createWorkshopServiceFor(platform);
    const created = await service.createEvent(staff, eventInput({ capacity: '5' }));
    assert.ok(created.ok);
    await service.publish(staff, created.id);
    assert.deepEqual(await service.register(created.id, person('Wanjiru Kamau', '+254712345678'), 'fr'), { ok: true, status: 'confirmed' });
    platform.clock.set(new Date(instantOf('2026-12-20', '10:00', 'Africa/Nairobi').getTime() + 86_400_000));
    const subject = kindNamed(platform, 'learn.workshopRegistrations').subject;
    assert.ok(subject);
    const identity: SubjectIdentity = { emails: [], phones: ['+254712345678'], deviceIds: [] };
    const [found] = await subject.find(identity);
    assert.equal(found?.fields.contactKind, 'phone');
    assert.equal(found?.fields.contact, '+254712345678');
    const erased = await subject.erase(identity, { now: platform.clock.now().toISOString(), heldIds: new Set() });
    assert.deepEqual(erased.outcomes, [{ id: found?.id, result: 'anonymised' }]);
    assert.equal((await service.registrations(created.id)).length, 1, 'the row still counts among the seats');
    assert.deepEqual(await subject.find(identity), []);
  });

  test(`registrations: due ones are erased, a day younger and held ones kept, a dry run changes nothing [${dialect}]`, async () => {
    const { platform } = await setup();
    const service = createWorkshopServiceFor(platform);
    const ids: string[] = [];
    for (const date of ['2026-12-20', '2026-12-21', '2026-12-22']) {
      const created = await service.createEvent(staff, eventInput({ date, capacity: '5' }));
      assert.ok(created.ok);
      await service.publish(staff, created.id);
      assert.ok((await service.register(created.id, person('Mutua Kilonzo', `mutua-${date}@example.org`), 'en')).ok);
      const [row] =
        (await kindNamed(platform, 'learn.workshopRegistrations').subject?.find({ emails: [`mutua-${date}@example.org`], phones: [], deviceIds: [] })) ?? [];
      ids.push(row?.id ?? '');
    }
    // The events of the 20th and 21st ended more than 90 whole days before the run of 21 March; the 22nd's did not.
    platform.clock.set(new Date('2027-03-21T06:00:00Z'));
    const [first, second, third] = ids;
    assert.equal(await runKindNow(platform, 'learn.workshopRegistrations', { dryRun: true, heldIds: [second ?? ''] }), 1);
    assert.equal(await runKindNow(platform, 'learn.workshopRegistrations', { heldIds: [second ?? ''] }), 1);
    const rows = await platform.db.kysely.selectFrom('learn_workshop_registrations').select(['id', 'erased_at']).orderBy('id').execute();
    const isErased = new Map(rows.map((r) => [r.id, r.erased_at !== null]));
    assert.deepEqual(
      [first, second, third].map((id) => isErased.get(id ?? '')),
      [true, false, false],
      'the due one is erased; the held one and the one a day younger are kept',
    );
  });
}
