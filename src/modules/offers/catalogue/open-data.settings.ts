import { isPlainObject } from '../../../platform/value-checks.ts';
import { checkOpenDataLicence, DEFAULT_OPEN_DATA_LICENCE, readOpenDataLicence, type OpenDataLicence } from '../../../platform/open-data-licence.ts';

export type { OpenDataLicence } from '../../../platform/open-data-licence.ts';

/** The licence the open data exports are published under. */
export interface OpenDataSettings {
  licence: OpenDataLicence;
}

/** The default documented in docs/offers/staff-guide.md: CC BY 4.0. */
export const DEFAULT_OPEN_DATA_SETTINGS: OpenDataSettings = { licence: DEFAULT_OPEN_DATA_LICENCE };

/** Checks the `openData` block of `modules.offers` and returns every problem as "/modules/offers/openData/<path>: ...". */
export function checkOpenDataSettings(settings: Readonly<Record<string, unknown>> | undefined): string[] {
  if (settings === undefined) return [];
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`/modules/offers/${path}: ${message}`);
  const openData = settings['openData'];
  if (openData !== undefined) {
    if (!isPlainObject(openData)) at('openData', 'must be an object');
    else {
      for (const key of Object.keys(openData))
        if (key !== 'licenceName' && key !== 'licenceUrl') at(`openData/${key}`, 'unknown setting (known: licenceName, licenceUrl)');
      checkOpenDataLicence(openData, at);
    }
  }
  return problems;
}

/** The settings in force: the profile's values over the defaults. Call only after {@link checkOpenDataSettings} passed. */
export function resolveOpenDataSettings(settings: Readonly<Record<string, unknown>> | undefined): OpenDataSettings {
  const openData = isPlainObject(settings?.['openData']) ? settings['openData'] : undefined;
  return { licence: readOpenDataLicence(openData) };
}
