import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoApiApp } from '../../../../test/helpers/api-tokens.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { buildZip } from '../../../../test/helpers/zip.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { devicesModule } from '../index.ts';
import { postMultipart } from '../testing/devices-app.ts';

const modules = [offersModule, devicesModule];
const databases = openTestDatabases(allMigrations(modules));

const row = (i: number, imsi = `63902${String(1000000000 + i)}`) =>
  `202611${String(1 + (i % 28)).padStart(2, '0')},35209900${100000 + i},${imsi},2547${10000000 + i},4G`;
const dump = (n: number, emptyImsi = 0) =>
  ['date,imei,imsi,msisdn,rat', ...Array.from({ length: n }, (_, i) => row(i, i < emptyImsi ? '' : undefined))].join('\n') + '\n';

async function setup(database: (typeof databases.all)[number]) {
  const { platform, app, token: issue } = await createDemoApiApp(database, modules, { tokenName: 'dumps' });
  const token = (operatorId: string, permissions: string[] = ['devices:upload']) => issue(operatorId, permissions);
  return { platform, app, token };
}

const apiUpload = (bearer: string | null, body: string | Buffer, fileName: string, contentType = 'text/csv', operator = '') => ({
  method: 'POST' as const,
  url: `/api/v1/devices/dumps?fileName=${encodeURIComponent(fileName)}${operator ? `&operator=${operator}` : ''}`,
  headers: { 'content-type': contentType, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
  payload: body,
});

for (const database of databases.all) {
  test(`the dump API imports with an operator token once, and answers a rejected file with problem+json naming each check [${database.dialect}]`, async () => {
    const { app, token } = await setup(database);
    const bearer = await token('OP-DEMO-1');
    const accepted = await app.inject(apiUpload(bearer, dump(40), 'OP-DEMO-1_20261101_20261130.csv'));
    assert.equal(accepted.statusCode, 201, accepted.body);
    const body = accepted.json<{ status: string; rows: number; keptRows: number; checks: Array<{ code: string; passed: boolean }> }>();
    assert.equal(body.status, 'imported');
    assert.equal(body.rows, 40);
    assert.ok(body.checks.every((c) => c.passed));
    assert.ok(body.checks.some((c) => c.code === 'outOfRegionImsi'));

    const again = await app.inject(apiUpload(bearer, dump(40), 'OP-DEMO-1_20261101_20261130.csv'));
    assert.equal(again.statusCode, 200);
    assert.equal(again.json<{ status: string }>().status, 'duplicate');

    const zipped = buildZip([
      {
        name: 'OP-DEMO-1_20261201_20261201.csv',
        content: dump(40)
          .replaceAll('202611', '202612')
          .replace(/202612[0-9]{2}/g, '20261201'),
      },
    ]);
    const fromZip = await app.inject(apiUpload(bearer, zipped, 'OP-DEMO-1_20261201_20261201.zip', 'application/zip'));
    assert.equal(fromZip.statusCode, 201, fromZip.body);

    const rejected = await app.inject(apiUpload(bearer, dump(40, 8), 'OP-DEMO-1_20261101_20261130.csv'));
    assert.equal(rejected.statusCode, 422);
    assert.match(String(rejected.headers['content-type']), /^application\/problem\+json/);
    const problem = rejected.json<{ errors: Array<{ field: string; message: string }> }>();
    assert.deepEqual(problem.errors[0], { field: 'nullImsi', message: 'Rows without an IMSI: 20% measured, at most 5% allowed.' });
    const badLine = await app.inject(apiUpload(bearer, dump(40).replace('20261102,', '2026-11-31,'), 'OP-DEMO-1_20261101_20261130.csv'));
    assert.equal(badLine.statusCode, 422);
    const lineErrors = badLine.json<{ errors: unknown[] }>().errors;
    assert.deepEqual(
      lineErrors[1],
      { field: 'date', line: 3, message: 'Line 3: the date must be YYYYMMDD.' },
      'the API sends the English words only, not the message key',
    );

    const other = await app.inject(apiUpload(bearer, dump(10), 'OP-DEMO-2_20261101_20261130.csv', 'text/csv', 'OP-DEMO-2'));
    assert.equal(other.statusCode, 403);
    assert.equal((await app.inject(apiUpload(null, dump(10), 'OP-DEMO-1_20261101_20261130.csv'))).statusCode, 401);
    assert.equal((await app.inject(apiUpload(await token('OP-DEMO-1', ['devices:check']), dump(10), 'OP-DEMO-1_20261101_20261130.csv'))).statusCode, 403);
  });

  test(`an operator agent uploads a dump through the portal form, sees the checks of a rejected one, and cannot upload without the form's token [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-DEMO-1' });
    const client = createWebClient(app, '10.3.3.3');
    await signIn(client, platform, agent);
    const page = await client.get('/staff/devices/dumps');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.doesNotMatch(page.body, /name="operator"/, 'an operator agent uploads for their own operator only');

    const done = await postMultipart(app, client, '/staff/devices/dumps', {}, { name: 'OP-DEMO-1_20261101_20261130.csv', content: dump(30) });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /OP-DEMO-1_20261101_20261130\.csv was accepted: 30 rows read, 30 observations kept\./);
    const again = await postMultipart(app, client, '/staff/devices/dumps', {}, { name: 'OP-DEMO-1_20261101_20261130.csv', content: dump(30) });
    assert.match(again.body, /was already accepted on .*; nothing changed\./);

    const rejected = await postMultipart(app, client, '/staff/devices/dumps', {}, { name: 'OP-DEMO-1_20261101_20261130.csv', content: dump(30, 6) });
    assert.equal(rejected.statusCode, 422);
    assert.match(rejected.body, /The file was rejected: 1 check failed\./);
    assert.match(rejected.body, /Rows without an IMSI<\/td><td>20%<\/td><td>at most 5%<\/td><td><strong>Failed/);
    const french = await postMultipart(
      app,
      client,
      '/staff/devices/dumps?lang=fr',
      {},
      { name: 'OP-DEMO-1_20261101_20261130.csv', content: dump(30).replace('20261102,', '2026-11-31,') },
    );
    assert.equal(french.statusCode, 422);
    assert.match(french.body, /Ligne 3, champ date : Ligne 3 : la date doit être au format AAAAMMJJ\./, "a dump problem is said in the reader's language");
    assert.doesNotMatch(french.body, /the date must be/);

    const missing = await postMultipart(app, client, '/staff/devices/dumps', {}, null);
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /Choose the dump file to upload/);

    const forged = await postMultipart(app, client, '/staff/devices/dumps', {}, { name: 'OP-DEMO-1_20261103_20261130.csv', content: dump(30) }, false);
    assert.equal(forged.statusCode, 403);
    const imports = await platform.db.kysely.selectFrom('device_dump_imports').select('file_name').execute();
    assert.deepEqual(
      imports.map((i) => i.file_name),
      ['OP-DEMO-1_20261101_20261130.csv'],
    );
    assert.equal((await client.get('/staff/devices/lists')).statusCode, 403, 'operator agents do not keep the reference lists');
  });

  test(`an officer uploads a barred TAC list through the staff form and the public check reports the barred TAC [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const client = createWebClient(app, '10.4.4.4');
    await signIn(client, platform, officer);
    assert.equal((await client.get('/staff/devices/lists')).statusCode, 200);
    const uploadBarred = (content: string) =>
      postMultipart(app, client, '/staff/devices/lists', { list: 'barred_tac', mode: 'full' }, { name: 'barred.csv', content });
    const refused = await uploadBarred('tac\n3520990\n');
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Line 2, field tac:/);
    const done = await uploadBarred('tac,reason\n35209900,counterfeit\n');
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /Barred TACs \(device models\): 1 line read, 1 entry added, 0 entries ended\./);
    const check = await app.inject('/api/v1/devices/imei/352099001761481');
    const result = check.json<{ status: string; verdicts: { tac: { code: string; since?: string } } }>();
    assert.equal(result.status, 'blocked');
    assert.deepEqual(result.verdicts.tac, { code: 'barred', severity: 'error', since: '2026-12-01' });
    const audit = await platform.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'devices.list.uploaded').execute();
    assert.equal(audit.length, 1);
  });
}

