import './search.tables.ts';

export { createSearchRepository, SEARCH_PAGE_SIZE, MAX_SEARCH_PAGE_SIZE, MAX_SEARCH_PAGE } from './search.repository.ts';
export type { SearchAnswer, SearchDocument, SearchHit, SearchRepository, SearchRequest } from './search.repository.ts';
export { MAX_INDEXED_TERMS, MAX_TERM_LENGTH, MAX_QUERY_GROUPS, MAX_QUERY_LENGTH, foldText, parseQuery, textTerms } from './search-text.ts';
export type { ParsedQuery, QueryGroup } from './search-text.ts';
