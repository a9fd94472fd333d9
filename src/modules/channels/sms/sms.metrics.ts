import { Gauge, type Registry } from 'prom-client';
import type { Platform } from '../../../platform/platform.ts';
import { createSmsOutboxRepository } from '../../../platform/sms/index.ts';
import { runningSmsChannel } from './sms-channel.ts';

/**
 * Adds the SMS gauges to `/metrics`: each route's bind state in this process, the texts waiting in
 * the queue and how long the oldest text handed to an SMS centre has waited for its receipt (both
 * read from the database, so any process reports them), and this process's counts of texts sent
 * and receipts matched or not.
 */
export function registerSmsMetrics(registry: Registry, platform: Platform): void {
  const repository = createSmsOutboxRepository(platform.db.kysely);
  // Both gauges below come from one read per scrape: the registry collects them together.
  let reading: ReturnType<typeof repository.queueDepth> | undefined;
  const depth = () => {
    reading ??= repository.queueDepth().finally(() => setImmediate(() => (reading = undefined)));
    return reading;
  };
  new Gauge({
    name: 'kinga_sms_link_bound',
    help: 'Whether this process holds a bound SMPP link to the route (1) or not (0).',
    labelNames: ['route'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const link of runningSmsChannel(platform)?.sender.status().links ?? []) this.set({ route: link.route }, link.state === 'bound' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'kinga_sms_queue_depth',
    help: 'Texts queued and not yet handed to an SMS centre.',
    registers: [registry],
    async collect() {
      this.set((await depth()).queued);
    },
  });
  new Gauge({
    name: 'kinga_sms_receipt_lag_seconds',
    help: 'How long the oldest text part handed to an SMS centre has waited for its delivery receipt (0 when none waits).',
    registers: [registry],
    async collect() {
      const oldest = (await depth()).oldestUnreceiptedAt;
      this.set(oldest === null ? 0 : Math.max(0, (Date.now() - Date.parse(oldest)) / 1000));
    },
  });
  new Gauge({
    name: 'kinga_sms_sent',
    help: 'Texts this process handed to an SMS centre since it started, and receipts it matched or could not match.',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      const status = runningSmsChannel(platform)?.sender.status();
      this.set({ outcome: 'submitted' }, status?.submitted ?? 0);
      this.set({ outcome: 'receipt_matched' }, status?.receiptsMatched ?? 0);
      this.set({ outcome: 'receipt_unmatched' }, status?.receiptsUnmatched ?? 0);
    },
  });
}
