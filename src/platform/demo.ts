import { seedDemoAccounts } from './auth/index.ts';
import type { KingaModule } from './module.ts';
import type { Platform } from './platform.ts';

const SEEDED_KEY = 'demo_seeded_at';

/**
 * Loads the demo data once: one account per role, then each module's data. Returns lines to
 * print (how to sign in) the first time, and a reminder afterwards.
 */
export async function seedDemo(platform: Platform, modules: readonly KingaModule[]): Promise<string[]> {
  const { kysely } = platform.db;
  const seeded = await kysely.selectFrom('kinga_meta').select('value').where('key', '=', SEEDED_KEY).executeTakeFirst();
  if (seeded) return [`Demo data loaded on ${seeded.value}; demo accounts are listed in docs/admin-guide.md.`];
  const lines = await seedDemoAccounts(platform);
  for (const module of modules) await module.seedDemo?.(platform);
  await kysely
    .insertInto('kinga_meta')
    .values({ key: SEEDED_KEY, value: platform.clock.now().toISOString(), updated_at: platform.clock.now().toISOString() })
    .execute();
  return lines;
}
