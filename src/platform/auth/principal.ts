/** The roles of accounts; consumers never need an account. */
export const ROLES = ['admin', 'officer', 'operator_agent', 'association_rep', 'editor'] as const;
/** One account role. */
export type Role = (typeof ROLES)[number];

/** Who is calling: a signed-in person (browser session) or a machine (API token). */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      role: Role;
      operatorId: string | null;
      displayName: string;
      /** False between the password and the second factor. */
      isMfaVerified: boolean;
      /** True while the password is a temporary one someone else chose; only the password page opens. */
      isPasswordChangeRequired?: boolean;
    }
  | { kind: 'token'; tokenId: string; operatorId: string | null; permissions: readonly string[] };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every request; null for anonymous visitors. */
    principal: Principal | null;
  }
}
