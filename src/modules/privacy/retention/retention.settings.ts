import { Type } from '@sinclair/typebox';
import { LEGAL_BASES, RETENTION_ACTIONS, RETENTION_TRIGGERS } from '../../../platform/privacy/record-kinds.ts';

const oneOf = <T extends string>(values: readonly T[]) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { errorMessage: `must be one of ${values.join(', ')}` },
  );

/** One rule of the schedule, as the profile writes it. */
export const RetentionRuleSchema = Type.Object(
  {
    /** An ISO 8601 duration of one unit: years, months, days or hours (P5Y, P6M, P90D, PT24H). */
    period: Type.String({
      pattern: '^P(?:[1-9][0-9]{0,2}[YMD]|T[1-9][0-9]{0,4}H)$',
      errorMessage: 'must be a period of whole years, months, days or hours, such as P5Y, P6M, P90D or PT24H',
    }),
    trigger: oneOf(RETENTION_TRIGGERS),
    action: oneOf(RETENTION_ACTIONS),
    legalBasis: oneOf(LEGAL_BASES),
    /** The law that sets the period or the duty to keep, cited as people will read it. */
    reference: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  },
  { additionalProperties: false },
);

/** `modules.privacy.retention`: the one schedule of every kind of record, and what the register of processing states beside it. */
export const RetentionSettingsSchema = Type.Object(
  {
    /**
     * The rule of each kind of record (`complaints.complaints`), by kind name. A kind the schedule
     * does not name keeps its module's default rule; the start stops on a kind no module keeps, or
     * on a trigger or action the kind cannot apply.
     */
    schedule: Type.Record(Type.String({ pattern: '^[a-z][a-zA-Z0-9]*\\.[a-z][a-zA-Z0-9]*$' }), RetentionRuleSchema, {
      default: {},
      additionalProperties: false,
      keyErrorMessage: 'must be a kind of record such as complaints.complaints',
    }),
    /** The data-protection officer the register of processing and the public page name; absent when none is designated. */
    dpo: Type.Optional(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 200 }),
          email: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 200, errorMessage: 'must be an e-mail address such as dpo@example.org' }),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * Transfers of personal data outside the jurisdiction, each said as the register of processing
     * states it (the recipient country and the safeguard); none by default.
     */
    transfers: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { default: [], maxItems: 20 }),
  },
  { additionalProperties: false, default: {} },
);
