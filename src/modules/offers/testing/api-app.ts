import assert from 'node:assert/strict';
import type { TestDatabase } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount } from '../../../../test/helpers/staff.ts';
import { buildApp } from '../../../app.ts';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import type { Catalogs } from '../../../platform/i18n/index.ts';
import { offersModule } from '../index.ts';

/** The app of the offers module over a fresh database holding the demo operators and offers, with the real catalogues unless `catalogs` is given. */
export async function createDemoOffersApp(database: TestDatabase, catalogs?: Catalogs) {
  const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule], ...(catalogs ? { catalogs } : {}) });
  await offersModule.seedDemo?.(platform);
  const app = await buildApp(platform, [offersModule]);
  return { platform, app };
}

/**
 * The app of the offers module over a fresh database holding the demo operators and offers, and
 * a maker of API tokens: for an operator, or for the regulator with an empty operator id.
 */
export async function createOffersApiApp(database: TestDatabase) {
  const { platform, app } = await createDemoOffersApp(database);
  const admin = await buildStaffAccount(platform, { role: 'admin' });
  const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
  const token = async (operatorId: string, permissions: string[] = ['offers:write']) => {
    const outcome = await auth.createToken({ kind: 'system' }, { name: 'upload', operatorId, permissions, expiresInDays: '', createdBy: admin.id });
    assert.ok(outcome.ok);
    return outcome.value.plaintext;
  };
  return { platform, app, token };
}

/** An upload of `body` to `url` for `app.inject()`, with a bearer token unless it is null. */
export function uploadRequest(url: string, bearer: string | null, body: string, contentType = 'text/csv', query = '') {
  return {
    method: 'POST' as const,
    url: `${url}${query}`,
    headers: { 'content-type': contentType, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    payload: body,
  };
}
