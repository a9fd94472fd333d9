import { randomUUID } from 'node:crypto';
import type { Platform } from '../../../platform/platform.ts';
import { createReviewRowsRepository } from './review-rows.repository.ts';
import { SEALED } from '../shared/sealed-contexts.ts';

/** What a test says of an identifier to insert; the rest takes plain defaults. */
export interface IdentifierSpec {
  kind?: 'number' | 'shortCode' | 'senderId' | 'domain';
  value: string;
  state?: string;
  isProtected?: boolean;
  isInternationalised?: boolean;
  /** When it entered its state (also its first report when no report is older). */
  at?: string;
  version?: number;
}

/** What a test says of one report to insert. */
export interface ReportSpec {
  reporter: string;
  filedAt?: string;
  isLate?: boolean;
  text?: string | null;
  channel?: string;
  medium?: string;
  category?: string;
  campaignId?: string | null;
  /** Links the text carried: each names a `domain` identifier (inserted when absent) and keeps its whole URL. */
  links?: readonly { url: string; domainId: string }[];
  screenshot?: { mediaType: string; content: Buffer };
}

let counter = 0;

/** Inserts identifiers, reports, their targets, campaigns and screenshots exactly as the module's tables hold them (values sealed by the platform's keyring). */
export function reviewRows(platform: Platform) {
  const db = createReviewRowsRepository(platform.db.kysely);
  const { keyring } = platform;
  const now = () => platform.clock.now().toISOString();
  const isoOf = (at: string | undefined) => at ?? now();

  return {
    /** Inserts an identifier and returns its id. */
    async identifier(spec: IdentifierSpec): Promise<string> {
      const id = randomUUID();
      const kind = spec.kind ?? 'number';
      const at = isoOf(spec.at);
      await db.insertIdentifier({
        id,
        kind,
        value_hash: keyring.hash(`${kind}:${spec.value.toLowerCase()}`, 'scam_identifiers.value'),
        value_enc: keyring.encrypt(spec.value, SEALED.identifierValue),
        state: spec.state ?? 'threshold_reached',
        is_protected: spec.isProtected ?? false,
        is_internationalised: spec.isInternationalised ?? false,
        operator_id: kind === 'number' ? 'OP-DEMO-1' : null,
        first_reported_at: at,
        last_reported_at: at,
        threshold_reached_at: spec.state === 'reported' ? null : at,
        confirmed_at: spec.state === 'confirmed' || spec.state === 'appealed' ? at : null,
        cleared_at: spec.state === 'cleared' ? at : null,
        state_changed_at: at,
        version: spec.version ?? 1,
      });
      return id;
    },

    /** Inserts a campaign of `sample` and returns its id. */
    async campaign(sample: string, reports = 0, at?: string): Promise<string> {
      const id = randomUUID();
      counter += 1;
      await db.insertCampaign({
        id,
        text_hash: keyring.hash(`${sample}#${counter}`, 'scam_campaigns.text'),
        sample_enc: keyring.encrypt(sample, SEALED.campaignSample),
        first_seen_at: isoOf(at),
        last_seen_at: isoOf(at),
        reports,
      });
      return id;
    },

    /** Inserts a report naming `identifierId` as its sender, with its link targets and screenshot; returns its id and reference. */
    async report(identifierId: string, spec: ReportSpec): Promise<{ id: string; reference: string }> {
      const id = randomUUID();
      counter += 1;
      const reference = `SC-TEST-${String(counter).padStart(4, '0')}-${id.slice(0, 4).toUpperCase()}`;
      const filedAt = isoOf(spec.filedAt);
      const reporterHash = keyring.hash(spec.reporter, 'scam_reports.reporter');
      const isLate = spec.isLate ?? false;
      await db.insertReport({
        id,
        reference,
        identifier_id: identifierId,
        campaign_id: spec.campaignId ?? null,
        reporter_hash: reporterHash,
        reporter_enc: keyring.encrypt(spec.reporter, SEALED.reporterNumber),
        channel: spec.channel ?? 'web',
        medium: spec.medium ?? 'sms',
        category: spec.category ?? 'delivery',
        occurred_at: filedAt,
        filed_at: filedAt,
        is_late: isLate,
        has_harm: false,
        text_enc: spec.text === null ? null : keyring.encrypt(spec.text ?? 'Your parcel is waiting, pay the fee.', SEALED.reportText),
        contact_enc: null,
        contact_kind: null,
        language: 'en',
        outcome_sent_at: null,
        raw_deleted_at: null,
      });
      const target = { report_id: id, reporter_hash: reporterHash, filed_at: filedAt, occurred_at: filedAt, is_late: isLate };
      await db.insertTarget({ ...target, identifier_id: identifierId, role: 'sender', url_enc: null });
      for (const link of spec.links ?? []) {
        await db.insertTarget({ ...target, identifier_id: link.domainId, role: 'link', url_enc: keyring.encrypt(link.url, SEALED.linkUrl) });
      }
      if (spec.screenshot) {
        await db.insertScreenshot({
          report_id: id,
          media_type: spec.screenshot.mediaType,
          bytes: spec.screenshot.content.length,
          sha256: randomUUID(),
          content_enc: keyring.encrypt(spec.screenshot.content.toString('base64'), SEALED.screenshot),
          created_at: filedAt,
        });
      }
      return { id, reference };
    },
  };
}
