import type { Logger } from 'pino';
import type { Clock } from '../../../platform/clock.ts';
import type { Condition } from '../classification/classification-rules.ts';
import type { DeviceStatsRepository } from './device-stats.repository.ts';
import type { MonthCounts } from './month-counts.ts';

/** The monthly public statistics of the register, and the counter of consumer checks. */
export interface DeviceStatsService {
  /** Counts checks; they reach the database within a second, not one write per check. */
  recordChecks(count: number): void;
  /** Writes the checks counted so far. */
  flush(): Promise<void>;
  /** The last `months` months, oldest first, the current month included. */
  monthly(months?: number): Promise<MonthCounts[]>;
}

// A consumer check is a read; one write per check would halve the check rate, so counts are batched.
const FLUSH_MS = 1000;

/** Builds the statistics service. */
export function createDeviceStatsService(deps: {
  repository: DeviceStatsRepository;
  clock: Clock;
  conditions: readonly Condition[];
  logger: Logger;
}): DeviceStatsService {
  const pending = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = [...pending];
    pending.clear();
    for (const [month, count] of batch) await deps.repository.countChecks(month, count);
  };

  return {
    recordChecks(count) {
      if (count <= 0) return;
      const month = deps.clock.now().toISOString().slice(0, 7);
      pending.set(month, (pending.get(month) ?? 0) + count);
      if (timer) return;
      timer = setTimeout(() => {
        flush().catch((error: unknown) => deps.logger.warn({ err: error }, 'device check counts not written'));
      }, FLUSH_MS);
      timer.unref();
    },
    flush,
    async monthly(months = 12) {
      await flush();
      const now = deps.clock.now();
      const list: string[] = [];
      for (let i = months - 1; i >= 0; i -= 1) {
        const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
        list.push(at.toISOString().slice(0, 7));
      }
      return deps.repository.monthly(list, deps.conditions);
    },
  };
}
