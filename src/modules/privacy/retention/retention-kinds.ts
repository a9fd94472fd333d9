import type { Platform } from '../../../platform/platform.ts';
import type { RecordKind } from '../../../platform/privacy/record-kinds.ts';
import { createRetentionRepository } from './retention.repository.ts';

/**
 * The retention capability's own kind of record: legal holds, whose reason may name a person.
 * A released hold is deleted a year after its release by default (the audit log keeps that it
 * was placed and released, without the reason).
 */
export function retentionRecordKinds(platform: Platform): readonly RecordKind[] {
  const repository = createRetentionRepository(platform.db.kysely);
  return [
    {
      name: 'privacy.legalHolds',
      labelKey: 'privacy.retention.kind.holdsLabel',
      purposeKey: 'privacy.retention.kind.holdsPurpose',
      categories: ['content'],
      subjects: ['consumers', 'reporters'],
      recipients: ['regulatorStaff'],
      triggers: ['closed'],
      actions: ['delete'],
      defaultRule: { period: 'P1Y', trigger: 'closed', action: 'delete', legalBasis: 'legalObligation' },
      retention: {
        async run({ cutoff, dryRun, heldIds }) {
          const due = (await repository.releasedBefore(cutoff)).filter((id) => !heldIds.has(id));
          return dryRun ? due.length : repository.deleteReleased(due);
        },
      },
    },
  ];
}
