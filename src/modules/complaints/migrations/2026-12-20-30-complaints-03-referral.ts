import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * When each case was referred to its operator (the operator sees nothing of a case before), and
 * which messages the operator may read. Cases referred already take the instant of their first
 * referral, or of a decision their operator must carry out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema.alterTable('complaint_cases').addColumn('referred_at', t.timestamp).execute();
  await sql`update complaint_cases set referred_at = (select min(h.at) from complaint_stage_history h where h.case_id = complaint_cases.id and h.to_stage = 'referred_to_operator')`.execute(
    db,
  );
  await sql`update complaint_cases set referred_at = (select min(d.decided_at) from complaint_decisions d where d.case_id = complaint_cases.id and d.outcome <> 'not_upheld') where referred_at is null`.execute(
    db,
  );
  await db.schema.createIndex('complaint_cases_referred_idx').on('complaint_cases').columns(['operator_id', 'referred_at']).execute();
  await db.schema
    .alterTable('complaint_messages')
    .addColumn('is_shared_with_operator', t.boolean, (c) => c.notNull().defaultTo(dialect === 'postgres' ? sql`false` : sql`0`))
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
