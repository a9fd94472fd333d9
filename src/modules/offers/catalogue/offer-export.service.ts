import type { Clock } from '../../../platform/clock.ts';
import type { OpenDataLicence } from './open-data.settings.ts';
import type { ExportedVersion } from './offer-export.ts';
import type { HistoryCursor, OfferExportRepository } from './offer-export.repository.ts';
import type { OfferRecord } from './offer-file.ts';
import { calendarDay, type OffersOnDate } from './offer.service.ts';
import { recordOfVersion } from './versioned-import.ts';

/** What the export service needs. */
export interface OfferExportDeps {
  versions: OfferExportRepository;
  clock: Clock;
  timeZone: string;
  /** The licence every export is published under. */
  licence: OpenDataLicence;
  /** The offers in effect today, from the offers service's cache. */
  currentOffers: () => Promise<OffersOnDate>;
  /** Versions per read of the history export; tests make it small to cross pages. */
  historyPageSize?: number;
}

/** Versions per read of the history export: memory stays flat however long the history. */
const HISTORY_PAGE_SIZE = 500;

/** The open data exports of the offers in effect today and of every version ever published. */
export function createOfferExportService(deps: OfferExportDeps) {
  const { versions, clock } = deps;
  const today = () => calendarDay(clock.now(), deps.timeZone);
  const pageSize = deps.historyPageSize ?? HISTORY_PAGE_SIZE;
  const offersNow = deps.currentOffers;
  return {
    /** Every offer in effect today (stale ones too: they are still published), by plan id. */
    async currentOffers(): Promise<{ onDate: string; records: OfferRecord[] }> {
      const current = await offersNow();
      const records = current.offers.map((o) => o.record).sort((a, b) => (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0));
      return { onDate: current.onDate, records };
    },

    /** Every version ever published, by plan id then version, read page by page. */
    async *historyVersions(): AsyncGenerator<ExportedVersion> {
      let cursor: HistoryCursor | null = null;
      for (;;) {
        const page = await versions.listVersionPage(cursor, pageSize);
        for (const row of page) yield { record: recordOfVersion<OfferRecord>(row), version: row.version, publishedAt: row.published_at };
        const last = page.at(-1);
        if (!last || page.length < pageSize) return;
        cursor = { planId: last.plan_id, version: last.version };
      }
    },

    /** The licence every export is published under. */
    licence: deps.licence,
    today,
    /** The current instant, ISO 8601, as exports stamp it. */
    now: () => clock.now().toISOString(),
  };
}

/** The export service. */
export type OfferExportService = ReturnType<typeof createOfferExportService>;
