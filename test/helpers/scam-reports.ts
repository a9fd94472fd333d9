import type { Platform } from '../../src/platform/platform.ts';
import { SEALED } from '../../src/modules/scams/shared/sealed-contexts.ts';

/** A scam report filed by a phone, as a channels test reads it from the scams module's tables. */
export interface FiledScamRow {
  reference: string;
  channel: string;
  medium: string;
  category: string;
  language: string;
  senderKind: string;
  sender: string;
  reporter: string;
  text: string;
  campaignId: string | null;
  /** Reports of its campaign. */
  campaignReports: number;
  occurredAt: string;
  filedAt: string;
}

/** The scams module's reports, oldest first, opened with the scams' contexts. */
export async function filedScamReports(platform: Platform): Promise<FiledScamRow[]> {
  const rows = await platform.db.kysely
    .selectFrom('scam_reports as r')
    .innerJoin('scam_identifiers as i', 'i.id', 'r.identifier_id')
    .leftJoin('scam_campaigns as c', 'c.id', 'r.campaign_id')
    .select([
      'r.reference',
      'r.channel',
      'r.medium',
      'r.category',
      'r.language',
      'r.reporter_enc',
      'r.text_enc',
      'r.campaign_id',
      'r.occurred_at',
      'r.filed_at',
      'i.kind',
      'i.value_enc',
      'c.reports',
    ])
    .orderBy('r.filed_at')
    .orderBy('r.reference')
    .execute();
  const open = (value: string | null, context: string) => (value === null ? '' : platform.keyring.decrypt(value, context));
  return rows.map((row) => ({
    reference: row.reference,
    channel: row.channel,
    medium: row.medium,
    category: row.category,
    language: row.language,
    senderKind: row.kind,
    sender: open(row.value_enc, SEALED.identifierValue),
    reporter: open(row.reporter_enc, SEALED.reporterNumber),
    text: open(row.text_enc, SEALED.reportText),
    campaignId: row.campaign_id,
    campaignReports: Number(row.reports ?? 0),
    occurredAt: new Date(row.occurred_at).toISOString(),
    filedAt: new Date(row.filed_at).toISOString(),
  }));
}
