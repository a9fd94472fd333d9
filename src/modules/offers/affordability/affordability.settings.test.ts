import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_OFFER_SETTINGS, checkOfferSettings } from '../offers.settings.ts';
import { DEFAULT_AFFORDABILITY_SETTINGS, DEFAULT_BASKET_IDS, checkAffordabilitySettings, resolveAffordabilitySettings } from './affordability.settings.ts';

const demo = JSON.parse(readFileSync(new URL('../../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
  modules: { offers: Record<string, unknown> };
};

test('an absent block means the documented defaults: ITU baskets with the 2% target, no conversion figures', () => {
  assert.deepEqual(checkAffordabilitySettings(undefined), []);
  assert.deepEqual(checkOfferSettings({}), []);
  const settings = resolveAffordabilitySettings(undefined);
  assert.deepEqual(settings, DEFAULT_AFFORDABILITY_SETTINGS);
  assert.deepEqual(
    DEFAULT_BASKET_IDS,
    DEFAULT_OFFER_SETTINGS.baskets.map((b) => b.id),
  );
  assert.deepEqual(
    settings.baskets.map((b) => [b.basketId, b.targets.map((t) => `${t.operator} ${t.thresholdPercent}`)]),
    [
      ['itu-mobile-data', ['< 2']],
      ['itu-low', ['< 2']],
      ['itu-high', ['< 2']],
      ['itu-fixed', ['< 2']],
    ],
  );
  assert.equal(settings.exchangeRate, null);
});

test('the demo profile passes and is read with its figures, years, sources and targets', () => {
  assert.deepEqual(checkOfferSettings(demo.modules.offers), []);
  assert.deepEqual(checkAffordabilitySettings(demo.modules.offers, 'KES'), []);
  const affordability = resolveAffordabilitySettings(demo.modules.offers);
  assert.deepEqual(affordability.exchangeRate, { value: '129.35', year: 2025, source: affordability.exchangeRate?.source, sourceUrl: null });
  assert.equal(affordability.pppFactor?.value, '49.80');
  assert.deepEqual([affordability.gniPerCapita?.value, affordability.gniPerCapita?.currency, affordability.gniPerCapita?.year], ['2150', 'USD', 2024]);
  const data = affordability.baskets.find((b) => b.basketId === 'itu-mobile-data');
  assert.deepEqual(
    data?.targets.map((t) => [t.id, t.operator, t.thresholdPercent]),
    [
      ['broadband-commission-2025', '<', '2'],
      ['national-plan-2027', '<=', '1.5'],
    ],
  );
});

test('names every wrong affordability field with its path and what it must be', () => {
  const problems = checkOfferSettings({
    affordability: {
      exchangeRate: { localPerUsd: '0', year: 1800, source: '' },
      pppFactor: { localPerIntlDollar: '49,8', year: 2024, source: 'World Bank', sourceUrl: 'ftp://x' },
      gniPerCapita: { amount: '2150', currency: 'usd', year: 2024, source: 'World Bank' },
      includeSocialTariffs: 'no',
      includeOneTimeFees: 1,
      colour: 'green',
      baskets: [
        { basket: 'itu-nope', targets: [] },
        { basket: 'itu-low', targets: [{ id: 'Bad Id', name: '', operator: '=', thresholdPercent: '200' }] },
        { basket: 'itu-low' },
        { basket: 'itu-high', targets: [BBC, BBC] },
      ],
    },
  });
  assert.deepEqual(problems, [
    '/modules/offers/affordability/colour: unknown setting (known: exchangeRate, pppFactor, gniPerCapita, includeSocialTariffs, includeOneTimeFees, baskets)',
    '/modules/offers/affordability/exchangeRate/localPerUsd: must be the price of one US dollar in the local currency, a decimal string greater than 0 such as "129.50"',
    '/modules/offers/affordability/exchangeRate/year: must be the year the figure is for, such as 2024',
    '/modules/offers/affordability/exchangeRate/source: must name where the figure comes from, such as "World Bank, World Development Indicators"',
    '/modules/offers/affordability/pppFactor/localPerIntlDollar: must be the PPP conversion factor (local currency per international dollar), a decimal string greater than 0 such as "129.50"',
    '/modules/offers/affordability/pppFactor/sourceUrl: must be a web address starting with https:// or http://',
    "/modules/offers/affordability/gniPerCapita/currency: must be the jurisdiction's currency or USD",
    '/modules/offers/affordability/includeSocialTariffs: must be true or false',
    '/modules/offers/affordability/includeOneTimeFees: must be true or false',
    '/modules/offers/affordability/baskets/0/basket: must be the id of one of the baskets (itu-mobile-data, itu-low, itu-high, itu-fixed)',
    '/modules/offers/affordability/baskets/1/targets/0/id: must be lower-case letters, digits and dashes',
    '/modules/offers/affordability/baskets/1/targets/0/name: must be a name',
    '/modules/offers/affordability/baskets/1/targets/0/operator: must be "<" (strictly below the threshold) or "<=" (at or below it)',
    '/modules/offers/affordability/baskets/1/targets/0/thresholdPercent: must be a percentage of monthly GNI per capita, a decimal string above 0 and at most 100, such as "2"',
    '/modules/offers/affordability/baskets/2/basket: the basket itu-low is listed twice',
    '/modules/offers/affordability/baskets/3/targets/1/id: the target bbc is listed twice for this basket',
  ]);
});

const BBC = { id: 'bbc', name: 'Broadband Commission', operator: '<', thresholdPercent: '2' };

test("checks basket ids against the profile's own baskets, GNI in USD needs an exchange rate, and GNI's currency against the jurisdiction's", () => {
  const own = {
    baskets: [{ id: 'national-1', name: 'National', serviceType: 'mobile', dataGb: '1' }],
    affordability: {
      baskets: [
        { basket: 'itu-low', targets: [BBC] },
        { basket: 'national-1', targets: [BBC] },
      ],
    },
  };
  assert.deepEqual(checkOfferSettings(own), ['/modules/offers/affordability/baskets/0/basket: must be the id of one of the baskets (national-1)']);
  assert.deepEqual(checkOfferSettings({ affordability: { gniPerCapita: { amount: '2150', currency: 'USD', year: 2024, source: 'WB' } } }), [
    '/modules/offers/affordability/exchangeRate: is needed when gniPerCapita is in USD, to compare local prices with it',
  ]);
  assert.deepEqual(checkAffordabilitySettings({ affordability: { gniPerCapita: { amount: '277000', currency: 'EUR', year: 2024, source: 'WB' } } }, 'KES'), [
    '/modules/offers/affordability/gniPerCapita/currency: must be KES or USD',
  ]);
  assert.deepEqual(checkAffordabilitySettings({ affordability: { gniPerCapita: { amount: '277000', currency: 'KES', year: 2024, source: 'WB' } } }, 'KES'), []);
});
