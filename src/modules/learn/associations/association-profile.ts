import type { AssociationService } from './associations.settings.ts';

/** The languages a description may be written in: the site's six. */
export const DESCRIPTION_LANGUAGES = ['en', 'fr', 'ar', 'es', 'ru', 'zh'] as const;

/** The longest description in one language, in characters. */
export const DESCRIPTION_MAX = 2000;

/** Representation rights the regulator recognised, with the decision that did. */
export interface RepresentationRights {
  /** The decision's date (`YYYY-MM-DD`). */
  decidedOn: string;
  reference: string;
}

/** What an association's entry says of it: everything a representative may propose to change. */
export interface AssociationProfile {
  name: string;
  /** Per site language; at least one. */
  descriptions: Partial<Record<string, string>>;
  /** Region codes of the profile's regions it serves. */
  regions: string[];
  /** BCP 47 codes of the languages it speaks. */
  languages: string[];
  address: string;
  phone: string;
  email: string;
  website: string;
  services: AssociationService[];
  /** Null when the regulator has not recognised it to represent consumers. */
  rights: RepresentationRights | null;
  latitude: number | null;
  longitude: number | null;
}

/** What a form or a proposal may choose from. */
export interface ProfileChoices {
  regions: readonly string[];
  languages: readonly string[];
  services: readonly AssociationService[];
}

/** A field that was not right, and the catalogue key that says why. */
export interface ProfileProblem {
  field: string;
  key: string;
  values?: Record<string, number>;
}

/** The fields a form posts, each a string or a list of strings. */
export type ProfileForm = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
const many = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]);
const NAME_MAX = 200;
const SHORT_MAX = 300;

/** An e-mail address a person could write to: one `@`, a dot in the domain, no blanks. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A telephone number as it is dialled: digits, spaces, dashes, brackets, a leading plus. */
const PHONE = /^\+?[0-9 ()-]{6,24}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a posted form into a profile, or says what is wrong with each field. Lists keep only the
 * choices offered, in the order offered; every text is trimmed and bounded.
 */
export function readAssociationProfile(form: ProfileForm, choices: ProfileChoices): { profile: AssociationProfile; problems: ProfileProblem[] } {
  const problems: ProfileProblem[] = [];
  const name = one(form['name']);
  if (name === '') problems.push({ field: 'name', key: 'learn.associations.problem.nameMissing' });
  else if (name.length > NAME_MAX) problems.push({ field: 'name', key: 'learn.associations.problem.tooLong', values: { max: NAME_MAX } });

  const descriptions: Partial<Record<string, string>> = {};
  for (const language of DESCRIPTION_LANGUAGES) {
    const text = one(form[`description_${language}`]);
    if (text.length > DESCRIPTION_MAX)
      problems.push({ field: `description_${language}`, key: 'learn.associations.problem.tooLong', values: { max: DESCRIPTION_MAX } });
    else if (text !== '') descriptions[language] = text;
  }
  if (Object.keys(descriptions).length === 0 && !problems.some((p) => p.field.startsWith('description_')))
    problems.push({ field: 'description_en', key: 'learn.associations.problem.descriptionMissing' });

  const chosen = <T extends string>(field: string, offered: readonly T[]): T[] => {
    const picked = new Set(many(form[field]));
    return offered.filter((o) => picked.has(o));
  };
  const regions = chosen('regions', choices.regions);
  if (regions.length === 0) problems.push({ field: 'regions', key: 'learn.associations.problem.regionsMissing' });
  const languages = chosen('languages', choices.languages);
  if (languages.length === 0) problems.push({ field: 'languages', key: 'learn.associations.problem.languagesMissing' });
  const services = chosen('services', choices.services);
  if (services.length === 0) problems.push({ field: 'services', key: 'learn.associations.problem.servicesMissing' });

  const text = (field: string) => {
    const value = one(form[field]);
    if (value.length > SHORT_MAX) problems.push({ field, key: 'learn.associations.problem.tooLong', values: { max: SHORT_MAX } });
    return value;
  };
  const address = text('address');
  const phone = text('phone');
  if (phone !== '' && !PHONE.test(phone)) problems.push({ field: 'phone', key: 'learn.associations.problem.phone' });
  const email = text('email');
  if (email !== '' && !EMAIL.test(email)) problems.push({ field: 'email', key: 'learn.associations.problem.email' });
  const website = text('website');
  if (website !== '' && !isWebAddress(website)) problems.push({ field: 'website', key: 'learn.associations.problem.website' });
  if (address === '' && phone === '' && email === '' && website === '') problems.push({ field: 'address', key: 'learn.associations.problem.contactMissing' });

  let rights: RepresentationRights | null = null;
  const decidedOn = one(form['rightsDecidedOn']);
  const reference = text('rightsReference');
  if (decidedOn !== '' || reference !== '') {
    if (
      !DATE.test(decidedOn) ||
      Number.isNaN(Date.parse(`${decidedOn}T00:00:00Z`)) ||
      new Date(`${decidedOn}T00:00:00Z`).toISOString().slice(0, 10) !== decidedOn
    )
      problems.push({ field: 'rightsDecidedOn', key: 'learn.associations.problem.date' });
    if (reference === '') problems.push({ field: 'rightsReference', key: 'learn.associations.problem.referenceMissing' });
    rights = { decidedOn, reference };
  }

  const coordinate = (field: string, limit: number): number | null => {
    const value = one(form[field]);
    if (value === '') return null;
    const number = /^-?\d{1,3}(\.\d{1,8})?$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(number) || Math.abs(number) > limit) {
      problems.push({ field, key: 'learn.associations.problem.coordinate', values: { max: limit } });
      return null;
    }
    return number;
  };
  const latitude = coordinate('latitude', 90);
  const longitude = coordinate('longitude', 180);
  if ((latitude === null) !== (longitude === null) && !problems.some((p) => p.field === 'latitude' || p.field === 'longitude'))
    problems.push({ field: latitude === null ? 'latitude' : 'longitude', key: 'learn.associations.problem.coordinatePair' });

  return { profile: { name, descriptions, regions, languages, address, phone, email, website, services, rights, latitude, longitude }, problems };
}

