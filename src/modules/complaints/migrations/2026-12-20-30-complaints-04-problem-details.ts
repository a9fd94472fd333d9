import type { Kysely } from 'kysely';

/**
 * The phone or line number a complaint is about (encrypted, like the account number) and the day
 * the problem started, which complaint forms such as Ofcom's and the FCC's ask for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('complaint_filings').addColumn('service_number_enc', 'text').execute();
  await db.schema.alterTable('complaint_cases').addColumn('problem_started_on', 'text').execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
