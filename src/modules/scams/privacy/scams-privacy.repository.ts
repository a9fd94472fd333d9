import { sql, type Kysely } from 'kysely';
import { withTransaction, type Database } from '../../../platform/db/index.ts';

/** What stands in for an erased sealed value or keyed hash in a column that may not be null. */
export const ERASED = '';

/** A report as an access archive gives it back, still sealed. */
export interface SealedReport {
  id: string;
  reference: string;
  identifier_id: string;
  reporter_enc: string;
  channel: string;
  medium: string;
  category: string;
  occurred_at: string;
  filed_at: string;
  text_enc: string | null;
  contact_enc: string | null;
  contact_kind: string | null;
  language: string;
  links: readonly string[];
  screenshots: readonly { media_type: string; content_enc: string }[];
}

/** An appeal as an access archive gives it back, still sealed. */
export interface SealedAppeal {
  id: string;
  reference: string;
  statement_enc: string;
  contact_enc: string | null;
  language: string;
  state: string;
  filed_at: string;
  decided_at: string | null;
  decision_reason: string | null;
}

/** A number check as an access archive gives it back, still sealed. */
export interface SealedNumberCheck {
  id: string;
  purpose: string;
  number_enc: string;
  sent_at: string;
  verified_at: string | null;
}

/** All SQL of the scams module's kinds of record: the due records of each rule, what a rule does, and one person's records. */
export interface ScamsPrivacyRepository {
  /** Reports filed before `cutoff` whose raw text, links and screenshots are still there. */
  dueRawEvidence(cutoff: string, afterId: string | null, limit: number): Promise<string[]>;
  /** Deletes the raw text, the links' URLs and the screenshots' content of these reports; the rows stay as counts. */
  deleteRawEvidence(ids: readonly string[], now: string): Promise<void>;
  /** Campaigns last seen before `cutoff` that still hold a sample text. */
  dueCampaignSamples(cutoff: string, afterId: string | null, limit: number): Promise<string[]>;
  /** Deletes these campaigns' sample texts. */
  deleteCampaignSamples(ids: readonly string[]): Promise<void>;
  /** Reports filed before `cutoff` that still name their reporter. */
  dueReporters(cutoff: string, afterId: string | null, limit: number): Promise<string[]>;
  /** Erases the reporter's number and contact of these reports, and the reporters no report names any more. */
  eraseReporters(ids: readonly string[]): Promise<void>;
  /** Decided appeals filed before `cutoff` whose statement is still there. */
  dueAppeals(cutoff: string, afterId: string | null, limit: number): Promise<string[]>;
  /** Erases the statement and contact of these appeals. */
  eraseAppeals(ids: readonly string[]): Promise<void>;
  /** Number checks sent before `cutoff`. */
  dueNumberChecks(cutoff: string, afterId: string | null, limit: number): Promise<string[]>;
  /** Deletes these number checks. */
  deleteNumberChecks(ids: readonly string[]): Promise<void>;
  /** Identifiers never listed (reported, rejected or cleared) and not reported or cleared since `cutoff`, their value still there. */
  dueUnconfirmedIdentifiers(cutoff: string, afterId: string | null, limit: number): Promise<string[]>;
  /** Erases the value and keyed hash of these identifiers: their reports and counts stay, a lookup finds them no more. */
  eraseIdentifiers(ids: readonly string[]): Promise<void>;
  /** The reports whose reporter has one of these keyed hashes, oldest first, with their links and screenshots. */
  reportsByReporter(hashes: readonly string[]): Promise<SealedReport[]>;
  /** Erases everything personal of these reports (reporter, contact, raw text, links, screenshots); counts and states stay. */
  anonymiseReports(ids: readonly string[], now: string): Promise<void>;
  /** The operators served a notice about the identifiers these reports name. */
  operatorsNoticedFor(reportIds: readonly string[]): Promise<string[]>;
  /** The appeals about the identifiers with these keyed hashes, oldest first. */
  appealsByIdentifier(valueHashes: readonly string[]): Promise<SealedAppeal[]>;
  /** The number checks of numbers with these keyed hashes, oldest first. */
  numberChecksByNumber(hashes: readonly string[]): Promise<SealedNumberCheck[]>;
}

