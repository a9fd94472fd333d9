/** The columns a list of cases sorts by. */
export const CASE_SORTS = ['reference', 'operator', 'category', 'stage', 'filed', 'due'] as const;

/** One column a list of cases sorts by. */
export type CaseSort = (typeof CASE_SORTS)[number];

/** An order of sorting. */
export type SortDirection = 'asc' | 'desc';

/** The order a column sorts in when first chosen: the newest filings and the soonest deadlines first. */
export const FIRST_DIRECTION: Readonly<Record<CaseSort, SortDirection>> = {
  reference: 'asc',
  operator: 'asc',
  category: 'asc',
  stage: 'asc',
  filed: 'desc',
  due: 'asc',
};

/** The order of a list nobody sorted: newest first. */
export const DEFAULT_SORT: CaseSort = 'filed';

/** Cases on one page of the staff lists. */
export const LIST_PAGE_SIZE = 50;

/** Which page of a list of cases, in which order, as the repository reads it. */
export interface CasePage {
  sort: CaseSort;
  direction: SortDirection;
  offset: number;
  limit: number;
}

/** What a person asked for: a page number and an order, as typed in a link (anything else falls back to the defaults). */
export interface ListRequest {
  sort: CaseSort;
  direction: SortDirection;
  page: number;
  pageSize: number;
}

/** One page of a list of cases, with where it stands. */
export interface CaseListPage<Row> extends ListRequest {
  rows: Row[];
  total: number;
  pages: number;
}

/**
 * The page and order a query asks for. A list is a page people reach by links and bookmarks, so a
 * value that does not fit (a page of "abc", a sort of "nope") gives the default, never an error.
 */
export function readListRequest(
  query: { sort?: string | undefined; dir?: string | undefined; page?: string | undefined },
  pageSize = LIST_PAGE_SIZE,
): ListRequest {
  const sort = CASE_SORTS.find((s) => s === query.sort) ?? DEFAULT_SORT;
  const direction = query.dir === 'asc' || query.dir === 'desc' ? query.dir : FIRST_DIRECTION[sort];
  const typed = /^[0-9]{1,9}$/.test(query.page ?? '') ? Number(query.page) : 1;
  return { sort, direction, page: Math.max(1, typed), pageSize };
}

/** The page to show of `total` rows (the last one when asked for a page past it) and where it starts. */
export function pageWindow(request: ListRequest, total: number): { page: number; pages: number; casePage: CasePage } {
  const pages = Math.max(1, Math.ceil(total / request.pageSize));
  const page = Math.min(request.page, pages);
  return { page, pages, casePage: { sort: request.sort, direction: request.direction, offset: (page - 1) * request.pageSize, limit: request.pageSize } };
}
