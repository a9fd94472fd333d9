import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { readsDuring } from '../../../../test/helpers/reads-during.ts';
import { platformMigrations } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { APPLY_CHUNK, importList, MSISDN_HASH_PURPOSE, settleAbandonedListUploads, STALE_LIST_STAGING_MS } from './list-import.service.ts';
import { devicesMigrations } from '../migrations/index.ts';
import { OBSERVATION_CRYPTO } from './dump-import.service.ts';
import type { OperatorDataRepository } from './operator-dumps.repository.ts';
import { DEFAULT_DUMP_SETTINGS } from './operator-dumps.settings.ts';
import { operatorDataDepsFor } from '../testing/operator-data-deps.ts';

// Issue 13: a reference list upload is applied to the list in short transactions, not in one
// (a 300,000-line list held SQLite for 1.8 s to 3 s), and whole even when the process stops.
const databases = openTestDatabases({ ...platformMigrations, ...devicesMigrations });
const SYSTEM = { type: 'system', id: null } as const;
type Db = Awaited<ReturnType<(typeof databases.all)[number]['fresh']>>;

function depsFor(db: Db) {
  return { ...operatorDataDepsFor(db.kysely), threeDigitMncMccs: DEFAULT_DUMP_SETTINGS.threeDigitMncMccs };
}

const imei = (i: number) => `35${String(i).padStart(12, '0')}`;
/** A full stolen list of IMEIs `from` to `from + count - 1`. */
const fullList = (from: number, count: number) => `imei,reason\n${Array.from({ length: count }, (_, i) => `${imei(from + i)},theft`).join('\n')}\n`;
/** The file as a file stream gives it, 64 KiB at a time. */
function chunked(text: string): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 65_536) chunks.push(bytes.subarray(at, at + 65_536));
  return Readable.from(chunks);
}
type ListName = 'stolen' | 'pairing';
/** Uploads `text` as the file `<list>.csv` of `list`. */
const uploadTo = (list: ListName, deps: ReturnType<typeof depsFor>, text: string, mode: 'full' | 'delta' = 'full') =>
  importList(deps, { stream: chunked(text), fileName: `${list}.csv`, list, mode, actor: SYSTEM });
const upload = (deps: ReturnType<typeof depsFor>, text: string, mode: 'full' | 'delta' = 'full') => uploadTo('stolen', deps, text, mode);

const imsi = (i: number) => `63902${String(i).padStart(10, '0')}`;
const msisdn = (i: number, j: number) => `2547${String(i * 10 + j).padStart(8, '0')}`;
/** A DIRBS pairing list (`imei,imsi,msisdn`): for each IMEI `0` to `count - 1`, one IMSI with each MSISDN `j` that `msisdns(i)` names. */
const pairingList = (count: number, msisdns: (i: number) => number[]) =>
  `imei,imsi,msisdn\n${Array.from({ length: count }, (_, i) => msisdns(i).map((j) => `${imei(i)},${imsi(i)},${msisdn(i, j)}`))
    .flat()
    .join('\n')}\n`;

/** Every pairing: key, IMSI and MSISDN as uploaded, start, end, in that order. */
async function pairings(db: Db, deps: ReturnType<typeof depsFor>): Promise<string[]> {
  const rows = await db.kysely.selectFrom('device_list_entries').selectAll().where('list', '=', 'pairing').execute();
  const open = (cipher: string | null, context: string) => (cipher === null ? '-' : deps.keyring.decrypt(cipher, context));
  return rows
    .map((r) => {
      const [imsiText, msisdnText] = [open(r.imsi_cipher, OBSERVATION_CRYPTO.imsiContext), open(r.msisdn_cipher, OBSERVATION_CRYPTO.msisdnContext)];
      // Each hash is the one of the number sealed beside it, so the pairing is found again by key, IMSI and MSISDN.
      assert.equal(r.imsi_hash, deps.keyring.hash(imsiText, OBSERVATION_CRYPTO.imsiHashPurpose));
      assert.equal(r.msisdn_hash, deps.keyring.hash(msisdnText, MSISDN_HASH_PURPOSE));
      return `${r.key} ${imsiText} ${msisdnText} ${r.home_network ?? '-'} ${r.start_date} ${r.end_date ?? '-'}`;
    })
    .sort();
}

/** Every entry of the stolen list: key, start, end, in key and start order. */
async function history(db: Db): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('device_list_entries')
    .select(['key', 'start_date', 'end_date'])
    .where('list', '=', 'stolen')
    .orderBy('key')
    .orderBy('start_date')
    .execute();
  return rows.map((r) => `${r.key} ${r.start_date} ${r.end_date ?? '-'}`);
}

async function count(db: Db, table: 'device_list_staging' | 'device_list_stagings' | 'device_list_uploads' | 'audit_log'): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
  return Number(rows[0]?.n ?? 0);
}

