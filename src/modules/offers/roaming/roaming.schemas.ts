import { Type, type Static } from '@sinclair/typebox';

/** Query of the roaming upload. */
export const RoamingImportQuery = Type.Object({
  operator: Type.Optional(Type.String({ description: "The licence id the file is for; a token scoped to an operator imports only that operator's rates." })),
});

/** The uploaded roaming file, read as text whatever its type, so that CSV and JSON report lines the same way. */
export const RoamingImportBody = Type.String({
  description:
    'The roaming rate file: CSV (Content-Type: text/csv; RFC 4180, UTF-8, header row) or JSON (application/json), as docs/formats/roaming.md specifies.',
});

/** What an accepted roaming upload changed. */
export const RoamingImportResponse = Type.Object({
  importId: Type.String(),
  rows: Type.Integer(),
  newRates: Type.Integer({ description: 'Plan and destination pairs published for the first time.' }),
  newVersions: Type.Integer(),
  confirmed: Type.Integer({ description: 'Rates published again unchanged; only their "last updated" date moved.' }),
});

/** The stay and usage of a travel estimate, as query parameters; every value is checked by the service's parser. */
export const RoamingEstimateQuery = Type.Object({
  destination: Type.Optional(Type.String({ description: 'An ISO 3166-1 alpha-2 country code (such as UG), a zone id of the jurisdiction, or world' })),
  days: Type.Optional(Type.String({ description: "Days of the stay (1 to the jurisdiction's maximum, 90 by default)" })),
  data_mb: Type.Optional(Type.String({ description: 'Data over the whole stay, in MB' })),
  voice_out_min: Type.Optional(Type.String({ description: 'Minutes of calls made over the stay' })),
  voice_in_min: Type.Optional(Type.String({ description: 'Minutes of calls received over the stay' })),
  sms: Type.Optional(Type.String({ description: 'Text messages sent over the stay' })),
  limit: Type.Optional(Type.String({ description: "Spending limit per 30 days for the bill-shock simulation; the jurisdiction's default when empty" })),
  lang: Type.Optional(Type.String()),
});
/** The estimate query, typed. */
export type RoamingEstimateQueryType = Static<typeof RoamingEstimateQuery>;

const SpendPointSchema = Type.Object({
  day: Type.Integer({ description: 'The day of the stay, from 1.' }),
  dataMb: Type.String({ description: 'Data used since the start of the stay, MB.' }),
  voiceMinutes: Type.String({ description: 'Call minutes (made and received) since the start of the stay.' }),
  sms: Type.String(),
  spent: Type.String({ description: 'Spent in the current 30-day window of the limit.' }),
});

/** One plan's cost for the stay. */
export const RoamingResultSchema = Type.Object({
  rank: Type.Integer(),
  isCheapest: Type.Boolean({ description: 'True for the lowest total (several when tied).' }),
  planId: Type.String(),
  planName: Type.String(),
  operatorId: Type.String(),
  operatorName: Type.String(),
  rateDestination: Type.String({ description: 'The destination of the rate applied: the country, a zone holding it, or world.' }),
  totalCost: Type.String({ description: 'A decimal string, rounded once to the minor unit from the exact sum.' }),
  currency: Type.String(),
  bundles: Type.Integer({ description: 'Roaming bundles bought over the stay.' }),
  lastUpdated: Type.String({ description: 'When the operator last published or confirmed the rate.' }),
  breakdown: Type.Array(
    Type.Object({
      kind: Type.String({ description: 'bundle, daily_fee, voice_out, voice_in, sms, data or data_fair_use' }),
      quantity: Type.String({ description: 'Bundles, days, minutes, messages or MB charged.' }),
      amount: Type.String({ description: 'Rounded to the minor unit for display.' }),
    }),
  ),
  billShock: Type.Union([
    Type.Object({
      alert: Type.Union([SpendPointSchema, Type.Null()], { description: 'When spending reaches the alert share of the limit; null when it never does.' }),
      cutOff: Type.Union([SpendPointSchema, Type.Null()], { description: 'When spending reaches the limit and data is cut off; null when it never does.' }),
    }),
    Type.Null(),
  ]),
});

/** The travel estimate. */
export const RoamingEstimateResponse = Type.Object({
  onDate: Type.String(),
  currency: Type.String(),
  ranking: Type.String({ description: 'The published rule of the ranking.' }),
  destination: Type.Object({ kind: Type.String({ description: 'country, zone or world' }), id: Type.String() }),
  usage: Type.Object({ days: Type.Integer(), dataMb: Type.String(), voiceOutMinutes: Type.Integer(), voiceInMinutes: Type.Integer(), sms: Type.Integer() }),
  limit: Type.Object({ amount: Type.String(), alertShare: Type.String(), alertAt: Type.String(), isDefault: Type.Boolean() }),
  ineligible: Type.Integer({ description: 'Plans with a rate for the destination that cannot serve this usage.' }),
  stale: Type.Integer({ description: 'Plans whose rate for the destination was not published or confirmed within freshnessDays: left out of the ranking.' }),
  freshnessDays: Type.Integer({ description: 'Days after its last publication or confirmation when a rate is stale, as for offers.' }),
  notice: Type.Object({ operatorsWithoutRates: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) }),
  results: Type.Array(RoamingResultSchema),
});
