import type { DayCount, LastDayRule } from '../../platform/calendar.ts';
import { DEADLINE_STAGES, type DeadlineStage, type StageDeadlineSetting } from './deadlines/deadlines.ts';
import { isIntegerIn, isPlainObject } from '../../platform/value-checks.ts';

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
  /** Counts below this are suppressed in published statistics. */
  disclosureThreshold: number;
  /** Days a consumer's draft is kept after its last change. */
  draftDays: number;
}

/** The twelve categories of the default profile. */
export const DEFAULT_CATEGORIES = [
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
];

/** The attachment types Kinga can recognise by their first bytes. */
export const KNOWN_ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

/** The defaults documented in docs/complaints/README.md. */
export const DEFAULT_COMPLAINTS_SETTINGS: ComplaintsSettings = {
  categories: DEFAULT_CATEGORIES,
  deadlines: {
    received: { days: 2, count: 'business' },
    referred_to_operator: { days: 15, count: 'business', extraSupportDays: 7 },
    investigation: { days: 40, count: 'business', extraSupportDays: 20 },
    decision: { days: 10, count: 'business' },
  },
  lateAwarenessMonths: null,
  lastDayOnNonBusinessDay: 'keep',
  extraSupportSkipsReferral: false,
  directReferral: false,
  escalationWeeks: 8,
  reviewWindowDays: 30,
  reviewWindowCount: 'calendar',
  rateLimitPerMinute: 10,
  attachments: { maxBytes: 5 * 1024 * 1024, types: ['application/pdf', 'image/png', 'image/jpeg'] },
  disclosureThreshold: 11,
  draftDays: 30,
};

const ID = /^[a-z][a-z0-9_]{1,39}$/;

/** Checks `modules.complaints` and returns every problem as "/modules/complaints/<field>: ...". */
export function checkComplaintsSettings(settings: Readonly<Record<string, unknown>> | undefined): string[] {
  if (settings === undefined) return [];
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`/modules/complaints/${path}: ${message}`);
  const known = [
    'categories',
    'deadlines',
    'lateAwarenessMonths',
    'lastDayOnNonBusinessDay',
    'extraSupportSkipsReferral',
    'directReferral',
    'escalationWeeks',
    'reviewWindowDays',
    'reviewWindowCount',
    'rateLimitPerMinute',
    'attachments',
    'disclosureThreshold',
    'draftDays',
  ];
  for (const key of Object.keys(settings)) if (!known.includes(key)) at(key, `unknown setting (known: ${known.join(', ')})`);
  const categories = settings['categories'];
  if (categories !== undefined) {
    if (!Array.isArray(categories) || categories.length === 0) at('categories', 'must be a non-empty list of category ids');
    else {
      categories.forEach((c, i) => {
        if (typeof c !== 'string' || !ID.test(c)) at(`categories/${i}`, 'must be an id of lower-case letters, digits and underscores');
      });
      if (new Set(categories).size !== categories.length) at('categories', 'lists a category twice');
    }
  }
  const deadlines = settings['deadlines'];
  if (deadlines !== undefined) {
    if (!isPlainObject(deadlines)) at('deadlines', 'must be an object keyed by stage');
    else {
      for (const [stage, value] of Object.entries(deadlines)) {
        if (!(DEADLINE_STAGES as readonly string[]).includes(stage)) {
          at(`deadlines/${stage}`, `unknown stage (stages with a deadline: ${DEADLINE_STAGES.join(', ')})`);
          continue;
        }
        if (!isPlainObject(value)) {
          at(`deadlines/${stage}`, 'must be an object with days and count');
          continue;
        }
        if (!isIntegerIn(value['days'], 1, 365)) at(`deadlines/${stage}/days`, 'must be a whole number of days from 1 to 365');
        if (value['count'] !== 'calendar' && value['count'] !== 'business') at(`deadlines/${stage}/count`, 'must be calendar or business');
        const extra = value['extraSupportDays'];
        if (extra !== undefined && !isIntegerIn(extra, 1, 365)) at(`deadlines/${stage}/extraSupportDays`, 'must be a whole number of days from 1 to 365');
        else if (extra !== undefined && isIntegerIn(value['days'], 1, 365) && Number(extra) > Number(value['days']))
          at(`deadlines/${stage}/extraSupportDays`, 'must not be longer than days');
        const late = value['lateAwarenessDays'];
        if (late !== undefined && !isIntegerIn(late, 1, 365)) at(`deadlines/${stage}/lateAwarenessDays`, 'must be a whole number of days from 1 to 365');
        else if (late !== undefined && settings['lateAwarenessMonths'] === undefined)
          at(`deadlines/${stage}/lateAwarenessDays`, 'applies only with lateAwarenessMonths');
        const keys = ['days', 'count', 'extraSupportDays', 'lateAwarenessDays'];
        for (const key of Object.keys(value)) if (!keys.includes(key)) at(`deadlines/${stage}/${key}`, `unknown setting (known: ${keys.join(', ')})`);
      }
    }
  }
  const lateMonths = settings['lateAwarenessMonths'];
  if (lateMonths !== undefined) {
    const hasLateDays = isPlainObject(deadlines) && Object.values(deadlines).some((v) => isPlainObject(v) && v['lateAwarenessDays'] !== undefined);
    if (!isIntegerIn(lateMonths, 1, 240)) at('lateAwarenessMonths', 'must be a whole number of months from 1 to 240');
    else if (!hasLateDays) at('lateAwarenessMonths', 'no stage has lateAwarenessDays, so it changes nothing');
  }
  const lastDay = settings['lastDayOnNonBusinessDay'];
  if (lastDay !== undefined && lastDay !== 'keep' && lastDay !== 'next_business_day') at('lastDayOnNonBusinessDay', 'must be keep or next_business_day');
  const skips = settings['extraSupportSkipsReferral'];
  if (skips !== undefined && typeof skips !== 'boolean') at('extraSupportSkipsReferral', 'must be true or false');
  if (settings['directReferral'] !== undefined && typeof settings['directReferral'] !== 'boolean') at('directReferral', 'must be true or false');
  if (settings['escalationWeeks'] !== undefined && !isIntegerIn(settings['escalationWeeks'], 0, 52))
    at('escalationWeeks', 'must be a whole number of weeks from 0 to 52');
  if (settings['reviewWindowDays'] !== undefined && !isIntegerIn(settings['reviewWindowDays'], 0, 365))
    at('reviewWindowDays', 'must be a whole number of days from 0 to 365');
  const reviewCount = settings['reviewWindowCount'];
  if (reviewCount !== undefined && reviewCount !== 'calendar' && reviewCount !== 'business') at('reviewWindowCount', 'must be calendar or business');
  if (settings['rateLimitPerMinute'] !== undefined && !isIntegerIn(settings['rateLimitPerMinute'], 1, 100_000))
    at('rateLimitPerMinute', 'must be a whole number from 1 to 100000');
  if (settings['draftDays'] !== undefined && !isIntegerIn(settings['draftDays'], 1, 365)) at('draftDays', 'must be a whole number of days from 1 to 365');
  if (settings['disclosureThreshold'] !== undefined && !isIntegerIn(settings['disclosureThreshold'], 1, 1000))
    at('disclosureThreshold', 'must be a whole number from 1 to 1000');
  const attachments = settings['attachments'];
  if (attachments !== undefined) {
    if (!isPlainObject(attachments)) at('attachments', 'must be an object with maxBytes and types');
    else {
      if (attachments['maxBytes'] !== undefined && !isIntegerIn(attachments['maxBytes'], 1024, 50 * 1024 * 1024))
        at('attachments/maxBytes', 'must be a whole number of bytes from 1024 to 52428800');
      const types = attachments['types'];
      if (types !== undefined) {
        if (!Array.isArray(types) || types.length === 0) at('attachments/types', 'must be a non-empty list of media types');
        else
          types.forEach((ty, i) => {
            if (!(KNOWN_ATTACHMENT_TYPES as readonly unknown[]).includes(ty))
              at(`attachments/types/${i}`, `must be one of ${KNOWN_ATTACHMENT_TYPES.join(', ')}`);
          });
      }
    }
  }
  return problems;
}

