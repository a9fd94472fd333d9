import { fileURLToPath } from 'node:url';
import type { Platform } from '../../../platform/platform.ts';
import { loadContentFiles } from '../content/content-files.ts';
import { createContentServiceFor } from '../content/content.wiring.ts';

/** The demo's rights guides, one file per guide, language and variant (`demo/<slug>[.easy].<lang>.md`). */
export const DEMO_GUIDES_FOLDER = fileURLToPath(new URL('./demo/', import.meta.url));

/** Loads the demo's guides, published, in the profile's topic order; a second run adds nothing. */
export async function seedGuidesDemo(platform: Platform): Promise<void> {
  const { jurisdiction } = platform.config;
  const topics = platform.settings.learn.guides.topics;
  const slugOf = (topic: string) => topic.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  await loadContentFiles(createContentServiceFor(platform), {
    folder: DEMO_GUIDES_FOLDER,
    kind: 'guide',
    languages: jurisdiction.languages,
    defaultLanguage: jurisdiction.defaultLanguage,
    order: topics.map(slugOf),
  });
}
