import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { Invalid } from '../../../platform/http/errors.ts';
import { qualityWordsOf } from '../imports/quality-messages.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { createAggregator, type AreaStatistic } from './quality-aggregation.ts';
import type { QualityAggregationRepository } from './quality-aggregation.repository.ts';
import { createRegionLocator, parseRegionFile } from './quality-regions.ts';
import { median, QUALITY_METRICS, tiesByOverlap, type QualityMetric, type ThresholdSet } from './quality-statistics.ts';

const { qualityMessage, qualityProblem } = qualityWordsOf(new URL('./locales/', import.meta.url));

export { QUALITY_METRICS, type QualityMetric } from './quality-statistics.ts';
export type { AreaStatistic, MetricSummary } from './quality-aggregation.ts';

/** What {@link QualityStatisticsService.query} selects. */
export interface StatisticsQuery {
  level: 'cell' | 'region' | 'national';
  /** For cells; one of the profile's published resolutions. */
  resolution?: number;
  operatorId?: string;
  technology?: string;
  metric: QualityMetric;
  /** One of the profile's periods; default the profile's default (90). */
  periodDays?: number;
}

/** The settings the statistics read: published resolutions, periods, thresholds, minimums. */
export interface QualityStatisticsSettingsView {
  resolutions: readonly number[];
  periodsDays: readonly number[];
  defaultPeriodDays: number;
  minTests: number;
  minDevices: number;
  /** Each metric's thresholds and their comparison (at least, more than, at most, less than). */
  thresholds: Record<QualityMetric, ThresholdSet>;
  /** Whether measurements stored with a rounded position before cells came from positions still count in cells. */
  countRoundedPositionsInCells: boolean;
}

/** One operator and technology: measured national median against what its current offers advertise. */
export interface AdvertisedComparison {
  operatorId: string;
  technology: string;
  metric: 'download' | 'upload';
  measuredMedianKbps: number;
  ciLow: number | null;
  ciHigh: number | null;
  advertisedKbps: number;
  offers: number;
  /** measured / advertised. */
  ratio: number;
}

