import { Type } from '@sinclair/typebox';

// Form fields are optional strings: a missing field is a person's mistake shown with status 422.
const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** The query of a page that takes nothing but the language switcher's `lang`. */
export const PageQuery = Type.Object({ lang: field(16) });

/** Step 1 of a report: the e-mail address or the mobile number, and which of them receives the code when both are given. */
export const ReportStartBody = Type.Object({ _csrf: field(200), email: field(400), phone: field(100), notifyBy: field(10) });

/** Step 2 of a report: the one-time code. */
export const CodeBody = Type.Object({ _csrf: field(200), code: field(20) });

/** Step 3 of a report: IMEIs, the number used and the police reference. */
export const ReportDetailsBody = Type.Object({ _csrf: field(200), imeis: field(1000), msisdn: field(40), policeReference: field(200) });

/** A form with only the anti-forgery token. */
export const ActionBody = Type.Object({ _csrf: field(200) });

/** The id of a report in a staff path. */
export const ReportIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }) });
