import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { postMultipart, type FormFile } from '../../../../test/helpers/forms.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { createWebClient, type WebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const REPORTER = '+254722000555';

/** The fields of a right report: the demo clock says 1 December 2026, 12:00 in Nairobi. */
const GOOD_FIELDS = {
  sender: 'FAKE-KRA',
  occurredAtDay: '1',
  occurredAtMonth: '12',
  occurredAtYear: '2026',
  occurredTime: '10:30',
  medium: 'sms',
  category: 'impersonation',
  text: 'KRA refund of KES 4,300: claim at https://kra-refund.top/claim before midnight',
  contactKind: 'sms',
  contact: '',
};

/** The fields the error summary links to, in its order. */
function summaryFields(body: string): string[] {
  const summary = /class="error-summary"[^]*?<\/ul>/.exec(body)?.[0] ?? '';
  return [...summary.matchAll(/href="#field-([A-Za-z]+)"/g)].map((m) => m[1] ?? '');
}

/** Proves the reporter's number in the browser: the number, then the code from the text. */
async function proveNumber(app: App, platform: Platform, client: WebClient, phone = REPORTER): Promise<string> {
  await client.get('/scams/report/number');
  const sent = await client.post('/scams/report/number', { phone });
  assert.equal(sent.statusCode, 303, sent.body);
  assert.equal(sent.headers.location, '/scams/report/code');
  const texts = await outboxTexts(platform, phone);
  const code = /(\d{6})/.exec(texts.at(-1)?.text ?? '')?.[1] ?? '';
  assert.ok(code, 'the text carries a six-digit code');
  const page = await client.get('/scams/report/code');
  assert.match(page.body, /\+254 •+55/, 'the code page names the number masked');
  assert.doesNotMatch(page.body, /722000555/, 'never the whole number');
  const confirmed = await client.post('/scams/report/code', { code });
  assert.equal(confirmed.headers.location, '/scams/report/details');
  void app;
  return code;
}

const sendReport = (app: App, client: WebClient, fields: Record<string, string>, file: FormFile | null = null, remoteAddress = '10.7.0.1') =>
  postMultipart(app, client, '/scams/report/details', { fields, fileField: 'screenshot', file, remoteAddress });

function assertNoServerError(response: LightMyRequestResponse, what: string): void {
  assert.ok(response.statusCode < 500, `${what}: ${response.statusCode} ${response.body.slice(0, 300)}`);
}

