import { sql, type Insertable, type RawBuilder } from 'kysely';
import { dialectOf, withTransaction, queriesOf, type Executor } from '../../../platform/db/index.ts';
import { dayOfInstant } from '../../../platform/db/instant-sql.ts';
import type { Condition, Dimension } from './classification-rules.ts';
import { addDays } from './classification-rules.ts';
import type { DeviceClassificationRunsTable, DeviceTraceAlertsTable } from './classification.tables.ts';
import '../operator-dumps/operator-dumps.tables.ts';
import '../devices.tables.ts';

/** What a classification run needs to know about one day, beyond the conditions. */
export interface ClassificationDay {
  /** The run's day, `YYYY-MM-DD`: reference lists and reports as of that day count, and periods start and end on it. */
  date: string;
  /**
   * The analysis date, `YYYY-MM-DD`: only operator data as of that day counts, and the windows of the
   * dimensions (allocation lag, duplicate period) end on it, as DIRBS's `compute_analysis_end_date`.
   */
  dataDate: string;
  /** Days a new TAC may take to reach the GSMA database, by reporting body. */
  allocationLagDays: Readonly<Record<string, number>>;
}

/** Per condition: IMEIs matched, newly flagged, and whose period ends. */
export interface ConditionCounts {
  matched: number;
  newlyFlagged: number;
  ended: number;
}

/** A trace alert candidate: a flagged IMEI seen with a SIM new to it. */
export interface TraceCandidate {
  imei_key: string;
  imsi_hash: string;
  operator_id: string;
  seen_on: string;
  report_id: string | null;
}

