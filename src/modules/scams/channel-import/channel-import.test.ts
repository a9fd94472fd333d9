import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildApp } from '../../../app.ts';
import { allMigrations } from '../../../platform/create.ts';
import { migrateToLatest } from '../../../platform/db/index.ts';
import { createKeyring, generateKeyMaterial } from '../../../platform/crypto/index.ts';
import { requestScheduledJobs } from '../../../platform/maintenance.ts';
import { offersModule } from '../../offers/index.ts';
import { devicesModule } from '../../devices/index.ts';
import { complaintsModule } from '../../complaints/index.ts';
import { channelsModule } from '../../channels/index.ts';
import { scamsModule } from '../index.ts';
import { SCAMS_CHANNEL_IMPORT_JOB } from './channel-import.jobs.ts';

const MIGRATION = '2026-12-25-60-scams-02-channel-reports';
const modules = [offersModule, devicesModule, complaintsModule, scamsModule, channelsModule];
const all = allMigrations(modules);
// The database as the release before left it: scam reports from phones kept by the channels module.
const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < MIGRATION));
const fromMigration = Object.keys(all)
  .filter((name) => name >= MIGRATION)
  .sort();
const databases = openTestDatabases(before);
const scamsOnly = allMigrations([offersModule, scamsModule]);
const scamsOnlyDatabases = openTestDatabases(Object.fromEntries(Object.entries(scamsOnly).filter(([name]) => name < MIGRATION)));

for (const database of databases.all) {
  test(`the upgrade moves the channels' scam reports, still sealed, and the import job files each through the intake [${database.dialect}]`, async () => {
    assert.ok(MIGRATION in all, 'the migration is one of the module migrations');
    const db = await database.fresh();
    // The keys of the installation: the platform, opened after the rows were seeded, migrates on opening.
    const keyring = createKeyring(generateKeyMaterial());
    const seal = (value: string, column: string) => keyring.encrypt(value, `channel_scam_reports.${column}`);
    const legacy = [
      {
        id: 'r-1',
        reporter: '+254712345678',
        sender: 'MPESA-INFO',
        text: 'You won 50000, send your PIN',
        channel: 'ussd',
        language: 'fr',
        at: '2026-11-28T10:00:00.000Z',
      },
      {
        id: 'r-2',
        reporter: '+254712345679',
        sender: '0799000111',
        text: 'Pay 150 KES at https://parcel-ke.example.com',
        channel: 'sms',
        language: 'en',
        at: '2026-10-01T08:00:00.000Z',
      },
      // Longer than a sender id can be: the channels took it, the intake cannot.
      {
        id: 'r-3',
        reporter: '+254712345680',
        sender: 'A-SENDER-NAME-TOO-LONG',
        text: 'Click here now',
        channel: 'sms',
        language: 'en',
        at: '2026-11-29T10:00:00.000Z',
      },
    ];
    for (const r of legacy)
      await sql`insert into channel_scam_reports (id, reporter_hash, reporter_enc, sender_enc, text_enc, channel, language, created_at)
        values (${r.id}, ${keyring.hash(r.reporter, 'channel_scam_reports.reporter')}, ${seal(r.reporter, 'reporter')}, ${seal(r.sender, 'sender')},
          ${seal(r.text, 'text')}, ${r.channel}, ${r.language}, ${r.at})`.execute(db.kysely);

    assert.deepEqual(await migrateToLatest(db, all), fromMigration);
    const platform = await createTestPlatform(db, { modules, keyring });
    const tables = (await db.kysely.introspection.getTables()).map((t) => t.name);
    assert.equal(tables.includes('channel_scam_reports'), false, 'the channels table is dropped');
    const staged = await db.kysely.selectFrom('scam_channel_imports').selectAll().orderBy('id').execute();
    assert.deepEqual(
      staged.map((row) => [row.id, keyring.decrypt(row.text_enc, 'channel_scam_reports.text')]),
      legacy.map((r) => [r.id, r.text]),
    );

    // The job is asked for when a working process starts, as every daily job is.
    await buildApp(platform, modules);
    await requestScheduledJobs(platform);
    await platform.jobs.runDue();
    const reports = await db.kysely
      .selectFrom('scam_reports as r')
      .innerJoin('scam_identifiers as i', 'i.id', 'r.identifier_id')
      .select([
        'r.channel',
        'r.medium',
        'r.category',
        'r.language',
        'r.occurred_at',
        'r.is_late',
        'r.reporter_enc',
        'r.text_enc',
        'r.campaign_id',
        'i.kind',
        'i.value_enc',
      ])
      .orderBy('r.occurred_at')
      .execute();
    assert.deepEqual(
      reports.map((r) => [
        r.channel,
        r.medium,
        r.category,
        r.language,
        new Date(r.occurred_at).toISOString(),
        Boolean(r.is_late),
        keyring.decrypt(r.reporter_enc, 'scam_reports.reporter'),
        keyring.decrypt(r.text_enc ?? '', 'scam_reports.text'),
        r.kind,
        keyring.decrypt(r.value_enc, 'scam_identifiers.value'),
        r.campaign_id !== null,
      ]),
      [
        ['sms', 'sms', 'other', 'en', '2026-10-01T08:00:00.000Z', true, '+254712345679', legacy[1]?.text, 'number', '+254799000111', true],
        ['ussd', 'sms', 'other', 'fr', '2026-11-28T10:00:00.000Z', false, '+254712345678', legacy[0]?.text, 'senderId', 'MPESA-INFO', true],
      ],
    );
    // Keyed by the scams' hashes, as a report filed today: the same reporter is one reporter, first verified when the channels took the report.
    const reporters = await db.kysely.selectFrom('scam_reporters').selectAll().orderBy('first_verified_at').execute();
    assert.deepEqual(
      reporters.map((r) => new Date(r.first_verified_at).toISOString()),
      ['2026-10-01T08:00:00.000Z', '2026-11-28T10:00:00.000Z'],
    );
    assert.deepEqual(await db.kysely.selectFrom('scam_channel_imports').select('id').execute(), [], 'nothing is left to import, the refused one included');
    const jobs = await db.kysely.selectFrom('jobs').select('status').where('type', '=', SCAMS_CHANNEL_IMPORT_JOB).execute();
    assert.deepEqual(
      jobs.map((j) => j.status),
      ['done'],
    );
  });

  test(`on an installation without the channels module the upgrade only adds the empty staging table [${database.dialect}]`, async () => {
    const scamsOnlyDatabase = scamsOnlyDatabases.all.find((d) => d.dialect === database.dialect);
    assert.ok(scamsOnlyDatabase);
    const db = await scamsOnlyDatabase.fresh();
    // This upgrade, and whatever later migrations the tree holds.
    const upgrade = Object.keys(scamsOnly)
      .filter((name) => name >= MIGRATION)
      .sort();
    assert.deepEqual(await migrateToLatest(db, scamsOnly), upgrade);
    assert.equal(upgrade[0], MIGRATION);
    assert.deepEqual(await db.kysely.selectFrom('scam_channel_imports').select('id').execute(), []);
  });
}
