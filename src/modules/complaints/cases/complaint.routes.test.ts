import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import { allMigrations } from '../../../platform/create.ts';
import { requestScheduledJobs } from '../../../platform/maintenance.ts';
import { COMPLAINTS_TEST_MODULES, createComplaintsTestApp } from '../testing/complaints-app.ts';
import { complaintApiBody, staffEntryForm } from '../testing/complaint-answers.ts';

const databases = openTestDatabases(allMigrations(COMPLAINTS_TEST_MODULES));

const body = (overrides: Record<string, unknown> = {}) => ({
  ...complaintApiBody({
    operatorIds: ['OP-R-1', 'OP-R-2'],
    description: 'Charged twice for the same data bundle in November.',
    desiredOutcome: 'Refund the second charge.',
    priorContact: { contacted: true, date: '2026-11-25' },
    consumer: { name: 'Route Tester', email: 'route@example.org', language: 'en' },
  }),
  ...overrides,
});

async function setup(database: (typeof databases.all)[number]) {
  const { platform, app } = await createComplaintsTestApp(database, { 'OP-R-1': 'Route One', 'OP-R-2': 'Route Two' });
  const admin = await buildStaffAccount(platform, { role: 'admin' });
  const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
  const token = async (operatorId: string, permissions: string[] = ['complaints:read', 'complaints:respond']) => {
    const outcome = await auth.createToken({ kind: 'system' }, { name: 'complaints', operatorId, permissions, expiresInDays: '', createdBy: admin.id });
    assert.ok(outcome.ok);
    return outcome.value.plaintext;
  };
  return { platform, app, token, admin };
}

