import type { SpeedCap, Technology } from '../quality.settings.ts';

/** Why a measurement is kept but flagged. */
export type InvalidReason = 'implausible_duration' | 'implausible_bytes' | 'above_technology_cap' | 'location_inaccurate' | 'client_reported';

/** The shortest and longest plausible transfer of one test: the server stops at 13 s. */
export const PLAUSIBLE_DURATION_MS = { min: 1_000, max: 15_000 } as const;

/** Fewer bytes than one minimum ndt7 message cannot measure a speed. */
export const MIN_PLAUSIBLE_BYTES = 1 << 10;

/** What the validity check reads of a measurement. */
export interface ValidityInput {
  technology: Technology;
  downloadKbps: number | null;
  uploadKbps: number | null;
  accuracyM: number | null;
  /** The transfers behind the speeds, when known (server records, or an import that gives them). */
  transfers?: readonly { durationMs: number; bytes: number }[];
  /** The speeds come from the client, not from the server's own counters. */
  isClientReported?: boolean;
}

/** The limits of the validity check, from the profile. */
export interface ValidityLimits {
  technologyCaps: Readonly<Partial<Record<Technology, SpeedCap>>>;
  maxLocationAccuracyM: number;
}

/**
 * The validity pipeline: a measurement is always kept, and flagged with every reason that makes
 * it doubtful, so that aggregates can leave it out and staff can see why.
 */
export function checkValidity(input: ValidityInput, limits: ValidityLimits): { isValid: boolean; reasons: InvalidReason[] } {
  const reasons: InvalidReason[] = [];
  const transfers = input.transfers ?? [];
  if (transfers.some((t) => t.durationMs < PLAUSIBLE_DURATION_MS.min || t.durationMs > PLAUSIBLE_DURATION_MS.max)) reasons.push('implausible_duration');
  if (transfers.some((t) => t.bytes < MIN_PLAUSIBLE_BYTES)) reasons.push('implausible_bytes');
  const cap = limits.technologyCaps[input.technology];
  if (cap && ((input.downloadKbps ?? 0) > cap.downloadKbps || (input.uploadKbps ?? 0) > cap.uploadKbps)) reasons.push('above_technology_cap');
  if (input.accuracyM !== null && input.accuracyM > limits.maxLocationAccuracyM) reasons.push('location_inaccurate');
  if (input.isClientReported) reasons.push('client_reported');
  return { isValid: reasons.length === 0, reasons };
}

/** The month a device hash is keyed with, so the same device never joins across months. */
export function monthOf(instant: string): string {
  return instant.slice(0, 7);
}
