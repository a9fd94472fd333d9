import { allMigrations } from '../../src/platform/create.ts';
import type { Migrations } from '../../src/platform/db/index.ts';
import type { KingaModule } from '../../src/platform/module.ts';
import type { Platform } from '../../src/platform/platform.ts';
import { offersModule } from '../../src/modules/offers/index.ts';

/**
 * The module whose first migration creates the operator register's table (`src/platform/operators/`), for
 * platform tests that tie accounts or API tokens to operators: the platform refuses an operator
 * that is not in the register. Give it to `openTestDatabases` through
 * {@link operatorRegisterMigrations} and to `createTestPlatform` as `modules`.
 */
export const OPERATOR_REGISTER_MODULES: readonly KingaModule[] = [offersModule];

/** The platform's migrations and those of the operator register. */
export function operatorRegisterMigrations(): Migrations {
  return allMigrations(OPERATOR_REGISTER_MODULES);
}

/**
 * Puts each licence id in the operator register, named after itself. The rows are written
 * directly, so the audit log a platform test reads holds only what the test itself did.
 */
export async function addOperators(platform: Platform, licenceIds: readonly string[]): Promise<void> {
  const at = platform.clock.now().toISOString();
  if (licenceIds.length === 0) return;
  await platform.db.kysely
    .insertInto('operators')
    .values(licenceIds.map((id) => ({ licence_id: id, name: `Operator ${id}`, created_at: at, updated_at: at })))
    .execute();
}
