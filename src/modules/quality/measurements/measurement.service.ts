import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { createTimeSlicer } from '../../../platform/event-loop.ts';
import { ProblemList } from '../../../platform/upload-limits.ts';
import { QualityFileRefused } from '../imports/quality-messages.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { kbpsOf } from '../speedtest/ndt7-protocol.ts';
import type { Ndt7TestRecord } from '../speedtest/ndt7-server.ts';
import { TECHNOLOGIES, type QualitySettings, type Technology } from '../quality.settings.ts';
import { checkValidity, type InvalidReason } from './measurement-validity.ts';
import { placeOfDistrict, placeOfPosition, type PlaceResolutions, type StoredPlace } from './measurement-place.ts';
import { readMeasurementFile, type MeasurementRecord } from './measurement-file.ts';
import { otherOperatorRows } from '../imports/quality-import.policy.ts';
import type { MeasurementRepository, MeasurementRow, Ndt7TestRow } from './measurement.repository.ts';
import type { QualityImportRepository, StagedMeasurement } from '../imports/quality-import.repository.ts';
import { discardQualityImport, ImportAbandoned, QUALITY_STAGE_ROWS } from '../imports/quality-import.service.ts';
import type { NewQualityMeasurementRow } from '../quality.tables.ts';
import { measuredColumnsOf } from './measured-values.ts';

/** A problem of a consumer form: the field and the message key with its values. */
export interface FormIssue {
  field: string;
  messageKey: string;
  values?: Record<string, string | number>;
}

/** What a form action answers. */
export type FormOutcome<T> = { ok: true; value: T } | { ok: false; issues: FormIssue[] };

/** An operator a person may choose. */
export interface OperatorChoice {
  id: string;
  name: string;
}

/** What the server measured in one test, as the page shows it after the test. */
export interface Ndt7TestSummary {
  id: string;
  test: 'download' | 'upload';
  kbps: number;
  elapsedMs: number;
  minRttMs: number | null;
  isSaved: boolean;
}

/** The speed test form as posted: every field a string, any may be missing. */
export interface SpeedtestResultInput {
  downloadTest?: string;
  uploadTest?: string;
  operator?: string;
  technology?: string;
  place?: string;
  lat?: string;
  lon?: string;
  accuracy?: string;
  district?: string;
  consent?: string;
  clientDownloadKbps?: string;
  clientUploadKbps?: string;
}

/** The measurement service: ndt7 test records, saved speed test results. */
export interface MeasurementService {
  /** Stores what the ndt7 server measured in one test. */
  recordNdt7Test(record: Ndt7TestRecord): Promise<void>;
  /** The server's figures of one test, or null when the test is unknown. */
  summariseNdt7Test(id: string): Promise<Ndt7TestSummary | null>;
  /** The operators a person may choose on the form. */
  listOperators(): Promise<OperatorChoice[]>;
  /**
   * Saves a speed test result a person consented to share: the server's own figures of the two
   * tests, the operator, technology and the cells of the place (see {@link placeOfPosition}); the
   * position itself and the address are not stored.
   */
  saveSpeedtestResult(input: SpeedtestResultInput): Promise<FormOutcome<MeasurementRow>>;
  /**
   * Imports a measurement file (docs/formats/measurements.md) all or nothing: every problem with
   * its line and field in an {@link Invalid} error, or every row stored, doubtful ones flagged.
   * Rows are written as they are read, in short transactions, and seen by no one until the last
   * one is written and the import is published in one transaction: other requests keep reading
   * the database meanwhile, and memory holds one batch of rows whatever the size of the file.
   */
  importMeasurements(request: MeasurementImportRequest): Promise<MeasurementImportReport>;
}

/** A measurement file to import and who sends it. */
export interface MeasurementImportRequest {
  text: string;
  format: 'csv' | 'json';
  /** The operator the sender is tied to (an operator's token): every row must name it. Null for the regulator. */
  operatorId: string | null;
  actor: Actor;
  channel: 'cli' | 'api';
}

