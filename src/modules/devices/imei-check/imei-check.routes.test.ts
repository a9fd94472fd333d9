import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { luhnCheckDigit } from './imei.ts';
import { devicesModule } from '../index.ts';
import { createTokenIssuer } from '../../../../test/helpers/api-tokens.ts';

const databases = openTestDatabases(allMigrations([devicesModule]));
const DEMO_PROFILE = new URL('../../../../jurisdictions/demo.json', import.meta.url);

const withCheck = (key: string) => `${key}${luhnCheckDigit(key)}`;
const GALAXY = withCheck('35209900176148');
const UNKNOWN = withCheck('35999999123456');

/** A copy of the demo profile with its own `modules.devices` block. */
function profileWith(devices: Record<string, unknown>): string {
  const profile = JSON.parse(readFileSync(DEMO_PROFILE, 'utf8')) as { modules: Record<string, unknown> };
  profile.modules = { ...profile.modules, devices };
  const file = join(mkdtempSync(join(tmpdir(), 'kinga-devices-profile-')), 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule], env });
  await devicesModule.seedDemo?.(platform);
  const app = await buildApp(platform, [devicesModule]);
  const { token: makeToken } = await createTokenIssuer(platform, 'dealer');
  const token = (permissions: string[]) => makeToken('', permissions);
  return { platform, app, token };
}

const bulk = (bearer: string | null, imeis: unknown) => ({
  method: 'POST' as const,
  url: '/api/v1/devices/imei-checks',
  headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
  payload: JSON.stringify({ imeis }),
});

