import { Type } from '@sinclair/typebox';

// Form fields are optional strings: a missing field is a person's mistake shown with status 422.
const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const many = (maxLength: number, maxItems: number) => Type.Optional(Type.Array(Type.String({ maxLength }), { maxItems }));

/** The query of a consumer page: the language switcher's `lang`, and `change=1` when coming from the check page. */
export const WebPageQuery = Type.Object({ lang: field(16), change: field(1) });

/** A question page's form: every field any step may send, each optional; `action=save` saves for later. */
export const StepBody = Type.Object({
  _csrf: field(200),
  action: field(20),
  change: field(1),
  operatorIds: many(64, 20),
  service: field(40),
  accountNumber: field(200),
  serviceNumber: field(60),
  category: field(60),
  description: field(12_000),
  problemStartDay: field(10),
  problemStartMonth: field(10),
  problemStartYear: field(10),
  desiredOutcome: field(6000),
  contacted: field(10),
  contactDateDay: field(10),
  contactDateMonth: field(10),
  contactDateYear: field(10),
  operatorReference: field(200),
  name: field(400),
  email: field(400),
  phone: field(60),
  contactBy: field(10),
  needsSupport: field(10),
  extraSupport: many(40, 10),
  extraSupportDetails: field(4000),
  consent: field(10),
});

/** The step in a question page's path. */
export const StepParams = Type.Object({ step: Type.String({ maxLength: 40, pattern: '^[a-z-]+$' }) });

/** The evidence page's upload form (multipart); the file itself is read apart. */
export const EvidenceBody = Type.Object({ _csrf: field(200), change: field(1) });

/** Removing one file of the draft. */
export const RemoveFileBody = Type.Object({ _csrf: field(200), id: field(64), change: field(1) });

/** A form with only the anti-forgery token. */
export const ActionBody = Type.Object({ _csrf: field(200) });

/** The save-for-later form: where to send the code. */
export const SaveBody = Type.Object({ _csrf: field(200), contactBy: field(10), email: field(400), phone: field(60) });

/** The resume form: the draft's reference and the code from the e-mail. */
export const ResumeBody = Type.Object({ _csrf: field(200), reference: field(100), code: field(20) });

/** Asking for a new code: the reference alone. */
export const NewCodeBody = Type.Object({ _csrf: field(200), newCodeReference: field(100) });

/** Starting to follow a complaint: its reference. */
export const ReferenceBody = Type.Object({ _csrf: field(200), reference: field(100) });

/** A one-time code. */
export const CodeBody = Type.Object({ _csrf: field(200), code: field(20) });

/** A case reference in a follow page's path. */
export const CaseParams = Type.Object({ reference: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }) });

/** A message from the consumer. */
export const MessageBody = Type.Object({ _csrf: field(200), text: field(12_000), to: field(20) });

/** Refusing the provider's answer: the consumer's reason. */
export const RejectBody = Type.Object({ _csrf: field(200), reason: field(6000) });

/** The satisfaction survey: scales of 1 to 5 and an optional comment. */
export const SurveyBody = Type.Object({ _csrf: field(200), satisfaction: field(2), wasEasy: field(2), comment: field(6000) });

/** The resume page's query: `sent=1` after a new code was asked for. */
export const ResumeQuery = Type.Object({ lang: field(16), sent: field(1) });
