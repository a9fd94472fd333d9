/** The operator portal's page for uploading the offer file. */
export const UPLOAD_PATH = '/staff/offers/upload';

/** Where the open data exports are served. */
export const EXPORT_PATHS = {
  currentCsv: '/api/v1/offers/export/current.csv',
  currentJson: '/api/v1/offers/export/current.json',
  roamingCsv: '/api/v1/offers/export/roaming-current.csv',
  roamingJson: '/api/v1/offers/export/roaming-current.json',
  historyCsv: '/api/v1/offers/export/history.csv',
  historyJson: '/api/v1/offers/export/history.json',
} as const;
