import { Invalid } from '../../platform/http/errors.ts';
import { analyseImei, type ImeiAnalysis } from './imei.ts';
import { decideStatus, type ImeiListSource, type ListSignal, type StatusDecision } from './device-status.ts';
import type { DevicesSettings } from './devices.settings.ts';
import type { TacRepository, TacRow } from './tac.repository.ts';

/** Whether the TAC is in the GSMA database; when not, how long a new allocation may take to appear. */
export type TacVerdict =
  | { code: 'found'; severity: 'ok' }
  | { code: 'notFound'; severity: 'warning'; allocationLagDays: number | null }
  /** The TAC is on the regulator's barred TAC list: every device of this model is blocked. */
  | { code: 'barred'; severity: 'error'; since: string }
  | { code: 'notChecked'; severity: 'ok' };

/** Everything one check found; a presenter shapes it for the API or a page. */
export interface ImeiCheck {
  analysis: ImeiAnalysis;
  tacVerdict: TacVerdict;
  device: TacRow | undefined;
  decision: StatusDecision;
}

/** Checks IMEIs against the calculator, the TAC database and the lists. */
export interface ImeiCheckService {
  checkImei(raw: string): Promise<ImeiCheck>;
  /** A dealer's bulk check; refuses more IMEIs than the profile allows. */
  checkImeis(raws: readonly string[]): Promise<ImeiCheck[]>;
}

/** Builds the check service; `listSources` are the lists built so far (none yet means no list status occurs). */
export function createImeiCheckService(deps: {
  tacs: Pick<TacRepository, 'findByTac' | 'findByTacs'>;
  listSources: readonly ImeiListSource[];
  settings: DevicesSettings;
  /** The barred TAC list: for each TAC asked that is barred, the day it was barred. */
  barredTacs?: { barredTacsSince(tacs: readonly string[]): Promise<ReadonlyMap<string, string>> };
}): ImeiCheckService {
  const { tacs, listSources, settings } = deps;
  const barredSince = async (tacsWanted: readonly string[]): Promise<ReadonlyMap<string, string>> =>
    deps.barredTacs && tacsWanted.length > 0 ? deps.barredTacs.barredTacsSince(tacsWanted) : new Map<string, string>();

  const signalsFor = async (keys: readonly string[]): Promise<Map<string, ListSignal[]>> => {
    const merged = new Map<string, ListSignal[]>();
    if (keys.length === 0) return merged;
    for (const source of listSources) {
      for (const [key, signals] of await source.signalsFor(keys)) merged.set(key, [...(merged.get(key) ?? []), ...signals]);
    }
    return merged;
  };

  const assemble = (analysis: ImeiAnalysis, device: TacRow | undefined, listed: readonly ListSignal[], barred?: string): ImeiCheck => {
    let tacVerdict: TacVerdict = { code: 'notChecked', severity: 'ok' };
    if (analysis.key !== null && analysis.reportingBody !== null) {
      tacVerdict = device ? { code: 'found', severity: 'ok' } : { code: 'notFound', severity: 'warning', allocationLagDays: settings.allocationLagDays[analysis.reportingBody] ?? null };
    }
    // A barred TAC blocks every device of the model, whatever else is true.
    if (barred !== undefined) tacVerdict = { code: 'barred', severity: 'error', since: barred };
    const signals = barred === undefined ? listed : [...listed, { status: 'blocked' as const, since: barred }];
    return { analysis, tacVerdict, device, decision: decideStatus(analysis, device !== undefined, signals) };
  };

  return {
    async checkImei(raw) {
      const analysis = analyseImei(raw);
      if (analysis.key === null || analysis.tac === null) return assemble(analysis, undefined, []);
      const [device, signals, barred] = await Promise.all([tacs.findByTac(analysis.tac), signalsFor([analysis.key]), barredSince([analysis.tac])]);
      return assemble(analysis, device, signals.get(analysis.key) ?? [], barred.get(analysis.tac));
    },
    async checkImeis(raws) {
      if (raws.length > settings.bulkCheckMaxImeis) {
        throw new Invalid(
          [{ field: 'imeis', message: `At most ${settings.bulkCheckMaxImeis} IMEIs per call; this call has ${raws.length}.` }],
          'TOO_MANY_IMEIS',
          `At most ${settings.bulkCheckMaxImeis} IMEIs per call.`,
        );
      }
      const analyses = raws.map(analyseImei);
      const keys = analyses.flatMap((a) => (a.key === null ? [] : [a.key]));
      const tacsWanted = analyses.flatMap((a) => (a.tac === null ? [] : [a.tac]));
      const [rows, signals, barred] = await Promise.all([tacs.findByTacs(tacsWanted), signalsFor([...new Set(keys)]), barredSince(tacsWanted)]);
      const byTac = new Map(rows.map((r) => [r.tac, r]));
      return analyses.map((a) =>
        assemble(a, a.tac === null ? undefined : byTac.get(a.tac), a.key === null ? [] : (signals.get(a.key) ?? []), a.tac === null ? undefined : barred.get(a.tac)),
      );
    },
  };
}
