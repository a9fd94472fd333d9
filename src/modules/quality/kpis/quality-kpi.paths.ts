/** The paths of the KPI page and its API. */
export const KPI_PATHS = {
  page: '/quality/kpis',
  upload: '/api/v1/quality/kpis',
  results: '/api/v1/quality/kpis/results',
} as const;
