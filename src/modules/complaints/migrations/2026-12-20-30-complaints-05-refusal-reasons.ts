import type { Kysely } from 'kysely';

/** Why a message was written, when it answers a step: `refusal` for the consumer's reason to refuse the operator's answer. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('complaint_messages').addColumn('purpose', 'text').execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
