import { Type } from '@sinclair/typebox';

// Form fields are optional strings: a missing field is a person's mistake shown on the form
// with status 422, not a malformed request. Lengths cap what is parsed and hashed.
const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const csrf = field(200);

/** The query every staff page accepts: the language switcher's `lang`. */
export const PageQuery = Type.Object({ lang: field(16) });

/** The query of the sign-in page, which can confirm a sign-out. */
export const SignInQuery = Type.Object({ lang: field(16), signedOut: field(4) });

/** The query of the dashboard, which can confirm a password change. */
export const DashboardQuery = Type.Object({ lang: field(16), passwordChanged: field(4) });

/** The e-mail and password form. */
export const SignInBody = Type.Object({ _csrf: csrf, email: field(320), password: field(1024) });

/** The one-time code form (sign-in and enrolment). */
export const CodeBody = Type.Object({ _csrf: csrf, code: field(20) });

/** The change-password form. */
export const PasswordBody = Type.Object({ _csrf: csrf, currentPassword: field(1024), newPassword: field(1024), confirmation: field(1024) });

/** The new-account form. */
export const NewUserBody = Type.Object({
  _csrf: csrf,
  email: field(320),
  displayName: field(400),
  role: field(40),
  operatorId: field(100),
  organisation: field(400),
});

/** The new-token form; `permissions` repeats once per ticked box. */
export const NewTokenBody = Type.Object({
  _csrf: csrf,
  name: field(200),
  operatorId: field(100),
  permissions: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 32 })),
  expiresInDays: field(10),
});

/** A form with only the anti-forgery token (sign-out, disable, revoke). */
export const ActionBody = Type.Object({ _csrf: csrf });

/** The id in the path of an account or a token. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }) });
