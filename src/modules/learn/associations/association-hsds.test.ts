import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildApp } from '../../../app.ts';
import { allMigrations } from '../../../platform/create.ts';
import { readCsvRecords } from '../../../platform/csv-records.ts';
import { createQualityStatisticsServiceFor, qualityModule } from '../../quality/index.ts';
import { learnModule } from '../index.ts';
import { HSDS_COLUMNS, HSDS_TABLES, hsdsId, nameBasedUuid, type HsdsTable } from './association-hsds.ts';
import { DEMO_ASSOCIATIONS, seedAssociationsDemo } from './associations.demo.ts';

// ajv-formats is published as CommonJS with a default export object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const MODULES = [qualityModule, learnModule];
const databases = openTestDatabases(allMigrations(MODULES));
const REGIONS = new URL('../../quality/demo/regions.geojson', import.meta.url);
// Open Referral's HSDS 3.0 schemas, vendored because the tests run without a network (test/fixtures/hsds/README.md).
const FIXTURES = new URL('../../../../test/fixtures/hsds/', import.meta.url);

type Schema = Record<string, unknown>;

/**
 * Forbids members a schema does not name, in every object schema, as Open Referral's own check of
 * its examples does (`compiletojsonschema --set-additional-properties-false-everywhere`): without
 * it a misspelt or invented field would pass, since HSDS schemas leave objects open.
 */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (node === null || typeof node !== 'object') return node;
  const copy: Schema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closed(v)]));
  if (copy['type'] === 'object' && copy['properties'] && copy['additionalProperties'] === undefined) copy['additionalProperties'] = false;
  return copy;
}

const schemas = new Map(
  readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .map((file) => [file, JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as Schema]),
);
// HSDS's own keywords (Frictionless table metadata, examples, the core flag) annotate for Ajv;
// `tabular_required` (what a CSV row needs beyond `required`) is checked below on the CSV tables.
const ajv = new Ajv2020({
  allErrors: true,
  keywords: ['name', 'path', 'datapackage_metadata', 'datapackage_type', 'constraints', 'example', 'core', 'tabular_required'],
});
addFormats(ajv);
// The files name each other by file name ("$ref": "phone.json"): each is added under its own.
for (const [file, schema] of schemas) ajv.addSchema(closed(schema) as Schema, file);
// An organisation with its services nested is HSDS's compiled organization.json (the API's
// /organizations/{id}): the base organization.json plus `services`, each a service.json.
const organisationSchema = structuredClone(schemas.get('organization.json')) as Schema & { properties: Schema };
organisationSchema.properties['services'] = { type: 'array', items: { $ref: 'service.json' } };
ajv.addSchema(closed(organisationSchema) as Schema, 'organization_full.json');

const explain = (errors: ErrorObject[] | null | undefined) => (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);

/** The HSDS schema of each CSV table. */
const TABLE_SCHEMA: Record<HsdsTable, string> = {
  organizations: 'organization.json',
  services: 'service.json',
  locations: 'location.json',
  phones: 'phone.json',
  service_areas: 'service_area.json',
  languages: 'language.json',
};

for (const database of databases.all) {
  test(`the demo directory's HSDS export, JSON and CSV, is valid against Open Referral's HSDS 3.0 schemas [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: MODULES });
    await createQualityStatisticsServiceFor(platform).importRegions({
      text: readFileSync(REGIONS, 'utf8'),
      source: 'test',
      actor: { type: 'system', id: null },
    });
    await seedAssociationsDemo(platform);
    const app = await buildApp(platform, MODULES);

    const document = (await app.inject('/learn/associations.hsds.json')).json<{ hsds_version: string; organizations: Schema[] }>();
    assert.equal(document.hsds_version, '3.0');
    assert.equal(document.organizations.length, DEMO_ASSOCIATIONS.length);
    const validateOrganisation = ajv.getSchema('organization_full.json');
    assert.ok(validateOrganisation);
    for (const organisation of document.organizations)
      assert.ok(validateOrganisation(organisation), `${String(organisation['name'])}:\n${explain(validateOrganisation.errors).join('\n')}`);
    // Every kind of object the export writes is there to be checked.
    const services = document.organizations.flatMap((o) => o['services'] as Schema[]);
    assert.ok(services.some((s) => typeof s['accreditations'] === 'string'));
    for (const nested of ['service_areas', 'languages'])
      assert.ok(
        services.some((s) => (s[nested] as unknown[]).length > 0),
        nested,
      );
    for (const nested of ['locations', 'phones'])
      assert.ok(
        document.organizations.some((o) => (o[nested] as unknown[]).length > 0),
        nested,
      );
    // Ids are unique across the whole export, as each table's `constraints.unique` asks.
    const ids = JSON.stringify(document).match(/"id":"[^"]*"/g) ?? [];
    assert.equal(new Set(ids).size, ids.length);

    // Each CSV row, read as HSDS's tabular form (an empty cell is no value; a `number` column holds a number), is valid too.
    for (const table of HSDS_TABLES) {
      const answer = await app.inject(`/learn/associations/hsds/${table}.csv`);
      assert.equal(answer.statusCode, 200, table);
      const read = readCsvRecords(answer.body);
      assert.ok('records' in read, table);
      const [header, ...rows] = read.records.map((r) => r.cells);
      assert.deepEqual(header, HSDS_COLUMNS[table], table);
      assert.ok(rows.length > 0, table);
      const schema = schemas.get(TABLE_SCHEMA[table]) as { properties: Record<string, { type?: string }>; tabular_required?: string[] };
      const validate = ajv.getSchema(TABLE_SCHEMA[table]);
      assert.ok(validate);
      for (const cells of rows) {
        const row = Object.fromEntries(
          (header ?? [])
            .map((column, i) => [column, cells[i] ?? ''] as const)
            .filter(([, cell]) => cell !== '')
            .map(([column, cell]) => [column, schema.properties[column]?.type === 'number' ? Number(cell) : cell]),
        );
        assert.ok(validate(row), `${table} ${JSON.stringify(row)}:\n${explain(validate.errors).join('\n')}`);
        for (const column of schema.tabular_required ?? []) assert.ok(column in row, `${table} ${JSON.stringify(row)}: no ${column}`);
      }
    }
    await app.close();
  });
}

test('name-based ids are RFC 9562 version 5 UUIDs, and an entry created in Kinga keeps its own id', () => {
  // RFC 9562's example: "www.example.com" in the DNS namespace.
  assert.equal(nameBasedUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  assert.equal(hsdsId('0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b'), '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b');
  assert.equal(hsdsId('demo-consumers-union'), nameBasedUuid('demo-consumers-union'));
  assert.notEqual(hsdsId('demo-consumers-union', 'service/advice'), hsdsId('demo-consumers-union', 'service/mediation'));
  assert.match(hsdsId('demo-consumers-union', 'phone'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
