/**
 * When reports of one identity (a number, a short code, a sender id, a link's domain) are enough
 * to put it before reviewers: distinct verified reporters within a rolling window, as TRAI's rule
 * (5 reporters in 10 days). Pure: the reports come in, the instant the threshold was reached (or
 * not) comes out, so the rule is tested on the worked cases without a database.
 */

/** One report as the rule reads it; instants are milliseconds since the epoch. */
export interface CountedReport {
  /** The reporter's keyed hash: one person reporting five times counts once. */
  reporter: string;
  /** When the report was filed. */
  filedAt: number;
  /** When the scam call or text happened, as the reporter said. */
  occurredAt: number;
  /** When the reporter's number was verified by a one-time code. */
  reporterVerifiedAt: number;
}

/** The rule, from the profile. */
export interface ThresholdRule {
  /** Distinct reporters needed (TRAI: 5). */
  reporters: number;
  /** The rolling window, in days (TRAI: 10). */
  windowDays: number;
  /** A reporter verified less than this many hours before a report counts zero for it (24). */
  minVerifiedHours: number;
  /** A reporter who filed more than this many reports in the 24 hours up to one counts zero for it (20). */
  maxReportsPerDay: number;
  /** A report filed more than this many days after the event is late: kept, shown, never counted (30). */
  reportWindowDays: number;
}

/** TRAI's rule, the profile's default. */
export const TRAI_THRESHOLD: ThresholdRule = { reporters: 5, windowDays: 10, minVerifiedHours: 24, maxReportsPerDay: 20, reportWindowDays: 30 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Whether a report is late: filed after the profile's report window from the event. */
export function isLate(report: CountedReport, rule: ThresholdRule): boolean {
  return report.filedAt - report.occurredAt > rule.reportWindowDays * DAY;
}

/**
 * The reports that count, each judged at its own filing: not late, from a reporter verified long
 * enough before it, and from a reporter who had not filed more than the day's allowance in the 24
 * hours up to it (across every identity: `allByReporter` holds each reporter's filing instants).
 */
export function countingReports(
  reports: readonly CountedReport[],
  rule: ThresholdRule,
  allByReporter: ReadonlyMap<string, readonly number[]> = filingsByReporter(reports),
): CountedReport[] {
  return reports.filter((report) => {
    if (isLate(report, rule)) return false;
    if (report.filedAt - report.reporterVerifiedAt < rule.minVerifiedHours * HOUR) return false;
    const filings = allByReporter.get(report.reporter) ?? [];
    const inDay = filings.filter((at) => at <= report.filedAt && at > report.filedAt - DAY).length;
    return inDay <= rule.maxReportsPerDay;
  });
}

/** Each reporter's filing instants, from the reports given. */
export function filingsByReporter(reports: readonly CountedReport[]): Map<string, number[]> {
  const byReporter = new Map<string, number[]>();
  for (const report of reports) byReporter.set(report.reporter, [...(byReporter.get(report.reporter) ?? []), report.filedAt]);
  return byReporter;
}

/** Distinct counting reporters whose report was filed in the window that ends at `at` (the window is open at its start). */
export function reportersInWindow(counting: readonly CountedReport[], at: number, rule: ThresholdRule): number {
  const start = at - rule.windowDays * DAY;
  return new Set(counting.filter((report) => report.filedAt > start && report.filedAt <= at).map((report) => report.reporter)).size;
}

/**
 * The first instant the threshold was reached: the filing of the report that brought the window's
 * distinct reporters to the rule's number; undefined while it never was.
 */
export function thresholdReachedAt(
  reports: readonly CountedReport[],
  rule: ThresholdRule = TRAI_THRESHOLD,
  allByReporter?: ReadonlyMap<string, readonly number[]>,
): number | undefined {
  const counting = countingReports(reports, rule, allByReporter).sort((a, b) => a.filedAt - b.filedAt);
  // The count only rises at a filing, so the filings are the only instants to look at.
  return counting.find((report) => reportersInWindow(counting, report.filedAt, rule) >= rule.reporters)?.filedAt;
}