for (const database of databases.all) {
  test(`the API names the device, gives each verdict and the status valid [${database.dialect}]`, async () => {
    const { app } = await setup(database);
    const reply = await app.inject(`/api/v1/devices/imei/${GALAXY}`);
    assert.equal(reply.statusCode, 200);
    assert.deepEqual(reply.json(), {
      input: GALAXY,
      digits: GALAXY,
      key: '35209900176148',
      form: 'imei15',
      status: 'valid',
      statusSince: null,
      device: {
        tac: '35209900',
        brand: 'Samsung',
        model: 'SM-A155F',
        marketingName: 'Galaxy A15',
        deviceType: 'Smartphone',
        deviceClass: 'smartphone',
        radio: { has2g: true, has3g: true, has4g: true, has5g: false },
        allocationDate: '2023-11-15',
        reportingBody: '35',
        reportingBodyName: 'BABT (United Kingdom)',
      },
      verdicts: {
        syntax: { code: 'ok', severity: 'ok' },
        checkDigit: { code: 'ok', severity: 'ok', digit: GALAXY.charAt(14) },
        pattern: { code: 'ok', severity: 'ok' },
        testTac: { code: 'ok', severity: 'ok' },
        tac: { code: 'found', severity: 'ok' },
      },
    });
    await app.close();
  });

  test(`the API reports an unknown TAC with its reporting body's allocation lag, an unreadable input as invalid, and reads encoded slashes [${database.dialect}]`, async () => {
    const { app } = await setup(database);
    const unknown = (await app.inject(`/api/v1/devices/imei/${UNKNOWN}`)).json();
    assert.equal(unknown.status, 'unknownTac');
    assert.equal(unknown.device, null);
    assert.deepEqual(unknown.verdicts.tac, { code: 'notFound', severity: 'warning', allocationLagDays: 20 });

    const letters = (await app.inject('/api/v1/devices/imei/35209900A76148')).json();
    assert.equal(letters.status, 'invalid');
    assert.equal(letters.key, null);
    assert.deepEqual(letters.verdicts.syntax, { code: 'badCharacters', severity: 'error', characters: 'A' });

    const slashed = (await app.inject(`/api/v1/devices/imei/${encodeURIComponent('35/209900/176148/' + GALAXY.charAt(14))}`)).json();
    assert.equal(slashed.input, `35/209900/176148/${GALAXY.charAt(14)}`);
    assert.equal(slashed.status, 'valid');

    const typo = (await app.inject(`/api/v1/devices/imei/3520990017614${GALAXY.charAt(14) === '0' ? '81' : '80'}`)).json();
    assert.equal(typo.verdicts.checkDigit.code, 'mismatch');
    await app.close();
  });

  test(`the check page works as a plain GET form: empty form, result, and 422 with the input kept [${database.dialect}]`, async () => {
    const { app } = await setup(database);
    const html = { accept: 'text/html' };
    const empty = await app.inject({ url: '/devices/check', headers: html });
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<form method="get" action="\/devices\/check"/);
    assert.match(empty.body, /<label for="field-imei">IMEI number<\/label>/);
    assert.doesNotMatch(empty.body, /error-summary/);

    const found = await app.inject({ url: `/devices/check?imei=${encodeURIComponent('35-209900-176148-' + GALAXY.charAt(14))}`, headers: html });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /No problem found/);
    assert.match(found.body, /Samsung/);
    // Each name isolated (U+2068 … U+2069) so that its direction cannot spill into the sentence.
    assert.match(found.body, /\u2068Galaxy A15\u2069 \(\u2068SM-A155F\u2069\)/);
    assert.match(found.body, /2G, 3G, and 4G/);
    assert.match(found.body, /value="35-209900-176148-/);

    const bad = await app.inject({ url: '/devices/check?imei=12345', headers: html });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /href="#field-imei">An IMEI has 15 digits, but you typed 5 digits\./);
    assert.match(bad.body, /aria-invalid="true"/);
    assert.match(bad.body, /value="12345"/);

    const french = await app.inject({ url: `/devices/check?imei=${UNKNOWN}&lang=fr`, headers: html });
    assert.match(french.body, /Modèle inconnu/);
    assert.match(french.body, /moins de 20 jours/);
    const arabic = await app.inject({ url: `/devices/check?imei=${'0'.repeat(15)}&lang=ar`, headers: html });
    assert.equal(arabic.statusCode, 200);
    assert.match(arabic.body, /dir="rtl"/);
    assert.match(arabic.body, /رقم IMEI غير صالح/);
    await app.close();
  });

  test(`the dealer bulk check needs a token with devices:check and answers in the order asked [${database.dialect}]`, async () => {
    const { app, token } = await setup(database);
    assert.equal((await app.inject(bulk(null, [GALAXY]))).statusCode, 401);
    assert.equal((await app.inject(bulk(await token(['devices:upload']), [GALAXY]))).statusCode, 403);
    const dealer = await token(['devices:check']);
    const reply = await app.inject(bulk(dealer, [UNKNOWN, GALAXY, 'nonsense', GALAXY]));
    assert.equal(reply.statusCode, 200);
    assert.deepEqual(
      reply.json().results.map((r: { input: string; status: string }) => [r.input, r.status]),
      [
        [UNKNOWN, 'unknownTac'],
        [GALAXY, 'valid'],
        ['nonsense', 'invalid'],
        [GALAXY, 'valid'],
      ],
    );
    const tooMany = await app.inject(
      bulk(
        dealer,
        Array.from({ length: 1001 }, () => GALAXY),
      ),
    );
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.headers['content-type'], 'application/problem+json; charset=utf-8');
    const thousand = await app.inject(
      bulk(
        dealer,
        Array.from({ length: 1000 }, (_, i) => withCheck(`35209900${String(i).padStart(6, '0')}`)),
      ),
    );
    assert.equal(thousand.statusCode, 200);
    assert.equal(thousand.json().results.length, 1000);
    await app.close();
  });

  test(`the profile sets the per-address check limit and the bulk size [${database.dialect}]`, async () => {
    const { app, token } = await setup(database, { KINGA_JURISDICTION: profileWith({ checkRateLimitPerMinute: 3, bulkCheckMaxImeis: 2 }) });
    for (let i = 0; i < 3; i += 1) assert.equal((await app.inject(`/api/v1/devices/imei/${GALAXY}`)).statusCode, 200);
    const limited = await app.inject(`/api/v1/devices/imei/${GALAXY}`);
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const other = await app.inject({ url: `/api/v1/devices/imei/${GALAXY}`, remoteAddress: '10.0.0.9' });
    assert.equal(other.statusCode, 200, 'another address has its own allowance');
    const dealer = await token(['devices:check']);
    const reply = await app.inject(bulk(dealer, [GALAXY, GALAXY, GALAXY]));
    assert.equal(reply.statusCode, 422);
    assert.equal(reply.json().title, 'TOO_MANY_IMEIS');
    await app.close();
  });
}

