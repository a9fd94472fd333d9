import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { createScamReportIntakeFor } from './scam-report.wiring.ts';
import { identifierValueHash } from '../shared/identifier-hash.ts';
import { SEALED } from '../shared/sealed-contexts.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const t = (key: string) => key;

const report = (overrides: Record<string, unknown> = {}) => ({
  channel: 'web' as const,
  reporterNumber: '+254722000111',
  verifiedAt: '2026-11-20T09:00:00.000Z',
  sender: '0799 000 111',
  occurredAt: '2026-12-01T08:00',
  medium: 'sms',
  category: 'delivery',
  text: 'Your parcel is held, pay KES 150 at https://parcel-kenya.co.ke/pay?id=77 or https://xn--pypal-4ve.com/x now',
  language: 'en',
  ...overrides,
});

for (const database of databases.all) {
  test(`a report files its sender, each link's domain, its campaign and its reporter in one go [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    const intake = createScamReportIntakeFor(platform);
    const db = platform.db.kysely;
    const first = await intake.file({ ...report(), contactKind: 'sms', hasHarm: true });
    assert.equal(first.ok, true);
    assert.ok(first.ok);
    assert.match(first.value.reference, /^SC-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const identifiers = await db.selectFrom('scam_identifiers').selectAll().orderBy('kind').orderBy('value_hash').execute();
    assert.deepEqual(
      identifiers.map((i) => [i.kind, platform.keyring.decrypt(i.value_enc, SEALED.identifierValue), Boolean(i.is_internationalised), i.state]).sort(),
      [
        ['domain', 'parcel-kenya.co.ke', false, 'reported'],
        ['domain', 'xn--pypal-4ve.com', true, 'reported'],
        ['number', '+254799000111', false, 'reported'],
      ],
    );
    const sender = identifiers.find((i) => i.kind === 'number');
    assert.equal(sender?.value_hash, identifierValueHash(platform.keyring, 'number', '+254799000111'));
    const targets = await db.selectFrom('scam_report_targets').selectAll().orderBy('role').orderBy('identifier_id').execute();
    assert.deepEqual(targets.map((x) => x.role).sort(), ['link', 'link', 'sender']);
    assert.deepEqual(
      targets
        .filter((x) => x.url_enc !== null)
        .map((x) => platform.keyring.decrypt(x.url_enc ?? '', SEALED.linkUrl))
        .sort(),
      ['https://parcel-kenya.co.ke/pay?id=77', 'https://xn--pypal-4ve.com/x'],
    );
    const [row] = await db.selectFrom('scam_reports').selectAll().execute();
    assert.equal(platform.keyring.decrypt(row?.contact_enc ?? '', SEALED.reportContact), '+254722000111', 'the reporter’s number is the default contact');
    assert.equal(Boolean(row?.has_harm), true);
    assert.equal(Boolean(row?.is_late), false);

    // The same text forwarded by another person, with another amount and link path: one campaign, two instances.
    const second = await intake.file(
      report({ reporterNumber: '+254722000222', verifiedAt: '2026-11-25T09:00:00.000Z', text: report().text.replace('150', '990').replace('77', '12') }),
    );
    assert.ok(second.ok);
    const campaigns = await db.selectFrom('scam_campaigns').selectAll().execute();
    assert.deepEqual(
      campaigns.map((c) => Number(c.reports)),
      [2],
    );
    // A later verification of the first reporter does not move when they were first verified.
    await intake.file(report({ verifiedAt: '2026-11-30T09:00:00.000Z' }));
    const reporters = await db.selectFrom('scam_reporters').selectAll().orderBy('first_verified_at').execute();
    assert.deepEqual(
      reporters.map((r) => new Date(r.first_verified_at).toISOString()),
      ['2026-11-20T09:00:00.000Z', '2026-11-25T09:00:00.000Z'],
    );
    // The audit log says a report was filed, never whose or about whom.
    const audits = await db.selectFrom('audit_log').selectAll().where('action', '=', 'scams.report.filed').execute();
    assert.equal(audits.length, 3);
    assert.doesNotMatch(JSON.stringify(audits), /254722|254799|parcel/);
  });

  test(`a report of an old scam is kept late; a protected sender is marked [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    const intake = createScamReportIntakeFor(platform);
    const late = await intake.file(report({ occurredAt: '2026-10-15', sender: '14422' }));
    assert.ok(late.ok);
    assert.equal(late.value.isLate, true);
    const sender = await platform.db.kysely.selectFrom('scam_identifiers').selectAll().where('kind', '=', 'shortCode').executeTakeFirstOrThrow();
    assert.equal(Boolean(sender.is_protected), true);
  });

  test(`hostile input gets every bad field named, and nothing is stored [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    const intake = createScamReportIntakeFor(platform);
    const outcome = await intake.file({
      ...report(),
      sender: '<script>alert(1)</script>',
      occurredAt: '2099-01-01T00:00',
      medium: 'pigeon',
      category: 'nonsense',
      text: 'x'.repeat(5000),
      contactKind: 'email',
      contact: 'not-an-address',
      language: 'xx',
      screenshot: { data: Buffer.from('GIF89a....') },
    });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.issues.map((i) => i.field),
      ['sender', 'occurredAt', 'medium', 'category', 'text', 'contact', 'language', 'screenshot'],
    );
    assert.deepEqual(await platform.db.kysely.selectFrom('scam_reports').select('id').execute(), []);
  });

  test(`a screenshot is kept sealed when its first bytes say PNG, JPEG or WebP, refused otherwise whatever its size [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    const intake = createScamReportIntakeFor(platform);
    const big = await intake.file(report({ screenshot: { data: Buffer.concat([PNG, Buffer.alloc(platform.settings.scams.screenshotMaxBytes)]) } }));
    assert.deepEqual(!big.ok && big.issues.map((i) => i.messageKey), ['scams.reporting.error.screenshotTooLarge']);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(20)]);
    for (const data of [PNG, webp]) assert.equal((await intake.file(report({ screenshot: { data } }))).ok, true);
    const shots = await platform.db.kysely.selectFrom('scam_screenshots').selectAll().orderBy('media_type').execute();
    assert.deepEqual(
      shots.map((s) => s.media_type),
      ['image/png', 'image/webp'],
    );
    assert.deepEqual(Buffer.from(platform.keyring.decrypt(shots[0]?.content_enc ?? '', SEALED.screenshot), 'base64'), PNG);
  });

  test(`a reporter proves their number with a code by text, and the proof files one report [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    const intake = createScamReportIntakeFor(platform);
    assert.deepEqual(await intake.startNumberCheck({ phone: '12', t, networkAddress: '127.0.0.1' }), {
      ok: false,
      issues: [{ field: 'phone', messageKey: 'scams.reporting.error.phoneInvalid' }],
    });
    const started = await intake.startNumberCheck({ phone: '0722 000 333', t: (key, values) => `${key} ${String(values?.code)}`, networkAddress: '127.0.0.1' });
    assert.ok(started.ok);
    const [sms] = await outboxTexts(platform, '+254722000333');
    const code = /scams\.reporting\.sms\.code (\d{6})/.exec(sms?.text ?? '')?.[1] ?? '';
    assert.match(code, /^\d{6}$/);
    const check = { checkId: started.value.checkId };
    assert.deepEqual(await intake.fileWithCheck(check, report()), { ok: false, isCheckMissing: true }, 'no report before the code');
    const wrong = code === '000000' ? '111111' : '000000';
    assert.deepEqual(await intake.confirmNumberCheck({ ...check, code: wrong }), {
      ok: false,
      issues: [{ field: 'code', messageKey: 'scams.reporting.error.codeWrong' }],
    });
    assert.equal((await intake.confirmNumberCheck({ token: started.value.token, code })).ok, true, 'the browser’s token finds the same check');
    const filed = await intake.fileWithCheck(check, report());
    assert.ok(filed.ok);
    const row = await platform.db.kysely.selectFrom('scam_reports').selectAll().executeTakeFirstOrThrow();
    assert.equal(platform.keyring.decrypt(row.reporter_enc, SEALED.reporterNumber), '+254722000333');
    assert.deepEqual(await intake.fileWithCheck(check, report()), { ok: false, isCheckMissing: true }, 'a code proves one report');
  });

  test(`five wrong codes lock a check, even against the right one [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    const intake = createScamReportIntakeFor(platform);
    const started = await intake.startNumberCheck({
      phone: '+254722000444',
      t: (key, values) => `${key} ${String(values?.code)}`,
      networkAddress: '127.0.0.1',
    });
    assert.ok(started.ok);
    const code = /(\d{6})/.exec((await outboxTexts(platform, '+254722000444'))[0]?.text ?? '')?.[1] ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) await intake.confirmNumberCheck({ checkId: started.value.checkId, code: wrong });
    assert.deepEqual(await intake.confirmNumberCheck({ checkId: started.value.checkId, code }), {
      ok: false,
      issues: [{ field: 'code', messageKey: 'scams.reporting.error.codeLocked' }],
    });
    platform.clock.advance(DAY);
    assert.equal((await intake.confirmNumberCheck({ checkId: started.value.checkId, code })).ok, false);
  });
}
