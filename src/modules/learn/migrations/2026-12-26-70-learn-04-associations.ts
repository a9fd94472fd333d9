import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** The directory of consumer associations, their representatives' links and the changes they propose. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('learn_associations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('profile_json', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learn_associations_state_idx').on('learn_associations').columns(['state', 'name']).execute();

  await db.schema
    .createTable('learn_association_reps')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('association_id', 'text', (c) => c.notNull().references('learn_associations.id'))
    .addColumn('linked_at', t.timestamp, (c) => c.notNull())
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learn_association_reps_association_idx').on('learn_association_reps').column('association_id').execute();

  await db.schema
    .createTable('learn_association_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('learn_associations.id'))
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', t.timestamp, (c) => c.notNull())
    .addColumn('profile_json', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', t.timestamp)
    .execute();
  await db.schema.createIndex('learn_association_proposals_state_idx').on('learn_association_proposals').columns(['state', 'proposed_at']).execute();
  await db.schema
    .createIndex('learn_association_proposals_association_idx')
    .on('learn_association_proposals')
    .columns(['association_id', 'proposed_at'])
    .execute();
}
