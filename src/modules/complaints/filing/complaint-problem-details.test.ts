import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import { dateBoxes } from '../../../../test/helpers/forms.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createComplaintServiceFor, type StaffActor } from '../index.ts';
import { COMPLAINTS_TEST_MODULES, createComplaintsTestApp } from '../testing/complaints-app.ts';
import { staffEntryForm } from '../testing/complaint-answers.ts';

// Issue 13 item 15: the complaint asks, as Ofcom's and the FCC's forms do, for the account or
// service number, the phone number concerned and when the problem started.
const databases = openTestDatabases(allMigrations(COMPLAINTS_TEST_MODULES));

async function setup(database: (typeof databases.all)[number]) {
  const { platform, app } = await createComplaintsTestApp(database, { 'OP-P-1': 'Problem One' });
  const service = createComplaintServiceFor(platform);
  const admin = await buildStaffAccount(platform, { role: 'admin' });
  const staffActor: StaffActor = { actor: { type: 'user', id: admin.id }, userId: admin.id, role: 'admin' };
  return { platform, app, service, admin, staffActor };
}

/** Opens a question page (for its anti-forgery token) and posts its fields. */
async function answer(client: WebClient, step: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
  const page = await client.get(`/complaints/new/${step}`);
  assert.equal(page.statusCode, 200, `GET ${step}`);
  return client.post(`/complaints/new/${step}`, fields);
}

