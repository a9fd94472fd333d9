/**
 * The web report form read into what the intake takes: the day in three boxes and the time typed
 * as hours and minutes, read in the jurisdiction's time zone (a person says the local time the
 * call came, never UTC), and the problems put in the order of the form. Pure.
 */
import { Temporal } from 'temporal-polyfill';
import type { ReportIssue } from './scam-report.service.ts';

/** The fields of the form, in the order a person meets them; the error summary follows it. */
export const REPORT_FORM_ORDER = ['sender', 'occurredAt', 'occurredTime', 'medium', 'category', 'text', 'contactKind', 'contact', 'screenshot'] as const;

/** The contact choices of the form; `none` is sent to the intake as no contact. */
export const CONTACT_CHOICES = ['sms', 'email', 'none'] as const;

/** What the form says of when the scam came: the three boxes of the day and the time. */
export interface OccurredFields {
  day: string;
  month: string;
  year: string;
  time: string;
}

/** When the scam came as the intake reads it, or the form's own problems with the day or the time. */
export type OccurredReading = { ok: true; occurredAt: string } | { ok: false; occurredAt: string; issues: ReportIssue[] };

const PART = /^\d{1,4}$/;
const TIME = /^(\d{1,2})[:.h ]?(\d{2})$/;
// A value the intake refuses as a date, so that a form whose day or time is wrong never files.
const REFUSED = 'invalid';

/**
 * Reads the boxes in `timeZone`. All boxes empty leaves the day to the intake, which says it is
 * missing; an empty time is read as midday, as a person who does not remember the hour would say.
 */
export function readOccurred(fields: OccurredFields, timeZone: string): OccurredReading {
  const day = fields.day.trim();
  const month = fields.month.trim();
  const year = fields.year.trim();
  const time = fields.time.trim();
  const issues: ReportIssue[] = [];
  let date: Temporal.PlainDate | undefined;
  if (day === '' && month === '' && year === '') {
    if (time === '') return { ok: true, occurredAt: '' };
    issues.push({ field: 'occurredAt', messageKey: 'scams.reporting.page.error.dateMissing' });
  } else if ([day, month, year].every((p) => PART.test(p)) && year.length === 4) {
    try {
      date = Temporal.PlainDate.from({ year: Number(year), month: Number(month), day: Number(day) }, { overflow: 'reject' });
    } catch {
      date = undefined;
    }
    if (!date) issues.push({ field: 'occurredAt', messageKey: 'scams.reporting.page.error.dateInvalid' });
  } else issues.push({ field: 'occurredAt', messageKey: 'scams.reporting.page.error.dateInvalid' });
  let hour = 12;
  let minute = 0;
  if (time !== '') {
    const match = TIME.exec(time);
    hour = Number(match?.[1] ?? 99);
    minute = Number(match?.[2] ?? 99);
    if (!match || hour > 23 || minute > 59) issues.push({ field: 'occurredTime', messageKey: 'scams.reporting.page.error.timeInvalid' });
  }
  if (issues.length > 0 || !date) return { ok: false, occurredAt: REFUSED, issues };
  const zoned = date.toPlainDateTime({ hour, minute }).toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  return { ok: true, occurredAt: zoned.toInstant().toString() };
}

/**
 * The intake's problems and the form's own in the order of the form. Where the form already named
 * the day or the time, the intake's word on `occurredAt` (its refusal of the placeholder) is dropped.
 */
export function orderedIssues(intake: readonly ReportIssue[], form: readonly ReportIssue[]): ReportIssue[] {
  const own = new Set(form.map((i) => i.field));
  const kept = intake.filter((i) => !(i.field === 'occurredAt' && (own.has('occurredAt') || own.has('occurredTime'))));
  const rank = (field: string) => {
    const at = (REPORT_FORM_ORDER as readonly string[]).indexOf(field);
    return at < 0 ? REPORT_FORM_ORDER.length : at;
  };
  return [...kept, ...form].sort((a, b) => rank(a.field) - rank(b.field));
}
