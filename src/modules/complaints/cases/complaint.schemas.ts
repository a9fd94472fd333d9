import { Type, type Static } from '@sinclair/typebox';
import { COMPLAINT_SERVICES, COMPLAINT_STAGES, EXTRA_SUPPORT_NEEDS } from './complaint.types.ts';

const StageSchema = Type.String({ description: `One of ${COMPLAINT_STAGES.join(', ')}.` });

/** A deadline in API answers. */
export const DeadlineSchema = Type.Object({ stage: Type.String(), dueAt: Type.String({ format: 'date-time' }) });

/**
 * The body of `POST /api/v1/complaints`. Types only: the service checks the values and names
 * every wrong field at once, as problem+json `errors`.
 */
export const FileComplaintBody = Type.Object(
  {
    operatorIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10, description: 'Licence ids of the operators; one case each.' }),
    service: Type.String({ description: `One of ${COMPLAINT_SERVICES.join(', ')}.` }),
    category: Type.String({ maxLength: 40, description: 'A category id of the jurisdiction profile.' }),
    description: Type.String({ maxLength: 10_000 }),
    desiredOutcome: Type.String({ maxLength: 5000 }),
    priorContact: Type.Object(
      { contacted: Type.Boolean(), date: Type.Optional(Type.String({ maxLength: 10 })), operatorReference: Type.Optional(Type.String({ maxLength: 200 })) },
      { additionalProperties: false },
    ),
    consumer: Type.Object(
      {
        name: Type.String({ maxLength: 400 }),
        email: Type.String({ maxLength: 400, description: 'Empty when `contactBy` is `sms` and the consumer has no address.' }),
        phone: Type.Optional(
          Type.String({ maxLength: 40, description: 'With `contactBy` `sms`, the mobile number receipts, notices and codes are texted to.' }),
        ),
        contactBy: Type.Optional(
          Type.Union([Type.Literal('email'), Type.Literal('sms')], {
            description: 'How the consumer chose to be reached: `email` (when absent) or `sms`, by text message to `phone`.',
          }),
        ),
        accountNumber: Type.Optional(Type.String({ maxLength: 200, description: "The consumer's account or customer number with the operator." })),
        serviceNumber: Type.Optional(Type.String({ maxLength: 40, description: 'The phone or line number the complaint is about.' })),
        language: Type.String({ maxLength: 8 }),
      },
      { additionalProperties: false },
    ),
    problemStartedOn: Type.Optional(Type.String({ maxLength: 10, description: 'The local day the problem started, YYYY-MM-DD.' })),
    extraSupport: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 4, description: `Among ${EXTRA_SUPPORT_NEEDS.join(', ')}.` }),
    extraSupportDetails: Type.Optional(Type.String({ maxLength: 2000 })),
    consent: Type.Boolean({ description: 'Must be true.' }),
  },
  { additionalProperties: false },
);

/** The answer of a filing. */
export const FiledComplaintReply = Type.Object({
  reference: Type.String(),
  cases: Type.Array(Type.Object({ reference: Type.String(), operatorId: Type.String(), stage: Type.String(), deadlines: Type.Array(DeadlineSchema) })),
});

// What the operator's list and one operator case both show first.
const OPERATOR_CASE_FIELDS = {
  reference: Type.String(),
  service: Type.String(),
  category: Type.String(),
  stage: StageSchema,
  filedAt: Type.String({ format: 'date-time' }),
  hasExtraSupport: Type.Boolean(),
  isUntimely: Type.Boolean(),
};

/** A case in the operator's list. */
export const OperatorCaseSummary = Type.Object({
  ...OPERATOR_CASE_FIELDS,
  currentDeadline: Type.Union([DeadlineSchema, Type.Null()]),
  deadlines: Type.Array(DeadlineSchema),
});

/** The operator's list, one page of it: newest first. */
export const OperatorCaseList = Type.Object({
  cases: Type.Array(OperatorCaseSummary),
  page: Type.Integer(),
  pages: Type.Integer(),
  total: Type.Integer({ description: 'Cases in the whole list.' }),
});

