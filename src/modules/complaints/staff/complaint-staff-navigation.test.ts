import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import type { Role } from '../../../platform/auth/index.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createComplaintServiceFor, type StaffActor } from '../index.ts';
import { COMPLAINTS_TEST_MODULES, createComplaintsTestApp } from '../testing/complaints-app.ts';
import { complaintSubmission, staffEntryForm } from '../testing/complaint-answers.ts';

// Issue 13 item 15: the consumer association has its own list of the cases it filed, and no link
// a staff member is shown on the complaint pages leads to a page they may not open.
const databases = openTestDatabases(allMigrations(COMPLAINTS_TEST_MODULES));

async function setup(database: (typeof databases.all)[number]) {
  const { platform, app } = await createComplaintsTestApp(database, { 'OP-N-1': 'Navigation One', 'OP-N-2': 'Navigation Two' });
  return { platform, app, service: createComplaintServiceFor(platform) };
}

const NEW_CASE = staffEntryForm({
  operatorIds: 'OP-N-1',
  description: 'Charged for a service never used.',
  name: 'Consumer Person',
  email: 'person@example.org',
  language: 'en',
  onBehalfConsentRecorded: 'yes',
});

/** The links of a page's main content and navigation that stay on the staff pages. */
function staffLinksOf(body: string): string[] {
  return [...body.matchAll(/<a [^>]*href="(\/staff[^"#?]*)(?:\?[^"#]*)?"/g)].map((m) => m[1] ?? '').filter((href) => href !== '/staff/sign-out');
}

/** Follows every staff link from `start`, breadth first, at most `limit` pages; returns each path that did not answer 200. */
async function crawl(client: WebClient, start: readonly string[], limit = 40): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...start];
  const broken: string[] = [];
  while (queue.length > 0 && seen.size < limit) {
    const path = queue.shift() ?? '';
    if (seen.has(path)) continue;
    seen.add(path);
    const answer = await client.get(path);
    if (answer.statusCode !== 200) {
      broken.push(`${path} answered ${answer.statusCode}`);
      continue;
    }
    for (const link of staffLinksOf(answer.body)) if (!seen.has(link)) queue.push(link);
  }
  return broken;
}

for (const database of databases.all) {
  describe(`staff navigation of complaints (${database.dialect})`, () => {
    it('gives an association its own list of the cases its representatives filed, and leads it to no page it may not open', async () => {
      const { platform, app, service } = await setup(database);
      const rep = await buildStaffAccount(platform, { role: 'association_rep', organisation: 'Demo Consumers' });
      const colleague = await buildStaffAccount(platform, { role: 'association_rep', organisation: 'Demo Consumers' });
      const other = await buildStaffAccount(platform, { role: 'association_rep', organisation: 'Other Consumers' });
      const fileAs = async (account: typeof rep, address: string, email: string) => {
        const client = createWebClient(app, address);
        await signIn(client, platform, account);
        await client.get('/staff/complaints/new');
        const filed = await client.post('/staff/complaints/new', { ...NEW_CASE, email });
        assert.equal(filed.statusCode, 201);
        return { client, filed, reference: /K-[0-9A-Z]{12}-[0-9A-Z]/.exec(filed.body)?.[0] ?? '' };
      };
      const mine = await fileAs(rep, '10.70.0.1', 'mine@example.org');
      const ours = await fileAs(colleague, '10.70.0.2', 'ours@example.org');
      const theirs = await fileAs(other, '10.70.0.3', 'theirs@example.org');
      await service.file(
        { type: 'system', id: null },
        complaintSubmission({
          operatorIds: ['OP-N-2'],
          description: 'Filed on the web by the consumer.',
          consumer: { name: 'Web Person', email: 'web@example.org', language: 'en' },
        }),
      );

      assert.deepEqual(
        await crawl(mine.client, ['/staff', ...staffLinksOf(mine.filed.body)]),
        [],
        'every link of the dashboard, the confirmation and beyond opens',
      );
      const list = await mine.client.get('/staff/association/complaints');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes(mine.reference) && list.body.includes(ours.reference), 'the cases of the association');
      assert.ok(!list.body.includes(theirs.reference), "not another association's");
      assert.match(list.body, /Navigation One/, 'operators by name');
      assert.match(list.body, /Received/);
      assert.match(mine.filed.body, /href="\/staff\/association\/complaints"/, 'the confirmation leads to the list');
      assert.equal((await createWebClient(app, '10.70.0.9').get('/staff/association/complaints')).statusCode, 303, 'signed-in staff only');
    });

    it('names operators, not their ids, in the queue and the operator portal', async () => {
      const { platform, app, service } = await setup(database);
      const filed = await service.file(
        { type: 'system', id: null },
        complaintSubmission({
          operatorIds: ['OP-N-1', 'OP-N-2'],
          description: 'Charged twice for the bundle.',
          consumer: { name: 'Name Person', email: 'names@example.org', language: 'en' },
        }),
      );
      const staffActor: StaffActor = { actor: { type: 'system', id: null }, userId: 'system', role: 'admin' };
      for (const c of filed.cases) await service.staff.assess(staffActor, c.reference, 'refer');
      const officer = createWebClient(app, '10.72.0.1');
      await signIn(officer, platform, await buildStaffAccount(platform, { role: 'officer' }));
      const agent = createWebClient(app, '10.72.0.2');
      await signIn(agent, platform, await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-N-2' }));
      const cellsOf = (body: string) => [...body.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1] ?? '');
      const queue = cellsOf((await officer.get('/staff/complaints')).body);
      assert.ok(queue.includes('Navigation One') && queue.includes('Navigation Two'), `the queue names the operators: ${queue.join(' | ')}`);
      assert.ok(!queue.some((cell) => /OP-N-/.test(cell)), 'and shows no licence id');
      const portal = cellsOf((await agent.get('/staff/operator/complaints')).body);
      assert.ok(portal.includes('Navigation Two') && !portal.some((cell) => /OP-N-/.test(cell)));
    });

    for (const role of ['admin', 'officer', 'operator_agent'] as const satisfies readonly Role[]) {
      it(`leads ${role} to no staff page it may not open`, async () => {
        const { platform, app, service } = await setup(database);
        const filed = await service.file(
          { type: 'system', id: null },
          complaintSubmission({
            operatorIds: ['OP-N-1'],
            description: 'Charged twice for the bundle.',
            consumer: { name: 'Crawl Person', email: 'crawl@example.org', language: 'en' },
          }),
        );
        const staffActor: StaffActor = { actor: { type: 'system', id: null }, userId: 'system', role: 'admin' };
        await service.staff.assess(staffActor, filed.cases[0]!.reference, 'refer');
        const account = await buildStaffAccount(platform, role === 'operator_agent' ? { role, operatorId: 'OP-N-1' } : { role });
        const client = createWebClient(app, '10.71.0.1');
        await signIn(client, platform, account);
        assert.deepEqual(await crawl(client, ['/staff']), []);
      });
    }
  });
}