for (const database of databases.all) {
  describe(`the problem's details on a complaint (${database.dialect})`, () => {
    it('asks the web consumer for the account or service number, the number concerned and the start of the problem, and keeps them encrypted', async () => {
      const { platform, app, service, admin, staffActor } = await setup(database);
      const client = createWebClient(app, '10.40.0.1');
      assert.equal((await answer(client, 'operator', { operatorIds: ['OP-P-1'] })).headers.location, '/complaints/new/service');
      const page = await client.get('/complaints/new/service');
      assert.match(page.body, /name="accountNumber"/);
      assert.match(page.body, /name="serviceNumber"/);
      const badNumber = await client.post('/complaints/new/service', { service: 'mobile', accountNumber: 'ACC-77-1', serviceNumber: 'call me' });
      assert.equal(badNumber.statusCode, 422);
      assert.match(badNumber.body, /<a href="#field-serviceNumber">/);
      assert.match(badNumber.body, /value="ACC-77-1"/, 'the other answer is kept');
      assert.equal(
        (await client.post('/complaints/new/service', { service: 'mobile', accountNumber: 'ACC-77-1', serviceNumber: '+254 712 000 999' })).headers.location,
        '/complaints/new/problem',
      );
      await answer(client, 'problem', { category: 'billing' });

      const noDate = await answer(client, 'what-happened', { description: 'Charged twice for the same data bundle.' });
      assert.equal(noDate.statusCode, 422);
      assert.match(noDate.body, /<a href="#field-problemStart">Enter the date the problem started<\/a>/);
      const whatHappened = (day: string, month: string, year: string) =>
        client.post('/complaints/new/what-happened', {
          description: 'Charged twice for the same data bundle.',
          ...dateBoxes('problemStart', day, month, year),
        });
      const future = await whatHappened('1', '1', '2031');
      assert.match(future.body, /The date must be today or in the past/);
      assert.equal((await whatHappened('14', '11', '2026')).statusCode, 303);

      await answer(client, 'outcome', { desiredOutcome: 'A refund.' });
      await answer(client, 'operator-contact', { contacted: 'no' });
      await answer(client, 'your-details', { name: 'Pendo Details', email: 'pendo@example.org' });
      await answer(client, 'support', { needsSupport: 'no' });
      await client.get('/complaints/new/evidence');
      await client.post('/complaints/new/evidence/continue');
      await answer(client, 'consent', { consent: 'yes' });
      const check = await client.get('/complaints/new/check');
      assert.equal(check.statusCode, 200);
      for (const shown of ['ACC-77-1', '+254 712 000 999', 'November 14, 2026', 'href="/complaints/new/service?change=1"'])
        assert.ok(check.body.includes(shown), `the check page shows ${shown}`);
      assert.equal((await client.post('/complaints/new/check')).headers.location, '/complaints/new/sent');

      const filing = await platform.db.kysely.selectFrom('complaint_filings').selectAll().executeTakeFirstOrThrow();
      const stored = await platform.db.kysely.selectFrom('complaint_cases').selectAll().executeTakeFirstOrThrow();
      assert.doesNotMatch(JSON.stringify(filing), /ACC-77-1|712 000 999/, 'encrypted at rest');
      assert.equal(stored.problem_started_on, '2026-11-14');

      const staff = createWebClient(app, '10.40.0.2');
      await signIn(staff, platform, admin);
      const staffPage = await staff.get(`/staff/complaints/${stored.reference}`);
      for (const shown of ['ACC-77-1', '+254 712 000 999', 'November 14, 2026']) assert.ok(staffPage.body.includes(shown), `staff see ${shown}`);

      await service.staff.assess(staffActor, stored.reference, 'refer');
      const seen = await service.operator.open({ actor: { type: 'token', id: 'token-p' }, operatorId: 'OP-P-1' }, stored.reference);
      assert.deepEqual(
        [seen.consumer.accountNumber, seen.consumer.serviceNumber, seen.problemStartedOn],
        ['ACC-77-1', '+254 712 000 999', '2026-11-14'],
        'the operator gets what the consent text lists',
      );

      await service.staff.eraseConsumerData(staffActor, 'pendo@example.org');
      const erased = await service.staff.open(staffActor, stored.reference);
      assert.deepEqual([erased.consumer.accountNumber, erased.consumer.serviceNumber], [null, null]);
    });

    it('takes the number concerned and the start of the problem through the API and staff entry, naming a wrong one', async () => {
      const { platform, app, admin } = await setup(database);
      const body = {
        operatorIds: ['OP-P-1'],
        service: 'fixed_internet',
        category: 'billing',
        description: 'The line was billed after it was cut off.',
        desiredOutcome: 'A refund.',
        priorContact: { contacted: false },
        consumer: { name: 'Api Details', email: 'api.details@example.org', accountNumber: 'FX-1', serviceNumber: '020 555 0101', language: 'en' },
        problemStartedOn: '2026-10-02',
        extraSupport: [],
        consent: true,
      };
      assert.equal((await app.inject({ method: 'POST', url: '/api/v1/complaints', payload: body })).statusCode, 201);
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        remoteAddress: '10.40.1.2',
        payload: { ...body, problemStartedOn: '2031-01-01', consumer: { ...body.consumer, serviceNumber: 'n/a' } },
      });
      assert.equal(wrong.statusCode, 422);
      assert.deepEqual((wrong.json().errors as Array<{ field: string }>).map((e) => e.field).sort(), ['consumer.serviceNumber', 'problemStartedOn']);
      const row = await platform.db.kysely.selectFrom('complaint_cases').select('problem_started_on').executeTakeFirstOrThrow();
      assert.equal(row.problem_started_on, '2026-10-02');

      const officer = createWebClient(app, '10.40.0.3');
      await signIn(officer, platform, admin);
      const form = await officer.get('/staff/complaints/new');
      for (const field of ['serviceNumber', 'problemStartDay', 'problemStartMonth', 'problemStartYear']) assert.match(form.body, new RegExp(`name="${field}"`));
      const fields = staffEntryForm({
        channel: 'phone',
        operatorIds: 'OP-P-1',
        description: 'Charged for calls never made.',
        name: 'Phone Caller',
        email: 'caller@example.org',
        language: 'en',
        serviceNumber: '+254 700 123 456',
        ...dateBoxes('problemStart', '3', '11', '2026'),
      });
      const filed = await officer.post('/staff/complaints/new', fields);
      assert.equal(filed.statusCode, 201, filed.body.slice(0, 2000));
      const rows = await platform.db.kysely.selectFrom('complaint_cases').select('problem_started_on').orderBy('problem_started_on').execute();
      assert.deepEqual(
        rows.map((r) => r.problem_started_on),
        ['2026-10-02', '2026-11-03'],
      );
    });

    it('names every wrong field of the staff entry form at once, in the order of the form', async () => {
      const { platform, app, admin } = await setup(database);
      const officer = createWebClient(app, '10.40.0.4');
      await signIn(officer, platform, admin);
      const form = await officer.get('/staff/complaints/new');
      const fieldOrder = [...form.body.matchAll(/<(?:input|select|textarea)[^>]*\bid="(field-[A-Za-z]+)"/g)].map((m) => m[1] ?? '');
      const answer = await officer.post('/staff/complaints/new', {
        channel: 'phone',
        operatorIds: 'OP-NOPE',
        service: 'mobile',
        category: 'billing',
        description: 'short',
        desiredOutcome: 'A refund.',
        priorContacted: 'maybe',
        problemStartDay: '31',
        problemStartMonth: '2',
        problemStartYear: '2026',
        name: '',
        email: 'nope',
        serviceNumber: 'call me',
        language: 'en',
      });
      assert.equal(answer.statusCode, 422);
      const summary = /<div class="error-summary".*?<\/div>/s.exec(answer.body)?.[0] ?? '';
      const linked = [...summary.matchAll(/href="#(field-[A-Za-z]+)"/g)].map((m) => m[1] ?? '');
      assert.deepEqual(
        linked,
        [
          'field-operatorIds',
          'field-description',
          'field-problemStart',
          'field-priorContacted',
          'field-name',
          'field-email',
          'field-serviceNumber',
          'field-consent',
        ],
        "the form-level and the service's problems together",
      );
      assert.deepEqual(
        linked,
        [...linked].sort((a, b) => fieldOrder.indexOf(a) - fieldOrder.indexOf(b)),
        'in the order of the form',
      );
    });
  });
}
