import { isIntegerIn, isPlainObject, numberOr } from '../../../platform/value-checks.ts';
import { checkConditions, readConditions, type Condition } from './classification-rules.ts';

/** The classification and list settings, from `modules.devices` in the jurisdiction profile. */
export interface ClassificationSettings {
  /** The rules, in the order the lists name their reasons. */
  conditions: Condition[];
  /** Below this many IMEIs seen, the share limit of a condition is not applied (default 1,000). */
  safetyMinimumImeisSeen: number;
  /** Days back a SIM seen with a device is still notified to its operator (default 60). */
  notificationLookbackDays: number;
  /** Each operator's home networks as `MCC-MNC`, such as {"OP-1": ["639-02"]}; routes notification and exception lists. */
  operatorNetworks: Readonly<Record<string, readonly string[]>>;
  /** The UTC hour after which the daily classification and list run starts (default 2). */
  classifyHourUtc: number;
  /** Whether the lists carry IMEIs whose key is not 14 digits (default true, as DIRBS's `output_invalid_imeis`). */
  listInvalidImeis: boolean;
  /**
   * The analysis date of a run given no day: `latestData` (default, as DIRBS) the last day of
   * operator data, or `runDate` the run's day. A day given is always the analysis date too.
   */
  analysisDate: 'latestData' | 'runDate';
  /** What a safety limit refuses: the `condition` over it, applying the others (default, as DIRBS), or the whole `run`. */
  safetyLimitScope: 'condition' | 'run';
  /** What a safety limit counts: the IMEIs a run `newlyFlagged` (default) or all it `matched` (as DIRBS). */
  safetyLimitMeasure: 'newlyFlagged' | 'matched';
  /** Which pairings the exception lists carry: `all` current ones (default, as DIRBS) or only those of IMEIs that are or will be `blocked`. */
  exceptionsScope: 'all' | 'blocked';
  /** Whether the exception lists keep pairings of barred IMEIs and TACs (default false, as DIRBS's `include_barred_imeis_in_exceptions_list`). */
  includeBarredInExceptions: boolean;
}

/** The keys of `modules.devices` this part reads. */
export const CLASSIFICATION_KEYS = [
  'conditions',
  'safetyMinimumImeisSeen',
  'notificationLookbackDays',
  'operatorNetworks',
  'classifyHourUtc',
  'listInvalidImeis',
  'analysisDate',
  'safetyLimitScope',
  'safetyLimitMeasure',
  'exceptionsScope',
  'includeBarredInExceptions',
] as const;

const NETWORK = /^[0-9]{3}-[0-9]{2,3}$/;

