import './search.tables.ts';

export { createSearchRepository, SEARCH_PAGE_SIZE, MAX_SEARCH_PAGE_SIZE, MAX_SEARCH_PAGE, MAX_INDEXED_TERMS } from './search.repository.ts';
export type { SearchAnswer, SearchDocument, SearchHit, SearchRepository, SearchRequest } from './search.repository.ts';
export { MAX_QUERY_GROUPS, MAX_QUERY_LENGTH, foldText, parseQuery, textTerms } from './search-text.ts';
export type { ParsedQuery, QueryGroup } from './search-text.ts';
