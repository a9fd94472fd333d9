import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { OpenDataLicence } from '../../../platform/open-data-licence.ts';
import { SEALED } from '../shared/sealed-contexts.ts';
import type { ScamOpenDataRepository } from './scam-open-data.repository.ts';
import { completeWeeks, confirmedRecordOf, reportCountRecords, weekBounds, type ConfirmedRecord, type ReportCountRecord } from './scam-open-data.ts';

/** Weeks listed at most: two years of files. */
const MAX_LISTED_WEEKS = 104;

/** The weekly open data: the list of confirmed identifiers and each week's report counts. */
export interface ScamOpenDataService {
  readonly licence: OpenDataLicence;
  readonly attribution: string;
  /** The last week that is over: the confirmed identifiers file is as of its end. */
  asOfWeek(): string;
  /** The weeks that are over since the first report, newest first. */
  listWeeks(): Promise<string[]>;
  /** Identifiers confirmed before the end of the last complete week and still listed. */
  confirmed(): Promise<ConfirmedRecord[]>;
  /** A week's counts by category and medium, small cells suppressed; undefined for a week that is not over. */
  weekCounts(week: string): Promise<ReportCountRecord[] | undefined>;
}

/** Builds the service. */
export function createScamOpenDataService(deps: {
  repository: ScamOpenDataRepository;
  clock: Clock;
  keyring: Keyring;
  licence: OpenDataLicence;
  attribution: string;
  smallestCount: number;
}): ScamOpenDataService {
  const { repository, clock } = deps;
  const lastWeek = () => completeWeeks(clock.now(), 1)[0] ?? '';
  return {
    licence: deps.licence,
    attribution: deps.attribution,
    asOfWeek: lastWeek,
    async listWeeks() {
      const first = await repository.firstFiledAt();
      if (first === null) return [];
      return completeWeeks(clock.now(), MAX_LISTED_WEEKS).filter((week) => (weekBounds(week)?.to ?? '') > first);
    },
    async confirmed() {
      const end = weekBounds(lastWeek())?.to ?? clock.now().toISOString();
      const rows = await repository.confirmedBefore(end);
      return rows.map((r) => confirmedRecordOf(r.kind, deps.keyring.decrypt(r.value_enc, SEALED.identifierValue), r.confirmed_at));
    },
    async weekCounts(week) {
      const bounds = weekBounds(week);
      if (!bounds || bounds.to > clock.now().toISOString()) return undefined;
      return reportCountRecords(week, await repository.countsByCategoryAndMedium(bounds), deps.smallestCount);
    },
  };
}
