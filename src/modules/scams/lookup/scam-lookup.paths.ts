/** The paths of the public lookup, served by its routes and linked by its views. */
export const LOOKUP_PATHS = { page: '/scams/check', api: '/api/v1/scams/lookup' } as const;
