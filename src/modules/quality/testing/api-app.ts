import assert from 'node:assert/strict';
import type { TestDatabase } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount } from '../../../../test/helpers/staff.ts';
import { buildApp } from '../../../app.ts';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import type { Platform } from '../../../platform/platform.ts';
import { offersModule } from '../../offers/index.ts';
import { qualityModule } from '../index.ts';

/** The modules a quality test serves: quality, and offers, whose demo data holds the operators. */
export const QUALITY_TEST_MODULES = [offersModule, qualityModule];

/**
 * The app of the quality module over a fresh database holding the demo operators, with `env` in
 * its configuration, and a maker of API tokens: for an operator, or for the regulator with an
 * empty operator id.
 */
export async function createQualityApiApp(database: TestDatabase, env: Record<string, string> = {}) {
  const platform = await createTestPlatform(await database.fresh(), { modules: QUALITY_TEST_MODULES, env });
  await offersModule.seedDemo?.(platform);
  const app = await buildApp(platform, QUALITY_TEST_MODULES);
  const token = await tokenMakerOf(platform);
  return { platform, app, token };
}

/** A maker of API tokens on `platform`, issued by an administrator: for an operator, or for the regulator with an empty operator id. */
export async function tokenMakerOf(platform: Platform) {
  const admin = await buildStaffAccount(platform, { role: 'admin' });
  const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
  return async (operatorId: string, permissions: string[]) => {
    const outcome = await auth.createToken({ kind: 'system' }, { name: 'uploads', operatorId, permissions, expiresInDays: '', createdBy: admin.id });
    assert.ok(outcome.ok);
    return outcome.value.plaintext;
  };
}
