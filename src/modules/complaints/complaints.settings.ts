import { Type, type Static } from '@sinclair/typebox';
import type { DayCount, LastDayRule } from '../../platform/calendar.ts';
import { defineSettings } from '../../platform/settings.ts';
import { DEADLINE_STAGES, type DeadlineStage, type StageDeadlineSetting } from './deadlines/deadlines.ts';

/** The complaints module's settings, from `modules.complaints` in the jurisdiction profile, with defaults. */
export interface ComplaintsSettings {
  /** Category ids; labels come from the catalogues (`complaints.category.<id>`). */
  categories: string[];
  deadlines: Record<DeadlineStage, StageDeadlineSetting>;
  /**
   * Months after which a consumer is taken to have known of a problem for long (the day it started,
   * as the form asks it, to the day of filing); cases past it get the stages' `lateAwarenessDays`.
   * Null: no such rule.
   */
  lateAwarenessMonths: number | null;
  /** What a deadline counted in calendar days does when its last day is a weekend day or a holiday: it stays, or moves to the next business day. */
  lastDayOnNonBusinessDay: LastDayRule;
  /** Extra-support cases go straight from assessment to the regulator's investigation. */
  extraSupportSkipsReferral: boolean;
  /**
   * Every case goes to its operator as soon as it is filed, without the regulator's assessment
   * (extra-support cases too, unless they skip referral); the consent text says so.
   */
  directReferral: boolean;
  /** Weeks after filing when the consumer may take a case to the regulator (at once on deadlock). */
  escalationWeeks: number;
  /** Days after the day of closing when staff may reopen a case; later only an administrator (0: only an administrator). */
  reviewWindowDays: number;
  /** Whether the review window counts every day or only business days. */
  reviewWindowCount: DayCount;
  /** Filings one client address may send through the API per minute. */
  rateLimitPerMinute: number;
  attachments: { maxBytes: number; types: string[] };
}

declare module '../../platform/settings.ts' {
  interface ModuleSettings {
    complaints: ComplaintsSettings;
  }
}

/** The deadline of each stage that has one, documented in docs/complaints/README.md; a stage the profile gives replaces its whole entry. */
export const DEFAULT_DEADLINES: Readonly<Record<DeadlineStage, StageDeadlineSetting>> = {
  received: { days: 2, count: 'business' },
  referred_to_operator: { days: 15, count: 'business', extraSupportDays: 7 },
  investigation: { days: 40, count: 'business', extraSupportDays: 20 },
  decision: { days: 10, count: 'business' },
};

const DAYS = 'must be a whole number of days from 1 to 365';
const dayCount = (options: object) =>
  Type.Union([Type.Literal('calendar'), Type.Literal('business')], { errorMessage: 'must be calendar or business', ...options });

const stageDeadline = Type.Object(
  {
    days: Type.Integer({ minimum: 1, maximum: 365, errorMessage: DAYS }),
    count: dayCount({}),
    extraSupportDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 365, errorMessage: DAYS, description: 'For consumers who need extra support; never longer than days.' }),
    ),
    lateAwarenessDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 365,
        errorMessage: DAYS,
        description: 'For a problem that started more than lateAwarenessMonths before the complaint.',
      }),
    ),
  },
  { additionalProperties: false, errorMessage: 'must be an object with days and count' },
);

