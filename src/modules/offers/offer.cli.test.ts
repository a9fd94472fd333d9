import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import pino from 'pino';
import { createTestConfig } from '../../../test/helpers/platform.ts';
import { closePlatform, createPlatform } from '../../platform/create.ts';
import { createKeyring, generateKeyMaterial } from '../../platform/crypto/index.ts';
import { CliFailure } from '../../cli/run.ts';
import { registerOffersCommands } from './offer.cli.ts';
import { offersModule } from './index.ts';
import { offerCsv, offerRow, planId } from './testing/offer-rows.ts';

test('operators add, then offers import: accepted files report what changed, rejected ones list every problem and fail', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinga-offers-cli-'));
  const keyring = createKeyring(generateKeyMaterial());
  const config = createTestConfig({ DATABASE_URL: `sqlite:${join(dir, 'kinga.db')}` });
  let output = '';
  const run = async (...args: string[]) => {
    const program = new Command('kinga').exitOverride();
    registerOffersCommands(program, {
      write: (text) => {
        output += text;
      },
      openPlatform: () => createPlatform(config, [offersModule], { keyring, logger: pino({ level: 'silent' }) }),
      closePlatform,
    });
    output = '';
    await program.parseAsync(args, { from: 'user' });
    return output;
  };
  try {
    assert.match(await run('operators', 'add', 'OP-CLI-1', '--name', 'Cli Mobile'), /Added operator OP-CLI-1 \(Cli Mobile\)/);
    await assert.rejects(run('operators', 'add', 'OP-CLI-1', '--name', 'Again'), (e: unknown) => e instanceof CliFailure && /OPERATOR_EXISTS/.test(e.message));

    const good = join(dir, 'good.csv');
    writeFileSync(good, offerCsv([offerRow({ unique_plan_id: 'M1234567890SHORT', operator_id: '' })]));
    await assert.rejects(run('offers', 'import', good, '--operator', 'OP-CLI-1'), (e: unknown) => e instanceof CliFailure && /rejected with 1 problem/.test(e.message));
    assert.match(output, /^line 2, unique_plan_id: The plan id "M1234567890SHORT" does not match/m);
    const lenient = await run('offers', 'import', good, '--operator', 'OP-CLI-1', '--lenient');
    assert.match(lenient, /^warning: line 2, unique_plan_id: .*lenient mode/m);
    assert.match(lenient, /Imported 1 offer\(s\) from .*good\.csv: 1 new plan\(s\), 1 new version\(s\), 0 confirmed unchanged/);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ offers: [{ ...offerRow({ unique_plan_id: planId('M', 1, 'J') }), operator_id: 'OP-CLI-1', typical_latency: '13 Milliseconds', monthly_price: 'NULL' }] }));
    await assert.rejects(run('offers', 'import', bad), (e: unknown) => e instanceof CliFailure && /rejected with 2 problem\(s\); nothing was imported/.test(e.message));
    assert.match(output, /line 1, \/offers\/0\/monthly_price: "NULL" is not allowed/);
    assert.match(output, /line 1, \/offers\/0\/typical_latency: "13 Milliseconds" is not a latency/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
