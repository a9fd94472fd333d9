import type { Selectable } from 'kysely';
import { queriesOf, type Executor } from '../db/index.ts';
import type { OperatorsTable } from './operators.tables.ts';
import './operators.tables.ts';

/** An operator row. */
export type OperatorRow = Selectable<OperatorsTable>;

/** The SQL of the operator register. */
export interface OperatorRepository {
  insertOperator(row: OperatorRow): Promise<void>;
  findOperator(licenceId: string): Promise<OperatorRow | undefined>;
  listOperators(): Promise<OperatorRow[]>;
  /** Changes whenever an operator is added or renamed, for caches that carry the operator list. */
  operatorsRevision(): Promise<string>;
}

/** Creates the repository over a database or a transaction. */
export function createOperatorRepository(executor: Executor): OperatorRepository {
  const db = queriesOf(executor);
  return {
    async insertOperator(row: OperatorRow): Promise<void> {
      await db.insertInto('operators').values(row).execute();
    },

    findOperator(licenceId: string): Promise<OperatorRow | undefined> {
      return db.selectFrom('operators').selectAll().where('licence_id', '=', licenceId).executeTakeFirst();
    },

    listOperators(): Promise<OperatorRow[]> {
      return db.selectFrom('operators').selectAll().orderBy('licence_id').execute();
    },

    async operatorsRevision(): Promise<string> {
      const row = await db
        .selectFrom('operators')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('last')])
        .executeTakeFirst();
      return `${Number(row?.n ?? 0)}:${row?.last ?? ''}`;
    },
  };
}
