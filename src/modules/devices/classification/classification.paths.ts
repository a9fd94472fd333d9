/** The URL path of the staff's classification overview, served by its routes. */
export const CLASSIFICATION_PATHS = {
  staffOverview: '/staff/devices/classification',
} as const;
