import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** Filings, cases and everything that happens to a case, and subscriber numbers for rates. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('complaint_filings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('consumer_name_enc', 'text', (c) => c.notNull())
    .addColumn('consumer_email_enc', 'text', (c) => c.notNull())
    .addColumn('consumer_email_hash', 'text', (c) => c.notNull())
    .addColumn('consumer_phone_enc', 'text')
    .addColumn('consumer_account_enc', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('extra_support_enc', 'text')
    .addColumn('extra_support_details_enc', 'text')
    .addColumn('consent_at', t.timestamp, (c) => c.notNull())
    .addColumn('on_behalf_consent', t.boolean, (c) => c.notNull())
    .addColumn('filed_by_type', 'text', (c) => c.notNull())
    .addColumn('filed_by_id', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('erased_at', t.timestamp)
    .execute();
  await db.schema.createIndex('complaint_filings_email_idx').on('complaint_filings').column('consumer_email_hash').execute();

  await db.schema
    .createTable('complaint_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('filing_id', 'text', (c) => c.notNull().references('complaint_filings.id'))
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('description_enc', 'text', (c) => c.notNull())
    .addColumn('desired_outcome_enc', 'text', (c) => c.notNull())
    .addColumn('has_prior_contact', t.boolean, (c) => c.notNull())
    .addColumn('prior_contact_date', 'text')
    .addColumn('prior_operator_reference_enc', 'text')
    .addColumn('has_extra_support', t.boolean, (c) => c.notNull())
    .addColumn('is_untimely', t.boolean, (c) => c.notNull())
    .addColumn('is_deadlock', t.boolean, (c) => c.notNull())
    .addColumn('amount_on_hold', 'text')
    .addColumn('assigned_to', 'text')
    .addColumn('filed_at', t.timestamp, (c) => c.notNull())
    .addColumn('stage_entered_at', t.timestamp, (c) => c.notNull())
    .addColumn('escalation_opens_at', t.timestamp, (c) => c.notNull())
    .addColumn('escalation_notified_at', t.timestamp)
    .addColumn('closed_at', t.timestamp)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_cases_filing_idx').on('complaint_cases').column('filing_id').execute();
  await db.schema.createIndex('complaint_cases_operator_idx').on('complaint_cases').columns(['operator_id', 'filed_at']).execute();
  await db.schema.createIndex('complaint_cases_stage_idx').on('complaint_cases').columns(['stage', 'filed_at']).execute();

  const perCase = async (
    name: string,
    build: (table: ReturnType<Kysely<unknown>['schema']['createTable']>) => ReturnType<Kysely<unknown>['schema']['createTable']>,
  ) => {
    await build(
      db.schema
        .createTable(name)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('complaint_cases.id')),
    ).execute();
    await db.schema.createIndex(`${name}_case_idx`).on(name).column('case_id').execute();
  };

  await perCase('complaint_stage_history', (tb) =>
    tb
      .addColumn('from_stage', 'text')
      .addColumn('to_stage', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('at', t.timestamp, (c) => c.notNull()),
  );
  await perCase('complaint_deadlines', (tb) =>
    tb
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('starts_at', t.timestamp, (c) => c.notNull())
      .addColumn('days', 'integer', (c) => c.notNull())
      .addColumn('count', 'text', (c) => c.notNull())
      .addColumn('due_at', t.timestamp, (c) => c.notNull())
      .addColumn('met_at', t.timestamp)
      .addColumn('is_missed', t.boolean, (c) => c.notNull()),
  );
  await db.schema.createIndex('complaint_deadlines_due_idx').on('complaint_deadlines').columns(['met_at', 'due_at']).execute();
  await perCase('complaint_pauses', (tb) =>
    tb
      .addColumn('from_at', t.timestamp, (c) => c.notNull())
      .addColumn('to_at', t.timestamp)
      .addColumn('reason', 'text', (c) => c.notNull()),
  );
  await perCase('complaint_notes', (tb) =>
    tb
      .addColumn('author_id', 'text')
      .addColumn('text_enc', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull()),
  );
  await perCase('complaint_messages', (tb) =>
    tb
      .addColumn('sender', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text')
      .addColumn('text_enc', 'text', (c) => c.notNull())
      .addColumn('is_information_request', t.boolean, (c) => c.notNull())
      .addColumn('answered_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull()),
  );
  await perCase('complaint_assignments', (tb) =>
    tb
      .addColumn('assignee_id', 'text', (c) => c.notNull())
      .addColumn('assigned_by', 'text')
      .addColumn('at', t.timestamp, (c) => c.notNull()),
  );
  await perCase('complaint_responses', (tb) =>
    tb
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text_enc', 'text', (c) => c.notNull())
      .addColumn('amount', 'text')
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull()),
  );
  await perCase('complaint_decisions', (tb) =>
    tb
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('text_enc', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', t.timestamp, (c) => c.notNull()),
  );
  await perCase('complaint_implementations', (tb) =>
    tb
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note_enc', 'text', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('at', t.timestamp, (c) => c.notNull()),
  );
  await perCase('complaint_attachments', (tb) =>
    tb
      .addColumn('file_name_enc', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('content_enc', 'text', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull()),
  );

  await db.schema
    .createTable('complaint_surveys')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('complaint_cases.id'))
    .addColumn('satisfaction', 'integer', (c) => c.notNull())
    .addColumn('was_easy', 'integer')
    .addColumn('comment_enc', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('complaint_subscribers')
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('subscribers', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_subscribers_pk', ['operator_id', 'service', 'quarter'])
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
