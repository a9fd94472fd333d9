import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import { offersModule } from '../index.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const BOUNDARY = '----kinga-test-boundary';

/** A multipart body as a browser sends the upload form: the token first, then the other fields, then the file. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; content: string }): string {
  const parts = Object.entries(fields).map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  if (file)
    parts.push(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n${file.content}\r\n`,
    );
  return `${parts.join('')}--${BOUNDARY}--\r\n`;
}

async function postUpload(
  app: App,
  client: WebClient,
  fields: Record<string, string>,
  file?: { name: string; type: string; content: string },
  language?: string,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/staff/offers/upload',
    headers: {
      accept: 'text/html',
      cookie: [...client.cookies, ...(language ? [['kinga_lang', language]] : [])].map(([name, value]) => `${name}=${value}`).join('; '),
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
    },
    payload: multipart(fields, file),
  });
}

async function setup(database: (typeof databases.all)[number]) {
  const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule] });
  await offersModule.seedDemo?.(platform);
  const app = await buildApp(platform, [offersModule]);
  const signedIn = async (role: 'admin' | 'officer' | 'operator_agent' | 'association_rep', operatorId?: string) => {
    const staff = await buildStaffAccount(platform, { role, ...(operatorId ? { operatorId } : {}) });
    const client = createWebClient(app);
    const done = await signIn(client, platform, staff);
    assert.equal(done.statusCode, 303, done.body);
    const page = await client.get('/staff/offers/upload');
    return { client, page };
  };
  const auditActions = async () =>
    (await platform.db.kysely.selectFrom('audit_log').select(['action', 'entity_id']).orderBy('seq').execute()).map((r) => `${r.action} ${r.entity_id ?? ''}`);
  return { platform, app, signedIn, auditActions };
}

const csvFile = (content: string) => ({ name: 'offers.csv', type: 'text/csv', content });

for (const database of databases.all) {
  test(`an operator agent uploads a CSV through the form and sees the import report, audited [${database.dialect}]`, async () => {
    const { app, signedIn, auditActions } = await setup(database);
    const { client, page } = await signedIn('operator_agent', 'OP-DEMO-1');
    assert.equal(page.statusCode, 200);
    assert.match((await client.get('/staff')).body, /href="\/staff\/offers\/upload"/, 'the staff dashboard links to the form');
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /You upload the offers of the operator OP-DEMO-1/);
    assert.doesNotMatch(page.body, /name="operator"/, 'an operator agent does not choose the operator');
    const csv = offerCsv([
      offerRow({ unique_plan_id: planId('M', 9900000001, 'PORTAL1'), operator_id: '' }),
      offerRow({ unique_plan_id: planId('M', 9900000001, 'PORTAL2'), operator_id: 'OP-DEMO-1' }),
    ]);
    const reply = await postUpload(app, client, { _csrf: client.csrfToken ?? '' }, csvFile(csv));
    assert.equal(reply.statusCode, 200, reply.body);
    assert.match(reply.body, /The file was imported/);
    assert.match(reply.body, /<dt>New plans<\/dt><dd>2<\/dd>/);
    assert.match(reply.body, /<dt>New versions<\/dt><dd>2<\/dd>/);
    const offer = await app.inject({ url: `/offers/${planId('M', 9900000001, 'PORTAL1')}`, headers: { accept: 'text/html' } });
    assert.equal(offer.statusCode, 200);
    const actions = await auditActions();
    assert.ok(
      actions.some((a) => a.startsWith('offers.imported')),
      actions.join('\n'),
    );
  });

  test(`a rejected file lists every problem with its line, column and reason, and nothing is imported [${database.dialect}]`, async () => {
    const { app, signedIn, auditActions } = await setup(database);
    const { client } = await signedIn('operator_agent', 'OP-DEMO-1');
    const csv = offerCsv([
      offerRow({ unique_plan_id: planId('M', 9900000001, 'GOOD'), operator_id: '' }),
      offerRow({ unique_plan_id: planId('M', 9900000001, 'BAD'), operator_id: '', monthly_price: '12,50', tax: 'Some' }),
      offerRow({ unique_plan_id: planId('M', 9900000001, 'WORSE'), operator_id: '', monthly_price: '' }),
    ]);
    const reply = await postUpload(app, client, { _csrf: client.csrfToken ?? '' }, csvFile(csv));
    assert.equal(reply.statusCode, 422);
    assert.match(reply.body, /class="error-summary" tabindex="-1" autofocus><div role="alert">/);
    assert.match(reply.body, /The file was rejected: 3 problems/);
    const rows = [...reply.body.matchAll(/<tr><td>(\d+)<\/td><td><code dir="ltr">([a-z_]+)<\/code><\/td><td>([^<]+)<\/td><\/tr>/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    assert.deepEqual(rows, ['3 monthly_price', '3 tax', '4 monthly_price']);
    assert.equal((await app.inject({ url: `/offers/${planId('M', 9900000001, 'GOOD')}`, headers: { accept: 'text/html' } })).statusCode, 404, 'all or nothing');
    assert.ok((await auditActions()).includes('offers.upload_rejected OP-DEMO-1'));
  });

  test(`a rejected file's reasons and warnings are said in the page's language, French or Arabic [${database.dialect}]`, async () => {
    const { app, signedIn } = await setup(database);
    const { client } = await signedIn('operator_agent', 'OP-DEMO-1');
    const csv = offerCsv([
      offerRow({ unique_plan_id: planId('M', 9900000001, 'BAD'), operator_id: '', monthly_price: '1,250', typical_latency: '13 ms', tax: 'Some' }),
    ]);
    const reasons = (body: string) =>
      [...body.matchAll(/<tr><td>[^<]+<\/td><td><code dir="ltr">([a-z_]+)<\/code><\/td><td>([^<]+)<\/td><\/tr>/g)].map((m) => `${m[1]}: ${m[2]}`);
    const french = await postUpload(app, client, { _csrf: client.csrfToken ?? '' }, csvFile(csv), 'fr');
    assert.equal(french.statusCode, 422);
    assert.match(french.body, /<html lang="fr"/);
    assert.deepEqual(reasons(french.body), [
      'monthly_price: « 1,250 » contient un séparateur de milliers ; écrivez 1250.',
      'tax: « Some » n’est ni un montant, ni Varies, ni Included.',
      'typical_latency: « 13 ms » n’est pas une latence en millisecondes : écrivez le nombre seul, sans unité ni devise (la colonne donne l’unité).',
    ]);
    assert.doesNotMatch(french.body, /<(td|span) lang="en"/, 'no reason is left in English');
    const arabic = await postUpload(app, client, { _csrf: client.csrfToken ?? '' }, csvFile(csv), 'ar');
    assert.equal(arabic.statusCode, 422);
    // Values from the file are isolated (U+2068, U+2069) so that a left-to-right value keeps its order in Arabic.
    assert.deepEqual(reasons(arabic.body)[0], 'monthly_price: «\u20681,250\u2069» يستخدم فاصل الآلاف؛ اكتب \u20681250\u2069.');
    const json = JSON.stringify({ offers: [{ ...offerRow({ unique_plan_id: 'M9900000001SHORT', operator_id: 'OP-DEMO-1' }) }] });
    const lenient = await postUpload(
      app,
      client,
      { _csrf: client.csrfToken ?? '', lenient: '1' },
      { name: 'offers.json', type: 'application/json', content: json },
      'fr',
    );
    assert.equal(lenient.statusCode, 200, lenient.body);
    assert.match(lenient.body, /a un suffixe de 5 caractères au lieu de 15 ; accepté en mode tolérant/);
  });

  test(`a JSON file in lenient mode is accepted with its warning [${database.dialect}]`, async () => {
    const { app, signedIn } = await setup(database);
    const { client } = await signedIn('operator_agent', 'OP-DEMO-1');
    const json = JSON.stringify({ offers: [{ ...offerRow({ unique_plan_id: 'M9900000001SHORT', operator_id: 'OP-DEMO-1' }) }] });
    const strict = await postUpload(app, client, { _csrf: client.csrfToken ?? '' }, { name: 'offers.json', type: 'application/json', content: json });
    assert.equal(strict.statusCode, 422);
    assert.match(strict.body, /<code dir="ltr">unique_plan_id<\/code>/);
    const lenient = await postUpload(
      app,
      client,
      { _csrf: client.csrfToken ?? '', lenient: '1' },
      { name: 'offers.json', type: 'application/json', content: json },
    );
    assert.equal(lenient.statusCode, 200, lenient.body);
    assert.match(lenient.body, /1 warning/);
    assert.match(lenient.body, /accepted in lenient mode/);
  });

  test(`an operator agent cannot upload for another operator, and other roles cannot open the form [${database.dialect}]`, async () => {
    const { app, signedIn, auditActions } = await setup(database);
    const { client } = await signedIn('operator_agent', 'OP-DEMO-1');
    const csv = offerCsv([offerRow({ unique_plan_id: planId('M', 9900000002, 'NOTMINE'), operator_id: '' })]);
    const other = await postUpload(app, client, { _csrf: client.csrfToken ?? '', operator: 'OP-DEMO-2' }, csvFile(csv));
    assert.equal(other.statusCode, 403);
    // Rows of another operator, or another operator's published plan, are forbidden: 403, each line named, nothing imported.
    const rows = offerCsv([
      offerRow({ unique_plan_id: planId('M', 9900000001, 'MINE'), operator_id: '' }),
      offerRow({ unique_plan_id: planId('M', 9900000002, 'NOTMINE'), operator_id: 'OP-DEMO-2' }),
      offerRow({ unique_plan_id: 'M9900000002BBM6GB150000000', operator_id: '' }),
    ]);
    const inRows = await postUpload(app, client, { _csrf: client.csrfToken ?? '' }, csvFile(rows));
    assert.equal(inRows.statusCode, 403);
    assert.match(inRows.body, /class="error-summary" tabindex="-1" autofocus><div role="alert">/);
    const lines = [...inRows.body.matchAll(/<tr><td>(\d+)<\/td><td><code dir="ltr">([a-z_]+)<\/code><\/td><td>([^<]+)<\/td><\/tr>/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    assert.deepEqual(lines, ['3 operator_id', '4 unique_plan_id']);
    assert.match(inRows.body, /This row belongs to OP-DEMO-2, but this import is for OP-DEMO-1 only/);
    assert.equal(
      (await app.inject({ url: `/offers/${planId('M', 9900000001, 'MINE')}`, headers: { accept: 'text/html' } })).statusCode,
      404,
      'nothing was imported',
    );
    const french = await postUpload(app, client, { _csrf: client.csrfToken ?? '' }, csvFile(rows), 'fr');
    assert.equal(french.statusCode, 403);
    assert.match(french.body, /Cette ligne appartient à OP-DEMO-2/);
    assert.equal((await auditActions()).filter((a) => a === 'offers.import_refused OP-DEMO-1').length, 2, 'each refusal is audited');

    const association = await signedIn('association_rep');
    assert.equal(association.page.statusCode, 403);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/staff/offers/upload',
      headers: { accept: 'text/html', 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipart({}, csvFile(csv)),
    });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/staff/sign-in');
  });

  test(`regulator staff choose the operator; the form refuses a missing operator or file [${database.dialect}]`, async () => {
    const { app, signedIn } = await setup(database);
    const { client, page } = await signedIn('officer');
    assert.match(page.body, /<option value="OP-DEMO-2">Baobab Telecom \(OP-DEMO-2\)<\/option>/);
    const csv = offerCsv([offerRow({ unique_plan_id: planId('M', 9900000002, 'BYOFFICER'), operator_id: '' })]);
    const missing = await postUpload(app, client, { _csrf: client.csrfToken ?? '' }, csvFile(csv));
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /href="#field-operator">Choose the operator whose offers the file holds/);
    const noFile = await postUpload(app, client, { _csrf: client.csrfToken ?? '', operator: 'OP-DEMO-2' });
    assert.equal(noFile.statusCode, 422);
    assert.match(noFile.body, /href="#field-file"/);
    assert.match(noFile.body, /<option value="OP-DEMO-2" selected>/);
    const done = await postUpload(app, client, { _csrf: client.csrfToken ?? '', operator: 'OP-DEMO-2' }, csvFile(csv));
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /The file was imported/);
  });

  test(`an upload without the anti-forgery token is refused before anything is imported [${database.dialect}]`, async () => {
    const { app, signedIn } = await setup(database);
    const { client } = await signedIn('operator_agent', 'OP-DEMO-1');
    const csv = offerCsv([offerRow({ unique_plan_id: planId('M', 9900000001, 'FORGED'), operator_id: '' })]);
    const forged = await postUpload(app, client, {}, csvFile(csv));
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /did not come from this site/);
    const wrong = await postUpload(app, client, { _csrf: 'not-the-token' }, csvFile(csv));
    assert.equal(wrong.statusCode, 403);
    assert.equal((await app.inject({ url: `/offers/${planId('M', 9900000001, 'FORGED')}`, headers: { accept: 'text/html' } })).statusCode, 404);
  });

  test(`a file over 20 MB is refused with 413 and a page that says so [${database.dialect}]`, async () => {
    const { app, signedIn } = await setup(database);
    const { client } = await signedIn('operator_agent', 'OP-DEMO-1');
    const huge = await postUpload(app, client, { _csrf: client.csrfToken ?? '' }, csvFile('x'.repeat(20 * 1024 * 1024 + 1)));
    assert.equal(huge.statusCode, 413);
    assert.match(huge.body, /An offer file may be at most 20 MB/);
  });
}
