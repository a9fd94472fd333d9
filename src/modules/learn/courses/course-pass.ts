/**
 * The proof that a learner passed a course, carried by the result page instead of stored: the
 * course, the language, the score and the time, signed with a keyed hash. The certificate and the
 * badge forms send it back; nothing about the learner is kept on the server.
 */

/** What a proof says. */
export interface CoursePass {
  course: string;
  language: string;
  percent: number;
  /** When the quiz was passed, ISO 8601. */
  passedAt: string;
}

/** A keyed hash (the keyring's `hash`), so a proof cannot be forged without the platform's keys. */
export type PassHash = (value: string, purpose: string) => string;

const PURPOSE = 'learn.course-pass';

/** The proof of `pass`: its JSON in base64url, a dot, and the keyed hash of that. */
export function signCoursePass(pass: CoursePass, hash: PassHash): string {
  const payload = Buffer.from(JSON.stringify([pass.course, pass.language, pass.percent, pass.passedAt]), 'utf8').toString('base64url');
  return `${payload}.${hash(payload, PURPOSE)}`;
}

/** The pass a proof holds when it is genuine, for `course`, and younger than `maxHours` at `now`; otherwise undefined. */
export function readCoursePass(
  proof: string,
  expected: { course: string; now: Date; maxHours: number },
  hash: PassHash,
  equals: (a: string, b: string) => boolean,
): CoursePass | undefined {
  if (proof.length > 1000) return undefined;
  const [payload = '', mac = '', extra] = proof.split('.');
  if (extra !== undefined || payload === '' || !equals(mac, hash(payload, PURPOSE))) return undefined;
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields) || fields.length !== 4) return undefined;
  const [course, language, percent, passedAt] = fields as unknown[];
  if (typeof course !== 'string' || typeof language !== 'string' || typeof percent !== 'number' || typeof passedAt !== 'string') return undefined;
  const at = Date.parse(passedAt);
  if (course !== expected.course || Number.isNaN(at)) return undefined;
  const age = expected.now.getTime() - at;
  if (age < -60_000 || age > expected.maxHours * 3_600_000) return undefined;
  return { course, language, percent, passedAt };
}
