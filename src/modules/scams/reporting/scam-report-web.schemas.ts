import { Type } from '@sinclair/typebox';

// Form fields are optional strings: a missing or wrong field is a person's mistake, answered with the form and status 422.
const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** The query of a page that takes nothing but the language switcher's `lang`. */
export const ReportPageQuery = Type.Object({ lang: field(16) });

/** The triage question: did the person lose money or their SIM (`yes` or `no`). */
export const TriageBody = Type.Object({ _csrf: field(200), harm: field(10) });

/** The reporter's mobile number, to which a code is sent. */
export const ReporterNumberBody = Type.Object({ _csrf: field(200), phone: field(100) });

/** The code the reporter received by text. */
export const ReporterCodeBody = Type.Object({ _csrf: field(200), code: field(20) });

/**
 * The report's text fields (the screenshot is the form's file). The text is bounded by the
 * profile's `maxTextChars`, checked by the intake with a clear message; this bound only stops
 * what no textarea sends.
 */
export const ReportDetailsBody = Type.Object({
  _csrf: field(200),
  sender: field(200),
  occurredAtDay: field(10),
  occurredAtMonth: field(10),
  occurredAtYear: field(10),
  occurredTime: field(20),
  medium: field(40),
  category: field(60),
  text: field(25_000),
  contactKind: field(10),
  contact: field(400),
});
