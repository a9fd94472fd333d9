import { REQUIRED_ROAMING_COLUMNS, ROAMING_COLUMNS, type RoamingColumn } from './roaming-file.ts';
import { WORLD_ZONE, type RoamingZone } from './roaming.settings.ts';
import { CURRENCY_COLUMN, day, DECIMAL, numeric, whole } from '../catalogue/file-schema-fields.ts';

/** The JSON Schema (2020-12) of the JSON roaming file, served at /api/v1/formats/roaming.schema.json; the zones are the jurisdiction's. */
export function roamingFileJsonSchema(baseUrl: string, zones: readonly RoamingZone[]): Record<string, unknown> {
  const zoneIds = [...zones.map((z) => z.id), WORLD_ZONE];
  const columns: Record<RoamingColumn, object> = {
    unique_plan_id: {
      description: 'The plan id of a mobile offer of this operator, published in the national offer file.',
      type: 'string',
      pattern: '^[FM]\\d{10}[A-Z0-9]{1,15}$',
    },
    operator_id: { description: "The operator's licence id (may be left out when the import names the operator).", type: ['string', 'null'] },
    destination: {
      description: `An ISO 3166-1 alpha-2 country code in capitals (not the home country), or a zone of this jurisdiction: ${zones.map((z) => `${z.id} (${z.countries.join(' ')})`).join('; ') || 'none declared'}; ${WORLD_ZONE} is every other country.`,
      anyOf: [
        { type: 'string', pattern: '^[A-Z]{2}$' },
        { type: 'string', enum: zoneIds },
      ],
    },
    currency: CURRENCY_COLUMN,
    voice_out_per_min: numeric('Price per minute of a call made; empty when calls cannot be made there.'),
    voice_in_per_min: numeric('Price per minute of a call received; 0 when free, empty when calls cannot be received there.'),
    sms_out_each: numeric('Price per text message sent (received messages are free).'),
    data_per_mb: numeric('Price per MB of data beyond the included allowance.'),
    included_voice_min: whole('Minutes included per validity period, for calls made and received together; empty is none.'),
    included_sms: whole('Messages included per validity period; empty is none.'),
    included_data_mb: {
      description: 'MB included per validity period, or Unlimited (with a fair-use limit); empty is none.',
      anyOf: [{ type: 'string', pattern: `^$|${DECIMAL}|^[Uu]nlimited$` }, { type: 'number', minimum: 0 }, { type: 'null' }],
    },
    bundle_price: numeric('The price of one roaming bundle (the included allowance); empty when the allowance comes with the plan.'),
    validity_days: whole('Days one allowance (bundle) lasts; required with bundle_price; 30 when empty.'),
    daily_fee: numeric('A fee charged for each day of the stay.'),
    fair_use_mb: numeric('MB of data per stay beyond which fair_use_price_per_mb applies; required with unlimited data.'),
    fair_use_price_per_mb: numeric('Price per MB beyond the fair-use limit; required with fair_use_mb.'),
    effective_from: day('The first day the rate applies, YYYY-MM-DD; the import date when empty.'),
    effective_to: day('The first day the rate no longer applies, YYYY-MM-DD; empty while open-ended.'),
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${baseUrl}/api/v1/formats/roaming.schema.json`,
    title: 'Roaming rate file (JSON form)',
    description:
      'The same columns as the CSV form, one rate per plan and destination. Values are strings as in the CSV cells; numbers and null are accepted. Rules that span columns (a bundle needs its validity, a fair-use limit its price) and the plan checks are in docs/formats/roaming.md and are checked on import.',
    type: 'object',
    required: ['rates'],
    additionalProperties: false,
    properties: {
      rates: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: [...REQUIRED_ROAMING_COLUMNS],
          properties: Object.fromEntries(ROAMING_COLUMNS.map((c) => [c, columns[c]])),
        },
      },
    },
  };
}
