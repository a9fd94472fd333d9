import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSubmission, isCountryCode, isIssuedDate, isLanguageTag, type LibrarySubmissionInput } from './library.ts';
import { DEFAULT_LEARN_SETTINGS } from '../learn.settings.ts';

const settings = DEFAULT_LEARN_SETTINGS.library;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');

const good: LibrarySubmissionInput = {
  title: 'Resolution 64',
  issuer: 'ITU',
  issued: '2022-06-16',
  language: 'en',
  type: 'resolution',
  topic: 'consumerRights',
  country: '',
  licence: 'all-rights-reserved',
  abstract: 'Asks members to protect and support users and consumers of telecommunication services.',
  link: 'https://www.itu.int/pub/D-TDC-WTDC-2022',
  fullText: '',
};

test('a W3C date is a year, a month or a day that exists and is not in the future', () => {
  for (const ok of ['2022', '2022-06', '2022-06-16', '2024-02-29']) assert.ok(isIssuedDate(ok, '2026-12-01'), ok);
  for (const bad of ['22', '2022-13', '2022-02-30', '2023-02-29', '2027', '2026-12-02', '16/06/2022', '1700']) assert.ok(!isIssuedDate(bad, '2026-12-01'), bad);
});

test('countries are ISO 3166-1 alpha-2 codes, not groupings or private codes', () => {
  for (const ok of ['KE', 'FR', 'BR', 'CN']) assert.ok(isCountryCode(ok), ok);
  for (const bad of ['EU', 'UN', 'XK', 'ZZ', 'ke', 'KEN', 'QQ']) assert.ok(!isCountryCode(bad), bad);
});

test('languages are BCP 47 tags of known languages', () => {
  for (const ok of ['en', 'pt', 'zh-Hans', 'sw', 'pt-BR']) assert.ok(isLanguageTag(ok), ok);
  for (const bad of ['', 'english', 'xx', 'EN', 'en_GB', 'zz-ZZ']) assert.ok(!isLanguageTag(bad), bad);
});

test('a good submission passes, normalised; a PDF alone or a link alone is enough', () => {
  const checked = checkSubmission({ ...good, country: ' ke ', title: '  Resolution 64 ' }, null, settings, '2026-12-01');
  assert.ok(checked.ok);
  assert.equal(checked.value.country, 'KE');
  assert.equal(checked.value.title, 'Resolution 64');
  assert.equal(checked.value.fullText, null);
  assert.ok(checkSubmission({ ...good, link: '' }, { content: PDF, isTooLarge: false }, settings, '2026-12-01').ok);
});

test('every problem of a submission is named on its field at once', () => {
  const checked = checkSubmission(
    {
      title: '',
      issuer: '',
      issued: '2099',
      language: 'klingon',
      type: 'poem',
      topic: '',
      country: 'EU',
      licence: 'GPL',
      abstract: 'short',
      link: 'javascript:alert(1)',
      fullText: '',
    },
    { content: Buffer.from('GIF89a'), isTooLarge: false },
    settings,
    '2026-12-01',
  );
  assert.ok(!checked.ok);
  assert.deepEqual(
    checked.problems.map((p) => `${p.field}:${p.key}`),
    [
      'title:titleMissing',
      'issuer:issuerMissing',
      'abstract:abstractShort',
      'issued:issuedInvalid',
      'language:languageInvalid',
      'type:typeMissing',
      'topic:topicMissing',
      'licence:licenceMissing',
      'country:countryInvalid',
      'link:linkInvalid',
      'file:fileNotPdf',
    ],
  );
  const none = checkSubmission({ ...good, link: '' }, null, settings, '2026-12-01');
  assert.ok(!none.ok);
  assert.deepEqual(none.problems, [{ field: 'link', key: 'linkOrFile' }]);
  const large = checkSubmission(good, { content: PDF, isTooLarge: true }, settings, '2026-12-01');
  assert.ok(!large.ok);
  assert.deepEqual(large.problems, [{ field: 'file', key: 'fileTooLarge', values: { megabytes: 10 } }]);
});
