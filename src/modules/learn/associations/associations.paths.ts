/** The public directory of consumer associations. */
export const ASSOCIATIONS_PATH = '/learn/associations';
/** The export as HSDS 3.0 JSON. */
export const ASSOCIATIONS_HSDS_JSON_PATH = '/learn/associations.hsds.json';
/** The folder of the HSDS CSV tables (`<table>.csv`). */
export const ASSOCIATIONS_HSDS_CSV_PATH = '/learn/associations/hsds';
/** Staff's list of entries and pending proposals. */
export const STAFF_ASSOCIATIONS_PATH = '/staff/learn/associations';
/** A new entry, for staff. */
export const STAFF_NEW_ASSOCIATION_PATH = '/staff/learn/associations/new';
/** A representative's own entry and the form proposing changes to it. */
export const MY_ASSOCIATION_PATH = '/staff/learn/associations/mine';

/** The public page of one entry. */
export function associationPath(id: string): string {
  return `${ASSOCIATIONS_PATH}/${encodeURIComponent(id)}`;
}

/** Staff's page of one entry (edit, state, representatives). */
export function staffAssociationPath(id: string): string {
  return `${STAFF_ASSOCIATIONS_PATH}/${encodeURIComponent(id)}`;
}

/** Staff's page of one proposal, with its differences and the decision. */
export function proposalPath(id: string): string {
  return `${STAFF_ASSOCIATIONS_PATH}/proposals/${encodeURIComponent(id)}`;
}

/** One CSV table of the export. */
export function hsdsCsvPath(table: string): string {
  return `${ASSOCIATIONS_HSDS_CSV_PATH}/${table}.csv`;
}
