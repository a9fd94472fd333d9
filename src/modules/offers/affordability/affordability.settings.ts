import { Type, type Static } from '@sinclair/typebox';
import { isWebAddress } from '../../../platform/value-checks.ts';

/** How a price is compared with a target's threshold. */
export type TargetOperator = '<' | '<=';

/** An affordability target: the basket's price as a share of monthly GNI per capita, below a threshold. */
export interface AffordabilityTarget {
  id: string;
  /** Shown when the catalogues have no `offers.affordability.target.<id>` message. */
  name: string;
  operator: TargetOperator;
  /** The threshold in percent of monthly GNI per capita, a decimal string ("2" is 2 %). */
  thresholdPercent: string;
  /** Who set the target, shown with it. */
  source: string | null;
}

/** A figure of the profile with its year and where it comes from. */
export interface SourcedFigure {
  /** A decimal string. */
  value: string;
  year: number;
  source: string;
  sourceUrl: string | null;
}

/** The affordability measure: which baskets, the conversion figures, and the targets. */
export interface AffordabilitySettings {
  /** Local currency per US dollar; null when not configured (no USD prices are shown then). */
  exchangeRate: SourcedFigure | null;
  /** PPP conversion factor: local currency per international dollar. */
  pppFactor: SourcedFigure | null;
  /** GNI per capita per year, in `currency` (the jurisdiction's or USD). */
  gniPerCapita: (SourcedFigure & { currency: string }) | null;
  /** Social tariffs are reserved to eligible people, so ITU's method leaves them out by default. */
  isSocialTariffIncluded: boolean;
  /** ITU's baskets price the recurring cost; one-time fees (installation, SIM card) are left out unless this is true. */
  isOneTimeFeeIncluded: boolean;
  /** The baskets measured, by id of `modules.offers.baskets`, each with its targets. */
  baskets: { basketId: string; targets: AffordabilityTarget[] }[];
}

/** The UN Broadband Commission's 2025 target: entry-level broadband below 2 % of monthly GNI per capita. */
const BROADBAND_COMMISSION_TARGET: AffordabilityTarget = {
  id: 'broadband-commission-2025',
  name: 'UN Broadband Commission 2025 target: less than 2% of monthly GNI per capita',
  operator: '<',
  thresholdPercent: '2',
  source: 'Broadband Commission for Sustainable Development, 2025 Targets (Target 2)',
};

/**
 * The default measure documented in docs/offers/staff-guide.md: every basket of
 * `modules.offers.baskets`, each with the 2 % target.
 */
function defaultMeasuredBaskets(basketIds: readonly string[]): AffordabilitySettings['baskets'] {
  return basketIds.map((basketId) => ({ basketId, targets: [BROADBAND_COMMISSION_TARGET] }));
}

const ID = '^[a-z0-9][a-z0-9-]{0,39}$';
const POSITIVE_DECIMAL = '(?=.*[1-9])\\d{1,12}(\\.\\d{1,8})?';
const WEB_ADDRESS = 'must be a web address starting with https:// or http://';

const amount = (meaning: string) =>
  Type.String({ pattern: `^${POSITIVE_DECIMAL}$`, errorMessage: `must be ${meaning}, a decimal string greater than 0 such as "129.50"` });
const figureFields = {
  year: Type.Integer({ minimum: 1990, maximum: 2100, errorMessage: 'must be the year the figure is for, such as 2024' }),
  source: Type.String({ pattern: '\\S', errorMessage: 'must name where the figure comes from, such as "World Bank, World Development Indicators"' }),
  // Checked as a web address by the rules: a pattern cannot say what a browser opens.
  sourceUrl: Type.Optional(Type.String({ errorMessage: WEB_ADDRESS })),
};
const figureOptions = (amountKey: string) => ({ additionalProperties: false, errorMessage: `must be an object with ${amountKey}, year and source` }) as const;

const Target = Type.Object(
  {
    id: Type.String({ pattern: ID, errorMessage: 'must be lower-case letters, digits and dashes' }),
    name: Type.String({ pattern: '\\S', errorMessage: 'must be a name' }),
    operator: Type.Union([Type.Literal('<'), Type.Literal('<=')], {
      errorMessage: 'must be "<" (strictly below the threshold) or "<=" (at or below it)',
    }),
    // Above 0 and at most 100: a percentage below 100 has at most two digits before its point.
    thresholdPercent: Type.String({
      pattern: `^(?=${POSITIVE_DECIMAL}$)0*(100(\\.0+)?|\\d{1,2}(\\.\\d+)?)$`,
      errorMessage: 'must be a percentage of monthly GNI per capita, a decimal string above 0 and at most 100, such as "2"',
    }),
    source: Type.Optional(Type.String({ pattern: '\\S', errorMessage: 'must name who set the target, or be left out' })),
  },
  { additionalProperties: false, errorMessage: 'must be an object with id, name, operator and thresholdPercent' },
);