/** A repository whose `applyListChunk` never returns from its `stopAt`th call: the process stopped there. */
function stoppingAt(repository: OperatorDataRepository, stopAt: number) {
  let calls = 0;
  let markStopped = (): void => undefined;
  const stopped = new Promise<void>((resolve) => {
    markStopped = resolve;
  });
  const stopping: OperatorDataRepository = {
    ...repository,
    applyListChunk: async (...args) => {
      calls += 1;
      if (calls < stopAt) return repository.applyListChunk(...args);
      markStopped();
      return new Promise<never>(() => undefined);
    },
  };
  return { repository: stopping, stopped };
}

/** A fresh database whose `list` is `first` since 2026-12-01, and the full list `second` uploaded over it on 2026-12-05. */
async function replaced(database: (typeof databases.all)[number], list: ListName, first: string, second: string) {
  const db = await database.fresh();
  const deps = depsFor(db);
  const firstResult = await uploadTo(list, deps, first);
  deps.clock.set('2026-12-05T09:00:00Z');
  return { db, deps, firstResult, result: await uploadTo(list, deps, second) };
}

/** As {@link replaced}, but the process stopped at the `stopAt`th chunk of `second` it applied. */
async function stoppedReplacing(database: (typeof databases.all)[number], list: ListName, first: string, second: string, stopAt: number) {
  const db = await database.fresh();
  const deps = depsFor(db);
  await uploadTo(list, deps, first);
  deps.clock.set('2026-12-05T09:00:00Z');
  const stopping = stoppingAt(deps.repository, stopAt);
  void uploadTo(list, { ...deps, repository: stopping.repository }, second);
  await stopping.stopped;
  return { db, deps };
}

