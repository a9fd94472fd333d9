import { isWebAddress } from './value-checks.ts';

/** The licence open data files are published under, named and linked on every file. */
export interface OpenDataLicence {
  name: string;
  url: string;
}

/** The licence when the profile names none. */
export const DEFAULT_OPEN_DATA_LICENCE: OpenDataLicence = {
  name: 'Creative Commons Attribution 4.0 International (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/',
};

/**
 * The problems of the `licenceName` and `licenceUrl` of a module's `openData` block: both or
 * neither, a name, and a web address. `at(field, message)` records one, with `field` such as
 * `openData/licenceUrl`.
 */
export function checkOpenDataLicence(block: Readonly<Record<string, unknown>>, at: (field: string, message: string) => void): void {
  const name = block['licenceName'];
  const url = block['licenceUrl'];
  if ((name === undefined) !== (url === undefined))
    at(name === undefined ? 'openData/licenceName' : 'openData/licenceUrl', 'give both licenceName and licenceUrl, or neither');
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) at('openData/licenceName', 'must name the licence, such as "CC BY 4.0"');
  if (url !== undefined && !isWebAddress(url)) at('openData/licenceUrl', 'must be the web address of the licence text');
}

/** The licence an `openData` block names, or the default; call only after {@link checkOpenDataLicence} found no problem. */
export function readOpenDataLicence(block: Readonly<Record<string, unknown>> | undefined): OpenDataLicence {
  const name = block?.['licenceName'];
  const url = block?.['licenceUrl'];
  return typeof name === 'string' && typeof url === 'string' ? { name, url } : DEFAULT_OPEN_DATA_LICENCE;
}
