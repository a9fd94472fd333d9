import { Type, type Static } from '@sinclair/typebox';

// Form fields are optional strings: a missing field is a person's mistake shown with status 422.
const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** The query of a page that takes nothing but the language switcher's `lang`. */
export const PageQuery = Type.Object({ lang: field(16) });

/** The speed test result form. */
export const SaveResultBody = Type.Object({
  _csrf: field(200),
  lang: field(16),
  downloadTest: field(64),
  uploadTest: field(64),
  clientDownloadKbps: field(20),
  clientUploadKbps: field(20),
  operator: field(64),
  technology: field(16),
  place: field(16),
  lat: field(20),
  lon: field(20),
  accuracy: field(20),
  district: field(40),
  consent: field(8),
});

/** The id of an ndt7 test. */
export const Ndt7TestParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) });

/** `wait=1`: give a test that just ended a moment for its record to be written. */
export const Ndt7TestQuery = Type.Object({ wait: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])) });

/** What the server measured in one ndt7 test. */
export const Ndt7TestReply = Type.Object({
  id: Type.String(),
  test: Type.Union([Type.Literal('download'), Type.Literal('upload')]),
  kbps: Type.Integer({ description: 'Application-level goodput the server counted, in kbit/s.' }),
  elapsedMs: Type.Integer({ description: 'How long the transfer lasted, from the end of the handshake.' }),
  minRttMs: Type.Union([Type.Number(), Type.Null()], {
    description: 'The shortest WebSocket ping to pong time the server saw, in ms; null when the client answered none.',
  }),
  isSaved: Type.Boolean({ description: 'Whether a result was saved from this test already.' }),
});

/** What the server measured in one ndt7 test, as a type. */
export type Ndt7TestReply = Static<typeof Ndt7TestReply>;
