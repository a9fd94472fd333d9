import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Role } from '../../../platform/auth/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { defang } from '../reporting/scam-evidence.ts';
import { isIdentifierState, roundOutcome, type IdentifierState, type RoundOutcome } from '../reputation/identifier-state.ts';
import { MOVE_REASONS, type IdentifierStates, type MoveReason } from '../reputation/identifier-states.service.ts';
import type { ScamIdentifierRepository } from '../reputation/scam-identifier.repository.ts';
import { IDENTIFIER_KINDS, type ScamsSettings } from '../scams.settings.ts';
import type { ReviewRepository } from './review.repository.ts';
import { SEALED } from '../shared/sealed-contexts.ts';

/** The states the review queue shows: waiting for a reviewer, being reviewed, or appealed. */
export const QUEUE_STATES = ['threshold_reached', 'under_review', 'appealed'] as const;

/** Identifiers on one page of the queue. */
export const QUEUE_PAGE_SIZE = 25;
/** Reports shown on an identifier's evidence page, newest first. */
export const EVIDENCE_REPORTS_SHOWN = 100;
/** Identifiers shown on a campaign's page, most reported first. */
export const CAMPAIGN_IDENTIFIERS_SHOWN = 200;
/** The longest reason a reviewer may give. */
export const REASON_MAX_LENGTH = 2000;

/** The states from which a reviewer may open a review. */
const OPENABLE: readonly IdentifierState[] = ['reported', 'threshold_reached', 'rejected', 'cleared'];

/** The staff member acting: their account and role (the profile names the senior roles). */
export interface Reviewer {
  userId: string;
  role: Role;
}

/** One identifier of the queue as the page shows it. */
export interface QueueItem {
  id: string;
  kind: string;
  state: string;
  /** The value as reviewers may read it: a domain defanged. */
  shown: string;
  isProtected: boolean;
  isInternationalised: boolean;
  since: string;
  reports: number;
  reporters: number;
  lateReports: number;
  campaignId: string | null;
}

/** One page of the queue. */
export interface QueueView {
  counts: Record<string, number>;
  filter: { state: string | null; kind: string | null };
  page: number;
  pages: number;
  total: number;
  items: QueueItem[];
}

/** One report of the evidence. */
export interface EvidenceReport {
  id: string;
  reference: string;
  /** `sender` when the identifier called or wrote, `link` when the report's text carried it. */
  role: string;
  channel: string;
  medium: string;
  category: string;
  occurredAt: string;
  filedAt: string;
  isLate: boolean;
  /** The text the reporter gave; null once past retention. */
  text: string | null;
  /** The report's links, defanged. */
  links: string[];
  screenshotType: string | null;
  campaignId: string | null;
}

/** One event of the identifier's history. */
export interface HistoryEntry {
  at: string;
  from: string;
  to: string;
  actorType: string;
  /** The staff member's name, null for the system or a token. */
  who: string | null;
  /** A reason code (`MOVE_REASONS`) or the words of the staff member. */
  reasonCode: MoveReason | null;
  note: string | null;
}

/** One decision of the current round. */
export interface RoundReview {
  reviewerId: string;
  who: string | null;
  decision: 'confirm' | 'reject';
  isSenior: boolean;
  reason: string;
  at: string;
}

/** What reviewers see of an identifier. */
export interface EvidenceView {
  identifier: {
    id: string;
    kind: string;
    state: IdentifierState;
    shown: string;
    version: number;
    isProtected: boolean;
    /** The protected list's holder of the value ("likely spoofed: <holder>"), when it is on the list. */
    holder: string | null;
    isInternationalised: boolean;
    firstReportedAt: string;
    lastReportedAt: string;
    stateChangedAt: string;
    confirmedAt: string | null;
  };
  counts: { reports: number; reporters: number; lateReports: number };
  reports: EvidenceReport[];
  campaigns: Array<{ id: string; reports: number; firstSeenAt: string; lastSeenAt: string }>;
  history: HistoryEntry[];
  /** The round under way while the identifier is under review. */
  round: { reviews: RoundReview[]; outcome: RoundOutcome; reviewersToDecide: number } | null;
  can: { open: boolean; decide: boolean; clear: boolean };
}

/** A campaign as reviewers see it. */
export interface CampaignView {
  id: string;
  sample: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  reports: number;
  identifiers: Array<{
    id: string;
    kind: string;
    state: string;
    shown: string;
    isProtected: boolean;
    isInternationalised: boolean;
    reports: number;
    reporters: number;
  }>;
}

