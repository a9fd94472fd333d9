import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import { dialectOf, queriesOf, type Executor } from '../../../platform/db/index.ts';
import { dayOfInstant } from '../../../platform/db/instant-sql.ts';
import type { TacRow } from '../tac-database/tac.repository.ts';
import '../classification/classification.tables.ts';
import '../operator-dumps/operator-dumps.tables.ts';
import '../devices.tables.ts';

/**
 * One list row about a checked IMEI: a current period of a classification condition (`kind`
 * 'state'), or "reported stolen" (`kind` 'stolen', `start_date` the day since): the stolen list,
 * and verified reports not recovered.
 */
export interface CheckSignalRow {
  kind: 'state' | 'stolen';
  imei_key: string;
  /** The condition of a state; null for 'stolen'. */
  condition_name: string | null;
  start_date: string;
  block_date: string | null;
}

/** The columns of a TAC row a check shows: the device, never the file it came from. */
export const CHECKED_DEVICE_COLUMNS = [
  'tac',
  'brand',
  'model',
  'marketing_name',
  'device_type',
  'device_class',
  'has_2g',
  'has_3g',
  'has_4g',
  'has_5g',
  'allocation_date',
  'reporting_body',
] as const;

/** A device as the check reads it from the TAC database. */
export type CheckedDevice = Pick<TacRow, (typeof CHECKED_DEVICE_COLUMNS)[number]>;

/** Everything a check reads about its IMEIs. */
export interface CheckReads {
  /** The TAC database's rows of the TACs asked that it holds. */
  devices: CheckedDevice[];
  /** For each TAC asked that is on the barred TAC list, the day it was barred. */
  barredSince: Map<string, string>;
  /** The list rows about the IMEI keys asked. */
  signals: CheckSignalRow[];
}

/** The reads of the IMEI check. */
export interface ImeiCheckRepository {
  /**
   * Reads the TAC rows, barred TACs and list rows of the TACs and IMEI keys asked. One TAC and one
   * key, a consumer's check, take one statement: on SQLite every statement outside a transaction
   * locks and unlocks the file, and that costs more than the reads themselves.
   */
  read(tacs: readonly string[], keys: readonly string[]): Promise<CheckReads>;
}

// Under SQLite's 32,766 bound parameters and PostgreSQL's 65,535 for `in (...)`; a key appears
// three times in the list rows' statement.
const LOOKUP_CHUNK = 5000;

// Stand-ins compiled into the one-IMEI statement; each is replaced by the value asked.
const TAC_SLOT = '\u0000tac';
const KEY_SLOT = '\u0000key';

/**
 * One row of the one-IMEI statement: the device's columns (all null when the TAC is unknown, which
 * a null `tac` tells), and one list row or barred TAC entry (null when none).
 */
type OneImeiRow = Omit<CheckedDevice, 'tac'> & {
  tac: string | null;
  /** A list row, or 'barred' for an entry of the barred TAC list (`signal_start` its day). */
  signal_kind: CheckSignalRow['kind'] | 'barred' | null;
  signal_key: string | null;
  signal_condition: string | null;
  signal_start: string | null;
  signal_block: string | null;
};

/** Keeps the earliest day for `tac`: a TAC barred twice over (two open entries) is barred since the first. */
function keepEarliest(days: Map<string, string>, tac: string, day: string): void {
  const known = days.get(tac);
  if (known === undefined || day < known) days.set(tac, day);
}

