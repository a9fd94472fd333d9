import type { Kysely } from 'kysely';

/**
 * A reporter may prove a mobile number instead of an e-mail address, and be sent codes and
 * notices by text: the number (never the stolen phone's) sealed with its keyed hash, and the way
 * the reporter chose to be reached. Sessions and reports stored before were all by e-mail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['device_report_sessions', 'device_theft_reports']) {
    await db.schema.alterTable(table).addColumn('contact_phone_hash', 'text').execute();
    await db.schema.alterTable(table).addColumn('contact_phone_enc', 'text').execute();
    await db.schema
      .alterTable(table)
      .addColumn('notify_by', 'text', (c) => c.notNull().defaultTo('email'))
      .execute();
  }
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
