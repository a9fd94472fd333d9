import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Platform } from '../../../platform/platform.ts';
import { importDump } from '../operator-dumps/dump-import.service.ts';
import { importList } from '../operator-dumps/list-import.service.ts';
import { dumpImportDepsFor, listImportDepsFor } from '../operator-dumps/operator-dumps.wiring.ts';
import { createOperatorDataRepository } from '../operator-dumps/operator-dumps.repository.ts';

/** A fictional counterfeit model on the demo's barred TAC list: any IMEI starting with it checks as blocked. */
export const DEMO_BARRED_TAC = '35999901';

/** The demo operator whose dump the demonstration imports (a fictional operator of the offers demo). */
const DEMO_OPERATOR = 'OP-DEMO-1';

/**
 * Demo operator data: last month's dump of a fictional operator (120 rows, 40 devices, fictional
 * IMSIs and numbers) through the real importer, and small reference lists. Idempotent: nothing
 * is added once a dump or a list upload exists.
 */
export async function seedOperatorDataDemo(platform: Platform): Promise<void> {
  const repository = createOperatorDataRepository(platform.db.kysely);
  const actor = { type: 'system', id: null } as const;
  if ((await repository.listUploads(1)).length === 0) {
    const lists: Array<{ list: 'barred_tac' | 'stolen' | 'registration'; text: string }> = [
      { list: 'barred_tac', text: `tac,reason,source\n${DEMO_BARRED_TAC},counterfeit model (demonstration),type approval\n` },
      { list: 'stolen', text: 'imei,reason,source\n35467811039482,theft (demonstration),police\n' },
      {
        list: 'registration',
        text: `imei,source\n${Array.from({ length: 40 }, (_, i) => `35209900${String(500000 + i)}`).join(',importer declaration\n')},importer declaration\n`,
      },
    ];
    for (const { list, text } of lists)
      await importList(listImportDepsFor(platform), { stream: Readable.from([Buffer.from(text)]), fileName: `demo-${list}.csv`, list, mode: 'full', actor });
  }
  if ((await repository.listDumpImports(null, 1)).length > 0) return;
  const deps = dumpImportDepsFor(platform);
  // Operators are the offers module's; an installation (or a test) without it has none to show.
  const isKnown = await deps.isKnownOperator(DEMO_OPERATOR).catch(() => false);
  if (!isKnown) return;
  const now = platform.clock.now();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const compact = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');
  const fileName = `${DEMO_OPERATOR}_${compact(start)}_${compact(end)}.csv`;
  const rows = Array.from({ length: 120 }, (_, i) => {
    const device = i % 40;
    const day = new Date(start.getTime() + ((i * 7) % end.getUTCDate()) * 86_400_000);
    return `${compact(day)},35209900${String(500000 + device)},63902${String(7000000000 + device)},2547${String(20000000 + device)},${device % 3 === 0 ? '3G' : '4G'}`;
  });
  const dir = await mkdtemp(join(tmpdir(), 'kinga-demo-dump-'));
  try {
    const path = join(dir, fileName);
    await writeFile(path, `date,imei,imsi,msisdn,rat\n${rows.join('\n')}\n`);
    await importDump(deps, { path, fileName, operatorId: DEMO_OPERATOR, actor });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
