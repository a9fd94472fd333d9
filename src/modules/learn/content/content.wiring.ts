import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { createSearchRepository } from '../../../platform/search/index.ts';
import { createContentRepository } from './content.repository.ts';
import { createContentService, type ContentService, type ContentUrl } from './content.service.ts';

/** The content service over a platform, for the routes, the demo and the other capabilities of learn. */
export function createContentServiceFor(platform: Platform, options: { urlOf?: ContentUrl } = {}): ContentService {
  const { jurisdiction } = platform.config;
  return createContentService({
    repository: createContentRepository(platform.db.kysely),
    search: createSearchRepository(platform.db.kysely),
    ...servicesOf(platform, 'audit', 'clock', 'ids'),
    languages: jurisdiction.languages,
    defaultLanguage: jurisdiction.defaultLanguage,
    topics: platform.settings.learn.guides.topics,
    settings: platform.settings.learn.content,
    publicUrl: platform.config.publicUrl,
    ...(options.urlOf ? { urlOf: options.urlOf } : {}),
  });
}