/**
 * The `affordability` block of `modules.offers`. The figures have no default (no conversion is
 * shown without them), nor the measured baskets, which default to every basket of
 * `modules.offers.baskets` with the 2 % target; {@link affordabilityRules} checks
 * what one field says of another.
 */
export const AffordabilityBlock = Type.Object(
  {
    exchangeRate: Type.Optional(
      Type.Object({ localPerUsd: amount('the price of one US dollar in the local currency'), ...figureFields }, figureOptions('localPerUsd')),
    ),
    pppFactor: Type.Optional(
      Type.Object(
        { localPerIntlDollar: amount('the PPP conversion factor (local currency per international dollar)'), ...figureFields },
        figureOptions('localPerIntlDollar'),
      ),
    ),
    gniPerCapita: Type.Optional(
      Type.Object(
        {
          amount: amount('the gross national income per person per year'),
          ...figureFields,
          currency: Type.String({ pattern: '^[A-Z]{3}$', errorMessage: "must be the jurisdiction's currency or USD" }),
        },
        figureOptions('amount'),
      ),
    ),
    includeSocialTariffs: Type.Boolean({ default: false, description: "Whether social tariffs are measured (ITU's method leaves them out)." }),
    includeOneTimeFees: Type.Boolean({ default: false, description: "Whether one-time fees are counted (ITU's baskets price the recurring cost)." }),
    baskets: Type.Optional(
      Type.Array(
        Type.Object(
          {
            basket: Type.String({ errorMessage: 'must be the id of one of the baskets' }),
            targets: Type.Array(Target, { default: [], errorMessage: 'must be a list of targets' }),
          },
          { additionalProperties: false, errorMessage: 'must be an object with basket and targets' },
        ),
        { errorMessage: 'must be a list of {"basket": "<basket id>", "targets": [...]}' },
      ),
    ),
  },
  { additionalProperties: false, default: {} },
);

type AffordabilityBlock = Static<typeof AffordabilityBlock>;

/**
 * The problems of a checked `affordability` block that its schema cannot say: web addresses, an
 * exchange rate for GNI in USD, and measured baskets among `basketIds` (the profile's, or ITU's
 * by default), each once with its targets once. GNI's currency is checked against the
 * jurisdiction's where the service is built (affordability.wiring.ts).
 */
export function affordabilityRules(block: AffordabilityBlock, basketIds: readonly string[], at: (path: string) => string): string[] {
  const problems: string[] = [];
  for (const key of ['exchangeRate', 'pppFactor', 'gniPerCapita'] as const) {
    const url = block[key]?.sourceUrl;
    if (url !== undefined && !isWebAddress(url)) problems.push(`${at(`affordability/${key}/sourceUrl`)}: ${WEB_ADDRESS}`);
  }
  if (block.gniPerCapita?.currency === 'USD' && block.exchangeRate === undefined) {
    problems.push(`${at('affordability/exchangeRate')}: is needed when gniPerCapita is in USD, to compare local prices with it`);
  }
  const seen = new Set<string>();
  (block.baskets ?? []).forEach((entry, index) => {
    const path = `affordability/baskets/${index}`;
    if (!basketIds.includes(entry.basket)) problems.push(`${at(`${path}/basket`)}: must be the id of one of the baskets (${basketIds.join(', ')})`);
    else if (seen.has(entry.basket)) problems.push(`${at(`${path}/basket`)}: the basket ${entry.basket} is listed twice`);
    else seen.add(entry.basket);
    const ids = new Set<string>();
    entry.targets.forEach((target, t) => {
      if (ids.has(target.id)) problems.push(`${at(`${path}/targets/${t}/id`)}: the target ${target.id} is listed twice for this basket`);
      ids.add(target.id);
    });
  });
  return problems;
}

function sourced(value: { year: number; source: string; sourceUrl?: string }, amount: string): SourcedFigure {
  return { value: amount, year: value.year, source: value.source, sourceUrl: value.sourceUrl ?? null };
}

/** The settings in force: the block with its defaults, the measured baskets every basket of `basketIds` when it names none. */
export function resolveAffordability(block: AffordabilityBlock, basketIds: readonly string[]): AffordabilitySettings {
  const { exchangeRate, pppFactor, gniPerCapita: gni } = block;
  return {
    exchangeRate: exchangeRate ? sourced(exchangeRate, exchangeRate.localPerUsd) : null,
    pppFactor: pppFactor ? sourced(pppFactor, pppFactor.localPerIntlDollar) : null,
    gniPerCapita: gni ? { ...sourced(gni, gni.amount), currency: gni.currency } : null,
    isSocialTariffIncluded: block.includeSocialTariffs,
    isOneTimeFeeIncluded: block.includeOneTimeFees,
    baskets:
      block.baskets?.map((entry) => ({
        basketId: entry.basket,
        targets: entry.targets.map((t) => ({ ...t, source: t.source ?? null })),
      })) ?? defaultMeasuredBaskets(basketIds),
  };
}
