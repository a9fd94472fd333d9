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
import { registerOperatorCommands } from '../../../platform/operators/operators.cli.ts';
import { registerOffersCommands } from '../catalogue/offer.cli.ts';
import { offersModule } from '../index.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';
import { roamingCsv, roamingRow } from '../testing/roaming-rows.ts';

const databases = openTestDatabases(allMigrations([offersModule]));

for (const database of databases.all) {
  test(`offers import-roaming: accepted files report what changed, rejected ones list every problem and exit non-zero [${database.dialect}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinga-roaming-cli-'));
    const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule] });
    const { run, printed } = createCommandRunner(platform, (program, io) => {
      registerOperatorCommands(program, io);
      registerOffersCommands(program, io);
    });
    const plan = planId('M', 1, 'TRAVEL');
    try {
      await run('operators', 'add', 'OP-CLI-1', '--name', 'Cli Mobile');
      const offers = join(dir, 'offers.csv');
      writeFileSync(offers, offerCsv([offerRow({ unique_plan_id: plan, operator_id: 'OP-CLI-1' })]));
      await run('offers', 'import', offers);

      const good = join(dir, 'roaming.csv');
      writeFileSync(
        good,
        roamingCsv([
          roamingRow({ unique_plan_id: plan, operator_id: '' }),
          roamingRow({ unique_plan_id: plan, operator_id: '', destination: 'world', data_per_mb: '50' }),
        ]),
      );
      assert.match(
        await run('offers', 'import-roaming', good, '--operator', 'OP-CLI-1'),
        /Imported 2 roaming rate\(s\) from .*roaming\.csv: 2 new rate\(s\), 2 new version\(s\), 0 confirmed unchanged/,
      );
      assert.match(await run('offers', 'import-roaming', good, '--operator', 'OP-CLI-1'), /0 new rate\(s\), 0 new version\(s\), 2 confirmed unchanged/);

      const bad = join(dir, 'bad.json');
      writeFileSync(
        bad,
        JSON.stringify({
          rates: [
            { unique_plan_id: plan, operator_id: 'OP-CLI-1', destination: 'Mars', data_per_mb: '2 KES' },
            { unique_plan_id: planId('M', 1, 'GHOST'), operator_id: 'OP-CLI-1', destination: 'TZ' },
          ],
        }),
      );
      await assert.rejects(
        run('offers', 'import-roaming', bad),
        (e: unknown) => e instanceof CliFailure && /nothing was imported: 3 problems were found\. \(ROAMING_FILE_REJECTED\)$/.test(e.message),
      );
      assert.match(printed.err, /^line 1, \/rates\/0\/destination: "Mars" is neither an ISO 3166-1 alpha-2 country code nor a zone/m);
      assert.match(printed.err, /^line 1, \/rates\/0\/data_per_mb: "2 KES" is not a price per MB/m);
      assert.match(printed.err, /^line 2, \/rates\/1\/unique_plan_id: No published offer has the plan id/m);
      await assert.rejects(run('offers', 'import-roaming', join(dir, 'missing.csv')), (e: unknown) => e instanceof CliFailure && /Cannot read/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
