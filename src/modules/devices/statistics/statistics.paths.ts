/** The path of the public statistics page, served by its routes. */
export const STATISTICS_PATH = '/devices/statistics';
