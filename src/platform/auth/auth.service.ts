import { createAccountAdminService } from './account-admin.service.ts';
import { createApiTokenService } from './api-token.service.ts';
import { createAuthShared, type AuthServiceDeps } from './auth.shared.ts';
import { createSessionService } from './session.service.ts';
import { createSignInService } from './sign-in.service.ts';

/**
 * Staff accounts, sessions, the second factor, API tokens and sign-in throttling: the members of
 * the four auth services, one for each audience, in the one object the hook, the routes and the
 * commands receive.
 */
export type AuthService = ReturnType<typeof createAuthService>;

/** Creates the authentication service from its four parts, which share one set of throttles. */
export function createAuthService(deps: AuthServiceDeps) {
  const shared = createAuthShared(deps);
  return {
    ...createSignInService(deps, shared),
    ...createSessionService(deps),
    ...createAccountAdminService(deps, shared),
    ...createApiTokenService(deps, shared),
  };
}
