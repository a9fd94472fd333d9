/** The paths of the speed test pages and of their scripts. */
export const SPEEDTEST_PATHS = {
  page: '/speedtest',
  methodology: '/speedtest/methodology',
  results: '/speedtest/results',
  assets: '/speedtest/assets',
  complaints: '/complaints',
} as const;
