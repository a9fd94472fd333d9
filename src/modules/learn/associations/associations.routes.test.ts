import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openTestDatabases, type TestDatabase } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { buildApp } from '../../../app.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createQualityStatisticsServiceFor, qualityModule } from '../../quality/index.ts';
import { learnModule } from '../index.ts';
import { hsdsId } from './association-hsds.ts';
import { DEMO_ASSOCIATIONS, seedAssociationsDemo } from './associations.demo.ts';
import { runKindNow } from '../testing/learn-kinds.ts';

const MODULES = [qualityModule, learnModule];
const databases = openTestDatabases(allMigrations(MODULES));
const REGIONS = new URL('../../quality/demo/regions.geojson', import.meta.url);

async function setup(database: TestDatabase) {
  const platform = await createTestPlatform(await database.fresh(), { modules: MODULES });
  await createQualityStatisticsServiceFor(platform).importRegions({ text: readFileSync(REGIONS, 'utf8'), source: 'test', actor: { type: 'system', id: null } });
  const app = await buildApp(platform, MODULES);
  const signedIn = async (role: 'admin' | 'officer' | 'association_rep', organisation?: string) => {
    const staff = await buildStaffAccount(platform, { role, ...(organisation ? { organisation } : {}) });
    const client = createWebClient(app);
    assert.equal((await signIn(client, platform, staff)).statusCode, 303);
    return { client, staff };
  };
  const auditActions = async () =>
    (await platform.db.kysely.selectFrom('audit_log').select('action').where('action', 'like', 'learn.association.%').orderBy('seq').execute()).map(
      (r) => r.action,
    );
  return { platform, app, signedIn, auditActions };
}

const entryForm = (overrides: Record<string, string | string[]> = {}) => ({
  name: 'Coast Telecom Users',
  description_en: 'Helps users along the coast with bills.',
  description_fr: 'Aide les usagers de la côte avec leurs factures.',
  regions: ['COA'],
  languages: ['sw', 'en'],
  services: ['advice', 'mediation'],
  address: 'Moi Avenue 1, Mombasa',
  phone: '+254 41 000 0999',
  email: 'info@coast-users.example',
  website: 'https://coast-users.example',
  latitude: '-4.05',
  longitude: '39.66',
  rightsDecidedOn: '2025-05-01',
  rightsReference: 'DCA/CP/2025/11',
  state: 'published',
  ...overrides,
});

