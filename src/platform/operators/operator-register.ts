import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { withTransaction, type Database, type Executor } from '../db/index.ts';
import type { Actor, AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import type { Platform } from '../platform.ts';
import { Conflict, Invalid, type FieldProblem } from '../http/errors.ts';
import { formulaStart } from '../csv-writer.ts';
import { createOperatorRepository, type OperatorRow } from './operators.repository.ts';

/** An operator's licence id, as files, tokens and the operator list name it. */
export const OPERATOR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A licensed operator as the modules name it: by licence id and name. */
export interface ListedOperator {
  id: string;
  name: string;
}

/** The licensed operators, read from the register (every call reads the table afresh); its members need no `this`. */
export interface OperatorDirectory {
  /** Every operator by licence id and name, ordered by licence id. */
  readonly list: () => Promise<ListedOperator[]>;
  /** Whether a licence id is in the register. */
  readonly exists: (licenceId: string) => Promise<boolean>;
  /** The name of an operator, or undefined when the licence id is not in the register. */
  readonly nameOf: (licenceId: string) => Promise<string | undefined>;
}

/**
 * The operator directory over a database or a transaction: what complaints, devices and quality
 * read to name a complaint's, a measurement's or a KPI file's operator.
 */
export function createOperatorDirectory(db: Executor): OperatorDirectory {
  const operators = createOperatorRepository(db);
  return {
    list: async () => (await operators.listOperators()).map((o) => ({ id: o.licence_id, name: o.name })),
    exists: async (licenceId) => (await operators.findOperator(licenceId)) !== undefined,
    nameOf: async (licenceId) => (await operators.findOperator(licenceId))?.name,
  };
}

/** What adding an operator needs from the platform. */
export interface OperatorRegisterDeps {
  db: Kysely<Database>;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
}

/** The operator register: the directory, and adding a licensed operator. */
export interface OperatorRegister extends OperatorDirectory {
  /** Adds a licensed operator; its licence id is what offer files and tokens name. */
  add(actor: Actor, licenceId: string, name: string): Promise<OperatorRow>;
}

/** Creates the register over the platform's database, audit log, clock and logger. */
export function createOperatorRegister(deps: OperatorRegisterDeps): OperatorRegister {
  const { db, audit, clock, logger } = deps;
  return {
    ...createOperatorDirectory(db),

    async add(actor: Actor, licenceId: string, name: string): Promise<OperatorRow> {
      const id = licenceId.trim();
      const cleanName = name.trim();
      const problems: FieldProblem[] = [];
      if (!OPERATOR_ID.test(id))
        problems.push({
          field: 'licenceId',
          message: 'A licence id is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
        });
      if (cleanName === '' || cleanName.length > 200) problems.push({ field: 'name', message: 'The name must have 1 to 200 characters.' });
      else if (formulaStart(name) !== undefined)
        problems.push({
          field: 'name',
          message: 'The name may not start with =, +, -, @, a tab or a carriage return, which spreadsheet programs take for the start of a formula.',
        });
      if (problems.length > 0) throw new Invalid(problems, 'OPERATOR_INVALID', 'The operator is not valid.');
      const work = async (trx: Kysely<Database>): Promise<OperatorRow> => {
        const tx = createOperatorRepository(trx);
        if (await tx.findOperator(id)) throw new Conflict('OPERATOR_EXISTS', `An operator with the licence id ${id} exists already.`);
        const at = clock.now().toISOString();
        const row: OperatorRow = { licence_id: id, name: cleanName, created_at: at, updated_at: at };
        await tx.insertOperator(row);
        await audit.record(trx, { actor, action: 'operator.added', entityType: 'operator', entityId: id });
        logger.info({ operatorId: id }, 'operator added');
        return row;
      };
      return withTransaction(db, work);
    },
  };
}

/** The register over a platform's services. */
export function operatorRegisterOf(platform: Platform): OperatorRegister {
  return createOperatorRegister({ db: platform.db.kysely, audit: platform.audit, clock: platform.clock, logger: platform.logger });
}