/** What an import stored. */
export interface MeasurementImportReport {
  importId: string;
  rows: number;
  flagged: number;
  /** How many rows each reason flagged. */
  reasons: Partial<Record<InvalidReason, number>>;
}

/** What the service needs. */
export interface MeasurementServiceDeps {
  repository: MeasurementRepository;
  /** The staging of imports: rows written before the import is published. */
  imports: QualityImportRepository;
  clock: Clock;
  ids: IdGenerator;
  keyring: Keyring;
  audit: AuditLog;
  settings: QualitySettings;
  /** The resolutions a place's cells are kept at: the module's `h3Resolution` and the published ones. */
  placeResolutions: PlaceResolutions;
  listOperators(): Promise<OperatorChoice[]>;
}

const TEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Builds the measurement service. */
export function createMeasurementService(deps: MeasurementServiceDeps): MeasurementService {
  const { repository, clock, ids, settings } = deps;

  const summarise = (row: Ndt7TestRow): Ndt7TestSummary => ({
    id: row.id,
    test: row.test,
    kbps: Math.round(kbpsOf(row.num_bytes, row.elapsed_us)),
    elapsedMs: Math.round(row.elapsed_us / 1000),
    minRttMs: row.min_rtt_us === null ? null : Math.round(row.min_rtt_us / 100) / 10,
    isSaved: row.measurement_id !== null,
  });

  return {
    async recordNdt7Test(record) {
      await repository.insertNdt7Test({
        id: record.uuid,
        test: record.test,
        started_at: record.startedAt.toISOString(),
        elapsed_us: record.elapsedMicros,
        num_bytes: record.numBytes,
        min_rtt_us: record.minRttMicros,
        end_reason: record.endReason,
        client_name: record.metadata['client_name'] ?? record.metadata['client_library_name'] ?? null,
        client_version: record.metadata['client_version'] ?? record.metadata['client_library_version'] ?? null,
        measurement_id: null,
      });
    },

    async summariseNdt7Test(id) {
      if (!TEST_ID.test(id)) return null;
      const row = await repository.findNdt7Test(id);
      return row ? summarise(row) : null;
    },

    listOperators: () => deps.listOperators(),

    async saveSpeedtestResult(input) {
      const issues: FormIssue[] = [];
      const operators = await deps.listOperators();
      const operatorId = (input.operator ?? '').trim();
      if (operatorId !== '' && !operators.some((o) => o.id === operatorId)) issues.push({ field: 'operator', messageKey: 'quality.save.error.operator' });
      const technology = (TECHNOLOGIES as readonly string[]).includes(input.technology ?? '') ? (input.technology as Technology) : null;
      if (!technology) issues.push({ field: 'technology', messageKey: 'quality.save.error.technology' });
      if (input.consent !== 'yes') issues.push({ field: 'consent', messageKey: 'quality.save.error.consent' });

      let place: (StoredPlace & { accuracyM: number | null; district: string | null }) | null = null;
      const placeKind = input.place ?? 'none';
      if (placeKind === 'location') {
        const lat = Number(input.lat);
        const lon = Number(input.lon);
        const accuracy = input.accuracy === undefined || input.accuracy === '' ? NaN : Number(input.accuracy);
        if (!(input.lat && input.lon && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
          issues.push({ field: 'place', messageKey: 'quality.save.error.location' });
        } else {
          // The cells come from the position the browser gave; then only the cells are kept.
          place = {
            ...placeOfPosition(lat, lon, deps.placeResolutions),
            accuracyM: Number.isFinite(accuracy) && accuracy >= 0 ? Math.round(accuracy) : null,
            district: null,
          };
        }
      } else if (placeKind === 'district') {
        const district = settings.districts.find((d) => d.code === input.district);
        if (!district) issues.push({ field: 'district', messageKey: 'quality.save.error.district' });
        else place = { ...placeOfDistrict(district), accuracyM: null, district: district.code };
      } else if (placeKind !== 'none') issues.push({ field: 'place', messageKey: 'quality.save.error.place' });

      const findTest = async (id: string | undefined, kind: 'download' | 'upload') => {
        if (!id || !TEST_ID.test(id)) return undefined;
        const row = await repository.findNdt7Test(id);
        return row && row.test === kind ? row : undefined;
      };
      const download = await findTest(input.downloadTest, 'download');
      const upload = await findTest(input.uploadTest, 'upload');
      const clientFigure = (raw: string | undefined) => {
        const value = raw === undefined || raw === '' ? NaN : Number(raw);
        return Number.isFinite(value) && value >= 0 && value < 1e9 ? Math.round(value) : null;
      };
      // The server's own counters win; the client's figures are kept, flagged, only when the server has none.
      const downloadKbps = download ? Math.round(kbpsOf(download.num_bytes, download.elapsed_us)) : clientFigure(input.clientDownloadKbps);
      const uploadKbps = upload ? Math.round(kbpsOf(upload.num_bytes, upload.elapsed_us)) : clientFigure(input.clientUploadKbps);
      if (downloadKbps === null && uploadKbps === null) issues.push({ field: 'test', messageKey: 'quality.save.error.test' });
      if (download?.measurement_id || upload?.measurement_id) issues.push({ field: 'test', messageKey: 'quality.save.error.saved' });
      if (issues.length > 0 || !technology) return { ok: false, issues };

      const rtts = [download?.min_rtt_us, upload?.min_rtt_us].filter((x): x is number => typeof x === 'number');
      const latencyMs = rtts.length > 0 ? Math.round(Math.min(...rtts) / 100) / 10 : null;
      const serverTests = [download, upload].filter((t): t is Ndt7TestRow => t !== undefined);
      const validity = checkValidity(
        {
          technology,
          downloadKbps,
          uploadKbps,
          accuracyM: place?.accuracyM ?? null,
          transfers: serverTests.map((t) => ({ durationMs: t.elapsed_us / 1000, bytes: t.num_bytes })),
          isClientReported: (downloadKbps !== null && !download) || (uploadKbps !== null && !upload),
        },
        settings,
      );
      const now = clock.now().toISOString();
      const id = ids();
      const row: NewQualityMeasurementRow = {
        id,
        measured_at: download?.started_at ?? upload?.started_at ?? now,
        operator_id: operatorId === '' ? null : operatorId,
        technology,
        download_kbps: downloadKbps,
        upload_kbps: uploadKbps,
        latency_ms: latencyMs,
        jitter_ms: null,
        loss: null,
        lat: place?.lat ?? null,
        lon: place?.lon ?? null,
        accuracy_m: place?.accuracyM ?? null,
        h3_cell: place?.h3Cell ?? null,
        h3_cells: place?.h3Cells ?? null,
        place_source: place?.placeSource ?? null,
        district_code: place?.district ?? null,
        device_hash: null,
        client_hash: null,
        source: 'speedtest',
        download_test_id: download?.id ?? null,
        upload_test_id: upload?.id ?? null,
        is_valid: validity.isValid,
        invalid_reason: validity.isValid ? null : validity.reasons.join(','),
        created_at: now,
      };
      const saved = await repository.inTransaction(async (tx) => {
        for (const test of serverTests) if (!(await tx.claimNdt7Test(test.id, id))) return false;
        await tx.insertMeasurements([row]);
        return true;
      });
      if (!saved) return { ok: false, issues: [{ field: 'test', messageKey: 'quality.save.error.saved' }] };
      const stored = await repository.findMeasurement(id);
      if (!stored) throw new Error(`The measurement ${id} was not found after it was saved.`);
      return { ok: true, value: stored };
    },

    async importMeasurements(request) {
      const operators = new Set((await deps.listOperators()).map((o) => o.id));
      const now = clock.now();
      const { uploads } = settings;
      const found = { problems: new ProblemList(uploads.maxProblems), forbidden: new ProblemList(uploads.maxProblems) };
      const context = {
        operatorIds: operators,
        now,
        uploaderOperatorId: request.operatorId,
        maxRows: uploads.maxMeasurementRows,
        maxProblems: uploads.maxProblems,
      };
      const createdAt = now.toISOString();
      const importId = ids();
      const reasons: Partial<Record<InvalidReason, number>> = {};
      let flagged = 0;
      let stored = 0;
      const rowOf = (r: MeasurementRecord): StagedMeasurement => {
        const place = r.latitude === null || r.longitude === null ? null : placeOfPosition(r.latitude, r.longitude, deps.placeResolutions);
        const validity = checkValidity(
          { technology: r.technology, downloadKbps: r.downloadKbps, uploadKbps: r.uploadKbps, accuracyM: r.accuracyM, transfers: r.transfers },
          settings,
        );
        if (!validity.isValid) flagged += 1;
        for (const reason of validity.reasons) reasons[reason] = (reasons[reason] ?? 0) + 1;
        return {
          id: ids(),
          measured_at: r.time,
          operator_id: r.operator,
          technology: r.technology,
          ...measuredColumnsOf(r),
          lat: place?.lat ?? null,
          lon: place?.lon ?? null,
          accuracy_m: r.accuracyM,
          h3_cell: place?.h3Cell ?? null,
          h3_cells: place?.h3Cells ?? null,
          place_source: place?.placeSource ?? null,
          district_code: null,
          device_hash: r.deviceId === null ? null : hashIdentifier(deps.keyring, 'device', r.deviceId),
          client_hash: r.clientId === null ? null : hashIdentifier(deps.keyring, 'client', r.clientId),
          source: r.source,
          download_test_id: null,
          upload_test_id: null,
          is_valid: validity.isValid,
          invalid_reason: validity.isValid ? null : validity.reasons.join(','),
          created_at: createdAt,
          import_id: importId,
        };
      };
      await deps.imports.startImport(importId, 'measurements', request.operatorId, createdAt);
      try {
        // Hashing and placing half a million rows takes seconds: other requests get turns meanwhile.
        const slicer = createTimeSlicer();
        let batch: StagedMeasurement[] = [];
        for await (const records of readMeasurementFile(request.text, request.format, context, found)) {
          for (const record of records) {
            batch.push(rowOf(record));
            await slicer.pause();
            if (batch.length < QUALITY_STAGE_ROWS) continue;
            await deps.imports.stageMeasurements(importId, batch, clock.now().toISOString());
            stored += batch.length;
            batch = [];
          }
        }
        if (request.operatorId !== null && !found.forbidden.isEmpty)
          throw otherOperatorRows('MEASUREMENT_OTHER_OPERATOR', request.operatorId, found.forbidden.listed, found.forbidden.total);
        if (!found.problems.isEmpty) throw QualityFileRefused.of(found.problems, 'MEASUREMENT_FILE_INVALID', 'measurements');
        if (batch.length > 0) await deps.imports.stageMeasurements(importId, batch, clock.now().toISOString());
        stored += batch.length;
        // Every row is written: one short transaction publishes them all, with the audit record.
        await repository.inTransaction(async (_tx, trx) => {
          if (!(await deps.imports.endStagingIn(trx, importId))) throw new ImportAbandoned(importId);
          await deps.audit.record(trx, {
            actor: request.actor,
            action: 'quality.measurements.imported',
            entityType: 'measurement_import',
            entityId: importId,
            details: { channel: request.channel, rows: stored, flagged },
          });
        });
      } catch (error) {
        await discardQualityImport(deps.imports, importId);
        throw error;
      }
      return { importId, rows: stored, flagged, reasons };
    },
  };
}

/**
 * A device or client id as stored: a keyed hash, the same in every month, so that a device testing
 * in several months of a period counts once among its distinct devices (and the minimum of
 * devices protects what it should). What leaves Kinga is another hash, keyed by month (open data).
 */
export function hashIdentifier(keyring: Keyring, kind: 'device' | 'client', value: string): string {
  return keyring.hash(value, kind === 'device' ? 'quality-device' : 'quality-client');
}
