import { sql, type Insertable, type RawBuilder } from 'kysely';
import { withTransaction, queriesOf, type Executor } from '../../../platform/db/index.ts';
import type { Condition } from '../classification/classification-rules.ts';
import { addDays } from '../classification/classification-rules.ts';
import { cleanKey, latestDataDay, operatorCase } from '../classification/classification.repository.ts';
import type { DeviceListItemsTable, DeviceListRunsTable } from '../classification/classification.tables.ts';
import '../operator-dumps/operator-dumps.tables.ts';

/** The lists sent to the operators' EIRs. */
export type ListKind = DeviceListItemsTable['list_kind'];

/** One row of a full list or a delta, with the IMSI and MSISDN still encrypted. */
export interface ListRow extends Omit<DeviceListItemsTable, 'run_id' | 'list_kind' | 'operator_id'> {
  change_type?: 'add' | 'remove';
  change_reason?: string;
}

/** What every list of a run leaves out. */
export interface ListScope {
  /** Whether IMEIs whose key is not 14 digits are listed (DIRBS's `output_invalid_imeis`). */
  isInvalidListed: boolean;
  /** Whether the exception lists carry only pairings of IMEIs that are or will be blocked. */
  isExceptionToBlockedOnly: boolean;
  /** Whether the exception lists keep pairings of barred IMEIs and TACs. */
  isBarredExcepted: boolean;
}

/** A stored list run. */
export type ListRunRow = DeviceListRunsTable;

