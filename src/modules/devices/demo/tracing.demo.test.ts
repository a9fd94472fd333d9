import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { seedDemo } from '../../../platform/demo.ts';
import type { MailMessage, Mailer } from '../../../platform/notify/index.ts';
import { offersModule } from '../../offers/index.ts';
import { devicesModule } from '../index.ts';
import { DEMO_DUPLICATE_IMEI, DEMO_TRACED_IMEI, DEMO_TRACING_OPERATOR, seedTracingDemo } from './tracing.demo.ts';

const modules = [offersModule, devicesModule];
const databases = openTestDatabases(allMigrations(modules));

for (const database of databases.all) {
  test(`the demo shows a stolen phone traced with a new SIM and a cloned IMEI under watch, through the real import and classification [${database.dialect}]`, async () => {
    const sent: MailMessage[] = [];
    const mailer: Mailer = { send: async (message) => void sent.push(message), close: async () => undefined };
    const platform = await createTestPlatform(await database.fresh(), { modules, mailer });
    await seedDemo(platform, modules);
    const app = await buildApp(platform, modules);
    const db = platform.db.kysely;

    const dumps = await db.selectFrom('device_dump_imports').select(['operator_id', 'file_name']).where('operator_id', '=', DEMO_TRACING_OPERATOR).execute();
    assert.equal(dumps.length, 1, "the second operator's dump went through the importer");

    // The trace alert: the reported phone, the new SIM's operator, the report it belongs to.
    const key = DEMO_TRACED_IMEI.slice(0, 14);
    const alerts = await db
      .selectFrom('device_trace_alerts as a')
      .leftJoin('device_theft_reports as r', 'r.id', 'a.report_id')
      .select(['a.imei_key', 'a.operator_id', 'a.seen_on', 'r.request_id'])
      .execute();
    assert.deepEqual(
      alerts.map((a) => [a.imei_key, a.operator_id, a.request_id]),
      [[key, DEMO_TRACING_OPERATOR, 'LS-DEM0V3R1']],
      "one alert: the new SIM, not the owner's own",
    );

    // The reporter and the officer who verified the report are both told.
    await platform.jobs.runDue();
    const traced = sent.filter((m) => m.subject.includes('LS-DEM0V3R1') && !/verified|received/i.test(m.subject));
    assert.deepEqual(traced.map((m) => m.to).sort(), ['officer@demo.kinga.example', 'wanjiru.demo@example.org']);

    // The public statistics count it as traced this month: one is below the small-cell rule, so withheld.
    const month = platform.clock.now().toISOString().slice(0, 7);
    const stats = (await app.inject('/api/v1/devices/statistics')).json<{
      months: Array<{ month: string; traced: number | null; traced_suppressed: boolean }>;
    }>();
    const current = stats.months.find((m) => m.month === month);
    assert.deepEqual([current?.traced, current?.traced_suppressed], [null, true]);

    // The cloned IMEI checks as a duplicate under watch, on the API and on the page.
    assert.equal((await app.inject(`/api/v1/devices/imei/${DEMO_DUPLICATE_IMEI}`)).json().status, 'duplicateWatch');
    const page = await app.inject(`/devices/check?imei=${DEMO_DUPLICATE_IMEI}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Number used by more than one phone/);
    assert.equal((await app.inject(`/api/v1/devices/imei/${DEMO_TRACED_IMEI}`)).json().status, 'blocked', 'the stolen phone is blocked');

    // Seeding again adds nothing.
    await seedTracingDemo(platform);
    await devicesModule.seedDemo?.(platform);
    assert.equal((await db.selectFrom('device_dump_imports').select('id').where('operator_id', '=', DEMO_TRACING_OPERATOR).execute()).length, 1);
    assert.equal((await db.selectFrom('device_trace_alerts').select('id').execute()).length, 1);
    await app.close();
  });
}
