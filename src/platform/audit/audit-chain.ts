import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../crypto/index.ts';
import type { AuditLogTable } from '../db/platform.tables.ts';

/** The `prev_hash` of the first entry, and the head's hash while the log is empty. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The values an audit entry's details may hold. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** The fields an entry's hash covers: every column but the hash itself, with details parsed. */
export interface ChainedFields extends Omit<AuditLogTable, 'details' | 'hash'> {
  details: AuditDetails;
}

/** The head as its mark covers it: the newest entry's number and hash, and the first keyed entry. */
export interface HeadFields {
  seq: number;
  hash: string;
  keyedFrom: number;
}

/** A checkpoint as its mark covers it. */
export interface CheckpointFields {
  seq: number;
  hash: string;
  madeAt: string;
}

/**
 * The key of the chain. It is derived from the keyring's hash key, which lives outside the
 * database (the key file or `KINGA_DATA_KEYS`) and is never rotated, so whoever holds only the
 * database can neither compute an entry's hash nor the head's mark.
 */
export function auditChainKey(keyring: Keyring): Buffer {
  return keyring.derive('audit-chain');
}

/** HMAC-SHA-256 (hex) of an entry under the chain key: the hash of every entry since the chain was keyed. */
export function keyedEntryHash(key: Buffer, fields: ChainedFields): string {
  return createHmac('sha256', key)
    .update(`entry\u0000${canonicalJson(pick(fields))}`)
    .digest('hex');
}

/** SHA-256 (hex) of an entry, as entries were hashed before the chain was keyed; still read to verify them. */
export function legacyEntryHash(fields: ChainedFields): string {
  return createHash('sha256')
    .update(canonicalJson(pick(fields)))
    .digest('hex');
}

/** The head's mark: an HMAC of its sequence number (the count of entries), hash and first keyed entry. */
export function headMark(key: Buffer, head: HeadFields): string {
  return createHmac('sha256', key).update(`head\u0000${head.seq}\u0000${head.hash}\u0000${head.keyedFrom}`).digest('hex');
}

/** A checkpoint's mark, so a checkpoint edited after it was exported is refused. */
export function checkpointMark(key: Buffer, checkpoint: CheckpointFields): string {
  return createHmac('sha256', key).update(`checkpoint\u0000${checkpoint.seq}\u0000${checkpoint.hash}\u0000${checkpoint.madeAt}`).digest('hex');
}

/** Constant-time equality of two hex strings. */
export function isSameHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** JSON with keys sorted at every level, so equal values always hash the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`A ${typeof value} cannot be written as JSON.`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** Exactly the hashed fields, so a row read back with more columns hashes as it was written. */
function pick(e: ChainedFields): ChainedFields {
  return {
    seq: e.seq,
    id: e.id,
    at: e.at,
    actor_type: e.actor_type,
    actor_id: e.actor_id,
    action: e.action,
    entity_type: e.entity_type,
    entity_id: e.entity_id,
    details: e.details,
    prev_hash: e.prev_hash,
  };
}
