import { sniffMediaType } from '../../../platform/http/file-signature.ts';
import type { LibrarySettings } from './library.settings.ts';

/** What a submission form carries, as typed (every field a string, blank when left empty). */
export interface LibrarySubmissionInput {
  title: string;
  issuer: string;
  issued: string;
  language: string;
  type: string;
  topic: string;
  country: string;
  licence: string;
  abstract: string;
  link: string;
  fullText: string;
}

/** The fields of {@link LibrarySubmissionInput}, in the order forms show them. */
export const SUBMISSION_FIELDS = ['title', 'issuer', 'issued', 'language', 'type', 'topic', 'country', 'licence', 'abstract', 'link', 'fullText'] as const;

/** A PDF chosen in a form: its bytes, and whether the body was cut at the size limit. */
export interface LibraryFileInput {
  content: Buffer;
  isTooLarge: boolean;
}

/** A problem of one field, said by `learn.library.problem.<key>` with its values. */
export interface LibraryProblem {
  field: string;
  key: string;
  values?: Record<string, string | number>;
}

/** A submission that passed every check, normalised (trimmed, country upper case, blanks as null). */
export interface CheckedSubmission {
  title: string;
  issuer: string;
  issued: string;
  language: string;
  type: string;
  topic: string;
  country: string | null;
  licence: string;
  abstract: string;
  link: string | null;
  fullText: string | null;
}

/** The bounds of each text field, in characters. */
export const FIELD_LIMITS = { title: 300, issuer: 200, abstract: 4000, link: 2000, fullText: 500_000, reason: 2000, name: 200, email: 254 } as const;

/** The shortest abstract that tells a reader what a document is about. */
export const MIN_ABSTRACT = 40;

// Codes that Intl names but that are no country: groupings, the unknown region, private use.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'XK', 'ZZ', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** Whether `code` is an ISO 3166-1 alpha-2 country code (upper case). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  return regionNames.of(code) !== code;
}

/** Whether `tag` is a well-formed BCP 47 language tag of a known language, such as `pt` or `zh-Hans`. */
export function isLanguageTag(tag: string): boolean {
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(tag)) return false;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    const base = canonical?.split('-')[0] ?? '';
    return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' }).of(base) !== base;
  } catch {
    return false;
  }
}

/** Whether `value` is a W3C date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) that exists and is not after `today` (`YYYY-MM-DD`). */
export function isIssuedDate(value: string, today: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, year = '', month, day] = match;
  if (Number(year) < 1865) return false;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return false;
  if (day !== undefined) {
    const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  }
  return value <= today.slice(0, value.length);
}

/** Whether `value` is an absolute `http` or `https` address. */
export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Checks a submission against the profile's lists and the bounds: every problem at once, each
 * on its field, so the form lists them all. A document needs a link or a PDF (or both).
 */
export function checkSubmission(
  input: LibrarySubmissionInput,
  file: LibraryFileInput | null,
  settings: LibrarySettings,
  today: string,
): { ok: true; value: CheckedSubmission } | { ok: false; problems: LibraryProblem[] } {
  const problems: LibraryProblem[] = [];
  const text = (field: keyof typeof input) => input[field].trim();
  const required = (field: 'title' | 'issuer' | 'abstract', max: number) => {
    const value = text(field);
    if (value === '') problems.push({ field, key: `${field}Missing` });
    else if (value.length > max) problems.push({ field, key: 'tooLong', values: { max } });
    return value;
  };
  const title = required('title', FIELD_LIMITS.title);
  const issuer = required('issuer', FIELD_LIMITS.issuer);
  const abstract = required('abstract', FIELD_LIMITS.abstract);
  if (abstract !== '' && abstract.length < MIN_ABSTRACT) problems.push({ field: 'abstract', key: 'abstractShort', values: { min: MIN_ABSTRACT } });

  const issued = text('issued');
  if (issued === '') problems.push({ field: 'issued', key: 'issuedMissing' });
  else if (!isIssuedDate(issued, today)) problems.push({ field: 'issued', key: 'issuedInvalid' });

  const language = text('language');
  if (language === '') problems.push({ field: 'language', key: 'languageMissing' });
  else if (!isLanguageTag(language)) problems.push({ field: 'language', key: 'languageInvalid' });

  const type = text('type');
  if (!(settings.documentTypes as readonly string[]).includes(type)) problems.push({ field: 'type', key: 'typeMissing' });
  const topic = text('topic');
  if (!(settings.topics as readonly string[]).includes(topic)) problems.push({ field: 'topic', key: 'topicMissing' });
  const licence = text('licence');
  if (!settings.licences.includes(licence)) problems.push({ field: 'licence', key: 'licenceMissing' });

  const country = text('country').toUpperCase();
  if (country !== '' && !isCountryCode(country)) problems.push({ field: 'country', key: 'countryInvalid' });

  const link = text('link');
  if (link.length > FIELD_LIMITS.link) problems.push({ field: 'link', key: 'tooLong', values: { max: FIELD_LIMITS.link } });
  else if (link !== '' && !isWebLink(link)) problems.push({ field: 'link', key: 'linkInvalid' });

  const fullText = input.fullText.trim();
  if (fullText.length > FIELD_LIMITS.fullText) problems.push({ field: 'fullText', key: 'tooLong', values: { max: FIELD_LIMITS.fullText } });

  if (file !== null) {
    if (file.isTooLarge || file.content.length > settings.maxFileBytes)
      problems.push({ field: 'file', key: 'fileTooLarge', values: { megabytes: Math.round(settings.maxFileBytes / 100_000) / 10 } });
    else if (sniffMediaType(file.content) !== 'application/pdf') problems.push({ field: 'file', key: 'fileNotPdf' });
  }
  if (link === '' && file === null) problems.push({ field: 'link', key: 'linkOrFile' });

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      title,
      issuer,
      issued,
      language: Intl.getCanonicalLocales(language)[0] ?? language,
      type,
      topic,
      country: country === '' ? null : country,
      licence,
      abstract,
      link: link === '' ? null : link,
      fullText: fullText === '' ? null : fullText,
    },
  };
}

/** The columns of the CSV export, in order; the JSON export uses the same names. */
export const EXPORT_COLUMNS = [
  'id',
  'title',
  'creator',
  'date',
  'language',
  'type',
  'subject',
  'coverage',
  'rights',
  'description',
  'source',
  'file',
  'identifier',
] as const;

/** One published document as the exports write it: Dublin Core element names, never who submitted it. */
export type ExportRecord = Record<(typeof EXPORT_COLUMNS)[number], string>;
