/** A licensed operator; its licence id is the id every offer and token names. */
export interface OperatorsTable {
  licence_id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    operators: OperatorsTable;
  }
}
