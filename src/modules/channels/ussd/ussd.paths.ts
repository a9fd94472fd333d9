/** The callback of a gateway: `/api/v1/channels/ussd/<gateway>`, with the secret in HTTP Basic, or after one more segment. */
export const USSD_CALLBACK_PATH = '/api/v1/channels/ussd/:gateway';

/** The callback with the secret as its last path segment, for gateways that cannot send HTTP Basic. */
export const USSD_CALLBACK_KEYED_PATH = '/api/v1/channels/ussd/:gateway/:key';

/** The staff's USSD simulator. */
export const USSD_SIMULATOR_PATH = '/staff/channels/ussd';
