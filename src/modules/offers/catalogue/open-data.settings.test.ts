import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSettings, settingsOf } from '../../../platform/settings.ts';
import { offersSettings } from '../offers.settings.ts';

test('names wrong open data settings, reads the licence a profile names, and CC BY 4.0 by default', () => {
  assert.deepEqual(checkSettings(offersSettings, { openData: { licenceName: '', licenceUrl: 'creativecommons.org' } }), [
    '/modules/offers/openData/licenceName: must name the licence, such as "CC BY 4.0"',
    '/modules/offers/openData/licenceUrl: must be the web address of the licence text',
  ]);
  assert.deepEqual(checkSettings(offersSettings, { openData: { licenceName: 'ODbL', licence: 'odbl' } }), [
    '/modules/offers/openData/licence: unknown setting (known: licenceName, licenceUrl)',
  ]);
  assert.deepEqual(checkSettings(offersSettings, { openData: { licenceName: 'ODbL' } }), [
    '/modules/offers/openData/licenceUrl: give both licenceName and licenceUrl, or neither',
  ]);
  assert.deepEqual(
    settingsOf(offersSettings, { openData: { licenceName: 'ODbL', licenceUrl: 'https://opendatacommons.org/licenses/odbl/' } }).openData.licence,
    {
      name: 'ODbL',
      url: 'https://opendatacommons.org/licenses/odbl/',
    },
  );
  assert.equal(settingsOf(offersSettings, undefined).openData.licence.url, 'https://creativecommons.org/licenses/by/4.0/');
});
