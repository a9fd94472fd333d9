import type { App } from '../module.ts';
import type { Platform } from '../platform.ts';
export type { Principal, Role } from './principal.ts';
export { ROLES } from './principal.ts';

/** Registers authentication (being written: sessions, TOTP, tokens, sign-in pages). */
export async function registerAuth(_app: App, _platform: Platform): Promise<void> {}

/** Creates one demo account per role and returns how to sign in with each (being written). */
export async function seedDemoAccounts(_platform: Platform): Promise<string[]> {
  return [];
}
