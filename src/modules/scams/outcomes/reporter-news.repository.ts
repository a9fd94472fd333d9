import { queriesOf, type Executor } from '../../../platform/db/index.ts';

/** A report whose reporter left a contact for news of the outcome. */
export interface ReporterContactRow {
  id: string;
  reference: string;
  contact_enc: string;
  contact_kind: string;
  language: string;
}

/** All SQL of the news to reporters. */
export interface ReporterNewsRepository {
  /** Reports naming the identifier (as sender or link) with a contact, not yet told (`isTold` false) or already told (true), oldest first. */
  reportsWithContact(identifierId: string, isTold: boolean): Promise<ReporterContactRow[]>;
  /** Marks reports as told that they led to action. */
  markTold(reportIds: readonly string[], at: string): Promise<void>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createReporterNewsRepository(executor: Executor): ReporterNewsRepository {
  const db = queriesOf(executor);
  return {
    async reportsWithContact(identifierId, isTold) {
      const rows = await db
        .selectFrom('scam_reports as r')
        .select(['r.id', 'r.reference', 'r.contact_enc', 'r.contact_kind', 'r.language', 'r.filed_at'])
        .where((eb) =>
          eb.exists(
            eb.selectFrom('scam_report_targets as t').select('t.report_id').whereRef('t.report_id', '=', 'r.id').where('t.identifier_id', '=', identifierId),
          ),
        )
        .where('r.contact_enc', 'is not', null)
        .where('r.contact_kind', 'is not', null)
        .where('r.outcome_sent_at', isTold ? 'is not' : 'is', null)
        .orderBy('r.filed_at')
        .orderBy('r.id')
        .execute();
      return rows.flatMap((r) =>
        r.contact_enc !== null && r.contact_kind !== null
          ? [{ id: r.id, reference: r.reference, contact_enc: r.contact_enc, contact_kind: r.contact_kind, language: r.language }]
          : [],
      );
    },
    async markTold(reportIds, at) {
      if (reportIds.length === 0) return;
      for (let i = 0; i < reportIds.length; i += 500)
        await db
          .updateTable('scam_reports')
          .set({ outcome_sent_at: at })
          .where('id', 'in', reportIds.slice(i, i + 500))
          .execute();
    },
  };
}
