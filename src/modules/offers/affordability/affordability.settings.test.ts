import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkSettings, settingsOf } from '../../../platform/settings.ts';
import { offersSettings } from '../offers.settings.ts';

const demo = JSON.parse(readFileSync(new URL('../../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
  modules: { offers: Record<string, unknown> };
};

test('an absent block means the documented defaults: ITU baskets with the 2% target, no conversion figures', () => {
  assert.deepEqual(checkSettings(offersSettings, undefined), []);
  assert.deepEqual(checkSettings(offersSettings, {}), []);
  const settings = settingsOf(offersSettings, undefined).affordability;
  assert.deepEqual(
    settings.baskets.map((b) => [b.basketId, b.targets.map((t) => `${t.id} ${t.operator} ${t.thresholdPercent}`)]),
    [
      ['itu-mobile-data', ['broadband-commission-2025 < 2']],
      ['itu-low', ['broadband-commission-2025 < 2']],
      ['itu-high', ['broadband-commission-2025 < 2']],
      ['itu-fixed', ['broadband-commission-2025 < 2']],
    ],
  );
  assert.deepEqual(
    [settings.exchangeRate, settings.pppFactor, settings.gniPerCapita, settings.isSocialTariffIncluded, settings.isOneTimeFeeIncluded],
    [null, null, null, false, false],
  );
});

test("the measured baskets default to the profile's own baskets when it declares them", () => {
  const own = { baskets: [{ id: 'national-1', name: 'National', serviceType: 'mobile', dataGb: '1' }] };
  assert.deepEqual(
    settingsOf(offersSettings, own).affordability.baskets.map((b) => [b.basketId, b.targets.length]),
    [['national-1', 1]],
  );
});

test('the demo profile passes and is read with its figures, years, sources and targets', () => {
  assert.deepEqual(checkSettings(offersSettings, demo.modules.offers), []);
  const affordability = settingsOf(offersSettings, demo.modules.offers).affordability;
  assert.deepEqual(affordability.exchangeRate, { value: '129.35', year: 2025, source: affordability.exchangeRate?.source, sourceUrl: null });
  assert.equal(affordability.pppFactor?.value, '49.80');
  assert.deepEqual([affordability.gniPerCapita?.value, affordability.gniPerCapita?.currency, affordability.gniPerCapita?.year], ['2150', 'USD', 2024]);
  const data = affordability.baskets.find((b) => b.basketId === 'itu-mobile-data');
  assert.deepEqual(
    data?.targets.map((t) => [t.id, t.operator, t.thresholdPercent, t.source]),
    [
      ['broadband-commission-2025', '<', '2', 'Broadband Commission for Sustainable Development, 2025 Targets'],
      ['national-plan-2027', '<=', '1.5', 'Demo Communications Authority (fictional)'],
    ],
  );
});

const BBC = { id: 'bbc', name: 'Broadband Commission', operator: '<', thresholdPercent: '2' };

test('names every wrong affordability field with its path and what it must be', () => {
  const problems = checkSettings(offersSettings, {
    affordability: {
      exchangeRate: { localPerUsd: '0', year: 1800, source: '' },
      pppFactor: { localPerIntlDollar: '49,8', year: 2024, source: 'World Bank', sourceUrl: 'https://data.worldbank.org/' },
      gniPerCapita: { amount: '2150', currency: 'usd', year: 2024, source: 'World Bank' },
      includeSocialTariffs: 'no',
      includeOneTimeFees: 1,
      colour: 'green',
      baskets: [
        { basket: 'itu-low', targets: [{ id: 'Bad Id', name: '', operator: '=', thresholdPercent: '200' }] },
        { basket: 'itu-high', targets: 'all' },
        'itu-fixed',
      ],
    },
  });
  assert.deepEqual(problems, [
    '/modules/offers/affordability/colour: unknown setting (known: exchangeRate, pppFactor, gniPerCapita, includeSocialTariffs, includeOneTimeFees, baskets)',
    '/modules/offers/affordability/exchangeRate/localPerUsd: must be the price of one US dollar in the local currency, a decimal string greater than 0 such as "129.50"',
    '/modules/offers/affordability/exchangeRate/year: must be the year the figure is for, such as 2024',
    '/modules/offers/affordability/exchangeRate/source: must name where the figure comes from, such as "World Bank, World Development Indicators"',
    '/modules/offers/affordability/pppFactor/localPerIntlDollar: must be the PPP conversion factor (local currency per international dollar), a decimal string greater than 0 such as "129.50"',
    "/modules/offers/affordability/gniPerCapita/currency: must be the jurisdiction's currency or USD",
    '/modules/offers/affordability/includeSocialTariffs: must be true or false',
    '/modules/offers/affordability/includeOneTimeFees: must be true or false',
    '/modules/offers/affordability/baskets/0/targets/0/id: must be lower-case letters, digits and dashes',
    '/modules/offers/affordability/baskets/0/targets/0/name: must be a name',
    '/modules/offers/affordability/baskets/0/targets/0/operator: must be "<" (strictly below the threshold) or "<=" (at or below it)',
    '/modules/offers/affordability/baskets/0/targets/0/thresholdPercent: must be a percentage of monthly GNI per capita, a decimal string above 0 and at most 100, such as "2"',
    '/modules/offers/affordability/baskets/1/targets: must be a list of targets',
    '/modules/offers/affordability/baskets/2: must be an object with basket and targets',
  ]);
  assert.deepEqual(checkSettings(offersSettings, { affordability: { exchangeRate: 129 } }), [
    '/modules/offers/affordability/exchangeRate: must be an object with localPerUsd, year and source',
  ]);
});

test('a threshold is a percentage above 0 and at most 100', () => {
  const thresholds = ['2', '1.5', '0.01', '100', '100.000', '099.5', '0', '0.000', '100.01', '101', '-1', '2%', '1e2'];
  assert.deepEqual(
    thresholds.map(
      (thresholdPercent) =>
        checkSettings(offersSettings, { affordability: { baskets: [{ basket: 'itu-low', targets: [{ ...BBC, thresholdPercent }] }] } }).length,
    ),
    [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1],
  );
});

test("checks basket ids against the profile's own baskets, each basket and target once, web addresses, and an exchange rate for GNI in USD", () => {
  const own = {
    baskets: [{ id: 'national-1', name: 'National', serviceType: 'mobile', dataGb: '1' }],
    affordability: {
      baskets: [{ basket: 'itu-low', targets: [BBC] }, { basket: 'national-1', targets: [BBC] }, { basket: 'national-1' }],
    },
  };
  assert.deepEqual(checkSettings(offersSettings, own), [
    '/modules/offers/affordability/baskets/0/basket: must be the id of one of the baskets (national-1)',
    '/modules/offers/affordability/baskets/2/basket: the basket national-1 is listed twice',
  ]);
  assert.deepEqual(checkSettings(offersSettings, { affordability: { baskets: [{ basket: 'itu-high', targets: [BBC, BBC] }] } }), [
    '/modules/offers/affordability/baskets/0/targets/1/id: the target bbc is listed twice for this basket',
  ]);
  assert.deepEqual(
    checkSettings(offersSettings, { affordability: { pppFactor: { localPerIntlDollar: '49.8', year: 2024, source: 'World Bank', sourceUrl: 'ftp://x' } } }),
    ['/modules/offers/affordability/pppFactor/sourceUrl: must be a web address starting with https:// or http://'],
  );
  assert.deepEqual(checkSettings(offersSettings, { affordability: { gniPerCapita: { amount: '2150', currency: 'USD', year: 2024, source: 'WB' } } }), [
    '/modules/offers/affordability/exchangeRate: is needed when gniPerCapita is in USD, to compare local prices with it',
  ]);
  // Against the jurisdiction's own currency, GNI is checked where the service is built (affordability.wiring.ts).
  assert.deepEqual(checkSettings(offersSettings, { affordability: { gniPerCapita: { amount: '277000', currency: 'KES', year: 2024, source: 'WB' } } }), []);
});
