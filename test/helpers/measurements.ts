import { createMeasurementServiceFor } from '../../src/modules/quality/index.ts';
import type { Platform } from '../../src/platform/platform.ts';

/** Imports a measurement file in CSV as `kinga quality import` does: by the system, for no one operator. */
export function importMeasurementCsv(platform: Platform, csv: string) {
  return createMeasurementServiceFor(platform).importMeasurements({
    text: csv,
    format: 'csv',
    operatorId: null,
    actor: { type: 'system', id: null },
    channel: 'cli',
  });
}