/** A region in force, with its GeoJSON geometry. */
export interface QualityRegion {
  code: string;
  name: string;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/** Statistics of quality of service, aggregated from the valid measurements. */
export interface QualityStatisticsService {
  /** Recomputes every published statistic from the valid measurements (a job and `kinga quality aggregate`). */
  aggregate(): Promise<{ measurements: number; groups: number; published: number }>;
  /** Published rows only (those meeting the profile's minimum tests and devices). */
  query(q: StatisticsQuery): Promise<{ from: string; to: string; computedAt: string | null; rows: AreaStatistic[] }>;
  /** National figures per operator for a technology and metric, with ties where the 95% intervals overlap. */
  compareOperators(q: { technology?: string; metric: QualityMetric; periodDays?: number }): Promise<Array<AreaStatistic & { tiedWith: string[] }>>;
  /** Measured national median per operator and technology against the typical speeds its current offers advertise. */
  advertisedComparison(q?: { periodDays?: number }): Promise<AdvertisedComparison[]>;
  /** The regions in force, with their GeoJSON geometry (Polygon or MultiPolygon coordinates). */
  regions(): Promise<QualityRegion[]>;
  /** The settings S reads: published resolutions, periods, thresholds, minimums. */
  readonly settings: QualityStatisticsSettingsView;
}

/** One current offer as the advertised comparison reads it: technology as measurements name it, speeds in kbit/s. */
export interface AdvertisedOffer {
  operatorId: string;
  technology: string;
  downloadKbps: number | null;
  uploadKbps: number | null;
}

/** What the statistics service needs. */
export interface QualityStatisticsDeps {
  repository: QualityAggregationRepository;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  settings: QualityStatisticsSettingsView;
  /** The current offers with their advertised typical speeds. */
  currentOffers: () => Promise<AdvertisedOffer[]>;
}

/** What a region import stored. */
export interface RegionImportReport {
  setId: string;
  regions: number;
  codes: string[];
}

/** The statistics service with the regulator's commands besides the interface others read. */
export interface QualityStatisticsAdminService extends QualityStatisticsService {
  /** Replaces the regions in force with a validated GeoJSON file: all or nothing; problems name the feature and field. */
  importRegions(request: { text: string; source: string; actor: Actor }): Promise<RegionImportReport>;
  /** Whether any region set was ever loaded. */
  hasRegions(): Promise<boolean>;
  /** The window of a period (checked against the profile) and when it was last aggregated. */
  periodWindow(periodDays?: number): Promise<{ days: number; from: string; to: string; computedAt: string | null }>;
}

const METRIC_SET: ReadonlySet<string> = new Set(QUALITY_METRICS);

/** Builds the statistics service. */
export function createQualityStatisticsService(deps: QualityStatisticsDeps): QualityStatisticsAdminService {
  const { repository, clock, settings } = deps;

  const checkPeriod = (periodDays: number | undefined): number => {
    const period = periodDays ?? settings.defaultPeriodDays;
    if (!settings.periodsDays.includes(period))
      throw new Invalid(
        [qualityProblem('period', undefined, 'quality.statistics.period', { periods: settings.periodsDays.join(', ') })],
        'QUALITY_PERIOD_UNKNOWN',
        qualityMessage('quality.statistics.periodDetail'),
      );
    return period;
  };
  const checkMetric = (metric: string): QualityMetric => {
    if (!METRIC_SET.has(metric))
      throw new Invalid(
        [qualityProblem('metric', undefined, 'quality.statistics.metric', { metrics: QUALITY_METRICS.join(', ') })],
        'QUALITY_METRIC_UNKNOWN',
        qualityMessage('quality.statistics.metricDetail'),
      );
    return metric as QualityMetric;
  };

  async function windowOf(period: number): Promise<{ from: string; to: string; computedAt: string | null }> {
    const run = await repository.latestRun();
    if (!run) {
      const to = clock.now();
      return { from: new Date(to.getTime() - period * 86_400_000).toISOString(), to: to.toISOString(), computedAt: null };
    }
    const periods = JSON.parse(run.periods) as Record<string, { from: string; to: string }>;
    const window = periods[String(period)];
    return { from: window?.from ?? run.computed_at, to: window?.to ?? run.computed_at, computedAt: run.computed_at };
  }

  async function query(q: StatisticsQuery) {
    const metric = checkMetric(q.metric);
    const period = checkPeriod(q.periodDays);
    let resolution = -1;
    if (q.level === 'cell') {
      resolution = q.resolution ?? settings.resolutions[settings.resolutions.length - 1] ?? -1;
      if (!settings.resolutions.includes(resolution))
        throw new Invalid(
          [qualityProblem('resolution', undefined, 'quality.statistics.resolution', { resolutions: settings.resolutions.join(', ') })],
          'QUALITY_RESOLUTION_UNKNOWN',
          qualityMessage('quality.statistics.resolutionDetail'),
        );
    }
    const window = await windowOf(period);
    const rows = await repository.listStatistics({
      periodDays: period,
      level: q.level,
      resolution,
      metric,
      technology: q.technology ?? 'all',
      ...(q.operatorId === undefined ? {} : { operatorId: q.operatorId }),
    });
    // The stored row also says where it belongs (level, period, resolution); an answer gives its figures.
    return { ...window, rows: rows.map(({ level: _level, periodDays: _period, resolution: _resolution, ...area }) => area) };
  }

  async function compareOperators(q: { technology?: string; metric: QualityMetric; periodDays?: number }) {
    const { rows } = await query({
      level: 'national',
      metric: q.metric,
      ...(q.technology === undefined ? {} : { technology: q.technology }),
      ...(q.periodDays === undefined ? {} : { periodDays: q.periodDays }),
    });
    const ties = tiesByOverlap(rows.map((r) => ({ id: r.operatorId, ciLow: r.ciLow, ciHigh: r.ciHigh })));
    // Best first: fastest speeds, lowest latency.
    const sign = q.metric === 'latency' ? 1 : -1;
    return rows
      .map((r) => ({ ...r, tiedWith: ties.get(r.operatorId) ?? [] }))
      .sort((a, b) => sign * (a.median - b.median) || a.operatorId.localeCompare(b.operatorId));
  }

  return {
    settings,

    async aggregate() {
      const now = clock.now();
      const regions = await repository.regionsInForce();
      const aggregator = createAggregator({
        now,
        periodsDays: settings.periodsDays,
        resolutions: settings.resolutions,
        countRoundedPositionsInCells: settings.countRoundedPositionsInCells,
        minTests: settings.minTests,
        minDevices: settings.minDevices,
        thresholds: settings.thresholds,
        locateRegion: createRegionLocator(regions),
      });
      // The aggregator leaves out what is older than the longest period.
      for await (const measurement of repository.iterateValidMeasurements()) aggregator.add(measurement);
      const result = aggregator.finish();
      await repository.replaceStatistics(
        {
          id: deps.ids(),
          computed_at: now.toISOString(),
          measurements: result.measurements,
          groups: result.groups,
          published: result.rows.length,
          periods: JSON.stringify(result.periods),
        },
        result.rows,
      );
      return { measurements: result.measurements, groups: result.groups, published: result.rows.length };
    },

    query,
    compareOperators,

    async advertisedComparison(q) {
      const period = checkPeriod(q?.periodDays);
      const offers = await deps.currentOffers();
      const advertised = new Map<string, { operatorId: string; technology: string; download: number[]; upload: number[]; offers: number }>();
      for (const offer of offers) {
        const key = `${offer.operatorId}\u0000${offer.technology}`;
        const entry = advertised.get(key) ?? { operatorId: offer.operatorId, technology: offer.technology, download: [], upload: [], offers: 0 };
        entry.offers += 1;
        if (offer.downloadKbps !== null) entry.download.push(offer.downloadKbps);
        if (offer.uploadKbps !== null) entry.upload.push(offer.uploadKbps);
        advertised.set(key, entry);
      }
      const out: AdvertisedComparison[] = [];
      for (const metric of ['download', 'upload'] as const) {
        const byTechnology = new Map<string, Map<string, AreaStatistic>>();
        for (const entry of advertised.values()) {
          if (!byTechnology.has(entry.technology)) {
            const { rows } = await query({ level: 'national', metric, technology: entry.technology, periodDays: period });
            byTechnology.set(entry.technology, new Map(rows.map((r) => [r.operatorId, r])));
          }
          const measured = byTechnology.get(entry.technology)?.get(entry.operatorId);
          const speeds = entry[metric];
          if (!measured || speeds.length === 0) continue;
          const advertisedKbps = median(speeds);
          if (!(advertisedKbps > 0)) continue;
          out.push({
            operatorId: entry.operatorId,
            technology: entry.technology,
            metric,
            measuredMedianKbps: measured.median,
            ciLow: measured.ciLow,
            ciHigh: measured.ciHigh,
            advertisedKbps,
            offers: entry.offers,
            ratio: measured.median / advertisedKbps,
          });
        }
      }
      return out.sort((a, b) => a.operatorId.localeCompare(b.operatorId) || a.technology.localeCompare(b.technology) || a.metric.localeCompare(b.metric));
    },

    async regions() {
      return repository.regionsInForce();
    },

    async importRegions(request) {
      const parsed = parseRegionFile(request.text);
      if (!parsed.ok)
        throw new Invalid(parsed.problems, 'QUALITY_REGIONS_INVALID', qualityMessage('quality.regions.refused', { count: parsed.problems.length }));
      const setId = deps.ids();
      await repository.replaceRegions({ id: setId, source: request.source, importedAt: clock.now().toISOString() }, parsed.regions, (trx) =>
        deps.audit.record(trx, {
          actor: request.actor,
          action: 'quality.regions.imported',
          entityType: 'quality_region_set',
          entityId: setId,
          details: { regions: parsed.regions.length },
        }),
      );
      return { setId, regions: parsed.regions.length, codes: parsed.regions.map((r) => r.code) };
    },

    async hasRegions() {
      return (await repository.listRegionSets()).length > 0;
    },

    async periodWindow(periodDays) {
      const days = checkPeriod(periodDays);
      return { days, ...(await windowOf(days)) };
    },
  };
}
