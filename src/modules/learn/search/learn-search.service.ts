import type { SearchHit, SearchRepository } from '../../../platform/search/index.ts';
import { LEARN_SEARCH_KINDS, type LearnSearchKind } from './learn-search.schemas.ts';

/** What a person asked: the words, optionally one kind and one language, and a page from 1. */
export interface LearnSearchRequest {
  text: string;
  kind?: LearnSearchKind | undefined;
  language?: string | undefined;
  page?: number | undefined;
}

/** The answer of a search of the learn content: a page of hits, nothing to search for, or a query too long. */
export type LearnSearchAnswer =
  | { outcome: 'results'; hits: SearchHit[]; total: number; page: number; pageSize: number; pages: number }
  | { outcome: 'empty' }
  | { outcome: 'too-long'; maxLength: number; maxGroups: number };

/** The public search of guides, courses, lessons and library documents. */
export interface LearnSearchService {
  search(request: LearnSearchRequest): Promise<LearnSearchAnswer>;
}

/** The search over the platform's index, limited to the learn module's kinds. */
export function createLearnSearchService(deps: { repository: SearchRepository }): LearnSearchService {
  return {
    async search(request) {
      const answer = await deps.repository.search({
        text: request.text,
        page: request.page,
        kinds: request.kind ? [request.kind] : LEARN_SEARCH_KINDS,
        languages: request.language ? [request.language] : undefined,
      });
      if (answer.outcome !== 'results') return answer;
      return { ...answer, pages: Math.ceil(answer.total / answer.pageSize) };
    },
  };
}
