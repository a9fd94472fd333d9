import type { Platform } from '../platform.ts';
import type { RecordKind } from './record-kinds.ts';

/** The kinds of record holding personal data the platform itself keeps (accounts' sessions, jobs, texts, one-time-code counters). */
export function platformRecordKinds(platform: Platform): readonly RecordKind[] {
  void platform;
  return [];
}
