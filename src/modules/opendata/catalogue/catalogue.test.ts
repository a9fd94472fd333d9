import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Parser, Store, type Quad } from 'n3';
import jsonld from 'jsonld';
import SHACLValidator from 'rdf-validate-shacl';
import { buildApp } from '../../../app.ts';
import { modules } from '../../index.ts';
import { allMigrations } from '../../../platform/create.ts';
import { seedDemo } from '../../../platform/demo.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestClock, createTestPlatform } from '../../../../test/helpers/platform.ts';
import { wantsTurtle } from './catalogue.routes.tsx';

const databases = openTestDatabases(allMigrations(modules));
const FIXTURES = new URL('../../../../test/fixtures/dcat-ap/', import.meta.url);
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** Every constraint of DCAT-AP 3.0.0 (violations), and its recommendations (warnings). */
function shapes(): Store {
  return new Store(['dcat-ap-SHACL.ttl', 'shapes_recommended.ttl'].flatMap((file) => new Parser().parse(readFileSync(new URL(file, FIXTURES), 'utf8'))));
}

/** The results of validating `data`, each as "severity focus path", and whether any is a violation. */
async function validate(data: Store): Promise<{ violations: string[]; warnings: string[] }> {
  const report = await new SHACLValidator(shapes()).validate(data);
  const said = (r: (typeof report.results)[number]) => `${r.focusNode?.value ?? ''} ${r.path?.value ?? ''} ${r.message.map((m) => m.value).join(' ')}`;
  return {
    violations: report.results.filter((r) => r.severity?.value.endsWith('#Violation')).map(said),
    warnings: report.results.filter((r) => !r.severity?.value.endsWith('#Violation')).map(said),
  };
}

/**
 * The recommendations Kinga leaves unmet: the bounding box and centre of the country, which a
 * profile does not give, and the period of a dataset that is a snapshot of today or holds no data yet.
 */
const ALLOWED_WARNINGS = [
  /country\/[A-Z]{3} http:\/\/www\.w3\.org\/ns\/dcat#(bbox|centroid) /,
  /#dataset-[a-z.]+ http:\/\/purl\.org\/dc\/terms\/temporal Less than 1 values$/,
];

test('Turtle is chosen only when asked for before JSON-LD', () => {
  assert.equal(wantsTurtle('text/turtle'), true);
  assert.equal(wantsTurtle('text/turtle, application/ld+json;q=0.5'), true);
  assert.equal(wantsTurtle('application/ld+json, text/turtle;q=0.5'), false);
  assert.equal(wantsTurtle('*/*'), false);
  assert.equal(wantsTurtle(undefined), false);
  assert.equal(wantsTurtle('text/turtle;q=0'), false);
});

