import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileDifferences, profileFormValues, readAssociationProfile } from './association-profile.ts';
import { hsdsCsv, hsdsId } from './association-hsds.ts';

const CHOICES = { regions: ['NAI', 'COA'], languages: ['sw', 'en'], services: ['advice', 'training'] as const };
const VALID = {
  name: '  Union  ',
  description_en: 'Helps.',
  regions: ['COA', 'NAI', 'MARS'],
  languages: 'en',
  services: ['training', 'advice'],
  email: 'a@b.example',
};

test('a form reads into a profile: trimmed, lists kept to the choices offered in their order, and written back to the same form', () => {
  const { profile, problems } = readAssociationProfile(VALID, { ...CHOICES, services: [...CHOICES.services] });
  assert.deepEqual(problems, []);
  assert.equal(profile.name, 'Union');
  assert.deepEqual(profile.regions, ['NAI', 'COA'], 'an unknown region is dropped, the order is the offered one');
  assert.deepEqual(profile.languages, ['en']);
  assert.deepEqual(profile.services, ['advice', 'training']);
  assert.equal(profile.rights, null);
  assert.equal(profileFormValues(profile)['name'], 'Union');
  assert.deepEqual(profileDifferences(profile, profile), []);
  assert.deepEqual(profileDifferences(profile, { ...profile, phone: '+254 20 000 0101' }), [{ field: 'phone', before: '', after: '+254 20 000 0101' }]);
});

test('hostile or wrong values are refused field by field with their catalogue keys', () => {
  const { problems } = readAssociationProfile(
    {
      name: 'x'.repeat(201),
      description_fr: 'y'.repeat(2001),
      regions: [],
      services: 'nothing',
      website: 'javascript:alert(1)//.example',
      phone: '<script>',
      email: 'not an address',
      rightsDecidedOn: '2025-02-30',
      latitude: '1e3',
      longitude: '',
    },
    { ...CHOICES, services: [...CHOICES.services] },
  );
  assert.deepEqual(
    problems.map((p) => `${p.field} ${p.key.replace('learn.associations.problem.', '')}`),
    [
      'name tooLong',
      'description_fr tooLong',
      'regions regionsMissing',
      'languages languagesMissing',
      'services servicesMissing',
      'phone phone',
      'email email',
      'website website',
      'rightsDecidedOn date',
      'rightsReference referenceMissing',
      'latitude coordinate',
    ],
  );
  const empty = readAssociationProfile({ name: 'Union', regions: 'NAI', languages: 'sw', services: 'advice' }, { ...CHOICES, services: [...CHOICES.services] });
  assert.deepEqual(
    empty.problems.map((p) => p.key),
    ['learn.associations.problem.descriptionMissing', 'learn.associations.problem.contactMissing'],
  );
  const half = readAssociationProfile({ ...VALID, latitude: '-1.28' }, { ...CHOICES, services: [...CHOICES.services] });
  assert.deepEqual(
    half.problems.map((p) => `${p.field} ${p.key}`),
    ['longitude learn.associations.problem.coordinatePair'],
  );
});

test('a CSV table of the export neutralises a cell a spreadsheet would run as a formula', () => {
  const { profile } = readAssociationProfile(
    { ...VALID, name: '=HYPERLINK("http://evil.example")', address: 'Moi Avenue, 1' },
    { ...CHOICES, services: [...CHOICES.services] },
  );
  const csv = hsdsCsv('organizations', [{ id: 'a1', profile, updatedAt: '2026-12-01T00:00:00Z' }], {
    pageUrl: (id) => `https://kinga.example/learn/associations/${id}`,
    regionName: (c) => c,
    serviceName: (s) => s,
    languageName: (l) => l,
    rightsSentence: () => '',
    description: (p) => p.descriptions['en'] ?? '',
  });
  assert.equal(
    csv,
    `id,name,alternate_name,description,email,website,uri\r\n${hsdsId('a1')},"'=HYPERLINK(""http://evil.example"")",,Helps.,a@b.example,,https://kinga.example/learn/associations/a1\r\n`,
  );
});
