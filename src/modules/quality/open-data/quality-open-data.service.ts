import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { qualityWordsOf } from '../imports/quality-messages.ts';
import { lastCompleteMonth, monthsBefore } from '../kpis/quality-kpi.ts';
import type { OpenDataSettings } from '../kpis/quality-kpi.settings.ts';
import type { OpenDataCursor, OpenDataRepository } from './quality-open-data.repository.ts';
import { isMonthOver, monthBounds, openDataRecordOf, type OpenDataOptions, type OpenDataRecord } from './quality-open-data.ts';

const { qualityMessage } = qualityWordsOf(new URL('./locales/', import.meta.url));

/** One month of open data that can be downloaded. */
export interface OpenDataMonth {
  month: string;
  measurements: number;
}

/** The open data service: monthly files of individual valid measurements. */
export interface OpenDataService {
  readonly licence: { name: string; url: string };
  /** Who to credit: the authority that publishes the data. */
  readonly attribution: string;
  readonly timePrecision: 'hour' | 'day';
  /** The months that are over and have valid measurements, newest first (at most the last 36). */
  listMonths(): Promise<OpenDataMonth[]>;
  /** The valid measurements of a month that is over, in time order; {@link NotFound} for any other month. */
  monthRecords(month: string): Promise<AsyncIterable<OpenDataRecord>>;
}

/** What the service needs. */
export interface OpenDataServiceDeps {
  repository: OpenDataRepository;
  clock: Clock;
  keyring: Keyring;
  settings: OpenDataSettings;
  resolution: number;
  attribution: string;
}

/** Months listed at most: three years of files. */
const MAX_LISTED_MONTHS = 36;
/** Rows read per query while a file streams. */
const PAGE = 2000;

/**
 * The pseudonym of a device in a month's file: a keyed hash of the month and the stored hash.
 * The stored hash is keyed with the month already; hashing again with a key of its own means a
 * published pseudonym matches nothing in the database either.
 */
export function openDataPseudonym(keyring: Keyring, month: string, deviceHash: string): string {
  return keyring.hash(`${month}:${deviceHash}`, `quality-open-data-${month}`).slice(0, 20);
}

/** Builds the open data service. */
export function createOpenDataService(deps: OpenDataServiceDeps): OpenDataService {
  const { repository, clock, settings } = deps;
  const options: OpenDataOptions = {
    resolution: deps.resolution,
    timePrecision: settings.timePrecision,
    pseudonymOf: (month, deviceHash) => openDataPseudonym(deps.keyring, month, deviceHash),
  };
  return {
    licence: settings.licence,
    attribution: deps.attribution,
    timePrecision: settings.timePrecision,

    listMonths() {
      const last = lastCompleteMonth(clock.now());
      const first = monthsBefore(last, MAX_LISTED_MONTHS - 1);
      return repository.countValidMeasurementsByMonth({ from: monthBounds(first).from, to: monthBounds(last).to });
    },

    async monthRecords(month) {
      if (!isMonthOver(month, clock.now())) throw new NotFound('OPEN_DATA_MONTH_NOT_OVER', qualityMessage('quality.openData.notOver', { month }));
      const range = monthBounds(month);
      return {
        async *[Symbol.asyncIterator]() {
          let cursor: OpenDataCursor | null = null;
          for (;;) {
            const page = await repository.pageValidMeasurements(range, cursor, PAGE);
            for (const row of page) yield openDataRecordOf(row, options);
            const last = page.at(-1);
            if (!last || page.length < PAGE) return;
            cursor = { measuredAt: last.measuredAt, id: last.id };
          }
        },
      };
    },
  };
}