/** All SQL of the classification engine: set-based, so that it scales with the observations. */
export interface ClassificationRepository {
  readonly executor: Executor;
  inTransaction<T>(work: (repository: ClassificationRepository) => Promise<T>): Promise<T>;
  /** Undoes what runs of `date` and later wrote, so that classifying a day again gives the same state. */
  rollBackFrom(date: string): Promise<void>;
  /** Writes every IMEI known (seen as of the analysis date, listed or reported as of the run's day) into the run's scratch rows; returns how many were seen in operator data. */
  insertUniverse(runId: string, day: ClassificationDay): Promise<number>;
  /** The last day of operator data on or before `day` (DIRBS's default analysis date), or null when there is none. */
  latestDataDay(day: string): Promise<string | null>;
  /** Drops the run's scratch list of IMEIs once every condition has been matched against it. */
  clearUniverse(runId: string): Promise<void>;
  /** Writes the IMEIs that meet `condition` on the day into the run's scratch matches; returns how many. */
  insertMatches(runId: string, condition: Condition, day: ClassificationDay): Promise<number>;
  /** The golden list's keyed hashes current on the day (golden IMEIs are stored hashed only). */
  goldenHashes(date: string): Promise<Set<string>>;
  /** The run's matches of the named conditions, a page at a time, ordered. */
  matchPage(
    runId: string,
    conditionNames: readonly string[],
    after: { condition: string; key: string } | null,
    limit: number,
  ): Promise<{ condition_name: string; imei_key: string }[]>;
  deleteMatches(runId: string, keys: readonly { condition_name: string; imei_key: string }[]): Promise<void>;
  /** Per condition: how many of the run's matches have no open period yet. */
  countNewlyFlagged(runId: string): Promise<Map<string, number>>;
  /** Per condition: how many open periods the run's matches no longer cover. */
  countEnding(runId: string, conditionNames: readonly string[]): Promise<Map<string, number>>;
  /**
   * Ends the open periods of the `applied` conditions that the run did not match, and all those of
   * conditions no longer `configured`; a configured condition not applied (refused by its safety
   * limit) keeps its periods as they were.
   */
  endUnmatched(runId: string, configured: readonly string[], applied: readonly string[], date: string): Promise<void>;
  /** Opens a period for each match without one, with the condition's block date. */
  startNew(runId: string, condition: Condition, date: string): Promise<void>;
  clearMatches(runId: string): Promise<void>;
  insertRun(row: Insertable<DeviceClassificationRunsTable>): Promise<void>;
  latestRun(): Promise<{ id: string; run_date: string; status: string; summary: string; finished_at: string } | undefined>;
  /** Which of these golden hashes are current on the golden list. */
  currentGolden(hashes: readonly string[]): Promise<string[]>;
  /** Reported or blocked IMEIs seen with a SIM new to them since the report or block date. */
  traceCandidates(date: string, blockingNames: readonly string[], networks: Readonly<Record<string, string>>, limit: number): Promise<TraceCandidate[]>;
  insertAlert(row: Insertable<DeviceTraceAlertsTable>): Promise<void>;
  /** Whom a trace alert about a report goes to: the reporter, and the officer who verified it (encrypted). */
  alertContacts(
    reportId: string,
  ): Promise<
    { request_id: string; notify_by: 'email' | 'sms'; email_enc: string; contact_phone_enc: string | null; officer_email_enc: string | null } | undefined
  >;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
// Condition names start with a letter, so this scratch name never meets one.
const UNIVERSE = '*';

/** Builds the repository over a Kysely instance or transaction. */
export function createClassificationRepository(executor: Executor): ClassificationRepository {
  const db = queriesOf(executor);
  const dialect = dialectOf(db);
  const dayOf = (column: string): RawBuilder<string> => dayOfInstant(dialect, sql.ref(column));
  const current = (alias: string, date: string) =>
    sql`${sql.raw(alias)}.start_date <= ${date} and (${sql.raw(alias)}.end_date is null or ${sql.raw(alias)}.end_date > ${date})`;

  const listedOrReported = (date: string) => sql`
    select e.key as imei_key from device_list_entries e where e.list in ('stolen', 'registration', 'barred_imei') and ${current('e', date)}
    union select i.imei_key from device_theft_report_imeis i join device_theft_reports r on r.id = i.report_id
      where r.status = 'verified' and ${dayOf('r.decided_at')} <= ${date}`;

  const stolenKeys = (date: string) => sql`
    select e.key from device_list_entries e where e.list = 'stolen' and ${current('e', date)}
    union select i.imei_key from device_theft_report_imeis i join device_theft_reports r on r.id = i.report_id
      where r.status = 'verified' and ${dayOf('r.decided_at')} <= ${date}
      and not exists (select 1 from device_report_recoveries rr where rr.report_id = r.id and rr.recovered_on <= ${date})`;

  const predicate = (d: Dimension, day: ClassificationDay): RawBuilder<unknown> => {
    const k = sql.raw('u.imei_key');
    const date = day.date;
    const dataDate = day.dataDate;
    switch (d.type) {
      case 'malformed':
        // As DIRBS's malformed_imei.py: a key that is not 14 digits (kept whole from the dump or list).
        return sql`not ${cleanKey(k)}`;
      case 'repeatedDigit':
        // Kinga's addition: a clean key of one digit repeated, which cloned devices carry.
        return sql`(${cleanKey(k)} and replace(${k}, substr(${k}, 1, 1), '') = '')`;
      case 'testTac':
        // GSMA TS.06 test ranges: 00 44, 00 86, 00 91 and 00 10 01 to 00 10 17 (as isTestTac in imei.ts), on a key whose TAC is 8 digits (is_test_tac.py).
        return sql`(length(${stripDigits(sql`substr(${k}, 1, 8)`)}) = 0 and length(${k}) >= 8
          and (substr(${k}, 1, 4) in ('0044', '0086', '0091') or (substr(${k}, 1, 4) = '0010' and substr(${k}, 5, 2) between '01' and '17')))`;
      case 'tacNotFound': {
        const lags = Object.entries(day.allocationLagDays);
        const cases = lags.map(([body, days]) => sql`when ${body} then ${addDays(dataDate, -days)}`);
        // A reporting body without a lag has none, as DIRBS's `COALESCE(delay, 0)` (gsma_not_found.py:139): first seen + lag <= the analysis date.
        const cutoff = cases.length > 0 ? sql`case substr(${k}, 1, 2) ${sql.join(cases, sql` `)} else ${dataDate} end` : sql`${dataDate}`;
        // An IMEI counts only once its first sighting is older than the reporting body's lag: a new TAC may not be published yet.
        return sql`(not exists (select 1 from device_tacs t where t.tac = substr(${k}, 1, 8))
          and exists (select 1 from device_observations o where o.imei_key = ${k} and o.first_seen <= ${cutoff}))`;
      }
      case 'stolen':
        return sql`${k} in (${stolenKeys(date)})`;
      case 'notRegistered':
        return sql`not exists (select 1 from device_list_entries e where e.list = 'registration' and e.key = ${k} and ${current('e', date)})`;
      case 'duplicate':
        // As DIRBS's duplicate_threshold.py: at least `threshold` distinct IMSIs of 14 or 15 digits over the
        // `periodDays` days that end on the analysis date.
        return sql`${k} in (select o.imei_key from device_observations o
          where o.imsi_hash is not null and not o.is_imsi_unclean and o.first_seen <= ${dataDate} and o.last_seen >= ${addDays(dataDate, -d.periodDays + 1)}
          group by o.imei_key having count(distinct o.imsi_hash) >= ${d.threshold})`;
      case 'inconsistentRat': {
        // As DIRBS's inconsistent_rat.py: a generation seen that no TAC of the same model (manufacturer and
        // model name, both given) supports. The bits are those of rat.ts.
        const unsupported = (bit: number, column: 'has_2g' | 'has_3g' | 'has_4g' | 'has_5g') =>
          sql`((o.rat_mask & ${sql.lit(bit)}) <> 0 and not exists (select 1 from device_tacs m where m.manufacturer = t.manufacturer and m.model = t.model and m.${sql.raw(column)}))`;
        return sql`${k} in (select o.imei_key from device_observations o join device_tacs t on t.tac = substr(o.imei_key, 1, 8)
          where o.rat_mask is not null and o.first_seen <= ${dataDate} and t.manufacturer <> '' and t.model <> '' and (
            ${unsupported(1, 'has_2g')} or ${unsupported(2, 'has_3g')} or ${unsupported(4, 'has_4g')} or ${unsupported(8, 'has_5g')}))`;
      }
      case 'barred':
        return sql`(${k} in (select e.key from device_list_entries e where e.list = 'barred_imei' and ${current('e', date)})
          or substr(${k}, 1, 8) in (select e.key from device_list_entries e where e.list = 'barred_tac' and ${current('e', date)}))`;
    }
  };

  const openIn = (names: readonly string[]) => (names.length === 0 ? sql`1 = 0` : sql`s.condition_name in (${sql.join(names)})`);

  const repository: ClassificationRepository = {
    executor: db,
    inTransaction: (work) => withTransaction(db, (tx) => work(createClassificationRepository(tx))),

    async rollBackFrom(date) {
      await db.deleteFrom('device_classification_state').where('start_date', '>=', date).execute();
      await db.updateTable('device_classification_state').set({ end_date: null }).where('end_date', '>=', date).execute();
    },

    async insertMatches(runId, condition, day) {
      const where = sql.join(
        condition.dimensions.map((d) => (d.isInverted ? sql`not (${predicate(d, day)})` : predicate(d, day))),
        sql` and `,
      );
      const result = await sql`insert into device_classification_matches (run_id, condition_name, imei_key)
        select ${runId}, ${condition.name}, u.imei_key from device_classification_matches u
        where u.run_id = ${runId} and u.condition_name = ${UNIVERSE} and ${where}`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    async insertUniverse(runId, day) {
      // Computed once per run: every condition then reads it through the primary key. The IMEIs seen
      // go first, so their count is the run's denominator without a second scan.
      const seen = await sql`insert into device_classification_matches (run_id, condition_name, imei_key)
        select distinct ${runId}, ${UNIVERSE}, o.imei_key from device_observations o where o.first_seen <= ${day.dataDate}`.execute(db);
      await sql`insert into device_classification_matches (run_id, condition_name, imei_key)
        select ${runId}, ${UNIVERSE}, l.imei_key from (${listedOrReported(day.date)}) l
        where not exists (select 1 from device_classification_matches m where m.run_id = ${runId} and m.condition_name = ${UNIVERSE} and m.imei_key = l.imei_key)`.execute(
        db,
      );
      return Number(seen.numAffectedRows ?? 0);
    },

    latestDataDay: (day) => latestDataDay(db, day),

    async clearUniverse(runId) {
      await db.deleteFrom('device_classification_matches').where('run_id', '=', runId).where('condition_name', '=', UNIVERSE).execute();
    },

    async goldenHashes(date) {
      const rows = await db
        .selectFrom('device_list_entries')
        .select('key')
        .where('list', '=', 'golden')
        .where('start_date', '<=', date)
        .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', date)]))
        .execute();
      return new Set(rows.map((r) => r.key));
    },

    matchPage(runId, conditionNames, after, limit) {
      if (conditionNames.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('device_classification_matches')
        .select(['condition_name', 'imei_key'])
        .where('run_id', '=', runId)
        .where('condition_name', 'in', [...conditionNames])
        .$if(after !== null, (q) =>
          q.where((eb) =>
            eb.or([
              eb('condition_name', '>', after?.condition ?? ''),
              eb.and([eb('condition_name', '=', after?.condition ?? ''), eb('imei_key', '>', after?.key ?? '')]),
            ]),
          ),
        )
        .orderBy('condition_name')
        .orderBy('imei_key')
        .limit(limit)
        .execute();
    },

    async deleteMatches(runId, keys) {
      for (const k of keys) {
        await db
          .deleteFrom('device_classification_matches')
          .where('run_id', '=', runId)
          .where('condition_name', '=', k.condition_name)
          .where('imei_key', '=', k.imei_key)
          .execute();
      }
    },

    async countNewlyFlagged(runId) {
      const rows = await sql<{ condition_name: string; n: number | string }>`
        select m.condition_name, count(*) as n from device_classification_matches m
        where m.run_id = ${runId} and not exists (select 1 from device_classification_state s
          where s.imei_key = m.imei_key and s.condition_name = m.condition_name and s.end_date is null)
        group by m.condition_name`.execute(db);
      return new Map(rows.rows.map((r) => [r.condition_name, Number(r.n)]));
    },

    async countEnding(runId, conditionNames) {
      const rows = await sql<{ condition_name: string; n: number | string }>`
        select s.condition_name, count(*) as n from device_classification_state s
        where s.end_date is null and (not (${openIn(conditionNames)}) or not exists (select 1 from device_classification_matches m
          where m.run_id = ${runId} and m.condition_name = s.condition_name and m.imei_key = s.imei_key))
        group by s.condition_name`.execute(db);
      return new Map(rows.rows.map((r) => [r.condition_name, Number(r.n)]));
    },

    async endUnmatched(runId, configured, applied, date) {
      const names = (list: readonly string[]) => (list.length === 0 ? sql`''` : sql.join(list));
      await sql`update device_classification_state set end_date = ${date}
        where end_date is null and (condition_name not in (${names(configured)})
          or (condition_name in (${names(applied)}) and not exists (select 1 from device_classification_matches m
            where m.run_id = ${runId} and m.condition_name = device_classification_state.condition_name and m.imei_key = device_classification_state.imei_key)))`.execute(
        db,
      );
    },

    async startNew(runId, condition, date) {
      const blockDate = condition.isBlocking ? addDays(date, condition.gracePeriodDays) : null;
      await sql`insert into device_classification_state (imei_key, condition_name, start_date, end_date, block_date)
        select m.imei_key, m.condition_name, ${date}, null, ${blockDate} from device_classification_matches m
        where m.run_id = ${runId} and m.condition_name = ${condition.name} and not exists (select 1 from device_classification_state s
          where s.imei_key = m.imei_key and s.condition_name = m.condition_name and s.end_date is null)`.execute(db);
    },

    async clearMatches(runId) {
      await db.deleteFrom('device_classification_matches').where('run_id', '=', runId).execute();
    },

    async insertRun(row) {
      await db.insertInto('device_classification_runs').values(row).execute();
    },

    latestRun() {
      return db
        .selectFrom('device_classification_runs')
        .select(['id', 'run_date', 'status', 'summary', 'finished_at'])
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async currentGolden(hashes) {
      if (hashes.length === 0) return [];
      const rows = await db
        .selectFrom('device_list_entries')
        .select('key')
        .where('list', '=', 'golden')
        .where('end_date', 'is', null)
        .where('key', 'in', [...hashes])
        .execute();
      return rows.map((r) => r.key);
    },

    async traceCandidates(date, blockingNames, networks, limit) {
      const operatorOf = operatorCase('o.home_network', networks);
      const reported = sql`select i.imei_key, r.id as report_id, ${dayOf('r.submitted_at')} as since
        from device_theft_report_imeis i join device_theft_reports r on r.id = i.report_id
        where r.status = 'verified' and not exists (select 1 from device_report_recoveries rr where rr.report_id = r.id)`;
      const blocked = sql`select s.imei_key, null as report_id, min(s.block_date) as since from device_classification_state s
        where ${openIn(blockingNames)} and s.end_date is null and s.block_date <= ${date} group by s.imei_key`;
      const rows = await sql<TraceCandidate>`
        select o.imei_key, o.imsi_hash, min(${operatorOf}) as operator_id, min(o.first_seen) as seen_on, f.report_id
        from device_observations o join (${reported} union all ${blocked}) f on f.imei_key = o.imei_key
        where o.imsi_hash is not null and o.first_seen <= ${date} and o.first_seen >= f.since
          and not exists (select 1 from device_observations p where p.imei_key = o.imei_key and p.imsi_hash = o.imsi_hash and p.first_seen < f.since)
          and not exists (select 1 from device_trace_alerts a where a.imei_key = o.imei_key and a.imsi_hash = o.imsi_hash)
        group by o.imei_key, o.imsi_hash, f.report_id
        order by o.imei_key, o.imsi_hash
        limit ${limit}`.execute(db);
      return rows.rows;
    },

    async insertAlert(row) {
      await db
        .insertInto('device_trace_alerts')
        .values(row)
        .onConflict((oc) => oc.columns(['imei_key', 'imsi_hash']).doNothing())
        .execute();
    },

    alertContacts(reportId) {
      return db
        .selectFrom('device_theft_reports as r')
        .leftJoin('users as u', 'u.id', 'r.decided_by')
        .select(['r.request_id', 'r.notify_by', 'r.email_enc', 'r.contact_phone_enc', 'u.email_enc as officer_email_enc'])
        .where('r.id', '=', reportId)
        .executeTakeFirst();
    },
  };
  return repository;
}

/** A text expression with its digits removed, portably (no regular expressions on SQLite). */
function stripDigits(text: RawBuilder<unknown>): RawBuilder<unknown> {
  return DIGITS.reduce<RawBuilder<unknown>>((inner, digit) => sql`replace(${inner}, ${digit}, '')`, text);
}

/** The last day of operator data on or before `day`, or null when there is none; the classification and the lists both start from it. */
export async function latestDataDay(executor: Executor, day: string): Promise<string | null> {
  const row = await queriesOf(executor)
    .selectFrom('device_observations')
    .select((eb) => eb.fn.max('last_seen').as('day'))
    .where('last_seen', '<=', day)
    .executeTakeFirst();
  return row?.day ?? null;
}

/** Whether an IMEI key is clean, i.e. exactly 14 digits, as SQL (DIRBS's `imei_norm ~ '^\d{14}$'`). */
export function cleanKey(key: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(length(${key}) = 14 and length(${stripDigits(key)}) = 0)`;
}

/**
 * The operator of a home network column as SQL, from the profile's map of MCC+MNC (no dash) to
 * operator id; a network no operator claims gives the operator id that reported the observation.
 */
export function operatorCase(column: string, networks: Readonly<Record<string, string>>): RawBuilder<string> {
  const entries = Object.entries(networks);
  if (entries.length === 0) return sql<string>`o.operator_id`;
  return sql<string>`case ${sql.raw(column)} ${sql.join(
    entries.map(([network, operatorId]) => sql`when ${network} then ${operatorId}`),
    sql` `,
  )} else o.operator_id end`;
}
