/** The staff page of texts sent and their delivery. */
export const SMS_LOG_PATH = '/staff/channels/sms';
