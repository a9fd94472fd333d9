import { randomUUID } from 'node:crypto';
import type { Platform } from '../../../platform/platform.ts';
import { SEALED } from '../shared/sealed-contexts.ts';
import { identifierValueHash } from '../shared/identifier-hash.ts';
import type { IdentifierKind } from '../scams.settings.ts';
import { createPublicRowsRepository } from './public-rows.repository.ts';

/** An identifier as the public side's tests store it, every column given. */
export interface IdentifierRowInput {
  id?: string;
  kind: IdentifierKind;
  value: string;
  state?: string;
  at?: string;
  confirmedAt?: string | null;
  clearedAt?: string | null;
  operatorId?: string | null;
}

/** Inserts an identifier row keyed as intake keys it; answers its id. */
export async function insertIdentifierRow(platform: Platform, input: IdentifierRowInput): Promise<string> {
  const id = input.id ?? randomUUID();
  const at = input.at ?? platform.clock.now().toISOString();
  await createPublicRowsRepository(platform.db.kysely).insertIdentifier({
    id,
    kind: input.kind,
    value_hash: identifierValueHash(platform.keyring, input.kind, input.value),
    value_enc: platform.keyring.encrypt(input.value, SEALED.identifierValue),
    state: input.state ?? 'reported',
    is_protected: false,
    is_internationalised: false,
    operator_id: input.operatorId ?? null,
    first_reported_at: at,
    last_reported_at: at,
    threshold_reached_at: null,
    confirmed_at: input.confirmedAt ?? null,
    cleared_at: input.clearedAt ?? null,
    state_changed_at: at,
    version: 1,
  });
  return id;
}

/** A report as the public side's tests store it: its sender and any links, with a contact when given. */
export interface ReportRowInput {
  id?: string;
  identifierId: string;
  reporter: string;
  category?: string;
  medium?: string;
  filedAt?: string;
  text?: string | null;
  contact?: { kind: 'sms' | 'email'; value: string } | null;
  language?: string;
  links?: { identifierId: string; url: string }[];
  screenshot?: boolean;
}

/** Inserts a report, its sender target, its link targets and its screenshot, as intake stores them; answers its id. */
export async function insertReportRow(platform: Platform, input: ReportRowInput): Promise<string> {
  const id = input.id ?? randomUUID();
  const filedAt = input.filedAt ?? platform.clock.now().toISOString();
  const { keyring } = platform;
  const reporterHash = keyring.hash(input.reporter, 'scam_reports.reporter');
  const report = {
    id,
    reference: `SC-${id.slice(0, 4).toUpperCase()}-${id.slice(4, 8).toUpperCase()}-${id.slice(9, 13).toUpperCase()}`,
    identifier_id: input.identifierId,
    campaign_id: null,
    reporter_hash: reporterHash,
    reporter_enc: keyring.encrypt(input.reporter, SEALED.reporterNumber),
    channel: 'web',
    medium: input.medium ?? 'sms',
    category: input.category ?? 'impersonation',
    occurred_at: filedAt,
    filed_at: filedAt,
    is_late: false,
    has_harm: false,
    text_enc: input.text === null ? null : keyring.encrypt(input.text ?? 'Your account is blocked, call us now', SEALED.reportText),
    contact_enc: input.contact ? keyring.encrypt(input.contact.value, SEALED.reportContact) : null,
    contact_kind: input.contact?.kind ?? null,
    language: input.language ?? 'en',
    outcome_sent_at: null,
    raw_deleted_at: null,
  };
  const target = { report_id: id, reporter_hash: reporterHash, filed_at: filedAt, occurred_at: filedAt, is_late: false };
  const targets = [
    { ...target, identifier_id: input.identifierId, role: 'sender', url_enc: null },
    ...(input.links ?? []).map((l) => ({ ...target, identifier_id: l.identifierId, role: 'link', url_enc: keyring.encrypt(l.url, SEALED.linkUrl) })),
  ];
  const screenshot = input.screenshot
    ? {
        report_id: id,
        media_type: 'image/png',
        bytes: 4,
        sha256: 'x'.repeat(64),
        content_enc: keyring.encrypt('iVBORw==', SEALED.screenshot),
        created_at: filedAt,
      }
    : null;
  await createPublicRowsRepository(platform.db.kysely).insertReport(report, targets, screenshot);
  return id;
}
