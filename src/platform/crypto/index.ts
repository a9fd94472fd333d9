export { createKeyring, loadKeyMaterial, generateKeyMaterial, rotateKeyMaterial, KeyError } from './keyring.ts';
export type { Keyring, KeyMaterial } from './keyring.ts';
