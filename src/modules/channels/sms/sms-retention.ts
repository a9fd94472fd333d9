import type { Platform } from '../../../platform/platform.ts';
import { addDailyMaintenanceJob } from '../../../platform/maintenance.ts';
import { createSmsOutboxRepository } from '../../../platform/sms/index.ts';
import { createSmsConversationRepository } from './sms-conversation.repository.ts';

/** The daily job that deletes texts sent and received once they are older than the profile's `sms.retentionDays`, and expired conversations. */
export const SMS_RETENTION_JOB = 'channels.sms-retention';

/**
 * Registers the retention of texts: a text sent (with its parts) or received is deleted, number
 * and all, `retentionDays` after it was queued or received, once it is finished (delivered,
 * failed, or handled); one still waiting is kept until it is.
 */
export function registerSmsRetentionJob(platform: Platform, retentionDays: number): void {
  const repository = createSmsOutboxRepository(platform.db.kysely);
  const conversations = createSmsConversationRepository(platform.db.kysely);
  platform.jobs.register(SMS_RETENTION_JOB, async () => {
    const cutoff = new Date(platform.clock.now().getTime() - retentionDays * 86_400_000).toISOString();
    // A conversation ends when it expires; its row, which holds what the person typed, goes the same day.
    const deleted = (await repository.deleteOlderThan(cutoff)) + (await conversations.deleteExpired(platform.clock.now().toISOString()));
    if (deleted > 0) platform.logger.info({ deleted, cutoff }, 'Texts past their retention deleted');
  });
  addDailyMaintenanceJob(platform, SMS_RETENTION_JOB);
}