const after = (afterId: string | null) => afterId ?? '';

/** Builds the repository over the database. */
export function createScamsPrivacyRepository(db: Kysely<Database>): ScamsPrivacyRepository {
  const inOne = (work: (tx: Kysely<Database>) => Promise<unknown>) => withTransaction(db, work).then(() => undefined);
  const eraseReportersIn = async (tx: Kysely<Database>, ids: readonly string[]) => {
    const hashes = (await tx.selectFrom('scam_reports').select('reporter_hash').where('id', 'in', ids).execute()).map((r) => r.reporter_hash);
    await tx.updateTable('scam_report_targets').set({ reporter_hash: ERASED }).where('report_id', 'in', ids).execute();
    await tx
      .updateTable('scam_reports')
      .set({ reporter_hash: ERASED, reporter_enc: ERASED, contact_enc: null, contact_kind: null })
      .where('id', 'in', ids)
      .execute();
    const named = hashes.filter((h) => h !== ERASED);
    if (named.length > 0)
      await tx
        .deleteFrom('scam_reporters')
        .where('reporter_hash', 'in', named)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('scam_reports as r').select('r.id').whereRef('r.reporter_hash', '=', 'scam_reporters.reporter_hash'))))
        .execute();
  };
  const deleteRawIn = async (tx: Kysely<Database>, ids: readonly string[], now: string) => {
    await tx.updateTable('scam_report_targets').set({ url_enc: null }).where('report_id', 'in', ids).where('url_enc', 'is not', null).execute();
    await tx.updateTable('scam_screenshots').set({ content_enc: null }).where('report_id', 'in', ids).where('content_enc', 'is not', null).execute();
    await tx.updateTable('scam_reports').set({ text_enc: null, raw_deleted_at: now }).where('id', 'in', ids).where('raw_deleted_at', 'is', null).execute();
  };
  return {
    async dueRawEvidence(cutoff, afterId, limit) {
      const rows = await db
        .selectFrom('scam_reports')
        .select('id')
        .where('filed_at', '<', cutoff)
        .where('raw_deleted_at', 'is', null)
        .where('id', '>', after(afterId))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async deleteRawEvidence(ids, now) {
      await inOne((tx) => deleteRawIn(tx, ids, now));
    },
    async dueCampaignSamples(cutoff, afterId, limit) {
      const rows = await db
        .selectFrom('scam_campaigns')
        .select('id')
        .where('last_seen_at', '<', cutoff)
        .where('sample_enc', 'is not', null)
        .where('id', '>', after(afterId))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async deleteCampaignSamples(ids) {
      await db.updateTable('scam_campaigns').set({ sample_enc: null }).where('id', 'in', ids).execute();
    },
    async dueReporters(cutoff, afterId, limit) {
      const rows = await db
        .selectFrom('scam_reports')
        .select('id')
        .where('filed_at', '<', cutoff)
        .where('reporter_enc', '<>', ERASED)
        .where('id', '>', after(afterId))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async eraseReporters(ids) {
      await inOne((tx) => eraseReportersIn(tx, ids));
    },
    async dueAppeals(cutoff, afterId, limit) {
      const rows = await db
        .selectFrom('scam_appeals')
        .select('id')
        .where('filed_at', '<', cutoff)
        .where('state', '<>', 'open')
        .where('statement_enc', '<>', ERASED)
        .where('id', '>', after(afterId))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async eraseAppeals(ids) {
      await db.updateTable('scam_appeals').set({ statement_enc: ERASED, contact_enc: null }).where('id', 'in', ids).execute();
    },
    async dueNumberChecks(cutoff, afterId, limit) {
      const rows = await db
        .selectFrom('scam_number_checks')
        .select('id')
        .where('sent_at', '<', cutoff)
        .where('id', '>', after(afterId))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async deleteNumberChecks(ids) {
      await db.deleteFrom('scam_number_checks').where('id', 'in', ids).execute();
    },
    async dueUnconfirmedIdentifiers(cutoff, afterId, limit) {
      const rows = await db
        .selectFrom('scam_identifiers')
        .select('id')
        .where('state', 'in', ['reported', 'rejected', 'cleared'])
        .where('last_reported_at', '<', cutoff)
        .where((eb) => eb.or([eb('cleared_at', 'is', null), eb('cleared_at', '<', cutoff)]))
        .where('value_enc', '<>', ERASED)
        .where('id', '>', after(afterId))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    async eraseIdentifiers(ids) {
      await db
        .updateTable('scam_identifiers')
        // The hash must stay unique: an erased identifier is keyed by its own id.
        .set({ value_enc: ERASED, value_hash: sql<string>`${'erased:'} || id` })
        .where('id', 'in', ids)
        .execute();
    },
    async reportsByReporter(hashes) {
      const named = hashes.filter((h) => h !== ERASED);
      if (named.length === 0) return [];
      const reports = await db
        .selectFrom('scam_reports')
        .select([
          'id',
          'reference',
          'identifier_id',
          'reporter_enc',
          'channel',
          'medium',
          'category',
          'occurred_at',
          'filed_at',
          'text_enc',
          'contact_enc',
          'contact_kind',
          'language',
        ])
        .where('reporter_hash', 'in', named)
        .orderBy('filed_at')
        .orderBy('id')
        .execute();
      if (reports.length === 0) return [];
      const ids = reports.map((r) => r.id);
      const links = await db
        .selectFrom('scam_report_targets')
        .select(['report_id', 'url_enc'])
        .where('report_id', 'in', ids)
        .where('url_enc', 'is not', null)
        .orderBy('report_id')
        .orderBy('identifier_id')
        .execute();
      const shots = await db
        .selectFrom('scam_screenshots')
        .select(['report_id', 'media_type', 'content_enc'])
        .where('report_id', 'in', ids)
        .where('content_enc', 'is not', null)
        .orderBy('report_id')
        .execute();
      return reports.map((r) => ({
        ...r,
        links: links.filter((l) => l.report_id === r.id).map((l) => l.url_enc ?? ''),
        screenshots: shots.filter((s) => s.report_id === r.id).map((s) => ({ media_type: s.media_type, content_enc: s.content_enc ?? '' })),
      }));
    },
    async anonymiseReports(ids, now) {
      if (ids.length === 0) return;
      await inOne(async (tx) => {
        await deleteRawIn(tx, ids, now);
        await eraseReportersIn(tx, ids);
      });
    },
    async operatorsNoticedFor(reportIds) {
      if (reportIds.length === 0) return [];
      const rows = await db
        .selectFrom('scam_notices')
        .select('operator_id')
        .distinct()
        .where('identifier_id', 'in', (eb) => eb.selectFrom('scam_report_targets').select('identifier_id').where('report_id', 'in', reportIds))
        .orderBy('operator_id')
        .execute();
      return rows.map((r) => r.operator_id);
    },
    async appealsByIdentifier(valueHashes) {
      if (valueHashes.length === 0) return [];
      return db
        .selectFrom('scam_appeals as a')
        .innerJoin('scam_identifiers as i', 'i.id', 'a.identifier_id')
        .select(['a.id', 'a.reference', 'a.statement_enc', 'a.contact_enc', 'a.language', 'a.state', 'a.filed_at', 'a.decided_at', 'a.decision_reason'])
        .where('i.value_hash', 'in', valueHashes)
        .orderBy('a.filed_at')
        .orderBy('a.id')
        .execute();
    },
    async numberChecksByNumber(hashes) {
      if (hashes.length === 0) return [];
      return db
        .selectFrom('scam_number_checks')
        .select(['id', 'purpose', 'number_enc', 'sent_at', 'verified_at'])
        .where('number_hash', 'in', hashes)
        .orderBy('sent_at')
        .orderBy('id')
        .execute();
    },
  };
}
