import { Readable } from 'node:stream';
import pino from 'pino';
import { sql } from 'kysely';
import { closePlatform, createPlatform } from '../src/platform/create.ts';
import type { Platform } from '../src/platform/platform.ts';
import { createKeyring, generateKeyMaterial } from '../src/platform/crypto/index.ts';
import { devicesModule } from '../src/modules/devices/index.ts';
import { importTacFile } from '../src/modules/devices/tac-database/tac-import.service.ts';
import { createTacRepository } from '../src/modules/devices/tac-database/tac.repository.ts';
import { DEMO_TAC_FILE } from '../src/modules/devices/demo/devices.demo.ts';
import { createDevicesClassificationService, createDevicesListService } from '../src/modules/devices/devices.wiring.tsx';
import { benchConfig, type Bench, type BenchContext, type BenchRow } from './harness.ts';

// BENCH_CLASSIFY_ROWS: observations generated (default 1,000,000: a month of dumps of a small network).
const ROWS = Number(process.env['BENCH_CLASSIFY_ROWS']) > 0 ? Number(process.env['BENCH_CLASSIFY_ROWS']) : 1_000_000;
// BENCH_CLASSIFY_PG_URL: also measure on this PostgreSQL database (it is emptied first).
const PG_URL = process.env['BENCH_CLASSIFY_PG_URL'];
const TACS = ['35209900', '35467811', '86123402', '86734503', '35655011', '35331207', '86990104'];

/**
 * Writes `rows` observations in bulk with one INSERT ... SELECT over a generated series, as an
 * import would leave them but without encryption (classification reads only keys, hashes,
 * networks, technologies and dates). Five rows per IMEI: two SIMs each, except 1 % of IMEIs cloned
 * over five SIMs; 1 % of IMEIs carry an unknown TAC; 0.1 % are on the stolen list.
 */
async function generate(platform: Platform, rows: number): Promise<number> {
  const db = platform.db.kysely;
  const pad = (expression: ReturnType<typeof sql>, width: number) =>
    sql`substr(${sql.raw(`'${'0'.repeat(width)}'`)} || ${expression}, length(${sql.raw(`'${'0'.repeat(width)}'`)} || ${expression}) - ${width - 1}, ${width})`;
  const tacCase = sql.join(
    TACS.map((tac, i) => sql`when ${sql.raw(String(i))} then ${tac}`),
    sql` `,
  );
  await db.transaction().execute(async (trx) => {
    await sql`insert into device_observations (id, observation_key, imei_key, imsi_cipher, msisdn_cipher, imsi_hash, home_network, rat_mask, operator_id, first_seen, last_seen, import_id)
      with recursive series(i) as (select 1 union all select i + 1 from series where i < ${rows})
      select 'o' || i, 'k' || i,
        (case when (i / 5) % 100 = 7 then '3599' || ${pad(sql`((i / 5) % 10000)`, 4)} else (case (i / 5) % ${sql.raw(String(TACS.length))} ${tacCase} end) end) || ${pad(sql`(i / 5)`, 6)},
        null, null,
        'h' || (case when (i / 5) % 100 = 13 then i else (i / 5) * 10 + i % 2 end),
        (case i % 4 when 0 then '63902' when 1 then '63903' when 2 then '63907' else '63910' end),
        (case when i % 200 = 0 then 2 else 1 end),
        'OP-DEMO-1', '2026-11-' || ${pad(sql`(1 + i % 28)`, 2)}, '2026-11-30', 'bench'
      from series`.execute(trx);
    await sql`insert into device_list_entries (id, list, key, imsi_hash, reason, source, start_date, end_date, upload_id, ended_by_upload_id)
      select 'e' || imei_key, 'stolen', imei_key, null, null, 'bench', '2026-11-15', null, 'bench', null
      from (select distinct imei_key from device_observations where substr(imei_key, 12, 3) = '999') s`.execute(trx);
  });
  return Math.floor(rows / 5) + 1;
}

const perSecond = (count: number, seconds: number) => `${Math.round(count / seconds).toLocaleString('en')}/s (${seconds.toFixed(1)} s)`;

async function measure(context: BenchContext, label: string, env: Record<string, string>): Promise<BenchRow[]> {
  const dir = context.tempDir('classification');
  const config = benchConfig(dir, { KINGA_CLOCK: '2026-12-01T03:00:00Z', ...env });
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));
  const platform = await createPlatform(config, [devicesModule], { logger, keyring: createKeyring(generateKeyMaterial()) });
  try {
    await sql`delete from device_observations`.execute(platform.db.kysely);
    await sql`delete from device_list_entries`.execute(platform.db.kysely);
    await sql`delete from device_classification_state`.execute(platform.db.kysely);
    const tacs = createTacRepository(platform.db.kysely);
    if ((await tacs.countTacs()) === 0) {
      await importTacFile(
        { repository: tacs, audit: platform.audit, clock: platform.clock, ids: platform.ids },
        { stream: Readable.from([Buffer.from(DEMO_TAC_FILE)]), fileName: 'demo.txt', actor: { type: 'system', id: null } },
      );
    }
    const started = performance.now();
    const imeis = await generate(platform, ROWS);
    const insertSeconds = (performance.now() - started) / 1000;
    const classification = createDevicesClassificationService(platform);
    const first = performance.now();
    const summary = await classification.classify();
    const firstSeconds = (performance.now() - first) / 1000;
    const second = performance.now();
    await classification.classify();
    const secondSeconds = (performance.now() - second) / 1000;
    const lists = performance.now();
    await createDevicesListService(platform).generateLists();
    const listSeconds = (performance.now() - lists) / 1000;
    const flagged = Object.entries(summary.conditions)
      .map(([name, c]) => `${name} ${c.matched}`)
      .join(', ');
    context.note(`classification (${label}): ${ROWS} observations, ${imeis} IMEIs; flagged: ${flagged}`);
    return [
      { label: `${label}: bulk insert of ${ROWS.toLocaleString('en')} observations`, value: `${perSecond(ROWS, insertSeconds)} rows` },
      { label: `${label}: first classification (${imeis.toLocaleString('en')} IMEIs)`, value: `${perSecond(ROWS, firstSeconds)} observations` },
      { label: `${label}: same day again (state unchanged)`, value: `${perSecond(ROWS, secondSeconds)} observations` },
      { label: `${label}: list generation`, value: `${listSeconds.toFixed(1)} s` },
    ];
  } finally {
    await closePlatform(platform);
  }
}

/** Classification throughput over a generated observation set, on SQLite and optionally PostgreSQL. */
export const bench: Bench = {
  name: 'classification',
  description: `Classification of ${ROWS.toLocaleString('en')} generated observations with the demo profile's conditions: observations classified per second, on SQLite${PG_URL ? ' and PostgreSQL' : ''}.`,
  async run(context) {
    const rows = await measure(context, 'SQLite', {});
    if (PG_URL) rows.push(...(await measure(context, 'PostgreSQL', { DATABASE_URL: PG_URL })));
    return rows;
  },
};
