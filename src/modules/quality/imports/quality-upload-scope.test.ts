import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { qualityModule } from '../index.ts';
import { createKpiServiceFor } from '../kpis/quality-kpi.wiring.ts';
import { createKpiRepository } from '../kpis/quality-kpi.repository.ts';
import { createMeasurementRepository } from '../measurements/measurement.repository.ts';
import { createQualityApiApp } from '../testing/api-app.ts';

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));
const MEASUREMENT_HEADER = 'time,operator,technology,download_kbps,upload_kbps,latency_ms';
const KPI_HEADER = 'operator,month,region,technology,kpi,numerator,denominator';

interface Problem {
  field: string;
  line?: number;
  message: string;
}

async function setup(database: (typeof databases.all)[number]) {
  const { platform, app, token: tokenFor } = await createQualityApiApp(database);
  const token = (permissions: string[], operatorId = '') => tokenFor(operatorId, permissions);
  const kpis = createKpiServiceFor(platform);
  const [own, other] = (await kpis.listOperators()).map((o) => o.id).sort();
  const [region] = await kpis.listRegions();
  assert.ok(own && other && region, 'the demo has two operators and a region');
  const post = (url: string, bearer: string, body: string, type = 'text/csv') =>
    app.inject({ method: 'POST', url, headers: { 'content-type': type, authorization: `Bearer ${bearer}` }, payload: body });
  return { platform, app, token, own, other, region: region.id, post };
}

for (const database of databases.all) {
  test(`an operator's token uploads measurements of its own operator only: another operator's row is refused with 403 naming its line [${database.dialect}]`, async () => {
    const { platform, app, token, own, other, post } = await setup(database);
    const repository = createMeasurementRepository(platform.db.kysely);
    const operatorToken = await token(['quality:write'], own);
    const csv = [
      MEASUREMENT_HEADER,
      `2026-11-30T10:00:00Z,${own},4G,20000,5000,40`,
      `2026-11-30T10:05:00Z,${other},4G,500,100,900`,
      `2026-11-30T10:10:00Z,,4G,600,100,800`,
    ].join('\n');

    const refused = await post('/api/v1/quality/measurements', operatorToken, csv);
    assert.equal(refused.statusCode, 403, refused.body);
    assert.match(String(refused.headers['content-type']), /problem\+json/);
    const errors = refused.json<{ errors: Problem[] }>().errors;
    assert.deepEqual(
      errors.map((e) => `${e.line}:${e.field}`),
      ['3:operator', '4:operator'],
    );
    assert.match(errors[0]?.message ?? '', new RegExp(`${other}.*${own}|${own}.*${other}`), 'the message names both operators');
    assert.equal(await repository.countMeasurements(), 0, 'nothing of the file is stored');

    const json = JSON.stringify({ measurements: [{ time: '2026-11-30T10:00:00Z', operator: other, technology: '4G', download_kbps: 1 }] });
    const refusedJson = await post('/api/v1/quality/measurements', operatorToken, json, 'application/json');
    assert.equal(refusedJson.statusCode, 403, refusedJson.body);
    assert.deepEqual(
      refusedJson.json<{ errors: Problem[] }>().errors.map((e) => `${e.line}:${e.field}`),
      ['1:/measurements/0/operator'],
    );

    const ownRows = await post('/api/v1/quality/measurements', operatorToken, [MEASUREMENT_HEADER, `2026-11-30T10:00:00Z,${own},4G,20000,5000,40`].join('\n'));
    assert.equal(ownRows.statusCode, 201, ownRows.body);

    const regulator = await post('/api/v1/quality/measurements', await token(['quality:write']), csv);
    assert.equal(regulator.statusCode, 201, `a regulator's token names any operator: ${regulator.body}`);
    const stored = (await repository.listMeasurements({ limit: 10 })).map((m) => m.operator_id ?? '').sort();
    assert.deepEqual(stored, ['', own, own, other].sort());
    await app.close();
  });

  test(`an operator's token uploads KPIs of its own operator only: a row of another operator is refused with 403 naming its line [${database.dialect}]`, async () => {
    const { platform, app, token, own, other, region, post } = await setup(database);
    const operatorToken = await token(['quality:kpis'], own);
    const csv = [
      KPI_HEADER,
      `${own},2026-10,${region},all,call_setup_success,97000,100000`,
      `${other},2026-10,${region},all,call_setup_success,10,100000`,
    ].join('\n');

    const refused = await post('/api/v1/quality/kpis', operatorToken, csv);
    assert.equal(refused.statusCode, 403, refused.body);
    assert.deepEqual(
      refused.json<{ errors: Problem[] }>().errors.map((e) => `${e.line}:${e.field}`),
      ['3:operator'],
    );
    const json = JSON.stringify({
      kpis: [{ operator: other, month: '2026-10', region, technology: 'all', kpi: 'call_setup_success', numerator: 1, denominator: 2 }],
    });
    const refusedJson = await post('/api/v1/quality/kpis', operatorToken, json, 'application/json');
    assert.equal(refusedJson.statusCode, 403, refusedJson.body);
    assert.deepEqual(
      refusedJson.json<{ errors: Problem[] }>().errors.map((e) => `${e.line}:${e.field}`),
      ['1:/kpis/0/operator'],
    );
    assert.equal((await post(`/api/v1/quality/kpis?operator=${other}`, operatorToken, csv)).statusCode, 403);
    assert.deepEqual(await createKpiRepository(platform.db.kysely).listReports({ limit: 10 }), [], 'nothing of the file is stored');

    const regulatorToken = await token(['quality:kpis']);
    const mixed = await post(`/api/v1/quality/kpis?operator=${own}`, regulatorToken, csv);
    assert.equal(mixed.statusCode, 422, 'the regulator may name any operator, but one file reports for one');
    const forOther = await post(
      `/api/v1/quality/kpis?operator=${other}`,
      regulatorToken,
      [KPI_HEADER, `${other},2026-10,${region},all,call_setup_success,99000,100000`].join('\n'),
    );
    assert.equal(forOther.statusCode, 201, forOther.body);
    await app.close();
  });
}
