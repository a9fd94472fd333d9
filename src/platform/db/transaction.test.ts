import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import type { Database } from './database.ts';
import { queriesOf, transactionOf, withTransaction } from './transaction.ts';

const databases = openTestDatabases();

const insert = (db: Kysely<Database>, n: number) => sql`insert into tx_probe (n) values (${n})`.execute(db);
const stored = async (db: Kysely<Database>) => (await sql<{ n: number }>`select n from tx_probe order by n`.execute(db)).rows.map((r) => Number(r.n));

for (const database of databases.all) {
  test(`commits what the work wrote and returns its result [${database.dialect}]`, async () => {
    const db = await database.fresh();
    await sql`create table tx_probe (n integer primary key)`.execute(db.kysely);
    const result = await withTransaction(db.kysely, async (tx) => {
      assert.equal(tx.isTransaction, true);
      await insert(tx, 1);
      await insert(tx, 2);
      return 'done';
    });
    assert.equal(result, 'done');
    assert.deepEqual(await stored(db.kysely), [1, 2]);
    await sql`drop table tx_probe`.execute(db.kysely);
  });

  test(`rolls back everything the work wrote when it throws, and rethrows [${database.dialect}]`, async () => {
    const db = await database.fresh();
    await sql`create table tx_probe (n integer primary key)`.execute(db.kysely);
    await insert(db.kysely, 1);
    await assert.rejects(
      withTransaction(db.kysely, async (tx) => {
        await insert(tx, 2);
        await insert(tx, 3);
        throw new Error('refused');
      }),
      /refused/,
    );
    assert.deepEqual(await stored(db.kysely), [1]);
    await sql`drop table tx_probe`.execute(db.kysely);
  });

  test(`joins a transaction already open: a throw inside rolls back the outer work too [${database.dialect}]`, async () => {
    const db = await database.fresh();
    await sql`create table tx_probe (n integer primary key)`.execute(db.kysely);
    await withTransaction(db.kysely, async (outer) => {
      await insert(outer, 1);
      await withTransaction(outer, async (inner) => {
        assert.equal(inner, outer);
        await insert(inner, 2);
      });
    });
    assert.deepEqual(await stored(db.kysely), [1, 2]);
    await assert.rejects(
      withTransaction(db.kysely, async (outer) => {
        await insert(outer, 3);
        await withTransaction(outer, async (inner) => {
          await insert(inner, 4);
          throw new Error('inner refused');
        });
      }),
      /inner refused/,
    );
    assert.deepEqual(await stored(db.kysely), [1, 2]);
    await sql`drop table tx_probe`.execute(db.kysely);
  });
}

for (const database of databases.all) {
  test(`a service's opaque transaction cannot be queried, and what is written through it commits with the work [${database.dialect}]`, async () => {
    const db = await database.fresh();
    await sql`create table tx_probe (n integer primary key)`.execute(db.kysely);
    await assert.rejects(
      withTransaction(db.kysely, async (trx) => {
        const tx = transactionOf(trx);
        // @ts-expect-error a service holds the handle only to pass it on
        assert.equal(typeof tx.selectFrom, 'function');
        await insert(queriesOf(tx), 7);
        throw new Error('the work failed');
      }),
      /the work failed/,
    );
    assert.deepEqual(await stored(db.kysely), []);
    await sql`drop table tx_probe`.execute(db.kysely);
  });
}
