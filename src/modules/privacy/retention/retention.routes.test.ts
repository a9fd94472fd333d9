import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases, type TestDatabase } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { buildApp } from '../../../app.ts';
import { allMigrations } from '../../../platform/create.ts';
import { privacyModule } from '../index.ts';
import { kindsModule, profileWithRetention, testCaseKind, type TestCase } from '../testing/retention-kinds.ts';

const databases = openTestDatabases(allMigrations([privacyModule]));

async function setup(database: TestDatabase, records: TestCase[] = []) {
  const env = {
    KINGA_JURISDICTION: profileWithRetention({
      schedule: {
        'testing.cases': { period: 'P90D', trigger: 'closed', action: 'delete', legalBasis: 'legalObligation', reference: 'Data Protection Act 2019, s. 39' },
      },
      dpo: { name: 'Amina Otieno', email: 'dpo@authority.example' },
    }),
  };
  const modules = [
    kindsModule([
      testCaseKind(records),
      testCaseKind([], {
        name: 'testing.visits',
        triggers: ['created'],
        defaultRule: { period: 'P1Y', trigger: 'created', action: 'delete', legalBasis: 'consent' },
      }),
    ]),
    privacyModule,
  ];
  const platform = await createTestPlatform(await database.fresh(), { modules, env });
  return { platform, app: await buildApp(platform, modules) };
}

