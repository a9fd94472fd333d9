import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../index.ts';
import { createOffersApiApp } from '../testing/api-app.ts';

const databases = openTestDatabases(allMigrations([offersModule]));

for (const database of databases.all) {
  test(`the compare API ranks current offers with decimal strings and a breakdown [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const reply = await app.inject('/api/v1/offers/compare?type=mobile&data_gb=2&voice_min=70&sms=20&months=12');
    assert.equal(reply.statusCode, 200);
    const body = reply.json<{
      results: {
        rank: number;
        planId: string;
        operatorId: string;
        totalCost: string;
        monthlyCost: string;
        currency: string;
        breakdown: { kind: string; amount: string }[];
      }[];
      notice: { operatorsWithoutOffers: { id: string }[] };
    }>();
    assert.ok(body.results.length > 5);
    for (const [index, r] of body.results.entries()) {
      assert.equal(r.rank, index + 1);
      assert.match(r.totalCost, /^\d+\.\d{2}$/);
      assert.match(r.monthlyCost, /^\d+\.\d{2}$/);
      assert.equal(r.currency, 'KES');
      assert.ok(r.breakdown.length > 0);
    }
    const totals = body.results.map((r) => Number(r.totalCost));
    assert.deepEqual(
      totals,
      [...totals].sort((a, b) => a - b),
      'ascending total cost',
    );
    assert.deepEqual(
      body.notice.operatorsWithoutOffers.map((o) => o.id),
      ['OP-DEMO-4'],
    );
    assert.ok(!body.results.some((r) => r.planId.includes('ADD')), 'add-ons are never ranked alone');

    const invalid = await app.inject('/api/v1/offers/compare?type=tv&data_gb=lots');
    assert.equal(invalid.statusCode, 422);
    assert.deepEqual(
      invalid.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
      ['type', 'data_gb'],
    );
  });

  test(`the comparison page works as a plain GET form, keeps bad input and answers 422 [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const page = await app.inject({ url: '/offers/compare?type=mobile&data_gb=2&voice_min=70&sms=20&months=12', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="get" action="\/offers\/compare"/);
    assert.match(page.body, /Last updated/);
    assert.match(page.body, /licensed operator has no current offer here: \u2068Pwani Mobile\u2069\./);
    assert.match(page.body, /cheapest first; when two totals are equal, by plan id/);
    assert.equal((page.body.match(/<h1>/g) ?? []).length, 1);
    const first = await app.inject({ url: '/offers/compare', headers: { accept: 'text/html' } });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /value="5"/, 'a first visit starts from the medium preset');
    const bad = await app.inject({ url: '/offers/compare?type=mobile&data_gb=lots&months=12', headers: { accept: 'text/html' } });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /href="#field-data_gb"/);
    assert.match(bad.body, /value="lots"/);
    const french = await app.inject({ url: '/offers/compare?lang=fr', headers: { accept: 'text/html' } });
    assert.match(french.body, /Comparer les offres sur ce que vous paieriez vraiment/);
  });

  test(`add-ons bought on a plan are shown by their names, not their plan ids, on the page and in the API [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    // 20 GB a month: Savanna's Monthly Combo 1000 (10 GB) is topped up with its Extra 5 GB add-on.
    const query = 'type=mobile&data_gb=20&voice_min=10&sms=5&months=1&limit=500';
    const api = (await app.inject(`/api/v1/offers/compare?${query}`)).json<{
      results: { planId: string; addons: { planId: string; planName: string; quantity: number }[]; breakdown: { kind: string; detail: string | null }[] }[];
    }>();
    const combo = api.results.find((r) => r.planId === 'M9900000001SVM10GB30000000');
    assert.ok(combo && combo.addons.length > 0, JSON.stringify(combo));
    assert.deepEqual(
      combo.addons.map((a) => [a.planId, a.planName]),
      [['M9900000001SVADD5GB0000000', 'Extra 5 GB add-on']],
    );
    assert.deepEqual(
      combo.breakdown.filter((l) => l.kind === 'addon').map((l) => l.detail),
      ['Extra 5 GB add-on'],
    );
    const page = await app.inject({ url: `/offers/compare?${query}`, headers: { accept: 'text/html' } });
    // The add-on's name is the operator's text: an isolate keeps its direction its own in any page.
    assert.match(page.body, /<td>Add-on \(\u2068Extra 5 GB add-on\u2069\)<\/td>/);
    assert.doesNotMatch(page.body, /\(M9900000001SVADD5GB0000000\)/);
  });

  test(`switching the comparison to home internet ignores and clears the mobile-only fields, without JavaScript too [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const page = await app.inject({
      url: '/offers/compare?type=fixed&data_gb=50&voice_min=lots&sms=-3&min_speed=5&months=12',
      headers: { accept: 'text/html' },
    });
    assert.equal(page.statusCode, 200, 'minutes and messages do not matter for home internet, so their values cannot be wrong');
    assert.match(page.body, /<input[^>]*name="voice_min"[^>]*value(="")?[ />]/);
    assert.match(page.body, /<input[^>]*name="sms"[^>]*value(="")?[ />]/);
    assert.match(page.body, /<fieldset[^>]*data-mobile-only[^>]*>/);
    assert.match(page.body, /<script src="\/assets\/offers\/offer-compare\.js" defer><\/script>/);
    assert.equal((await app.inject('/assets/offers/offer-compare.js')).statusCode, 200);
    const api = (await app.inject('/api/v1/offers/compare?type=fixed&data_gb=50&voice_min=500&sms=100&months=12')).json<{
      profile: { voiceMinutes: number; sms: number };
    }>();
    assert.deepEqual([api.profile.voiceMinutes, api.profile.sms], [0, 0]);
    // A preset for home internet gives no minutes either, and mobile keeps them.
    const preset = await app.inject({ url: '/offers/compare?preset=home-light&voice_min=70', headers: { accept: 'text/html' } });
    assert.match(preset.body, /<input[^>]*name="voice_min"[^>]*value(="")?[ />]/);
    const mobile = await app.inject({ url: '/offers/compare?type=mobile&data_gb=2&voice_min=70&sms=20&months=12', headers: { accept: 'text/html' } });
    assert.match(mobile.body, /<input[^>]*name="voice_min"[^>]*value="70"/);
  });
}
