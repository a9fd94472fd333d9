import type { TestDatabase } from '../../../../test/helpers/db.ts';
import { createTestPlatform, type TestClock } from '../../../../test/helpers/platform.ts';
import { buildApp } from '../../../app.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { ContentActor } from '../content/content.policy.ts';
import { learnModule } from '../index.ts';

/** The modules a content test runs. */
export const CONTENT_TEST_MODULES = [learnModule];

/** Staff as the content service sees them, one per role that matters to it. */
export const CONTENT_ACTORS = {
  editor: { type: 'user', id: 'user-editor-1', role: 'editor' },
  otherEditor: { type: 'user', id: 'user-editor-2', role: 'editor' },
  officer: { type: 'user', id: 'user-officer-1', role: 'officer' },
  admin: { type: 'user', id: 'user-admin-1', role: 'admin' },
  operatorAgent: { type: 'user', id: 'user-agent-1', role: 'operator_agent' },
  associationRep: { type: 'user', id: 'user-rep-1', role: 'association_rep' },
  system: { type: 'system', id: null },
} as const satisfies Record<string, ContentActor>;

/** A platform over a fresh database with the demo profile and the learn module. */
export async function createContentTestPlatform(database: TestDatabase, env: Record<string, string> = {}): Promise<Platform & { clock: TestClock }> {
  return createTestPlatform(await database.fresh(), { modules: CONTENT_TEST_MODULES, env });
}

/** The same platform and the app that serves the learn module's pages. */
export async function createContentTestApp(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<{ platform: Platform & { clock: TestClock }; app: App }> {
  const platform = await createContentTestPlatform(database, env);
  return { platform, app: await buildApp(platform, CONTENT_TEST_MODULES) };
}
