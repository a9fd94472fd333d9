import { ProblemList } from '../../../platform/upload-limits.ts';
import { readQualityFileRows, type QualityFileShape, type RawRow as QualityRawRow } from '../imports/quality-file-rows.ts';
import { qualityWordsOf } from '../imports/quality-messages.ts';
import { TECHNOLOGIES, type Technology } from '../quality.settings.ts';
import { MEASURED_VALUES } from './measured-values.ts';

const { qualityProblem } = qualityWordsOf(new URL('./locales/', import.meta.url));

/** The columns of a measurement file (docs/formats/measurements.md), in their usual order. */
export const MEASUREMENT_COLUMNS = [
  'time',
  'operator',
  'technology',
  ...MEASURED_VALUES,
  'latitude',
  'longitude',
  'accuracy_m',
  'device_id',
  'client_id',
  'source',
  'download_duration_ms',
  'download_bytes',
  'upload_duration_ms',
  'upload_bytes',
] as const;

type Column = (typeof MEASUREMENT_COLUMNS)[number];

/** One measurement of a file, checked and typed; identifiers still in clear (the service hashes them). */
export interface MeasurementRecord {
  line: number;
  time: string;
  operator: string | null;
  technology: Technology;
  downloadKbps: number | null;
  uploadKbps: number | null;
  latencyMs: number | null;
  jitterMs: number | null;
  loss: number | null;
  latitude: number | null;
  longitude: number | null;
  accuracyM: number | null;
  deviceId: string | null;
  clientId: string | null;
  source: string;
  transfers: { durationMs: number; bytes: number }[];
}

type RawRow = QualityRawRow<Column>;

