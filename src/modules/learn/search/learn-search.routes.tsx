import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { Invalid, type KeyedProblem } from '../../../platform/http/errors.ts';
import { englishMessagesOf } from '../../../platform/i18n/index.ts';
import { createSearchRepository } from '../../../platform/search/index.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { SearchApiQuery, SearchApiReply, SearchPageQuery } from './learn-search.schemas.ts';
import { createLearnSearchService, type LearnSearchService } from './learn-search.service.ts';
import { LearnSearchPage } from './learn-search.views.tsx';
import { LEARN_SEARCH_PATHS } from './learn-search.paths.ts';

const TAG = 'learn';
const english = englishMessagesOf(new URL('./locales/', import.meta.url));

/** The public search over a platform, for the routes and the bench. */
export function createLearnSearchServiceFor(platform: Platform): LearnSearchService {
  return createLearnSearchService({ repository: createSearchRepository(platform.db.kysely) });
}

/** Registers the public search of guides, courses, lessons and the library: the page (a GET form) and the API, both limited per client address. */
export function registerLearnSearchRoutes(app: App, platform: Platform): void {
  const searches = createLearnSearchServiceFor(platform);
  const rateLimit = { max: platform.settings.learn.search.perMinute, timeWindow: 60_000 };

  app.get(LEARN_SEARCH_PATHS.page, { schema: { querystring: SearchPageQuery }, config: { rateLimit } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { q, kind, language, page } = request.query;
    const values = { q, kind, language };
    // A first visit (no `q`) shows the form alone; a `q` without words says so.
    if (q === undefined) return sendPage(reply, <LearnSearchPage ctx={ctx} values={values} answer={null} />);
    const answer = await searches.search({ text: q, kind: kind || undefined, language: language || undefined, page });
    return sendPage(reply, <LearnSearchPage ctx={ctx} values={values} answer={answer} />, answer.outcome === 'too-long' ? 422 : 200);
  });

  app.get(
    LEARN_SEARCH_PATHS.api,
    {
      config: { rateLimit },
      schema: {
        tags: [TAG],
        summary:
          'Full-text search of the published rights guides, courses, lessons and good-practice library, in every language: a page of results, best first, with highlighted titles and snippets.',
        querystring: SearchApiQuery,
        response: { 200: SearchApiReply },
      },
    },
    async (request): Promise<SearchApiReply> => {
      const { q, kind, language, page } = request.query;
      const answer = await searches.search({ text: q, kind: kind || undefined, language: language || undefined, page });
      if (answer.outcome === 'too-long') {
        const key = 'learn.search.tooLong.body';
        const values = { maxLength: answer.maxLength, maxGroups: answer.maxGroups };
        const problem: KeyedProblem = { field: 'q', message: english(key, values), key, values };
        throw new Invalid([problem], 'SEARCH_QUERY_TOO_LONG', { key, english: english(key, values), values });
      }
      if (answer.outcome === 'empty') return { outcome: 'empty', total: 0, page: page ?? 1, pageSize: 0, pages: 0, results: [] };
      const { hits, total, pageSize, pages } = answer;
      return { outcome: 'results', total, page: answer.page, pageSize, pages, results: hits };
    },
  );
}
