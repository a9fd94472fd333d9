/** The URL paths of the dump and reference list pages, served by their routes and linked by their views. */
export const OPERATOR_DATA_PATHS = { dumps: '/staff/devices/dumps', lists: '/staff/devices/lists' } as const;
