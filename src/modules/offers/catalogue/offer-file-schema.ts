import { FCC_COLUMNS, OFFER_COLUMNS, REQUIRED_COLUMNS, type OfferColumn } from './offer-file.ts';
import type { EligibilityCriterion } from '../offers.settings.ts';
import { CURRENCY_COLUMN, day, DECIMAL, numeric, whole } from './file-schema-fields.ts';

const YES_NO = '^([Yy]es|YES|[Nn]o|NO|[YyNn]|[Tt]rue|[Ff]alse|1|0)$';

const text = (description: string) => ({ description, type: ['string', 'null'] });
const url = (description: string) => ({ description, type: ['string', 'null'], anyOf: [{ maxLength: 0 }, { format: 'uri', pattern: '^https?://' }] });
const yesNo = (description: string) => ({ description, anyOf: [{ type: 'boolean' }, { type: 'string', pattern: `^$|${YES_NO}` }, { type: 'null' }] });

/** What each column means and what it holds; the same words as docs/formats/offers.md. */
const COLUMN_SCHEMAS: Record<OfferColumn, object> = {
  unique_plan_id: {
    description: 'F (fixed) or M (mobile), a 10-digit registration number, 15 capital letters or digits; never reused for another plan.',
    type: 'string',
    pattern: '^[FM]\\d{10}[A-Z0-9]{1,15}$',
  },
  provider_name: text('The name the provider sells under.'),
  service_plan_name: text('The name of the plan.'),
  tier_plan_name: text('The tier of the plan, if any.'),
  connection_type: text('How the service is delivered, such as Fiber, DSL, Fixed Wireless, Satellite, 4G LTE or 5G.'),
  monthly_price: numeric('The price per bundle (per 30 days for monthly plans), without fees, in `currency`.'),
  intro_rate: yesNo('Yes when an introductory price applies.'),
  intro_rate_price: numeric('The introductory price, per bundle.'),
  intro_rate_time: whole('How many months the introductory price lasts.'),
  contract_req: yesNo('Yes when a contract is required.'),
  contract_time: whole('The length of the contract in months.'),
  contract_terms_url: url('The web address of the contract terms; required with a contract.'),
  early_termination_fee: numeric('The fee to end the contract early.'),
  single_purchase_fee_descr: text('Descriptions of one-time fees, separated by | or ; (as in the FCC data dictionary).'),
  single_purchase_fees: text('The one-time fees, one per description, separated by | or ; (as in the FCC data dictionary).'),
  monthly_provider_fee_descr: text('Descriptions of monthly fees charged by the provider, separated by | or ; (as in the FCC data dictionary).'),
  monthly_provider_fee: text('The monthly provider fees, one per description, separated by | or ; (as in the FCC data dictionary).'),
  tax: {
    description: 'Government taxes per month: an amount, Varies (by location) or Included.',
    anyOf: [{ type: 'string', pattern: `^$|${DECIMAL}|^(?:[Vv]aries( by location)?|[Ii]ncluded)$` }, { type: 'number', minimum: 0 }, { type: 'null' }],
  },
  bundle_discounts_url: url('Where bundle discounts are explained.'),
  typical_download_speed: numeric('Typical download speed in Mbit/s: one number, not a range.'),
  typical_upload_speed: numeric('Typical upload speed in Mbit/s: one number, not a range.'),
  typical_latency: numeric('Typical latency in milliseconds: one number, without the unit.'),
  monthly_data_allow: {
    description: 'Data included per bundle in GB, or Unlimited (or empty).',
    anyOf: [{ type: 'string', pattern: `^$|${DECIMAL}|^[Uu]nlimited$` }, { type: 'number', minimum: 0 }, { type: 'null' }],
  },
  over_usage_data_price: numeric('The price of data beyond the allowance, per over_usage_data_price_unit.'),
  additional_data_increment: numeric('The size in GB of one increment of extra data (with per_increment).'),
  data_allowance_policy_url: url('The data allowance policy.'),
  network_management_policy_url: url('The network management policy.'),
  privacy_policy_url: url('The privacy policy.'),
  customer_support_phone: text('Customer support telephone number.'),
  customer_support_web: url('Customer support web address.'),
  operator_id: text("The operator's licence id in Kinga (may be left out when the import names the operator)."),
  currency: CURRENCY_COLUMN,
  validity_days: whole('Days a prepaid bundle is valid; monthly plans are 30 (the default).'),
  voice_minutes: whole('Voice minutes included per bundle; empty is unlimited, 0 is none.'),
  sms_count: whole('Text messages included per bundle; empty is unlimited, 0 is none.'),
  voice_price_per_minute: numeric('Pay-as-you-go price per minute beyond the allowance.'),
  sms_price_each: numeric('Pay-as-you-go price per message beyond the allowance.'),
  data_price_per_gb: numeric('Pay-as-you-go price per GB beyond the allowance (out of bundle).'),
  over_usage_data_price_unit: {
    description: 'per_gb or per_increment; required with over_usage_data_price.',
    type: ['string', 'null'],
    enum: ['', 'per_gb', 'per_increment', null],
  },
  technology: text('The access technology, such as 4G, 5G, FTTH.'),
  addon_of: { description: 'The plan id this add-on is bought on top of.', type: ['string', 'null'], pattern: '^$|^[FM]\\d{10}[A-Z0-9]{1,15}$' },
  is_promotional: yesNo('Yes for a promotion (left out of affordability measures).'),
  effective_from: day('The first day the offer applies, YYYY-MM-DD; the import date when empty.'),
  effective_to: day('The first day the offer no longer applies, YYYY-MM-DD; empty while open-ended.'),
  social_tariff: yesNo('Yes for a social tariff reserved to eligible users.'),
  accessibility_features: text('Features for users with disabilities.'),
  social_tariff_eligibility: text(
    "Who may get the social tariff: ids of the jurisdiction's eligibility criteria (modules.offers.socialTariffs), separated by ; or |; only with social_tariff Yes. Empty: ask the operator.",
  ),
};

/** The JSON Schema (2020-12) of the JSON offer file, served at /api/v1/formats/offers.schema.json; the eligibility criteria are the jurisdiction's. */
export function offerFileJsonSchema(baseUrl: string, criteria: readonly EligibilityCriterion[] = []): Record<string, unknown> {
  const ids = criteria.map((c) => `${c.id} (${c.name})`).join('; ') || 'none declared, so leave it empty';
  const eligibility = {
    ...COLUMN_SCHEMAS.social_tariff_eligibility,
    description: `Who may get the social tariff, by the eligibility criteria of this jurisdiction: ${ids}; separated by ; or |, only with social_tariff Yes. Empty: ask the operator.`,
  };
  const properties = Object.fromEntries(OFFER_COLUMNS.map((c) => [c, c === 'social_tariff_eligibility' ? eligibility : COLUMN_SCHEMAS[c]]));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${baseUrl}/api/v1/formats/offers.schema.json`,
    title: 'National offer file (JSON form)',
    description: `The same columns as the CSV form: the ${FCC_COLUMNS.length} columns of the FCC broadband label data dictionary, then the national columns. Values are strings as in the CSV cells; numbers, true/false and null are accepted. Rules that span columns (an introductory price needs its duration, a contract needs its terms) are in docs/formats/offers.md and are checked on import.`,
    type: 'object',
    required: ['offers'],
    additionalProperties: false,
    properties: {
      offers: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', additionalProperties: false, required: [...REQUIRED_COLUMNS], properties },
      },
    },
  };
}