for (const database of databases.all) {
  test(`database reads keep being answered while a large list replaces the current one: the slowest takes a small part of the upload's time [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    await upload(deps, fullList(0, 300_000));
    deps.clock.set('2026-12-05T09:00:00Z');
    const text = fullList(150_000, 300_000);
    const during = await readsDuring(
      () => sql`select 1`.execute(db.kysely),
      () => upload(deps, text),
    );
    assert.deepEqual([during.result.added, during.result.removed], [150_000, 150_000]);
    assert.ok(during.waits.length >= 5, `only ${during.waits.length} reads were answered during a ${during.durationMs.toFixed(0)} ms upload`);
    // Applied in one transaction, the list held the database for about a fifth of the upload.
    assert.ok(during.slowestMs < during.durationMs / 10, `a read waited ${during.slowestMs.toFixed(0)} ms during a ${during.durationMs.toFixed(0)} ms upload`);
  });

  test(`an accepted upload a process stopped while applying it is finished by the hourly settling, exactly as if it had not stopped; meanwhile the list takes no other upload [${database.dialect}]`, async () => {
    const first = fullList(0, 3 * APPLY_CHUNK);
    const second = fullList(APPLY_CHUNK, 3 * APPLY_CHUNK);
    const whole = await replaced(database, 'stolen', first, second);
    assert.deepEqual([whole.result.added, whole.result.removed], [APPLY_CHUNK, APPLY_CHUNK]);
    const expected = await history(whole.db);

    const { db, deps } = await stoppedReplacing(database, 'stolen', first, second, 3);
    assert.equal(await deps.repository.isAnyListApplying(), true);
    const half = await history(db);
    assert.ok(half.filter((h) => h.endsWith(' 2026-12-05')).length > 0 && half.length < expected.length, 'the upload stopped half applied');
    assert.equal(await count(db, 'device_list_uploads'), 1, 'only the first upload is recorded');
    await assert.rejects(
      upload(deps, fullList(0, 10)),
      (error: unknown) => error instanceof AppError && error.code === 'DEVICE_LIST_BUSY' && error.status === 409,
    );

    assert.equal(await count(db, 'device_list_stagings'), 1, 'the refused upload left nothing staged');
    assert.deepEqual(await settleAbandonedListUploads(deps), { applied: 0, discarded: 0 }, 'the upload being applied moved a moment ago');
    deps.clock.advance(STALE_LIST_STAGING_MS + 1000);
    assert.deepEqual(await settleAbandonedListUploads(deps), { applied: 1, discarded: 0 });
    assert.deepEqual(await history(db), expected);
    assert.equal(await deps.repository.isAnyListApplying(), false);
    assert.equal(await count(db, 'device_list_staging'), 0);
    assert.equal(await count(db, 'device_list_stagings'), 0);
    const recorded = await db.kysely
      .selectFrom('device_list_uploads')
      .select(['added', 'removed', 'row_count'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual([recorded.added, recorded.removed, recorded.row_count], [APPLY_CHUNK, APPLY_CHUNK, 3 * APPLY_CHUNK]);
    const audit = await db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'devices.list.uploaded').execute();
    assert.equal(audit.length, 2, 'each recorded upload has its audit record, once');
  });

  test(`a delta larger than one chunk ends and starts the entries it names across chunks [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    await upload(deps, fullList(0, 2 * APPLY_CHUNK));
    deps.clock.set('2026-12-05T09:00:00Z');
    // Removes every other IMEI of the list, and adds as many new ones.
    const lines = ['imei,change_type'];
    for (let i = 0; i < 2 * APPLY_CHUNK; i += 2) lines.push(`${imei(i)},remove`);
    for (let i = 0; i < APPLY_CHUNK; i += 1) lines.push(`${imei(10 * APPLY_CHUNK + i)},add`);
    const result = await upload(deps, `${lines.join('\n')}\n`, 'delta');
    assert.deepEqual([result.added, result.removed], [APPLY_CHUNK, APPLY_CHUNK]);
    const current = await db.kysely
      .selectFrom('device_list_entries')
      .select('key')
      .where('list', '=', 'stolen')
      .where('end_date', 'is', null)
      .orderBy('key')
      .execute();
    assert.equal(current.length, 2 * APPLY_CHUNK);
    assert.equal(current[0]?.key, imei(1));
    assert.equal(current[current.length - 1]?.key, imei(11 * APPLY_CHUNK - 1));
  });

  // A pairing is an IMEI, an IMSI and an MSISDN, as DIRBS-Core keys it (src/dirbs/importer/pairing_list_importer.py,
  // primary key imei_norm, imsi, msisdn): the chunks follow that order, so a chunk may end between two MSISDNs
  // of one IMEI and IMSI, and each chunk writes what a pairing stores (the sealed IMSI and MSISDN, their hashes, the home network).
  test(`a pairing list of several MSISDNs per IMEI and IMSI, over many chunks, ends and starts each pairing by its MSISDN too, whole when the process stopped [${database.dialect}]`, async () => {
    // Three MSISDNs per IMEI and IMSI, so chunk edges fall between two MSISDNs of one IMEI and IMSI.
    const first = pairingList(APPLY_CHUNK, () => [0, 1, 2]);
    // The third MSISDN leaves every pairing; every other IMEI and IMSI gains a fourth.
    const second = pairingList(APPLY_CHUNK, (i) => (i % 2 === 0 ? [0, 1, 3] : [0, 1]));
    const whole = await replaced(database, 'pairing', first, second);
    assert.deepEqual([whole.firstResult.added, whole.firstResult.removed], [3 * APPLY_CHUNK, 0]);
    assert.deepEqual([whole.result.added, whole.result.removed], [APPLY_CHUNK / 2, APPLY_CHUNK]);
    const expected = await pairings(whole.db, whole.deps);
    assert.equal(expected.length, 3 * APPLY_CHUNK + APPLY_CHUNK / 2);
    assert.ok(expected.includes(`${imei(0)} ${imsi(0)} ${msisdn(0, 2)} 63902 2026-12-01 2026-12-05`));
    assert.ok(expected.includes(`${imei(0)} ${imsi(0)} ${msisdn(0, 3)} 63902 2026-12-05 -`));
    assert.ok(expected.includes(`${imei(1)} ${imsi(1)} ${msisdn(1, 1)} 63902 2026-12-01 -`));

    // Three chunks end entries, one moves to the starts, the second chunk of starts never returns.
    const { db, deps } = await stoppedReplacing(database, 'pairing', first, second, 6);
    deps.clock.advance(STALE_LIST_STAGING_MS + 1000);
    assert.deepEqual(await settleAbandonedListUploads(deps), { applied: 1, discarded: 0 });
    assert.deepEqual(await pairings(db, deps), expected);
    const recorded = await db.kysely.selectFrom('device_list_uploads').select(['added', 'removed']).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual([recorded.added, recorded.removed], [APPLY_CHUNK / 2, APPLY_CHUNK]);

    // A delta removing the second MSISDN of every IMEI and IMSI ends those pairings only, over several chunks.
    deps.clock.set('2026-12-08T09:00:00Z');
    const removals = `imei,imsi,msisdn,change_type\n${Array.from({ length: APPLY_CHUNK }, (_, i) => `${imei(i)},${imsi(i)},${msisdn(i, 1)},remove`).join('\n')}\n`;
    const delta = await uploadTo('pairing', deps, removals, 'delta');
    assert.deepEqual([delta.added, delta.removed], [0, APPLY_CHUNK]);
    const current = (await pairings(db, deps)).filter((line) => line.endsWith(' -'));
    assert.equal(current.length, APPLY_CHUNK + APPLY_CHUNK / 2);
    assert.ok(
      current.every((line) => / 2547\d{7}[03] /.test(line)),
      'only the first and fourth MSISDNs are left',
    );
  });
}
