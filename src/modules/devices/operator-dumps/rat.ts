/**
 * The radio access technology (RAT) of an operator dump's row, read into the generations the
 * inconsistent-RAT dimension compares with a model's bands. Pure: no clock, no database.
 *
 * DIRBS gives the RAT as three-digit codes joined by `|` (etc/schema/OperatorImportSchema_v2.csvs
 * in DIRBS-Core), from its table `radio_access_technology_map` (sql/migration_scripts/v30_upgrade.sql);
 * operators that never fed DIRBS often write words such as `4G`. Kinga reads both.
 */

/** A generation of mobile networks the dimension compares. */
export type RatGeneration = '2G' | '3G' | '4G' | '5G';

/** Each generation's bit in a RAT mask. */
export const RAT_GENERATION_BITS: Readonly<Record<RatGeneration, number>> = { '2G': 1, '3G': 2, '4G': 4, '5G': 8 };

/**
 * DIRBS's codes with the technology each names and its generation, or null for access that is not
 * cellular (Wi-Fi, GAN, virtual), which never makes a device inconsistent. DIRBS has no code for 5G NR.
 */
export const DIRBS_RAT_CODES: Readonly<Record<string, { technology: string; generation: RatGeneration | null }>> = {
  '001': { technology: 'UTRAN', generation: '3G' },
  '002': { technology: 'GERAN', generation: '2G' },
  '003': { technology: 'WLAN', generation: null },
  '004': { technology: 'GAN', generation: null },
  '005': { technology: 'HSPA Evolution', generation: '3G' },
  '006': { technology: 'E-UTRAN', generation: '4G' },
  '007': { technology: 'Virtual', generation: null },
  '101': { technology: 'IEEE 802.16', generation: '4G' },
  '102': { technology: '3GPP2 eHRPD', generation: '3G' },
  '103': { technology: '3GPP2 HRPD', generation: '3G' },
  '104': { technology: '3GPP2 1xRTT', generation: '2G' },
  '105': { technology: '3GPP2 UMB', generation: '4G' },
};

/** The words Kinga reads, case-insensitive, with their generation; `5G` and `NR` are Kinga's addition. */
export const RAT_WORDS: Readonly<Record<string, RatGeneration>> = {
  '2G': '2G',
  GSM: '2G',
  GERAN: '2G',
  '3G': '3G',
  UMTS: '3G',
  WCDMA: '3G',
  UTRAN: '3G',
  '4G': '4G',
  LTE: '4G',
  'E-UTRAN': '4G',
  '5G': '5G',
  NR: '5G',
};

// What the DIRBS schema accepts, exactly; a value of only digits, bars and spaces is held to it.
const DIRBS_RAT = /^(00[1-7]|10[1-5])(\|(00[1-7]|10[1-5]))*$/;
const CODE_LIKE = /^[0-9| ]+$/;

/**
 * Reads a RAT cell: `{ mask }` with one bit per generation ({@link RAT_GENERATION_BITS}), 0 when
 * only non-cellular access or unknown words were given, null when the cell is empty; or
 * `{ problem: 'code' }` when the cell is DIRBS codes that DIRBS refuses (an unknown code, a short
 * one, an empty item, spaces), for which DIRBS refuses the whole file.
 *
 * @example
 * parseRat('104|001|006') // { mask: 7 }: 2G, 3G and 4G
 * parseRat('LTE') // { mask: 4 }
 */
export function parseRat(text: string): { mask: number | null } | { problem: 'code' } {
  const rat = text.trim();
  if (rat === '') return { mask: null };
  let mask = 0;
  if (CODE_LIKE.test(rat)) {
    if (!DIRBS_RAT.test(rat)) return { problem: 'code' };
    for (const code of rat.split('|')) {
      const generation = DIRBS_RAT_CODES[code]?.generation;
      if (generation) mask |= RAT_GENERATION_BITS[generation];
    }
    return { mask };
  }
  // An unknown word (a vendor's name for a technology) gives no generation, so it never makes a device inconsistent.
  for (const word of rat.split('|')) {
    const generation = RAT_WORDS[word.trim().toUpperCase()];
    if (generation) mask |= RAT_GENERATION_BITS[generation];
  }
  return { mask };
}

/** The generations of a mask, oldest first. */
export function ratGenerations(mask: number): RatGeneration[] {
  return (Object.entries(RAT_GENERATION_BITS) as Array<[RatGeneration, number]>).filter(([, bit]) => (mask & bit) !== 0).map(([generation]) => generation);
}

/** Two masks together: what either gave (null only when both are null). */
export function combineRatMasks(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a | b;
}
