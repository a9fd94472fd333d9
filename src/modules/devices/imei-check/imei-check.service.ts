import { Invalid } from '../../../platform/http/errors.ts';
import { devicesProblem, devicesRefusal } from '../device-messages.ts';
import { analyseImei, type ImeiAnalysis } from './imei.ts';
import { decideStatus, type ListSignal, type ListSignals, type StatusDecision } from './device-status.ts';
import type { CheckedDevice, ImeiCheckRepository } from './imei-check.repository.ts';
import type { DevicesSettings } from '../devices.settings.ts';

/** The catalogue beside this code: its English words are what the API and the command line say. */
const CATALOGUE = new URL('./locales/', import.meta.url);

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
  device: CheckedDevice | undefined;
  decision: StatusDecision;
}

/** Checks IMEIs against the calculator, the TAC database and the lists. */
export interface ImeiCheckService {
  checkImei(raw: string): Promise<ImeiCheck>;
  /** A dealer's bulk check; refuses more IMEIs than the profile allows. */
  checkImeis(raws: readonly string[]): Promise<ImeiCheck[]>;
}

/** Builds the check service over the check's reads and what the lists say. */
export function createImeiCheckService(deps: { reads: ImeiCheckRepository; lists: ListSignals; settings: DevicesSettings }): ImeiCheckService {
  const { reads, lists, settings } = deps;

  const assemble = (analysis: ImeiAnalysis, device: CheckedDevice | undefined, listed: readonly ListSignal[], barred?: string): ImeiCheck => {
    let tacVerdict: TacVerdict = { code: 'notChecked', severity: 'ok' };
    if (analysis.key !== null && analysis.reportingBody !== null) {
      tacVerdict = device
        ? { code: 'found', severity: 'ok' }
        : { code: 'notFound', severity: 'warning', allocationLagDays: settings.allocationLagDays[analysis.reportingBody] ?? null };
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
      const found = await reads.read([analysis.tac], [analysis.key]);
      const signals = await lists.of(found.signals);
      return assemble(analysis, found.devices[0], signals.get(analysis.key) ?? [], found.barredSince.get(analysis.tac));
    },
    async checkImeis(raws) {
      if (raws.length > settings.bulkCheckMaxImeis) {
        throw new Invalid(
          [devicesProblem(CATALOGUE, 'imeis', undefined, 'devices.problem.tooManyImeis', { max: settings.bulkCheckMaxImeis, count: raws.length })],
          'TOO_MANY_IMEIS',
          devicesRefusal(CATALOGUE, 'devices.refusal.tooManyImeis', { max: settings.bulkCheckMaxImeis }),
        );
      }
      const analyses = raws.map(analyseImei);
      const keys = analyses.flatMap((a) => (a.key === null ? [] : [a.key]));
      const tacsWanted = analyses.flatMap((a) => (a.tac === null ? [] : [a.tac]));
      const found = keys.length === 0 ? { devices: [], barredSince: new Map<string, string>(), signals: [] } : await reads.read(tacsWanted, keys);
      const signals = await lists.of(found.signals);
      const byTac = new Map(found.devices.map((r) => [r.tac, r]));
      return analyses.map((a) =>
        assemble(
          a,
          a.tac === null ? undefined : byTac.get(a.tac),
          a.key === null ? [] : (signals.get(a.key) ?? []),
          a.tac === null ? undefined : found.barredSince.get(a.tac),
        ),
      );
    },
  };
}
