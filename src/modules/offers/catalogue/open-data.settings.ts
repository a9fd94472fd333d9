import { Type, type Static } from '@sinclair/typebox';
import { checkOpenDataLicence, readOpenDataLicence, type OpenDataLicence } from '../../../platform/open-data-licence.ts';

export type { OpenDataLicence } from '../../../platform/open-data-licence.ts';

/** The licence the open data exports are published under. */
export interface OpenDataSettings {
  licence: OpenDataLicence;
}

/**
 * The `openData` block of `modules.offers`: both fields or neither (CC BY 4.0 then, as docs/offers/staff-guide.md says), so neither
 * has a default of its own; what they must hold is checked by {@link openDataRules}.
 */
export const OpenDataBlock = Type.Object(
  {
    licenceName: Type.Optional(Type.String({ description: 'The name of the licence of the open data exports, such as "CC BY 4.0".' })),
    licenceUrl: Type.Optional(Type.String({ description: 'The web address of the licence text.' })),
  },
  { additionalProperties: false, default: {} },
);

/** The problems of a checked `openData` block; `at('openData/licenceName')` gives the path to name. */
export function openDataRules(block: Static<typeof OpenDataBlock>, at: (path: string) => string): string[] {
  const problems: string[] = [];
  checkOpenDataLicence(block, (field, message) => problems.push(`${at(field)}: ${message}`));
  return problems;
}

/** The settings in force: the licence the block names, or the default. */
export function resolveOpenData(block: Static<typeof OpenDataBlock>): OpenDataSettings {
  return { licence: readOpenDataLicence(block) };
}
