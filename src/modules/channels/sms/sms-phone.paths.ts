/** The staff's phone simulator for texts ("Try texts"), in the demo. */
export const SMS_PHONE_PATH = '/staff/channels/sms/phone';
