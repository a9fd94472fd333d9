import { test } from 'node:test';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { requestScheduledJobs } from '../../../platform/maintenance.ts';
import { CLASSIFY_WAIT_MS } from '../devices.wiring.tsx';
import { devicesModule } from '../index.ts';
import { createOperatorDataRepository } from './operator-dumps.repository.ts';
import { spoolDirOf } from './dump-import.service.ts';
import { createTacRepository } from '../tac-database/tac.repository.ts';

const databases = openTestDatabases(allMigrations([devicesModule]));

for (const database of databases.all) {
  test(`the daily classification waits while an accepted dump is being published, and the hourly settling finishes one a stopped process left [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const { keyring } = platform;
    const db = platform.db.kysely;
    const now = platform.clock.now().toISOString();
    // What a process that stopped while merging an accepted import leaves behind: the import, unpublished, and one staged observation.
    await db
      .insertInto('device_dump_imports')
      .values({
        id: 'imp-1',
        operator_id: 'OP-A',
        file_name: 'OP-A_20261101_20261130.csv',
        file_sha256: 'f'.repeat(64),
        period_start: '2026-11-01',
        period_end: '2026-11-30',
        row_count: 1,
        accepted_at: now,
        report: '{}',
        actor: 'cli',
        published_at: null,
      })
      .execute();
    const repository = createOperatorDataRepository(db);
    await repository.startStaging('imp-1', 'OP-A', now);
    await repository.stageObservations(
      'imp-1',
      [
        {
          n: 1,
          observationKey: keyring.hash('35209900176148|639021234567890|254712345678|OP-A', 'device-observation'),
          isNew: true,
          imeiKey: '35209900176148',
          imsiCipher: keyring.encrypt('639021234567890', 'device_observations.imsi'),
          msisdnCipher: keyring.encrypt('254712345678', 'device_observations.msisdn'),
          imsiHash: keyring.hash('639021234567890', 'device-imsi'),
          msisdnHash: keyring.hash('254712345678', 'device-msisdn'),
          isImsiUnclean: false,
          homeNetwork: '63902',
          ratMask: 4,
          firstSeen: '2026-11-03',
          lastSeen: '2026-11-20',
        },
      ],
      now,
    );

    // Touched a moment ago, the import may still be merged by a live process: the settling leaves it, the classification waits.
    await requestScheduledJobs(platform);
    await platform.jobs.runDue();
    assert.equal((await db.selectFrom('device_classification_runs').select('id').execute()).length, 0, 'no classification of a half-published import');
    const waiting = await db.selectFrom('jobs').select(['run_at']).where('type', '=', 'devices.classify').where('status', '=', 'pending').execute();
    assert.equal(waiting.length, 1, 'the classification asked to run again later');
    assert.equal((await db.selectFrom('device_observations').select('id').execute()).length, 0);

    // An hour later the staging is stale: the settling publishes it, then the classification runs.
    platform.clock.advance(60 * 60_000);
    await requestScheduledJobs(platform);
    await platform.jobs.runDue();
    const [published] = await db.selectFrom('device_dump_imports').select('published_at').execute();
    assert.ok(published?.published_at, 'the import is published');
    const [observation] = await db.selectFrom('device_observations').select(['imei_key', 'first_seen', 'last_seen', 'rat_mask', 'operator_id']).execute();
    assert.deepEqual(observation, { imei_key: '35209900176148', first_seen: '2026-11-03', last_seen: '2026-11-20', rat_mask: 4, operator_id: 'OP-A' });
    assert.equal(await repository.isStaging('imp-1'), false, 'the staging is dropped');
    platform.clock.advance(CLASSIFY_WAIT_MS);
    await platform.jobs.runDue();
    assert.ok((await db.selectFrom('device_classification_runs').select('id').execute()).length >= 1, 'the classification ran once the import was published');
  });
}

for (const database of databases.all) {
  test(`the daily classification waits while an accepted TAC database replaces the old one, and the hourly settling finishes one a stopped process left [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const db = platform.db.kysely;
    const now = platform.clock.now().toISOString();
    // What a process that stopped while replacing the table with an accepted file leaves behind: its staging, accepted, and one staged TAC.
    const tacs = createTacRepository(db);
    assert.equal(await tacs.startStaging('tac-1', now), true);
    await tacs.stageTacs(
      'tac-1',
      [
        {
          tac: '35209900',
          manufacturer: 'Acme',
          brand: 'Acme',
          model: 'A1',
          marketingName: null,
          deviceType: 'Smartphone',
          deviceClass: 'smartphone',
          bands: 'LTE FDD BAND 3',
          radio: { has2g: false, has3g: false, has4g: true, has5g: false },
          allocationDate: '2020-01-01',
          reportingBody: '35',
          operatingSystem: null,
        },
      ],
      now,
    );
    await tacs.acceptStaging('tac-1', { fileName: 'gsma.txt', sha256: 'a'.repeat(64), rowCount: 1 }, now, async () => undefined);

    await requestScheduledJobs(platform);
    await platform.jobs.runDue();
    assert.equal((await db.selectFrom('device_classification_runs').select('id').execute()).length, 0, 'no classification against half a TAC database');
    assert.equal(await tacs.countTacs(), 0);

    platform.clock.advance(60 * 60_000);
    await requestScheduledJobs(platform);
    await platform.jobs.runDue();
    assert.equal((await tacs.findByTac('35209900'))?.model, 'A1', 'the settling replaced the table');
    assert.equal((await tacs.latestImport())?.file_name, 'gsma.txt');
    assert.equal(await tacs.isPublishing(), false);
    platform.clock.advance(CLASSIFY_WAIT_MS);
    await platform.jobs.runDue();
    assert.ok((await db.selectFrom('device_classification_runs').select('id').execute()).length >= 1, 'the classification ran once the TAC database was whole');
  });
}

