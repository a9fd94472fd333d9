import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform } from '../../../platform/platform.ts';
import { DEMO_THEFT_REPORTS } from './devices.demo.ts';
import { importDump } from '../operator-dumps/dump-import.service.ts';
import { luhnCheckDigit } from '../imei-check/imei.ts';
import { dumpImportDepsFor } from '../operator-dumps/operator-dumps.wiring.ts';
import { createOperatorDataRepository } from '../operator-dumps/operator-dumps.repository.ts';

/** The second demo operator, whose recent dump shows a stolen phone back on the network and a cloned IMEI. */
export const DEMO_TRACING_OPERATOR = 'OP-DEMO-2';

const STOLEN_KEY = DEMO_THEFT_REPORTS[0].keys[0];
// A cheap feature phone model whose IMEI counterfeiters copy onto many handsets (fictional serial).
const DUPLICATE_KEY = '86734503218816';

/** The demo's reported-stolen IMEI: seen again with a new SIM after the report, so a trace alert exists. */
export const DEMO_TRACED_IMEI = `${STOLEN_KEY}${luhnCheckDigit(STOLEN_KEY)}`;

/** The demo's cloned IMEI: seen with six SIMs in three weeks, more than the profile's duplicate threshold. */
export const DEMO_DUPLICATE_IMEI = `${DUPLICATE_KEY}${luhnCheckDigit(DUPLICATE_KEY)}`;

/** How many SIMs the cloned IMEI is seen with (the demo profile's duplicate threshold is 5). */
const DUPLICATE_SIMS = 6;

/**
 * One row of the demo dump: a day counted back from today, the IMEI, a fictional IMSI of the
 * operator's network (MCC 639, MNC 03), a fictional number and the radio technology.
 */
type DemoRow = { daysAgo: number; imei: string; subscriber: number; rat: '2G' | '4G' };

function demoRows(): DemoRow[] {
  const rows: DemoRow[] = [];
  // Ordinary subscribers, one phone and one SIM each, so the stolen and cloned phones stand among others.
  for (let i = 0; i < 24; i += 1) {
    const tac = i % 2 === 0 ? '86123402' : '86990104';
    const key = `${tac}${String(700100 + i)}`;
    for (const daysAgo of [19 - (i % 5), 11 - (i % 4), 3 - (i % 3)]) rows.push({ daysAgo, imei: key, subscriber: 1000 + i, rat: '4G' });
  }
  const reportedDaysAgo = DEMO_THEFT_REPORTS[0].daysAgo;
  // The owner's own SIM in the phone before it was stolen: no alert, this SIM was there before the report.
  for (const daysAgo of [reportedDaysAgo + 8, reportedDaysAgo + 5, reportedDaysAgo + 2]) rows.push({ daysAgo, imei: STOLEN_KEY, subscriber: 101, rat: '4G' });
  // After the report, another SIM in the same phone: the new user of a stolen phone.
  for (const daysAgo of [6, 4, 2]) rows.push({ daysAgo, imei: STOLEN_KEY, subscriber: 4242, rat: '4G' });
  // One IMEI, several SIMs on different days: copies of one IMEI in several handsets.
  for (let i = 0; i < DUPLICATE_SIMS; i += 1) rows.push({ daysAgo: 18 - i * 3, imei: DUPLICATE_KEY, subscriber: 5500 + i, rat: '2G' });
  return rows;
}

/**
 * The demonstration of tracing and duplicates: a three-week dump of a second operator, through the
 * real importer, in which the demo's reported-stolen phone comes back with a new SIM and one IMEI
 * is seen with more SIMs than the duplicate threshold. The demo's first classification, which runs
 * after it, then raises the trace alert (e-mailed to the reporter and the verifying officer) and
 * puts the cloned IMEI under watch. Idempotent: nothing is added once the operator has a dump.
 */
export async function seedTracingDemo(platform: Platform): Promise<void> {
  const repository = createOperatorDataRepository(platform.db.kysely);
  if ((await repository.listDumpImports(DEMO_TRACING_OPERATOR, 1)).length > 0) return;
  const deps = dumpImportDepsFor(platform);
  // Operators are the offers module's; an installation (or a test) without it has none to show.
  if (!(await deps.isKnownOperator(DEMO_TRACING_OPERATOR).catch(() => false))) return;
  const today = Date.parse(platform.clock.now().toISOString().slice(0, 10));
  const dayOf = (daysAgo: number) => new Date(today - daysAgo * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const rows = demoRows().sort((a, b) => b.daysAgo - a.daysAgo);
  const fileName = `${DEMO_TRACING_OPERATOR}_${dayOf(20)}_${dayOf(1)}.csv`;
  const lines = rows.map((r) => `${dayOf(r.daysAgo)},${r.imei},63903${String(7_000_000_000 + r.subscriber)},2547${String(30_000_000 + r.subscriber)},${r.rat}`);
  const dir = await mkdtemp(join(tmpdir(), 'kinga-demo-dump-'));
  try {
    const path = join(dir, fileName);
    await writeFile(path, `date,imei,imsi,msisdn,rat\n${lines.join('\n')}\n`);
    await importDump(deps, { path, fileName, operatorId: DEMO_TRACING_OPERATOR, actor: { type: 'system', id: null } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