/** The settings with defaults filled in; assumes {@link checkComplaintsSettings} found no problem. */
export function readComplaintsSettings(settings: Readonly<Record<string, unknown>> | undefined): ComplaintsSettings {
  const d = DEFAULT_COMPLAINTS_SETTINGS;
  if (settings === undefined) return d;
  const deadlines = { ...d.deadlines };
  const given = settings['deadlines'];
  if (isPlainObject(given)) {
    for (const stage of DEADLINE_STAGES) {
      const v = given[stage];
      if (!isPlainObject(v)) continue;
      const setting: StageDeadlineSetting = { days: Number(v['days']), count: v['count'] === 'calendar' ? 'calendar' : 'business' };
      if (typeof v['extraSupportDays'] === 'number') setting.extraSupportDays = v['extraSupportDays'];
      if (typeof v['lateAwarenessDays'] === 'number') setting.lateAwarenessDays = v['lateAwarenessDays'];
      deadlines[stage] = setting;
    }
  }
  const attachments = isPlainObject(settings['attachments']) ? settings['attachments'] : {};
  const num = (key: string, fallback: number) => (typeof settings[key] === 'number' ? Number(settings[key]) : fallback);
  return {
    categories: Array.isArray(settings['categories']) ? settings['categories'].map(String) : d.categories,
    deadlines,
    lateAwarenessMonths: typeof settings['lateAwarenessMonths'] === 'number' ? settings['lateAwarenessMonths'] : d.lateAwarenessMonths,
    lastDayOnNonBusinessDay: settings['lastDayOnNonBusinessDay'] === 'next_business_day' ? 'next_business_day' : d.lastDayOnNonBusinessDay,
    extraSupportSkipsReferral: settings['extraSupportSkipsReferral'] === true,
    directReferral: settings['directReferral'] === true,
    escalationWeeks: num('escalationWeeks', d.escalationWeeks),
    reviewWindowDays: num('reviewWindowDays', d.reviewWindowDays),
    reviewWindowCount: settings['reviewWindowCount'] === 'business' ? 'business' : d.reviewWindowCount,
    rateLimitPerMinute: num('rateLimitPerMinute', d.rateLimitPerMinute),
    attachments: {
      maxBytes: typeof attachments['maxBytes'] === 'number' ? attachments['maxBytes'] : d.attachments.maxBytes,
      types: Array.isArray(attachments['types']) ? attachments['types'].map(String) : d.attachments.types,
    },
    disclosureThreshold: num('disclosureThreshold', d.disclosureThreshold),
    draftDays: num('draftDays', d.draftDays),
  };
}
