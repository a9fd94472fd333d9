import { Type, type Static } from '@sinclair/typebox';

/** The usage profile of a comparison, as query parameters; every value is checked by the service's parser. */
export const CompareQuery = Type.Object({
  type: Type.Optional(Type.String({ description: 'mobile or fixed' })),
  preset: Type.Optional(Type.String({ description: 'A preset (light, medium, heavy, home-light, home-heavy) or an ITU basket id; explicit values win.' })),
  data_gb: Type.Optional(Type.String({ description: 'Data per 30 days in GB, such as 2 or 0.5' })),
  voice_min: Type.Optional(Type.String({ description: 'Voice minutes per 30 days' })),
  sms: Type.Optional(Type.String({ description: 'Text messages per 30 days' })),
  min_speed: Type.Optional(Type.String({ description: 'The lowest typical download speed, in Mbit/s' })),
  months: Type.Optional(Type.String({ description: 'The horizon in months of 30 days (1 to 60)' })),
  include_stale: Type.Optional(Type.String({ description: 'true to rank stale offers too (they are marked)' })),
  limit: Type.Optional(Type.String({ description: 'How many results (1 to 500, default 50)' })),
  social: Type.Optional(Type.String({ description: 'true or 1: only social tariffs' })),
  eligible: Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.String(), { maxItems: 20 })], {
      description:
        'An eligibility criterion of the jurisdiction the consumer meets (repeat for several): only social tariffs that name one of them, or name none. Implies social.',
    }),
  ),
  accessible: Type.Optional(Type.String({ description: 'true or 1: only offers that describe features for users with disabilities' })),
  lang: Type.Optional(Type.String()),
});
/** The comparison query, typed. */
export type CompareQueryType = Static<typeof CompareQuery>;

const CostLineSchema = Type.Object({
  kind: Type.String({ description: 'intro_price, price, one_time_fee, monthly_fee, tax, data_overage, data_payg, voice_payg, sms_payg or addon' }),
  detail: Type.Union([Type.String(), Type.Null()], { description: "The fee's description, or the add-on's name." }),
  amount: Type.String({ description: 'A decimal string, rounded to the minor unit for display; the total is rounded once from the exact sum.' }),
});

/** One ranked offer. */
export const CompareResult = Type.Object({
  rank: Type.Integer(),
  planId: Type.String(),
  operatorId: Type.String(),
  operatorName: Type.String(),
  planName: Type.String(),
  tierName: Type.Union([Type.String(), Type.Null()]),
  totalCost: Type.String(),
  monthlyCost: Type.String(),
  currency: Type.String(),
  months: Type.Integer(),
  purchases: Type.Integer({ description: 'How many times the bundle is bought over the horizon.' }),
  validityDays: Type.Integer(),
  isPromotional: Type.Boolean(),
  isSocialTariff: Type.Boolean({ description: 'A social tariff, for people who meet its eligibility criteria.' }),
  socialTariffEligibility: Type.Array(Type.String(), {
    description: "The eligibility criteria of a social tariff (ids of the jurisdiction's); empty when the operator states none.",
  }),
  accessibilityFeatures: Type.Union([Type.String(), Type.Null()], { description: "Features for users with disabilities, in the operator's words." }),
  isStale: Type.Boolean(),
  isTaxVarying: Type.Boolean({ description: 'Taxes vary by location and are not in the total.' }),
  lastUpdated: Type.String({ description: 'When the operator last published or confirmed the offer.' }),
  addons: Type.Array(
    Type.Object({ planId: Type.String(), planName: Type.String(), quantity: Type.Integer({ description: 'How many are bought over the horizon.' }) }),
  ),
  breakdown: Type.Array(CostLineSchema),
});

/** The comparison's answer: results in ranked order, and what the ranking left out. */
export const CompareResponse = Type.Object({
  onDate: Type.String(),
  currency: Type.String(),
  ranking: Type.String({ description: 'The published rule of the ranking.' }),
  profile: Type.Object({
    type: Type.String(),
    dataGb: Type.String(),
    voiceMinutes: Type.Integer(),
    sms: Type.Integer(),
    minSpeedMbps: Type.Union([Type.String(), Type.Null()]),
    months: Type.Integer(),
    prepaidRule: Type.String(),
  }),
  filters: Type.Object({
    socialTariffsOnly: Type.Boolean(),
    eligibility: Type.Array(Type.String()),
    accessibilityFeatures: Type.Boolean({ description: 'Only offers with features for users with disabilities.' }),
  }),
  notice: Type.Object({ operatorsWithoutOffers: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) }),
  staleLeftOut: Type.Integer(),
  ineligible: Type.Integer({ description: 'Offers of this service type that cannot serve the profile (too slow, too short, no way to buy more).' }),
  total: Type.Integer({ description: 'Ranked offers before the limit.' }),
  results: Type.Array(CompareResult),
});
