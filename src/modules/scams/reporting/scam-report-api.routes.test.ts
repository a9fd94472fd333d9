import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

for (const database of databases.all) {
  test(`the API sends a code, then files a report with it; wrong fields are named in the reader's language [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/scams/number-checks', payload: { phone: 'abc' } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad.json().errors.map((p: { field: string }) => p.field),
      ['phone'],
    );
    const opened = await app.inject({ method: 'POST', url: '/api/v1/scams/number-checks', payload: { phone: '+254722000555', language: 'fr' } });
    assert.equal(opened.statusCode, 201);
    const { checkId } = opened.json();
    const [sms] = await outboxTexts(platform, '+254722000555');
    assert.match(sms?.text ?? '', /Votre code de signalement/);
    const code = /(\d{6})/.exec(sms?.text ?? '')?.[1] ?? '';
    const fields = {
      checkId,
      code,
      sender: 'FAKE-KRA',
      occurredAt: '2026-12-01T07:30:00Z',
      medium: 'sms',
      category: 'impersonation',
      text: 'KRA refund of KES 4,300: claim at https://kra-refund.top/claim',
      screenshot: PNG.toString('base64'),
    };
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/scams/reports',
      headers: { 'accept-language': 'fr' },
      payload: { ...fields, medium: 'fax', screenshot: Buffer.from('<html>').toString('base64') },
    });
    assert.equal(wrong.statusCode, 422);
    const problems = wrong.json().errors as Array<{ field: string; message: string }>;
    assert.deepEqual(
      problems.map((p) => p.field),
      ['medium', 'screenshot'],
    );
    assert.match(problems[1]?.message ?? '', /PNG, JPEG ou WebP/);
    const filed = await app.inject({ method: 'POST', url: '/api/v1/scams/reports', payload: fields });
    assert.equal(filed.statusCode, 201, filed.body);
    assert.match(filed.json().reference, /^SC-/);
    const again = await app.inject({ method: 'POST', url: '/api/v1/scams/reports', payload: fields });
    assert.equal(again.statusCode, 422, 'a code proves one report');
    assert.deepEqual(
      again.json().errors.map((p: { field: string }) => p.field),
      ['checkId'],
    );
  });

  test(`a body that is not a report is refused, never a 500 [${database.dialect}]`, async () => {
    const { app } = await createScamsTestApp(database);
    for (const payload of [{}, { checkId: 1 }, { checkId: 'x', code: '1', sender: 'a', occurredAt: 'b', medium: 'c', category: 'd', text: 'e', extra: 1 }]) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/scams/reports', payload });
      assert.ok([400, 422].includes(response.statusCode), `${response.statusCode} ${response.body}`);
    }
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/scams/reports',
      payload: { checkId: 'nope', code: '123456', sender: 'a', occurredAt: 'b', medium: 'c', category: 'd', text: 'e' },
    });
    assert.equal(unknown.statusCode, 422);
  });
}
