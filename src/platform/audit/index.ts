export { createAuditLog, assertNoPersonalData, AuditPersonalDataError, AUDIT_GENESIS_HASH } from './audit-log.ts';
export type { AuditLog, AuditEntry, Actor, AuditVerification } from './audit-log.ts';
