import type { App, ModuleStaffLink } from '../module.ts';
import type { Platform } from '../platform.ts';
import { createClock } from '../clock.ts';
import { createAuthRepository } from './auth.repository.ts';
import { createAuthService, type AuthService } from './auth.service.ts';
import { registerAuthHook } from './auth.hook.ts';
import { registerAuthRoutes } from './auth.routes.tsx';
import { createPasswordHasher, type PasswordHashOptions } from './password.ts';
import { DEMO_ACCOUNTS, demoSignInLines } from './demo-accounts.ts';

export type { Principal, Role } from './principal.ts';
export { ROLES } from './principal.ts';
export { PERMISSIONS, isPermission } from './permissions.ts';
export type { Permission } from './permissions.ts';
export { requireUser, requireToken, actorOf, staffOf, tokenOf } from './auth.guards.ts';
export type { StaffPrincipal, TokenPrincipal, PreHandler } from './auth.guards.ts';
export type { AuthService } from './auth.service.ts';
export type { Account } from './account-admin.service.ts';
export type { ApiTokenInfo } from './api-token.service.ts';
export type { FieldIssue, Outcome } from './auth.shared.ts';
export { DEMO_TOTP_SECRET, demoSignInLines } from './demo-accounts.ts';
export { SESSION_COOKIE } from './credential.ts';

/** Options of {@link createAuthServiceFor}. */
export interface AuthOptions {
  /** Lower argon2 costs, for tests only. */
  passwordHash?: PasswordHashOptions;
}

/** Builds the authentication service over the platform's database, keys, clock and audit log. */
export function createAuthServiceFor(platform: Platform, options: AuthOptions = {}): AuthService {
  const { config } = platform;
  return createAuthService({
    repository: createAuthRepository(platform.db.kysely),
    audit: platform.audit,
    clock: platform.clock,
    // With KINGA_CLOCK the platform clock stands still, but phones and lockouts live in real time.
    elapsedClock: config.clock ? createClock() : platform.clock,
    ids: platform.ids,
    keyring: platform.keyring,
    passwords: createPasswordHasher(options.passwordHash),
    logger: platform.logger,
    settings: {
      idleMinutes: config.session.idleMinutes,
      maxHours: config.session.maxHours,
      maxAttempts: config.login.maxAttempts,
      maxAttemptsPerAddress: config.login.maxAttemptsPerAddress,
      lockMinutes: config.login.lockMinutes,
      issuer: `Kinga ${config.jurisdiction.authority.shortName}`,
    },
  });
}

/** Registers authentication: the hook that sets `request.principal`, and the `/staff` sign-in, account and token pages. */
export async function registerAuth(app: App, platform: Platform, moduleLinks: readonly ModuleStaffLink[] = []): Promise<void> {
  const service = createAuthServiceFor(platform);
  const cookie = { isCookieSecure: platform.config.session.isCookieSecure };
  registerAuthHook(app, service, cookie);
  registerAuthRoutes(app, service, {
    ...cookie,
    clock: platform.clock,
    moduleLinks,
    async figuresOf(link, staff) {
      try {
        return (await link.figures?.(platform, staff)) ?? [];
      } catch (error) {
        // A figure that cannot be read leaves the dashboard and its links usable.
        platform.logger.warn({ err: error, link: link.href }, 'a staff dashboard figure could not be read');
        return [];
      }
    },
  });
}

/** Creates one demo account per role (demo jurisdictions only) and returns how to sign in with each. */
export async function seedDemoAccounts(platform: Platform): Promise<string[]> {
  if (!platform.config.jurisdiction.isDemo) return [];
  const service = createAuthServiceFor(platform);
  for (const account of DEMO_ACCOUNTS) await service.seedDemoAccount(account);
  return demoSignInLines(platform.config.publicUrl);
}