const SHAPE: QualityFileShape<Column> = {
  columns: MEASUREMENT_COLUMNS,
  arrayName: 'measurements',
  file: 'measurements',
  requiredColumns: [],
  acceptsNull: true,
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const IDENTIFIER = /^[\x21-\x7e]{1,128}$/;
const SOURCE = /^[a-z][a-z0-9_-]{0,31}$/;
/** Sources the file may not claim: they are the server's own. */
const RESERVED_SOURCES = new Set(['speedtest', 'demo']);

/** What a number of a measurement counts: each says its range in its own words (`quality.measurement.number.<unit>`). */
type NumberUnit = 'kbps' | 'ms' | 'metres' | 'bytes' | 'fraction' | 'latitude' | 'longitude';

/** A measurement file checked: its records when it has no problem, else its problems (the first ones listed, all counted). */
export interface ParsedMeasurementFile {
  records: MeasurementRecord[];
  problems: ProblemList;
  /** Rows an operator's token may not upload: another operator's, or naming none. */
  forbidden: ProblemList;
}

/** Where the problems of a file being read go: the file's own, and the rows its sender may not upload. */
export interface FileProblems {
  problems: ProblemList;
  /** Rows an operator's token may not upload: another operator's, or naming none. */
  forbidden: ProblemList;
}

/**
 * Reads and checks a measurement file a batch at a time, handing the event loop back between
 * batches, and yields the records of each batch as long as the file has no problem: every problem
 * goes to `found` with its line and field (the first `maxProblems` listed, all counted), and once
 * there is one no record is yielded any more, since an import is all or nothing, but the reading
 * goes on to count the others. Memory holds one batch, whatever the number of rows.
 */
export async function* readMeasurementFile(
  text: string,
  format: 'csv' | 'json',
  context: MeasurementFileContext,
  found: FileProblems,
): AsyncGenerator<MeasurementRecord[]> {
  const { problems, forbidden } = found;
  for await (const rows of readQualityFileRows(text, format, SHAPE, context.maxRows, problems)) {
    const records: MeasurementRecord[] = [];
    for (const row of rows) {
      const record = checkRow(row, context, problems, forbidden);
      if (record && problems.isEmpty && forbidden.isEmpty) records.push(record);
    }
    if (records.length > 0 && problems.isEmpty && forbidden.isEmpty) yield records;
  }
}

/**
 * Parses and checks a whole measurement file as {@link readMeasurementFile} does and keeps its
 * records, only when there is no problem: for small files and tests; an import writes each batch
 * as it comes instead.
 */
export async function parseMeasurementFile(text: string, format: 'csv' | 'json', context: MeasurementFileContext): Promise<ParsedMeasurementFile> {
  const found = { problems: new ProblemList(context.maxProblems), forbidden: new ProblemList(context.maxProblems) };
  const records: MeasurementRecord[] = [];
  for await (const batch of readMeasurementFile(text, format, context, found)) records.push(...batch);
  return found.problems.isEmpty && found.forbidden.isEmpty ? { records, ...found } : { records: [], ...found };
}

/** What a measurement file is checked against. */
export interface MeasurementFileContext {
  operatorIds: ReadonlySet<string>;
  now: Date;
  /** The operator the uploading token is tied to: its rows must all name it. Null for the regulator, whose rows may name any operator. */
  uploaderOperatorId: string | null;
  /** The most measurements of one file. */
  maxRows: number;
  /** The most problems listed; the others are counted. */
  maxProblems: number;
}

function checkRow(row: RawRow, context: MeasurementFileContext, problems: ProblemList, forbidden: ProblemList): MeasurementRecord | null {
  const before = problems.total;
  const { line, cells, fieldOf } = row;
  const problem = (column: Column, key: string, values: Record<string, string | number> = {}) =>
    problems.add(qualityProblem(fieldOf(column), line, key, values));
  const text = (column: Column) => (cells[column] ?? '').trim();
  const number = (column: Column, min: number, max: number, unit: NumberUnit): number | null => {
    const raw = text(column);
    if (raw === '') return null;
    const value = Number(raw);
    if (!/^-?\d+(\.\d+)?$/.test(raw) || !Number.isFinite(value) || value < min || value > max) {
      problem(column, `quality.measurement.number.${unit}`, { value: raw, min, max });
      return null;
    }
    return value;
  };

  const time = text('time');
  let instant = '';
  if (time === '') problem('time', 'quality.measurement.timeRequired');
  else if (!INSTANT.test(time) || Number.isNaN(Date.parse(time))) problem('time', 'quality.measurement.timeInvalid', { value: time });
  else if (Date.parse(time) > context.now.getTime() + 5 * 60_000) problem('time', 'quality.measurement.timeFuture', { value: time });
  else instant = new Date(time).toISOString();

  const operator = text('operator');
  const uploader = context.uploaderOperatorId;
  if (uploader !== null && operator !== uploader) {
    // An operator's rows would move another operator's public figures, or its own without its name.
    forbidden.add(
      operator === ''
        ? qualityProblem(fieldOf('operator'), line, 'quality.file.noOperatorForToken', { operator: uploader })
        : qualityProblem(fieldOf('operator'), line, 'quality.measurement.otherOperator', { operator: uploader, named: operator }),
    );
  } else if (operator !== '' && !context.operatorIds.has(operator)) problem('operator', 'quality.file.operatorUnknown', { operator });
  const technology = text('technology') || 'unknown';
  if (!(TECHNOLOGIES as readonly string[]).includes(technology))
    problem('technology', 'quality.file.technology', { value: technology, technologies: TECHNOLOGIES.join(', ') });

  const downloadKbps = number('download_kbps', 0, 100_000_000, 'kbps');
  const uploadKbps = number('upload_kbps', 0, 100_000_000, 'kbps');
  if (text('download_kbps') === '' && text('upload_kbps') === '' && text('latency_ms') === '') problem('download_kbps', 'quality.measurement.figureRequired');
  const latencyMs = number('latency_ms', 0, 60_000, 'ms');
  const jitterMs = number('jitter_ms', 0, 60_000, 'ms');
  const loss = number('loss', 0, 1, 'fraction');
  const latitude = number('latitude', -90, 90, 'latitude');
  const longitude = number('longitude', -180, 180, 'longitude');
  if ((text('latitude') === '') !== (text('longitude') === ''))
    problem(text('latitude') === '' ? 'latitude' : 'longitude', 'quality.measurement.coordinatesPair');
  const accuracyM = number('accuracy_m', 0, 1_000_000, 'metres');
  for (const column of ['device_id', 'client_id'] as const) {
    const value = text(column);
    if (value !== '' && !IDENTIFIER.test(value)) problem(column, 'quality.measurement.identifier');
  }
  const source = text('source') || 'import';
  if (!SOURCE.test(source) || RESERVED_SOURCES.has(source)) problem('source', 'quality.measurement.source', { value: source });

  const transfers: { durationMs: number; bytes: number }[] = [];
  for (const direction of ['download', 'upload'] as const) {
    const duration = number(`${direction}_duration_ms`, 0, 3_600_000, 'ms');
    const bytes = number(`${direction}_bytes`, 0, 1e13, 'bytes');
    const isDurationEmpty = text(`${direction}_duration_ms`) === '';
    if (isDurationEmpty !== (text(`${direction}_bytes`) === '')) {
      problem(isDurationEmpty ? `${direction}_duration_ms` : `${direction}_bytes`, 'quality.measurement.transferPair', {
        duration: `${direction}_duration_ms`,
        bytes: `${direction}_bytes`,
      });
    }
    if (duration !== null && bytes !== null) transfers.push({ durationMs: duration, bytes });
  }
  if (problems.total > before || !forbidden.isEmpty) return null;
  return {
    line,
    time: instant,
    operator: operator === '' ? null : operator,
    technology: technology as Technology,
    downloadKbps,
    uploadKbps,
    latencyMs,
    jitterMs,
    loss,
    latitude,
    longitude,
    accuracyM,
    deviceId: text('device_id') || null,
    clientId: text('client_id') || null,
    source,
    transfers,
  };
}