for (const database of databases.all) {
  test(`every dump upload refuses a file for another operator than the token's or the agent's with 403 naming the field; regulator staff and tokens name any [${database.dialect}]`, async () => {
    const { platform, app, token } = await setup(database);
    const bearer = await token('OP-DEMO-1');
    const nov = (operator: string) => `${operator}_20261101_20261130`;
    const errorsOf = (reply: { json: <T>() => T }) => reply.json<{ errors: Array<{ field: string; message: string }> }>().errors;

    const byQuery = await app.inject(apiUpload(bearer, dump(10), `${nov('OP-DEMO-2')}.csv`, 'text/csv', 'OP-DEMO-2'));
    assert.equal(byQuery.statusCode, 403);
    assert.deepEqual(errorsOf(byQuery), [{ field: 'operator', message: 'This token uploads the dumps of OP-DEMO-1 only; the request names OP-DEMO-2.' }]);
    const byName = await app.inject(apiUpload(bearer, dump(10), `${nov('OP-DEMO-2')}.csv`));
    assert.equal(byName.statusCode, 403, byName.body);
    assert.deepEqual(errorsOf(byName), [{ field: 'fileName', message: 'The file name names the operator OP-DEMO-2; this upload is for OP-DEMO-1.' }]);
    const inner = buildZip([{ name: `${nov('OP-DEMO-2')}.csv`, content: dump(10) }]);
    const byInnerName = await app.inject(apiUpload(bearer, inner, `${nov('OP-DEMO-1')}.zip`, 'application/zip'));
    assert.equal(byInnerName.statusCode, 403, byInnerName.body);
    assert.deepEqual(errorsOf(byInnerName), [
      { field: 'file', message: 'The CSV inside the archive names the operator OP-DEMO-2; this upload is for OP-DEMO-1.' },
    ]);

    const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-DEMO-1' });
    const client = createWebClient(app, '10.6.6.6');
    await signIn(client, platform, agent);
    await client.get('/staff/devices/dumps');
    const named = await postMultipart(app, client, '/staff/devices/dumps', {}, { name: `${nov('OP-DEMO-2')}.csv`, content: dump(10) });
    assert.equal(named.statusCode, 403);
    assert.match(named.body, /href="#field-file">This file is for operator OP-DEMO-2; this account uploads the dumps of OP-DEMO-1 only/);
    const zipped = await postMultipart(app, client, '/staff/devices/dumps', {}, { name: `${nov('OP-DEMO-1')}.zip`, content: inner });
    assert.equal(zipped.statusCode, 403);
    assert.match(zipped.body, /This file is for operator OP-DEMO-2; this account uploads the dumps of OP-DEMO-1 only/);
    const forged = await postMultipart(app, client, '/staff/devices/dumps', { operator: 'OP-DEMO-2' }, { name: `${nov('OP-DEMO-2')}.csv`, content: dump(10) });
    assert.equal(forged.statusCode, 403);
    assert.equal((await platform.db.kysely.selectFrom('device_dump_imports').select('id').execute()).length, 0, 'nothing was imported for anyone');
    const refusals = await platform.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'devices.dump.rejected').execute();
    assert.ok(refusals.length >= 4, 'each refusal is in the audit log');

    // The regulator names any operator, by token or on the form.
    const regulatorToken = await token('');
    const asRegulator = await app.inject(apiUpload(regulatorToken, dump(10), `${nov('OP-DEMO-2')}.csv`, 'text/csv', 'OP-DEMO-2'));
    assert.equal(asRegulator.statusCode, 201, asRegulator.body);
    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const staff = createWebClient(app, '10.7.7.7');
    await signIn(staff, platform, officer);
    await staff.get('/staff/devices/dumps');
    const onForm = await postMultipart(app, staff, '/staff/devices/dumps', { operator: 'OP-DEMO-3' }, { name: `${nov('OP-DEMO-3')}.csv`, content: dump(10) });
    assert.equal(onForm.statusCode, 200, onForm.body);
    const mismatch = await postMultipart(app, staff, '/staff/devices/dumps', { operator: 'OP-DEMO-3' }, { name: `${nov('OP-DEMO-4')}.csv`, content: dump(10) });
    assert.equal(mismatch.statusCode, 422, 'staff naming one operator and sending the file of another made a mistake, nothing forbidden');
  });
}
