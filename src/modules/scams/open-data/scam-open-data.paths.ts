/** The path of the weekly open data files and of their list. */
export const SCAM_OPEN_DATA_PATH = '/api/v1/scams/open-data';
