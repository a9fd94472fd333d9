import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestClock } from '../../../../test/helpers/platform.ts';
import { readsDuring } from '../../../../test/helpers/reads-during.ts';
import { createAuditLog } from '../../../platform/audit/index.ts';
import { createKeyring, generateKeyMaterial } from '../../../platform/crypto/index.ts';
import { platformMigrations } from '../../../platform/db/index.ts';
import { AppError, Invalid } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { devicesMigrations } from '../migrations/index.ts';
import { createTacRepository, type TacRepository } from './tac.repository.ts';
import { importTacFile, settleAbandonedTacImports, STALE_TAC_STAGING_MS, TAC_STAGE_ROWS } from './tac-import.service.ts';

// Issue 13: the TAC database import reads its lines within a bound, stages them in short
// transactions so that other requests keep reading the database, and replaces the table all or
// nothing; what a stopped process left is finished or deleted by the hourly settling.
const databases = openTestDatabases({ ...platformMigrations, ...devicesMigrations });
const HEADER = 'TAC|Manufacturer|Model Name|Bands|Allocation Date|Device Type';
const SYSTEM = { type: 'system', id: null } as const;
type Db = Awaited<ReturnType<(typeof databases.all)[number]['fresh']>>;

function depsFor(db: Db) {
  const clock = createTestClock('2026-12-01T09:00:00Z');
  const ids = () => uuidv7(clock.now().getTime());
  return { repository: createTacRepository(db.kysely), audit: createAuditLog({ clock, ids, keyring: createKeyring(generateKeyMaterial()) }), clock, ids };
}

/** A TAC line of model `model`: TACs from 35000000 up, in order, distinct. */
const tacLine = (i: number, model = 'A') => `${35_000_000 + i}|Acme|${model}${i}|GSM 900,LTE FDD BAND 3|01-Jan-2020|Smartphone`;
/** A TAC database of `rows` lines, TACs `from` to `from + rows - 1`. */
const tacFile = (rows: number, from = 0, model = 'A') => `${HEADER}\n${Array.from({ length: rows }, (_, i) => tacLine(from + i, model)).join('\n')}\n`;
const fromText = (text: string) => Readable.from([Buffer.from(text)]);

/** The model of every TAC stored, in TAC order. */
async function storedModels(db: Db): Promise<string[]> {
  const rows = await db.kysely.selectFrom('device_tacs').select(['tac', 'model']).orderBy('tac').execute();
  return rows.map((r) => `${r.tac}:${r.model}`);
}

async function count(db: Db, table: 'device_tacs' | 'device_tac_imports' | 'device_tac_staging' | 'device_tac_stagings'): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
  return Number(rows[0]?.n ?? 0);
}

/** A repository whose `method` never returns from its `stopAt`th call: the process stopped there. */
function stoppingAt(repository: TacRepository, method: 'stageTacs' | 'publishChunk', stopAt: number) {
  let calls = 0;
  let markStopped = (): void => undefined;
  const stopped = new Promise<void>((resolve) => {
    markStopped = resolve;
  });
  const original = repository[method] as (...args: unknown[]) => Promise<unknown>;
  const stopping: TacRepository = {
    ...repository,
    [method]: async (...args: unknown[]) => {
      calls += 1;
      if (calls < stopAt) return original(...args);
      markStopped();
      return new Promise<never>(() => undefined);
    },
  };
  return { repository: stopping, stopped };
}

