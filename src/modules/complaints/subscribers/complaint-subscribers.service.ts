import type { Logger } from 'pino';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import { localDateOf } from '../../../platform/calendar.ts';
import type { Clock } from '../../../platform/clock.ts';
import { Invalid } from '../../../platform/http/errors.ts';
import { DEFAULT_UPLOAD_LIMITS, InvalidFile } from '../../../platform/upload-limits.ts';
import type { ComplaintRepository } from '../cases/complaint.repository.ts';
import { subscriberProblem, subscriberRefusal } from './subscriber-messages.ts';
import type { ComplaintService } from '../cases/complaint.types.ts';
import {
  checkQuarter,
  checkQuarterFigures,
  figureKey,
  parseSubscriberCsv,
  quarterOfDate,
  readSubscriberCount,
  SUBSCRIBER_SERVICES,
  type CountIssue,
  type QuarterIssue,
  type SubscriberFigure,
} from './complaint-subscribers.ts';

/** One cell of the staff form as typed: blank means "no figure". */
export interface TypedFigure {
  operatorId: string;
  service: ComplaintService;
  typed: string;
}

/** A problem of the staff form, for the page to name in its own language. */
export type FigureFormIssue = { kind: 'quarter'; issue: QuarterIssue } | { kind: 'count'; operatorId: string; service: ComplaintService; issue: CountIssue };

/** A quarter's figures as the staff form shows them: every operator, every service with subscribers. */
export interface QuarterGrid {
  quarter: string;
  operators: Array<{ id: string; name: string }>;
  services: readonly ComplaintService[];
  /** Figures by {@link figureKey}. */
  figures: ReadonlyMap<string, number>;
}

/** Everything the subscriber service needs, injected. */
export interface SubscriberServiceDeps {
  repository: ComplaintRepository;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** The jurisdiction's time zone: the current quarter is the local one. */
  timeZone: string;
  listOperators(): Promise<Array<{ id: string; name: string }>>;
}

/**
 * Subscriber numbers per operator, service and quarter: the denominators of the published
 * complaint rates. Regulator staff enter a quarter on a form, the `kinga` command imports a file,
 * and a regulator token sends a quarter; every change is one transaction and is audited.
 */
