import { sql } from 'kysely';
import { dialectOf, queriesOf, type Executor } from '../../../platform/db/index.ts';
import { monthOfInstant } from '../../../platform/db/instant-sql.ts';
import { isPublishedMeasurement } from '../imports/quality-import.repository.ts';
import type { OpenDataSource } from './quality-open-data.ts';
import '../quality.tables.ts';
import { MEASURED_VALUES } from '../measurements/measured-values.ts';

/** A position in the time order of measurements, to read the next page after it. */
export interface OpenDataCursor {
  measuredAt: string;
  id: string;
}

/** All SQL of open data: valid, published measurements only, and only the columns open data may show. */
export interface OpenDataRepository {
  /** Up to `limit` valid measurements with `from <= measured_at < to`, in time order, after `cursor`. */
  pageValidMeasurements(range: { from: string; to: string }, cursor: OpenDataCursor | null, limit: number): Promise<Array<OpenDataSource & OpenDataCursor>>;
  /** The number of valid measurements of each month (UTC) with some in `from <= measured_at < to`, newest first. */
  countValidMeasurementsByMonth(range: { from: string; to: string }): Promise<Array<{ month: string; measurements: number }>>;
}

/** Builds the repository over a Kysely instance. */
export function createOpenDataRepository(executor: Executor): OpenDataRepository {
  const db = queriesOf(executor);
  const dialect = dialectOf(db);
  return {
    async pageValidMeasurements({ from, to }, cursor, limit) {
      let query = db
        .selectFrom('quality_measurements')
        .select(['id', 'measured_at', 'operator_id', 'technology', ...MEASURED_VALUES, 'h3_cell', 'h3_cells', 'place_source', 'device_hash', 'source'])
        .where('is_valid', '=', true)
        .where(isPublishedMeasurement)
        .where('measured_at', '>=', from)
        .where('measured_at', '<', to);
      if (cursor)
        query = query.where((eb) =>
          eb.or([eb('measured_at', '>', cursor.measuredAt), eb.and([eb('measured_at', '=', cursor.measuredAt), eb('id', '>', cursor.id)])]),
        );
      const rows = await query.orderBy('measured_at').orderBy('id').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id,
        measuredAt: r.measured_at,
        operatorId: r.operator_id,
        technology: r.technology,
        downloadKbps: r.download_kbps,
        uploadKbps: r.upload_kbps,
        latencyMs: r.latency_ms,
        jitterMs: r.jitter_ms,
        loss: r.loss,
        // A district stands for no cell, whatever an earlier release stored with it.
        h3Cell: r.place_source === 'district' ? null : r.h3_cell,
        h3Cells: r.place_source === 'district' ? null : r.h3_cells,
        deviceHash: r.device_hash,
        source: r.source,
      }));
    },
    async countValidMeasurementsByMonth({ from, to }) {
      const month = monthOfInstant(dialect, sql.ref('measured_at'));
      const rows = await db
        .selectFrom('quality_measurements')
        .select([month.as('month'), (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('is_valid', '=', true)
        .where(isPublishedMeasurement)
        .where('measured_at', '>=', from)
        .where('measured_at', '<', to)
        .groupBy(month)
        .orderBy('month', 'desc')
        .execute();
      return rows.map((r) => ({ month: r.month, measurements: Number(r.n) }));
    },
  };
}
