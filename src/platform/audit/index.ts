export { createAuditLog } from './audit-log.ts';
export type { AuditLog, AuditEntry, Actor, AuditVerification } from './audit-log.ts';
