/** A gateway's callback without its secret: always refused, so that a misconfigured gateway learns why. */
export const USSD_CALLBACK_PATH = '/api/v1/channels/ussd/:gateway';

/** A gateway's callback: `/api/v1/channels/ussd/<gateway>/<secret>`. */
export const USSD_CALLBACK_KEYED_PATH = '/api/v1/channels/ussd/:gateway/:key';

/** The staff's USSD simulator. */
export const USSD_SIMULATOR_PATH = '/staff/channels/ussd';
