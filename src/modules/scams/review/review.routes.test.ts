import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Role } from '../../../platform/auth/index.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { reviewRows } from '../testing/review-rows.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c40000000049454e44ae426082',
  'hex',
);

let address = 10;
async function staffClient(app: App, platform: Platform, role: Role): Promise<WebClient> {
  address += 1;
  const client = createWebClient(app, `10.9.0.${address}`);
  const account = await buildStaffAccount(platform, { role });
  const signed = await signIn(client, platform, account);
  assert.equal(signed.statusCode, 303, 'signed in');
  return client;
}

async function stateOf(platform: Platform, id: string): Promise<string> {
  return (await platform.db.kysely.selectFrom('scam_identifiers').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
}

/** An identifier at the threshold with five reports from different people, a late one, a link, a screenshot and a campaign. */
async function reportedNumber(platform: Platform, value = '+254711000111', extra: { isProtected?: boolean } = {}) {
  const rows = reviewRows(platform);
  const id = await rows.identifier({ value, ...extra });
  const domainId = await rows.identifier({ kind: 'domain', value: `parcel-fee-${value.slice(-3)}.example`, state: 'reported' });
  const campaignId = await rows.campaign('Your parcel is held, pay the fee at https://parcel-fee.example/pay', 5);
  const reports = [];
  for (let i = 0; i < 5; i += 1) {
    reports.push(
      await rows.report(id, {
        reporter: `+2547220000${i}${i}`,
        campaignId,
        text: `Your parcel is held, pay the fee (report ${i})`,
        isLate: i === 4,
        links: i === 0 ? [{ url: 'https://parcel-fee.example/pay?ref=1', domainId }] : [],
        screenshot: i === 1 ? { mediaType: 'image/png', content: PNG } : undefined,
      }),
    );
  }
  return { id, domainId, campaignId, reports };
}

/** The current round's version, as the page's decision form carries it. */
function versionOf(body: string): string {
  const version = /name="version" value="([0-9]+)"/.exec(body)?.[1];
  assert.ok(version, `the page carries the round: ${body.slice(body.indexOf('<main'), body.indexOf('<main') + 1500)}`);
  return version;
}

async function decide(client: WebClient, id: string, decision: string, reason: string) {
  const page = await client.get(`/staff/scams/identifiers/${id}`);
  return client.post(`/staff/scams/identifiers/${id}/decide`, { version: versionOf(page.body), decision, reason });
}

async function openReview(client: WebClient, id: string) {
  const page = await client.get(`/staff/scams/identifiers/${id}`);
  const seenState = /name="seenState" value="([a-z_]+)"/.exec(page.body)?.[1] ?? '';
  const opened = await client.post(`/staff/scams/identifiers/${id}/open`, { seenState, note: 'Five people in two days' });
  assert.equal(opened.statusCode, 303, opened.body);
}

for (const database of databases.all) {
  test(`two officers who agree confirm a number through the pages; one officer deciding twice counts once [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const { id, campaignId, reports } = await reportedNumber(platform);
    const first = await staffClient(app, platform, 'officer');
    const second = await staffClient(app, platform, 'officer');

    const dashboard = await first.get('/staff');
    assert.match(dashboard.body, /href="\/staff\/scams"/, 'the dashboard links the queue');

    const queue = await first.get('/staff/scams');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /\+254711000111/);
    assert.match(queue.body, /Enough reports for review: 1 identifier/);
    assert.match(queue.body, new RegExp(`href="/staff/scams/campaigns/${campaignId}"`));
    assert.match(queue.body, /<td>5<\/td><td>5<\/td><td>1<\/td>/, 'distinct reporters, reports, late reports');

    const evidence = await first.get(`/staff/scams/identifiers/${id}`);
    assert.equal(evidence.statusCode, 200);
    assert.match(evidence.body, /Your parcel is held, pay the fee \(report 3\)/);
    assert.match(evidence.body, /hxxps:\/\/parcel-fee\[\.\]example\/pay\?ref=1/, 'the link is shown defanged');
    assert.doesNotMatch(evidence.body, /https:\/\/parcel-fee\.example/, 'never as a link');
    assert.doesNotMatch(evidence.body, /2547220000/, "no reporter's number is shown");
    assert.match(evidence.body, /Late: filed after the report window/);
    assert.match(evidence.body, new RegExp(`src="/staff/scams/reports/${reports[1]?.id}/screenshot"`));
    assert.match(evidence.body, /5 reports, from/, 'the campaign and its instances');

    const shot = await first.get(`/staff/scams/reports/${reports[1]?.id}/screenshot`);
    assert.equal(shot.statusCode, 200);
    assert.equal(shot.headers['content-type'], 'image/png');
    assert.match(String(shot.headers['content-disposition']), /^attachment/);
    assert.equal(shot.headers['x-content-type-options'], 'nosniff');
    assert.match(String(shot.headers['content-security-policy']), /sandbox/);
    assert.deepEqual(shot.rawPayload, PNG);

    await openReview(first, id);
    assert.equal(await stateOf(platform, id), 'under_review');

    assert.equal((await decide(first, id, 'confirm', 'Same parcel text from five people')).statusCode, 303);
    assert.equal((await decide(first, id, 'confirm', 'Still the same text')).statusCode, 303);
    assert.equal(await stateOf(platform, id), 'under_review', 'one reviewer deciding twice counts once');
    const waiting = await first.get(`/staff/scams/identifiers/${id}`);
    assert.match(waiting.body, /Waiting for another reviewer/);
    assert.match(waiting.body, /Still the same text/, 'the second decision replaced the first');

    assert.equal((await decide(second, id, 'confirm', 'The link imitates the post office')).statusCode, 303);
    assert.equal(await stateOf(platform, id), 'confirmed');
    const reviews = await platform.db.kysely
      .selectFrom('scam_reviews')
      .selectAll()
      .where('identifier_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    assert.equal(reviews.length, 2);
    assert.deepEqual(new Set(reviews.map((r) => r.round)).size, 1, 'both in the round opened with the review');

    const confirmed = await first.get(`/staff/scams/identifiers/${id}`);
    assert.match(confirmed.body, /Reviewers confirmed it|The link imitates the post office/);
    assert.match(confirmed.body, /Test officer/, 'the history says who');
    const audit = await platform.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('seq').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['scams.identifier.under_review', 'scams.review.decided', 'scams.review.decided', 'scams.review.decided', 'scams.identifier.confirmed'],
    );

    // Staff clear a confirmed identifier with a reason; without one the form says so.
    const noReason = await first.post(`/staff/scams/identifiers/${id}/clear`, { reason: ' ' });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /Give your reason/);
    assert.equal((await first.post(`/staff/scams/identifiers/${id}/clear`, { reason: 'Number reassigned to a new subscriber' })).statusCode, 303);
    assert.equal(await stateOf(platform, id), 'cleared');

    const campaign = await first.get(`/staff/scams/campaigns/${campaignId}`);
    assert.equal(campaign.statusCode, 200);
    assert.match(campaign.body, /\+254711000111/);
    assert.match(campaign.body, /parcel-fee-111\[\.\]example/, 'the domain its instances carried, defanged');
    assert.match(campaign.body, /pay the fee at hxxps:\/\/parcel-fee\[\.\]example\/pay/, 'a link in the text is defanged too');
    assert.doesNotMatch(campaign.body, /https:\/\/parcel-fee/);
  });

  test(`a senior reviewer decides alone; a protected number is shown as likely spoofed and confirmed only by a senior [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const plain = await reportedNumber(platform, '+254711000222');
    const bank = await reportedNumber(platform, '+254200001111', { isProtected: true });
    const admin = await staffClient(app, platform, 'admin');
    const first = await staffClient(app, platform, 'officer');
    const second = await staffClient(app, platform, 'officer');

    await openReview(admin, plain.id);
    assert.equal((await decide(admin, plain.id, 'reject', 'Reports describe a genuine courier')).statusCode, 303);
    assert.equal(await stateOf(platform, plain.id), 'rejected', 'one senior decision is enough');

    const queue = await first.get('/staff/scams');
    assert.match(queue.body, /Likely spoofed/);
    const evidence = await first.get(`/staff/scams/identifiers/${bank.id}`);
    assert.match(evidence.body, /Likely spoofed: \u2068Demo Savings Bank \(customer care\)\u2069/);
    await openReview(first, bank.id);
    await decide(first, bank.id, 'confirm', 'Scam texts');
    await decide(second, bank.id, 'confirm', 'Scam texts too');
    assert.equal(await stateOf(platform, bank.id), 'under_review', 'two officers cannot confirm a protected number');
    assert.match((await first.get(`/staff/scams/identifiers/${bank.id}`)).body, /Waiting for a senior reviewer/);
    await decide(admin, bank.id, 'confirm', 'Confirmed with the bank: spoofed caller id');
    assert.equal(await stateOf(platform, bank.id), 'confirmed');
  });

  test(`two reviewers acting at once: the second is told of the conflict, never a 500 [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const { id } = await reportedNumber(platform);
    const a = await staffClient(app, platform, 'admin');
    const b = await staffClient(app, platform, 'admin');
    await openReview(a, id);
    const seenByA = versionOf((await a.get(`/staff/scams/identifiers/${id}`)).body);
    const seenByB = versionOf((await b.get(`/staff/scams/identifiers/${id}`)).body);
    assert.equal((await a.post(`/staff/scams/identifiers/${id}/decide`, { version: seenByA, decision: 'confirm', reason: 'Clear scam' })).statusCode, 303);
    const late = await b.post(`/staff/scams/identifiers/${id}/decide`, { version: seenByB, decision: 'reject', reason: 'Not sure' });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /Someone else acted first/);
    assert.equal(await stateOf(platform, id), 'confirmed');
    assert.equal(
      (await platform.db.kysely.selectFrom('scam_reviews').select('id').where('identifier_id', '=', id).execute()).length,
      1,
      "the loser's decision was not kept",
    );

    // Opening a review someone else opened a moment before.
    const other = await reportedNumber(platform, '+254711000333');
    const page = await b.get(`/staff/scams/identifiers/${other.id}`);
    await openReview(a, other.id);
    const stale = await b.post(`/staff/scams/identifiers/${other.id}/open`, { seenState: 'threshold_reached', note: '' });
    assert.equal(stale.statusCode, 409);
    assert.ok(page.statusCode === 200);

    // Two officers deciding the same way at the same moment still decide: neither decision is lost.
    const third = await reportedNumber(platform, '+254711000444');
    const o1 = await staffClient(app, platform, 'officer');
    const o2 = await staffClient(app, platform, 'officer');
    await openReview(o1, third.id);
    const version = versionOf((await o1.get(`/staff/scams/identifiers/${third.id}`)).body);
    await o2.get(`/staff/scams/identifiers/${third.id}`);
    const answers = await Promise.all([
      o1.post(`/staff/scams/identifiers/${third.id}/decide`, { version, decision: 'confirm', reason: 'Scam' }),
      o2.post(`/staff/scams/identifiers/${third.id}/decide`, { version, decision: 'confirm', reason: 'Scam' }),
    ]);
    assert.deepEqual(
      answers.map((r) => r.statusCode),
      [303, 303],
    );
    assert.equal(await stateOf(platform, third.id), 'confirmed');
  });

  test(`operator agents and association representatives reach no review route; anonymous visitors are sent to sign in [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const { id, campaignId, reports } = await reportedNumber(platform);
    const gets = [
      '/staff/scams',
      `/staff/scams/identifiers/${id}`,
      `/staff/scams/reports/${reports[1]?.id}/screenshot`,
      `/staff/scams/campaigns/${campaignId}`,
    ];
    const posts = [`/staff/scams/identifiers/${id}/open`, `/staff/scams/identifiers/${id}/decide`, `/staff/scams/identifiers/${id}/clear`];
    for (const role of ['operator_agent', 'association_rep'] as const) {
      const client = await staffClient(app, platform, role);
      await client.get('/staff');
      for (const url of gets) assert.equal((await client.get(url)).statusCode, 403, `${role} GET ${url}`);
      for (const url of posts)
        assert.equal((await client.post(url, { decision: 'confirm', reason: 'x', seenState: 'threshold_reached' })).statusCode, 403, `${role} POST ${url}`);
      assert.doesNotMatch((await client.get('/staff')).body, /href="\/staff\/scams"/, 'no dashboard link');
    }
    const anonymous = createWebClient(app, '10.9.9.9');
    for (const url of gets) {
      const answer = await anonymous.get(url);
      assert.equal(answer.statusCode, 303, url);
      assert.equal(answer.headers.location, '/staff/sign-in');
    }
    assert.equal(await stateOf(platform, id), 'threshold_reached');
  });

  test(`hostile input gets a clear answer: unknown ids, bad decisions, filters and pages [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const { id } = await reportedNumber(platform);
    const officer = await staffClient(app, platform, 'officer');
    const unknown = '0190aaaa-0000-7000-8000-000000000000';
    for (const url of [`/staff/scams/identifiers/${unknown}`, `/staff/scams/campaigns/${unknown}`, `/staff/scams/reports/${unknown}/screenshot`]) {
      assert.equal((await officer.get(url)).statusCode, 404, url);
    }
    for (const url of ['/staff/scams/identifiers/..%2F..%2Fetc', "/staff/scams/identifiers/1'%20or%201=1"]) {
      const answer = await officer.get(url);
      assert.ok(answer.statusCode === 400 || answer.statusCode === 404, `${url}: ${answer.statusCode}`);
    }
    assert.equal((await officer.post(`/staff/scams/identifiers/${unknown}/decide`, { version: '2', decision: 'confirm', reason: 'x' })).statusCode, 404);
    assert.equal((await officer.post(`/staff/scams/identifiers/${unknown}/open`, { seenState: 'threshold_reached' })).statusCode, 404);

    const notUnderReview = await officer.post(`/staff/scams/identifiers/${id}/decide`, { version: '1', decision: 'confirm', reason: 'x' });
    assert.equal(notUnderReview.statusCode, 409, 'deciding before a review is open is a conflict');
    await openReview(officer, id);
    const page = await officer.get(`/staff/scams/identifiers/${id}`);
    const version = versionOf(page.body);
    const badDecision = await officer.post(`/staff/scams/identifiers/${id}/decide`, { version, decision: 'delete', reason: '' });
    assert.equal(badDecision.statusCode, 422);
    assert.match(badDecision.body, /Choose confirm or reject/);
    assert.match(badDecision.body, /Give your reason/);
    const tooLong = await officer.post(`/staff/scams/identifiers/${id}/decide`, { version, decision: 'reject', reason: 'x'.repeat(2500) });
    assert.equal(tooLong.statusCode, 422);
    const badVersion = await officer.post(`/staff/scams/identifiers/${id}/decide`, { version: 'abc', decision: 'reject', reason: 'x' });
    assert.equal(badVersion.statusCode, 409);
    const script = await officer.post(`/staff/scams/identifiers/${id}/decide`, { version, decision: 'reject', reason: '<script>alert(1)</script>' });
    assert.equal(script.statusCode, 303);
    assert.doesNotMatch((await officer.get(`/staff/scams/identifiers/${id}`)).body, /<script>alert/);
    assert.equal((await officer.post(`/staff/scams/identifiers/${id}/clear`, { reason: 'x' })).statusCode, 409, 'only a confirmed identifier is cleared');

    for (const query of ['?state=bogus&kind=nothing&page=abc', '?page=999999', '?state=under_review&kind=number&page=-1']) {
      const answer = await officer.get(`/staff/scams${query}`);
      assert.equal(answer.statusCode, 200, query);
    }
    assert.match((await officer.get('/staff/scams?state=under_review&kind=number')).body, /\+254711000111/);
    assert.doesNotMatch((await officer.get('/staff/scams?state=appealed')).body, /\+254711000111/);
    assert.doesNotMatch((await officer.get('/staff/scams?kind=domain')).body, /\+254711000111/);
  });

  test(`the queue lists the oldest first, 25 a page, counts each state and filters by state and kind [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const rows = reviewRows(platform);
    const start = platform.clock.now().getTime();
    const at = (minutes: number) => new Date(start - minutes * 60_000).toISOString();
    for (let i = 0; i < 26; i += 1) await rows.identifier({ value: `+2547550000${String(i).padStart(2, '0')}`, at: at(100 - i) });
    await rows.identifier({ kind: 'senderId', value: 'DEMOBANK', state: 'under_review', isProtected: true, at: at(5) });
    await rows.identifier({ kind: 'domain', value: 'xn--pypal-4ve.example', state: 'appealed', isInternationalised: true, at: at(1) });
    await rows.identifier({ value: '+254755999999', state: 'confirmed', at: at(500) });
    const officer = await staffClient(app, platform, 'officer');

    const first = await officer.get('/staff/scams');
    assert.match(first.body, /Enough reports for review: 26 identifiers/);
    assert.match(first.body, /Under review: 1 identifier/);
    assert.match(first.body, /Under appeal: 1 identifier/);
    assert.match(first.body, /Page 1 of 2/);
    const shown = [...first.body.matchAll(/dir="ltr">(\+254755[0-9]+)</g)].map((m) => m[1]);
    assert.equal(shown.length, 25);
    assert.equal(shown[0], '+254755000000', 'the longest waiting first');
    assert.doesNotMatch(first.body, /\+254755999999/, 'a confirmed identifier is not in the queue');

    const second = await officer.get('/staff/scams?page=2');
    assert.match(second.body, /Page 2 of 2/);
    assert.match(second.body, /\+254755000025/);
    assert.match(second.body, /DEMOBANK/);
    assert.match(second.body, /Likely spoofed/);
    assert.match(second.body, /xn--pypal-4ve\[\.\]example/, 'a domain is defanged');
    assert.match(second.body, /Internationalised/);

    const senders = await officer.get('/staff/scams?kind=senderId');
    assert.match(senders.body, /DEMOBANK/);
    assert.doesNotMatch(senders.body, /\+254755/);
    const fr = await officer.get('/staff/scams?state=appealed&lang=fr');
    assert.match(fr.body, /Nom internationalisé/);
    assert.doesNotMatch(fr.body, /DEMOBANK/);
  });
}
