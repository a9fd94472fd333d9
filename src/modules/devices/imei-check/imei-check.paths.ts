/** The path of the consumer IMEI check page, served by its routes and linked by its views. */
export const CHECK_PATH = '/devices/check';
