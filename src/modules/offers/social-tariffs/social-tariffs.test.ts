import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../index.ts';
import { OFFER_FILE, validateOfferRows, type OfferValidationOptions } from '../catalogue/offer-file.ts';
import { offersSettings } from '../offers.settings.ts';
import { checkSettings, settingsOf } from '../../../platform/settings.ts';
import { parseTabularCsv } from '../catalogue/tabular-file.ts';
import { createOffersApiApp } from '../testing/api-app.ts';
import { offerCsv, offerRow } from '../testing/offer-rows.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const ELIGIBILITY = ['social-assistance', 'disability', 'older-person'];
const OPTIONS: OfferValidationOptions = { isLenient: false, currency: 'KES', today: '2026-12-01', eligibilityIds: new Set(ELIGIBILITY) };
const JAMII = 'M9900000002BBJAMII00000000';
const LIFELINE = 'M9900000004PWLIFE000000000';
const html = { accept: 'text/html' };

function check(rows: Record<string, string>[]) {
  const parsed = parseTabularCsv(offerCsv(rows), OFFER_FILE);
  return validateOfferRows(parsed.rows, OPTIONS);
}

test('the profile declares who may be eligible for a social tariff; a wrong declaration is named by its path', () => {
  const block = { socialTariffs: { eligibility: [{ id: 'social-assistance', name: 'Receiving social assistance' }] } };
  assert.deepEqual(checkSettings(offersSettings, block), []);
  assert.deepEqual(settingsOf(offersSettings, block).socialTariffs.eligibility, [{ id: 'social-assistance', name: 'Receiving social assistance' }]);
  assert.deepEqual(settingsOf(offersSettings, {}).socialTariffs.eligibility, []);
  assert.deepEqual(
    checkSettings(offersSettings, {
      socialTariffs: {
        eligibility: [{ id: 'Bad Id', name: '' }, { id: 'x', name: 'X' }, 'y'],
        extra: 1,
      },
    }),
    [
      '/modules/offers/socialTariffs/extra: unknown setting (known: eligibility)',
      '/modules/offers/socialTariffs/eligibility/0/id: must be lower-case letters, digits and dashes',
      '/modules/offers/socialTariffs/eligibility/0/name: must be a name',
      '/modules/offers/socialTariffs/eligibility/2: must be an object with id and name',
    ],
  );
  assert.deepEqual(
    checkSettings(offersSettings, {
      socialTariffs: {
        eligibility: [
          { id: 'x', name: 'X' },
          { id: 'x', name: 'Again' },
        ],
      },
    }),
    ['/modules/offers/socialTariffs/eligibility/1/id: the criterion x is listed twice'],
  );
  assert.deepEqual(checkSettings(offersSettings, { socialTariffs: [] }), ['/modules/offers/socialTariffs: must be an object with eligibility']);
  assert.deepEqual(checkSettings(offersSettings, { socialTariffs: { eligibility: {} } }), [
    '/modules/offers/socialTariffs/eligibility: must be a list of {"id": "...", "name": "..."}',
  ]);
});

test('an offer file says who is eligible for a social tariff, by the criteria of the profile, separated by ; or |', () => {
  const result = check([
    offerRow({ social_tariff: 'Yes', social_tariff_eligibility: 'social-assistance; older-person' }),
    offerRow({ unique_plan_id: 'M1234567890ABCDEFGHIJ00002', social_tariff: 'Yes', social_tariff_eligibility: '' }),
    offerRow({ unique_plan_id: 'M1234567890ABCDEFGHIJ00003', social_tariff: 'Yes', social_tariff_eligibility: 'disability|students' }),
    offerRow({ unique_plan_id: 'M1234567890ABCDEFGHIJ00004', social_tariff: 'No', social_tariff_eligibility: 'disability' }),
  ]);
  assert.deepEqual(
    result.offers.map((o) => [o.line, o.record.isSocialTariff, o.record.socialTariffEligibility]),
    [
      [2, true, ['social-assistance', 'older-person']],
      // Unstated: people may be eligible, and ask the operator.
      [3, true, undefined],
    ],
  );
  assert.deepEqual(
    result.problems.map((p) => `${p.line} ${p.field}: ${p.message}`),
    [
      '4 social_tariff_eligibility: "students" is not one of the eligibility criteria of this jurisdiction (social-assistance, disability, older-person).',
      '5 social_tariff_eligibility: Eligibility is given but social_tariff is not Yes; only a social tariff has eligibility criteria.',
    ],
  );
});

