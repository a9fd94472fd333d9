import { demoSignInLines, seedDemoAccounts } from './auth/index.ts';
import { findMeta, saveMeta } from './db/meta.repository.ts';
import type { KingaModule } from './module.ts';
import type { Platform } from './platform.ts';

const SEEDED_KEY = 'demo_seeded_at';

/** What loading the demo did, and what to tell the person who started it. */
export interface DemoSeeding {
  /** True when this call loaded the demo data; false when an earlier start had. */
  isFirstLoad: boolean;
  /**
   * The lines to print, given the address people open (known only once the server listens): how
   * to sign in with each demo account the first time, a reminder afterwards.
   */
  lines(publicUrl: string): string[];
}

/** Loads the demo data once: one account per role, then each module's data. */
export async function seedDemo(platform: Platform, modules: readonly KingaModule[]): Promise<DemoSeeding> {
  const { kysely } = platform.db;
  const seededAt = await findMeta(kysely, SEEDED_KEY);
  if (seededAt) return { isFirstLoad: false, lines: () => [`Demo data was loaded on ${seededAt}; the demo accounts are listed in docs/admin-guide.md.`] };
  const hasAccounts = (await seedDemoAccounts(platform)).length > 0;
  for (const module of modules) await module.seedDemo?.(platform);
  const now = platform.clock.now().toISOString();
  await saveMeta(kysely, SEEDED_KEY, now, now);
  return { isFirstLoad: true, lines: (publicUrl) => (hasAccounts ? demoSignInLines(publicUrl) : []) };
}