/** Builds the check's repository over a Kysely instance. */
export function createImeiCheckRepository(executor: Executor): ImeiCheckRepository {
  const db = queriesOf(executor);
  const dayOf = (column: string): RawBuilder<string> => dayOfInstant(dialectOf(db), sql.ref(column));

  // From the IMEI's few report lines to their reports: `cross join` keeps SQLite from starting at
  // every verified report instead (PostgreSQL plans it as any join).
  const signalsOf = (keys: RawBuilder<unknown>) => sql<CheckSignalRow>`
    select 'state' as kind, s.imei_key, s.condition_name, s.start_date, s.block_date from device_classification_state s
      where s.imei_key in (${keys}) and s.end_date is null
    union all select 'stolen', e.key, null, e.start_date, null from device_list_entries e
      where e.list = 'stolen' and e.end_date is null and e.key in (${keys})
    union all select 'stolen', i.imei_key, null, ${dayOf('r.submitted_at')}, null from device_theft_report_imeis i cross join device_theft_reports r
      where r.id = i.report_id and r.status = 'verified' and i.imei_key in (${keys})
      and not exists (select 1 from device_report_recoveries rr where rr.report_id = r.id)`;

  const devicesOf = (tacs: readonly string[]) => db.selectFrom('device_tacs').select(CHECKED_DEVICE_COLUMNS).where('tac', 'in', tacs);
  const barredOf = (tacs: readonly string[]) =>
    db
      .selectFrom('device_list_entries')
      .select(['key', 'start_date'])
      .where('list', '=', sql.lit('barred_tac'))
      .where('end_date', 'is', null)
      .where('key', 'in', tacs);

  // The consumer check runs this on every request: one row per list row or barred TAC entry (one
  // row with empty list columns when there is none), each carrying the device's columns. Compiled
  // on the first check, not for every repository a transaction makes.
  let oneImei: CompiledQuery<OneImeiRow> | undefined;
  const compileOneImei = () => {
    const tac = sql`${TAC_SLOT}`;
    const columns = sql.join(CHECKED_DEVICE_COLUMNS.map((c) => sql.ref(`t.${c}`)));
    return sql<OneImeiRow>`
      select ${columns},
        x.kind as signal_kind, x.imei_key as signal_key, x.condition_name as signal_condition, x.start_date as signal_start, x.block_date as signal_block
      from (select 1 as one) asked
      left join device_tacs t on t.tac = ${tac}
      left join (${signalsOf(sql`${KEY_SLOT}`)}
        union all select 'barred', b.key, null, b.start_date, null from device_list_entries b
          where b.list = 'barred_tac' and b.end_date is null and b.key in (${tac})) x on true`.compile(db);
  };

  const readOne = async (tac: string, key: string): Promise<CheckReads> => {
    oneImei ??= compileOneImei();
    const parameters = oneImei.parameters.map((p) => (p === TAC_SLOT ? tac : key));
    const { rows } = await db.executeQuery<OneImeiRow>({ ...oneImei, parameters });
    const reads: CheckReads = { devices: [], barredSince: new Map(), signals: [] };
    const r = rows[0];
    if (r === undefined) return reads;
    // Built property by property: a copy of the row without its other columns costs several times more.
    if (r.tac !== null) {
      reads.devices.push({
        tac: r.tac,
        brand: r.brand,
        model: r.model,
        marketing_name: r.marketing_name,
        device_type: r.device_type,
        device_class: r.device_class,
        has_2g: r.has_2g,
        has_3g: r.has_3g,
        has_4g: r.has_4g,
        has_5g: r.has_5g,
        allocation_date: r.allocation_date,
        reporting_body: r.reporting_body,
      });
    }
    for (const row of rows) {
      if (row.signal_kind === null || row.signal_key === null || row.signal_start === null) continue;
      if (row.signal_kind === 'barred') {
        keepEarliest(reads.barredSince, tac, row.signal_start);
        continue;
      }
      reads.signals.push({
        kind: row.signal_kind,
        imei_key: row.signal_key,
        condition_name: row.signal_condition,
        start_date: row.signal_start,
        block_date: row.signal_block,
      });
    }
    return reads;
  };

  const readMany = async (tacs: readonly string[], keys: readonly string[]): Promise<CheckReads> => {
    const devices: CheckedDevice[] = [];
    const barredSince = new Map<string, string>();
    const signals: CheckSignalRow[] = [];
    const uniqueTacs = [...new Set(tacs)];
    const uniqueKeys = [...new Set(keys)];
    for (let i = 0; i < uniqueTacs.length; i += LOOKUP_CHUNK) {
      const chunk = uniqueTacs.slice(i, i + LOOKUP_CHUNK);
      const [rows, barred] = await Promise.all([devicesOf(chunk).execute(), barredOf(chunk).execute()]);
      devices.push(...rows);
      for (const b of barred) keepEarliest(barredSince, b.key, b.start_date);
    }
    for (let i = 0; i < uniqueKeys.length; i += LOOKUP_CHUNK) {
      const chunk = uniqueKeys.slice(i, i + LOOKUP_CHUNK);
      signals.push(...(await signalsOf(sql.join(chunk)).execute(db)).rows);
    }
    return { devices, barredSince, signals };
  };

  return {
    read(tacs, keys) {
      const tac = tacs[0];
      const key = keys[0];
      if (tacs.length === 1 && keys.length === 1 && tac !== undefined && key !== undefined) return readOne(tac, key);
      return readMany(tacs, keys);
    },
  };
}
