import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { allMigrations } from '../../platform/create.ts';
import type { Platform } from '../../platform/platform.ts';
import type { RecordKind, SubjectIdentity } from '../../platform/privacy/record-kinds.ts';
import { retentionCutoff } from '../../platform/privacy/retention-schedule.ts';
import { qualityModule } from './index.ts';
import { placeOfPosition } from './measurements/measurement-place.ts';
import { createMeasurementRepository } from './measurements/measurement.repository.ts';
import { hashIdentifier } from './measurements/measurement.service.ts';
import { measurementRow } from './testing/measurement-rows.ts';
import { seedQualityPersonEverywhere } from './testing/quality-person.ts';

const databases = openTestDatabases(allMigrations([qualityModule]));
const NONE: ReadonlySet<string> = new Set();
const PLACE = placeOfPosition(-1.28, 36.82, { stored: 8, published: [6, 8] });

function measurementsKind(platform: Platform): RecordKind {
  const kind = platform.recordKinds.find((k) => k.name === 'quality.measurements');
  assert.ok(kind);
  return kind;
}

function runDefault(platform: Platform, options: { dryRun?: boolean; heldIds?: ReadonlySet<string> } = {}) {
  const kind = measurementsKind(platform);
  const now = platform.clock.now();
  return kind.retention.run({
    rule: kind.defaultRule,
    cutoff: retentionCutoff(kind.defaultRule.period, now, platform.config.jurisdiction.timeZone),
    now: now.toISOString(),
    dryRun: options.dryRun ?? false,
    heldIds: options.heldIds ?? NONE,
  });
}

for (const database of databases.all) {
  test(`measurements over two years old lose their device's and client's hash and accuracy, keep their figures, and one device stays one device [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [qualityModule] });
    const device = (id: string) => hashIdentifier(platform.keyring, 'device', id);
    // The clock is 2026-12-01 in Nairobi: two years keep from 2024-12-01 00:00 there, 2024-11-30T21:00Z.
    const row = (id: string, measuredAt: string, deviceId: string | null) =>
      measurementRow(PLACE, {
        id,
        measured_at: measuredAt,
        operator_id: 'OP-A',
        download_kbps: 9000,
        device_hash: deviceId === null ? null : device(deviceId),
        client_hash: deviceId === null ? null : hashIdentifier(platform.keyring, 'client', deviceId),
      });
    await createMeasurementRepository(platform.db.kysely).insertMeasurements([
      row('m1', '2024-11-30T20:59:00.000Z', 'phone-1'),
      row('m2', '2024-11-02T10:00:00.000Z', 'phone-1'),
      row('m3', '2024-11-02T10:00:00.000Z', 'phone-2'),
      row('m4', '2024-11-30T21:00:00.000Z', 'phone-1'),
      row('m5', '2024-10-01T10:00:00.000Z', 'phone-3'),
    ]);
    const held = new Set(['m5']);
    assert.equal(await runDefault(platform, { dryRun: true, heldIds: held }), 3);
    const state = () =>
      platform.db.kysely
        .selectFrom('quality_measurements')
        .select(['id', 'device_hash', 'client_hash', 'accuracy_m', 'download_kbps', 'h3_cell'])
        .orderBy('id')
        .execute();
    const before = await state();
    assert.ok(before.every((r) => r.client_hash !== null && r.accuracy_m === 30));
    assert.equal(await runDefault(platform, { heldIds: held }), 3);
    const after = new Map((await state()).map((r) => [r.id, r]));
    for (const id of ['m1', 'm2', 'm3']) {
      const r = after.get(id);
      assert.match(r?.device_hash ?? '', /^anon:/, id);
      assert.deepEqual([r?.client_hash, r?.accuracy_m, r?.download_kbps, r?.h3_cell], [null, null, 9000, PLACE.h3Cell], id);
    }
    assert.equal(after.get('m1')?.device_hash, after.get('m2')?.device_hash, "one device's tests keep one pseudonym");
    assert.notEqual(after.get('m1')?.device_hash, after.get('m3')?.device_hash);
    assert.equal(after.get('m4')?.device_hash, device('phone-1'), 'a day younger is kept');
    assert.equal(after.get('m5')?.device_hash, device('phone-3'), 'a held one is kept');
    assert.equal(await runDefault(platform, { heldIds: held }), 0, 'nothing is due twice');
  });

  test(`a person's measurements are found by their device ids only, and erasure leaves none findable [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [qualityModule] });
    const ann: SubjectIdentity = { emails: ['ann@example.org'], phones: ['+254722000111'], deviceIds: ['ann-phone'] };
    const bob: SubjectIdentity = { emails: ['bob@example.org'], phones: ['+254733000222'], deviceIds: ['bob-phone'] };
    const seededAnn = await seedQualityPersonEverywhere(platform, ann);
    const seededBob = await seedQualityPersonEverywhere(platform, bob);
    const subject = measurementsKind(platform).subject;
    assert.ok(subject);
    const found = await subject.find(ann);
    assert.deepEqual(
      found.map((r) => r.id),
      seededAnn['quality.measurements'],
    );
    assert.equal(found[0]?.fields.downloadKbps, 12_000);
    assert.deepEqual(await subject.find({ ...ann, deviceIds: [] }), [], 'never by e-mail address or number');

    const held = await subject.erase(ann, { now: platform.clock.now().toISOString(), heldIds: new Set(seededAnn['quality.measurements']) });
    assert.deepEqual(held.outcomes, [{ id: seededAnn['quality.measurements'][0], result: 'kept', reason: 'legalHold' }]);
    const erased = await subject.erase(ann, { now: platform.clock.now().toISOString(), heldIds: NONE });
    assert.deepEqual(erased, { outcomes: [{ id: seededAnn['quality.measurements'][0], result: 'anonymised' }], operatorIds: [] });
    assert.deepEqual(await subject.find(ann), []);
    assert.deepEqual(await subject.erase(ann, { now: platform.clock.now().toISOString(), heldIds: NONE }), { outcomes: [], operatorIds: [] });
    assert.deepEqual(
      (await subject.find(bob)).map((r) => r.id),
      seededBob['quality.measurements'],
    );
    const [kept] = await platform.db.kysely
      .selectFrom('quality_measurements')
      .select(['download_kbps', 'client_hash'])
      .where('id', '=', seededAnn['quality.measurements'][0]!)
      .execute();
    assert.deepEqual(kept, { download_kbps: 12_000, client_hash: null }, 'the figures stay for the statistics');
  });
}
