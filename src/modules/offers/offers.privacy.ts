import type { Platform } from '../../platform/platform.ts';
import type { RecordKind, SubjectIdentity } from '../../platform/privacy/record-kinds.ts';
import { createOfferPrivacyRepository } from './privacy/offer-privacy.repository.ts';

// Small enough that one batch never holds the database for long.
const BATCH = 500;

/**
 * The kinds of record of the offers module: subscriptions to price alerts. An active subscription
 * lives as long as the person wants it (unsubscribing deletes it at once); the schedule's rule
 * removes the requests never confirmed, a period after their confirmation window
 * (`subscriptions.pendingDays`) closed.
 */
export function offersRecordKinds(platform: Platform): RecordKind[] {
  const { keyring } = platform;
  const repository = createOfferPrivacyRepository(platform.db.kysely);
  // The purposes the subscription service hashes an address and a number with (`email_hash` holds either).
  const hashesOf = (identity: SubjectIdentity) => [
    ...identity.emails.map((email) => keyring.hash(email.trim().toLowerCase(), 'offer_subscriptions.email')),
    ...identity.phones.map((e164) => keyring.hash(e164, 'offer_subscriptions.phone')),
  ];
  const open = (sealed: string | null, context: string): string | null => {
    if (sealed === null) return null;
    return keyring.decrypt(sealed, context) || null;
  };

  const priceAlerts: RecordKind = {
    name: 'offers.priceAlerts',
    labelKey: 'offers.privacy.priceAlerts.label',
    purposeKey: 'offers.privacy.priceAlerts.purpose',
    categories: ['contact', 'preferences'],
    subjects: ['subscribers'],
    recipients: [],
    // The last activity of an unconfirmed request is the moment its confirmation window closed.
    triggers: ['lastActivity'],
    actions: ['delete'],
    // A request never confirmed was never consented to: it goes the day after it lapsed.
    defaultRule: { period: 'P1D', trigger: 'lastActivity', action: 'delete', legalBasis: 'consent' },
    retention: {
      async run(run) {
        let afterId = '';
        let total = 0;
        for (;;) {
          const { size, last, count } = await repository.inTransaction(async (repo) => {
            const batch = await repo.listPendingLapsedBefore(run.cutoff, afterId, BATCH);
            const due = batch.filter((id) => !run.heldIds.has(id));
            if (!run.dryRun) await repo.deleteByIds(due);
            return { size: batch.length, last: batch.at(-1) ?? afterId, count: due.length };
          });
          total += count;
          if (size < BATCH) return total;
          afterId = last;
        }
      },
    },
    subject: {
      async find(identity) {
        const rows = await repository.listByHashes(hashesOf(identity));
        return rows.map((row) => ({
          id: row.id,
          createdAt: row.created_at,
          fields: {
            planId: row.plan_id,
            channel: row.channel,
            email: open(row.email_enc, 'offer_subscriptions.email'),
            phone: open(row.phone_enc, 'offer_subscriptions.phone'),
            language: row.language,
            status: row.status,
            confirmedAt: row.confirmed_at,
          },
        }));
      },

      // Erasing a subscription is withdrawing consent: nothing is kept, and no operator has a copy.
      erase(identity, { heldIds }) {
        return repository.inTransaction(async (repo) => {
          const rows = await repo.listByHashes(hashesOf(identity));
          const held = rows.filter((row) => heldIds.has(row.id));
          const erased = rows.filter((row) => !heldIds.has(row.id));
          await repo.deleteByIds(erased.map((row) => row.id));
          return {
            outcomes: [
              ...erased.map((row) => ({ id: row.id, result: 'erased' as const })),
              ...held.map((row) => ({ id: row.id, result: 'kept' as const, reason: 'legalHold' as const })),
            ],
            operatorIds: [],
          };
        });
      },
    },
  };
  return [priceAlerts];
}
