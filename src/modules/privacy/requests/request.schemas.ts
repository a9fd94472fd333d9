import { Type } from '@sinclair/typebox';

// Form fields are optional strings: a missing field is a person's mistake shown with status 422.
const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** The query of a page that takes nothing but the language switcher's `lang`. */
export const PageQuery = Type.Object({ lang: field(16) });

/** Step 1: the right, and the address or number used with Kinga. */
export const RequestStartBody = Type.Object({ _csrf: field(200), type: field(40), email: field(400), phone: field(100), notifyBy: field(10) });

/** A one-time code. */
export const CodeBody = Type.Object({ _csrf: field(200), code: field(20) });

/** Step 3: what the person asks. */
export const RequestDetailsBody = Type.Object({ _csrf: field(200), details: field(20000) });

/** The follow page's reference. */
export const FollowBody = Type.Object({ _csrf: field(200), reference: field(100) });

/** A form with only the anti-forgery token. */
export const ActionOnlyBody = Type.Object({ _csrf: field(200) });

/** The staff list's filters. */
export const StaffListQuery = Type.Object({ lang: field(16), state: field(40), type: field(40) });

/** The staff detail page's query: the notice of the last action. */
export const StaffDetailQuery = Type.Object({ lang: field(16), done: field(10) });

/** A request staff enter. */
export const StaffNewBody = Type.Object({
  _csrf: field(200),
  type: field(40),
  channel: field(40),
  receivedOn: field(40),
  emails: field(4000),
  phones: field(2000),
  deviceIds: field(2000),
  details: field(20000),
  language: field(16),
  notifyBy: field(10),
  isIdentityChecked: field(10),
});

/** A staff action's form: a reason or note under the action's own name, and a refusal's code. */
export const StaffActionBody = Type.Object({
  _csrf: field(200),
  refusalCode: field(40),
  'note-pause': field(8000),
  'note-extend': field(8000),
  'note-recordAnswer': field(8000),
  'note-refuse': field(8000),
});

/** A request's id and an action in a staff path. */
export const StaffActionParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }),
  action: Type.Union(
    ['identityProved', 'pause', 'resume', 'extend', 'markInProgress', 'runAccess', 'runErasure', 'recordAnswer', 'refuse', 'withdraw'].map((a) =>
      Type.Literal(a),
    ),
  ),
});

/** A request's id in a staff path. */
export const StaffIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }) });
