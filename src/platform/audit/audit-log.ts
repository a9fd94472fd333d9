import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import type { AuditLogTable } from '../db/platform.tables.ts';
import type { IdGenerator } from '../ids.ts';
import { createAuditRepository } from './audit.repository.ts';
import type { AuditRepository } from './audit.repository.ts';

/** Who made a change: a signed-in user, an API token, or Kinga itself. */
export interface Actor {
  type: 'user' | 'token' | 'system';
  id: string | null;
}

/** One change to record. `details` holds ids, codes and counts, never personal data values. */
export interface AuditEntry {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/** The outcome of checking the whole chain. */
export interface AuditVerification {
  isIntact: boolean;
  entries: number;
  /** The sequence number of the first entry that does not match, when the chain is broken. */
  brokenAt?: number;
  reason?: string;
}

/** The append-only, hash-chained audit log. */
export interface AuditLog {
  /** Appends an entry inside the caller's transaction, so the change and its record commit together. */
  record(trx: Kysely<Database>, entry: AuditEntry): Promise<void>;
  /** Recomputes every hash and reports the first changed, inserted or deleted entry. */
  verify(db: Kysely<Database>): Promise<AuditVerification>;
}

/** Audit details that look like personal data; the message names the key, never the value. */
export class AuditPersonalDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditPersonalDataError';
  }
}

/** The `prev_hash` of the first entry, and the head's hash while the log is empty. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

// Pages keep memory flat when a log of millions of entries is verified.
const VERIFY_PAGE = 1000;

/** Creates the audit log service. */
export function createAuditLog(deps: { clock: Clock; ids: IdGenerator }): AuditLog {
  return {
    async record(trx, entry) {
      const details = entry.details ?? {};
      assertNoPersonalData(details);
      const repository = createAuditRepository(trx);
      const head = await repository.lockHead(AUDIT_GENESIS_HASH);
      const fields: HashedFields = {
        seq: head.seq + 1,
        id: deps.ids(),
        at: deps.clock.now().toISOString(),
        actor_type: entry.actor.type,
        actor_id: entry.actor.id,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId ?? null,
        details,
        prev_hash: head.hash,
      };
      await repository.appendEntry({ ...fields, details: canonicalJson(details), hash: hashEntry(fields) });
    },

    async verify(db) {
      // One snapshot: an append committed while we read must not look like a truncated tail.
      return createAuditRepository(db).readSnapshot(verifyChain);
    },
  };
}

async function verifyChain(repository: AuditRepository): Promise<AuditVerification> {
  let entries = 0;
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let broken: { brokenAt: number; reason: string } | undefined;
  let lastSeq = 0;

  for (;;) {
    const page = await repository.readEntriesAfter(lastSeq, VERIFY_PAGE);
    for (const row of page) {
      entries += 1;
      lastSeq = row.seq;
      if (broken) continue;
      if (row.seq !== expectedSeq) {
        broken = { brokenAt: expectedSeq, reason: `Entry ${expectedSeq} is missing: the log jumps from ${expectedSeq - 1} to ${row.seq}.` };
        continue;
      }
      if (row.prev_hash !== prevHash) {
        broken = { brokenAt: row.seq, reason: `Entry ${row.seq} does not link to the entry before it.` };
        continue;
      }
      const details = parseDetails(row.details);
      if (!details || hashEntry({ ...row, details }) !== row.hash) {
        broken = { brokenAt: row.seq, reason: `Entry ${row.seq} was changed after it was recorded.` };
        continue;
      }
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (page.length < VERIFY_PAGE) break;
  }
  if (broken) return { isIntact: false, entries, ...broken };

  const head = await repository.findHead();
  const headSeq = head?.seq ?? 0;
  const headHash = head?.hash ?? AUDIT_GENESIS_HASH;
  if (headSeq > lastSeq) {
    return { isIntact: false, entries, brokenAt: lastSeq + 1, reason: `Entries ${lastSeq + 1} to ${headSeq} were removed from the end of the log.` };
  }
  if (headSeq < lastSeq) {
    return { isIntact: false, entries, brokenAt: headSeq + 1, reason: `Entries after ${headSeq} were added without passing through the head.` };
  }
  if (headHash !== prevHash) {
    return { isIntact: false, entries, brokenAt: headSeq, reason: `The last entry ${headSeq} does not match the head of the chain.` };
  }
  return { isIntact: true, entries };
}

type Details = Record<string, string | number | boolean | null>;

/** The fields an entry's hash covers: every column but the hash itself, with details parsed. */
type HashedFields = Omit<AuditLogTable, 'hash' | 'details'> & { details: Details };

/** SHA-256 (hex) of the canonical JSON of an entry's fields, its predecessor's hash included. */
function hashEntry(e: HashedFields): string {
  const fields: HashedFields = {
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
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

/** JSON with keys sorted at every level, so equal values always hash the same. */
function canonicalJson(value: unknown): string {
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

function parseDetails(text: string): Details | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Details) : undefined;
  } catch {
    return undefined;
  }
}

// Matched against the words of a key (camelCase, snake_case and kebab-case split apart).
const PERSONAL_FRAGMENTS = ['email', 'phone', 'msisdn', 'imei', 'imsi', 'address', 'password', 'passwd', 'token', 'secret'];
const PERSONAL_WORDS = new Set(['mail', 'name', 'names', 'firstname', 'lastname', 'surname', 'fullname', 'username', 'displayname', 'mobile', 'tel']);
// A key that names an id or a count of a personal thing (`tokenId`, `emailCount`) holds no personal value.
const HARMLESS_LAST_WORDS = new Set(['id', 'ids', 'count']);
const EMAIL_PATTERN = /[^\s@<>()"]+@[^\s@<>()"]+\.[a-z]{2,}/i;
const INTERNATIONAL_PHONE_PATTERN = /\+\d(?:[\s().-]?\d){6,14}/;
const LOCAL_PHONE_PATTERN = /^[\d\s().-]+$/;
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Throws {@link AuditPersonalDataError} when details carry a key named for personal data or a
 * value that looks like an e-mail address or a phone number: the audit log is kept for years
 * and cannot be edited, so personal data written there could never be erased.
 */
export function assertNoPersonalData(details: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(details)) {
    if (isPersonalKey(key)) throw new AuditPersonalDataError(`Audit details may not hold "${key}": its name suggests personal data.`);
    if (value !== null && typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new AuditPersonalDataError(`Audit detail "${key}" must be a string, a finite number, a boolean or null.`);
    }
    if (typeof value === 'string' && looksLikeContact(value)) {
      throw new AuditPersonalDataError(`Audit detail "${key}" looks like an e-mail address or a phone number.`);
    }
  }
}

function isPersonalKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const last = words.at(-1);
  if (last !== undefined && HARMLESS_LAST_WORDS.has(last) && words.length > 1) return false;
  return words.some((w) => PERSONAL_WORDS.has(w) || PERSONAL_FRAGMENTS.some((f) => w.includes(f)));
}

function looksLikeContact(value: string): boolean {
  if (EMAIL_PATTERN.test(value) || INTERNATIONAL_PHONE_PATTERN.test(value)) return true;
  const trimmed = value.trim();
  if (!LOCAL_PHONE_PATTERN.test(trimmed) || ISO_DATE_PATTERN.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15;
}
