import { seedDemoAccounts } from './auth/index.ts';
import { findMeta, saveMeta } from './db/meta.repository.ts';
import type { KingaModule } from './module.ts';
import type { Platform } from './platform.ts';

const SEEDED_KEY = 'demo_seeded_at';

/**
 * Loads the demo data once: one account per role, then each module's data. Returns lines to
 * print (how to sign in) the first time, and a reminder afterwards.
 */
export async function seedDemo(platform: Platform, modules: readonly KingaModule[]): Promise<string[]> {
  const { kysely } = platform.db;
  const seededAt = await findMeta(kysely, SEEDED_KEY);
  if (seededAt) return [`Demo data was loaded on ${seededAt}; the demo accounts are listed in docs/admin-guide.md.`];
  const lines = await seedDemoAccounts(platform);
  for (const module of modules) await module.seedDemo?.(platform);
  const now = platform.clock.now().toISOString();
  await saveMeta(kysely, SEEDED_KEY, now, now);
  return lines;
}
