import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOpenDataLicence, DEFAULT_OPEN_DATA_LICENCE, readOpenDataLicence } from './open-data-licence.ts';

const problemsOf = (block: Record<string, unknown>): string[] => {
  const problems: string[] = [];
  checkOpenDataLicence(block, (field, message) => problems.push(`${field}: ${message}`));
  return problems;
};

test('a licence is named and linked together, or left to the default', () => {
  assert.deepEqual(problemsOf({}), []);
  assert.deepEqual(problemsOf({ licenceName: 'ODbL', licenceUrl: 'https://opendatacommons.org/licenses/odbl/' }), []);
  assert.deepEqual(problemsOf({ licenceName: 'ODbL' }), ['openData/licenceUrl: give both licenceName and licenceUrl, or neither']);
  assert.deepEqual(problemsOf({ licenceName: ' ', licenceUrl: 'licence.html' }), [
    'openData/licenceName: must name the licence, such as "CC BY 4.0"',
    'openData/licenceUrl: must be the web address of the licence text',
  ]);
  assert.deepEqual(readOpenDataLicence(undefined), DEFAULT_OPEN_DATA_LICENCE);
  assert.deepEqual(readOpenDataLicence({ licenceName: 'ODbL', licenceUrl: 'https://opendatacommons.org/licenses/odbl/' }), {
    name: 'ODbL',
    url: 'https://opendatacommons.org/licenses/odbl/',
  });
});