for (const database of databases.all) {
  test(`the catalogue of the demo is valid DCAT-AP 3.0 in JSON-LD and Turtle, and every CSV file's header is its Table Schema [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), {
      modules,
      clock: createTestClock('2026-12-20T09:00:00Z'),
      env: { PUBLIC_URL: 'https://kinga.example' },
    });
    await seedDemo(platform, modules);
    const app = await buildApp(platform, modules);
    try {
      const answer = await app.inject('/catalog.jsonld');
      assert.equal(answer.statusCode, 200);
      assert.match(String(answer.headers['content-type']), /^application\/ld\+json/);
      const document = answer.json<object>();
      const refuse = (url: string) => Promise.reject(new Error(`no network in tests: ${url}`));
      const nquads = (await jsonld.toRDF(document, { format: 'application/n-quads', documentLoader: refuse })) as unknown as string;
      const fromJsonLd = new Store(new Parser({ format: 'N-Quads' }).parse(nquads));

      const turtle = await app.inject({ url: '/catalog.jsonld', headers: { accept: 'text/turtle' } });
      assert.equal(turtle.statusCode, 200);
      assert.match(String(turtle.headers['content-type']), /^text\/turtle/);
      const fromTurtle = new Store(new Parser({ format: 'Turtle' }).parse(turtle.body));
      assert.equal(fromTurtle.size, fromJsonLd.size, 'the two serialisations hold the same statements');

      for (const [name, data] of [
        ['JSON-LD', fromJsonLd],
        ['Turtle', fromTurtle],
      ] as const) {
        const { violations, warnings } = await validate(data);
        assert.deepEqual(violations, [], `${name}: no violation of DCAT-AP 3.0`);
        const unexpected = warnings.filter((w) => !ALLOWED_WARNINGS.some((a) => a.test(w)));
        if (warnings.length > 0) console.log(`${name}: recommendations not met:\n  ${warnings.join('\n  ')}`);
        assert.deepEqual(unexpected, [], `${name}: only the known recommendations are unmet`);
      }

      // Every dataset the modules declared is in the catalogue, with its translated titles and absolute addresses.
      const objects = (s: string, p: string) => fromTurtle.getQuads(s, p, null, null).map((q: Quad) => q.object);
      const datasets = fromTurtle.getQuads(null, RDF_TYPE, `${DCAT}Dataset`, null).map((q) => q.subject.value);
      assert.deepEqual(datasets.map((d) => objects(d, `${DCT}identifier`)[0]?.value).sort(), platform.datasets.map((d) => d.id).sort());
      const current = 'https://kinga.example/open-data#dataset-offers.current';
      assert.deepEqual(
        objects(current, `${DCT}title`)
          .map((o) => (o.termType === 'Literal' ? o.language : ''))
          .sort(),
        ['ar', 'en', 'es', 'fr', 'ru', 'zh'],
      );
      const files = objects(current, `${DCAT}distribution`).map((o) => o.value);
      assert.deepEqual(files.flatMap((f) => objects(f, `${DCAT}downloadURL`).map((o) => o.value)).sort(), [
        'https://kinga.example/api/v1/offers/export/current.csv',
        'https://kinga.example/api/v1/offers/export/current.json',
      ]);
      assert.ok(files.some((f) => objects(f, `${DCT}license`).some((o) => o.value === 'https://creativecommons.org/licenses/by/4.0/')));
      const measurements = 'https://kinga.example/open-data#dataset-quality.measurements';
      const period = objects(measurements, `${DCT}temporal`)[0]?.value ?? '';
      assert.match(objects(period, `${DCAT}startDate`)[0]?.value ?? '', /^\d{4}-\d{2}-01$/);

      // Each CSV file of the demo begins with exactly the fields of its schema, served at its address.
      // A file of a series is asked for a period that is over on the test's clock.
      const concrete = (path: string) => path.replace('{month}', '2026-11').replace('{week}', '2026-W49');
      let checked = 0;
      for (const d of platform.datasets)
        for (const [index, file] of d.distributions.entries()) {
          if (!file.tableSchema) continue;
          const path = concrete(file.path);
          const csv = await app.inject(path);
          assert.equal(csv.statusCode, 200, path);
          const header = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
          assert.deepEqual(
            header.split(','),
            file.tableSchema.fields.map((f) => f.name),
            `${d.id}: the header of ${path} is its Table Schema`,
          );
          const schema = await app.inject(`/api/v1/open-data/schemas/${d.id}-${index + 1}.json`);
          assert.equal(schema.statusCode, 200);
          assert.deepEqual(
            schema.json<{ fields: { name: string }[] }>().fields.map((f) => f.name),
            file.tableSchema.fields.map((f) => f.name),
          );
          // A withheld count is written one way in every file: empty, with a boolean `<column>_suppressed` after it.
          const fields = file.tableSchema.fields;
          for (const [i, f] of fields.entries())
            if (f.name.endsWith('_suppressed')) {
              assert.equal(f.type, 'boolean', `${d.id}: ${f.name}`);
              assert.equal(`${fields[i - 1]?.name ?? ''}_suppressed`, f.name, `${d.id}: ${f.name} follows its column`);
            }
          assert.ok(!(file.tableSchema.missingValues ?? []).includes('suppressed'), `${d.id}: no word stands for a withheld cell`);
          checked += 1;
        }
      assert.ok(checked >= 7, `every CSV file is checked (${checked})`);
      assert.equal((await app.inject('/api/v1/open-data/schemas/nothing-1.json')).statusCode, 404);
      assert.equal((await app.inject('/api/v1/open-data/schemas/%3Cscript%3E')).statusCode, 404);

      const page = await app.inject('/open-data?lang=fr');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Offres de télécommunications en vigueur/);
      assert.match(page.body, /href="\/api\/v1\/open-data\/schemas\/offers\.current-1\.json"/);
      assert.doesNotMatch(page.body, /<script/);
    } finally {
      await app.close();
    }
  });
}
