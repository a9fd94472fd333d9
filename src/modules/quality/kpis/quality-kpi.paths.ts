/** The paths of the KPI page, its API and the open data files. */
export const KPI_PATHS = {
  page: '/quality/kpis',
  upload: '/api/v1/quality/kpis',
  results: '/api/v1/quality/kpis/results',
  openData: '/api/v1/quality/open-data',
} as const;
