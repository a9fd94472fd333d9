/** The reference lists the regulator uploads. */
export type DeviceListName = 'stolen' | 'registration' | 'pairing' | 'golden' | 'barred_imei' | 'barred_tac';
