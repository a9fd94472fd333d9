import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.ts';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../test/helpers/staff.ts';
import { allMigrations } from '../../platform/create.ts';
import type { Platform } from '../../platform/platform.ts';
import type { RecordKind, RetentionRule, SubjectIdentity } from '../../platform/privacy/record-kinds.ts';
import { retentionCutoff } from '../../platform/privacy/retention-schedule.ts';
import { createDevicesReportService, devicesModule } from './index.ts';
import { createTheftReportRepository } from './theft-reports/theft-report.repository.ts';
import { openReportSession } from './theft-reports/theft-report.service.ts';
import { seedDevicesPersonEverywhere } from './testing/devices-person.ts';

const databases = openTestDatabases(allMigrations([devicesModule]));
const NONE: ReadonlySet<string> = new Set();

function kindOf(platform: Platform, name: string): RecordKind {
  const kind = platform.recordKinds.find((k) => k.name === name);
  assert.ok(kind, name);
  return kind;
}

/** Runs a kind's rule (its default unless given) at the platform's clock, as the schedule does. */
function runRule(platform: Platform, kind: RecordKind, options: { dryRun?: boolean; heldIds?: ReadonlySet<string>; rule?: RetentionRule } = {}) {
  const rule = options.rule ?? kind.defaultRule;
  const now = platform.clock.now();
  return kind.retention.run({
    rule,
    cutoff: retentionCutoff(rule.period, now, platform.config.jurisdiction.timeZone),
    now: now.toISOString(),
    dryRun: options.dryRun ?? false,
    heldIds: options.heldIds ?? NONE,
  });
}

const ann: SubjectIdentity = { emails: ['ann@example.org'], phones: ['+254722000111'], deviceIds: [] };
const bob: SubjectIdentity = { emails: ['bob@example.org'], phones: ['+254733000222'], deviceIds: [] };

test('the devices module declares its kinds with the defaults of the settings they replace', async () => {
  const database = databases.all[0];
  assert.ok(database);
  const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
  const kinds = platform.recordKinds.filter((k) => k.name.startsWith('devices.'));
  assert.deepEqual(
    kinds.map((k) => [k.name, k.defaultRule.period, k.defaultRule.trigger, k.defaultRule.action, typeof k.subject]),
    [
      ['devices.theftReports', 'P6M', 'closed', 'anonymise', 'object'],
      ['devices.reportSessions', 'PT24H', 'created', 'delete', 'object'],
      ['devices.observations', 'P6M', 'lastActivity', 'anonymise', 'object'],
      ['devices.pairings', 'P6M', 'closed', 'anonymise', 'object'],
      ['devices.traceAlerts', 'P1Y', 'created', 'delete', 'undefined'],
    ],
  );
});