export function createSubscriberService(deps: SubscriberServiceDeps) {
  const { repository, audit, clock, logger } = deps;
  const currentQuarter = () => quarterOfDate(localDateOf(clock.now(), deps.timeZone));

  async function storeQuarter(actor: Actor, quarter: string, figures: readonly SubscriberFigure[], via: string): Promise<number> {
    await repository.inTransaction(async (repo, tx) => {
      const before = await repo.replaceSubscribersOfQuarter(
        quarter,
        figures.map((f) => ({ operator_id: f.operatorId, service: f.service, quarter, subscribers: f.subscribers })),
      );
      await audit.record(tx, {
        actor,
        action: 'complaints.subscribers.saved',
        entityType: 'complaint_subscribers',
        entityId: quarter,
        details: { via, figures: figures.length, before },
      });
    });
    logger.info({ quarter, figures: figures.length, via }, 'subscriber figures saved');
    return figures.length;
  }

  return {
    /** The quarter of today, in the jurisdiction's time zone. */
    currentQuarter,

    /** The form of a quarter: the operators, the services and the figures already stored. */
    async grid(quarter: string): Promise<QuarterGrid> {
      const operators = await deps.listOperators();
      const stored = checkQuarter(quarter, currentQuarter()) === null ? await repository.listSubscribers(quarter) : [];
      return { quarter, operators, services: SUBSCRIBER_SERVICES, figures: new Map(stored.map((r) => [figureKey(r.operator_id, r.service), r.subscribers])) };
    },

    /**
     * Saves a quarter from the staff form: the typed cells become the quarter's figures, a blank
     * cell removes a figure. Returns every problem instead when one cell or the quarter is wrong.
     */
    async saveQuarterForm(
      actor: Actor,
      quarter: string,
      typed: readonly TypedFigure[],
    ): Promise<{ ok: true; saved: number } | { ok: false; issues: FigureFormIssue[] }> {
      const issues: FigureFormIssue[] = [];
      const quarterIssue = checkQuarter(quarter, currentQuarter());
      if (quarterIssue) issues.push({ kind: 'quarter', issue: quarterIssue });
      const operatorIds = new Set((await deps.listOperators()).map((o) => o.id));
      const figures: SubscriberFigure[] = [];
      for (const cell of typed) {
        if (!operatorIds.has(cell.operatorId) || !SUBSCRIBER_SERVICES.includes(cell.service))
          throw new Invalid([subscriberProblem('figures', undefined, 'notOperatorService', { operator: cell.operatorId, service: cell.service })]);
        const count = readSubscriberCount(cell.typed);
        if ('issue' in count) issues.push({ kind: 'count', operatorId: cell.operatorId, service: cell.service, issue: count.issue });
        else if (count.value !== null) figures.push({ operatorId: cell.operatorId, service: cell.service, quarter, subscribers: count.value });
      }
      if (issues.length > 0) return { ok: false, issues };
      return { ok: true, saved: await storeQuarter(actor, quarter, figures, 'form') };
    },

    /** Replaces a quarter's figures with those of a request (the API); throws Invalid naming each wrong entry. */
    async replaceQuarter(
      actor: Actor,
      quarter: string,
      entries: ReadonlyArray<{ operatorId: string; service: string; subscribers: number }>,
    ): Promise<SubscriberFigure[]> {
      const operatorIds = new Set((await deps.listOperators()).map((o) => o.id));
      const checked = checkQuarterFigures(quarter, entries, { operatorIds, currentQuarter: currentQuarter() });
      if (checked.problems.length > 0) throw new Invalid(checked.problems, 'SUBSCRIBERS_INVALID', subscriberRefusal('invalid'));
      await storeQuarter(actor, quarter, checked.figures, 'api');
      return checked.figures;
    },

    /**
     * Imports a subscriber file (CSV): every figure is stored, over an earlier one of the same
     * operator, service and quarter, or none when a line is wrong. Figures the file does not name stay.
     */
    async importFile(actor: Actor, text: string): Promise<{ figures: number; quarters: string[] }> {
      const operatorIds = new Set((await deps.listOperators()).map((o) => o.id));
      const parsed = parseSubscriberCsv(text, { operatorIds, currentQuarter: currentQuarter() });
      if (parsed.problems.length > 0) {
        const listed = parsed.problems.slice(0, DEFAULT_UPLOAD_LIMITS.maxProblems);
        throw new InvalidFile(
          parsed.problems.length,
          listed,
          'SUBSCRIBERS_INVALID',
          listed.length < parsed.problems.length
            ? subscriberRefusal('fileInvalidListed', { count: parsed.problems.length, listed: listed.length })
            : subscriberRefusal('fileInvalid', { count: parsed.problems.length }),
        );
      }
      const quarters = [...new Set(parsed.figures.map((f) => f.quarter))].sort();
      await repository.inTransaction(async (repo, tx) => {
        await repo.upsertSubscribers(
          parsed.figures.map((f) => ({ operator_id: f.operatorId, service: f.service, quarter: f.quarter, subscribers: f.subscribers })),
        );
        await audit.record(tx, {
          actor,
          action: 'complaints.subscribers.imported',
          entityType: 'complaint_subscribers',
          entityId: null,
          details: { figures: parsed.figures.length, quarters: quarters.join(' ') },
        });
      });
      logger.info({ figures: parsed.figures.length, quarters }, 'subscriber file imported');
      return { figures: parsed.figures.length, quarters };
    },

    /** The stored figures, of one quarter or all. */
    async list(quarter?: string): Promise<SubscriberFigure[]> {
      const rows = await repository.listSubscribers(quarter);
      return rows.map((r) => ({ operatorId: r.operator_id, service: r.service, quarter: r.quarter, subscribers: r.subscribers }));
    },
  };
}

/** The subscriber service. */
export type SubscriberService = ReturnType<typeof createSubscriberService>;
