/**
 * The operator register's table. The offers module's first migration (`2026-11-29-20-offers`)
 * created it before the register moved to the platform; that migration stays where it is and
 * unchanged, since databases have applied it under that name. So the table exists wherever the
 * offers module is installed, as it is in every jurisdiction.
 */

/** A licensed operator; its licence id is the id every offer and token names. */
export interface OperatorsTable {
  licence_id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

declare module '../db/database.ts' {
  interface Database {
    operators: OperatorsTable;
  }
}
