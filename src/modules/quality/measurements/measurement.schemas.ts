import { Type } from '@sinclair/typebox';

/** A measurement file sent to the API. */
export const MeasurementFileBody = Type.String({
  description:
    'A measurement file: CSV (Content-Type: text/csv; RFC 4180, UTF-8, header row) or JSON (application/json, {"measurements": [...]}), as docs/formats/measurements.md specifies.',
});

/** What an import stored. */
export const MeasurementImportReply = Type.Object({
  importId: Type.String(),
  rows: Type.Integer({ description: 'Measurements stored.' }),
  flagged: Type.Integer({ description: 'Of them, kept but flagged by the validity checks.' }),
  reasons: Type.Record(Type.String(), Type.Integer(), {
    description: 'How many rows each reason flagged: implausible_duration, implausible_bytes, above_technology_cap, location_inaccurate.',
  }),
});
