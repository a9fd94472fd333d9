import { createHash } from 'node:crypto';
import { csvRecord } from '../../../platform/csv-writer.ts';
import type { AssociationProfile } from './association-profile.ts';

/** The HSDS (Open Referral Human Services Data Specification) version the export follows. */
export const HSDS_VERSION = '3.0';

/** The tables of the CSV export, each served as `/learn/associations/hsds/<table>.csv`. */
export const HSDS_TABLES = ['organizations', 'services', 'locations', 'phones', 'service_areas', 'languages'] as const;

/** One table of the CSV export. */
export type HsdsTable = (typeof HSDS_TABLES)[number];

/** One published association as the export reads it. */
export interface HsdsEntry {
  id: string;
  profile: AssociationProfile;
  updatedAt: string;
}

/** What the export says in words: English names of regions, services and languages, and who recognises rights. */
export interface HsdsContext {
  /** The public address of the entry's page, for `organization.uri` and `service.url`. */
  pageUrl(id: string): string;
  regionName(code: string): string;
  serviceName(key: string): string;
  languageName(code: string): string;
  /** The sentence a service's `accreditations` carries for recognised rights. */
  rightsSentence(rights: { decidedOn: string; reference: string }): string;
  /** The description in English, or the first one written. */
  description(profile: AssociationProfile): string;
}

/** The namespace of the export's name-based ids (RFC 9562 version 5), fixed so that an id never changes. */
export const HSDS_ID_NAMESPACE = '4f1c2b8e-6d3a-4c57-9a0e-3b7d5e9f1a26';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A name-based UUID (version 5: SHA-1 of the namespace's bytes and the name), the same for the same name. */
export function nameBasedUuid(name: string, namespace: string = HSDS_ID_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The HSDS id of an entry's object: HSDS 3.0 ids are UUIDs. An organisation keeps its entry's id
 * when that is one (every entry created in Kinga); a demo entry's readable id, and every object
 * inside an entry (`service/advice`, `location`, `phone`, `service/advice/area/COA`, ...), get a
 * name-based UUID of the entry's id and the object's path, stable from one export to the next.
 */
export function hsdsId(entryId: string, path?: string): string {
  if (path === undefined && UUID.test(entryId)) return entryId;
  return nameBasedUuid(path === undefined ? entryId : `${entryId}/${path}`);
}

/** HSDS rows of every table, keyed by table, with ids stable across exports (derived from the entry's id). */
export function hsdsTables(entries: readonly HsdsEntry[], context: HsdsContext): Record<HsdsTable, Array<Record<string, string | number | null>>> {
  const tables: Record<HsdsTable, Array<Record<string, string | number | null>>> = {
    organizations: [],
    services: [],
    locations: [],
    phones: [],
    service_areas: [],
    languages: [],
  };
  for (const { id: entryId, profile } of entries) {
    const id = hsdsId(entryId);
    const description = context.description(profile);
    tables.organizations.push({
      id,
      name: profile.name,
      alternate_name: null,
      description,
      email: profile.email || null,
      website: profile.website || null,
      uri: context.pageUrl(entryId),
    });
    const accreditations = profile.rights ? context.rightsSentence(profile.rights) : null;
    for (const service of profile.services) {
      const serviceId = hsdsId(entryId, `service/${service}`);
      tables.services.push({
        id: serviceId,
        organization_id: id,
        name: context.serviceName(service),
        description,
        url: context.pageUrl(entryId),
        email: profile.email || null,
        status: 'active',
        accreditations,
      });
      for (const region of profile.regions)
        tables.service_areas.push({
          id: hsdsId(entryId, `service/${service}/area/${region}`),
          service_id: serviceId,
          name: context.regionName(region),
          extent_type: null,
          uri: null,
        });
      for (const language of profile.languages)
        tables.languages.push({
          id: hsdsId(entryId, `service/${service}/language/${language}`),
          service_id: serviceId,
          name: context.languageName(language),
          code: language,
          note: null,
        });
    }
    if (profile.address !== '' || profile.latitude !== null)
      tables.locations.push({
        id: hsdsId(entryId, 'location'),
        location_type: 'physical',
        organization_id: id,
        name: profile.name,
        description: profile.address || null,
        latitude: profile.latitude,
        longitude: profile.longitude,
      });
    if (profile.phone !== '')
      tables.phones.push({ id: hsdsId(entryId, 'phone'), organization_id: id, number: profile.phone, type: 'voice', description: null });
  }
  return tables;
}

/** A row without its empty members: HSDS's JSON schemas type each field (a string, a number) and allow no `null`. */
function present<R extends Record<string, string | number | null>>(row: R): Partial<R> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)) as Partial<R>;
}

/**
 * The export as HSDS 3.0 JSON: a list of organisations, each as HSDS's compiled `organization`
 * (with its services, their areas and languages, its locations and phones nested), members
 * without a value left out.
 */
export function hsdsDocument(entries: readonly HsdsEntry[], context: HsdsContext): { hsds_version: string; organizations: unknown[] } {
  const all = hsdsTables(entries, context);
  const tables = Object.fromEntries(Object.entries(all).map(([table, rows]) => [table, rows.map(present)])) as typeof all;
  const byOrganisation = <R extends Record<string, string | number | null>>(rows: R[], id: string) => rows.filter((r) => r['organization_id'] === id);
  const byService = <R extends Record<string, string | number | null>>(rows: R[], id: string) => rows.filter((r) => r['service_id'] === id);
  return {
    hsds_version: HSDS_VERSION,
    organizations: tables.organizations.map((organisation) => {
      const id = String(organisation['id']);
      return {
        ...organisation,
        services: byOrganisation(tables.services, id).map((service) => ({
          ...service,
          service_areas: byService(tables.service_areas, String(service['id'])),
          languages: byService(tables.languages, String(service['id'])),
        })),
        locations: byOrganisation(tables.locations, id),
        phones: byOrganisation(tables.phones, id),
      };
    }),
  };
}

/** The columns of each CSV table, in order. */
export const HSDS_COLUMNS: Record<HsdsTable, readonly string[]> = {
  organizations: ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'uri'],
  services: ['id', 'organization_id', 'name', 'description', 'url', 'email', 'status', 'accreditations'],
  locations: ['id', 'location_type', 'organization_id', 'name', 'description', 'latitude', 'longitude'],
  phones: ['id', 'organization_id', 'number', 'type', 'description'],
  service_areas: ['id', 'service_id', 'name', 'extent_type', 'uri'],
  languages: ['id', 'service_id', 'name', 'code', 'note'],
};

/** One table of the export as CSV: a header row, then one row each, every cell through the platform's CSV writer. */
export function hsdsCsv(table: HsdsTable, entries: readonly HsdsEntry[], context: HsdsContext): string {
  const columns = HSDS_COLUMNS[table];
  const rows = hsdsTables(entries, context)[table];
  return csvRecord(columns) + rows.map((row) => csvRecord(columns.map((c) => row[c] ?? null))).join('');
}
