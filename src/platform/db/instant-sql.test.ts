import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { columnTypes } from './database.ts';
import { dayOfInstant, monthOfInstant } from './instant-sql.ts';

const databases = openTestDatabases();

for (const database of databases.all) {
  test(`instants are grouped by their UTC month, whatever the session's time zone [${database.dialect}]`, async () => {
    const db = (await database.fresh()).kysely.withTables<{ instant_sql_test: { at: string } }>();
    await db.schema
      .createTable('instant_sql_test')
      .addColumn('at', columnTypes(database.dialect).timestamp, (c) => c.notNull())
      .execute();
    // 20:30 UTC on 31 October is already 1 November at UTC+14.
    await db
      .insertInto('instant_sql_test')
      .values([{ at: '2026-10-01T00:00:00.000Z' }, { at: '2026-10-31T20:30:00.000Z' }, { at: '2026-11-01T00:00:00.000Z' }])
      .execute();
    const month = monthOfInstant(database.dialect, sql.ref('at'));
    const rows = await db.connection().execute(async (connection) => {
      if (database.dialect === 'postgres') await sql`set time zone 'Pacific/Kiritimati'`.execute(connection);
      try {
        return await connection
          .selectFrom('instant_sql_test')
          .select([month.as('month'), (eb) => eb.fn.countAll<number | string>().as('n')])
          .groupBy(month)
          .orderBy('month')
          .execute();
      } finally {
        if (database.dialect === 'postgres') await sql`reset time zone`.execute(connection);
      }
    });
    assert.deepEqual(
      rows.map((r) => [r.month, Number(r.n)]),
      [
        ['2026-10', 2],
        ['2026-11', 1],
      ],
    );
  });

  test(`instants are read as their UTC day, whatever the session's time zone [${database.dialect}]`, async () => {
    const db = (await database.fresh()).kysely.withTables<{ instant_sql_days: { at: string } }>();
    await db.schema
      .createTable('instant_sql_days')
      .addColumn('at', columnTypes(database.dialect).timestamp, (c) => c.notNull())
      .execute();
    await db
      .insertInto('instant_sql_days')
      .values([{ at: '2026-10-31T20:30:00.000Z' }, { at: '2026-11-01T00:00:00.000Z' }])
      .execute();
    const day = dayOfInstant(database.dialect, sql.ref('at'));
    const rows = await db.connection().execute(async (connection) => {
      if (database.dialect === 'postgres') await sql`set time zone 'Pacific/Kiritimati'`.execute(connection);
      try {
        return await connection.selectFrom('instant_sql_days').select(day.as('day')).orderBy('day').execute();
      } finally {
        if (database.dialect === 'postgres') await sql`reset time zone`.execute(connection);
      }
    });
    assert.deepEqual(
      rows.map((r) => r.day),
      ['2026-10-31', '2026-11-01'],
    );
  });
}