/** A field a reviewer must correct, with the message key that says why. */
export interface ReviewIssue {
  field: 'decision' | 'reason';
  key: string;
}

/** What an action came to: a conflict when another reviewer acted first. */
export type ReviewOutcome<T = undefined> =
  { ok: true; value: T } | { ok: false; problem: 'notFound' | 'conflict' | 'notAllowed' } | { ok: false; problem: 'invalid'; issues: ReviewIssue[] };

/** What a decision came to: the identifier's new state when the round decided it. */
export type DecisionResult = { decided: 'confirmed' | 'rejected' | null };

/** The staff's review of reported identifiers: the queue, the evidence, and the decisions that move an identifier. */
export interface ReviewService {
  queue(query: { state?: string | undefined; kind?: string | undefined; page?: number | undefined }): Promise<QueueView>;
  /** Undefined for an unknown identifier. */
  evidence(identifierId: string): Promise<EvidenceView | undefined>;
  /** Opens a review round; `seenState` is the state the reviewer saw. */
  openReview(reviewer: Reviewer, identifierId: string, input: { seenState: string; note: string }): Promise<ReviewOutcome>;
  /** Records the reviewer's decision in the current round, and moves the identifier when the round decides, in one transaction. */
  decide(reviewer: Reviewer, identifierId: string, input: { version: string; decision: string; reason: string }): Promise<ReviewOutcome<DecisionResult>>;
  /** Clears a confirmed identifier (a number reassigned, a mistake found), with the reason. */
  clear(reviewer: Reviewer, identifierId: string, input: { reason: string }): Promise<ReviewOutcome>;
  /** A report's screenshot while it is kept. */
  screenshot(reportId: string): Promise<{ mediaType: string; content: Buffer } | undefined>;
  campaign(campaignId: string): Promise<CampaignView | undefined>;
}

/** The media types a screenshot is served as; anything else stored is served as bytes. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** Thrown inside a decision's transaction to roll it back when the move lost a race. */
class LostRace extends Error {}

/** How a value is compared with the protected list: numbers by their digits, other values without case. */
function comparable(kind: string, value: string): string {
  return kind === 'number' || kind === 'shortCode' ? value.replace(/[^0-9+]/g, '') : value.trim().toLowerCase();
}

/** The value as a page may show it: a domain defanged, never as a link. */
export function shownValue(kind: string, value: string): string {
  return kind === 'domain' ? defang(value) : value;
}

