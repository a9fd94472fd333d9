/** The path of the monthly open data files and of their list. */
export const OPEN_DATA_PATHS = {
  files: '/api/v1/quality/open-data',
} as const;
