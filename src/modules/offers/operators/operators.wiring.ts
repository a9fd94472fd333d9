import type { Platform } from '../../../platform/platform.ts';
import { createOperatorRepository } from './operators.repository.ts';

/**
 * Lists the licensed operators by licence id and name, as the other modules name them (a
 * complaint's operator, a measurement's, a KPI file's).
 */
export function operatorListOf(platform: Platform): () => Promise<Array<{ id: string; name: string }>> {
  const operators = createOperatorRepository(platform.db.kysely);
  return async () => (await operators.listOperators()).map((o) => ({ id: o.licence_id, name: o.name }));
}
