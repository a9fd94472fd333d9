export {
  createAuditLog,
  assertNoPersonalData,
  parseAuditCheckpoints,
  AuditPersonalDataError,
  AuditChainError,
  AUDIT_GENESIS_HASH,
  CHECKPOINT_KIND,
  HEAD_FORGED_ACTION,
} from './audit-log.ts';
export type { AuditLog, AuditEntry, Actor, AuditVerification, AuditCheckpoint, AuditVerifyOptions } from './audit-log.ts';
export { auditChainKey } from './audit-chain.ts';
