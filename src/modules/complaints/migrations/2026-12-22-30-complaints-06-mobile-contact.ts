import type { Kysely } from 'kysely';

/**
 * A consumer may be reached by text message instead of e-mail: the filing says which way they
 * chose, and keeps a keyed hash of their mobile number beside the sealed number, to find their
 * filings for export and erasure; a draft saved for later keeps the number its code went to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('complaint_filings')
    .addColumn('contact_by', 'text', (c) => c.notNull().defaultTo('email'))
    .execute();
  await db.schema.alterTable('complaint_filings').addColumn('consumer_phone_hash', 'text').execute();
  await db.schema.createIndex('complaint_filings_phone_idx').on('complaint_filings').column('consumer_phone_hash').execute();
  await db.schema.alterTable('complaint_drafts').addColumn('phone_enc', 'text').execute();
  await db.schema.alterTable('complaint_drafts').addColumn('phone_hash', 'text').execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
