import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandRunner } from '../../../../test/helpers/command-runner.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { Invalid } from '../../../platform/http/errors.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule } from '../index.ts';
import { createComplaintServiceFor, createSubscriberServiceFor } from '../complaints.wiring.ts';
import { registerComplaintsCommands } from '../complaints.cli.ts';

const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const STAFF = { type: 'user' as const, id: 'officer-1' };

async function setup(database: (typeof databases.all)[number]) {
  const platform = await createTestPlatform(await database.fresh(), { modules });
  const offers = createOfferServiceFor(platform);
  await offers.addOperator({ type: 'system', id: null }, 'OP-S-1', 'Savanna Mobile');
  await offers.addOperator({ type: 'system', id: null }, 'OP-S-2', 'Baobab Net');
  return { platform, subscribers: createSubscriberServiceFor(platform) };
}

const stored = async (platform: Awaited<ReturnType<typeof setup>>['platform']) =>
  (await platform.db.kysely.selectFrom('complaint_subscribers').selectAll().orderBy('quarter').orderBy('operator_id').orderBy('service').execute()).map(
    (r) => `${r.quarter} ${r.operator_id} ${r.service} ${r.subscribers}`,
  );

const auditActions = async (platform: Awaited<ReturnType<typeof setup>>['platform']) =>
  await platform.db.kysely.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'complaints.subscribers.%').orderBy('seq').execute();

