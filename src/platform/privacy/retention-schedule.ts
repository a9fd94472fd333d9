import { Temporal } from 'temporal-polyfill';
import { RECORD_KIND_NAME, type RecordKind, type RetentionRule } from './record-kinds.ts';

/** A retention period the profile may write: whole years, months, days or hours, one unit alone. */
export const RETENTION_PERIOD = /^P(?:[1-9][0-9]{0,2}[YMD]|T[1-9][0-9]{0,4}H)$/;

/** The period of a rule as a duration; throws on a period {@link RETENTION_PERIOD} refuses. */
export function readRetentionPeriod(period: string): Temporal.Duration {
  if (!RETENTION_PERIOD.test(period)) throw new RangeError(`"${period}" is not a retention period such as P5Y, P6M, P90D or PT24H`);
  return Temporal.Duration.from(period);
}

/**
 * The instant before which a record's trigger makes it due on a run at `now`. A period of
 * years, months or days keeps a record for whole days of the profile's time zone: the record is
 * due from the day after its trigger's day plus the period (a month added to 31 January ends on
 * the last day of February). So a complaint closed on 30 June 2019 under a rule of five years is
 * kept until the end of 30 June 2024 and is due on the run of 1 July 2024. A period of hours
 * counts back from the instant of the run.
 */
export function retentionCutoff(period: string, now: Date, timeZone: string): string {
  const duration = readRetentionPeriod(period);
  const instant = Temporal.Instant.fromEpochMilliseconds(now.getTime());
  if (duration.hours > 0) return new Date(now.getTime() - duration.hours * 3_600_000).toISOString();
  const today = instant.toZonedDateTimeISO(timeZone).toPlainDate();
  const firstKeptDay = today.subtract(duration, { overflow: 'constrain' });
  return new Date(firstKeptDay.toZonedDateTime({ timeZone }).epochMilliseconds).toISOString();
}

/**
 * Every problem of a profile's schedule against the kinds the modules declare, each naming the
 * kind and field: a kind no module declares, a trigger or action the kind cannot apply, a period
 * that is not one. Given `owners` (the platform and the modules this installation runs), a rule
 * for a kind of a module it does not run is not a problem: one profile may serve installations
 * that run fewer modules. A kind unknown to a module it runs (a misspelt name) still is.
 */
export function checkRetentionSchedule(
  kinds: readonly RecordKind[],
  schedule: Readonly<Record<string, RetentionRule>>,
  owners?: ReadonlySet<string>,
): string[] {
  const byName = new Map(kinds.map((kind) => [kind.name, kind]));
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(schedule)) {
    const kind = byName.get(name);
    if (!kind && owners && !owners.has(name.split('.')[0] ?? '')) continue;
    if (!kind) {
      problems.push(`${name}: no module keeps records of this kind (known kinds: ${[...byName.keys()].sort().join(', ')})`);
      continue;
    }
    if (!RETENTION_PERIOD.test(rule.period)) problems.push(`${name}/period: "${rule.period}" is not a retention period such as P5Y, P6M, P90D or PT24H`);
    if (!kind.triggers.includes(rule.trigger))
      problems.push(`${name}/trigger: "${rule.trigger}" cannot start this kind's period (one of ${kind.triggers.join(', ')})`);
    if (!kind.actions.includes(rule.action))
      problems.push(`${name}/action: "${rule.action}" cannot be applied to this kind (one of ${kind.actions.join(', ')})`);
  }
  return problems;
}

/** Every kind with the rule in force: the profile's, or the kind's default when the profile names none. */
export function resolveRetentionSchedule(
  kinds: readonly RecordKind[],
  schedule: Readonly<Record<string, RetentionRule>>,
): readonly { kind: RecordKind; rule: RetentionRule; isDefault: boolean }[] {
  return kinds.map((kind) => {
    const rule = schedule[kind.name];
    return rule ? { kind, rule, isDefault: false } : { kind, rule: kind.defaultRule, isDefault: true };
  });
}

/** Problems of the kinds themselves, found at start: a malformed or repeated name, a default the kind cannot apply. */
export function checkRecordKinds(kinds: readonly RecordKind[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const kind of kinds) {
    if (!RECORD_KIND_NAME.test(kind.name)) problems.push(`${kind.name}: is not a kind name such as complaints.complaints`);
    if (seen.has(kind.name)) problems.push(`${kind.name}: is declared twice`);
    seen.add(kind.name);
    problems.push(...checkRetentionSchedule([kind], { [kind.name]: kind.defaultRule }).map((p) => `default rule of ${p}`));
  }
  return problems;
}