/** Every problem of the classification settings, as "/modules/devices/<field>: ...". */
export function checkClassificationSettings(settings: Readonly<Record<string, unknown>>): string[] {
  const at = (field: string) => `/modules/devices/${field}`;
  const problems: string[] = [];
  if (settings['conditions'] !== undefined) problems.push(...checkConditions(settings['conditions'], at('conditions')));
  const minimum = settings['safetyMinimumImeisSeen'];
  if (minimum !== undefined && !isIntegerIn(minimum, 0, 1_000_000_000)) problems.push(`${at('safetyMinimumImeisSeen')}: must be a whole number from 0`);
  const lookback = settings['notificationLookbackDays'];
  if (lookback !== undefined && !isIntegerIn(lookback, 1, 3650))
    problems.push(`${at('notificationLookbackDays')}: must be a whole number of days from 1 to 3650`);
  const hour = settings['classifyHourUtc'];
  if (hour !== undefined && !isIntegerIn(hour, 0, 23)) problems.push(`${at('classifyHourUtc')}: must be a whole hour from 0 to 23`);
  const listInvalid = settings['listInvalidImeis'];
  if (listInvalid !== undefined && typeof listInvalid !== 'boolean')
    problems.push(`${at('listInvalidImeis')}: must be true (lists carry IMEIs that are not 14 digits) or false`);
  const analysisDate = settings['analysisDate'];
  if (analysisDate !== undefined && analysisDate !== 'latestData' && analysisDate !== 'runDate')
    problems.push(`${at('analysisDate')}: must be "latestData" (the last day of operator data, as DIRBS) or "runDate"`);
  const scope = settings['safetyLimitScope'];
  if (scope !== undefined && scope !== 'condition' && scope !== 'run')
    problems.push(`${at('safetyLimitScope')}: must be "condition" (refuse only the conditions over their limit, as DIRBS) or "run" (refuse the whole run)`);
  const measure = settings['safetyLimitMeasure'];
  if (measure !== undefined && measure !== 'newlyFlagged' && measure !== 'matched')
    problems.push(`${at('safetyLimitMeasure')}: must be "newlyFlagged" or "matched" (every IMEI the condition matches, as DIRBS)`);
  const exceptions = settings['exceptionsScope'];
  if (exceptions !== undefined && exceptions !== 'all' && exceptions !== 'blocked')
    problems.push(`${at('exceptionsScope')}: must be "all" (every current pairing, as DIRBS) or "blocked" (pairings of IMEIs blocked or in grace)`);
  const barred = settings['includeBarredInExceptions'];
  if (barred !== undefined && typeof barred !== 'boolean') problems.push(`${at('includeBarredInExceptions')}: must be true or false`);
  const networks = settings['operatorNetworks'];
  if (networks !== undefined) {
    if (!isPlainObject(networks)) {
      problems.push(`${at('operatorNetworks')}: must map operator ids to lists of MCC-MNC codes, such as {"OP-1": ["639-02"]}`);
    } else {
      const seen = new Map<string, string>();
      for (const [operatorId, codes] of Object.entries(networks)) {
        if (!Array.isArray(codes) || codes.length === 0) {
          problems.push(`${at(`operatorNetworks/${operatorId}`)}: must be a non-empty list of MCC-MNC codes such as "639-02"`);
          continue;
        }
        codes.forEach((code: unknown, i) => {
          if (typeof code !== 'string' || !NETWORK.test(code))
            problems.push(`${at(`operatorNetworks/${operatorId}/${i}`)}: must be an MCC-MNC code such as "639-02"`);
          else if (seen.has(code)) problems.push(`${at(`operatorNetworks/${operatorId}/${i}`)}: ${code} already belongs to ${seen.get(code)}`);
          else seen.set(code, operatorId);
        });
      }
    }
  }
  return problems;
}

/** The classification settings with defaults; call only after {@link checkClassificationSettings} found no problem. */
export function readClassificationSettings(settings: Readonly<Record<string, unknown>> | undefined): ClassificationSettings {
  const networks = settings?.['operatorNetworks'];
  return {
    conditions: readConditions(settings?.['conditions']),
    safetyMinimumImeisSeen: numberOr(settings?.['safetyMinimumImeisSeen'], 1000),
    notificationLookbackDays: numberOr(settings?.['notificationLookbackDays'], 60),
    operatorNetworks: typeof networks === 'object' && networks !== null ? (networks as Record<string, string[]>) : {},
    classifyHourUtc: numberOr(settings?.['classifyHourUtc'], 2),
    listInvalidImeis: settings?.['listInvalidImeis'] !== false,
    analysisDate: settings?.['analysisDate'] === 'runDate' ? 'runDate' : 'latestData',
    safetyLimitScope: settings?.['safetyLimitScope'] === 'run' ? 'run' : 'condition',
    safetyLimitMeasure: settings?.['safetyLimitMeasure'] === 'matched' ? 'matched' : 'newlyFlagged',
    exceptionsScope: settings?.['exceptionsScope'] === 'blocked' ? 'blocked' : 'all',
    includeBarredInExceptions: settings?.['includeBarredInExceptions'] === true,
  };
}
