import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandRunner } from '../../../../test/helpers/command-runner.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { CliFailure } from '../../../platform/cli/run.ts';
import { registerOffersCommands } from './offer.cli.ts';
import { registerOperatorCommands } from '../../../platform/operators/operators.cli.ts';
import { offersModule } from '../index.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';

const databases = openTestDatabases(allMigrations([offersModule]));

for (const database of databases.all) {
  test(`operators add, then offers import: accepted files report what changed, rejected ones list every problem and fail [${database.dialect}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinga-offers-cli-'));
    const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule] });
    const { run, printed } = createCommandRunner(platform, (program, io) => {
      registerOperatorCommands(program, io);
      registerOffersCommands(program, io);
    });
    try {
      assert.match(await run('operators', 'add', 'OP-CLI-1', '--name', 'Cli Mobile'), /Added operator OP-CLI-1 \(Cli Mobile\)/);
      await assert.rejects(
        run('operators', 'add', 'OP-CLI-1', '--name', 'Again'),
        (e: unknown) => e instanceof CliFailure && /OPERATOR_EXISTS/.test(e.message),
      );

      const good = join(dir, 'good.csv');
      writeFileSync(good, offerCsv([offerRow({ unique_plan_id: 'M1234567890SHORT', operator_id: '' })]));
      await assert.rejects(
        run('offers', 'import', good, '--operator', 'OP-CLI-1'),
        (e: unknown) => e instanceof CliFailure && /1 problem was found/.test(e.message),
      );
      assert.match(printed.err, /^line 2, unique_plan_id: The plan id "M1234567890SHORT" does not match/m);
      const lenient = await run('offers', 'import', good, '--operator', 'OP-CLI-1', '--lenient');
      assert.match(lenient, /^warning: line 2, unique_plan_id: .*lenient mode/m);
      assert.match(lenient, /Imported 1 offer\(s\) from .*good\.csv: 1 new plan\(s\), 1 new version\(s\), 0 confirmed unchanged/);

      const bad = join(dir, 'bad.json');
      writeFileSync(
        bad,
        JSON.stringify({
          offers: [
            { ...offerRow({ unique_plan_id: planId('M', 1, 'J') }), operator_id: 'OP-CLI-1', typical_latency: '13 Milliseconds', monthly_price: 'NULL' },
          ],
        }),
      );
      await assert.rejects(
        run('offers', 'import', bad),
        (e: unknown) => e instanceof CliFailure && /nothing was imported: 2 problems were found\. \(OFFER_FILE_REJECTED\)$/.test(e.message),
      );
      assert.match(printed.err, /line 1, \/offers\/0\/monthly_price: "NULL" is not allowed/);
      assert.match(printed.err, /line 1, \/offers\/0\/typical_latency: "13 Milliseconds" is not a latency/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
