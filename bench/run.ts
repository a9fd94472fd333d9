// `npm run bench`: runs every bench/*.bench.ts (or those named: `npm run bench -- http`) and
// prints a table for each. With --check, exits 1 when a ratio is below its aim.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTempDirs, formatRatio, formatTable, readSettings, verdict, type Bench, type BenchRow } from './harness.ts';

const BENCH_DIR = fileURLToPath(new URL('./', import.meta.url));
const args = process.argv.slice(2);
const isCheck = args.includes('--check');
const chosen = args.filter((a) => !a.startsWith('--'));
const settings = readSettings(process.env);
const temp = createTempDirs();
const out = (line = '') => process.stdout.write(`${line}\n`);

function isBench(value: unknown): value is Bench {
  const candidate = value as Partial<Bench> | null;
  return typeof candidate?.name === 'string' && typeof candidate.run === 'function';
}

const files = readdirSync(BENCH_DIR)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
const benches: Bench[] = [];
for (const file of files) {
  const loaded: unknown = (await import(pathToFileURL(`${BENCH_DIR}${file}`).href)).bench;
  if (!isBench(loaded)) throw new Error(`bench/${file} must export \`bench\`, an object with a name and a run function.`);
  if (chosen.length === 0 || chosen.includes(loaded.name)) benches.push(loaded);
}
if (benches.length === 0) {
  out(`No benchmark named ${chosen.join(', ')}; there are: ${files.join(', ')}.`);
  process.exit(1);
}

out(
  `Kinga benchmarks on Node ${process.version}: ${settings.concurrency} concurrent requests, at most ${settings.requests} requests or ${settings.seconds} s per run, ${settings.rounds} rounds.`,
);
const summary: { bench: string; row: BenchRow }[] = [];
let failures = 0;
for (const bench of benches) {
  out('');
  out(`== ${bench.name}: ${bench.description}`);
  const started = performance.now();
  try {
    const rows = await bench.run({ tempDir: (prefix) => temp.make(prefix), note: (line) => out(`   ${line}`), settings });
    out('');
    out(formatTable(rows));
    out(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
    for (const row of rows) summary.push({ bench: bench.name, row });
  } catch (error) {
    failures += 1;
    out(`${bench.name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
temp.removeAll();

const ratios = summary.filter(({ row }) => row.ratio !== undefined && row.aim !== undefined);
out('');
out('== ratios (Kinga / reference; higher is better)');
for (const { bench, row } of ratios)
  out(`   ${bench}: ${row.label}: ${formatRatio(row.ratio ?? Number.NaN)} (aim >= ${formatRatio(row.aim ?? Number.NaN)}) ${verdict(row)}`);
const missed = ratios.filter(({ row }) => verdict(row) !== 'met').length;
if (missed > 0) out(`   ${missed} ratio(s) below aim.`);
process.exit(failures > 0 || (isCheck && missed > 0) ? 1 : 0);
