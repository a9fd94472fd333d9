import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createKeyring, generateKeyMaterial } from '../../../platform/crypto/index.ts';
import { offersModule } from '../../offers/index.ts';
import { createMeasurementServiceFor, qualityModule } from '../index.ts';
import { cellToLatLng, cellToParent, latLngToCell } from 'h3-js';
import { checkValidity } from './measurement-validity.ts';
import { cellAtResolution, placeOfDistrict, placeOfPosition } from './measurement-place.ts';
import { hashIdentifier } from './measurement.service.ts';
import { settingsOf } from '../../../platform/settings.ts';
import { qualitySettings } from '../quality.settings.ts';
import { createMeasurementRepository } from './measurement.repository.ts';

/** The settings of a profile that says nothing of quality. */
const DEFAULTS = settingsOf(qualitySettings, undefined);

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));

test('the validity pipeline names every reason a measurement is doubtful, and none for a plausible one', () => {
  const limits = DEFAULTS;
  const fine = checkValidity(
    { technology: '4G', downloadKbps: 30_000, uploadKbps: 8_000, accuracyM: 50, transfers: [{ durationMs: 10_000, bytes: 37_500_000 }] },
    limits,
  );
  assert.deepEqual(fine, { isValid: true, reasons: [] });
  const bad = checkValidity(
    { technology: '3G', downloadKbps: 80_000, uploadKbps: 1_000, accuracyM: 5_000, transfers: [{ durationMs: 300, bytes: 100 }], isClientReported: true },
    limits,
  );
  assert.deepEqual(bad, {
    isValid: false,
    reasons: ['implausible_duration', 'implausible_bytes', 'above_technology_cap', 'location_inaccurate', 'client_reported'],
  });
  assert.equal(
    checkValidity({ technology: 'unknown', downloadKbps: 50_000_000, uploadKbps: null, accuracyM: null }, limits).isValid,
    true,
    'unknown technology has no cap',
  );
  assert.equal(
    checkValidity({ technology: '2G', downloadKbps: 100, uploadKbps: 300, accuracyM: null }, limits).reasons[0],
    'above_technology_cap',
    'the upload cap counts too',
  );
});

// H3 (h3geo.org/docs/api/indexing): latLngToCell on the position gives each resolution's cell;
// a parent cell only approximately contains its children (docs/highlights/indexing).
test('a position keeps its cell at the stored resolution and at each coarser published one, and the centre of its cell, never itself', () => {
  const place = placeOfPosition(-1.2941, 36.8, { stored: 8, published: [8, 6, 9] });
  assert.equal(place.h3Cell, latLngToCell(-1.2941, 36.8, 8));
  assert.equal(place.h3Cells, latLngToCell(-1.2941, 36.8, 6), 'a finer published resolution is never kept');
  assert.notEqual(place.h3Cells, cellToParent(place.h3Cell ?? '', 6));
  assert.deepEqual(
    [place.lat, place.lon],
    cellToLatLng(place.h3Cell ?? '').map((x) => Math.round(x * 1e6) / 1e6),
  );
  assert.equal(place.placeSource, 'position');
  assert.equal(cellAtResolution(place.h3Cell, place.h3Cells, 6), place.h3Cells);
  assert.equal(cellAtResolution(place.h3Cell, place.h3Cells, 8), place.h3Cell);
  assert.equal(cellAtResolution(place.h3Cell, place.h3Cells, 7), cellToParent(place.h3Cell ?? '', 7), 'a resolution kept by no row falls back to the parent');
  assert.equal(cellAtResolution(place.h3Cell, place.h3Cells, 9), null);
  assert.deepEqual(placeOfDistrict({ lat: -0.0917, lon: 34.768 }), { lat: -0.0917, lon: 34.768, h3Cell: null, h3Cells: null, placeSource: 'district' });
});

// docs/quality/staff-guide.md, "Validity flags": a location "worse than" maxLocationAccuracyM and a
// speed "above" the technology's cap are flagged, more than both, so the limit itself is valid.
test('a location exactly as accurate as the limit, and a speed exactly at its cap, are valid; one unit more is flagged', () => {
  const limits = DEFAULTS;
  assert.deepEqual(checkValidity({ technology: '4G', downloadKbps: null, uploadKbps: null, accuracyM: 2000 }, limits).reasons, []);
  assert.deepEqual(checkValidity({ technology: '4G', downloadKbps: null, uploadKbps: null, accuracyM: 2001 }, limits).reasons, ['location_inaccurate']);
  assert.deepEqual(checkValidity({ technology: '3G', downloadKbps: 45_000, uploadKbps: 12_000, accuracyM: null }, limits).reasons, []);
  assert.deepEqual(checkValidity({ technology: '3G', downloadKbps: 45_001, uploadKbps: null, accuracyM: null }, limits).reasons, ['above_technology_cap']);
});

test('a device or client id is stored as a keyed hash, stable across months and different by kind and key', () => {
  const keyring = createKeyring(generateKeyMaterial());
  const device = hashIdentifier(keyring, 'device', 'device-42');
  assert.equal(hashIdentifier(keyring, 'device', 'device-42'), device);
  assert.ok(!device.includes('device-42'));
  assert.notEqual(hashIdentifier(keyring, 'client', 'device-42'), device);
  assert.notEqual(hashIdentifier(createKeyring(generateKeyMaterial()), 'device', 'device-42'), device);
});

for (const database of databases.all) {
  test(`an ndt7 record with more than 2^32 bytes reads back as a number, and its summary gives kbit/s and the best round trip [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    const service = createMeasurementServiceFor(platform);
    const id = '2d9e6c77-8c3f-4e77-9b2f-3f4c5d6e7f80';
    await service.recordNdt7Test({
      uuid: id,
      test: 'download',
      startedAt: new Date('2026-12-01T09:00:00Z'),
      elapsedMicros: 10_000_123,
      numBytes: 5_000_000_000,
      minRttMicros: 1_234,
      endReason: 'complete',
      metadata: { client_library_name: 'ndt7-js', client_library_version: '0.1.4' },
    });
    const row = await createMeasurementRepository(platform.db.kysely).findNdt7Test(id);
    assert.equal(row?.num_bytes, 5_000_000_000);
    assert.equal(row?.elapsed_us, 10_000_123);
    assert.equal(row?.client_name, 'ndt7-js');
    assert.equal(row?.started_at, '2026-12-01T09:00:00.000Z');
    assert.deepEqual(await service.summariseNdt7Test(id), { id, test: 'download', kbps: 3_999_951, elapsedMs: 10_000, minRttMs: 1.2, isSaved: false });
    assert.equal(await service.summariseNdt7Test('not-a-uuid'), null);
  });

  test(`the demo seeds fictional measurements once, with a few flagged [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    await offersModule.seedDemo?.(platform);
    await qualityModule.seedDemo?.(platform);
    const repository = createMeasurementRepository(platform.db.kysely);
    const count = await repository.countMeasurements('demo');
    assert.ok(count > 50, `${count} demo measurements`);
    await qualityModule.seedDemo?.(platform);
    assert.equal(await repository.countMeasurements('demo'), count, 'a second seeding adds nothing');
    const rows = await repository.listMeasurements({ source: 'demo', limit: 1000 });
    assert.ok(rows.some((r) => !r.is_valid && r.invalid_reason === 'above_technology_cap'));
    assert.ok(rows.every((r) => r.h3_cell !== null && r.place_source === 'position' && r.operator_id !== null));
  });
}
