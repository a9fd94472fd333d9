import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { maskNumber, SMS_NUMBER_CONTEXT, type SmsMessageRow, type SmsOutboxRepository } from '../../../platform/sms/index.ts';

/** A text as staff see it: the number masked, never the text (it may hold a one-time code). */
export interface LoggedSms {
  id: string;
  createdAt: string;
  purpose: string;
  to: string;
  route: string | null;
  state: SmsMessageRow['state'];
  parts: number;
  attempts: number;
  error: string | null;
}

/** Delivery of one route over the window. */
export interface RouteDelivery {
  route: string;
  operator: string | null;
  delivered: number;
  failed: number;
  /** Handed to the SMS centre, no final receipt yet. */
  awaiting: number;
  queued: number;
  /** Delivered out of those with a final outcome; null when none has one yet. */
  rate: number | null;
}

/** What the staff page of texts shows. */
export interface SmsLog {
  windowDays: number;
  routes: RouteDelivery[];
  /** The routes' counts summed per operator of the register; routes naming none are left out. */
  operators: Omit<RouteDelivery, 'route'>[];
  messages: LoggedSms[];
  /** The newest texts that failed, whenever they were sent. */
  failed: LoggedSms[];
}

/** The days over which delivery rates are counted on the staff page. */
const WINDOW_DAYS = 7;
/** The newest texts the page lists. */
const LISTED = 100;

/** Counts with their delivery rate: delivered out of those with a final outcome, null while none has one. */
function withRate<T extends { delivered: number; failed: number }>(counts: T): T & { rate: number | null } {
  const finished = counts.delivered + counts.failed;
  return { ...counts, rate: finished === 0 ? null : counts.delivered / finished };
}

/** Reads the outbox for staff: delivery per route and per operator, the newest texts, and what failed. */
export function createSmsLogService(deps: {
  repository: SmsOutboxRepository;
  keyring: Keyring;
  clock: Clock;
  operatorOfRoute: (route: string) => string | null;
}) {
  const { repository, keyring, clock } = deps;
  return {
    async read(): Promise<SmsLog> {
      const since = new Date(clock.now().getTime() - WINDOW_DAYS * 86_400_000).toISOString();
      const counts = await repository.countByRouteAndState(since);
      const byRoute = new Map<string, RouteDelivery>();
      for (const count of counts) {
        const route = count.route ?? '';
        const entry = byRoute.get(route) ?? {
          route,
          operator: count.route === null ? null : deps.operatorOfRoute(count.route),
          delivered: 0,
          failed: 0,
          awaiting: 0,
          queued: 0,
          rate: null,
        };
        if (count.state === 'submitted') entry.awaiting += count.messages;
        else entry[count.state] += count.messages;
        byRoute.set(route, entry);
      }
      const routes = [...byRoute.values()].map(withRate);
      const perOperator = new Map<string, Omit<RouteDelivery, 'route'>>();
      for (const entry of routes) {
        if (entry.operator === null) continue;
        const sum = perOperator.get(entry.operator) ?? { operator: entry.operator, delivered: 0, failed: 0, awaiting: 0, queued: 0, rate: null };
        sum.delivered += entry.delivered;
        sum.failed += entry.failed;
        sum.awaiting += entry.awaiting;
        sum.queued += entry.queued;
        perOperator.set(entry.operator, sum);
      }
      const operators = [...perOperator.values()].map(withRate);
      const logged = (row: SmsMessageRow): LoggedSms => ({
        id: row.id,
        createdAt: row.created_at,
        purpose: row.purpose,
        to: maskNumber(keyring.decrypt(row.to_enc, SMS_NUMBER_CONTEXT)),
        route: row.route,
        state: row.state,
        parts: row.part_count,
        attempts: row.attempts,
        error: row.last_error,
      });
      const messages = (await repository.listMessages({ limit: LISTED })).map(logged);
      const failed = (await repository.listMessages({ limit: LISTED, state: 'failed' })).map(logged);
      return { windowDays: WINDOW_DAYS, routes, operators, messages, failed };
    },
  };
}

/** The SMS log service's interface. */
export type SmsLogService = ReturnType<typeof createSmsLogService>;
