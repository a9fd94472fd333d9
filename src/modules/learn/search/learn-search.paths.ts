/** The paths of the public search of guides, courses and the library, served by its routes and linked by its views. */
export const LEARN_SEARCH_PATHS = { page: '/learn/search', api: '/api/v1/learn/search' } as const;
