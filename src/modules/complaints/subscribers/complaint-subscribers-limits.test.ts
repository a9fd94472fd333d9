import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandRunner } from '../../../../test/helpers/command-runner.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule } from '../index.ts';
import { registerComplaintsCommands } from '../complaints.cli.ts';

// A subscriber file with many wrong lines, or a hostile one (issue 13, item 7): bounded problems, the line named.
const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));

for (const database of databases.all) {
  test(`kinga complaints subscribers import lists the first 100 problems and their total, and refuses a line of a million cells [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-S-1', 'Savanna Mobile');
    const folder = mkdtempSync(join(tmpdir(), 'kinga-subscribers-limits-'));
    const many = join(folder, 'many.csv');
    writeFileSync(many, `operator_id,service,quarter,subscribers\n${Array.from({ length: 5000 }, () => 'OP-S-1,mobile,2026-Q3,lots').join('\n')}\n`);
    const cli = createCommandRunner(platform, registerComplaintsCommands);
    await assert.rejects(cli.run('complaints', 'subscribers', 'import', many), /5,000 problems; the first 100 are listed/);
    assert.equal((cli.printed.err.match(/^line \d+, subscribers:/gm) ?? []).length, 100);

    const wide = join(folder, 'wide.csv');
    writeFileSync(wide, `${','.repeat(1_000_000)}\n`);
    const again = createCommandRunner(platform, registerComplaintsCommands);
    await assert.rejects(again.run('complaints', 'subscribers', 'import', wide), /nothing was imported/);
    assert.match(again.printed.err, /line 1, file: .*more than 256 cells/);
  });
}