for (const database of databases.all) {
  test(`the public page says what is kept, how long in words with plurals, and links to people's requests; every footer links to it [${database.dialect}]`, async () => {
    const { app } = await setup(database);
    const page = await app.inject('/privacy?lang=en');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1[^>]*>What we keep and why<\/h1>/);
    assert.match(page.body, /90 days after it is closed or ends/);
    assert.match(page.body, /1 year after it is created/);
    assert.match(page.body, /It is deleted\./);
    assert.match(page.body, /A legal obligation/);
    assert.match(page.body, /Data Protection Act 2019, s\. 39/);
    assert.match(page.body, /the operator concerned and staff of the authority/);
    assert.match(page.body, /href="\/privacy\/requests"/);
    assert.match(page.body, /Amina Otieno, dpo@authority\.example/);
    assert.match(page.body, /<footer[\s\S]*href="\/privacy">What we keep and why<\/a>/);
    const ru = await app.inject('/privacy?lang=ru');
    assert.match(ru.body, /90 дней после закрытия или завершения/);
    assert.match(ru.body, /1 год после создания/);
    const ar = await app.inject('/privacy?lang=ar');
    assert.match(ar.body, /90 يومًا/);
    assert.match(ar.body, /سنة واحدة/);
    assert.match((await app.inject('/privacy?lang=zh')).body, /关闭或结束后 90 天/);
    await app.close();
  });

  test(`staff see the schedule, ask for a dry run and read its report, place and release holds; the register downloads; others are kept out [${database.dialect}]`, async () => {
    const records: TestCase[] = [{ id: 'K-1', closedAt: '2026-01-01T00:00:00.000Z', isAnonymised: false }];
    const { platform, app } = await setup(database, records);
    assert.equal((await app.inject('/staff/privacy/retention')).statusCode, 303, 'sign in first');
    const agent = createWebClient(app, '10.1.0.2');
    await signIn(agent, platform, await buildStaffAccount(platform, { role: 'operator_agent' }));
    assert.equal((await agent.get('/staff/privacy/register.csv')).statusCode, 403);

    const officer = createWebClient(app, '10.1.0.3');
    await signIn(officer, platform, await buildStaffAccount(platform, { role: 'officer' }));
    const page = await officer.get('/staff/privacy/retention?lang=en');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /90 days after it is closed or ends/);
    assert.match(page.body, /from the profile/);
    assert.match(page.body, /default of the module/);
    assert.match(page.body, /The schedule has not run yet/);

    const asked = await officer.post('/staff/privacy/retention/dry-run');
    assert.equal(asked.statusCode, 303);
    const runPath = String(asked.headers.location);
    assert.match((await officer.get(runPath)).body, /waiting for the job worker/);
    await platform.jobs.runDue();
    const report = await officer.get(runPath);
    assert.match(report.body, /dry run/);
    assert.match(report.body, /<td>1<\/td>/);
    assert.equal(records[0]?.isAnonymised, false);

    const refused = await officer.post('/staff/privacy/retention/holds', { kind: 'testing.cases', recordId: '', reason: '', caseReference: 'x'.repeat(401) });
    assert.equal(refused.statusCode, 400, 'a field longer than the form allows is refused by the schema');
    const wrong = await officer.post('/staff/privacy/retention/holds', { kind: 'nope', recordId: 'K 1', reason: ' ', caseReference: '' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Choose a kind of record/);
    assert.match(wrong.body, /Enter why the record must be kept/);
    const placed = await officer.post('/staff/privacy/retention/holds', {
      kind: 'testing.cases',
      recordId: 'K-1',
      reason: 'Court order',
      caseReference: 'HC-7',
    });
    assert.equal(placed.headers.location, '/staff/privacy/retention?done=placed');
    const withHold = await officer.get('/staff/privacy/retention?done=placed');
    assert.match(withHold.body, /The hold was placed/);
    assert.match(withHold.body, /HC-7/);
    const holdId = /holds\/([^/"]+)\/release/.exec(withHold.body)?.[1] ?? '';
    const dashboard = await officer.get('/staff?lang=en');
    assert.match(dashboard.body, /1 legal hold in force/);
    assert.equal((await officer.post(`/staff/privacy/retention/holds/${holdId}/release`)).headers.location, '/staff/privacy/retention?done=released');
    assert.equal((await officer.post(`/staff/privacy/retention/holds/${holdId}/release`)).headers.location, '/staff/privacy/retention?done=gone');

    const register = await officer.get('/staff/privacy/register?lang=en');
    assert.match(register.body, /Register of processing/);
    assert.match(register.body, /encrypted at rest/);
    const json = JSON.parse((await officer.get('/staff/privacy/register.json?lang=en')).body) as {
      controller: { name: string };
      dpo: { email: string };
      transfers: string[];
      activities: { kind: string; timeLimit: string; rule: { period: string } }[];
    };
    assert.equal(json.controller.name, platform.config.jurisdiction.authority.name);
    assert.equal(json.dpo.email, 'dpo@authority.example');
    assert.deepEqual(json.transfers, []);
    assert.deepEqual(
      json.activities.filter((a) => a.kind.startsWith('testing.') || a.kind === 'privacy.legalHolds').map((a) => [a.kind, a.rule.period, a.timeLimit]),
      [
        ['testing.cases', 'P90D', '90 days after it is closed or ends. It is deleted.'],
        ['testing.visits', 'P1Y', '1 year after it is created. It is deleted.'],
        ['privacy.legalHolds', 'P1Y', '1 year after it is closed or ends. It is deleted.'],
      ],
    );
    const csv = await officer.get('/staff/privacy/register.csv?lang=en');
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines.length, 1 + platform.recordKinds.length, 'a header and one line a kind');
    assert.match(lines[0] ?? '', /^kind,activity,purposes,data_subjects/);
    assert.ok(lines.some((line) => line.startsWith('testing.cases,')));
    assert.equal((await officer.get('/staff/privacy/retention/runs/nothing-here')).statusCode, 404);
    await app.close();
  });

  test(`the dashboard warns in words when a kind failed in the last run [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    await platform.db.kysely
      .insertInto('privacy_retention_runs')
      .values({
        id: 'r1',
        is_dry_run: false,
        run_date: '2026-12-01',
        requested_by: 'schedule',
        requested_at: '2026-12-01T00:00:00.000Z',
        started_at: '2026-12-01T00:00:00.000Z',
        finished_at: '2026-12-01T00:00:01.000Z',
      })
      .execute();
    await platform.db.kysely
      .insertInto('privacy_retention_run_kinds')
      .values({
        run_id: 'r1',
        kind: 'testing.cases',
        rule_json: '{}',
        is_default_rule: true,
        cutoff: '2026-09-01T00:00:00.000Z',
        count: null,
        error: 'Error: table missing',
      })
      .execute();
    const admin = createWebClient(app, '10.1.0.4');
    await signIn(admin, platform, await buildStaffAccount(platform, { role: 'admin' }));
    assert.match((await admin.get('/staff?lang=en')).body, /1 kind of record failed in the last run/);
    await app.close();
  });
}