for (const database of databases.all) {
  describe(`complaint routes (${database.dialect})`, () => {
    it('files through the API with 201, and answers 422 problem+json naming each field', async () => {
      const { app } = await setup(database);
      const ok = await app.inject({ method: 'POST', url: '/api/v1/complaints', payload: body() });
      assert.equal(ok.statusCode, 201);
      const filed = ok.json();
      assert.match(filed.reference, /^C-/);
      assert.equal(filed.cases.length, 2);
      assert.equal(filed.cases[0].deadlines[0].stage, 'received');
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        payload: body({ category: 'nope', consent: false, consumer: { name: '', email: 'x', language: 'en' } }),
      });
      assert.equal(bad.statusCode, 422);
      assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
      const fields = (bad.json().errors as Array<{ field: string }>).map((e) => e.field).sort();
      assert.deepEqual(fields, ['category', 'consent', 'consumer.email', 'consumer.name']);
    });

    it('gives an operator token only its own cases, and lets it answer', async () => {
      const { app, token, platform, admin } = await setup(database);
      const filed = (await app.inject({ method: 'POST', url: '/api/v1/complaints', payload: body() })).json();
      const [one, two] = filed.cases as Array<{ reference: string; operatorId: string }>;
      assert.ok(one && two);
      const { createComplaintServiceFor } = await import('../index.ts');
      const staff = { actor: { type: 'user' as const, id: admin.id }, userId: admin.id, role: 'admin' as const };
      await createComplaintServiceFor(platform).staff.assess(staff, one.reference, 'refer');
      const bearer = await token(one.operatorId);
      const list = await app.inject({ method: 'GET', url: '/api/v1/operator/complaints', headers: { authorization: `Bearer ${bearer}` } });
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list.json().cases.map((c: { reference: string }) => c.reference),
        [one.reference],
      );
      assert.ok(list.json().cases[0].currentDeadline.dueAt);
      const other = await app.inject({ method: 'GET', url: `/api/v1/operator/complaints/${two.reference}`, headers: { authorization: `Bearer ${bearer}` } });
      assert.equal(other.statusCode, 404);
      const mine = await app.inject({ method: 'GET', url: `/api/v1/operator/complaints/${one.reference}`, headers: { authorization: `Bearer ${bearer}` } });
      assert.equal(mine.statusCode, 200);
      assert.equal(mine.json().consumer.name, 'Route Tester');
      assert.equal('email' in mine.json().consumer, false);
      const answer = await app.inject({
        method: 'POST',
        url: `/api/v1/operator/complaints/${one.reference}/responses`,
        headers: { authorization: `Bearer ${bearer}` },
        payload: { kind: 'resolution', text: 'Refund of KES 500.' },
      });
      assert.equal(answer.statusCode, 201);
      assert.equal(answer.json().stage, 'resolution_proposed');
      const readOnly = await token(one.operatorId, ['complaints:read']);
      const refused = await app.inject({
        method: 'POST',
        url: `/api/v1/operator/complaints/${one.reference}/responses`,
        headers: { authorization: `Bearer ${readOnly}` },
        payload: { kind: 'response', text: 'x' },
      });
      assert.equal(refused.statusCode, 403);
      const anonymous = await app.inject({ method: 'GET', url: '/api/v1/operator/complaints' });
      assert.equal(anonymous.statusCode, 401);
    });

    it('shows staff the queue and a case, and keeps an operator agent to its own cases', async () => {
      const { app, platform } = await setup(database);
      const filed = (await app.inject({ method: 'POST', url: '/api/v1/complaints', payload: body() })).json();
      const [one, two] = filed.cases as Array<{ reference: string; operatorId: string }>;
      assert.ok(one && two);
      const officer = await buildStaffAccount(platform, { role: 'officer' });
      const web = createWebClient(app);
      await signIn(web, platform, officer);
      const queue = await web.get('/staff/complaints?stage=received');
      assert.equal(queue.statusCode, 200);
      assert.ok(queue.body.includes(one.reference));
      const page = await web.get(`/staff/complaints/${one.reference}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Route Tester'));
      const assessed = await web.post(`/staff/complaints/${one.reference}/assess`, { next: 'refer' });
      assert.equal(assessed.statusCode, 303);
      const emptyNote = await web.post(`/staff/complaints/${one.reference}/notes`, { note: '' });
      assert.equal(emptyNote.statusCode, 422);
      const overdue = await web.get('/staff/complaints?overdue=yes');
      assert.ok(!overdue.body.includes(one.reference));

      const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: one.operatorId });
      const portal = createWebClient(app, '127.0.0.2');
      await signIn(portal, platform, agent);
      const list = await portal.get('/staff/operator/complaints');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes(one.reference));
      assert.ok(!list.body.includes(two.reference));
      assert.equal((await portal.get(`/staff/operator/complaints/${two.reference}`)).statusCode, 404);
      assert.equal((await portal.post(`/staff/operator/complaints/${two.reference}/responses`, { kind: 'response', text: 'Not ours.' })).statusCode, 404);
      const answered = await portal.post(`/staff/operator/complaints/${one.reference}/responses`, { kind: 'response', text: 'We refunded the charge.' });
      assert.equal(answered.statusCode, 303);
      assert.equal((await portal.get('/staff/complaints')).statusCode, 403);
    });

    it('lets an association representative file for a consumer with consent recorded', async () => {
      const { app, platform } = await setup(database);
      const rep = await buildStaffAccount(platform, { role: 'association_rep', organisation: 'Demo Consumers' });
      const web = createWebClient(app);
      await signIn(web, platform, rep);
      const form = await web.get('/staff/complaints/new');
      assert.equal(form.statusCode, 200);
      const fields = staffEntryForm({
        operatorIds: 'OP-R-1',
        description: 'Charged for a service never used.',
        name: 'Consumer Person',
        email: 'person@example.org',
        language: 'fr',
      });
      const missing = await web.post('/staff/complaints/new', fields);
      assert.equal(missing.statusCode, 422);
      assert.ok(missing.body.includes('field-onBehalfConsentRecorded'));
      const filed = await web.post('/staff/complaints/new', { ...fields, onBehalfConsentRecorded: 'yes' });
      assert.equal(filed.statusCode, 201);
      assert.match(filed.body, /C-[0-9A-Z]{12}-/);
      const stored = await platform.db.kysely
        .selectFrom('complaint_filings')
        .select(['channel', 'on_behalf_consent', 'filed_by_type', 'filed_by_id'])
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        { ...stored, on_behalf_consent: Boolean(stored.on_behalf_consent) },
        { channel: 'association', on_behalf_consent: true, filed_by_type: 'user', filed_by_id: rep.id },
      );
      const caseReference = /K-[0-9A-Z]{12}-[0-9A-Z]/.exec(filed.body)?.[0];
      assert.ok(caseReference);
      const officer = await buildStaffAccount(platform, { role: 'officer' });
      const staff = createWebClient(app, '127.0.0.5');
      await signIn(staff, platform, officer);
      const page = await staff.get(`/staff/complaints/${caseReference}`);
      assert.ok(page.body.includes('Consumer association'));
      assert.ok(page.body.includes('Consumer’s consent for the association'), 'the consent is shown with its date');
    });

    it('lets an officer enter a complaint received by post or phone, with the channel recorded, but not as a web filing', async () => {
      const { app, platform } = await setup(database);
      const officer = await buildStaffAccount(platform, { role: 'officer' });
      const web = createWebClient(app);
      await signIn(web, platform, officer);
      const form = await web.get('/staff/complaints/new?lang=ar');
      assert.equal(form.statusCode, 200);
      assert.ok(form.body.includes('dir="rtl"'));
      const fields = staffEntryForm({
        operatorIds: ['OP-R-1', 'OP-R-2'],
        service: 'fixed_internet',
        description: 'Letter received: charged after cancelling.',
        name: 'Letter Writer',
        email: 'letter@example.org',
        language: 'en',
      });
      const asWeb = await web.post('/staff/complaints/new', { ...fields, channel: 'web' });
      assert.equal(asWeb.statusCode, 422);
      assert.ok(asWeb.body.includes('href="#field-channel"'));
      const filed = await web.post('/staff/complaints/new', { ...fields, channel: 'post' });
      assert.equal(filed.statusCode, 201);
      const rows = await platform.db.kysely.selectFrom('complaint_filings').select(['channel', 'on_behalf_consent', 'filed_by_id']).execute();
      assert.deepEqual(
        rows.map((r) => [r.channel, Boolean(r.on_behalf_consent), r.filed_by_id]),
        [['post', false, officer.id]],
      );
      assert.equal((await platform.db.kysely.selectFrom('complaint_cases').select('id').execute()).length, 2, 'one case per operator');
      const caseReference = /K-[0-9A-Z]{12}-[0-9A-Z]/.exec(filed.body)?.[0];
      assert.ok(caseReference);
      assert.match((await web.get(`/staff/complaints/${caseReference}`)).body, /<dd>البريد<\/dd>/, "the channel, in the page's language");
      const page = await web.get(`/staff/complaints/${caseReference}?lang=en`);
      assert.match(page.body, /<dd>Post<\/dd>/);
      assert.ok(!page.body.includes('Consumer’s consent for the association'));
      const byPhone = await web.post('/staff/complaints/new', { ...fields, channel: 'phone' });
      assert.equal(byPhone.statusCode, 201);
    });
  });
}

describe('complaint statistics page', () => {
  const database = databases.all[0];
  it('publishes the quarter with withheld small counts, a chart, and CSV and JSON downloads', async () => {
    assert.ok(database);
    const { app, platform } = await setup(database);
    for (let i = 0; i < 24; i += 1) {
      const operatorIds = [i < 12 ? 'OP-R-1' : 'OP-R-2'];
      // As many consumers: the receipts one address may receive are limited.
      const consumer = { name: 'Route Tester', email: `route${i}@example.org`, language: 'en' };
      const filed = await app.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        remoteAddress: `10.0.0.${i + 1}`,
        payload: body({ operatorIds, consumer, category: i === 23 ? 'roaming' : 'billing' }),
      });
      assert.equal(filed.statusCode, 201);
    }
    const { createComplaintRepository } = await import('./complaint.repository.ts');
    await createComplaintRepository(platform.db.kysely).upsertSubscribers([
      { operator_id: 'OP-R-1', service: 'mobile', quarter: '2026-Q4', subscribers: 600_000 },
    ]);
    const page = await app.inject({ method: 'GET', url: '/complaints/statistics?quarter=2026-Q4&lang=fr' });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('<svg'));
    assert.ok(page.body.includes('masqué'));
    assert.ok(page.body.includes('pas de taux'));
    const csv = await app.inject({ method: 'GET', url: '/complaints/statistics.csv?quarter=2026-Q4' });
    assert.equal(csv.statusCode, 200);
    const lines = csv.body.trim().split('\r\n');
    assert.deepEqual(lines[0]?.split(',').slice(1, 7), [
      'operator_id',
      'complaints',
      'complaints_suppressed',
      'subscribers',
      'complaints_per_100k',
      'complaints_per_100k_suppressed',
    ]);
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',').slice(1, 7).join(',')),
      ['OP-R-1,12,false,600000,2,false', 'OP-R-2,12,false,,,false'],
    );
    const json = await app.inject({ method: 'GET', url: '/complaints/statistics.json?quarter=2026-Q4' });
    const categories = json.json().by_category as Array<{ category: string; complaints: number | null; complaints_suppressed: boolean }>;
    // One roaming complaint is withheld, and billing with it: the total would reveal it.
    const categoryOf = (category: string) => categories.find((c) => c.category === category);
    assert.deepEqual(categoryOf('roaming'), { category: 'roaming', complaints: null, complaints_suppressed: true });
    assert.deepEqual(categoryOf('billing'), { category: 'billing', complaints: null, complaints_suppressed: true });
    assert.deepEqual(categoryOf('privacy'), { category: 'privacy', complaints: 0, complaints_suppressed: false });
  });
});

describe('complaint sweep job', () => {
  const database = databases.all[0];
  it('is asked for by the maintenance schedule of a working server and runs on the job queue', async () => {
    assert.ok(database);
    const { platform } = await setup(database);
    const sweeps = () => platform.db.kysely.selectFrom('jobs').select(['type', 'status']).where('type', '=', 'complaints.sweep').execute();
    assert.equal((await sweeps()).length, 0, 'building the routes asks for nothing');
    await requestScheduledJobs(platform);
    assert.equal((await sweeps()).length, 1);
    await platform.jobs.runDue();
    const after = await platform.db.kysely.selectFrom('jobs').select(['type', 'status']).where('type', '=', 'complaints.sweep').execute();
    assert.deepEqual(
      after.map((j) => j.status),
      ['done'],
    );
  });
});
