import { createHmac } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Keys the audit chain: the head gains `keyed_from` (the first entry hashed with the audit key) and
 * `mac`, an HMAC of the head under that key. A log written before keeps its SHA-256 entries, and its
 * head is marked here, in the same transaction as the new columns, so no unmarked head survives the
 * upgrade that a later start could mistake for an old one. Marking needs the audit key, which only
 * the keyring holds: without it, a database that already has entries cannot take this migration.
 */
export function auditKeyMigration(auditKey: Buffer | undefined): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('audit_head').addColumn('keyed_from', 'integer').execute();
      await db.schema.alterTable('audit_head').addColumn('mac', 'text').execute();
      const { rows } = await sql<{ seq: number; hash: string }>`select seq, hash from audit_head where id = 1`.execute(db);
      const head = rows[0];
      if (!head) return;
      if (!auditKey) {
        throw new Error(
          `the audit log holds ${Number(head.seq)} entries written before its chain was keyed, and marking them needs the installation's keys: run \`kinga migrate\` or \`kinga serve\` with KINGA_DATA_KEYS or KINGA_KEY_FILE set`,
        );
      }
      const seq = Number(head.seq);
      const keyedFrom = seq + 1;
      // The mark of version 1, written out here because a migration must not change once released.
      const mac = createHmac('sha256', auditKey).update(`head\u0000${seq}\u0000${head.hash}\u0000${keyedFrom}`).digest('hex');
      await sql`update audit_head set keyed_from = ${keyedFrom}, mac = ${mac} where id = 1`.execute(db);
    },
    async down(): Promise<void> {
      throw new Error('Migrations are forward-only.');
    },
  };
}
