import assert from 'node:assert/strict';
import { buildApp } from '../../src/app.ts';
import { offersModule } from '../../src/modules/offers/index.ts';
import { createAuthServiceFor } from '../../src/platform/auth/index.ts';
import type { KingaModule } from '../../src/platform/module.ts';
import type { Platform } from '../../src/platform/platform.ts';
import type { TestDatabase } from './db.ts';
import { createTestPlatform } from './platform.ts';
import { buildStaffAccount, type TestStaff } from './staff.ts';

/** Issues an API token and returns its plaintext: for an operator, or for the regulator with an empty operator id. */
export type TokenIssuer = (operatorId: string, permissions: string[]) => Promise<string>;

/** An admin account of `platform`, and an issuer of API tokens it creates, each named `name` and never expiring. */
export async function createTokenIssuer(platform: Platform, name: string): Promise<{ admin: TestStaff; token: TokenIssuer }> {
  const admin = await buildStaffAccount(platform, { role: 'admin' });
  const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
  const token: TokenIssuer = async (operatorId, permissions) => {
    const outcome = await auth.createToken({ kind: 'system' }, { name, operatorId, permissions, expiresInDays: '', createdBy: admin.id });
    assert.ok(outcome.ok);
    return outcome.value.plaintext;
  };
  return { admin, token };
}

/**
 * The app of `modules` (offers among them) over a fresh database holding the offers demo, its
 * operators and offers, with an issuer of API tokens named `tokenName`.
 */
export async function createDemoApiApp(database: TestDatabase, modules: readonly KingaModule[], options: { tokenName: string; env?: Record<string, string> }) {
  const platform = await createTestPlatform(await database.fresh(), { modules, ...(options.env ? { env: options.env } : {}) });
  await offersModule.seedDemo?.(platform);
  const app = await buildApp(platform, modules);
  const { token } = await createTokenIssuer(platform, options.tokenName);
  return { platform, app, token };
}
