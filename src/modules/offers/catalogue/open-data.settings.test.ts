import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOfferSettings } from '../offers.settings.ts';
import { resolveOpenDataSettings } from './open-data.settings.ts';

test('names wrong open data settings, reads the licence a profile names, and CC BY 4.0 by default', () => {
  assert.deepEqual(checkOfferSettings({ openData: { licenceName: '', licenceUrl: 'creativecommons.org' } }), [
    '/modules/offers/openData/licenceName: must name the licence, such as "CC BY 4.0"',
    '/modules/offers/openData/licenceUrl: must be the web address of the licence text',
  ]);
  assert.deepEqual(resolveOpenDataSettings({ openData: { licenceName: 'ODbL', licenceUrl: 'https://opendatacommons.org/licenses/odbl/' } }).licence, {
    name: 'ODbL',
    url: 'https://opendatacommons.org/licenses/odbl/',
  });
  assert.equal(resolveOpenDataSettings(undefined).licence.url, 'https://creativecommons.org/licenses/by/4.0/');
});
