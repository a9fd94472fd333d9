import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { assertFirstHundredProblems, type FileProblems } from '../../../../test/helpers/file-problems.ts';
import { healthzDuring } from '../../../../test/helpers/healthz-during.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../index.ts';
import { OFFER_COLUMNS, OFFER_FILE } from './offer-file.ts';
import { closestColumn, parseTabularJson } from './tabular-file.ts';
import { createOffersApiApp, uploadRequest } from '../testing/api-app.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';

// Hostile offer and roaming files (issue 13, item 7): refused at once with a bounded answer, never a frozen process.
const databases = openTestDatabases(allMigrations([offersModule]));

for (const database of databases.all) {
  test(`a hostile offer or roaming file is refused at its first bad line, with a short answer [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const bearer = await token('');
    const header = OFFER_COLUMNS.join(',');
    const cases: [string, string, string, RegExp][] = [
      ['/api/v1/offers/imports', `${Array.from({ length: 1_000_000 }, (_, i) => `column_${i}`).join(',')}\n1\n`, 'text/csv', /more than [\d,]+ cells/],
      ['/api/v1/offers/imports', `${header}\n${'x'.repeat(8_000_000)}\n`, 'text/csv', /longer than [\d,]+ characters/],
      [
        '/api/v1/offers/imports',
        `{"offers":[{${Array.from({ length: 300_000 }, (_, i) => `"k${i}":1`).join(',')}}]}`,
        'application/json',
        /longer than [\d,]+ characters/,
      ],
      ['/api/v1/offers/imports', `{"offers":[${'['.repeat(400_000)}${']'.repeat(400_000)}]}`, 'application/json', /nested more than \d+ levels deep/],
      ['/api/v1/offers/roaming/imports', `${Array.from({ length: 1_000_000 }, (_, i) => `column_${i}`).join(',')}\n1\n`, 'text/csv', /more than [\d,]+ cells/],
    ];
    for (const [url, body, type, reason] of cases) {
      const reply = await app.inject(uploadRequest(url, bearer, body, type));
      assert.equal(reply.statusCode, 422, `${url} ${type}: ${reply.body.slice(0, 300)}`);
      assert.ok(reply.body.length < 20_000, `${url} ${type}: an answer of ${reply.body.length} bytes`);
      const problems = reply.json<FileProblems>();
      assert.ok(
        problems.errors.some((e) => reason.test(e.message)),
        `${url} ${type}: ${JSON.stringify(problems.errors.slice(0, 3))}`,
      );
    }
    await app.close();
  });

  test(`a JSON offer with thousands of made-up fields is one problem, and only the first 100 unknown names are compared with the columns [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const bearer = await token('');
    const fields = Array.from({ length: 3000 }, (_, i) => `"monthly_pric${i}":1`).join(',');
    const reply = await app.inject(uploadRequest('/api/v1/offers/imports', bearer, `{"offers":[{${fields}}]}`, 'application/json'));
    assert.equal(reply.statusCode, 422);
    const errors = reply.json<FileProblems>().errors;
    assert.deepEqual(errors.map((e) => [e.field, e.line, e.message])[0], ['/offers/0', 1, 'This offer has 3,000 fields; a file has at most 128 columns.']);
    assert.ok(!errors.some((e) => /Unknown column/.test(e.message)), 'its fields are not read one by one');
    // Each "did you mean" compares the name with every column: the first 100 unknown names get one, the others are only named.
    const near = Array.from({ length: 3 }, (_, e) => `{${Array.from({ length: 60 }, (_, i) => `"monthly_pric${e}_${i}":1`).join(',')}}`);
    const keys = parseTabularJson(`{"offers":[${near.join(',')}]}`, OFFER_FILE)
      .problems.filter((p) => p.key.startsWith('offers.import.column.'))
      .map((p) => p.key);
    assert.deepEqual(keys, [
      ...Array.from({ length: 100 }, () => 'offers.import.column.unknownClose'),
      ...Array.from({ length: 80 }, () => 'offers.import.column.unknown'),
    ]);
    assert.equal(closestColumn(`monthly_price${'x'.repeat(60_000)}`, OFFER_COLUMNS), undefined, 'a name far longer than every column is not compared');
    await app.close();
  });

  test(`an offer file with many wrong rows lists the first 100 problems in the order of the file, and counts them all [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const rows = Array.from({ length: 3000 }, (_, i) =>
      offerRow({ unique_plan_id: planId('M', 9_900_000_001, `W${String(i).padStart(5, '0')}`), operator_id: 'OP-DEMO-1', monthly_price: 'free' }),
    );
    const reply = await app.inject(uploadRequest('/api/v1/offers/imports', await token(''), offerCsv(rows)));
    assertFirstHundredProblems(reply, 3000);
    await app.close();
  });

  test(`/healthz keeps answering while an offer file of 20,000 rows, every cell wrong, is checked [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const bearer = await token('');
    // A first small file, so that what is timed is the checking, not the first compilation of its code.
    await app.inject(uploadRequest('/api/v1/offers/imports', bearer, offerCsv([offerRow({ monthly_price: 'free' })])));
    const wrong = offerCsv(Array.from({ length: 20_000 }, () => Object.fromEntries(OFFER_COLUMNS.map((c) => [c, 'x y']))));
    const { reply, answered, longestGapMs, durationMs } = await healthzDuring(app, () => app.inject(uploadRequest('/api/v1/offers/imports', bearer, wrong)));
    assert.equal(reply.statusCode, 422);
    const body = reply.json<FileProblems>();
    assert.equal(body.errors.length, 100);
    assert.ok((body.errorCount ?? 0) > 20_000, `${body.errorCount} problems`);
    assert.ok(answered >= 3, `answered ${answered} times during an upload of ${Math.round(durationMs)} ms`);
    assert.ok(longestGapMs < durationMs / 4, `/healthz went ${Math.round(longestGapMs)} ms without an answer during an upload of ${Math.round(durationMs)} ms`);
    await app.close();
  });

  test(`an offer file of more rows than a national file holds is refused at the first row past the limit [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const rows = Array.from({ length: 20_001 }, (_, i) =>
      offerRow({ unique_plan_id: planId('M', 9_900_000_001, `R${String(i).padStart(5, '0')}`), operator_id: 'OP-DEMO-1' }),
    );
    const reply = await app.inject(uploadRequest('/api/v1/offers/imports', await token(''), offerCsv(rows)));
    assert.equal(reply.statusCode, 422);
    const body = reply.json<FileProblems>();
    assert.deepEqual(
      body.errors.map((e) => [e.line, e.message]),
      [[20_002, 'The file has more than 20,000 offers; split it into files of at most 20,000.']],
    );
    await app.close();
  });
}
