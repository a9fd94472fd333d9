/**
 * The operator register: the licensed operators every module names (offers, complaints, devices,
 * quality, staff accounts and API tokens). Its table was created by the offers module's migration
 * `2026-11-29-20-offers`, which stays there unchanged (see `operators.tables.ts`).
 */
import './operators.tables.ts';

export { createOperatorDirectory, createOperatorRegister, operatorRegisterOf, OPERATOR_ID } from './operator-register.ts';
export type { ListedOperator, OperatorDirectory, OperatorRegister, OperatorRegisterDeps } from './operator-register.ts';
export { createOperatorRepository } from './operators.repository.ts';
export type { OperatorRepository, OperatorRow } from './operators.repository.ts';
export type { OperatorsTable } from './operators.tables.ts';
