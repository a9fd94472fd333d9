/** The paths of the public quality pages. */
export const QUALITY_PUBLIC_PATHS = {
  page: '/quality',
  methodology: '/quality/methodology',
  speedtest: '/speedtest',
} as const;
