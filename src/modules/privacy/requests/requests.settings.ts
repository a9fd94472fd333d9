import { Type } from '@sinclair/typebox';

const PeriodSchema = Type.Union(
  [
    Type.Object({ months: Type.Integer({ minimum: 1, maximum: 120 }) }, { additionalProperties: false }),
    Type.Object({ days: Type.Integer({ minimum: 1, maximum: 3660 }) }, { additionalProperties: false }),
    Type.Object({ businessDays: Type.Integer({ minimum: 1, maximum: 3660 }) }, { additionalProperties: false }),
  ],
  { errorMessage: 'must be one of { "months": n }, { "days": n } or { "businessDays": n }' },
);

/** The GDPR's clock (Art. 12(3)), the default. */
const GDPR_CLOCK = { answer: { months: 1 }, extended: { months: 3 }, acknowledge: null, rollForward: true, stopsForIdentity: true };

/**
 * `modules.privacy.requests`: the legal clock of data-subject requests (`platform/legal-clock.ts`).
 * The default is the GDPR's: one month, extendable to three, rolled forward over weekends and
 * holidays, paused while proof of identity is awaited.
 */
export const RequestsSettingsSchema = Type.Object(
  {
    /** Written whole when given: each part of a clock depends on the others. */
    clock: Type.Object(
      {
        answer: PeriodSchema,
        extended: Type.Union([PeriodSchema, Type.Null()], { errorMessage: 'must be a period, or null when the answer may not be extended' }),
        acknowledge: Type.Union([PeriodSchema, Type.Null()], { errorMessage: 'must be a period, or null when no acknowledgement is required' }),
        rollForward: Type.Boolean(),
        stopsForIdentity: Type.Boolean(),
      },
      { additionalProperties: false, default: GDPR_CLOCK },
    ),
    /** Staff are e-mailed about a request this many days before its due date (and every day once it is overdue). */
    remindDaysBefore: Type.Array(Type.Integer({ minimum: 1, maximum: 60 }), { maxItems: 5, uniqueItems: true, default: [7, 2] }),
    /** Minutes a one-time code sent to a person stays valid. */
    codeMinutes: Type.Integer({ minimum: 5, maximum: 60, default: 15 }),
  },
  { additionalProperties: false, default: {} },
);
