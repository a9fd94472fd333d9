/** The public statistics page and its downloads. */
export const STATISTICS_PATH = '/complaints/statistics';
