/** The staff page of subscriber numbers. */
export const SUBSCRIBERS_PATH = '/staff/complaints/subscribers';
