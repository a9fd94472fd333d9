import { Temporal } from 'temporal-polyfill';
import type { Logger } from 'pino';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { RecordKind, RetentionRule } from '../../../platform/privacy/record-kinds.ts';
import { checkRetentionSchedule, resolveRetentionSchedule, retentionCutoff } from '../../../platform/privacy/retention-schedule.ts';
import type { LegalHoldRow, RetentionRepository, RetentionRunKindRow, RetentionRunRow } from './retention.repository.ts';

/** The job type of a run of the schedule, nightly or asked for. */
export const RETENTION_JOB = 'privacy.retention';
/** The encryption context of a hold's reason. */
export const HOLD_REASON_CONTEXT = 'privacy_legal_holds.reason';
/** Who asked for a run that no person asked for. */
export const SCHEDULED_BY = 'schedule';

/** The payload of a run's job: empty for the nightly run, the run's id for one asked for. */
export interface RetentionJobPayload {
  runId?: string;
}

/** What one run did to one kind. */
export interface KindOutcome {
  kind: string;
  rule: RetentionRule;
  isDefault: boolean;
  cutoff: string;
  count: number | null;
  error: string | null;
}

/** A run with what it did per kind. */
export interface RetentionRunReport {
  id: string;
  isDryRun: boolean;
  runDate: string;
  requestedBy: string;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  kinds: readonly KindOutcome[];
}

/** A legal hold in force, its reason opened. */
export interface LegalHold {
  id: string;
  kind: string;
  recordId: string;
  reason: string;
  caseReference: string;
  placedBy: string | null;
  placedAt: string;
}

/** A field a hold's form got wrong, with the message key saying why. */
export interface HoldIssue {
  field: 'kind' | 'recordId' | 'reason' | 'caseReference';
  messageKey: string;
}

/** What the retention service needs. */
export interface RetentionDeps {
  repository: RetentionRepository;
  kinds: readonly RecordKind[];
  schedule: Readonly<Record<string, RetentionRule>>;
  timeZone: string;
  clock: Clock;
  ids: IdGenerator;
  keyring: Keyring;
  audit: AuditLog;
  jobs: JobQueue;
  logger: Logger;
}

/**
 * Every problem of the profile's schedule against the kinds the modules declare, each named by
 * its place in the profile (`/modules/privacy/retention/schedule/<kind>/<field>`), as settings
 * problems are.
 */
export function scheduleProblems(kinds: readonly RecordKind[], schedule: Readonly<Record<string, RetentionRule>>, moduleNames?: readonly string[]): string[] {
  const owners = moduleNames ? new Set(['platform', ...moduleNames]) : undefined;
  return checkRetentionSchedule(kinds, schedule, owners).map((problem) => `/modules/privacy/retention/schedule/${problem}`);
}

