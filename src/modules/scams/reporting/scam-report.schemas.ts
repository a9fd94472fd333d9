import { Type } from '@sinclair/typebox';

const text = (maxLength: number, description: string) => Type.Optional(Type.String({ maxLength, description }));

/** A request for a code by text to the reporter's number. */
export const NumberCheckBody = Type.Object(
  {
    phone: Type.String({ maxLength: 40, description: 'The reporter’s mobile number, international or national form.' }),
    language: text(8, 'The language of the text with the code: en, fr, ar, es, ru or zh.'),
  },
  { additionalProperties: false },
);

/** The check opened: its id, to send back with the code and the report. */
export const NumberCheckReply = Type.Object({ checkId: Type.String() });

/** A report filed through the API, with the check and the code that prove the reporter's number. */
export const ScamReportBody = Type.Object(
  {
    checkId: Type.String({ maxLength: 64 }),
    code: Type.String({ maxLength: 20, description: 'The 6-digit code the reporter received by text.' }),
    sender: Type.String({ maxLength: 64, description: 'The number, short code or sender name that called or wrote.' }),
    occurredAt: Type.String({ maxLength: 40, description: 'When it came: ISO 8601 date and time (a date alone is read as midday UTC).' }),
    medium: Type.String({ maxLength: 20, description: 'call, sms, messagingApp, email or other.' }),
    category: Type.String({ maxLength: 40, description: 'A category of the profile (GET /api/v1/jurisdiction).' }),
    text: Type.String({ maxLength: 20_000, description: 'The message received, or the reporter’s account of the call.' }),
    contactKind: text(8, 'sms or email to be told the outcome; omit for no news.'),
    contact: text(320, 'The address or number for news; with sms and no contact, the reporter’s number.'),
    hasHarm: Type.Optional(Type.Boolean({ description: 'The reporter lost money or their SIM stopped working.' })),
    language: text(8, 'The reporter’s language.'),
    screenshot: text(14_000_000, 'A PNG, JPEG or WebP image in base64.'),
  },
  { additionalProperties: false },
);

/** A report filed. */
export const ScamReportReply = Type.Object({ reference: Type.String(), isLate: Type.Boolean() });
