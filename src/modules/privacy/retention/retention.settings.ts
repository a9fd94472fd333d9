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

/** `modules.privacy.retention`: the one schedule of every kind of record, and how the nightly run goes. */
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
  },
  { additionalProperties: false, default: {} },
);
