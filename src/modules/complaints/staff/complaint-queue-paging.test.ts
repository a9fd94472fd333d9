import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTokenIssuer } from '../../../../test/helpers/api-tokens.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createComplaintServiceFor, type StaffActor } from '../index.ts';
import { COMPLAINTS_TEST_MODULES, createComplaintsTestApp } from '../testing/complaints-app.ts';
import { complaintSubmission } from '../testing/complaint-answers.ts';

// Issue 13 item 15: the queue is paged and sortable (262 rows on one page before), and so are the
// other lists of cases.
const databases = openTestDatabases(allMigrations(COMPLAINTS_TEST_MODULES));
const CASES = 112;
const HOUR = 3_600_000;

/** The case references of a list page, in the order shown. */
const referencesOf = (body: string) => [...body.matchAll(/<a href="\/staff\/(?:operator\/)?complaints\/(K-[0-9A-Z]{12}-[0-9A-Z])"/g)].map((m) => m[1] ?? '');

for (const database of databases.all) {
  describe(`paged and sorted lists of cases (${database.dialect})`, () => {
    it('pages the queue, sorts it by any column both ways, keeps the filters in every link, and pages the operator portal and API', async () => {
      const { platform, app } = await createComplaintsTestApp(database, { 'OP-Q-1': 'Zebra Telecom', 'OP-Q-2': 'Acacia Mobile' });
      const service = createComplaintServiceFor(platform);
      const system: StaffActor = { actor: { type: 'system', id: null }, userId: 'system', role: 'admin' };
      const filedOrder: string[] = [];
      for (let i = 0; i < CASES; i += 1) {
        platform.clock.advance(HOUR);
        const filed = await service.file(
          { type: 'system', id: null },
          complaintSubmission({
            operatorIds: [i % 2 === 0 ? 'OP-Q-1' : 'OP-Q-2'],
            description: `Charged twice, case number ${i}.`,
            consumer: { name: `Person ${i}`, email: `queue${i}@example.org`, language: 'en' },
          }),
        );
        filedOrder.push(filed.cases[0]!.reference);
        // Every third case goes to its operator, with the operator's deadline.
        if (i % 3 === 0) await service.staff.assess(system, filed.cases[0]!.reference, 'refer');
      }
      const newestFirst = [...filedOrder].reverse();
      const officer = createWebClient(app, '10.90.0.1');
      await signIn(officer, platform, await buildStaffAccount(platform, { role: 'officer' }));

      const first = await officer.get('/staff/complaints');
      assert.equal(first.statusCode, 200);
      assert.deepEqual(referencesOf(first.body), newestFirst.slice(0, 50), 'fifty cases a page, newest first');
      assert.match(first.body, /112 cases/);
      assert.match(first.body, /Page 1 of 3/);
      assert.match(first.body, /<a href="\/staff\/complaints\?page=2"[^>]*rel="next"/);
      const last = await officer.get('/staff/complaints?page=3');
      assert.deepEqual(referencesOf(last.body), newestFirst.slice(100));
      assert.match(last.body, /rel="prev"/);
      assert.doesNotMatch(last.body, /rel="next"/);
      for (const odd of ['page=0', 'page=-4', 'page=abc', 'page=99999999999999999999', 'sort=nope&dir=sideways']) {
        const answer = await officer.get(`/staff/complaints?${odd}`);
        assert.equal(answer.statusCode, 200, odd);
        assert.ok(referencesOf(answer.body).length > 0, `${odd} shows a page of cases`);
      }

      const oldest = await officer.get('/staff/complaints?sort=filed&dir=asc');
      assert.deepEqual(referencesOf(oldest.body), filedOrder.slice(0, 50));
      assert.match(oldest.body, /<th scope="col" aria-sort="ascending">/);

      // By deadline: the soonest first; cases without a running deadline last, either way.
      const byDue = referencesOf((await officer.get('/staff/complaints?sort=due&dir=asc')).body);
      const rows = await platform.db.kysely.selectFrom('complaint_deadlines').select(['case_id', 'due_at']).where('met_at', 'is', null).execute();
      const cases = await platform.db.kysely.selectFrom('complaint_cases').select(['id', 'reference']).execute();
      const dueOf = new Map(cases.map((c) => [c.reference, rows.find((r) => r.case_id === c.id)?.due_at ?? '9999']));
      const dues = byDue.map((r) => dueOf.get(r) ?? '');
      assert.deepEqual(dues, [...dues].sort(), 'soonest deadline first');

      const byOperator = (await officer.get('/staff/complaints?sort=operator&dir=asc')).body;
      assert.deepEqual(
        referencesOf(byOperator)
          .slice(0, 3)
          .map((r) => filedOrder.indexOf(r) % 2),
        [1, 1, 1],
        'Acacia Mobile before Zebra Telecom: by name, not id',
      );

      const filtered = await officer.get('/staff/complaints?stage=referred_to_operator&operator=OP-Q-1&sort=filed&dir=asc');
      assert.match(filtered.body, /19 cases/);
      assert.match(
        filtered.body,
        /href="\/staff\/complaints\?stage=referred_to_operator&amp;operator=OP-Q-1&amp;sort=due&amp;dir=asc"/,
        'a column link keeps the filters',
      );

      // The operator portal and its API are paged as well.
      const agent = createWebClient(app, '10.90.0.2');
      await signIn(agent, platform, await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-Q-1' }));
      const portal = await agent.get('/staff/operator/complaints');
      assert.match(portal.body, /19 cases/);
      const bearer = await (await createTokenIssuer(platform, 'paging')).token('OP-Q-1', ['complaints:read']);
      const page2 = await app.inject({
        method: 'GET',
        url: '/api/v1/operator/complaints?page=2&pageSize=10',
        headers: { authorization: `Bearer ${bearer}` },
      });
      assert.equal(page2.statusCode, 200);
      assert.deepEqual(
        { page: page2.json().page, pages: page2.json().pages, total: page2.json().total, shown: page2.json().cases.length },
        { page: 2, pages: 2, total: 19, shown: 9 },
      );
      const badSize = await app.inject({
        method: 'GET',
        url: '/api/v1/operator/complaints?pageSize=100000',
        headers: { authorization: `Bearer ${bearer}` },
      });
      assert.equal(badSize.statusCode, 400);
    });
  });
}
