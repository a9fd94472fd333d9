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
  for (const { id, profile } of entries) {
    const description = context.description(profile);
    tables.organizations.push({
      id,
      name: profile.name,
      alternate_name: null,
      description,
      email: profile.email || null,
      website: profile.website || null,
      uri: context.pageUrl(id),
    });
    const accreditations = profile.rights ? context.rightsSentence(profile.rights) : null;
    for (const service of profile.services) {
      const serviceId = `${id}-${service}`;
      tables.services.push({
        id: serviceId,
        organization_id: id,
        name: context.serviceName(service),
        description,
        url: context.pageUrl(id),
        email: profile.email || null,
        status: 'active',
        accreditations,
      });
      for (const region of profile.regions)
        tables.service_areas.push({ id: `${serviceId}-area-${region}`, service_id: serviceId, name: context.regionName(region), extent_type: null, uri: null });
      for (const language of profile.languages)
        tables.languages.push({ id: `${serviceId}-lang-${language}`, service_id: serviceId, name: context.languageName(language), code: language, note: null });
    }
    if (profile.address !== '' || profile.latitude !== null)
      tables.locations.push({
        id: `${id}-location`,
        location_type: 'physical',
        organization_id: id,
        name: profile.name,
        description: profile.address || null,
        latitude: profile.latitude,
        longitude: profile.longitude,
      });
    if (profile.phone !== '') tables.phones.push({ id: `${id}-phone`, organization_id: id, number: profile.phone, type: 'voice', description: null });
  }
  return tables;
}

/** The export as HSDS 3.0 JSON: a list of organisations, each with its services (areas, languages), locations and phones nested. */
export function hsdsDocument(entries: readonly HsdsEntry[], context: HsdsContext): { hsds_version: string; organizations: unknown[] } {
  const tables = hsdsTables(entries, context);
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