/** All SQL of list generation: each list is one INSERT ... SELECT over the classification state. */
export interface DeviceListRepository {
  readonly executor: Executor;
  inTransaction<T>(work: (repository: DeviceListRepository) => Promise<T>): Promise<T>;
  insertRun(row: Insertable<DeviceListRunsTable>): Promise<void>;
  updateRunSummary(id: string, summary: string): Promise<void>;
  /** The newest run, and the one before it (against which deltas are computed). */
  latestRuns(): Promise<ListRunRow[]>;
  /** Deletes the items of runs older than the two newest, so storage stays at two generations. */
  pruneItems(keepRunIds: readonly string[]): Promise<void>;
  insertBlockList(runId: string, date: string, conditions: readonly Condition[], scope: ListScope): Promise<void>;
  /** Notifications of the run's day `date`, for SIMs seen in the `lookbackDays` days that end on the analysis date `dataDate`. */
  insertNotificationLists(
    runId: string,
    date: string,
    dataDate: string,
    conditions: readonly Condition[],
    networks: Readonly<Record<string, string>>,
    lookbackDays: number,
    scope: ListScope,
  ): Promise<void>;
  /** The last day of operator data on or before `day`, or null when there is none. */
  latestDataDay(day: string): Promise<string | null>;
  /** Each current pairing for the operator of its IMSI's home network, or for every operator (`operators`) when no operator owns it. */
  insertExceptionLists(
    runId: string,
    date: string,
    conditions: readonly Condition[],
    networks: Readonly<Record<string, string>>,
    operators: readonly string[],
    scope: ListScope,
  ): Promise<void>;
  /** Rows per list kind and operator. */
  countItems(runId: string): Promise<{ list_kind: ListKind; operator_id: string; n: number }[]>;
  /** A page of a full list, ordered by IMEI then IMSI hash. */
  fullPage(runId: string, kind: ListKind, operatorId: string, after: { key: string; imsi: string } | null, limit: number): Promise<ListRow[]>;
  /** A page of the delta between two runs: additions, changes (as additions) and removals with their reason. */
  deltaPage(
    runId: string,
    previousRunId: string | null,
    kind: ListKind,
    operatorId: string,
    date: string,
    after: { key: string; imsi: string; change: string } | null,
    limit: number,
  ): Promise<ListRow[]>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createDeviceListRepository(executor: Executor): DeviceListRepository {
  const db = queriesOf(executor);
  /** The operator owning a home network column, or null when no operator claims it. */
  const homeOperator = (column: string, networks: Readonly<Record<string, string>>): RawBuilder<string | null> => {
    const entries = Object.entries(networks);
    if (entries.length === 0) return sql<null>`cast(null as text)`;
    return sql<string | null>`(case ${sql.raw(column)} ${sql.join(
      entries.map(([network, operatorId]) => sql`when ${network} then ${operatorId}`),
      sql` `,
    )} else null end)`;
  };
  const openOn = (date: string) => sql`s.start_date <= ${date} and (s.end_date is null or s.end_date > ${date})`;
  const currentEntry = (alias: string, date: string) =>
    sql`${sql.raw(alias)}.start_date <= ${date} and (${sql.raw(alias)}.end_date is null or ${sql.raw(alias)}.end_date > ${date})`;

  /** Per IMEI: the earliest block date and the reasons of the blocking conditions it meets, in profile order. */
  const blockedImeis = (date: string, conditions: readonly Condition[], isInGrace: boolean): RawBuilder<unknown> => {
    const blocking = conditions.filter((c) => c.isBlocking);
    const names = blocking.length === 0 ? sql`''` : sql.join(blocking.map((c) => c.name));
    // Portable string aggregation: each condition adds its reason once, in a fixed order.
    const reasons =
      blocking.length === 0
        ? sql`''`
        : sql.join(
            blocking.map((c) => sql`max(case when s.condition_name = ${c.name} then ${`${c.reason}|`} else '' end)`),
            sql` || `,
          );
    const window = isInGrace ? sql`s.block_date > ${date}` : sql`s.block_date <= ${date}`;
    return sql`select s.imei_key, min(s.block_date) as block_date, rtrim(${reasons}, '|') as reasons
      from device_classification_state s
      where s.condition_name in (${names}) and s.block_date is not null and ${openOn(date)} and ${window}
      group by s.imei_key`;
  };

  const listed = (column: string, scope: ListScope): RawBuilder<unknown> => (scope.isInvalidListed ? sql`1 = 1` : cleanKey(sql.ref(column)));

  const mappedNetworks = (networks: Readonly<Record<string, string>>) => {
    const codes = Object.keys(networks);
    return codes.length === 0 ? sql`''` : sql.join(codes);
  };

  const repository: DeviceListRepository = {
    executor: db,
    inTransaction: (work) => withTransaction(db, (tx) => work(createDeviceListRepository(tx))),

    async insertRun(row) {
      await db.insertInto('device_list_runs').values(row).execute();
    },

    async updateRunSummary(id, summary) {
      await db.updateTable('device_list_runs').set({ summary }).where('id', '=', id).execute();
    },

    latestRuns() {
      return db.selectFrom('device_list_runs').selectAll().orderBy('generated_at', 'desc').orderBy('id', 'desc').limit(2).execute();
    },

    async pruneItems(keepRunIds) {
      await db
        .deleteFrom('device_list_items')
        .where('run_id', 'not in', [...keepRunIds])
        .execute();
    },

    async insertBlockList(runId, date, conditions, scope) {
      await sql`insert into device_list_items (run_id, list_kind, operator_id, imei_key, imsi_hash, imsi_cipher, msisdn_cipher, block_date, reasons)
        select ${runId}, 'block', '', b.imei_key, '', null, null, b.block_date, b.reasons from (${blockedImeis(date, conditions, false)}) b
        where ${listed('b.imei_key', scope)}`.execute(db);
    },

    async insertNotificationLists(runId, date, dataDate, conditions, networks, lookbackDays, scope) {
      // Each SIM seen lately with an IMEI that will be blocked, routed to the operator of the SIM's home network.
      await sql`insert into device_list_items (run_id, list_kind, operator_id, imei_key, imsi_hash, imsi_cipher, msisdn_cipher, block_date, reasons)
        select ${runId}, 'notification', x.operator_id, x.imei_key, x.imsi_hash, max(x.imsi_cipher), max(x.msisdn_cipher), x.block_date, x.reasons
        from (select ${operatorCase('o.home_network', networks)} as operator_id, b.imei_key, o.imsi_hash, o.imsi_cipher, o.msisdn_cipher, b.block_date, b.reasons
          from (${blockedImeis(date, conditions, true)}) b
          join device_observations o on o.imei_key = b.imei_key
          where o.imsi_hash is not null and o.home_network in (${mappedNetworks(networks)}) and ${listed('b.imei_key', scope)}
            and o.first_seen <= ${dataDate} and o.last_seen >= ${addDays(dataDate, -lookbackDays + 1)}
            and not exists (select 1 from device_list_entries p where p.list = 'pairing' and p.key = b.imei_key and p.imsi_hash = o.imsi_hash and ${currentEntry('p', date)})
        ) x
        group by x.operator_id, x.imei_key, x.imsi_hash, x.block_date, x.reasons`.execute(db);
    },

    async insertExceptionLists(runId, date, conditions, networks, operators, scope) {
      if (operators.length === 0) return;
      const blocking = conditions.filter((c) => c.isBlocking).map((c) => c.name);
      const names = blocking.length === 0 ? sql`''` : sql.join(blocking);
      const filters = [sql`p.list = 'pairing' and ${currentEntry('p', date)} and ${listed('p.key', scope)}`];
      // `exceptionsScope: "blocked"`: only pairings of IMEIs that are or will be blocked, so that fewer IMSIs leave the register.
      if (scope.isExceptionToBlockedOnly)
        filters.push(
          sql`exists (select 1 from device_classification_state s where s.imei_key = p.key and s.condition_name in (${names}) and s.block_date is not null and ${openOn(date)})`,
        );
      // As DIRBS's default, a barred IMEI or TAC is excepted for no SIM.
      if (!scope.isBarredExcepted) {
        filters.push(sql`not exists (select 1 from device_list_entries e where e.list = 'barred_imei' and e.key = p.key and ${currentEntry('e', date)})
          and not exists (select 1 from device_list_entries e where e.list = 'barred_tac' and e.key = substr(p.key, 1, 8) and ${currentEntry('e', date)})`);
      }
      const where = sql.join(filters, sql` and `);
      const everyOperator = sql.join(
        operators.map((operatorId) => sql`select cast(${operatorId} as text) as operator_id`),
        sql` union all `,
      );
      const owner = homeOperator('p.home_network', networks);
      // A pairing is a SIM as well as an IMSI: its row's identity within the list is the IMSI's hash and the MSISDN's.
      await sql`insert into device_list_items (run_id, list_kind, operator_id, imei_key, imsi_hash, imsi_cipher, msisdn_cipher, block_date, reasons)
        select ${runId}, 'exception', op.operator_id, p.key, p.imsi_hash || ':' || coalesce(p.msisdn_hash, ''), p.imsi_cipher, p.msisdn_cipher, null, ''
        from device_list_entries p cross join (${everyOperator}) op
        where ${where} and p.imsi_cipher is not null and (${owner} = op.operator_id or ${owner} is null)`.execute(db);
      // Pairings stored before their IMSI was kept: the IMSI comes from the observations, routed by their home network, as before.
      await sql`insert into device_list_items (run_id, list_kind, operator_id, imei_key, imsi_hash, imsi_cipher, msisdn_cipher, block_date, reasons)
        select ${runId}, 'exception', x.operator_id, x.imei_key, x.imsi_hash || ':', max(x.imsi_cipher), null, null, ''
        from (select ${operatorCase('o.home_network', networks)} as operator_id, p.key as imei_key, p.imsi_hash, o.imsi_cipher
          from device_list_entries p
          join device_observations o on o.imei_key = p.key and o.imsi_hash = p.imsi_hash
          where ${where} and p.imsi_cipher is null and o.home_network in (${mappedNetworks(networks)})
        ) x
        group by x.operator_id, x.imei_key, x.imsi_hash`.execute(db);
    },

    latestDataDay: (day) => latestDataDay(db, day),

    async countItems(runId) {
      const rows = await db
        .selectFrom('device_list_items')
        .select(['list_kind', 'operator_id'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('run_id', '=', runId)
        .groupBy(['list_kind', 'operator_id'])
        .execute();
      return rows.map((r) => ({ ...r, n: Number(r.n) }));
    },

    fullPage(runId, kind, operatorId, after, limit) {
      return db
        .selectFrom('device_list_items')
        .select(['imei_key', 'imsi_hash', 'imsi_cipher', 'msisdn_cipher', 'block_date', 'reasons'])
        .where('run_id', '=', runId)
        .where('list_kind', '=', kind)
        .where('operator_id', '=', operatorId)
        .$if(after !== null, (q) =>
          q.where((eb) =>
            eb.or([eb('imei_key', '>', after?.key ?? ''), eb.and([eb('imei_key', '=', after?.key ?? ''), eb('imsi_hash', '>', after?.imsi ?? '')])]),
          ),
        )
        .orderBy('imei_key')
        .orderBy('imsi_hash')
        .limit(limit)
        .execute();
    },

    async deltaPage(runId, previousRunId, kind, operatorId, date, after, limit) {
      const previous = previousRunId ?? '';
      const same = sql`o.list_kind = n.list_kind and o.operator_id = n.operator_id and o.imei_key = n.imei_key and o.imsi_hash = n.imsi_hash`;
      const added = sql`select n.imei_key, n.imsi_hash, n.imsi_cipher, n.msisdn_cipher, n.block_date, n.reasons, 'add' as change_type,
          case when o.imei_key is null then 'new' else 'updated' end as change_reason
        from device_list_items n left join device_list_items o on o.run_id = ${previous} and ${same}
        where n.run_id = ${runId} and n.list_kind = ${kind} and n.operator_id = ${operatorId}
          and (o.imei_key is null or o.block_date is distinct from n.block_date or o.reasons <> n.reasons)`;
      // Why a row left: the owner recovered the phone, it moved from notification to the block list, a pairing now exempts it, or no condition holds any more.
      const removed = sql`select o.imei_key, o.imsi_hash, o.imsi_cipher, o.msisdn_cipher, o.block_date, o.reasons, 'remove' as change_type,
          case
            when exists (select 1 from device_theft_report_imeis i join device_report_recoveries rr on rr.report_id = i.report_id where i.imei_key = o.imei_key and rr.recovered_on <= ${date}) then 'recovered'
            when o.list_kind = 'notification' and exists (select 1 from device_list_items b where b.run_id = ${runId} and b.list_kind = 'block' and b.imei_key = o.imei_key) then 'blocked'
            when o.list_kind = 'notification' and exists (select 1 from device_list_entries p where p.list = 'pairing' and p.key = o.imei_key and p.imsi_hash = o.imsi_hash and ${currentEntry('p', date)}) then 'paired'
            else 'cleared'
          end as change_reason
        from device_list_items o
        where o.run_id = ${previous} and o.list_kind = ${kind} and o.operator_id = ${operatorId}
          and not exists (select 1 from device_list_items n where n.run_id = ${runId} and ${same})`;
      const resume =
        after === null
          ? sql`1 = 1`
          : sql`(d.imei_key > ${after.key} or (d.imei_key = ${after.key} and (d.imsi_hash > ${after.imsi} or (d.imsi_hash = ${after.imsi} and d.change_type > ${after.change}))))`;
      const rows = await sql<ListRow>`select d.* from (${added} union all ${removed}) d where ${resume}
        order by d.imei_key, d.imsi_hash, d.change_type limit ${limit}`.execute(db);
      return rows.rows;
    },
  };
  return repository;
}