for (const database of databases.all) {
  test(`the daily classification waits while an accepted reference list is being applied, and the hourly settling finishes one a stopped process left [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const db = platform.db.kysely;
    const now = platform.clock.now().toISOString();
    // What a process that stopped while applying an accepted upload leaves behind: its staging, accepted, and one staged line.
    const repository = createOperatorDataRepository(db);
    await repository.startListStaging('list-1', now);
    await repository.stageListRows(
      'list-1',
      [
        {
          key: '35209900176148',
          imsi_hash: '',
          msisdn_hash: '',
          imsi_cipher: null,
          msisdn_cipher: null,
          home_network: null,
          change_type: 'add',
          reason: 'theft',
          source: null,
          line: 2,
        },
      ],
      now,
    );
    const accepted = {
      list: 'stolen' as const,
      mode: 'full' as const,
      applyDate: '2026-12-01',
      fileName: 'stolen.csv',
      rowCount: 1,
      actor: JSON.stringify({ type: 'system', id: null }),
      actorText: 'system',
    };
    assert.equal(await repository.acceptListUpload('list-1', accepted, now), true);

    await requestScheduledJobs(platform);
    await platform.jobs.runDue();
    assert.equal((await db.selectFrom('device_classification_runs').select('id').execute()).length, 0, 'no classification against half a list');

    platform.clock.advance(60 * 60_000);
    await requestScheduledJobs(platform);
    await platform.jobs.runDue();
    const entries = await db.selectFrom('device_list_entries').select(['key', 'end_date']).where('list', '=', 'stolen').execute();
    assert.deepEqual(entries, [{ key: '35209900176148', end_date: null }], 'the settling applied the upload');
    assert.equal((await db.selectFrom('device_list_uploads').select('id').execute()).length, 1);
    assert.equal(await repository.isAnyListApplying(), false);
    platform.clock.advance(CLASSIFY_WAIT_MS);
    await platform.jobs.runDue();
    assert.ok((await db.selectFrom('device_classification_runs').select('id').execute()).length >= 1, 'the classification ran once the list was whole');
  });
}

for (const database of databases.all) {
  test(`the hourly settling removes uploads a stopped process left in the spool folder, and only those [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const spool = spoolDirOf(platform.config.dataDir);
    const left = join(spool, 'upload-left');
    const live = join(spool, 'upload-live');
    for (const dir of [left, live]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'upload'), 'date,imei,imsi,msisdn\n');
    }
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60_000);
    utimesSync(left, twoDaysAgo, twoDaysAgo);
    await requestScheduledJobs(platform);
    await platform.jobs.runDue();
    assert.deepEqual(readdirSync(spool), ['upload-live']);
  });
}