/** A reporter's text with every link in it defanged, so that no page shows a working link. */
export function defangText(text: string): string {
  return text.replace(/\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"]+/gi, (link) => defang(link));
}

function reasonIssues(reason: string): ReviewIssue[] {
  if (reason.trim() === '') return [{ field: 'reason', key: 'scams.review.problem.reasonMissing' }];
  if (reason.length > REASON_MAX_LENGTH) return [{ field: 'reason', key: 'scams.review.problem.reasonTooLong' }];
  return [];
}

/** Builds the service. */
export function createReviewService(deps: {
  repository: ReviewRepository;
  identifiers: ScamIdentifierRepository;
  states: IdentifierStates;
  audit: AuditLog;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  settings: Pick<ScamsSettings, 'review' | 'protected'>;
}): ReviewService {
  const { repository, keyring, settings } = deps;
  // Staff names are sealed by the accounts service under their own context.
  const nameOf = (sealed: string | null) => (sealed === null ? null : keyring.decrypt(sealed, 'users.display_name'));
  const isSenior = (reviewer: Reviewer) => (settings.review.seniorRoles as readonly string[]).includes(reviewer.role);
  const actorOf = (reviewer: Reviewer): Actor => ({ type: 'user', id: reviewer.userId });
  const holderOf = (kind: string, value: string) =>
    settings.protected.find((p) => p.kind === kind && comparable(kind, p.value) === comparable(kind, value))?.holder ?? null;

  return {
    async queue(query) {
      const state = query.state !== undefined && (QUEUE_STATES as readonly string[]).includes(query.state) ? query.state : null;
      const kind = query.kind !== undefined && (IDENTIFIER_KINDS as readonly string[]).includes(query.kind) ? query.kind : null;
      const filter = { states: state === null ? QUEUE_STATES : [state], kind };
      const [counts, total] = await Promise.all([repository.countByState(QUEUE_STATES), repository.countQueue(filter)]);
      const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
      const page = Math.min(pages, Math.max(1, Math.trunc(query.page ?? 1)));
      const rows = await repository.listQueue({ ...filter, limit: QUEUE_PAGE_SIZE, offset: (page - 1) * QUEUE_PAGE_SIZE });
      return {
        counts,
        filter: { state, kind },
        page,
        pages,
        total,
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          state: r.state,
          shown: shownValue(r.kind, keyring.decrypt(r.valueEnc, SEALED.identifierValue)),
          isProtected: r.isProtected,
          isInternationalised: r.isInternationalised,
          since: r.stateChangedAt,
          reports: r.reports,
          reporters: r.reporters,
          lateReports: r.lateReports,
          campaignId: r.campaignId,
        })),
      };
    },

    async evidence(identifierId) {
      const row = await deps.identifiers.findById(identifierId);
      if (!row || !isIdentifierState(row.state)) return undefined;
      const value = keyring.decrypt(row.value_enc, SEALED.identifierValue);
      const [counts, reportRows, campaigns, history] = await Promise.all([
        repository.countsOf(row.id),
        repository.listReports(row.id, EVIDENCE_REPORTS_SHOWN),
        repository.listCampaignsOf(row.id),
        repository.listHistory(row.id),
      ]);
      const links = await repository.listLinks(reportRows.map((r) => r.id));
      const isProtected = row.is_protected === true || Number(row.is_protected) === 1;
      const state = row.state;
      let round: EvidenceView['round'] = null;
      if (state === 'under_review') {
        const reviews = (await repository.listRound(row.id, row.version)).map((r) => ({
          reviewerId: r.reviewerId,
          who: nameOf(r.reviewerNameEnc),
          decision: r.decision === 'confirm' ? ('confirm' as const) : ('reject' as const),
          isSenior: r.isSenior,
          reason: r.reason,
          at: r.createdAt,
        }));
        const outcome = roundOutcome(reviews, { reviewersToDecide: settings.review.reviewersToDecide, isProtected });
        round = { reviews, outcome, reviewersToDecide: settings.review.reviewersToDecide };
      }
      return {
        identifier: {
          id: row.id,
          kind: row.kind,
          state,
          shown: shownValue(row.kind, value),
          version: row.version,
          isProtected,
          holder: holderOf(row.kind, value),
          isInternationalised: row.is_internationalised === true || Number(row.is_internationalised) === 1,
          firstReportedAt: row.first_reported_at,
          lastReportedAt: row.last_reported_at,
          stateChangedAt: row.state_changed_at,
          confirmedAt: row.confirmed_at,
        },
        counts,
        reports: reportRows.map((r) => ({
          id: r.id,
          reference: r.reference,
          role: r.role,
          channel: r.channel,
          medium: r.medium,
          category: r.category,
          occurredAt: r.occurredAt,
          filedAt: r.filedAt,
          isLate: r.isLate,
          text: r.textEnc === null ? null : defangText(keyring.decrypt(r.textEnc, SEALED.reportText)),
          links: links.filter((l) => l.reportId === r.id).map((l) => defang(keyring.decrypt(l.urlEnc, SEALED.linkUrl))),
          screenshotType: r.screenshotType,
          campaignId: r.campaignId,
        })),
        campaigns: campaigns.map((c) => ({ id: c.id, reports: c.reports, firstSeenAt: c.firstSeenAt, lastSeenAt: c.lastSeenAt })),
        history: history.map((h) => {
          const isCode = (MOVE_REASONS as readonly string[]).includes(h.reason);
          return {
            at: h.at,
            from: h.fromState,
            to: h.toState,
            actorType: h.actorType,
            who: nameOf(h.actorNameEnc),
            reasonCode: isCode ? (h.reason as MoveReason) : null,
            note: isCode ? null : h.reason,
          };
        }),
        round,
        can: { open: OPENABLE.includes(state), decide: state === 'under_review', clear: state === 'confirmed' },
      };
    },

    async openReview(reviewer, identifierId, input) {
      if (input.note.length > REASON_MAX_LENGTH)
        return { ok: false, problem: 'invalid', issues: [{ field: 'reason', key: 'scams.review.problem.reasonTooLong' }] };
      const seen = isIdentifierState(input.seenState) ? input.seenState : undefined;
      if (seen === undefined || !OPENABLE.includes(seen)) {
        const row = await deps.identifiers.findById(identifierId);
        return { ok: false, problem: row ? 'conflict' : 'notFound' };
      }
      const moved = await deps.states.move({
        identifierId,
        to: 'under_review',
        actor: actorOf(reviewer),
        reason: 'reviewOpened',
        note: input.note,
        expectedFrom: seen,
      });
      if (moved.ok) return { ok: true, value: undefined };
      return { ok: false, problem: moved.problem === 'notAllowed' ? 'conflict' : moved.problem };
    },

    async decide(reviewer, identifierId, input) {
      const issues: ReviewIssue[] = [];
      if (input.decision !== 'confirm' && input.decision !== 'reject') issues.push({ field: 'decision', key: 'scams.review.problem.decisionMissing' });
      issues.push(...reasonIssues(input.reason));
      if (issues.length > 0) return { ok: false, problem: 'invalid', issues };
      const decision = input.decision === 'confirm' ? 'confirm' : 'reject';
      const version = /^[0-9]{1,9}$/.test(input.version) ? Number(input.version) : -1;
      const existing = await deps.identifiers.findById(identifierId);
      if (!existing) return { ok: false, problem: 'notFound' };
      const isProtected = existing.is_protected === true || Number(existing.is_protected) === 1;
      try {
        return await repository.inTransaction(async (repo, identifiers, tx) => {
          // Holding the row makes a second reviewer's decision wait for this one and then see it, so two agreeing decisions at once still decide.
          if (!(await repo.holdUnderReview(identifierId, version))) return { ok: false as const, problem: 'conflict' as const };
          const at = deps.clock.now().toISOString();
          await repo.saveReview({
            id: deps.ids(),
            identifierId,
            round: version,
            reviewerId: reviewer.userId,
            decision,
            isSenior: isSenior(reviewer),
            reason: input.reason.trim(),
            at,
          });
          await deps.audit.record(tx, {
            actor: actorOf(reviewer),
            action: 'scams.review.decided',
            entityType: 'scam_identifier',
            entityId: identifierId,
            details: { round: version, decision, isSenior: isSenior(reviewer) },
          });
          const reviews = await repo.listRound(identifierId, version);
          const outcome = roundOutcome(
            reviews.map((r) => ({
              reviewerId: r.reviewerId,
              decision: r.decision === 'confirm' ? ('confirm' as const) : ('reject' as const),
              isSenior: r.isSenior,
            })),
            { reviewersToDecide: settings.review.reviewersToDecide, isProtected },
          );
          if (outcome.decided === null) return { ok: true as const, value: { decided: null } };
          const moved = await deps.states.moveIn(identifiers, tx, {
            identifierId,
            to: outcome.decided,
            actor: actorOf(reviewer),
            reason: outcome.decided === 'confirmed' ? 'reviewersConfirmed' : 'reviewersRejected',
            note: input.reason,
            expectedFrom: 'under_review',
          });
          if (!moved.ok) throw new LostRace();
          return { ok: true as const, value: { decided: outcome.decided } };
        });
      } catch (error) {
        if (error instanceof LostRace) return { ok: false, problem: 'conflict' };
        throw error;
      }
    },

    async clear(reviewer, identifierId, input) {
      const issues = reasonIssues(input.reason);
      if (issues.length > 0) return { ok: false, problem: 'invalid', issues };
      const moved = await deps.states.move({
        identifierId,
        to: 'cleared',
        actor: actorOf(reviewer),
        reason: 'staffCleared',
        note: input.reason,
        expectedFrom: 'confirmed',
      });
      if (moved.ok) return { ok: true, value: undefined };
      return { ok: false, problem: moved.problem === 'notAllowed' ? 'conflict' : moved.problem };
    },

    async screenshot(reportId) {
      const found = await repository.findScreenshot(reportId);
      if (!found) return undefined;
      return {
        mediaType: IMAGE_TYPES.has(found.mediaType) ? found.mediaType : 'application/octet-stream',
        content: Buffer.from(keyring.decrypt(found.contentEnc, SEALED.screenshot), 'base64'),
      };
    },

    async campaign(campaignId) {
      const found = await repository.findCampaign(campaignId);
      if (!found) return undefined;
      const identifiers = await repository.listCampaignIdentifiers(campaignId, CAMPAIGN_IDENTIFIERS_SHOWN);
      return {
        id: found.id,
        sample: found.sampleEnc === null ? null : defangText(keyring.decrypt(found.sampleEnc, SEALED.campaignSample)),
        firstSeenAt: found.firstSeenAt,
        lastSeenAt: found.lastSeenAt,
        reports: found.reports,
        identifiers: identifiers.map((i) => ({
          id: i.id,
          kind: i.kind,
          state: i.state,
          shown: shownValue(i.kind, keyring.decrypt(i.valueEnc, SEALED.identifierValue)),
          isProtected: i.isProtected,
          isInternationalised: i.isInternationalised,
          reports: i.reports,
          reporters: i.reporters,
        })),
      };
    },
  };
}