/** One case as its operator sees it: the fields the consent text names, no e-mail address or contact phone. */
export const OperatorCaseReply = Type.Object({
  ...OPERATOR_CASE_FIELDS,
  referredAt: Type.String({ format: 'date-time', description: 'When the regulator referred the case to the operator.' }),
  isDeadlock: Type.Boolean(),
  amountOnHold: Type.Union([Type.String(), Type.Null()]),
  consumer: Type.Object({
    name: Type.String(),
    accountNumber: Type.Union([Type.String(), Type.Null()]),
    serviceNumber: Type.Union([Type.String(), Type.Null()]),
  }),
  description: Type.String(),
  problemStartedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  desiredOutcome: Type.String(),
  priorContact: Type.Object({
    contacted: Type.Boolean(),
    date: Type.Union([Type.String(), Type.Null()]),
    operatorReference: Type.Union([Type.String(), Type.Null()]),
  }),
  deadlines: Type.Array(Type.Object({ stage: Type.String(), dueAt: Type.String(), metAt: Type.Union([Type.String(), Type.Null()]), isMissed: Type.Boolean() })),
  responses: Type.Array(Type.Object({ kind: Type.String(), text: Type.String(), amount: Type.Union([Type.String(), Type.Null()]), at: Type.String() })),
  messages: Type.Array(
    Type.Object({
      from: Type.String({ description: 'consumer or operator.' }),
      text: Type.String(),
      at: Type.String({ format: 'date-time' }),
      isRefusalReason: Type.Boolean({ description: "True for the consumer's reason to refuse your answer or proposed resolution." }),
    }),
    { description: "The operator's messages to the consumer and the consumer's messages addressed to the operator, oldest first." },
  ),
});

/** The body of `POST /api/v1/operator/complaints/{reference}/messages`. */
export const OperatorMessageBody = Type.Object(
  { text: Type.String({ maxLength: 10_000, description: 'The message to the consumer, who is told by e-mail.' }) },
  { additionalProperties: false },
);

/** The body of `POST /api/v1/operator/complaints/{reference}/responses`. */
export const OperatorResponseBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('response'), Type.Literal('resolution'), Type.Literal('deadlock'), Type.Literal('amount_on_hold')], {
      description:
        'response: an answer; resolution: a proposed settlement the consumer accepts or rejects; deadlock: the operator cannot settle; amount_on_hold: a disputed amount held from collection.',
    }),
    text: Type.String({ maxLength: 10_000 }),
    amount: Type.Optional(Type.String({ maxLength: 20, description: 'Decimal string, for amount_on_hold.' })),
  },
  { additionalProperties: false },
);

/** A reference in a path. */
export const ReferenceParams = Type.Object({ reference: Type.String({ minLength: 5, maxLength: 40 }) });

/** Staff and portal form bodies: every field optional, so the service can name what is missing. */
export const FormBody = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));

/** The first value of a {@link FormBody} field, '' when it is absent. */
export function formValue(body: Readonly<Record<string, string | string[] | undefined>>, name: string): string {
  const value = body[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

// A list's page and order: read leniently (a bookmark with an odd value shows the defaults), only bounded here.
const LIST_FIELDS = {
  page: Type.Optional(Type.String({ maxLength: 40 })),
  sort: Type.Optional(Type.String({ maxLength: 20 })),
  dir: Type.Optional(Type.String({ maxLength: 10 })),
  lang: Type.Optional(Type.String({ maxLength: 8 })),
};

/** A staff list's page and order. */
export const ListQuery = Type.Object(LIST_FIELDS);

/** The staff queue's filters, from a GET form, with its page and order. */
export const QueueQuery = Type.Object({
  ...LIST_FIELDS,
  stage: Type.Optional(Type.String({ maxLength: 40 })),
  operator: Type.Optional(Type.String({ maxLength: 64 })),
  category: Type.Optional(Type.String({ maxLength: 40 })),
  overdue: Type.Optional(Type.String({ maxLength: 5 })),
  extraSupport: Type.Optional(Type.String({ maxLength: 5 })),
});

/** The operator API's list: which page, of how many cases. */
export const OperatorListQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'The page, from 1; a page past the last answers the last.' })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Cases per page, 100 at most (the default).' })),
});

/** A page query that carries only the language. */
export const LangQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 8 })) });

/** Types of the bodies. */
export type FileComplaintBodyType = Static<typeof FileComplaintBody>;