for (const database of databases.all) {
  test(`staff publish an entry; the directory filters it, maps it and exports it as HSDS JSON and CSV [${database.dialect}]`, async () => {
    const { app, signedIn, auditActions } = await setup(database);
    const { client } = await signedIn('officer');
    await client.get('/staff/learn/associations/new');
    const hostile = await client.post('/staff/learn/associations/new', entryForm({ name: '', website: 'javascript:alert(1)', latitude: '91', longitude: '' }));
    assert.equal(hostile.statusCode, 422);
    assert.match(hostile.body, /Enter the association&#39;s name|Enter the association's name/);
    assert.match(hostile.body, /Enter a website address starting with https:\/\//);
    assert.match(hostile.body, /Enter a number between -90 and 90/);
    const created = await client.post('/staff/learn/associations/new', entryForm());
    assert.equal(created.statusCode, 303, created.body);
    const id = String(created.headers.location).split('/').pop() ?? '';
    await client.post('/staff/learn/associations/new', entryForm({ name: 'Hidden Draft Union', state: 'unpublished' }));

    assert.match(
      (await app.inject('/learn')).body,
      /href="\/learn\/associations"/,
      'the learning hub, which the main navigation opens, links to the directory',
    );
    const list = await app.inject('/learn/associations');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Coast Telecom Users/);
    assert.doesNotMatch(list.body, /Hidden Draft Union/, 'an unpublished entry is not shown');
    assert.match(list.body, /<svg[^>]*role="img"/);
    assert.match(list.body, /<title>1\. Coast Telecom Users<\/title>/, 'the marker has its text alternative');
    assert.match(list.body, /<ol id="association-list"/);
    assert.doesNotMatch((await app.inject('/learn/associations?region=NAI')).body, /Coast Telecom Users/);
    assert.match((await app.inject('/learn/associations?region=COA&service=mediation&language=sw')).body, /Coast Telecom Users/);
    assert.doesNotMatch((await app.inject('/learn/associations?service=training')).body, /Coast Telecom Users/);
    assert.equal((await app.inject('/learn/associations?region=%3Cscript%3E')).statusCode, 200, 'an unknown filter value is ignored');

    const page = await app.inject(`/learn/associations/${id}?lang=fr`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Aide les usagers de la côte/);
    assert.match(page.body, /DCA\/CP\/2025\/11/);
    const arabic = await app.inject(`/learn/associations/${id}?lang=ar`);
    assert.match(arabic.body, /<p class="lead" lang="en" dir="ltr">Helps users/, 'a missing language falls back visibly, with its lang');
    assert.equal((await app.inject('/learn/associations/no-such-entry')).statusCode, 404);

    const json = await app.inject('/learn/associations.hsds.json');
    assert.equal(json.statusCode, 200);
    const document = json.json<{ hsds_version: string; organizations: Array<Record<string, unknown> & { services: Array<Record<string, unknown>> }> }>();
    assert.equal(document.hsds_version, '3.0');
    assert.deepEqual(
      document.organizations.map((o) => o['name']),
      ['Coast Telecom Users'],
    );
    const organisation = document.organizations[0];
    assert.deepEqual(
      organisation?.services.map((s) => [
        s['name'],
        (s['service_areas'] as Array<{ name: string }>).map((a) => a.name),
        (s['languages'] as Array<{ code: string }>).map((l) => l.code),
      ]),
      [
        ['Advice', ['Coast'], ['sw', 'en']],
        ['Mediation with operators', ['Coast'], ['sw', 'en']],
      ],
    );
    assert.equal(organisation?.['id'], id, 'an entry created in Kinga keeps its UUID');
    assert.deepEqual(organisation?.['phones'], [{ id: hsdsId(id, 'phone'), organization_id: id, number: '+254 41 000 0999', type: 'voice' }]);
    const csv = await app.inject('/learn/associations/hsds/services.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.equal(csv.body.split('\r\n')[0], 'id,organization_id,name,description,url,email,status,accreditations');
    assert.equal(csv.body.split('\r\n').length, 4);
    assert.equal(
      (await app.inject('/learn/associations/hsds/locations.csv')).body.split('\r\n')[1],
      `${hsdsId(id, 'location')},physical,${id},Coast Telecom Users,"Moi Avenue 1, Mombasa",-4.05,39.66`,
    );
    assert.equal((await app.inject('/learn/associations/hsds/secrets.csv')).statusCode, 404);
    assert.deepEqual(await auditActions(), ['learn.association.created', 'learn.association.created']);
    await app.close();
  });

  test(`a representative proposes changes to their own entry only; staff see the differences and approve; nothing shows before [${database.dialect}]`, async () => {
    const { platform, app, signedIn, auditActions } = await setup(database);
    const officer = await signedIn('officer');
    await officer.client.get('/staff/learn/associations/new');
    const ownId =
      String((await officer.client.post('/staff/learn/associations/new', entryForm())).headers.location)
        .split('/')
        .pop() ?? '';
    const otherId =
      String((await officer.client.post('/staff/learn/associations/new', entryForm({ name: 'Other Union' }))).headers.location)
        .split('/')
        .pop() ?? '';
    const rep = await signedIn('association_rep', 'Coast Telecom Users');
    const stranger = await signedIn('association_rep', 'Other Union');

    assert.match((await rep.client.get('/staff/learn/associations/mine')).body, /not linked to an entry/);
    await officer.client.get(`/staff/learn/associations/${ownId}`);
    assert.equal((await officer.client.post(`/staff/learn/associations/${ownId}/reps`, { action: 'link', userId: rep.staff.id })).statusCode, 303);
    assert.equal(
      (await officer.client.post(`/staff/learn/associations/${ownId}/reps`, { action: 'link', userId: officer.staff.id })).statusCode,
      404,
      'only a representative is linked',
    );

    for (const path of [`/staff/learn/associations/${ownId}`, `/staff/learn/associations/${otherId}`, '/staff/learn/associations']) {
      assert.equal((await rep.client.get(path)).statusCode, 403, `${path} is staff's`);
    }
    await rep.client.get('/staff/learn/associations/mine');
    assert.equal((await rep.client.post(`/staff/learn/associations/${otherId}`, entryForm({ name: 'Hijacked' }))).statusCode, 403);
    assert.equal((await rep.client.post(`/staff/learn/associations/${otherId}/reps`, { action: 'link', userId: rep.staff.id })).statusCode, 403);
    assert.equal((await rep.client.post('/staff/learn/associations/new', entryForm({ name: 'Self-made' }))).statusCode, 403);
    await stranger.client.get('/staff/learn/associations/mine');
    assert.equal(
      (await stranger.client.post('/staff/learn/associations/mine', entryForm({ name: 'Hijacked' }))).statusCode,
      404,
      'an unlinked representative proposes nothing',
    );

    const page = await rep.client.get('/staff/learn/associations/mine');
    assert.match(page.body, /You represent Coast Telecom Users/);
    assert.doesNotMatch(page.body, /name="rightsReference"/, 'recognised rights are not the representative’s to change');
    const sent = await rep.client.post(
      '/staff/learn/associations/mine',
      entryForm({ name: 'Coast Telecom Users', phone: '+254 41 000 0111', rightsReference: 'FORGED', state: 'published' }),
    );
    assert.equal(sent.statusCode, 303, sent.body);
    assert.match((await app.inject(`/learn/associations/${ownId}`)).body, /\+254 41 000 0999/, 'nothing is published before approval');

    assert.match(
      (await officer.client.get('/staff')).body,
      /href="\/staff\/learn\/associations"[\s\S]*1 proposal waiting/,
      'the dashboard counts the proposals waiting',
    );
    assert.match((await rep.client.get('/staff')).body, /href="\/staff\/learn\/associations\/mine"/);
    const staffList = await officer.client.get('/staff/learn/associations');
    const proposalPath = /href="(\/staff\/learn\/associations\/proposals\/[^"]+)"/.exec(staffList.body)?.[1] ?? '';
    assert.ok(proposalPath, 'the proposal is listed for staff');
    assert.equal((await rep.client.get(proposalPath)).statusCode, 403);
    const proposal = await officer.client.get(proposalPath);
    assert.match(proposal.body, /<del dir="ltr">\+254 41 000 0999<\/del>/);
    assert.match(proposal.body, /<ins dir="ltr">\+254 41 000 0111<\/ins>/);
    assert.doesNotMatch(proposal.body, /FORGED/);
    assert.equal((await officer.client.post(proposalPath, { decision: 'approve' })).statusCode, 303);
    const published = (await app.inject(`/learn/associations/${ownId}`)).body;
    assert.match(published, /\+254 41 000 0111/);
    assert.match(published, /DCA\/CP\/2025\/11/, 'the recorded rights stay');
    assert.equal((await officer.client.post(proposalPath, { decision: 'reject' })).statusCode, 303, 'deciding twice changes nothing');

    await officer.client.get(`/staff/learn/associations/${ownId}`);
    assert.equal((await officer.client.post(`/staff/learn/associations/${ownId}/reps`, { action: 'unlink', userId: rep.staff.id })).statusCode, 303);
    assert.match((await rep.client.get('/staff/learn/associations/mine')).body, /not linked to an entry/);
    assert.deepEqual(await auditActions(), [
      'learn.association.created',
      'learn.association.created',
      'learn.association.rep_linked',
      'learn.association.proposal_submitted',
      'learn.association.proposal_approved',
      'learn.association.rep_unlinked',
    ]);

    platform.clock.advance(364 * 86_400_000);
    assert.equal(await runKindNow(platform, 'learn.associationProposals'), 0, 'a decided proposal is kept for its period');
    platform.clock.advance(2 * 86_400_000);
    const decided = await platform.db.kysely.selectFrom('learn_association_proposals').select('id').executeTakeFirstOrThrow();
    assert.equal(await runKindNow(platform, 'learn.associationProposals', { heldIds: [decided.id] }), 0, 'a held one is kept');
    assert.equal(await runKindNow(platform, 'learn.associationProposals', { dryRun: true }), 1, 'a dry run counts it');
    assert.equal(await runKindNow(platform, 'learn.associationProposals'), 1, 'a decided proposal past its retention is deleted');
    assert.equal(await runKindNow(platform, 'learn.associationProposals'), 0);
    await app.close();
  });

  test(`the demo publishes five associations, links the demo representative and leaves one proposal waiting [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    await buildStaffAccount(platform, { role: 'association_rep', organisation: 'Demo Consumers Union' });
    await seedAssociationsDemo(platform);
    await seedAssociationsDemo(platform);
    const list = await app.inject('/learn/associations?lang=zh');
    for (const a of DEMO_ASSOCIATIONS) assert.match(list.body, new RegExp(a.name));
    assert.match(list.body, /残障人士/);
    const { associationsOf } = await import('./associations.wiring.ts');
    assert.equal((await associationsOf(platform).all()).length, DEMO_ASSOCIATIONS.length);
    assert.equal((await associationsOf(platform).pending()).length, 1);
    await app.close();
  });
}