const complaintsSchema = Type.Object(
  {
    categories: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', errorMessage: 'must be an id of lower-case letters, digits and underscores' }), {
      minItems: 1,
      uniqueItems: true,
      default: [
        'billing',
        'contract',
        'quality_coverage',
        'fault_repair',
        'number_porting',
        'disconnection',
        'privacy',
        'accessibility',
        'unsolicited_communications',
        'mis_selling',
        'roaming',
        'device',
      ],
      errorMessage: 'must be a non-empty list of category ids, each listed once',
      description: 'Category ids; labels come from the messages complaints.category.<id>.',
    }),
    deadlines: Type.Object(
      {
        received: Type.Optional(stageDeadline),
        referred_to_operator: Type.Optional(stageDeadline),
        investigation: Type.Optional(stageDeadline),
        decision: Type.Optional(stageDeadline),
      } satisfies Record<DeadlineStage, unknown>,
      {
        additionalProperties: false,
        default: DEFAULT_DEADLINES,
        errorMessage: 'must be an object keyed by stage',
        keyErrorMessage: `unknown stage (stages with a deadline: ${DEADLINE_STAGES.join(', ')})`,
        description:
          'Per stage with a deadline: days, count (calendar or business), extraSupportDays and lateAwarenessDays; a stage left out keeps its default.',
      },
    ),
    lateAwarenessMonths: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 240,
        errorMessage: 'must be a whole number of months from 1 to 240',
        description:
          "A complaint whose problem started more than this many months before the day of filing gets each stage's lateAwarenessDays; needs lateAwarenessDays on at least one stage (absent: no such rule).",
      }),
    ),
    lastDayOnNonBusinessDay: Type.Union([Type.Literal('keep'), Type.Literal('next_business_day')], {
      default: 'keep',
      errorMessage: 'must be keep or next_business_day',
      description: 'A deadline counted in calendar days whose last day is a weekend day or a holiday stays there (keep) or ends on the next business day.',
    }),
    extraSupportSkipsReferral: Type.Boolean({
      default: false,
      description: "Cases of consumers who need extra support go from assessment to the regulator's investigation.",
    }),
    directReferral: Type.Boolean({
      default: false,
      description:
        "Every complaint goes to its operator as soon as it is filed, without the regulator's assessment; the consent text says so before the consumer agrees.",
    }),
    escalationWeeks: Type.Integer({
      minimum: 0,
      maximum: 52,
      default: 8,
      errorMessage: 'must be a whole number of weeks from 0 to 52',
      description: 'Weeks after the day of filing when the consumer may take a case to the regulator, from the start of that local day.',
    }),
    reviewWindowDays: Type.Integer({
      minimum: 0,
      maximum: 365,
      default: 30,
      errorMessage: 'must be a whole number of days from 0 to 365',
      description: 'Days after the day of closing when staff may reopen a case, to the end of the last day; 0: only an administrator.',
    }),
    reviewWindowCount: dayCount({ default: 'calendar', description: 'Whether reviewWindowDays counts every day (calendar) or business days only.' }),
    rateLimitPerMinute: Type.Integer({ minimum: 1, maximum: 100_000, default: 10, description: 'Filings one address may send through the API per minute.' }),
    attachments: Type.Object(
      {
        maxBytes: Type.Integer({
          minimum: 1024,
          maximum: 50 * 1024 * 1024,
          default: 5 * 1024 * 1024,
          errorMessage: 'must be a whole number of bytes from 1024 to 52428800',
        }),
        // The types Kinga can recognise by their first bytes.
        types: Type.Array(Type.Union([Type.Literal('application/pdf'), Type.Literal('image/png'), Type.Literal('image/jpeg')]), {
          minItems: 1,
          default: ['application/pdf', 'image/png', 'image/jpeg'],
          errorMessage: 'must be a non-empty list of media types',
        }),
      },
      { additionalProperties: false, default: {}, errorMessage: 'must be an object with maxBytes and types', description: 'Evidence consumers may attach.' },
    ),
  },
  { additionalProperties: false, description: 'Consumer complaints (docs/complaints/README.md).' },
);

/** The problems the schema cannot find: a stage's shorter limits against its days and the late-awareness rule's two halves. */
function deadlineRules(value: Static<typeof complaintsSchema>, at: (path: string) => string): string[] {
  const problems: string[] = [];
  const stages = DEADLINE_STAGES.flatMap((stage) => {
    const setting = value.deadlines[stage];
    return setting ? [[stage, setting] as const] : [];
  });
  for (const [stage, setting] of stages) {
    if (setting.extraSupportDays !== undefined && setting.extraSupportDays > setting.days)
      problems.push(`${at(`deadlines/${stage}/extraSupportDays`)}: must not be longer than days`);
    if (setting.lateAwarenessDays !== undefined && value.lateAwarenessMonths === undefined)
      problems.push(`${at(`deadlines/${stage}/lateAwarenessDays`)}: applies only with lateAwarenessMonths`);
  }
  if (value.lateAwarenessMonths !== undefined && stages.every(([, setting]) => setting.lateAwarenessDays === undefined))
    problems.push(`${at('lateAwarenessMonths')}: no stage has lateAwarenessDays, so it changes nothing`);
  return problems;
}

/** The complaints module's settings: `modules.complaints` of the profile, checked and resolved once at start into `platform.settings.complaints`. */
export const complaintsSettings = defineSettings({
  module: 'complaints',
  schema: complaintsSchema,
  rules: deadlineRules,
  resolve: (value): ComplaintsSettings => ({
    ...value,
    deadlines: { ...DEFAULT_DEADLINES, ...value.deadlines },
    lateAwarenessMonths: value.lateAwarenessMonths ?? null,
  }),
});
