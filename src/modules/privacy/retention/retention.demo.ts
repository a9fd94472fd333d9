import type { Platform } from '../../../platform/platform.ts';
import { createRetentionServiceFor } from './retention.wiring.ts';

/** The demo consumer whose complaint is held (the complaints module's demo files one for her). */
const DEMO_HELD_IDENTITY = { emails: ['wanjiru@example.org'], phones: [], deviceIds: [] };

/**
 * Demo retention: one real run and one dry run recorded, as after a night and a check by the
 * officer, and a legal hold on the demo consumer's complaint when a complaints kind can find it.
 * Idempotent: nothing is added once a run exists.
 */
export async function seedRetentionDemo(platform: Platform): Promise<void> {
  const retention = createRetentionServiceFor(platform);
  if ((await retention.lastRuns(1)).length > 0) return;
  const complaints = platform.recordKinds.find((k) => k.name.startsWith('complaints.') && k.subject);
  const record = complaints?.subject ? (await complaints.subject.find(DEMO_HELD_IDENTITY))[0] : undefined;
  if (complaints && record) {
    await retention.placeHold(
      { type: 'system', id: null },
      {
        kind: complaints.name,
        recordId: record.id,
        reason: 'The consumer took the operator to court over this complaint; keep the case until the judgment is final.',
        caseReference: 'HC-DEMO-2026-14',
      },
    );
  }
  await retention.runNow({ dryRun: false, requestedBy: 'schedule' });
  await retention.runNow({ dryRun: true, requestedBy: 'command' });
}