for (const database of databases.all) {
  test(`database reads keep being answered while a large TAC database is imported: the slowest takes a small part of the import's time [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    await importTacFile(deps, { stream: fromText(tacFile(10)), fileName: 'first.txt', actor: SYSTEM });
    const text = tacFile(150_000, 0, 'B');
    const during = await readsDuring(
      () => sql`select 1`.execute(db.kysely),
      () => importTacFile(deps, { stream: fromText(text), fileName: 'big.txt', actor: SYSTEM }),
    );
    assert.equal(during.result.rows, 150_000);
    assert.equal(await deps.repository.countTacs(), 150_000);
    assert.equal((await deps.repository.findByTac('35149999'))?.model, 'B149999');
    assert.ok(during.waits.length >= 5, `only ${during.waits.length} reads were answered during a ${during.durationMs.toFixed(0)} ms import`);
    assert.ok(during.slowestMs < during.durationMs / 4, `a read waited ${during.slowestMs.toFixed(0)} ms during a ${during.durationMs.toFixed(0)} ms import`);
  });

  test(`a line longer than 64 KiB is not read: the import stops there naming its line, and changes nothing [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    await importTacFile(deps, { stream: fromText(tacFile(5)), fileName: 'first.txt', actor: SYSTEM });
    const huge = `${HEADER}\n${tacLine(1)}\n${'9'.repeat(3_000_000)}|Acme|X|GSM 900|01-Jan-2020|Smartphone\n${tacLine(2)}\n`;
    await assert.rejects(importTacFile(deps, { stream: fromText(huge), fileName: 'huge.txt', actor: SYSTEM }), (error: unknown) => {
      assert.ok(error instanceof Invalid);
      assert.equal(error.code, 'TAC_FILE_INVALID');
      assert.deepEqual(
        error.problems.map((p) => [p.line, p.field]),
        [[3, 'line']],
      );
      assert.match(error.problems[0]?.message ?? '', /Line 3 is longer than 65,536 characters/);
      return true;
    });
    assert.equal(await deps.repository.countTacs(), 5, 'the earlier import is intact');
    assert.equal(await count(db, 'device_tac_staging'), 0);
    assert.equal(await count(db, 'device_tac_stagings'), 0);
  });

  test(`a file of many bad lines lists the first 100 problems and counts them all [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const bad = `${HEADER}\n${Array.from({ length: 5000 }, (_, i) => `X${i}|Acme|A|GSM 900|01-Jan-2020|Smartphone`).join('\n')}\n`;
    await assert.rejects(importTacFile(deps, { stream: fromText(bad), fileName: 'bad.txt', actor: SYSTEM }), (error: unknown) => {
      assert.ok(error instanceof Invalid);
      assert.equal(error.problems.length, 100);
      assert.deepEqual(
        error.problems.slice(0, 2).map((p) => [p.line, p.field]),
        [
          [2, 'TAC'],
          [3, 'TAC'],
        ],
      );
      assert.match(error.message, /^5000 problem\(s\) in bad\.txt \(the first 100 are listed\); nothing was imported\.$/);
      return true;
    });
  });

  test(`a process that stops while a file is read changes nothing, and the hourly settling deletes what it staged [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    await importTacFile(deps, { stream: fromText(tacFile(300)), fileName: 'first.txt', actor: SYSTEM });
    const before = await storedModels(db);
    const stopping = stoppingAt(deps.repository, 'stageTacs', 3);
    void importTacFile(
      { ...deps, repository: stopping.repository },
      { stream: fromText(tacFile(4 * TAC_STAGE_ROWS, 100, 'B')), fileName: 'second.txt', actor: SYSTEM },
    );
    await stopping.stopped;
    assert.equal(await count(db, 'device_tac_staging'), 2 * TAC_STAGE_ROWS, 'two batches were staged and committed before the stop');
    assert.deepEqual(await storedModels(db), before, 'the TAC database did not change');

    await assert.rejects(importTacFile(deps, { stream: fromText(tacFile(5)), fileName: 'third.txt', actor: SYSTEM }), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'TAC_IMPORT_RUNNING');
      assert.equal(error.status, 409);
      return true;
    });
    assert.deepEqual(await settleAbandonedTacImports(deps), { published: 0, discarded: 0 }, 'an import touched a moment ago may still be alive');
    deps.clock.advance(STALE_TAC_STAGING_MS + 1000);
    assert.deepEqual(await settleAbandonedTacImports(deps), { published: 0, discarded: 1 });
    assert.equal(await count(db, 'device_tac_staging'), 0);
    assert.equal(await count(db, 'device_tac_stagings'), 0);
    assert.deepEqual(await storedModels(db), before);
    assert.equal((await deps.repository.latestImport())?.file_name, 'first.txt');
  });

  test(`an accepted import a process stopped while replacing the table is finished by the hourly settling, exactly as if it had not stopped [${database.dialect}]`, async () => {
    // The new file drops TACs 0 to 99 and the last hundred of the old one, changes the model of the others and adds new ones at the end.
    const oldFile = tacFile(3 * TAC_STAGE_ROWS);
    const newFile = tacFile(4 * TAC_STAGE_ROWS, 100, 'B');
    const whole = await database.fresh();
    const wholeDeps = depsFor(whole);
    await importTacFile(wholeDeps, { stream: fromText(oldFile), fileName: 'first.txt', actor: SYSTEM });
    await importTacFile(wholeDeps, { stream: fromText(newFile), fileName: 'second.txt', actor: SYSTEM });
    const expected = await storedModels(whole);
    assert.equal(expected.length, 4 * TAC_STAGE_ROWS);
    assert.equal(expected[0], '35000100:B100');

    const db = await database.fresh();
    const deps = depsFor(db);
    await importTacFile(deps, { stream: fromText(oldFile), fileName: 'first.txt', actor: SYSTEM });
    const stopping = stoppingAt(deps.repository, 'publishChunk', 3);
    void importTacFile({ ...deps, repository: stopping.repository }, { stream: fromText(newFile), fileName: 'second.txt', actor: SYSTEM });
    await stopping.stopped;
    assert.equal(await deps.repository.isPublishing(), true);
    const half = await storedModels(db);
    assert.ok(
      half.includes('35000100:B100') && half.includes(`${35_000_000 + 3 * TAC_STAGE_ROWS - 1}:A${3 * TAC_STAGE_ROWS - 1}`),
      'the replacement stopped half way, TAC range by TAC range',
    );
    assert.equal((await deps.repository.latestImport())?.file_name, 'first.txt', 'the import is recorded once the table is whole');
    for (const tac of ['35000150', '35010000', '35014000']) assert.ok(await deps.repository.findByTac(tac), `TAC ${tac}, in both files, is found all along`);

    deps.clock.advance(STALE_TAC_STAGING_MS + 1000);
    assert.deepEqual(await settleAbandonedTacImports(deps), { published: 1, discarded: 0 });
    assert.deepEqual(await storedModels(db), expected);
    assert.equal(await deps.repository.isPublishing(), false);
    assert.equal(await count(db, 'device_tac_staging'), 0);
    assert.equal(await count(db, 'device_tac_stagings'), 0);
    const latest = await deps.repository.latestImport();
    assert.equal(latest?.file_name, 'second.txt');
    assert.equal(latest?.row_count, 4 * TAC_STAGE_ROWS);
  });
}
