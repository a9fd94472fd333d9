import type { AuditLog } from '../../platform/audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto/index.ts';
import { Conflict } from '../../platform/http/errors.ts';
import type { Translate } from '../../platform/i18n/index.ts';
import type { IdGenerator } from '../../platform/ids.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { enqueueEmail } from '../../platform/notify/index.ts';
import { isWithinSafetyLimit, type Condition } from './classification-rules.ts';
import type { ClassificationSettings } from './classification-settings.ts';
import type { ClassificationRepository, ConditionCounts, TraceCandidate } from './classification.repository.ts';

/** The keyed-hash purpose of golden list keys, as the reference list import writes them. */
export const GOLDEN_HASH_PURPOSE = 'device-golden-imei';

/** What one run did, per condition. */
export interface ClassificationSummary {
  runId: string;
  /** The run's day: reference lists and reports as of it; periods start, end and count their grace from it. */
  date: string;
  /** The analysis date: operator data as of it, and the dimensions' windows end on it. */
  dataDate: string;
  imeisSeen: number;
  conditions: Record<string, ConditionCounts>;
  /** Golden list IMEIs kept out of blocking conditions. */
  goldenExempted: number;
  /** New trace alerts raised. */
  alerts: number;
}

/** A run refused by the safety limit; nothing was written but the refusal itself. */
export class ClassificationRefused extends Conflict {
  readonly condition: string;
  readonly newlyFlagged: number;
  readonly imeisSeen: number;
  constructor(condition: Condition, newlyFlagged: number, imeisSeen: number) {
    super(
      'CLASSIFICATION_REFUSED',
      `Classification refused: condition "${condition.name}" would newly flag ${newlyFlagged} of ${imeisSeen} IMEIs seen, above its limit of ${(condition.maxNewShare * 100).toFixed(2)} %. Nothing was written; check the rule and the latest operator data, or raise maxNewShare in the profile.`,
    );
    this.condition = condition.name;
    this.newlyFlagged = newlyFlagged;
    this.imeisSeen = imeisSeen;
  }
}

/** Classifies every IMEI seen or listed, and raises trace alerts. */
export interface ClassificationService {
  /**
   * Classifies one day: a day given is both the run's day and the analysis date (DIRBS's
   * `--curr-date`); without one, today, as of the analysis date the profile names (by default the
   * last day of operator data). Throws {@link ClassificationRefused} past a safety limit.
   */
  classify(input?: { date?: string }): Promise<ClassificationSummary>;
  /** The newest run, done or refused, for the staff overview. */
  latestRun(): Promise<LatestRun | undefined>;
}

/** The newest classification run as the staff overview shows it. */
export interface LatestRun {
  date: string;
  /** The analysis date the run read operator data as of (its day for runs recorded before it was kept). */
  dataDate: string;
  finishedAt: string;
  status: 'done' | 'refused';
  /** For a refused run: the condition whose limit stopped it and how many IMEIs it would have newly flagged. */
  refusedBy: { condition: string; newlyFlagged: number } | null;
}

// A page of golden list checks: the keyed hash runs in the process, the rest stays in SQL.
const GOLDEN_PAGE = 10_000;
// Alerts beyond this many a day wait for the next run rather than flood the reporters' inboxes at once.
const ALERTS_PER_RUN = 5_000;