for (const database of databases.all) {
  describe(`subscriber numbers (${database.dialect})`, () => {
    it('saves a quarter from the form in one transaction, audited, a blank cell removing a figure', async () => {
      const { platform, subscribers } = await setup(database);
      const first = await subscribers.saveQuarterForm(STAFF, '2026-Q3', [
        { operatorId: 'OP-S-1', service: 'mobile', typed: '1200000' },
        { operatorId: 'OP-S-1', service: 'pay_tv', typed: '30000' },
        { operatorId: 'OP-S-2', service: 'mobile', typed: '' },
      ]);
      assert.deepEqual(first, { ok: true, saved: 2 });
      assert.deepEqual(await stored(platform), ['2026-Q3 OP-S-1 mobile 1200000', '2026-Q3 OP-S-1 pay_tv 30000']);
      const grid = await subscribers.grid('2026-Q3');
      assert.equal(grid.figures.get('OP-S-1 mobile'), 1_200_000);
      assert.deepEqual(
        grid.operators.map((o) => o.id),
        ['OP-S-1', 'OP-S-2'],
      );

      const second = await subscribers.saveQuarterForm(STAFF, '2026-Q3', [
        { operatorId: 'OP-S-1', service: 'mobile', typed: '1210000' },
        { operatorId: 'OP-S-1', service: 'pay_tv', typed: '' },
        { operatorId: 'OP-S-2', service: 'mobile', typed: '800000' },
      ]);
      assert.equal(second.ok, true);
      assert.deepEqual(await stored(platform), ['2026-Q3 OP-S-1 mobile 1210000', '2026-Q3 OP-S-2 mobile 800000']);
      const audited = await auditActions(platform);
      assert.equal(audited.length, 2);
      assert.equal(audited[0]?.action, 'complaints.subscribers.saved');
      assert.deepEqual(
        audited.map((a) => JSON.parse(a.details).before),
        [0, 2],
        'each save records how many figures the quarter had',
      );
    });

    it('saves nothing when one cell or the quarter is wrong, and says which', async () => {
      const { platform, subscribers } = await setup(database);
      await subscribers.saveQuarterForm(STAFF, '2026-Q3', [{ operatorId: 'OP-S-1', service: 'mobile', typed: '5' }]);
      const refused = await subscribers.saveQuarterForm(STAFF, '2026-Q9', [
        { operatorId: 'OP-S-1', service: 'mobile', typed: '-3' },
        { operatorId: 'OP-S-2', service: 'mobile', typed: '1.5' },
        { operatorId: 'OP-S-2', service: 'pay_tv', typed: '12' },
      ]);
      assert.deepEqual(refused, {
        ok: false,
        issues: [
          { kind: 'quarter', issue: 'unknown' },
          { kind: 'count', operatorId: 'OP-S-1', service: 'mobile', issue: 'negative' },
          { kind: 'count', operatorId: 'OP-S-2', service: 'mobile', issue: 'notWhole' },
        ],
      });
      const future = await subscribers.saveQuarterForm(STAFF, '2027-Q2', [{ operatorId: 'OP-S-1', service: 'mobile', typed: '5' }]);
      assert.deepEqual(future, { ok: false, issues: [{ kind: 'quarter', issue: 'future' }] });
      assert.deepEqual(await stored(platform), ['2026-Q3 OP-S-1 mobile 5']);
      assert.equal((await auditActions(platform)).length, 1);
    });

    it('feeds the statistics: an operator with a figure gets a rate, one without gets none', async () => {
      const { platform, subscribers } = await setup(database);
      await subscribers.replaceQuarter(STAFF, '2026-Q4', [{ operatorId: 'OP-S-1', service: 'mobile', subscribers: 200_000 }]);
      const stats = await createComplaintServiceFor(platform).statistics('2026-Q4');
      const one = stats.byOperator.find((o) => o.operatorId === 'OP-S-1');
      const two = stats.byOperator.find((o) => o.operatorId === 'OP-S-2');
      assert.equal(one?.subscribers, 200_000);
      assert.equal(one?.hasNoSubscribers, false);
      assert.equal(two?.subscribers, null);
      assert.equal(two?.hasNoSubscribers, true);
      assert.equal(two?.per100k.value, null);
    });

    it('imports a file with `kinga complaints subscribers import` all or nothing, and lists figures', async () => {
      const { platform } = await setup(database);
      const cli = createCommandRunner(platform, registerComplaintsCommands);
      const folder = mkdtempSync(join(tmpdir(), 'kinga-subscribers-'));
      const bad = join(folder, 'bad.csv');
      writeFileSync(bad, 'operator_id,service,quarter,subscribers\nOP-S-1,mobile,2026-Q3,1200000\nOP-S-2,mobile,2026-Q3,1.200.000\nOP-S-3,mobile,2026-Q5,9\n');
      await assert.rejects(cli.run('complaints', 'subscribers', 'import', bad), /nothing was imported/);
      assert.match(cli.printed.err, /line 3, subscribers: "1\.200\.000" is not a whole number/);
      assert.match(cli.printed.err, /line 4, operator_id:/);
      assert.match(cli.printed.err, /line 4, quarter:/);
      assert.deepEqual(await stored(platform), [], 'the good line was not imported either');

      const good = join(folder, 'good.csv');
      writeFileSync(
        good,
        'operator_id,service,quarter,subscribers\nOP-S-1,mobile,2026-Q3,1200000\nOP-S-2,fixed_internet,2026-Q3,45000\nOP-S-1,mobile,2026-Q2,1190000\n',
      );
      assert.match(await cli.run('complaints', 'subscribers', 'import', good), /Imported 3 subscriber figures for 2026-Q2, 2026-Q3/);
      assert.deepEqual(await stored(platform), ['2026-Q2 OP-S-1 mobile 1190000', '2026-Q3 OP-S-1 mobile 1200000', '2026-Q3 OP-S-2 fixed_internet 45000']);
      const audited = await auditActions(platform);
      assert.deepEqual(
        audited.map((a) => a.action),
        ['complaints.subscribers.imported'],
      );

      // Importing again replaces the same figures rather than adding rows.
      writeFileSync(good, 'operator_id,service,quarter,subscribers\nOP-S-1,mobile,2026-Q3,1250000\n');
      await cli.run('complaints', 'subscribers', 'import', good);
      assert.equal((await stored(platform)).length, 3);

      const listed = await cli.run('complaints', 'subscribers', 'list', '--quarter', '2026-Q3');
      assert.equal(listed, 'operator_id,service,quarter,subscribers\nOP-S-1,mobile,2026-Q3,1250000\nOP-S-2,fixed_internet,2026-Q3,45000\n');
      assert.equal((await cli.run('complaints', 'subscribers', 'list')).trim().split('\n').length, 4);
      await assert.rejects(cli.run('complaints', 'subscribers', 'list', '--quarter', 'Q3'), /not a quarter/);
      const json = join(folder, 'figures.json');
      writeFileSync(json, '{"figures": []}');
      await assert.rejects(cli.run('complaints', 'subscribers', 'import', json), /not a CSV file/);
    });

    it('refuses a request naming an unknown operator or a wrong figure, with a pointer to each', async () => {
      const { platform, subscribers } = await setup(database);
      await assert.rejects(
        subscribers.replaceQuarter(STAFF, '2026-Q3', [
          { operatorId: 'OP-S-1', service: 'mobile', subscribers: 10 },
          { operatorId: 'OP-X', service: 'mobile', subscribers: -1 },
        ]),
        (error) => error instanceof Invalid && error.problems.map((p) => p.field).join(' ') === '/figures/1/operatorId /figures/1/subscribers',
      );
      assert.deepEqual(await stored(platform), []);
    });
  });
}