for (const database of databases.all) {
  test(`the comparison filters social tariffs one may be eligible for and offers with accessibility features, and marks them [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const query = 'type=mobile&data_gb=1&voice_min=30&sms=20&months=12&include_stale=1&limit=500';
    type Body = {
      filters: { socialTariffsOnly: boolean; eligibility: string[]; accessibilityFeatures: boolean };
      results: { planId: string; isSocialTariff: boolean; socialTariffEligibility: string[]; accessibilityFeatures: string | null }[];
    };
    const all = (await app.inject(`/api/v1/offers/compare?${query}`)).json<Body>();
    assert.ok(all.results.length > 5);
    assert.deepEqual(all.filters, { socialTariffsOnly: false, eligibility: [], accessibilityFeatures: false });

    const social = (await app.inject(`/api/v1/offers/compare?${query}&social=1`)).json<Body>();
    assert.deepEqual(social.results.map((r) => r.planId).sort(), [JAMII, LIFELINE]);
    assert.ok(social.results.every((r) => r.isSocialTariff));
    const olderPerson = (await app.inject(`/api/v1/offers/compare?${query}&eligible=older-person`)).json<Body>();
    assert.deepEqual(olderPerson.filters, { socialTariffsOnly: true, eligibility: ['older-person'], accessibilityFeatures: false });
    assert.deepEqual(
      olderPerson.results.map((r) => [r.planId, r.socialTariffEligibility]),
      [[LIFELINE, ['social-assistance', 'older-person']]],
    );
    const either = (await app.inject(`/api/v1/offers/compare?${query}&eligible=older-person&eligible=disability`)).json<Body>();
    assert.deepEqual(either.results.map((r) => r.planId).sort(), [JAMII, LIFELINE]);

    const accessible = (await app.inject(`/api/v1/offers/compare?${query}&accessible=1`)).json<Body>();
    assert.ok(accessible.results.length >= 2);
    assert.ok(accessible.results.every((r) => r.accessibilityFeatures !== null));
    assert.ok(accessible.results.length < all.results.length);

    const unknown = await app.inject(`/api/v1/offers/compare?${query}&eligible=astronaut`);
    assert.equal(unknown.statusCode, 422);
    assert.deepEqual(
      unknown.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
      ['eligible'],
    );

    // The page: the filters are part of the plain GET form, the results carry badges, and the list of social tariffs is linked.
    const page = await app.inject({ url: `/offers/compare?${query}&eligible=disability`, headers: html });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<input type="checkbox" id="field-social" name="social" value="1" checked/);
    assert.match(page.body, /<input type="checkbox" id="field-eligible-disability" name="eligible" value="disability" checked/);
    assert.match(page.body, /<input type="checkbox" id="field-accessible" name="accessible" value="1"\/>/);
    assert.match(page.body, /Living with a disability/);
    assert.match(
      page.body,
      /<li class="offer-badge offer-badge-social">Social tariff<\/li><li class="offer-badge offer-badge-accessibility">Accessibility features<\/li>/,
    );
    assert.match(page.body, /Who may get it: Receiving social assistance \(a cash transfer\) or Living with a disability\./);
    assert.match(page.body, /Features for users with disabilities: \u2068Large-print SIM pack and bills; priority line for customers with disabilities\u2069/);
    assert.match(page.body, /href="\/offers\/social-tariffs\?lang=en"/);
    assert.match(page.body, /Only social tariffs you may be eligible for are shown\./);
    const french = await app.inject({ url: `/offers/compare?${query}&social=1&lang=fr`, headers: html });
    assert.match(french.body, /Tarif social/);
  });

  test(`a public page lists the current social tariffs with who may get them, linked from the navigation and the comparison [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const page = await app.inject({ url: '/offers/social-tariffs', headers: html });
    assert.equal(page.statusCode, 200);
    assert.equal((page.body.match(/<h1>/g) ?? []).length, 1);
    assert.match(page.body, /<li><a href="\/offers\/social-tariffs" aria-current="page">Social tariffs<\/a><\/li>/);
    assert.match(page.body, /<span dir="auto">Baobab Telecom<\/span> · <span dir="auto">Baobab Jamii<\/span>/);
    const jamii = page.body.indexOf(`/offers/${JAMII}?lang=en`);
    const lifeline = page.body.indexOf(`/offers/${LIFELINE}?lang=en`);
    assert.ok(jamii > 0 && lifeline > 0, 'both current social tariffs are listed');
    assert.ok(jamii < lifeline, 'by operator name, then plan name: a neutral order');
    assert.match(page.body, /Receiving social assistance/);
    assert.match(page.body, /Aged 70 or over/);
    // Pwani's tariff is stale: listed, and marked, since it may no longer be true.
    assert.match(page.body, /Not updated recently: check with the operator/);
    assert.match(page.body, /href="\/offers\/compare\?social=1&amp;lang=en"/);
    assert.doesNotMatch(page.body, /M9900000001SVM10GB30000000/, 'no other offer');
    const arabic = await app.inject({ url: '/offers/social-tariffs?lang=ar', headers: html });
    assert.match(arabic.body, /<html lang="ar" dir="rtl"/);
    assert.match(arabic.body, /التعرفات الاجتماعية/);
    const schema = (await app.inject('/api/v1/formats/offers.schema.json')).json<{
      properties: { offers: { items: { properties: Record<string, { description: string }> } } };
    }>();
    assert.match(
      schema.properties.offers.items.properties['social_tariff_eligibility']?.description ?? '',
      /social-assistance \(Receiving social assistance \(a cash transfer\)\); disability/,
    );
    const home = await app.inject({ url: '/', headers: html });
    assert.match(home.body, /href="\/offers\/social-tariffs"/);
  });
}