/** The day an instant falls on in the profile's time zone (`YYYY-MM-DD`). */
export function dayOf(at: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** The first instant of a day (`YYYY-MM-DD`) in the profile's time zone. */
export function startOfDay(day: string, timeZone: string): Date {
  return new Date(Temporal.PlainDate.from(day).toZonedDateTime({ timeZone }).epochMilliseconds);
}

const MAX_REASON = 1000;
const MAX_REFERENCE = 100;
const MAX_RECORD_ID = 100;
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

const actorText = (actor: Actor) => (actor.type === 'system' ? SCHEDULED_BY : `${actor.type}:${actor.id ?? ''}`);

const reportOf = (run: RetentionRunRow, kinds: readonly RetentionRunKindRow[]): RetentionRunReport => ({
  id: run.id,
  isDryRun: Boolean(run.is_dry_run),
  runDate: run.run_date,
  requestedBy: run.requested_by,
  requestedAt: run.requested_at,
  startedAt: run.started_at,
  finishedAt: run.finished_at,
  kinds: kinds
    .filter((k) => k.run_id === run.id)
    .map((k) => ({
      kind: k.kind,
      rule: JSON.parse(k.rule_json) as RetentionRule,
      isDefault: Boolean(k.is_default_rule),
      cutoff: new Date(k.cutoff).toISOString(),
      count: k.count,
      error: k.error,
    })),
});

/** Runs the schedule, keeps its record, and places and releases legal holds. */
export function createRetentionService(deps: RetentionDeps) {
  const { repository, kinds, schedule, timeZone, clock, ids, keyring, audit, jobs, logger } = deps;
  const kindNames = new Set(kinds.map((k) => k.name));

  /** Applies every kind's rule (or counts, in a dry run) for the run `runId`, one kind failing leaving the others to run. */
  async function execute(run: RetentionRunRow, now: Date): Promise<RetentionRunReport> {
    await repository.markStarted(run.id, clock.now().toISOString());
    const outcomes: KindOutcome[] = [];
    for (const { kind, rule, isDefault } of resolveRetentionSchedule(kinds, schedule)) {
      const cutoff = retentionCutoff(rule.period, now, timeZone);
      let count: number | null = null;
      let error: string | null = null;
      try {
        const heldIds = new Set(await repository.heldIds(kind.name));
        count = await kind.retention.run({ rule, cutoff, now: now.toISOString(), dryRun: Boolean(run.is_dry_run), heldIds });
      } catch (failure) {
        error = failure instanceof Error ? `${failure.name}: ${failure.message}`.slice(0, 500) : 'unknown failure';
        logger.error({ err: failure, kind: kind.name, runId: run.id }, 'A kind of record failed in the retention run; the others still ran');
      }
      await repository.insertRunKind({ run_id: run.id, kind: kind.name, rule_json: JSON.stringify(rule), is_default_rule: isDefault, cutoff, count, error });
      outcomes.push({ kind: kind.name, rule, isDefault, cutoff, count, error });
    }
    const finishedAt = clock.now().toISOString();
    await repository.markFinished(run.id, finishedAt);
    logger.info(
      {
        runId: run.id,
        dryRun: Boolean(run.is_dry_run),
        counts: Object.fromEntries(outcomes.map((o) => [o.kind, o.count])),
        failed: outcomes.filter((o) => o.error !== null).map((o) => o.kind),
      },
      'Retention run done',
    );
    return { ...reportOf({ ...run, finished_at: finishedAt }, []), startedAt: run.started_at, kinds: outcomes };
  }

  return {
    /**
     * Runs the schedule now, as the nightly job and the command do: `date` (a day of the profile's
     * time zone) runs it as of that day's start, for a dry run or to catch up a missed day.
     */
    async runNow(input: { dryRun: boolean; requestedBy: Actor | 'schedule' | 'command'; date?: string }): Promise<RetentionRunReport> {
      const at = clock.now();
      const now = input.date ? startOfDay(input.date, timeZone) : at;
      const run: RetentionRunRow = {
        id: ids(),
        is_dry_run: input.dryRun,
        run_date: dayOf(now, timeZone),
        requested_by: typeof input.requestedBy === 'string' ? input.requestedBy : actorText(input.requestedBy),
        requested_at: at.toISOString(),
        started_at: at.toISOString(),
        finished_at: null,
      };
      await repository.insertRun(run);
      return execute(run, now);
    },

    /** Runs a run staff asked for, once its job comes; a run already started is left alone. */
    async runQueued(runId: string): Promise<RetentionRunReport | null> {
      const run = await repository.findRun(runId);
      if (!run || run.started_at !== null) return null;
      return execute({ ...run, started_at: clock.now().toISOString() }, clock.now());
    },

    /** Queues a dry run asked for by staff; answers its id, whose report shows once the job ran. */
    async requestDryRun(actor: Actor): Promise<string> {
      const at = clock.now();
      const id = ids();
      await repository.inTransaction(async (repo, tx) => {
        await repo.insertRun({
          id,
          is_dry_run: true,
          run_date: dayOf(at, timeZone),
          requested_by: actorText(actor),
          requested_at: at.toISOString(),
          started_at: null,
          finished_at: null,
        });
        await jobs.enqueue(tx, RETENTION_JOB, { runId: id } satisfies RetentionJobPayload, { maxAttempts: 1 });
        await audit.record(tx, { actor, action: 'privacy.retention.dryRunRequested', entityType: 'privacy_retention_run', entityId: id });
      });
      return id;
    },

    /** One run with what it did per kind, or null. */
    async findRun(id: string): Promise<RetentionRunReport | null> {
      const run = await repository.findRun(id);
      return run ? reportOf(run, await repository.listRunKinds([run.id])) : null;
    },

    /** The newest runs, each with what it did per kind. */
    async lastRuns(limit = 10): Promise<RetentionRunReport[]> {
      const runs = await repository.listRuns(limit);
      const runKinds = await repository.listRunKinds(runs.map((r) => r.id));
      return runs.map((run) => reportOf(run, runKinds));
    },

    /** The kinds whose last real run failed. */
    async failedKinds(): Promise<string[]> {
      return (await repository.failedKindsOfLastRun()).map((k) => k.kind);
    },

    /** The record ids of one kind under a hold in force. */
    async heldIds(kind: string): Promise<ReadonlySet<string>> {
      return new Set(await repository.heldIds(kind));
    },

    /** The holds in force, oldest first, their reasons opened. */
    async holdsInForce(): Promise<LegalHold[]> {
      return (await repository.listHoldsInForce()).map((row: LegalHoldRow) => ({
        id: row.id,
        kind: row.kind,
        recordId: row.record_id,
        reason: keyring.decrypt(row.reason_enc, HOLD_REASON_CONTEXT),
        caseReference: row.case_reference,
        placedBy: row.placed_by,
        placedAt: new Date(row.placed_at).toISOString(),
      }));
    },

    /** How many holds are in force. */
    countHolds(): Promise<number> {
      return repository.countHoldsInForce();
    },

    /** Places a hold on one record of a kind, audited; the schedule and erasure requests leave it alone until released. */
    async placeHold(
      actor: Actor,
      input: { kind: string; recordId: string; reason: string; caseReference: string },
    ): Promise<{ ok: true; id: string } | { ok: false; issues: HoldIssue[] }> {
      const kind = input.kind.trim();
      const recordId = input.recordId.trim();
      const reason = input.reason.trim();
      const caseReference = input.caseReference.trim();
      const issues: HoldIssue[] = [];
      if (!kindNames.has(kind)) issues.push({ field: 'kind', messageKey: 'privacy.retention.holds.error.kind' });
      if (!RECORD_ID.test(recordId) || recordId.length > MAX_RECORD_ID)
        issues.push({ field: 'recordId', messageKey: 'privacy.retention.holds.error.recordId' });
      if (reason === '' || reason.length > MAX_REASON) issues.push({ field: 'reason', messageKey: 'privacy.retention.holds.error.reason' });
      if (caseReference === '' || caseReference.length > MAX_REFERENCE || /[\p{Cc}]/u.test(caseReference))
        issues.push({ field: 'caseReference', messageKey: 'privacy.retention.holds.error.caseReference' });
      if (issues.length > 0) return { ok: false, issues };
      const id = ids();
      await repository.inTransaction(async (repo, tx) => {
        await repo.insertHold({
          id,
          kind,
          record_id: recordId,
          reason_enc: keyring.encrypt(reason, HOLD_REASON_CONTEXT),
          case_reference: caseReference,
          placed_by: actor.id,
          placed_at: clock.now().toISOString(),
          released_by: null,
          released_at: null,
        });
        await audit.record(tx, { actor, action: 'privacy.hold.placed', entityType: 'privacy_legal_hold', entityId: id, details: { kind, recordId } });
      });
      return { ok: true, id };
    },

    /** Releases a hold in force, audited; answers false when there is none by that id. */
    async releaseHold(actor: Actor, id: string): Promise<boolean> {
      return repository.inTransaction(async (repo, tx) => {
        const hold = await repo.findHold(id);
        if (!hold || !(await repo.releaseHold(id, actor.id, clock.now().toISOString()))) return false;
        await audit.record(tx, {
          actor,
          action: 'privacy.hold.released',
          entityType: 'privacy_legal_hold',
          entityId: id,
          details: { kind: hold.kind, recordId: hold.record_id },
        });
        return true;
      });
    },
  };
}

/** The retention service. */
export type RetentionService = ReturnType<typeof createRetentionService>;