for (const database of databases.all) {
  test(`lost and stolen reports: the contacts of a report closed before the cutoff are erased, not a day younger, not held, not open [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const { keyring } = platform;
    const repository = createTheftReportRepository(platform.db.kysely);
    const report = async (id: string, status: 'submitted' | 'verified' | 'rejected', decidedAt: string | null) => {
      const email = `${id}@example.org`;
      await repository.insertReport(
        {
          id,
          request_id: `LS-${id.toUpperCase().padEnd(8, '0')}`,
          email_hash: keyring.hash(email, 'device_theft_reports.email'),
          email_enc: keyring.encrypt(email, 'device_theft_reports.email'),
          msisdn_enc: keyring.encrypt('254712345678', 'device_theft_reports.msisdn'),
          police_reference_enc: keyring.encrypt('OB/123/2026', 'device_theft_reports.police_reference'),
          status,
          submitted_at: '2026-01-10T08:00:00.000Z',
          decided_at: decidedAt,
          decided_by: decidedAt === null ? null : 'officer',
        },
        [{ key: '35209900176148', raw: '352099001761481' }],
      );
      await repository.insertPoliceReportFile({
        report_id: id,
        name_enc: keyring.encrypt('report.pdf', 'device_theft_report_files.name'),
        media_type: 'application/pdf',
        size_bytes: 4,
        content_enc: keyring.encrypt('JVBERg==', 'device_theft_report_files.content'),
        created_at: '2026-01-10T08:00:00.000Z',
      });
    };
    // The clock is 2026-12-01 in Nairobi: six months keep from 2026-06-01 00:00 there, 2026-05-31T21:00Z.
    await report('rejold', 'rejected', '2026-05-31T20:59:00.000Z');
    await report('rejnew', 'rejected', '2026-05-31T21:00:00.000Z');
    await report('rejheld', 'rejected', '2026-05-20T10:00:00.000Z');
    await report('recold', 'verified', '2026-01-11T10:00:00.000Z');
    await report('verold', 'verified', '2026-01-11T10:00:00.000Z');
    await report('waiting', 'submitted', null);
    await platform.db.kysely
      .insertInto('device_report_recoveries')
      .values({ report_id: 'recold', recovered_at: '2026-03-01T10:00:00.000Z', recovered_on: '2026-03-01', recovered_by: 'reporter' })
      .execute();
    const kind = kindOf(platform, 'devices.theftReports');
    const held = new Set(['rejheld']);

    assert.equal(await runRule(platform, kind, { dryRun: true, heldIds: held }), 2, 'a dry run counts');
    const reports = createDevicesReportService(platform);
    const officer = { type: 'user' as const, id: 'officer' };
    const seen = async () => {
      const all = new Map<string, { isErased: boolean; email: string; msisdn: string; policeReference: string; hasFile: boolean; imeis: number }>();
      for (const id of ['rejold', 'rejnew', 'rejheld', 'recold', 'verold', 'waiting']) {
        const detail = await reports.openReport(officer, id);
        all.set(id, {
          isErased: detail.isErased,
          email: detail.email,
          msisdn: detail.msisdn,
          policeReference: detail.policeReference,
          hasFile: detail.policeReportFile !== null,
          imeis: detail.imeis.length,
        });
      }
      return all;
    };
    const whole = (id: string) => ({
      isErased: false,
      email: `${id}@example.org`,
      msisdn: '254712345678',
      policeReference: 'OB/123/2026',
      hasFile: true,
      imeis: 1,
    });
    assert.deepEqual([...(await seen()).values()].filter((r) => r.isErased).length, 0, 'and changes nothing');

    assert.equal(await runRule(platform, kind, { heldIds: held }), 2);
    const after = await seen();
    const erased = { isErased: true, email: '', msisdn: '', policeReference: '', hasFile: false, imeis: 1 };
    assert.deepEqual(after.get('rejold'), erased);
    assert.deepEqual(after.get('recold'), erased);
    for (const id of ['rejnew', 'rejheld', 'verold', 'waiting']) assert.deepEqual(after.get(id), whole(id), id);
    assert.equal(await runRule(platform, kind, { heldIds: held }), 0, 'nothing is due twice');

    const app = await buildApp(platform, [devicesModule]);
    const client = createWebClient(app, '10.5.5.5');
    await signIn(client, platform, await buildStaffAccount(platform, { role: 'officer' }));
    const page = await client.get('/staff/devices/reports/rejold');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Erased: the report was closed more than the retention period ago/);
    assert.doesNotMatch(page.body, /police-report/, 'no download link once the file is deleted');
    await app.close();
  });

  test(`report sessions: a session created more than a day ago is deleted, not a younger or held one [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const repository = createTheftReportRepository(platform.db.kysely);
    for (const [id, at] of [
      ['old', '2026-11-30T08:59:00.000Z'],
      ['young', '2026-11-30T09:01:00.000Z'],
      ['held', '2026-11-20T08:00:00.000Z'],
    ] as const) {
      const { row } = openReportSession({ keyring: platform.keyring, id, now: new Date(at), codeMinutes: 15, email: `${id}@example.org`, emailHash: id });
      await repository.insertSession(row);
    }
    const kind = kindOf(platform, 'devices.reportSessions');
    const held = new Set(['held']);
    assert.equal(await runRule(platform, kind, { dryRun: true, heldIds: held }), 1);
    const ids = async () => (await platform.db.kysely.selectFrom('device_report_sessions').select('id').orderBy('id').execute()).map((r) => r.id);
    assert.deepEqual(await ids(), ['held', 'old', 'young']);
    assert.equal(await runRule(platform, kind, { heldIds: held }), 1);
    assert.deepEqual(await ids(), ['held', 'young']);
  });

  test(`trace alerts raised before the cutoff are deleted, not a day younger, not held; a dry run deletes nothing [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    platform.clock.set('2027-12-08T09:00:00Z');
    const alert = (id: string, createdAt: string) => ({
      id,
      imei_key: '35209900176148',
      imsi_hash: platform.keyring.hash(`63902123456789${id.length}`, 'device-imsi'),
      report_id: null,
      operator_id: 'OP-A',
      seen_on: createdAt.slice(0, 10),
      created_at: createdAt,
      created_on: createdAt.slice(0, 10),
      acknowledged_at: null,
      acknowledged_by: null,
    });
    // A year kept in Nairobi's days: raised on 7 December 2026 (local) is due on 8 December 2027, not one raised on the 8th.
    await platform.db.kysely
      .insertInto('device_trace_alerts')
      .values([alert('old', '2026-12-07T10:00:00.000Z'), alert('young', '2026-12-08T10:00:00.000Z'), alert('held', '2026-01-01T10:00:00.000Z')])
      .execute();
    const kind = kindOf(platform, 'devices.traceAlerts');
    const held = new Set(['held']);
    const ids = async () => (await platform.db.kysely.selectFrom('device_trace_alerts').select('id').orderBy('id').execute()).map((r) => r.id);
    assert.equal(await runRule(platform, kind, { dryRun: true, heldIds: held }), 1);
    assert.deepEqual(await ids(), ['held', 'old', 'young']);
    assert.equal(await runRule(platform, kind, { heldIds: held }), 1);
    assert.deepEqual(await ids(), ['held', 'young']);
  });

  test(`observations and pairings: IMSI and MSISDN are cleared from those last seen or ended before the cutoff's day, not a day younger, not held [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const { keyring } = platform;
    const observation = (id: string, lastSeen: string) => ({
      id,
      observation_key: `key-${id}`,
      imei_key: '35209900176148',
      imsi_cipher: keyring.encrypt('639021234567890', 'device_observations.imsi'),
      msisdn_cipher: keyring.encrypt('254712345678', 'device_observations.msisdn'),
      imsi_hash: keyring.hash('639021234567890', 'device-imsi'),
      msisdn_hash: keyring.hash('254712345678', 'device-msisdn'),
      home_network: '63902',
      rat_mask: 4,
      operator_id: 'OP-A',
      first_seen: '2026-01-02',
      last_seen: lastSeen,
      import_id: 'i',
    });
    await platform.db.kysely
      .insertInto('device_observations')
      .values([observation('old', '2026-05-31'), observation('young', '2026-06-01'), observation('held', '2026-01-31')])
      .execute();
    const pairing = (id: string, endDate: string | null) => ({
      id,
      list: 'pairing' as const,
      key: `3520990017${id.length}${id.length}00`.slice(0, 14),
      imsi_hash: keyring.hash(`63902123456789${id.length}`, 'device-imsi'),
      imsi_cipher: keyring.encrypt('639021234567890', 'device_observations.imsi'),
      msisdn_cipher: keyring.encrypt('254712345678', 'device_observations.msisdn'),
      msisdn_hash: keyring.hash('254712345678', 'device-msisdn'),
      home_network: '63902',
      reason: null,
      source: null,
      start_date: '2026-01-01',
      end_date: endDate,
      upload_id: 'u',
      ended_by_upload_id: endDate === null ? null : 'u2',
    });
    await platform.db.kysely
      .insertInto('device_list_entries')
      .values([pairing('p-old', '2026-05-31'), pairing('p-young', '2026-06-01'), pairing('p-current', null), pairing('p-held', '2026-02-01')])
      .execute();

    const observations = kindOf(platform, 'devices.observations');
    const pairings = kindOf(platform, 'devices.pairings');
    const held = new Set(['held', 'p-held']);
    assert.equal(await runRule(platform, observations, { dryRun: true, heldIds: held }), 1);
    assert.equal(await runRule(platform, pairings, { dryRun: true, heldIds: held }), 1);
    const state = async () => ({
      observations: (
        await platform.db.kysely
          .selectFrom('device_observations')
          .select(['id', 'observation_key', 'imsi_cipher', 'msisdn_cipher', 'imsi_hash', 'msisdn_hash'])
          .orderBy('id')
          .execute()
      ).map((r) => [r.id, [r.observation_key, r.imsi_cipher, r.msisdn_cipher, r.imsi_hash, r.msisdn_hash].every((v) => v === null)]),
      pairings: (
        await platform.db.kysely
          .selectFrom('device_list_entries')
          .select(['id', 'imsi_cipher', 'msisdn_cipher', 'imsi_hash', 'msisdn_hash'])
          .orderBy('id')
          .execute()
      ).map((r) => [r.id, [r.imsi_cipher, r.msisdn_cipher, r.imsi_hash, r.msisdn_hash].every((v) => v === null)]),
    });
    const untouched = {
      observations: [
        ['held', false],
        ['old', false],
        ['young', false],
      ],
      pairings: [
        ['p-current', false],
        ['p-held', false],
        ['p-old', false],
        ['p-young', false],
      ],
    };
    assert.deepEqual(await state(), untouched, 'a dry run changes nothing');
    assert.equal(await runRule(platform, observations, { heldIds: held }), 1);
    assert.equal(await runRule(platform, pairings, { heldIds: held }), 1);
    assert.deepEqual(await state(), {
      observations: [
        ['held', false],
        ['old', true],
        ['young', false],
      ],
      pairings: [
        ['p-current', false],
        ['p-held', false],
        ['p-old', true],
        ['p-young', false],
      ],
    });
    const [old] = await platform.db.kysely
      .selectFrom('device_observations')
      .select(['imei_key', 'home_network', 'last_seen'])
      .where('id', '=', 'old')
      .execute();
    assert.deepEqual(old, { imei_key: '35209900176148', home_network: '63902', last_seen: '2026-05-31' }, 'the sighting stays for the statistics');
  });

  test(`a person's records: found by their address and number, not another's; erasure keeps the open report and the current pairing, and names the operators [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const seededAnn = await seedDevicesPersonEverywhere(platform, ann);
    const seededBob = await seedDevicesPersonEverywhere(platform, bob);
    const names = ['devices.theftReports', 'devices.reportSessions', 'devices.observations', 'devices.pairings'] as const;
    for (const name of names) {
      const subject = kindOf(platform, name).subject;
      assert.ok(subject);
      const found = await subject.find(ann);
      assert.deepEqual(
        found.map((r) => r.id),
        seededAnn[name],
        name,
      );
      assert.equal(seededAnn[name].length, 1, name);
      assert.ok(!found.some((r) => seededBob[name].includes(r.id)), `${name}: not another person's`);
      assert.doesNotMatch(JSON.stringify(found.map((r) => r.fields)), /bob|733000222/);
    }
    const [report] = await kindOf(platform, 'devices.theftReports').subject!.find(ann);
    assert.equal(report?.fields.email, 'ann@example.org');
    assert.equal(report?.fields.contactPhone, '+254722000111');
    assert.deepEqual(
      report?.files?.map((f) => [f.name, f.mediaType, Buffer.from(f.bytes).toString()]),
      [['police-report.pdf', 'application/pdf', '%PDF-1.4']],
    );
    const [observation] = await kindOf(platform, 'devices.observations').subject!.find(ann);
    assert.equal(observation?.fields.msisdn, '254722000111');
    assert.equal(observation?.fields.operatorId, 'OP-A');

    // The operators: Ann's SIM was on OP-B's notification list; her phone is on the national block list.
    const [annObservation] = await platform.db.kysely
      .selectFrom('device_observations')
      .select(['imsi_hash', 'imei_key'])
      .where('id', '=', seededAnn['devices.observations'][0]!)
      .execute();
    await platform.db.kysely
      .insertInto('device_list_runs')
      .values({ id: 'run-1', list_date: '2026-11-30', generated_at: '2026-11-30T03:00:00.000Z', summary: '{}' })
      .execute();
    await platform.db.kysely
      .insertInto('device_list_items')
      .values([
        {
          run_id: 'run-1',
          list_kind: 'notification',
          operator_id: 'OP-B',
          imei_key: annObservation!.imei_key,
          imsi_hash: annObservation!.imsi_hash!,
          imsi_cipher: 'sealed',
          msisdn_cipher: 'sealed',
          block_date: '2026-12-30',
          reasons: 'duplicate',
        },
        {
          run_id: 'run-1',
          list_kind: 'block',
          operator_id: '',
          imei_key: annObservation!.imei_key,
          imsi_hash: '',
          imsi_cipher: null,
          msisdn_cipher: null,
          block_date: '2026-11-30',
          reasons: 'stolen',
        },
      ])
      .execute();

    const context = { now: platform.clock.now().toISOString(), heldIds: NONE };
    const erasures = new Map<string, unknown>();
    for (const name of names) erasures.set(name, await kindOf(platform, name).subject!.erase(ann, context));
    assert.deepEqual(erasures.get('devices.theftReports'), {
      outcomes: [{ id: seededAnn['devices.theftReports'][0], result: 'kept', reason: 'openCase' }],
      operatorIds: [],
    });
    assert.deepEqual(erasures.get('devices.reportSessions'), { outcomes: [{ id: seededAnn['devices.reportSessions'][0], result: 'erased' }], operatorIds: [] });
    assert.deepEqual(erasures.get('devices.observations'), {
      outcomes: [{ id: seededAnn['devices.observations'][0], result: 'anonymised' }],
      operatorIds: ['OP-B'],
    });
    assert.deepEqual(erasures.get('devices.pairings'), {
      outcomes: [{ id: seededAnn['devices.pairings'][0], result: 'kept', reason: 'legalObligation' }],
      operatorIds: [],
    });
    const items = await platform.db.kysely.selectFrom('device_list_items').select(['list_kind', 'imsi_cipher', 'msisdn_cipher']).orderBy('list_kind').execute();
    assert.deepEqual(items, [
      { list_kind: 'block', imsi_cipher: null, msisdn_cipher: null },
      { list_kind: 'notification', imsi_cipher: null, msisdn_cipher: null },
    ]);
    // Nothing is findable but what was kept; Bob's records are whole.
    for (const name of names) {
      const kept = (erasures.get(name) as { outcomes: { id: string; result: string }[] }).outcomes.filter((o) => o.result === 'kept').map((o) => o.id);
      assert.deepEqual(
        (await kindOf(platform, name).subject!.find(ann)).map((r) => r.id),
        kept,
        name,
      );
      assert.deepEqual(
        (await kindOf(platform, name).subject!.find(bob)).map((r) => r.id),
        seededBob[name],
        name,
      );
    }

    // Once the phone is recovered and the pairing ended, a second request erases both, and names who received the block list.
    const reportId = seededAnn['devices.theftReports'][0]!;
    await platform.db.kysely
      .updateTable('device_theft_reports')
      .set({ status: 'verified', decided_at: '2026-11-02T10:00:00.000Z' })
      .where('id', '=', reportId)
      .execute();
    await platform.db.kysely
      .insertInto('device_report_recoveries')
      .values({ report_id: reportId, recovered_at: '2026-11-20T10:00:00.000Z', recovered_on: '2026-11-20', recovered_by: 'reporter' })
      .execute();
    await platform.db.kysely.updateTable('device_list_entries').set({ end_date: '2026-11-30' }).where('id', '=', seededAnn['devices.pairings'][0]!).execute();
    const again = await kindOf(platform, 'devices.theftReports').subject!.erase(ann, context);
    assert.deepEqual(again, {
      outcomes: [{ id: reportId, result: 'anonymised' }],
      operatorIds: Object.keys(platform.settings.devices.operatorNetworks).sort(),
    });
    assert.ok(again.operatorIds.length > 0);
    const pairingAgain = await kindOf(platform, 'devices.pairings').subject!.erase(ann, context);
    assert.deepEqual(
      pairingAgain.outcomes.map((o) => o.result),
      ['anonymised'],
    );
    for (const name of names) {
      assert.deepEqual(await kindOf(platform, name).subject!.find(ann), [], `${name}: nothing left to find`);
      assert.deepEqual(await kindOf(platform, name).subject!.erase(ann, context), { outcomes: [], operatorIds: [] }, `${name}: erasing again finds nothing`);
    }
  });

  test(`a held record survives its person's erasure with the reason legalHold [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const seeded = await seedDevicesPersonEverywhere(platform, ann);
    const heldIds = new Set([...seeded['devices.reportSessions'], ...seeded['devices.observations']]);
    const context = { now: platform.clock.now().toISOString(), heldIds };
    for (const name of ['devices.reportSessions', 'devices.observations'] as const) {
      const outcome = await kindOf(platform, name).subject!.erase(ann, context);
      assert.deepEqual(outcome.outcomes, [{ id: seeded[name][0], result: 'kept', reason: 'legalHold' }], name);
      assert.equal((await kindOf(platform, name).subject!.find(ann)).length, 1, name);
    }
  });
}