for (const database of databases.all) {
  test(`a person who lost money sees what to do first, then proves their number by a code and files a report with a screenshot [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const client = createWebClient(app, '10.7.0.1');

    const home = await client.get('/');
    assert.match(home.body, /href="\/scams\/report"[^>]*>Scams</, 'the main navigation has a Scams entry');
    assert.match(home.body, /Report a scam call, text or message/, 'the home page shows its description');

    const start = await client.get('/scams/report');
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /Did you lose money, or did your SIM card stop working\?/, 'the triage question comes first');
    const triaged = await client.post('/scams/report', { harm: 'yes' });
    assert.equal(triaged.statusCode, 303);
    assert.equal(triaged.headers.location, '/scams/report/urgent');
    const urgent = await client.get('/scams/report/urgent');
    assert.equal(urgent.statusCode, 200);
    assert.match(urgent.body, /href="tel:999"/, "the profile's police number as a tel: link");
    assert.match(urgent.body, /href="tel:\+254200001111"[^>]*><bdi>Demo Savings Bank fraud line<\/bdi>/, "a bank's fraud line, dialled without spaces");
    assert.match(urgent.body, /href="tel:100"/, 'the mobile-money help line');
    assert.match(urgent.body, /call your mobile operator from another phone/i, 'the SIM-swap checklist');
    assert.match(urgent.body, /class="button" href="\/scams\/report\/number"/, 'then the way on to the report');

    await proveNumber(app, platform, client);
    const check = client.cookies.get('kinga_scam_report');
    assert.ok(check, 'the check is kept in a cookie');
    assert.doesNotMatch(check, /722000555/, 'the cookie holds a random token, never the number');

    const form = await client.get('/scams/report/details');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assert.match(form.body, /<option value="simSwap">SIM swap<\/option>/, "the profile's categories in the shared words");
    const done = await sendReport(app, client, GOOD_FIELDS, { name: 'shot.txt', type: 'text/plain', data: PNG });
    assert.equal(done.statusCode, 200, done.body);
    const reference = /(SC-[0-9A-Z-]+)/.exec(done.body)?.[1];
    assert.ok(reference, 'the confirmation gives the reference');
    assert.match(done.body, /What happens next/);
    assert.match(done.body, /hxxps:\/\/kra-refund\[\.\]top\/claim/, 'the link echoed defanged');
    assert.doesNotMatch(done.body, /href="https?:\/\/kra-refund/, 'never as a link');
    assert.doesNotMatch(done.body, /https:\/\/kra-refund\.top/, 'nor in its clickable form');

    const row = await platform.db.kysely
      .selectFrom('scam_reports')
      .select(['reference', 'channel', 'medium', 'category', 'occurred_at', 'has_harm', 'contact_kind', 'language'])
      .executeTakeFirstOrThrow();
    assert.equal(row.reference, reference);
    assert.equal(row.channel, 'web');
    assert.equal(row.medium, 'sms');
    assert.equal(new Date(row.occurred_at).toISOString(), '2026-12-01T07:30:00.000Z', '10:30 in Nairobi is 07:30 UTC');
    assert.equal(Boolean(row.has_harm), true, 'the triage answer is kept with the report');
    assert.equal(row.contact_kind, 'sms');
    const shots = await platform.db.kysely.selectFrom('scam_screenshots').select('media_type').execute();
    assert.deepEqual(
      shots.map((s) => s.media_type),
      ['image/png'],
      'the screenshot is kept as its signature says, whatever its name and declared type said',
    );

    assert.equal((await client.get('/scams/report/details')).headers.location, '/scams/report/number', 'a code proves one report');
    await app.close();
  });

  test(`the triage question must be answered; no goes straight to the number; pages need a proved number [${database.dialect}]`, async () => {
    const { app } = await createScamsTestApp(database);
    const client = createWebClient(app, '10.7.0.2');
    await client.get('/scams/report?lang=fr');
    const empty = await client.post('/scams/report', {});
    assert.equal(empty.statusCode, 422);
    assert.deepEqual(summaryFields(empty.body), ['harm']);
    assert.match(empty.body, /class="error-message" id="field-harm-error"/, 'the error beside the question');
    const no = await client.post('/scams/report', { harm: 'no' });
    assert.equal(no.headers.location, '/scams/report/number');
    for (const path of ['/scams/report/code', '/scams/report/details'])
      assert.equal((await client.get(path)).headers.location, '/scams/report/number', `${path} without a check goes back to the number`);
    await app.close();
  });

  test(`a wrong number and a wrong code are named; the check's cookie is HttpOnly and SameSite [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const client = createWebClient(app, '10.7.0.3');
    await client.get('/scams/report/number');
    const bad = await client.post('/scams/report/number', { phone: '12ab' });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(summaryFields(bad.body), ['phone']);
    assert.match(bad.body, /value="12ab"/, 'the answer is kept');
    const sent = await client.post('/scams/report/number', { phone: '0722 000 556' });
    assert.equal(sent.statusCode, 303);
    const cookie = String(sent.headers['set-cookie'] ?? '');
    assert.match(cookie, /kinga_scam_report=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(`${sent.headers.location ?? ''}${cookie}`, /722000556|722 000 556/, 'the number is in no URL and no cookie');
    const code = /(\d{6})/.exec((await outboxTexts(platform, '+254722000556'))[0]?.text ?? '')?.[1] ?? '';
    await client.get('/scams/report/code');
    const wrong = await client.post('/scams/report/code', { code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(summaryFields(wrong.body), ['code']);
    assert.match(wrong.body, /The code is not right/);
    assert.equal((await client.get('/scams/report/details')).headers.location, '/scams/report/number', 'a wrong code opens nothing');
    const malformed = await client.post('/scams/report/code', { code: 'abc' });
    assert.equal(malformed.statusCode, 422);
    assert.match(malformed.body, /Enter the 6 digits/);
    await app.close();
  });

  test(`every wrong field of the report is named in the order of the form, with the answers kept [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const client = createWebClient(app, '10.7.0.4');
    await proveNumber(app, platform, client);
    await client.get('/scams/report/details');
    const wrong = await sendReport(
      app,
      client,
      {
        sender: '!!',
        occurredAtDay: '31',
        occurredAtMonth: '2',
        occurredAtYear: '2026',
        occurredTime: '25:99',
        medium: 'fax',
        category: 'astrology',
        text: 'x'.repeat(2_001),
        contactKind: 'email',
        contact: 'not-an-address',
      },
      { name: 'page.html', type: 'image/png', data: Buffer.from('<html><script>alert(1)</script></html>') },
    );
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.deepEqual(summaryFields(wrong.body), ['sender', 'occurredAt', 'occurredTime', 'medium', 'category', 'text', 'contact', 'screenshot']);
    for (const message of [
      /Enter a telephone number, a short code/,
      /Enter a real date as day, month and year/,
      /Enter the time in hours and minutes/,
      /Choose how the scam reached you/,
      /Choose the kind of scam/,
      /The text must be 2,000 characters or fewer/,
      /Enter an e-mail address/,
      /The screenshot must be a PNG, JPEG or WebP image/,
    ])
      assert.match(wrong.body, message);
    assert.match(wrong.body, /name="occurredAtDay" type="text" inputMode="numeric" value="31"/i, 'the day is kept');
    assert.match(wrong.body, /value="not-an-address"/, 'the address is kept');
    assert.match(wrong.body, /id="field-contactKind-2"[^>]*checked/, 'the choice is kept');

    const future = await sendReport(app, client, { ...GOOD_FIELDS, occurredAtDay: '2', occurredTime: '' });
    assert.equal(future.statusCode, 422);
    assert.deepEqual(summaryFields(future.body), ['occurredAt']);
    assert.match(future.body, /cannot be in the future/);
    const noDay = await sendReport(app, client, { ...GOOD_FIELDS, occurredAtDay: '', occurredAtMonth: '', occurredAtYear: '' });
    assert.deepEqual(summaryFields(noDay.body), ['occurredAt']);
    assert.match(noDay.body, /Enter the day the call or message came/);
    assert.equal((await platform.db.kysely.selectFrom('scam_reports').select('id').execute()).length, 0, 'nothing is filed');
    await app.close();
  });

  test(`a screenshot over the profile's size is refused with the form kept; hostile input never answers 500 [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const client = createWebClient(app, '10.7.0.5');
    await proveNumber(app, platform, client);
    await client.get('/scams/report/details');
    const big = Buffer.concat([PNG, Buffer.alloc(platform.settings.scams.screenshotMaxBytes + 1024, 1)]);
    const tooLarge = await sendReport(app, client, GOOD_FIELDS, { name: 'big.png', type: 'image/png', data: big });
    assert.equal(tooLarge.statusCode, 422, tooLarge.body.slice(0, 500));
    assert.deepEqual(summaryFields(tooLarge.body), ['screenshot']);
    assert.match(tooLarge.body, /The screenshot must be 1\.9 MB or smaller/);
    assert.match(tooLarge.body, /claim at https:\/\/kra-refund\.top\/claim before midnight<\/textarea>/, 'the text is kept, escaped in its box');

    const hostile: Array<[string, Record<string, string>]> = [
      ['markup', { ...GOOD_FIELDS, sender: '<script>alert(1)</script>', text: '<img src=x onerror=alert(1)>' }],
      ['unknown field', { ...GOOD_FIELDS, extra: 'x' }],
      ['nul bytes', { ...GOOD_FIELDS, sender: '\u0000\u0000', occurredTime: '\u0000', medium: '\u0000' }],
      ['huge year', { ...GOOD_FIELDS, occurredAtYear: '9999', occurredAtMonth: '99', occurredAtDay: '99' }],
      ['contact kind', { ...GOOD_FIELDS, contactKind: 'pigeon' }],
    ];
    for (const [what, fields] of hostile) {
      const response = await sendReport(app, client, fields);
      assertNoServerError(response, what);
      assert.doesNotMatch(response.body, /<script>alert\(1\)<\/script>|<img src=x/, `${what}: nothing typed is echoed as markup`);
    }
    const notAForm = await app.inject({
      method: 'POST',
      url: '/scams/report/details',
      headers: {
        accept: 'text/html',
        'content-type': 'multipart/form-data; boundary=zzz',
        cookie: `kinga_scam_report=${client.cookies.get('kinga_scam_report') ?? ''}`,
      },
      payload: 'not a form at all',
    });
    assertNoServerError(notAForm, 'a body that is not a form');
    for (const [path, payload] of [
      ['/scams/report', 'harm=maybe&harm=yes'],
      ['/scams/report/number', `phone=${'9'.repeat(99)}`],
      ['/scams/report/code', 'code=%00%00%00'],
    ] as const) {
      const response = await client.post(path, Object.fromEntries(new URLSearchParams(payload)));
      assertNoServerError(response, path);
    }
    const forged = await app.inject({
      method: 'POST',
      url: '/scams/report/number',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: `phone=${encodeURIComponent(REPORTER)}`,
    });
    assert.equal(forged.statusCode, 403, 'a form without the anti-forgery token is refused');
    await app.close();
  });
}