/** Builds the classification service. */
export function createClassificationService(deps: {
  repository: ClassificationRepository;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  jobs: JobQueue;
  settings: ClassificationSettings;
  allocationLagDays: Readonly<Record<string, number>>;
  /** The translator of the jurisdiction's default language, for alert e-mails. */
  t: Translate;
  /** The base URL of the site, for links in e-mails. */
  baseUrl: string;
}): ClassificationService {
  const { repository, keyring, clock, ids, audit, jobs, settings } = deps;
  const conditions = settings.conditions;
  const blockingNames = conditions.filter((c) => c.isBlocking).map((c) => c.name);
  const networks: Record<string, string> = {};
  for (const [operatorId, codes] of Object.entries(settings.operatorNetworks)) for (const code of codes) networks[code.replace('-', '')] = operatorId;

  const exemptGolden = async (trx: ClassificationRepository, runId: string, date: string): Promise<number> => {
    const golden = await trx.goldenHashes(date);
    if (golden.size === 0 || blockingNames.length === 0) return 0;
    let exempted = 0;
    let after: { condition: string; key: string } | null = null;
    for (;;) {
      const page = await trx.matchPage(runId, blockingNames, after, GOLDEN_PAGE);
      if (page.length === 0) break;
      const hits = page.filter((m) => golden.has(keyring.hash(m.imei_key, GOLDEN_HASH_PURPOSE)));
      await trx.deleteMatches(runId, hits);
      exempted += hits.length;
      const last = page[page.length - 1];
      if (!last || page.length < GOLDEN_PAGE) break;
      after = { condition: last.condition_name, key: last.imei_key };
    }
    return exempted;
  };

  const raiseAlerts = async (trx: ClassificationRepository, date: string): Promise<number> => {
    const candidates = await trx.traceCandidates(date, blockingNames, networks, ALERTS_PER_RUN);
    // A reported phone that is also blocked comes twice: the report's row, which names a reporter, wins.
    const byPair = new Map<string, TraceCandidate>();
    for (const c of candidates) {
      const pair = `${c.imei_key}:${c.imsi_hash}`;
      const known = byPair.get(pair);
      if (!known || (known.report_id === null && c.report_id !== null)) byPair.set(pair, c);
    }
    const now = clock.now().toISOString();
    for (const c of byPair.values()) {
      const id = ids();
      await trx.insertAlert({ id, imei_key: c.imei_key, imsi_hash: c.imsi_hash, report_id: c.report_id, operator_id: c.operator_id, seen_on: c.seen_on, created_at: now, created_on: date, acknowledged_at: null, acknowledged_by: null });
      await audit.record(trx.executor, { actor: { type: 'system', id: null }, action: 'devices.trace_alert.raised', entityType: 'device_trace_alert', entityId: id, details: { operatorId: c.operator_id, reportId: c.report_id } });
      if (c.report_id === null) continue;
      const contacts = await trx.alertContacts(c.report_id);
      if (!contacts) continue;
      const values = { requestId: contacts.request_id, date: c.seen_on, operator: c.operator_id };
      await enqueueEmail(jobs, trx.executor, { to: keyring.decrypt(contacts.email_enc, 'device_theft_reports.email'), subject: deps.t('devices.recovery.mail.tracedSubject', values), text: deps.t('devices.recovery.mail.tracedBody', { ...values, url: `${deps.baseUrl}/devices/recover` }) });
      if (contacts.officer_email_enc) {
        await enqueueEmail(jobs, trx.executor, { to: keyring.decrypt(contacts.officer_email_enc, 'users.email'), subject: deps.t('devices.recovery.mail.officerSubject', values), text: deps.t('devices.recovery.mail.officerBody', { ...values, url: `${deps.baseUrl}/staff/devices/reports` }) });
      }
    }
    return byPair.size;
  };

  return {
    async latestRun() {
      const row = await repository.latestRun();
      if (!row) return undefined;
      const summary = JSON.parse(row.summary) as { condition?: string; newlyFlagged?: number; dataDate?: string };
      const status = row.status === 'refused' ? 'refused' : 'done';
      return { date: row.run_date, dataDate: summary.dataDate ?? row.run_date, finishedAt: row.finished_at, status, refusedBy: status === 'refused' ? { condition: summary.condition ?? '', newlyFlagged: summary.newlyFlagged ?? 0 } : null };
    },

    async classify(input = {}) {
      const date = input.date ?? clock.now().toISOString().slice(0, 10);
      const dataDate = input.date !== undefined || settings.analysisDate === 'runDate' ? date : ((await repository.latestDataDay(date)) ?? date);
      const runId = ids();
      const startedAt = clock.now().toISOString();
      const day = { date, dataDate, allocationLagDays: deps.allocationLagDays };
      try {
        return await repository.inTransaction(async (trx) => {
          await trx.rollBackFrom(date);
          const summary: ClassificationSummary = { runId, date, dataDate, imeisSeen: 0, conditions: {}, goldenExempted: 0, alerts: 0 };
          const matched = new Map<string, number>();
          summary.imeisSeen = await trx.insertUniverse(runId, day);
          for (const condition of conditions) matched.set(condition.name, await trx.insertMatches(runId, condition, day));
          await trx.clearUniverse(runId);
          summary.goldenExempted = await exemptGolden(trx, runId, date);
          const newly = await trx.countNewlyFlagged(runId);
          const ending = await trx.countEnding(runId, conditions.map((c) => c.name));
          for (const condition of conditions) {
            const newlyFlagged = newly.get(condition.name) ?? 0;
            if (!isWithinSafetyLimit(newlyFlagged, summary.imeisSeen, condition.maxNewShare, settings.safetyMinimumImeisSeen)) {
              throw new ClassificationRefused(condition, newlyFlagged, summary.imeisSeen);
            }
            summary.conditions[condition.name] = { matched: matched.get(condition.name) ?? 0, newlyFlagged, ended: ending.get(condition.name) ?? 0 };
          }
          await trx.endUnmatched(runId, conditions.map((c) => c.name), date);
          for (const condition of conditions) await trx.startNew(runId, condition, date);
          await trx.clearMatches(runId);
          summary.alerts = await raiseAlerts(trx, date);
          await trx.insertRun({ id: runId, run_date: date, started_at: startedAt, finished_at: clock.now().toISOString(), status: 'done', summary: JSON.stringify(summary) });
          await audit.record(trx.executor, { actor: { type: 'system', id: null }, action: 'devices.classification.run', entityType: 'device_classification_run', entityId: runId, details: { date, devicesSeen: summary.imeisSeen, alerts: summary.alerts } });
          return summary;
        });
      } catch (error) {
        if (error instanceof ClassificationRefused) {
          // The transaction rolled back; only the refusal is recorded, so staff see why no run happened.
          await repository.insertRun({
            id: runId,
            run_date: date,
            started_at: startedAt,
            finished_at: clock.now().toISOString(),
            status: 'refused',
            summary: JSON.stringify({ condition: error.condition, newlyFlagged: error.newlyFlagged, imeisSeen: error.imeisSeen, dataDate }),
          });
        }
        throw error;
      }
    },
  };
}
