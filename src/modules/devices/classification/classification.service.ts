import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { enqueueEmail } from '../../../platform/notify/index.ts';
import type { SmsOutbox } from '../../../platform/sms/index.ts';
import { RECOVERY_SMS_PURPOSE, sendReporterNotice } from '../recovery/reporter-notice.ts';
import { isWithinSafetyLimit, type Condition } from './classification-rules.ts';
import type { ClassificationSettings } from './classification.settings.ts';
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
  /** The conditions the safety limit refused; they keep the state of the previous run. */
  refused: RefusedCondition[];
}

/** A condition over its safety limit, with what was counted. */
export interface RefusedCondition {
  condition: string;
  /** The IMEIs counted: newly flagged, or matched, as the profile's `safetyLimitMeasure` says. */
  count: number;
  measure: 'newlyFlagged' | 'matched';
  imeisSeen: number;
  /** The condition's `maxNewShare`. */
  limit: number;
}

/**
 * A run with conditions over their safety limit, each named. When the profile refuses condition by
 * condition (as DIRBS), the others were applied and `applied` is what they did; when it refuses
 * whole runs, nothing was written but the refusal itself and `applied` is null.
 */
export class ClassificationRefused extends Conflict {
  constructor(
    readonly refused: readonly RefusedCondition[],
    readonly applied: ClassificationSummary | null,
  ) {
    const each = refused.map(
      (r) =>
        `condition "${r.condition}" would ${r.measure === 'matched' ? 'match' : 'newly flag'} ${r.count} of ${r.imeisSeen} IMEIs seen, above its limit of ${(r.limit * 100).toFixed(2)} %`,
    );
    const outcome = applied === null ? 'Nothing was written' : 'The other conditions were applied; the refused ones keep the state of the previous run';
    super(
      'CLASSIFICATION_REFUSED',
      `Classification refused: ${each.join('; ')}. ${outcome}; check the rules and the latest operator data, or raise maxNewShare in the profile.`,
    );
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
  /** The newest run, done, partly or wholly refused, for the staff overview. */
  latestRun(): Promise<LatestRun | undefined>;
}

/** The newest classification run as the staff overview shows it. */
export interface LatestRun {
  date: string;
  /** The analysis date the run read operator data as of (its day for runs recorded before it was kept). */
  dataDate: string;
  finishedAt: string;
  status: 'done' | 'partial' | 'refused';
  /** The conditions the safety limit refused (every one for a run refused whole, none for a run done). */
  refused: RefusedCondition[];
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
  /** The outbox of texts to reporters who chose them over e-mail. */
  sms: SmsOutbox;
  settings: ClassificationSettings;
  allocationLagDays: Readonly<Record<string, number>>;
  /** The translator of the jurisdiction's default language, for alert e-mails and texts. */
  t: Translate;
  /** The base URL of the site, for links in e-mails. */
  baseUrl: string;
}): ClassificationService {
  const { repository, keyring, clock, ids, audit, jobs, sms, settings } = deps;
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
      await trx.insertAlert({
        id,
        imei_key: c.imei_key,
        imsi_hash: c.imsi_hash,
        report_id: c.report_id,
        operator_id: c.operator_id,
        seen_on: c.seen_on,
        created_at: now,
        created_on: date,
        acknowledged_at: null,
        acknowledged_by: null,
      });
      await audit.record(trx.executor, {
        actor: { type: 'system', id: null },
        action: 'devices.trace_alert.raised',
        entityType: 'device_trace_alert',
        entityId: id,
        details: { operatorId: c.operator_id, reportId: c.report_id },
      });
      if (c.report_id === null) continue;
      const contacts = await trx.alertContacts(c.report_id);
      if (!contacts) continue;
      const values = { requestId: contacts.request_id, date: c.seen_on, operator: c.operator_id };
      // By text or by e-mail as the reporter chose; a report whose contacts were erased tells only its officer.
      await sendReporterNotice({ keyring, jobs, sms }, trx.executor, contacts, {
        purpose: RECOVERY_SMS_PURPOSE.traced,
        sms: () => deps.t('devices.recovery.sms.traced', values),
        subject: () => deps.t('devices.recovery.mail.tracedSubject', values),
        text: () => deps.t('devices.recovery.mail.tracedBody', { ...values, url: `${deps.baseUrl}/devices/recover` }),
      });
      if (contacts.officer_email_enc) {
        await enqueueEmail(jobs, trx.executor, {
          to: keyring.decrypt(contacts.officer_email_enc, 'users.email'),
          subject: deps.t('devices.recovery.mail.officerSubject', values),
          text: deps.t('devices.recovery.mail.officerBody', { ...values, url: `${deps.baseUrl}/staff/devices/reports` }),
        });
      }
    }
    return byPair.size;
  };

  return {
    async latestRun() {
      const row = await repository.latestRun();
      if (!row) return undefined;
      const summary = JSON.parse(row.summary) as {
        refused?: RefusedCondition[];
        dataDate?: string;
        condition?: string;
        newlyFlagged?: number;
        imeisSeen?: number;
      };
      const status = row.status === 'refused' || row.status === 'partial' ? row.status : 'done';
      // A run refused before refusals were listed named its one condition.
      const refused =
        summary.refused ??
        (summary.condition === undefined
          ? []
          : [
              {
                condition: summary.condition,
                count: summary.newlyFlagged ?? 0,
                measure: 'newlyFlagged' as const,
                imeisSeen: summary.imeisSeen ?? 0,
                limit: conditions.find((c) => c.name === summary.condition)?.maxNewShare ?? 0,
              },
            ]);
      return { date: row.run_date, dataDate: summary.dataDate ?? row.run_date, finishedAt: row.finished_at, status, refused };
    },

    async classify(input = {}) {
      const date = input.date ?? clock.now().toISOString().slice(0, 10);
      const dataDate = input.date !== undefined || settings.analysisDate === 'runDate' ? date : ((await repository.latestDataDay(date)) ?? date);
      const runId = ids();
      const startedAt = clock.now().toISOString();
      const day = { date, dataDate, allocationLagDays: deps.allocationLagDays };
      let outcome: ClassificationSummary;
      try {
        outcome = await repository.inTransaction(async (trx) => {
          await trx.rollBackFrom(date);
          const summary: ClassificationSummary = { runId, date, dataDate, imeisSeen: 0, conditions: {}, goldenExempted: 0, alerts: 0, refused: [] };
          const matched = new Map<string, number>();
          summary.imeisSeen = await trx.insertUniverse(runId, day);
          for (const condition of conditions) matched.set(condition.name, await trx.insertMatches(runId, condition, day));
          await trx.clearUniverse(runId);
          summary.goldenExempted = await exemptGolden(trx, runId, date);
          const newly = await trx.countNewlyFlagged(runId);
          const ending = await trx.countEnding(
            runId,
            conditions.map((c) => c.name),
          );
          // Every condition is judged, so that a refusal names each one over its limit (DIRBS's classify.py).
          const applied: Condition[] = [];
          for (const condition of conditions) {
            const newlyFlagged = newly.get(condition.name) ?? 0;
            const matchedCount = matched.get(condition.name) ?? 0;
            const count = settings.safetyLimitMeasure === 'matched' ? matchedCount : newlyFlagged;
            if (!isWithinSafetyLimit(count, summary.imeisSeen, condition.maxNewShare, settings.safetyMinimumImeisSeen)) {
              summary.refused.push({
                condition: condition.name,
                count,
                measure: settings.safetyLimitMeasure,
                imeisSeen: summary.imeisSeen,
                limit: condition.maxNewShare,
              });
              continue;
            }
            applied.push(condition);
            summary.conditions[condition.name] = { matched: matchedCount, newlyFlagged, ended: ending.get(condition.name) ?? 0 };
          }
          if (summary.refused.length > 0 && settings.safetyLimitScope === 'run') throw new ClassificationRefused(summary.refused, null);
          // A refused condition gets no update: its periods stay as the previous run left them.
          await trx.endUnmatched(
            runId,
            conditions.map((c) => c.name),
            applied.map((c) => c.name),
            date,
          );
          for (const condition of applied) await trx.startNew(runId, condition, date);
          await trx.clearMatches(runId);
          summary.alerts = await raiseAlerts(trx, date);
          const status = summary.refused.length > 0 ? 'partial' : 'done';
          await trx.insertRun({
            id: runId,
            run_date: date,
            started_at: startedAt,
            finished_at: clock.now().toISOString(),
            status,
            summary: JSON.stringify(summary),
          });
          await audit.record(trx.executor, {
            actor: { type: 'system', id: null },
            action: 'devices.classification.run',
            entityType: 'device_classification_run',
            entityId: runId,
            details: { date, dataDate, devicesSeen: summary.imeisSeen, alerts: summary.alerts, refused: summary.refused.map((r) => r.condition).join(',') },
          });
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
            summary: JSON.stringify({ refused: error.refused, dataDate }),
          });
        }
        throw error;
      }
      // The applied conditions are committed; the refusal still fails the command, as DIRBS exits 1.
      if (outcome.refused.length > 0) throw new ClassificationRefused(outcome.refused, outcome);
      return outcome;
    },
  };
}