test('a bad devices block in the profile stops start-up with the path of each wrong field', async () => {
  const database = databases.all[0];
  assert.ok(database);
  await assert.rejects(
    createTestPlatform(await database.fresh(), {
      modules: [devicesModule],
      env: { KINGA_JURISDICTION: profileWith({ checkRateLimitPerMinute: 0, bulkCheckMaxImeis: 5000, allocationLagDays: { '3': 10 }, colour: 'red' }) },
    }),
    (error: Error) => {
      assert.match(error.message, /\/modules\/devices\/checkRateLimitPerMinute/);
      assert.match(error.message, /\/modules\/devices\/bulkCheckMaxImeis/);
      assert.match(error.message, /\/modules\/devices\/allocationLagDays\/3/);
      assert.match(error.message, /\/modules\/devices\/colour/);
      return true;
    },
  );
});

for (const database of databases.all) {
  test(`the check shows the number with the digits given, and a wrong check digit is never called well formed [${database.dialect}]`, async () => {
    const { app, token } = await setup(database);
    const html = { accept: 'text/html' };
    const dashed = await app.inject({ url: `/devices/check?imei=${encodeURIComponent('35-209900-176148-' + GALAXY.charAt(14))}`, headers: html });
    assert.match(dashed.body, new RegExp(`Number checked: <strong dir="ltr">${GALAXY}</strong>`), 'all 15 digits, as given');

    const typo = `${GALAXY.slice(0, 14)}${(Number(GALAXY.charAt(14)) + 1) % 10}`;
    const page = await app.inject({ url: `/devices/check?imei=${typo}`, headers: html });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Number checked: <strong dir="ltr">${typo}</strong>`), 'the wrong digit too: what was typed is what was checked');
    assert.doesNotMatch(page.body, /well formed/);
    assert.doesNotMatch(page.body, /No problem found/);
    assert.match(page.body, /Not a valid IMEI/);
    assert.match(page.body, new RegExp(`The last digit should be ${GALAXY.charAt(14)}, not ${typo.charAt(14)}`));
    for (const lang of ['fr', 'ar'])
      assert.doesNotMatch((await app.inject({ url: `/devices/check?imei=${typo}&lang=${lang}`, headers: html })).body, /bien formé|سليم البنية/);

    const answer = (await app.inject(`/api/v1/devices/imei/${typo}`)).json();
    assert.equal(answer.status, 'invalid');
    assert.equal(answer.digits, typo);
    assert.equal(answer.verdicts.checkDigit.code, 'mismatch');
    const spaced = (await app.inject(`/api/v1/devices/imei/${encodeURIComponent(`35 209900 176148 ${GALAXY.charAt(14)}`)}`)).json();
    assert.equal(spaced.digits, GALAXY);
    assert.equal(spaced.status, 'valid');
    const results = (await app.inject(bulk(await token(['devices:check']), [typo, GALAXY]))).json().results;
    assert.deepEqual(
      results.map((r: { digits: string; status: string }) => [r.digits, r.status]),
      [
        [typo, 'invalid'],
        [GALAXY, 'valid'],
      ],
    );
    await app.close();
  });
}
