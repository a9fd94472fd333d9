import { timingSafeEqual } from 'node:crypto';
import { authenticator } from 'otplib';

/** Seconds per TOTP time step (RFC 6238 default, what every authenticator app uses). */
export const TOTP_PERIOD_SECONDS = 30;

// One step either side tolerates a phone clock about 30 seconds off, as RFC 6238 section 5.2 suggests.
const WINDOW = 1;

/** A new random TOTP secret in base32 (160 bits, the RFC 4226 recommended length). */
export function generateTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** The time step an instant falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The six-digit code of a secret for an instant. */
export function totpCode(secret: string, at: Date): string {
  return codeAtStep(secret, totpStep(at));
}

function codeAtStep(secret: string, step: number): string {
  return authenticator.clone({ epoch: step * TOTP_PERIOD_SECONDS * 1000, window: 0 }).generate(secret);
}

/**
 * The time step a code matches, within one step of `at`, or null. Steps at or before
 * `lastUsedStep` never match, so a code seen by someone over the shoulder cannot be replayed.
 */
export function matchTotp(secret: string, code: string, at: Date, lastUsedStep: number | null): number | null {
  const cleaned = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(cleaned)) return null;
  const current = totpStep(at);
  let matched: number | null = null;
  for (let step = current - WINDOW; step <= current + WINDOW; step += 1) {
    // Every candidate is compared, so the time taken does not tell which step matched.
    const isEqual = timingSafeEqual(Buffer.from(codeAtStep(secret, step)), Buffer.from(cleaned));
    if (isEqual && matched === null && (lastUsedStep === null || step > lastUsedStep)) matched = step;
  }
  return matched;
}

/** The `otpauth://` URI an authenticator app reads; typed or pasted, since no QR image is drawn. */
export function totpUri(secret: string, accountLabel: string, issuer: string): string {
  return authenticator.keyuri(accountLabel, issuer, secret);
}

/** A secret in groups of four characters, easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}
