import { Type, type Static } from '@sinclair/typebox';

/** Query of the affordability page and API. */
export const AffordabilityQuery = Type.Object({
  asOf: Type.Optional(
    Type.String({ description: 'The day to measure, YYYY-MM-DD (today when absent): offers in effect and published by the end of that day.' }),
  ),
  lang: Type.Optional(Type.String()),
});

/** Query of the affordability page: the API's, or the day, month and year its form asks. */
export const AffordabilityPageQuery = Type.Object({
  asOf: Type.Optional(Type.String()),
  asOfDay: Type.Optional(Type.String()),
  asOfMonth: Type.Optional(Type.String()),
  asOfYear: Type.Optional(Type.String()),
  lang: Type.Optional(Type.String()),
});

const Figure = Type.Object({
  value: Type.String({ description: 'A decimal string.' }),
  year: Type.Integer(),
  source: Type.String(),
  sourceUrl: Type.Union([Type.String(), Type.Null()]),
});

const Target = Type.Object({
  id: Type.String(),
  name: Type.String(),
  operator: Type.String({ enum: ['<', '<='], description: 'How the share of monthly GNI per capita is compared with the threshold.' }),
  thresholdPercent: Type.String({ description: 'The threshold in percent of monthly GNI per capita, a decimal string.' }),
  source: Type.Union([Type.String(), Type.Null()]),
});

/** An offer's one-month price for a basket in every unit of the measure. */
export const PricedOfferSchema = Type.Object({
  planId: Type.String(),
  planName: Type.String(),
  operatorId: Type.String(),
  operatorName: Type.String(),
  price: Type.Object({ amount: Type.String({ description: 'Decimal string, rounded to the minor unit.' }), currency: Type.String() }),
  usd: Type.Union([Type.String(), Type.Null()], { description: "US dollars at the profile's exchange rate, 2 decimals; null without a rate." }),
  ppp: Type.Union([Type.String(), Type.Null()], { description: 'International (PPP) dollars, 2 decimals; null without a PPP factor.' }),
  shareOfMonthlyGniPercent: Type.Union([Type.String(), Type.Null()], {
    description: 'Percent of monthly GNI per capita, 2 decimals, rounded from the exact value; null without GNI.',
  }),
  targets: Type.Array(
    Type.Object({
      id: Type.String(),
      isMet: Type.Union([Type.Boolean(), Type.Null()], { description: 'Judged on the exact share; null when figures are missing.' }),
    }),
  ),
});

/** The affordability measure on a date. */
export const AffordabilityResponse = Type.Object({
  onDate: Type.String(),
  currency: Type.String(),
  months: Type.Integer({ description: 'Always 1: one month of 30 days.' }),
  prepaidRule: Type.String({ description: 'How bundles valid for other than 30 days are brought to a month.' }),
  method: Type.String(),
  conversions: Type.Object({
    exchangeRate: Type.Union([Figure, Type.Null()], { description: 'Local currency per US dollar.' }),
    pppFactor: Type.Union([Figure, Type.Null()], { description: 'Local currency per international dollar.' }),
    gniPerCapita: Type.Union([Type.Intersect([Figure, Type.Object({ currency: Type.String() })]), Type.Null()], {
      description: 'Gross national income per person per year.',
    }),
  }),
  baskets: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      serviceType: Type.String(),
      dataGb: Type.String(),
      voiceMinutes: Type.Integer(),
      sms: Type.Integer(),
      minDownloadMbps: Type.Union([Type.String(), Type.Null()]),
      targets: Type.Array(Target),
      cheapest: Type.Union([PricedOfferSchema, Type.Null()]),
      operators: Type.Array(
        Type.Object({
          operatorId: Type.String(),
          operatorName: Type.String(),
          offer: Type.Union([PricedOfferSchema, Type.Null()]),
          note: Type.Union([Type.String({ enum: ['no_current_offer', 'only_excluded_offers', 'no_eligible_offer'] }), Type.Null()]),
        }),
      ),
      excluded: Type.Object({ stale: Type.Integer(), promotional: Type.Integer(), socialTariff: Type.Integer() }),
    }),
  ),
});

/** The affordability answer, typed. */
export type AffordabilityBody = Static<typeof AffordabilityResponse>;