/** An `http` or `https` address with a host: anything else (`javascript:`, a bare word) is refused. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The form's values for a profile, so an edit form opens filled in. */
export function profileFormValues(profile: AssociationProfile): Record<string, string> {
  const values: Record<string, string> = {
    name: profile.name,
    address: profile.address,
    phone: profile.phone,
    email: profile.email,
    website: profile.website,
    rightsDecidedOn: profile.rights?.decidedOn ?? '',
    rightsReference: profile.rights?.reference ?? '',
    latitude: profile.latitude === null ? '' : String(profile.latitude),
    longitude: profile.longitude === null ? '' : String(profile.longitude),
  };
  for (const language of DESCRIPTION_LANGUAGES) values[`description_${language}`] = profile.descriptions[language] ?? '';
  return values;
}

/** One field that differs between an entry and a proposal, each side as text. */
export interface ProfileDifference {
  field: string;
  before: string;
  after: string;
}

/** The fields a proposal changes, in the form's order, each side written as the staff page shows it. */
export function profileDifferences(before: AssociationProfile, after: AssociationProfile): ProfileDifference[] {
  const flat = (p: AssociationProfile): Record<string, string> => ({
    ...profileFormValues(p),
    regions: p.regions.join(', '),
    languages: p.languages.join(', '),
    services: p.services.join(', '),
  });
  const a = flat(before);
  const b = flat(after);
  const order = [
    'name',
    ...DESCRIPTION_LANGUAGES.map((l) => `description_${l}`),
    'regions',
    'languages',
    'services',
    'address',
    'phone',
    'email',
    'website',
    'rightsDecidedOn',
    'rightsReference',
    'latitude',
    'longitude',
  ];
  return order.filter((f) => (a[f] ?? '') !== (b[f] ?? '')).map((field) => ({ field, before: a[field] ?? '', after: b[field] ?? '' }));
}

/** Parses a stored profile; a stored document is the service's own writing, so only its shape is trusted. */
export function parseStoredProfile(name: string, json: string): AssociationProfile {
  const stored = JSON.parse(json) as Omit<AssociationProfile, 'name'> & { name?: string };
  return { ...stored, name: stored.name ?? name };
}

/** The JSON stored for a profile. */
export function storedProfile(profile: AssociationProfile): string {
  return JSON.stringify(profile);
}
