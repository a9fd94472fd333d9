import type { RecordKind } from '../../../platform/privacy/record-kinds.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { RequestRepository } from './request.repository.ts';
import { identityHashes } from './request.service.ts';

/**
 * The privacy module's own kinds of record: the requests themselves (kept three years after they
 * close, to show they were answered, then made anonymous) and the access archives (deleted thirty
 * days after they are made).
 */
export function requestRecordKinds(deps: { repository: RequestRepository; keyring: Keyring }): RecordKind[] {
  const { repository, keyring } = deps;
  return [
    {
      name: 'privacy.requests',
      labelKey: 'privacy.requests.kind.requests',
      purposeKey: 'privacy.requests.kind.requestsPurpose',
      categories: ['contact', 'identity', 'content'],
      subjects: ['consumers', 'reporters', 'testers', 'subscribers'],
      recipients: ['regulatorStaff'],
      triggers: ['closed'],
      actions: ['anonymise', 'delete'],
      defaultRule: { period: 'P3Y', trigger: 'closed', action: 'anonymise', legalBasis: 'legalObligation', reference: 'GDPR Art. 5(2), 12' },
      retention: {
        // Anonymising keeps the dated log, the proof that the request was answered; deleting removes the request whole.
        run: ({ rule, cutoff, heldIds, dryRun }) =>
          repository.inTransaction((trx) =>
            rule.action === 'delete' ? trx.deleteClosedBefore(cutoff, heldIds, dryRun) : trx.anonymiseClosedBefore(cutoff, heldIds, dryRun),
          ),
      },
      subject: {
        async find(identity) {
          const ids = await repository.findIdsByHashes(identityHashes(keyring, identity));
          const records = [];
          for (const id of ids) {
            const row = await repository.findRequest(id);
            if (!row) continue;
            records.push({
              id: row.id,
              createdAt: row.created_at,
              fields: {
                reference: row.reference,
                type: row.type,
                channel: row.channel,
                state: row.state,
                receivedOn: row.received_on,
                dueOn: row.current_due_on,
                details: row.details_enc === '' ? null : keyring.decrypt(row.details_enc, 'privacy_requests.details'),
              },
            });
          }
          return records;
        },
        async erase(identity) {
          // A request is the proof that the person's rights were answered (GDPR Art. 5(2)): it is kept until its own retention ends.
          const ids = await repository.findIdsByHashes(identityHashes(keyring, identity));
          return { outcomes: ids.map((id) => ({ id, result: 'kept' as const, reason: 'legalObligation' as const })), operatorIds: [] };
        },
      },
    },
    {
      name: 'privacy.archives',
      labelKey: 'privacy.requests.kind.archives',
      purposeKey: 'privacy.requests.kind.archivesPurpose',
      categories: ['contact', 'identity', 'content', 'evidence'],
      subjects: ['consumers', 'reporters', 'testers', 'subscribers'],
      recipients: [],
      triggers: ['created'],
      actions: ['delete'],
      defaultRule: { period: 'P30D', trigger: 'created', action: 'delete', legalBasis: 'legalObligation', reference: 'GDPR Art. 15(3)' },
      retention: {
        run: ({ cutoff, heldIds, dryRun }) => repository.inTransaction((trx) => trx.deleteArchivesBefore(cutoff, heldIds, dryRun)),
      },
    },
  ];
}
